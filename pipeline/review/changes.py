"""What a pull request changes in the DIP, for the ketua's comment (DESIGN §7).

The work tree is the head, as for `dip check --changed-since`; only the changed items are
read at the base ref, straight out of git objects (`git ls-tree` + `git cat-file --batch`)
into a temporary project, so the cost follows the size of the change, never the size of
the repository, and the work tree and index are never touched. Both versions go through
the one loader and the Sikedip payload builder; the problems are those of `dip check`.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from ..checker import CheckResult, check
from ..files import sha256_file
from ..gitinfo import GitError, changes_since
from ..hashcache import for_project
from ..item import Context, Item, load_item
from ..problems import Problem
from ..project import Config, ConfigError, Unit, load_config
from ..scan.attachments import Progress
from ..scan.cache import ScanCache
from ..scan.inspect import engine_key
from ..sikedip.client import Remote
from ..sikedip.payload import Payload, build_payload
from ..sikedip.plan import CREATE, UNCHANGED, UPDATE, WITHDRAW, make_plan, needed_files
from .fields import FieldChange, diff_fields

BLOCKED = "blocked"  # the head version has errors: nothing can be sent until they are fixed
# Order of the item sections: what needs work first, then what Sikedip will receive.
ACTION_ORDER = {BLOCKED: 0, CREATE: 1, UPDATE: 2, WITHDRAW: 3, UNCHANGED: 4}
_BATCH = 500  # paths per git command line


@dataclass(frozen=True)
class FileInfo:
    """One listed attachment that exists, with what the comment shows of it."""

    berkas: str
    judul: str
    sumber: str
    size: int
    sha256: str
    pages: int | None = None
    problems: tuple[Problem, ...] = ()  # of this file, exactly as `dip check` reports them
    inspected: bool = False  # the attachment scan has a report for these bytes
    upload: bool = False  # sent to Sikedip after merge (Sikedip does not hold it yet)


@dataclass
class Version:
    """One item as loaded at the base ref or in the work tree."""

    id: str
    data: dict[str, Any] | None  # None: item.yaml missing or unreadable
    files: list[FileInfo]
    payload: Payload | None  # None: `dip check` refuses the item, Sikedip never gets it


@dataclass
class ItemChange:
    id: str
    base: Version | None  # None: a new item
    head: Version | None  # None: the folder is gone (withdrawn from Sikedip)
    action: str = UNCHANGED  # create | update | withdraw | unchanged | blocked
    alasan: str | None = None  # withdrawal reason sent to Sikedip
    fields: list[FieldChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    renamed: str | None = None  # the other id when this looks like half of a rename

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Upload:
    sha256: str
    size: int
    berkas: str
    items: tuple[str, ...]


@dataclass
class Review:
    base_ref: str
    base_sha: str
    checked: CheckResult  # `dip check --changed-since base_ref`
    changes: list[ItemChange]
    everything: bool  # schema/units/config changed: the checker looked at every item
    units: dict[str, Unit]
    uploads: list[Upload]
    titles: dict[str, str]  # field titles from the schema, as the site's item page shows

    @property
    def errors(self) -> int:
        return self.checked.errors

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(ACTION_ORDER, 0)
        for change in self.changes:
            out[change.action] += 1
        return out


def gather(config: Config, base_ref: str, progress: Progress | None = None) -> Review:
    """Everything the comment shows; ConfigError (exit 2) for an unknown ref."""
    try:
        changes = changes_since(config, base_ref)
    except GitError as exc:
        raise ConfigError(str(exc)) from None
    base_sha = _git(config.root, "rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}")
    checked = check(config, changed_since=base_ref, progress=progress)
    ctx = Context.create(config)
    scans = ScanCache.for_project(config.root, engine_key())
    by_item = _problems_by_item(config, checked.problems)

    heads: dict[str, Version] = {}
    for item_id in sorted(changes.items):
        folder = config.content_path / item_id
        if folder.is_dir() and not folder.is_symlink():
            heads[item_id] = _head_version(ctx, folder, checked.problems, scans)
    with tempfile.TemporaryDirectory(prefix="dip-dasar-") as tmp:
        bases = _base_versions(config, ctx, base_sha.strip(), sorted(changes.items), Path(tmp))

    titles = _titles(ctx)
    found: list[ItemChange] = []
    for item_id in sorted(changes.items):
        base, head = bases.get(item_id), heads.get(item_id)
        if base is None and head is None:
            continue  # e.g. untracked files in a folder that never held an item
        found.append(
            ItemChange(
                item_id,
                base,
                head,
                fields=diff_fields(base, head, titles, ctx.units or {}),
                problems=by_item.get(item_id, []),
            )
        )
    uploads = _plan(config, found)
    _match_renames(found)
    found.sort(key=lambda c: (ACTION_ORDER[c.action], c.id))
    return Review(
        base_ref,
        base_sha.strip(),
        checked,
        found,
        changes.everything,
        ctx.units or {},
        uploads,
        titles,
    )


def _git(cwd: Path, *args: str) -> str:
    try:
        out = subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            capture_output=True,
            check=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else exc
        raise ConfigError(f"git {args[0]} gagal: {detail}") from None
    return out.stdout


def _problems_by_item(config: Config, problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    prefix = config.content_dir.rstrip("/") + "/"
    out: dict[str, list[Problem]] = {}
    for p in problems:
        if p.path.startswith(prefix):
            out.setdefault(p.path[len(prefix) :].split("/", 1)[0], []).append(p)
    return out


def _titles(ctx: Context) -> dict[str, str]:
    """Field titles from the schema, as the site's item page shows them; `a.b` for nested."""
    out: dict[str, str] = {}
    for key, sub in ctx.schema.schema.get("properties", {}).items():
        out[key] = str(sub.get("title", key))
        inner = sub.get("items", sub) if isinstance(sub, dict) else {}
        for name, leaf in (inner.get("properties") or {}).items():
            out[f"{key}.{name}"] = str(leaf.get("title", name))
    return out


def _entries(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The well-formed `lampiran` entries (an item with schema errors may hold anything)."""
    raw = data.get("lampiran") if data else None
    if not isinstance(raw, list):
        return []
    return [e for e in raw if isinstance(e, dict) and isinstance(e.get("berkas"), str)]


def _files(
    item: Item,
    digest: Any,
    problems: dict[str, list[Problem]] | None = None,
    rel_folder: str = "",
    scans: ScanCache | None = None,
) -> list[FileInfo]:
    present = {a.name: a for a in item.attachments}
    out = []
    for entry in _entries(item.data):
        found = present.get(entry["berkas"])
        if found is None:
            continue  # missing: the checker reports it
        sha = digest(found.path)
        report = scans.get(sha) if scans is not None else None
        out.append(
            FileInfo(
                berkas=found.name,
                judul=str(entry.get("judul", "")),
                sumber=str(entry.get("sumber", "")),
                size=found.size,
                sha256=sha,
                pages=report.pages if report is not None else None,
                problems=tuple((problems or {}).get(f"{rel_folder}/{found.name}", [])),
                inspected=report is not None,
            )
        )
    return out


def _head_version(ctx: Context, folder: Path, problems: list[Problem], scans: ScanCache) -> Version:
    config = ctx.config
    item = load_item(ctx, folder)
    digest = for_project(config.root).digest
    rel_folder = config.rel(folder)
    by_path: dict[str, list[Problem]] = {}
    for p in problems:
        if p.path.startswith(rel_folder + "/"):
            by_path.setdefault(p.path, []).append(p)
    files = _files(item, digest, by_path, rel_folder, scans)
    payload = build_payload(item, digest)
    blocked = any(p.severity == "error" for f in files for p in f.problems)
    return Version(item.id, item.data, files, None if blocked else payload)


# -- the base version, read out of git ----------------------------------------------------


def _base_versions(
    config: Config, ctx: Context, sha: str, ids: list[str], tmp: Path
) -> dict[str, Version]:
    """The changed items as they are at `sha`, loaded with that commit's configuration."""
    if not ids:
        return {}
    prefix = _git(config.root, "rev-parse", "--show-prefix").strip().rstrip("/")
    tree = f"{sha}:{prefix}" if prefix else sha
    content = PurePosixPath(config.content_dir)
    paths = [
        "mkdocs.yml",
        config.units_file,
        "schema/item.schema.json",
        *(str(content / i) for i in ids),
    ]
    blobs: list[tuple[str, str]] = []  # (blob sha, path inside the project)
    for start in range(0, len(paths), _BATCH):
        listing = _git(
            config.root,
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            tree,
            "--",
            *paths[start : start + _BATCH],
        )
        for entry in listing.split("\0"):
            meta, _, path = entry.partition("\t")
            parts = meta.split()
            if len(parts) == 3 and parts[1] == "blob" and parts[0] in ("100644", "100755"):
                blobs.append((parts[2], path))
    _write_blobs(config.root, blobs, tmp)

    (tmp / config.content_dir).mkdir(parents=True, exist_ok=True)
    try:
        base_config = load_config(tmp, today=config.today)
    except ConfigError:
        base_config = replace(config, root=tmp)
    if base_config.content_dir != config.content_dir:
        base_config = replace(base_config, content_dir=config.content_dir)
    base_ctx = _base_context(ctx, base_config, tmp)
    out: dict[str, Version] = {}
    for item_id in ids:
        folder = base_config.content_path / item_id
        if folder.is_dir():
            item = load_item(base_ctx, folder)
            files = _files(item, sha256_file)
            out[item_id] = Version(item.id, item.data, files, build_payload(item, sha256_file))
    return out


def _base_context(head: Context, base_config: Config, tmp: Path) -> Context:
    """The base commit's schema and units; the head's compiled schema when it is the same."""
    from ..project import load_units
    from ..schema import SCHEMA_FILE, load_schema

    try:
        same = (tmp / SCHEMA_FILE).read_bytes() == (head.config.root / SCHEMA_FILE).read_bytes()
    except OSError:
        same = not (tmp / SCHEMA_FILE).exists()
    try:
        schema = head.schema if same else load_schema(tmp)
    except ConfigError:
        schema = head.schema
    units, problems = load_units(base_config)
    return Context(base_config, schema, units if not problems else None, tuple(problems))


def _write_blobs(root: Path, blobs: list[tuple[str, str]], tmp: Path) -> None:
    """Write git blobs under `tmp`, one `git cat-file --batch` for all of them."""
    if not blobs:
        return
    base = tmp.resolve()
    proc = subprocess.Popen(
        ["git", "cat-file", "--batch"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for blob, path in blobs:
            parts = PurePosixPath(path).parts
            if not parts or any(p in ("", ".", "..") for p in parts):
                continue  # never write outside the temporary project
            target = base.joinpath(*parts)
            # One request at a time: the answer is read before the next is written.
            proc.stdin.write(blob.encode("ascii") + b"\n")
            proc.stdin.flush()
            header = proc.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise ConfigError(f"git cat-file tidak memberikan isi {path}")
            remaining = int(header[2])
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                while remaining:
                    chunk = proc.stdout.read(min(remaining, 1 << 20))
                    if not chunk:
                        raise ConfigError(f"git cat-file berhenti di tengah {path}")
                    fh.write(chunk)
                    remaining -= len(chunk)
            proc.stdout.read(1)  # the newline after each object
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait()


# -- what Sikedip receives ----------------------------------------------------------------


def _plan(config: Config, changes: list[ItemChange]) -> list[Upload]:
    """Set each change's action from the payloads (base = what Sikedip holds after the last
    push of the base); return the attachments to upload."""
    payloads: list[Payload] = []
    remote: list[Remote] = []
    for change in changes:
        if change.head is not None and (change.head.payload is None or change.errors):
            change.action = BLOCKED
            continue
        if change.head is not None and change.head.payload is not None:
            payloads.append(change.head.payload)
        base = change.base.payload if change.base is not None else None
        if base is not None:
            remote.append(Remote(change.id, str(base["hash"]), str(base["status"])))
    plan = make_plan(payloads, remote)
    by_id = {c.id: c for c in changes}
    for action in plan.actions:
        by_id[action.id].action = action.kind
        by_id[action.id].alasan = action.alasan
    held = {
        e["sha256"]
        for c in changes
        if c.base is not None and c.base.payload is not None
        for e in c.base.payload.get("lampiran", [])
    }
    uploads = [
        Upload(n.sha256, n.size, n.path.name, n.items)
        for n in needed_files(plan, config.content_path)
        if n.sha256 not in held
    ]
    sent = {u.sha256 for u in uploads}
    for change in changes:
        if change.head is not None and change.action in (CREATE, UPDATE):
            change.head.files = [replace(f, upload=f.sha256 in sent) for f in change.head.files]
    return uploads


def _match_renames(changes: list[ItemChange]) -> None:
    """A folder gone and a new one with the same title or an attachment in common: most
    likely a rename, which the checker treats as a new item plus a withdrawn one."""
    gone = [c for c in changes if c.head is None and c.base is not None]
    new = [c for c in changes if c.base is None and c.head is not None]
    for old in gone:
        assert old.base is not None
        for fresh in new:
            assert fresh.head is not None
            same_title = (
                old.base.data is not None
                and fresh.head.data is not None
                and old.base.data.get("judul") == fresh.head.data.get("judul")
            )
            shared = {f.sha256 for f in old.base.files} & {f.sha256 for f in fresh.head.files}
            if fresh.renamed is None and (same_title or shared):
                old.renamed, fresh.renamed = fresh.id, old.id
                break
