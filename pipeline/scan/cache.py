"""Inspection reports remembered by the file's sha256, so an unchanged file is never
inspected twice (locally, and in CI when `.dip/cache` is kept between runs).

One JSON file holds every report made with the same rules (`engine_key`): new rules, a new
pypdf or OCR becoming available start a fresh cache. A report that says the inspection
itself failed (DIP-E425, e.g. a busy machine hit the time limit) is not remembered. A
broken or hostile cache file is ignored; a report is only accepted in the exact shape we
write. The cache can only be written by someone who can already change the content (the
checkout), and in CI a pull request's cache is never restored on `main`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from .model import Report

CACHE_FILE = ".dip/cache/pindai.json"
RETRY_CODES = frozenset({"DIP-E425"})


class ScanCache:
    def __init__(self, path: Path | None, engine: str) -> None:
        self.path = path
        self.engine = engine
        self.reports: dict[str, Report] = {}
        self.dirty = False
        if path is not None:
            self._load(path)

    @classmethod
    def for_project(cls, root: Path | None, engine: str) -> ScanCache:
        return cls(root / CACHE_FILE if root is not None else None, engine)

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("engine") != self.engine:
            return
        reports = data.get("reports")
        if not isinstance(reports, dict):
            return
        for sha, raw in reports.items():
            if not (isinstance(sha, str) and len(sha) == 64):
                continue
            try:
                self.reports[sha] = Report.from_json(raw)
            except (ValueError, KeyError, TypeError):
                continue

    def get(self, sha256: str) -> Report | None:
        return self.reports.get(sha256)

    def put(self, sha256: str, report: Report) -> None:
        if any(f.code in RETRY_CODES for f in report.findings):
            return
        self.reports[sha256] = report
        self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        body = {
            "engine": self.engine,
            "reports": {sha: r.to_json() for sha, r in sorted(self.reports.items())},
        }
        with contextlib.suppress(OSError):  # no cache on a read-only checkout
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".pindai-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(body, fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        self.dirty = False
