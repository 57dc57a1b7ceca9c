"""What the site shows, computed once per build from the one loader and git."""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..checker import item_folders
from ..files import MEDIA_TYPES, sha256_file
from ..hashcache import for_project
from ..item import Context, Item, load_item
from ..parallel import map_items
from ..problems import Problem
from ..project import Config, Unit
from ..review import provenance
from ..review.provenance import Provenance
from ..scan.attachments import Target, known_problems, scan_problems, targets_of

log = logging.getLogger("mkdocs.plugins.dip")


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # ISO 8601 with offset
    author: str
    subject: str


@dataclass(frozen=True)
class AttachmentInfo:
    berkas: str
    judul: str
    sumber: str
    path: Path
    size: int
    sha256: str
    pages: int | None
    media_type: str


@dataclass
class SiteItem:
    id: str
    data: dict[str, Any]
    attachments: list[AttachmentInfo] = field(default_factory=list)
    history: list[Commit] = field(default_factory=list)
    nomor: int | None = None  # row number in the register
    provenance: Provenance | None = None  # who proposed and approved the last change

    @property
    def kategori(self) -> str:
        return str(self.data["kategori"])

    @property
    def published(self) -> bool:
        return bool(self.data["status"] == "terbit")

    @property
    def exempt(self) -> bool:
        return self.kategori == "dikecualikan"

    @property
    def last_change(self) -> str:
        """Date of the last commit touching the item, else its creation date."""
        return self.history[0].date[:10] if self.history else str(self.data["waktu_pembuatan"])


_PAGES: dict[str, int | None] = {}


def pdf_pages(path: Path, sha256: str) -> int | None:
    """Page count, once per distinct file content; None when pypdf cannot tell."""
    if sha256 not in _PAGES:
        from pypdf import PdfReader

        try:
            _PAGES[sha256] = len(PdfReader(path, strict=False).pages)
        except Exception:  # any malformed PDF: the page count is unknown, not fatal
            _PAGES[sha256] = None
    return _PAGES[sha256]


def attachment_info(
    item: Item, digest: Callable[[Path], str] = sha256_file
) -> list[AttachmentInfo]:
    assert item.data is not None
    by_name = {a.name: a for a in item.attachments}
    out = []
    for entry in item.data.get("lampiran") or []:
        found = by_name.get(entry["berkas"])
        if found is None:
            continue
        sha = digest(found.path)
        ext = found.name.rsplit(".", 1)[-1].lower()
        pages = pdf_pages(found.path, sha) if ext == "pdf" else None
        out.append(
            AttachmentInfo(
                entry["berkas"],
                entry["judul"],
                entry["sumber"],
                found.path,
                found.size,
                sha,
                pages,
                MEDIA_TYPES.get(ext, "application/octet-stream"),
            )
        )
    return out


def git_history(config: Config) -> dict[str, list[Commit]] | None:
    """Commits per item id, newest first, in one `git log` pass; None outside git."""
    sep, end = "\x1f", "\x1e"
    try:
        out = subprocess.run(
            [
                "git",
                "log",
                f"--format={end}%H{sep}%aI{sep}%an{sep}%s",
                "--name-only",
                "--no-renames",
                "--",
                config.content_dir,
            ],
            cwd=config.root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    prefix = config.content_dir.rstrip("/") + "/"
    history: dict[str, list[Commit]] = {}
    for record in out.split(end)[1:]:
        head, _, names = record.partition("\n")
        sha, date, author, subject = [*head.split(sep), "", "", "", ""][:4]
        commit = Commit(sha, date, author, subject)
        touched = {
            n[len(prefix) :].split("/", 1)[0]
            for n in names.splitlines()
            if n.startswith(prefix) and "/" in n[len(prefix) :]
        }
        for item_id in touched:
            history.setdefault(item_id, []).append(commit)
    return history


@dataclass
class SiteData:
    config: Config
    units: dict[str, Unit]
    items: list[SiteItem]
    problems: list[Problem]
    has_git: bool
    rows: dict[tuple[str, str], str] = field(default_factory=dict)  # rendered register rows

    # Computed once: pages ask for these thousands of times at 10,000 items.
    @cached_property
    def register(self) -> list[SiteItem]:
        return [i for i in self.items if i.published and not i.exempt]

    @cached_property
    def exempt(self) -> list[SiteItem]:
        return [i for i in self.items if i.published and i.exempt]


def site_item(item: Item, digest: Callable[[Path], str] = sha256_file) -> SiteItem | None:
    """What the site needs of a loaded item; None when it has errors. `digest`: the
    project's attachment hash cache, so `dip build` does not read every file again."""
    if item.data is None or not item.ok:
        return None
    return SiteItem(item.id, item.data, attachment_info(item, digest))


def _load_for_site(
    ctx: Context, folder: Path
) -> tuple[list[Problem], SiteItem | None, list[Target]]:
    """One item as the site needs it (module level: runs in worker processes too)."""
    item = load_item(ctx, folder)
    errors = [p for p in item.problems if p.severity == "error"]
    targets = targets_of(item, ctx.config.rel(folder), for_project(ctx.config.root).digest)
    found, misses = known_problems(targets, ctx.config.root)
    errors.extend(p for p in found if p.severity == "error")
    kept = site_item(item, for_project(ctx.config.root).digest) if not found else None
    return errors, kept, misses


# Items already loaded and checked by `dip build` in this process, by project root.
_PRELOADED: dict[Path, list[SiteItem]] = {}


def preload(root: Path, items: list[SiteItem]) -> None:
    _PRELOADED[root.resolve()] = items


def load_site(config: Config) -> SiteData:
    """Every item through `load_item`; a single error anywhere stops the build."""
    ctx = Context.create(config)
    preloaded = _PRELOADED.pop(config.root.resolve(), None)
    problems: list[Problem] = []
    items: list[SiteItem] = []
    if preloaded is not None:
        items = preloaded  # checked moments ago by `dip build`, with no error
    else:
        folders, stray = item_folders(config)
        problems = [*ctx.unit_problems, *stray]
        targets: list[Target] = []
        for item_problems, loaded, item_targets in map_items(ctx, folders, _load_for_site):
            problems.extend(item_problems)
            targets.extend(item_targets)
            if loaded is not None:
                items.append(loaded)
        # Attachments that may not be published stop the build, as in `dip check`.
        problems.extend(p for p in scan_problems(config, targets) if p.severity == "error")
    history = git_history(config) or {}
    approvals = provenance.per_item(config.root, config.content_dir) if history else {}
    for site_item in items:
        site_item.history = history.get(site_item.id, [])
        site_item.provenance = approvals.get(site_item.id)
    return SiteData(
        config,
        ctx.units or {},
        items if not problems else [],
        problems,
        bool(history) or _in_git(config),
    )


def _in_git(config: Config) -> bool:
    return git_history(config) is not None
