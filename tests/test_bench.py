"""`dip bench`: the generator, the Hugo conversion and the command's plumbing (not timings)."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import RunDip

from pipeline.bench.command import search_index_size
from pipeline.bench.generate import generate
from pipeline.bench.hugo import COLUMNS, write_hugo_site


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_bench_check_stage_runs(dip: RunDip, tmp_path: Path) -> None:
    out = dip("bench", "--items", "30", "--tahap", "check", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Proyek buatan: 30 item" in out.stdout
    for stage in (
        "check (semua, pertama)",
        "check (semua, diulang)",
        "check (semua, 1 proses)",
        "check --changed-since (1 berubah)",
    ):
        assert stage in out.stdout
    # Every timed command succeeded: the last column is the exit code.
    rows = [line for line in out.stdout.splitlines() if line.startswith("check")]
    assert rows and all(line.split()[-1] == "0" for line in rows)


def test_generator_is_deterministic_and_passes_check(dip: RunDip, tmp_path: Path) -> None:
    generate(tmp_path / "a", 20)
    generate(tmp_path / "b", 20)
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    assert sum(1 for name in first if name.endswith("/item.yaml")) == 20
    mkdocs = first["mkdocs.yml"].decode()
    for line in ("site_name:", "name: material", "language: id", "font: false", "- dip:"):
        assert line in mkdocs
    out = dip("check", cwd=tmp_path / "a")
    assert out.returncode == 0, out.stdout + out.stderr


def test_hugo_conversion_writes_one_page_per_item(tmp_path: Path) -> None:
    generate(tmp_path / "proyek", 20)
    count = write_hugo_site(tmp_path / "proyek", tmp_path / "hugo")
    assert count == 20
    pages = sorted((tmp_path / "hugo" / "content" / "dip").glob("*/index.md"))
    assert len(pages) == 20
    numbers = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        params, end = json.JSONDecoder().raw_decode(text)
        assert params["title"]
        for column in COLUMNS:
            assert column in params, (page, column)
        numbers.add(params["nomor"])
        assert text[end:].strip() == params["ringkasan"]
        for att in params["lampiran"]:
            copied = page.parent / att["berkas"]
            assert copied.stat().st_size == att["ukuran"]
    assert numbers == set(range(1, 21))
    for template in ("_default/baseof.html", "index.html", "dip/list.html", "dip/single.html"):
        assert (tmp_path / "hugo" / "layouts" / template).is_file()

    hugo = shutil.which("hugo")
    if hugo is None:
        pytest.skip("hugo tidak terpasang")
    subprocess.run(
        [hugo, "--quiet", "--destination", str(tmp_path / "out")],
        cwd=tmp_path / "hugo",
        check=True,
        capture_output=True,
        timeout=60,
    )
    built = sorted((tmp_path / "out" / "dip").glob("*/index.html"))
    assert [p.parent.name for p in built] == [p.parent.name for p in pages]
    register = (tmp_path / "out" / "dip" / "index.html").read_text(encoding="utf-8")
    assert register.count("<tr>") == 20 + register.count("<thead>")
    assert "Jangka waktu penyimpanan" in register


def test_search_index_size(tmp_path: Path) -> None:
    assert search_index_size(tmp_path) is None
    (tmp_path / "search").mkdir()
    index = b'{"docs": []}' * 100
    (tmp_path / "search" / "search_index.json").write_bytes(index)
    what, raw, packed = search_index_size(tmp_path) or ("", 0, 0)
    assert what == "search/search_index.json"
    assert raw == len(index)
    assert packed == len(gzip.compress(index, compresslevel=6, mtime=0))
    # A Pagefind folder wins: its files are summed, per-result fragments left out.
    (tmp_path / "pagefind" / "index").mkdir(parents=True)
    (tmp_path / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "pagefind" / "pagefind.js").write_bytes(b"x" * 10)
    (tmp_path / "pagefind" / "index" / "a.pf_index").write_bytes(b"y" * 5)
    (tmp_path / "pagefind" / "fragment" / "a.pf_fragment").write_bytes(b"z" * 7)
    what, raw, _ = search_index_size(tmp_path) or ("", 0, 0)
    assert what.startswith("pagefind/ tanpa fragment/ (2 berkas")
    assert raw == 15


def _rows_ok(out: str, labels: tuple[str, ...]) -> None:
    for label in labels:
        rows = [line for line in out.splitlines() if line.startswith(label)]
        assert rows, label
        assert all(row.split()[-1] == "0" for row in rows), rows  # the exit code column


def test_bench_push_stage_runs(dip: RunDip, tmp_path: Path) -> None:
    out = dip("bench", "--items", "20", "--tahap", "push", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    _rows_ok(
        out.stdout,
        (
            "push pertama (semua baru)",
            "push tanpa perubahan ",
            "push tanpa perubahan (diulang)",
            "push 1 item berubah",
        ),
    )
    assert "push tanpa perubahan:" in out.stdout


def test_bench_scan_stage_runs(dip: RunDip, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak terpasang")
    out = dip("bench", "--items", "20", "--tahap", "scan", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    _rows_ok(out.stdout, ("dip scan (", "OCR: dip scan"))
    assert "rasio dip scan / pdftotext" in out.stdout
    assert "halaman per menit" in out.stdout


def test_bench_review_stage_runs(dip: RunDip, tmp_path: Path) -> None:
    out = dip("bench", "--items", "20", "--tahap", "review", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    _rows_ok(
        out.stdout,
        (
            "asal-usul per item",
            "komentar Ketua (1 item berubah)",
            "komentar Ketua (100 item berubah)",
        ),
    )
