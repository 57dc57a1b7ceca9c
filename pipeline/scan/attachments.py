"""Attachment inspection inside `dip check`, `dip build` and `dip sikedip push`.

Item workers name each attachment that passed the file rules together with its sha256
(`targets_of`); the main process then looks every sha256 up in the scan cache and inspects
only the files it has never seen, in the sandbox (`scan_problems`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..item import Item
from ..problems import Problem, problem
from ..project import Config
from .cache import CACHE_FILE, ScanCache
from .inspect import engine_key, kind_of
from .model import Report
from .sandbox import Sandbox


@dataclass(frozen=True)
class Target:
    rel: str  # as shown in problems: content/dip/<id>/<file>
    path: Path
    sha256: str


def targets_of(item: Item, rel_folder: str, digest: Callable[[Path], str]) -> list[Target]:
    """Attachments worth inspecting: listed, present, and without a file-rule error (a
    file whose bytes are not what its name says, or a Git LFS pointer, is already refused)."""
    refused = {p.path for p in item.problems if p.code.startswith("DIP-E4")}
    out = []
    for attachment in item.attachments:
        rel = f"{rel_folder}/{attachment.name}"
        if rel not in refused:
            out.append(Target(rel, attachment.path, digest(attachment.path)))
    return out


class Progress(Protocol):
    """How a command shows a long first inspection (a bar on a terminal, or nothing)."""

    def start(self, total: int) -> None: ...

    def advance(self, done: int) -> None: ...

    def finish(self) -> None: ...


def reports_for(
    targets: list[Target],
    root: Path | None,
    progress: Progress | None = None,
) -> dict[str, Report]:
    """{sha256: report} for every target: from the cache, else inspected in the sandbox."""
    cache = ScanCache.for_project(root, engine_key())
    found: dict[str, Report] = {}
    todo: dict[str, Target] = {}
    for target in targets:
        cached = cache.get(target.sha256)
        if cached is not None:
            found[target.sha256] = cached
        elif target.sha256 not in todo:
            todo[target.sha256] = target
    if todo:
        if progress:
            progress.start(len(todo))
        try:
            with Sandbox() as sandbox:
                jobs = [(sha, t.path, kind_of(t.path.name)) for sha, t in todo.items()]
                for sha, report in sandbox.inspect_many(jobs):
                    found[sha] = report
                    cache.put(sha, report)
                    if progress:
                        progress.advance(1)
        finally:
            if progress:
                progress.finish()
            cache.save()  # what was inspected before an interruption is kept
    return found


def as_problems(targets: list[Target], reports: dict[str, Report]) -> list[Problem]:
    out = []
    for target in targets:
        for finding in reports[target.sha256].findings:
            message = finding.message
            if finding.page is not None and "halaman" not in message:
                message = f"halaman {finding.page}: {message}"
            out.append(problem(target.rel, finding.code, message))
    return out


_VIEWS: dict[Path | None, tuple[int, ScanCache]] = {}


def _cached_view(root: Path | None) -> ScanCache:
    """The project's scan cache as this process last read it (read again when the file
    changed): item workers answer known files themselves, in parallel."""
    path = root / CACHE_FILE if root is not None else None
    try:
        stamp = path.stat().st_mtime_ns if path is not None else 0
    except OSError:
        stamp = -1
    seen = _VIEWS.get(root)
    if seen is None or seen[0] != stamp:
        seen = (stamp, ScanCache.for_project(root, engine_key()))
        _VIEWS[root] = seen
    return seen[1]


def known_problems(targets: list[Target], root: Path | None) -> tuple[list[Problem], list[Target]]:
    """(problems of the targets whose report is cached, targets never inspected)."""
    if not targets:
        return [], []
    cache = _cached_view(root)
    found: dict[str, Report] = {}
    misses = []
    for target in targets:
        report = cache.get(target.sha256)
        if report is None:
            misses.append(target)
        else:
            found[target.sha256] = report
    known = [t for t in targets if t.sha256 in found]
    return as_problems(known, found), misses


def scan_problems(
    config: Config, targets: list[Target], progress: Progress | None = None
) -> list[Problem]:
    """Every finding in the attachments, as problems of their files."""
    if not targets:
        return []
    return as_problems(targets, reports_for(targets, config.root, progress))
