"""Attachment inspection as users meet it: `dip scan`, `dip check`, `dip build`,
`dip sikedip push`; the sandbox; the cache by sha256."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, RunDip, add_item, make_project, make_site_project

from pipeline.bench.minimal import minimal_pdf
from pipeline.project import load_config
from pipeline.scan import attachments
from pipeline.scan.attachments import Target, reports_for
from pipeline.scan.cache import CACHE_FILE
from pipeline.scan.sandbox import Limits, Sandbox
from pipeline.sikedip.payload import load_payloads

NIK = "6171035708850003"
LEAKY = minimal_pdf(["Daftar penerima layanan", f"Pemohon: Siti, NIK {NIK}"])
CLEAN = minimal_pdf(["Rencana Strategis 2019-2023", "NIP 198507172010011003"])


def leaky_project(tmp_path: Path, site: bool = False) -> Path:
    root = (make_site_project if site else make_project)(tmp_path / "proyek")
    add_item(root, files={"renstra-2019-2023.pdf": LEAKY})
    return root


def test_check_reports_personal_data_inside_an_attachment(dip: RunDip, tmp_path: Path) -> None:
    root = leaky_project(tmp_path)
    out = dip("check", "--format", "json", cwd=root)
    assert out.returncode == 1, out.stderr
    [found] = json.loads(out.stdout)["problems"]
    assert found["path"] == "content/dip/renstra-2019-2023/renstra-2019-2023.pdf"
    assert found["code"] == "DIP-E503" and "halaman 2" in found["message"]
    assert NIK not in out.stdout  # the report itself must not publish the number
    # Remembered by sha256 for the next run.
    cached = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    assert len(cached["reports"]) == 1


def test_build_and_push_refuse_the_same_file(dip: RunDip, tmp_path: Path) -> None:
    root = leaky_project(tmp_path, site=True)
    build = dip("build", cwd=root)
    assert build.returncode == 1 and "DIP-E503" in build.stderr
    assert not (root / "site").exists()
    loaded = load_payloads(load_config(root))
    assert [p.code for p in loaded.problems] == ["DIP-E503"]
    push = dip("sikedip", "push", "--url", "http://127.0.0.1:9", cwd=root)
    assert push.returncode == 1 and "Tidak ada yang dikirim" in push.stderr


def test_dip_scan_text_json_and_exit_codes(dip: RunDip, tmp_path: Path) -> None:
    leaky, clean = tmp_path / "bocor.pdf", tmp_path / "bersih.pdf"
    leaky.write_bytes(LEAKY)
    clean.write_bytes(CLEAN)
    out = dip("scan", str(clean), cwd=tmp_path)
    assert out.returncode == 0 and "semuanya aman diterbitkan" in out.stdout
    out = dip("scan", str(clean), str(leaky), "--format", "json", cwd=tmp_path)
    assert out.returncode == 1
    files = {Path(f["path"]).name: f for f in json.loads(out.stdout)["files"]}
    assert files["bersih.pdf"]["findings"] == [] and files["bersih.pdf"]["pages"] == 2
    assert [f["code"] for f in files["bocor.pdf"]["findings"]] == ["DIP-E503"]
    assert not (tmp_path / ".dip").exists()  # outside a project nothing is cached
    missing = dip("scan", str(tmp_path / "tidak-ada.pdf"), cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_an_unchanged_file_is_never_inspected_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(CLEAN)
    target = Target("dokumen.pdf", path, "b" * 64)
    first = reports_for([target], tmp_path)

    def refuse(self: Sandbox, jobs: object) -> object:
        raise AssertionError("inspected again")

    monkeypatch.setattr(Sandbox, "inspect_many", refuse)
    assert reports_for([target], tmp_path) == first
    # Same bytes under another name (another item) are the same sha256: still no inspection.
    twin = Target("lain/dokumen.pdf", tmp_path / "salinan.pdf", "b" * 64)
    assert reports_for([twin], tmp_path)["b" * 64] == first["b" * 64]


def test_a_file_beyond_the_limits_fails_only_itself(tmp_path: Path) -> None:
    slow = tmp_path / "pindaian.pdf"
    import img2pdf
    from PIL import Image

    image = tmp_path / "hal.png"
    Image.new("L", (1654, 2339), 255).save(image)  # an A4 page at 200 dpi, no text layer
    slow.write_bytes(img2pdf.convert([str(image)] * 3))
    fine = tmp_path / "teks.pdf"
    fine.write_bytes(CLEAN)
    with Sandbox(workers=2, limits=Limits(wall_seconds=0.3)) as sandbox:
        started = time.monotonic()
        results = dict(sandbox.inspect_many([("lambat", slow, "pdf"), ("cepat", fine, "pdf")]))
        assert time.monotonic() - started < 20
    assert [f.code for f in results["lambat"].findings] == ["DIP-E425"]
    assert "batas waktu" in results["lambat"].findings[0].message
    assert results["cepat"].findings == [] and results["cepat"].pages == 2


def test_memory_limit_is_enforced_per_file(tmp_path: Path) -> None:
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(CLEAN)
    with Sandbox(workers=1, limits=Limits(memory_bytes=32 * 1024 * 1024)) as sandbox:
        report = sandbox.inspect(path, "pdf")
    # Out of memory: the inspector's own "too complex" answer, or the sandbox's.
    assert [f.code for f in report.findings] in (["DIP-E418"], ["DIP-E425"])
    with Sandbox(workers=1) as sandbox:  # the same file with the normal limits
        assert sandbox.inspect(path, "pdf").findings == []


def test_failed_inspections_are_retried_next_time(tmp_path: Path) -> None:
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(CLEAN)
    target = Target("dokumen.pdf", path, "c" * 64)
    original = attachments.Sandbox

    class Starved(original):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__(1, Limits(wall_seconds=0.001))

    attachments.Sandbox = Starved  # type: ignore[misc]
    try:
        assert reports_for([target], tmp_path)["c" * 64].findings[0].code == "DIP-E425"
    finally:
        attachments.Sandbox = original  # type: ignore[misc]
    assert reports_for([target], tmp_path)["c" * 64].findings == []


def test_files_refused_by_the_file_rules_are_not_inspected(dip: RunDip, tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    add_item(root, files={"renstra-2019-2023.pdf": b"version https://git-lfs.github.com/spec/v1\n"})
    out = dip("check", "--format", "json", cwd=root)
    codes = [p["code"] for p in json.loads(out.stdout)["problems"]]
    assert "DIP-E411" in codes and "DIP-E416" not in codes


def test_a_good_item_still_passes(dip: RunDip, tmp_path: Path) -> None:
    root = make_project(tmp_path / "proyek")
    add_item(root, text=GOOD_ITEM, files={"renstra-2019-2023.pdf": CLEAN})
    out = dip("check", cwd=root)
    assert out.returncode == 0, out.stdout + out.stderr
