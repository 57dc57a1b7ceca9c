"""Provenance of published content, kept in git notes `refs/notes/dip-review`.

`dip review verify --catat` writes one JSON note per approved commit on `main`: who
proposed the change, who approved it and when, the pull request and the merge commit.
The publish workflow pushes the notes ref, so the record travels with the repository.
The site and the Sikedip journal read it back per item: an item's provenance is that of
the newest first-parent commit on `main` that changed the item and carries a note.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

NOTES_REF = "refs/notes/dip-review"
MAX_NOTE = 64 * 1024


@dataclass(frozen=True)
class Provenance:
    """Who proposed a change, who approved it and when, the pull request and the merge."""

    pengusul: str
    penyetuju: str
    nama_penyetuju: str
    jabatan_penyetuju: str
    disetujui_pada: str
    pull_request: int
    url_pull_request: str
    commit_gabung: str
    digabung_pada: str

    def to_json(self) -> dict[str, Any]:
        return {"format": 1, **asdict(self)}

    @classmethod
    def from_json(cls, data: Any) -> Provenance | None:
        if not isinstance(data, dict) or data.get("format") != 1:
            return None
        values: dict[str, Any] = {}
        for name in cls.__dataclass_fields__:
            value = data.get(name)
            kind = int if name == "pull_request" else str
            if not isinstance(value, kind) or isinstance(value, bool):
                return None
            values[name] = value
        return cls(**values)


class ProvenanceError(Exception):
    """The notes could not be written (message in Bahasa Indonesia)."""


def _run(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, check=False)


def record(root: Path, approved: list[tuple[str, Provenance]]) -> int:
    """Write the note of every approved commit (replacing an older one); how many."""
    written = 0
    env_args: list[str] = []
    if _run(root, "var", "GIT_COMMITTER_IDENT").returncode != 0:
        env_args = ["-c", "user.name=dip-pipeline", "-c", "user.email=dip-pipeline@localhost"]
    for commit, provenance in approved:
        text = json.dumps(provenance.to_json(), ensure_ascii=False, sort_keys=True)
        proc = _run(
            root,
            *env_args,
            "notes",
            f"--ref={NOTES_REF}",
            "add",
            "-f",
            "-F",
            "-",
            commit,
            stdin=text.encode("utf-8"),
        )
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ProvenanceError(
                f"catatan persetujuan untuk {commit[:12]} tidak dapat ditulis: "
                f"{detail[-1] if detail else 'git notes gagal'}"
            )
        written += 1
    return written


def read_all(root: Path) -> dict[str, Provenance]:
    """Every commit's provenance note; hostile or unreadable notes are skipped."""
    listing = _run(root, "notes", f"--ref={NOTES_REF}", "list")
    if listing.returncode != 0:
        return {}
    pairs = [line.split() for line in listing.stdout.decode("ascii", "replace").splitlines()]
    pairs = [p for p in pairs if len(p) == 2]
    if not pairs:
        return {}
    batch = "".join(f"{blob}\n" for blob, _ in pairs).encode("ascii")
    out = _run(root, "cat-file", "--batch", stdin=batch).stdout
    found: dict[str, Provenance] = {}
    pos = 0
    for _, commit in pairs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        body = out[pos : pos + size]
        pos += size + 1
        if size > MAX_NOTE:
            continue
        provenance = _parse(body)
        if provenance is not None:
            found[commit] = provenance
    return found


def _parse(body: bytes) -> Provenance | None:
    # A note is one JSON object; `git notes append` may have added more lines: last wins.
    for line in reversed(body.decode("utf-8", "replace").splitlines()):
        try:
            return Provenance.from_json(json.loads(line))
        except ValueError:
            continue
    return None


def per_item(root: Path, content_dir: str, items: set[str] | None = None) -> dict[str, Provenance]:
    """Each item's provenance: the newest noted first-parent commit that changed it.

    `items`: only these (a push asks about the few items it sent; the site about all)."""
    if items is not None and not items:
        return {}
    notes = read_all(root)
    if not notes:
        return {}
    sep = "\x1e"
    prefix = content_dir.rstrip("/") + "/"
    # A few items: ask git about their folders only (as gitinfo.fresh_items does).
    specs = (
        [f"{prefix}{i}" for i in sorted(items)] if items and len(items) <= 200 else [content_dir]
    )
    proc = _run(
        root,
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        f"--format={sep}%H",
        "--name-only",
        "--no-renames",
        "--",
        *specs,
    )
    if proc.returncode != 0:
        return {}
    # The newest change decides: an item whose last change carries no note has none, even
    # when an older change was approved.
    newest: dict[str, Provenance | None] = {}
    for record_ in proc.stdout.decode("utf-8", "replace").split(sep)[1:]:
        sha, _, names = record_.partition("\n")
        provenance = notes.get(sha.strip())
        for name in names.splitlines():
            if name.startswith(prefix) and "/" in name[len(prefix) :]:
                newest.setdefault(name[len(prefix) :].split("/", 1)[0], provenance)
    return {
        item: p for item, p in newest.items() if p is not None and (items is None or item in items)
    }
