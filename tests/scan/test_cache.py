"""The scan cache remembers reports by sha256 and never trusts what it did not write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.scan.cache import CACHE_FILE, ScanCache
from pipeline.scan.model import Finding, Report

SHA = "a" * 64


def test_reports_survive_a_new_process_with_the_same_rules(tmp_path: Path) -> None:
    cache = ScanCache.for_project(tmp_path, "v1")
    report = Report("pdf", 3, 2, 1, [Finding("DIP-E503", "nomor 6171••••", 2)], ["catatan"])
    cache.put(SHA, report)
    cache.save()
    again = ScanCache.for_project(tmp_path, "v1")
    assert again.get(SHA) == report


def test_other_rules_start_from_nothing(tmp_path: Path) -> None:
    cache = ScanCache.for_project(tmp_path, "v1")
    cache.put(SHA, Report("pdf", 1, 1))
    cache.save()
    assert ScanCache.for_project(tmp_path, "v2-dengan-ocr").get(SHA) is None


def test_a_failed_inspection_is_not_remembered(tmp_path: Path) -> None:
    cache = ScanCache.for_project(tmp_path, "v1")
    cache.put(SHA, Report("pdf", findings=[Finding("DIP-E425", "melewati batas waktu")]))
    cache.save()
    assert ScanCache.for_project(tmp_path, "v1").get(SHA) is None


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\xff bukan json",
        b"[]",
        json.dumps({"engine": "v1", "reports": []}).encode(),
        json.dumps({"engine": "v1", "reports": {SHA: {"kind": "pdf"}}}).encode(),
        json.dumps(
            {"engine": "v1", "reports": {SHA: {"kind": "pdf", "findings": [{"code": "X"}]}}}
        ).encode(),
        json.dumps(
            {
                "engine": "v1",
                "reports": {
                    SHA: {"kind": "pdf", "findings": [{"code": "DIP-E999", "message": "?"}]}
                },
            }
        ).encode(),
        json.dumps(
            {"engine": "v1", "reports": {"pendek": {"kind": "pdf", "findings": []}}}
        ).encode(),
    ],
)
def test_a_broken_or_hostile_cache_counts_as_empty(tmp_path: Path, body: bytes) -> None:
    (tmp_path / CACHE_FILE).parent.mkdir(parents=True)
    (tmp_path / CACHE_FILE).write_bytes(body)
    cache = ScanCache.for_project(tmp_path, "v1")
    assert cache.get(SHA) is None and cache.reports == {}


def test_without_a_project_nothing_is_written(tmp_path: Path) -> None:
    cache = ScanCache.for_project(None, "v1")
    cache.put(SHA, Report("pdf"))
    cache.save()
    assert not any(tmp_path.iterdir())
