"""OCR with the real tools (Debian's tesseract with Indonesian data, poppler): a NIK that
exists only as pixels is found; without OCR a page without text never passes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import img2pdf
import pytest
from PIL import Image, ImageDraw

from pipeline.scan.image import inspect_image
from pipeline.scan.ocr import MAX_PIXELS, OCR_INSTALL_HINT, Ocr, OcrError, TesseractOcr, find_ocr

from .files import NIK, NIK_SPACED, font, jpeg, text_image


@pytest.fixture(scope="module")
def ocr() -> Ocr:
    found = find_ocr()
    if found is None:  # the test setup installs OCR (scripts/siapkan.py --uji)
        pytest.fail(OCR_INSTALL_HINT)
    return found


def scanned_pdf(path: Path, pages: list[list[str]]) -> Path:
    """An image-only PDF: A4 pages at 200 dpi with no text layer."""
    images = []
    for number, lines in enumerate(pages, 1):
        image = path.with_name(f"{path.stem}-{number}.png")
        text_image(lines, (1654, 2339), 48).save(image, dpi=(200, 200))
        images.append(str(image))
    path.write_bytes(img2pdf.convert(images))
    return path


def test_nik_printed_in_a_photo_is_caught(tmp_path: Path, ocr: Ocr) -> None:
    photo = text_image(["SURAT KETERANGAN", f"NIK : {NIK_SPACED}", "Nama : Contoh Warga"])
    report = inspect_image(jpeg(tmp_path / "ktp.jpg", photo), ocr)
    assert [f.code for f in report.findings] == ["DIP-E507"]
    assert "6171********0001" in report.findings[0].message
    assert NIK not in report.findings[0].message
    assert report.ocr_pages == 1


def test_clean_photo_is_read_and_passes(tmp_path: Path, ocr: Ocr) -> None:
    photo = text_image(["LAPORAN KEGIATAN", "Pelayanan administrasi", "Telepon 0812 3456 7890"])
    path = jpeg(tmp_path / "laporan.jpg", photo)
    assert "LAPORAN KEGIATAN" in ocr.image(path)
    assert inspect_image(path, ocr).findings == []


def test_photo_taken_sideways_is_read_upright(tmp_path: Path, ocr: Ocr) -> None:
    # Pixels stored rotated, with the EXIF orientation that turns them upright (6 = 90° CW).
    photo = text_image([f"NIK {NIK_SPACED}"]).rotate(90, expand=True)
    path = jpeg(tmp_path / "miring.jpg", photo, orientation=6)
    assert NIK_SPACED in ocr.image(path)


def test_pdf_pages_reads_only_the_pages_asked(tmp_path: Path, ocr: Ocr) -> None:
    pdf = scanned_pdf(tmp_path / "pindaian.pdf", [["Halaman pertama"], [f"NIK {NIK_SPACED}"]])
    texts = ocr.pdf_pages(pdf, [2])
    assert list(texts) == [2]
    assert NIK_SPACED in texts[2]


def test_pdf_pages_of_a_broken_file_raises(tmp_path: Path, ocr: Ocr) -> None:
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(b"%PDF-1.4\n bukan isi pdf")
    with pytest.raises(OcrError) as caught:
        ocr.pdf_pages(broken, [1])
    assert caught.value.page == 1
    assert caught.value.partial == {}


def test_huge_pages_render_within_the_pixel_cap() -> None:
    engine = TesseractOcr("tesseract", "pdftoppm", "pdfinfo")
    assert engine._dpi_for((595.0, 842.0)) == 200  # A4 keeps the full resolution
    poster = (14400.0, 14400.0)  # 200 × 200 inches, the largest PDF 1.x page
    dpi = engine._dpi_for(poster)
    assert (poster[0] / 72 * dpi) * (poster[1] / 72 * dpi) <= MAX_PIXELS


def test_without_the_tools_there_is_no_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_ocr() is None
    report = inspect_image(jpeg(tmp_path / "foto.jpg"), find_ocr())
    assert [f.code for f in report.findings] == ["DIP-E426"]
    assert "tesseract-ocr-ind" in report.findings[0].message


def test_without_indonesian_data_there_is_no_ocr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tessdata = tmp_path / "tessdata"
    tessdata.mkdir()
    real = Path("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata")
    if real.exists():
        (tessdata / "eng.traineddata").symlink_to(real)
    monkeypatch.setenv("TESSDATA_PREFIX", str(tessdata))
    assert find_ocr() is None


def test_a_50_megapixel_photo_is_read(tmp_path: Path, ocr: Ocr) -> None:
    page = Image.new("L", (8600, 6000), 255)
    ImageDraw.Draw(page).text((400, 400), f"NIK {NIK_SPACED}", fill=0, font=font(260))
    path = tmp_path / "besar.jpg"
    page.save(path, "JPEG", quality=80)
    report = inspect_image(path, ocr)
    assert [f.code for f in report.findings] == ["DIP-E507"]


def test_a_page_that_fails_is_named_with_the_pages_read(tmp_path: Path, ocr: Ocr) -> None:
    pdf = scanned_pdf(tmp_path / "tiga.pdf", [["satu"], ["dua"], ["tiga"]])
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\ncase "$1" in *halaman-2*) exit 3;; esac\necho "dibaca $1"\n')
    fake.chmod(0o755)
    assert isinstance(ocr, TesseractOcr)
    failing = replace(ocr, tesseract=str(fake))
    with pytest.raises(OcrError) as caught:
        failing.pdf_pages(pdf, [1, 2, 3])
    assert caught.value.page == 2
    assert 1 in caught.value.partial
    assert 2 not in caught.value.partial
