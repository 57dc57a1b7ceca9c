"""`dip lampiran siapkan`: phone photos in, one clean PDF/A with a text layer out, and an
entry that `dip check` accepts."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

import img2pdf
import pikepdf
import pytest
from conftest import GOOD_ITEM, RunDip, add_item, make_project
from PIL import Image
from pypdf import PdfReader

from pipeline.scan.prepare_images import clean_image
from pipeline.scan.prepare_metadata import clean_metadata, strip_jpeg_metadata

from .files import NIK, NIK_SPACED, exif_bytes, jpeg, text_image

ARTIST = "Budi Santoso"
PAGE_ONE = ["LAPORAN KEGIATAN", "Pelayanan administrasi", "kependudukan 2024"]
PAGE_TWO = ["REKAPITULASI LAYANAN", "Kartu keluarga baru", "Akta kelahiran"]


def all_bytes(path: Path) -> bytes:
    """The file and every stream in it decoded as far as possible (JPEGs stay JPEGs)."""
    parts = [path.read_bytes()]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                parts.append(raw)
                try:
                    parts.append(obj.read_bytes(decode_level=pikepdf.StreamDecodeLevel.generalized))
                except pikepdf.PdfError:  # DCT alone is not decoded at this level
                    if "/FlateDecode" in str(obj.get("/Filter")):
                        parts.append(zlib.decompress(raw))
    return b"\n".join(parts)


def xmp_of(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        return pdf.Root.Metadata.read_bytes().decode("utf-8")


def photo(path: Path, lines: list[str]) -> Path:
    """A 12 MP phone photo of a printed page, with GPS position and the owner's name."""
    return jpeg(path, text_image(lines, (3024, 4032), 150), gps=True, artist=ARTIST)


def entry_lines(stdout: str) -> str:
    match = re.search(r"^  - berkas: .*\n(?:    .*\n)+", stdout, re.MULTILINE)
    assert match, stdout
    return match.group(0)


def test_two_phone_photos_become_one_clean_pdfa(tmp_path: Path, dip: RunDip) -> None:
    work = tmp_path / "kerja"
    work.mkdir()
    photo(work / "foto-1.jpg", PAGE_ONE)
    photo(work / "foto-2.jpg", PAGE_TWO)
    assert ARTIST.encode() in (work / "foto-1.jpg").read_bytes()

    done = dip(
        "lampiran",
        "siapkan",
        "foto-1.jpg",
        "foto-2.jpg",
        "--judul",
        "Laporan Kegiatan Pelayanan 2024",
        cwd=work,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = work / "laporan-kegiatan-pelayanan-2024.pdf"
    assert result.is_file()
    assert "Halaman: 2" in done.stdout
    assert "lokasi GPS" in done.stdout

    # PDF/A identification, the title we set and nothing else about who made it.
    xmp = xmp_of(result)
    assert re.search(r'pdfaid:part(="|>)2', xmp)
    assert "Laporan Kegiatan Pelayanan 2024" in xmp
    for leak in ("CreatorTool", "Producer", "creator", "ocrmypdf", "Ghostscript"):
        assert leak not in xmp
    with pikepdf.open(result) as pdf:
        assert dict(pdf.docinfo) == {"/Title": "Laporan Kegiatan Pelayanan 2024"}

    # A text layer with the printed words.
    reader = PdfReader(result)
    assert len(reader.pages) == 2
    assert "LAPORAN KEGIATAN" in reader.pages[0].extract_text()
    assert "REKAPITULASI LAYANAN" in reader.pages[1].extract_text()

    # No GPS, no author, no EXIF block anywhere in the output.
    everything = all_bytes(result)
    assert ARTIST.encode() not in everything
    assert b"Exif\x00\x00" not in everything
    assert b"GPS" not in everything

    # The printed entry, pasted into an item with the PDF, passes `dip check`.
    entry = entry_lines(done.stdout)
    assert "berkas: laporan-kegiatan-pelayanan-2024.pdf" in entry
    assert "sumber: pindaian" in entry
    project = make_project(tmp_path / "proyek")
    text = re.sub(r"lampiran:\n(?:  .*\n)+", "lampiran:\n" + entry, GOOD_ITEM)
    assert text != GOOD_ITEM
    add_item(project, text=text, files={result.name: result.read_bytes()})
    checked = dip("check", "--format", "text", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_nik_in_the_photo_stops_publication(tmp_path: Path, dip: RunDip) -> None:
    photo(tmp_path / "ktp.jpg", ["SURAT KETERANGAN", f"NIK : {NIK_SPACED}"])
    done = dip("lampiran", "siapkan", "ktp.jpg", "--keluaran", "surat.pdf", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "TIDAK BOLEH diterbitkan" in done.stderr
    assert "6171********0001" in done.stdout
    assert NIK not in done.stdout + done.stderr
    assert "berkas: surat.pdf" not in done.stdout  # nothing to paste


def test_missing_ocr_says_how_to_install(tmp_path: Path, dip: RunDip) -> None:
    photo(tmp_path / "foto.jpg", PAGE_ONE)
    empty = tmp_path / "bin"
    empty.mkdir()
    done = dip("lampiran", "siapkan", "foto.jpg", cwd=tmp_path, env={"PATH": str(empty)})
    assert done.returncode == 2
    assert "sudo apt-get install ocrmypdf tesseract-ocr-ind poppler-utils" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "foto.pdf").exists()


def test_existing_output_is_never_replaced(tmp_path: Path, dip: RunDip) -> None:
    photo(tmp_path / "foto.jpg", PAGE_ONE)
    (tmp_path / "foto.pdf").write_bytes(b"milik orang lain")
    done = dip("lampiran", "siapkan", "foto.jpg", cwd=tmp_path)
    assert done.returncode == 2
    assert "sudah ada" in done.stderr
    assert (tmp_path / "foto.pdf").read_bytes() == b"milik orang lain"


@pytest.mark.parametrize("name", ["Laporan Akhir.pdf", "laporan.PDF", "laporan", "-laporan.pdf"])
def test_output_names_follow_the_file_rules(tmp_path: Path, dip: RunDip, name: str) -> None:
    photo(tmp_path / "foto.jpg", PAGE_ONE)
    done = dip("lampiran", "siapkan", "foto.jpg", "--keluaran", name, cwd=tmp_path)
    assert done.returncode == 2
    assert "tidak sah" in done.stderr or "sudah ada" in done.stderr
    assert list(tmp_path.glob("*.pdf")) == []


def test_help_is_indonesian(tmp_path: Path, dip: RunDip) -> None:
    done = dip("lampiran", "siapkan", "--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "Ubah foto ponsel" in done.stdout
    for english in ("Usage:", "Options", "[OPTIONS]", "Show this message"):
        assert english not in done.stdout


def test_images_are_turned_upright_and_lose_their_metadata(tmp_path: Path) -> None:
    wide = text_image(["Miring"], (1200, 800), 60)
    source = jpeg(tmp_path / "miring.jpg", wide, gps=True, artist=ARTIST, orientation=6)
    removed: list[str] = []
    [clean] = clean_image(source, tmp_path, 1, removed)
    with Image.open(clean) as img:
        assert img.size[0] < img.size[1]  # orientation 6 turns the landscape pixels upright
        assert not img.getexif()
        assert "exif" not in img.info and "icc_profile" not in img.info
    assert ARTIST.encode() not in clean.read_bytes()
    assert removed == ["miring.jpg: lokasi GPS, Artist (pembuat)"]


def test_jpeg_metadata_inside_a_pdf_is_removed(tmp_path: Path) -> None:
    # img2pdf copies a JPEG as it is, EXIF included: exactly what a scanner app produces.
    source = jpeg(tmp_path / "scan.jpg", gps=True, artist=ARTIST)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(img2pdf.convert(str(source)))
    assert ARTIST.encode() in pdf.read_bytes()
    cleaned = tmp_path / "bersih.pdf"
    assert clean_metadata(pdf, cleaned, "Pindaian") == 1
    assert ARTIST.encode() not in all_bytes(cleaned)
    assert b"Exif\x00\x00" not in all_bytes(cleaned)
    with pikepdf.open(cleaned) as out:
        assert dict(out.docinfo) == {"/Title": "Pindaian"}
        [image] = out.pages[0].get_images().values()
        with Image.open(io.BytesIO(image.read_raw_bytes())) as img:
            assert img.size == (1700, 1100)  # still a valid JPEG


def test_strip_jpeg_metadata_keeps_the_picture() -> None:
    buf = io.BytesIO()
    text_image(["Uji"], (200, 100), 30).save(buf, "JPEG", exif=exif_bytes(artist=ARTIST))
    data = buf.getvalue()
    stripped = strip_jpeg_metadata(data)
    assert ARTIST.encode() in data and ARTIST.encode() not in stripped
    with Image.open(io.BytesIO(stripped)) as img:
        img.load()
        assert img.size == (200, 100)
    assert strip_jpeg_metadata(b"bukan jpeg") == b"bukan jpeg"
