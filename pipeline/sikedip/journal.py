"""The push journal, kept in the repository's history as git notes.

Each push appends one JSON line to the note of the commit it published, under
`refs/notes/sikedip`: when, which commit (and whether the work tree was clean), which
target, and per item what was sent and what Sikedip answered. Unchanged items are counted,
not listed: the commit itself says what they are. CI pushes the notes ref with the site
(`git push origin refs/notes/sikedip`), so the record outlives the CI log.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from ..review.provenance import Provenance
from .push import PushReport

NOTES_REF = "refs/notes/sikedip"
FORMAT = 1


class JournalError(Exception):
    """The journal could not be written or read (message in Bahasa Indonesia)."""


def _git_bytes(
    root: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=root,
            input=stdin.encode("utf-8") if stdin is not None else None,
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError as exc:
        raise JournalError(f"git tidak dapat dijalankan: {exc.strerror}") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise JournalError(lines[-1] if lines else f"git {args[0]} gagal")
    return proc.stdout


def _git(
    root: Path, *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> str:
    return _git_bytes(root, *args, stdin=stdin, env=env).decode("utf-8", "replace")


def head_commit(root: Path, content_dir: str) -> tuple[str, bool] | None:
    """(HEAD sha, whether the content is committed as is); None outside git."""
    try:
        sha = _git(root, "rev-parse", "--verify", "--quiet", "HEAD").strip()
        dirty = _git(root, "status", "--porcelain", "--untracked-files=all", "--", content_dir)
    except JournalError:
        return None
    return sha, not dirty.strip()


def entry(
    report: PushReport,
    commit: str,
    clean: bool,
    approvals: dict[str, Provenance] | None = None,
) -> dict[str, Any]:
    """The journal line of one push; `approvals` = each item's provenance (who approved)."""
    approvals = approvals or {}
    return {
        "format": FORMAT,
        "started": report.started,
        "finished": report.finished,
        "commit": commit,
        "clean": clean,
        "target": report.target,
        "complete": report.complete,
        "interrupted": report.interrupted,
        "error": report.error,
        "counts": report.counts,
        "files": {
            "needed": report.files_needed,
            "sent": report.files_sent,
            "bytes": report.bytes_sent,
        },
        "items": [
            {
                "id": r.id,
                "action": r.action,
                "result": r.outcome,
                "remote_hash": r.remote_hash,
                **({"message": r.message} if r.message else {}),
                **({"asal_usul": approvals[r.id].to_json()} if r.id in approvals else {}),
            }
            for r in report.results
        ],
    }


def _identity_env() -> dict[str, str]:
    """git notes makes a commit; CI checkouts often have no identity configured."""
    env = dict(os.environ)
    for key, value in (
        ("GIT_COMMITTER_NAME", "dip sikedip push"),
        ("GIT_COMMITTER_EMAIL", "dip@localhost"),
        ("GIT_AUTHOR_NAME", "dip sikedip push"),
        ("GIT_AUTHOR_EMAIL", "dip@localhost"),
    ):
        env.setdefault(key, value)
    return env


def record(root: Path, data: dict[str, Any]) -> None:
    """Append one push to the note of its commit."""
    line = json.dumps(data, ensure_ascii=False, sort_keys=True)
    env = None
    try:
        _git(root, "var", "GIT_COMMITTER_IDENT")
    except JournalError:
        env = _identity_env()
    notes = ("notes", f"--ref={NOTES_REF}", "append", "-F", "-", data["commit"])
    _git(root, *notes, stdin=line, env=env)


def read(root: Path, commit: str | None = None) -> list[dict[str, Any]]:
    """Every recorded push (newest first), or those of one commit."""
    try:
        listing = _git(root, "notes", f"--ref={NOTES_REF}", "list", *([commit] if commit else []))
    except JournalError as exc:
        if commit is not None and "no note found" in str(exc).lower():
            return []
        if commit is None and not _has_ref(root):
            return []
        raise
    blobs = [line.split()[0] for line in listing.splitlines() if line.strip()]
    if not blobs:
        return []
    out = _git_bytes(root, "cat-file", "--batch", stdin="\n".join(blobs) + "\n")
    entries = []
    for line in _note_lines(out):
        try:
            data = json.loads(line)
        except ValueError:
            continue  # a line that is not ours (hand-written note): not a push record
        if isinstance(data, dict) and data.get("format") == FORMAT:
            entries.append(_printable(data))
    entries.sort(key=lambda e: str(e.get("started", "")), reverse=True)
    return entries


def _printable(value: Any) -> Any:
    """Notes can be written by anyone with push access: no control characters reach a
    terminal, and item rows keep only the fields we wrote."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch.isprintable())
    if isinstance(value, list):
        return [_printable(v) for v in value]
    if isinstance(value, dict):
        out = {str(_printable(k)): _printable(v) for k, v in value.items()}
        if isinstance(out.get("items"), list):
            out["items"] = [
                row
                for row in out["items"]
                if isinstance(row, dict)
                and all(isinstance(row.get(k), str) for k in ("id", "action", "result"))
            ]
        return out
    return value


def _has_ref(root: Path) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", NOTES_REF)
    except JournalError:
        return False
    return True


def _note_lines(data: bytes) -> list[str]:
    """Lines of every blob in `git cat-file --batch` output."""
    lines: list[str] = []
    pos = 0
    while pos < len(data):
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) != 3:
            break
        size = int(header[2])
        lines.extend(data[pos : pos + size].decode("utf-8", "replace").splitlines())
        pos += size + 1
    return [line for line in lines if line.strip()]
