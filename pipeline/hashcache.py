"""sha256 of attachments, remembered by file identity so an unchanged file is hashed once.

The key is what git's index uses to decide a file is unchanged: size, mtime and ctime in
nanoseconds and the inode. A file changed within the same timestamp tick as the hashing
("racy" in git's terms) is not remembered. The cache is an optimisation only: a missing,
unreadable or hostile cache file is ignored, and a stale entry can only miss, never lie,
unless someone rewrites a file keeping size, times and inode — which needs root.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path

from .files import sha256_file

CACHE_FILE = ".dip/cache/sha256-v1.json"
# Files modified this recently are hashed but not remembered (same-tick changes).
RACY_SECONDS = 2.0

Entry = tuple[int, int, int, int, str]  # size, mtime_ns, ctime_ns, inode, sha256


class HashCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / CACHE_FILE
        self.known: dict[str, Entry] = {}
        self.new: dict[str, Entry] = {}
        self._loaded = False
        self._prefix = os.fspath(root) + os.sep

    def _load(self) -> None:
        self._loaded = True
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if not isinstance(data, dict):
            return
        for key, value in data.items():
            if (
                isinstance(value, list)
                and len(value) == 5
                and all(isinstance(v, int) for v in value[:4])
                and isinstance(value[4], str)
                and len(value[4]) == 64
            ):
                self.known[key] = (value[0], value[1], value[2], value[3], value[4])

    def digest(self, path: Path) -> str:
        # Strings, not pathlib: this runs for every attachment of 10,000 items.
        text = os.fspath(path)
        if not self._loaded:
            self._load()
        st = os.stat(text, follow_symlinks=False)
        key = text[len(self._prefix) :] if text.startswith(self._prefix) else text
        ident = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = self.known.get(key)
        if known is not None and known[:4] == ident:
            sha = known[4]
        else:
            sha = sha256_file(text)
            if time.time_ns() - st.st_mtime_ns > RACY_SECONDS * 1e9:
                self.new[key] = (*ident, sha)
        return sha

    def take_new(self) -> dict[str, Entry]:
        """Entries learnt since the last call (a worker hands them to the main process)."""
        new, self.new = self.new, {}
        return new

    def save(self, new: dict[str, Entry], keep: set[str] | None = None) -> None:
        """Merge entries learnt (in any process) and write the cache atomically.
        `keep`: the keys still in use; others are dropped so the file cannot grow forever."""
        if not new and keep is None:
            return
        if not self._loaded:
            self._load()
        merged = {**self.known, **new}
        if keep is not None:
            merged = {k: v for k, v in merged.items() if k in keep}
        if merged == self.known:
            return
        with contextlib.suppress(OSError):  # a read-only checkout simply gets no cache
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".sha256-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({k: list(v) for k, v in merged.items()}, fh, separators=(",", ":"))
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        self.known = merged


_CACHES: dict[Path, HashCache] = {}


def for_project(root: Path) -> HashCache:
    """One cache per project and process (worker processes load their own)."""
    if root not in _CACHES:
        _CACHES[root] = HashCache(root)
    return _CACHES[root]
