"""The attachment hash cache: hashes a file once, never answers for changed content."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pipeline import hashcache
from pipeline.hashcache import CACHE_FILE, HashCache


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = hashcache.sha256_file

    def counting(path: str | Path) -> str:
        calls.append(str(path))
        return real(path)

    monkeypatch.setattr(hashcache, "sha256_file", counting)
    return calls


def old_file(path: Path, data: bytes) -> Path:
    """A file last changed well before now (not 'racy')."""
    path.write_bytes(data)
    os.utime(path, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    return path


def test_an_unchanged_file_is_hashed_once_across_runs(tmp_path: Path, counted: list[str]) -> None:
    path = old_file(tmp_path / "a.pdf", b"%PDF-satu")
    first = HashCache(tmp_path)
    assert first.digest(path) == hashlib.sha256(b"%PDF-satu").hexdigest()
    first.save(first.take_new())
    second = HashCache(tmp_path)
    assert second.digest(path) == hashlib.sha256(b"%PDF-satu").hexdigest()
    assert len(counted) == 1


def test_changed_content_with_the_same_size_and_time_is_hashed_again(
    tmp_path: Path, counted: list[str]
) -> None:
    path = old_file(tmp_path / "a.pdf", b"%PDF-satu")
    cache = HashCache(tmp_path)
    cache.digest(path)
    cache.save(cache.take_new())
    old_file(path, b"%PDF-dua!")  # same size, same mtime: ctime still moves
    again = HashCache(tmp_path)
    assert again.digest(path) == hashlib.sha256(b"%PDF-dua!").hexdigest()
    assert len(counted) == 2


def test_a_file_changed_just_now_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "baru.pdf"
    path.write_bytes(b"%PDF-baru")
    cache = HashCache(tmp_path)
    cache.digest(path)
    assert cache.take_new() == {}


@pytest.mark.parametrize(
    "content",
    [
        b"bukan json",
        b"[]",
        b'{"a.pdf": [1, 2, 3]}',
        b'{"a.pdf": [9, 1, 1, 1, "' + b"0" * 64 + b'"]}',
    ],
)
def test_a_broken_or_hostile_cache_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = old_file(tmp_path / "a.pdf", b"%PDF-satu")
    (tmp_path / CACHE_FILE).parent.mkdir(parents=True)
    (tmp_path / CACHE_FILE).write_bytes(content)
    assert HashCache(tmp_path).digest(path) == hashlib.sha256(b"%PDF-satu").hexdigest()


def test_entries_no_longer_in_use_are_dropped(tmp_path: Path) -> None:
    one, two = old_file(tmp_path / "a.pdf", b"a"), old_file(tmp_path / "b.pdf", b"b")
    cache = HashCache(tmp_path)
    cache.digest(one)
    cache.digest(two)
    cache.save(cache.take_new())
    cache.save({}, keep={"a.pdf"})
    fresh = HashCache(tmp_path)
    fresh._load()
    assert set(fresh.known) == {"a.pdf"}
