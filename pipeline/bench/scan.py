"""The `scan` stage of `dip bench`: our attachment inspection against `pdftotext` on the
same PDFs, cold and with a warm cache, and OCR pages per minute."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click

from ..scan.cache import CACHE_FILE
from .command import _failed, _run, _target
from .minimal import minimal_pdf

SAMPLE = 2000  # PDFs compared one by one with pdftotext (all of them below this)


def _pdfs(project: Path) -> list[Path]:
    return sorted((project / "content" / "dip").glob("*/*.pdf"))


def _pdftotext(files: list[Path], workers: int) -> float:
    """Seconds for `pdftotext FILE -` on every file, `workers` at a time (as our scan)."""

    def one(path: Path) -> None:
        subprocess.run(["pdftotext", "-q", str(path), "-"], stdout=subprocess.DEVNULL, check=False)

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, files))
    return time.perf_counter() - start


def _scan_args(project: Path, files: list[Path]) -> list[str]:
    return [sys.executable, "-m", "pipeline", "--proyek", str(project), "scan", "--format",
            "json", *map(str, files)]  # fmt: skip


def scan_stage(project: Path, work: Path, workers: int) -> None:
    files = _pdfs(project)
    sample = files[:SAMPLE]
    if shutil.which("pdftotext") is None:
        click.echo("pdftotext tidak terpasang: sudo apt-get install poppler-utils")
        return
    (project / CACHE_FILE).unlink(missing_ok=True)
    pdftotext = _pdftotext(sample, workers)
    click.echo(f"{f'pdftotext ({len(sample)} PDF, {workers} paralel)':<34}{pdftotext:>9.2f}s")
    cold = _run(_scan_args(project, sample), project)
    click.echo(cold.row(f"dip scan ({len(sample)} PDF, cache kosong)"))
    _failed(cold, "dip scan")
    warm = _run(_scan_args(project, sample), project)
    click.echo(warm.row(f"dip scan ({len(sample)} PDF, cache hangat)"))
    ratio = cold.wall / max(pdftotext, 1e-3)
    click.echo(
        f"rasio dip scan / pdftotext: {ratio:.1f}×  "
        f"{_target('≤ 3×', ratio <= 3, True, len(sample))}"
    )
    each_ours = cold.wall / len(sample) * 1000
    each_theirs = pdftotext / len(sample) * 1000
    click.echo(f"per berkas: pdftotext {each_theirs:.1f} ms, dip scan {each_ours:.1f} ms")
    if len(files) > len(sample):
        rest = _run([sys.executable, "-m", "pipeline", "--proyek", str(project), "check",
                     "--format", "json"], project)  # fmt: skip
        click.echo(rest.row(f"dip check, pindai sisa {len(files) - len(sample)} PDF"))
    _ocr_speed(work)


def _ocr_speed(work: Path, pages: int = 4) -> None:
    """Pages per minute for scanned pages (images only, no text layer)."""
    if shutil.which("pdftoppm") is None or shutil.which("tesseract") is None:
        click.echo("OCR tidak terpasang: sudo apt-get install ocrmypdf tesseract-ocr-ind")
        return
    import img2pdf  # type: ignore[import-untyped]

    folder = Path(tempfile.mkdtemp(prefix="ocr-", dir=work))
    text = [
        "\n".join(
            ["PEMERINTAH PROVINSI KALIMANTAN BARAT", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"]
            + [f"Baris {n}: laporan pelayanan administrasi kependudukan bulan ini" for n in
               range(30)]
        )
        for _ in range(pages)
    ]  # fmt: skip
    source = folder / "teks.pdf"
    source.write_bytes(minimal_pdf(text))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", str(source), str(folder / "hal")], check=True
    )
    images = sorted(folder.glob("hal*.png"))
    scanned = folder / "pindaian.pdf"
    scanned.write_bytes(img2pdf.convert([str(p) for p in images]))
    run = _run(_scan_args(folder, [scanned]), folder)
    per_minute = pages / max(run.wall, 1e-3) * 60
    click.echo(run.row(f"OCR: dip scan {pages} halaman pindaian"))
    click.echo(f"OCR: {per_minute:.0f} halaman per menit (150 dpi, A4, satu berkas)")
    shutil.rmtree(folder, ignore_errors=True)
