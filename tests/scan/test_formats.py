"""Images, office files and text files: one test per threat, and the controls that pass.

OCR is replaced by a fake here (what the picture "says" is given); test_ocr.py reads real
pixels with tesseract.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.scan.image import MAX_PIXELS, inspect_image
from pipeline.scan.model import Report
from pipeline.scan.ocr import OcrError
from pipeline.scan.office import MAX_ENTRIES, inspect_office
from pipeline.scan.text import inspect_text

from .files import (
    CONTROLS,
    DOCM_MAIN,
    NIK,
    NIK_SPACED,
    NIK_WOMAN,
    docx,
    jpeg,
    odt,
    png_claiming_size,
    png_with_text,
    text_image,
    tiff_frames,
    truncated_jpeg,
    write_zip,
)


@dataclass
class FakeOcr:
    """Says `text` for every image and page."""

    text: str = "Laporan kegiatan pelayanan"
    fail: bool = False

    def pdf_pages(self, path: Path, pages: list[int]) -> dict[int, str]:
        return {p: self.text for p in pages}

    def image(self, path: Path) -> str:
        if self.fail:
            raise OcrError("OCR gagal membaca halaman: melewati batas waktu 120 detik")
        return self.text


CLEAN = FakeOcr()


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def messages(report: Report, code: str) -> str:
    return "\n".join(f.message for f in report.findings if f.code == code)


def assert_masked(report: Report) -> None:
    for finding in report.findings:
        for number in (NIK, NIK_WOMAN):
            assert number not in finding.message.replace(" ", "")


# -- images -----------------------------------------------------------------------------


def test_clean_photo_passes(tmp_path: Path) -> None:
    report = inspect_image(jpeg(tmp_path / "foto.jpg"), CLEAN)
    assert report.findings == []
    assert (report.kind, report.pages, report.ocr_pages) == ("image", 1, 1)


def test_clean_png_with_harmless_software_chunk_passes(tmp_path: Path) -> None:
    path = png_with_text(tmp_path / "bagan.png", {"Software": "GIMP 2.10"})
    assert inspect_image(path, CLEAN).findings == []


@pytest.mark.parametrize("text", CONTROLS)
def test_ocr_text_without_nik_passes(tmp_path: Path, text: str) -> None:
    assert inspect_image(jpeg(tmp_path / "foto.jpg"), FakeOcr(text)).findings == []


def test_gps_exif_is_reported(tmp_path: Path) -> None:
    report = inspect_image(jpeg(tmp_path / "foto.jpg", gps=True), CLEAN)
    assert codes(report) == ["DIP-E421"]
    assert "GPS" in messages(report, "DIP-E421")
    assert "dip lampiran siapkan" in messages(report, "DIP-E421")


def test_author_exif_is_reported(tmp_path: Path) -> None:
    report = inspect_image(jpeg(tmp_path / "foto.jpg", artist="Budi Santoso"), CLEAN)
    assert codes(report) == ["DIP-E421"]
    assert "Artist" in messages(report, "DIP-E421")


def test_windows_author_and_camera_serial_are_reported(tmp_path: Path) -> None:
    extra = {0x9C9D: "Budi".encode("utf-16-le") + b"\0\0", 0xA431: "SN-0042"}
    path = jpeg(tmp_path / "foto.jpg", extra=extra)
    found = messages(inspect_image(path, CLEAN), "DIP-E421")
    assert "XPAuthor" in found
    assert "nomor seri kamera" in found


def test_xmp_creator_is_reported(tmp_path: Path) -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:creator><rdf:Seq><rdf:li>Budi</rdf:li></rdf:Seq></dc:creator>"
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    path = tmp_path / "foto.jpg"
    text_image(["Laporan"], (400, 300), 30).save(path, "JPEG", xmp=xmp)
    assert "creator" in messages(inspect_image(path, CLEAN), "DIP-E421")


def test_png_text_chunk_with_nik(tmp_path: Path) -> None:
    path = png_with_text(tmp_path / "scan.png", {"Comment": f"KTP pemohon {NIK_SPACED}"})
    report = inspect_image(path, CLEAN)
    assert codes(report) == ["DIP-E421", "DIP-E504"]
    assert "6171********0001" in messages(report, "DIP-E504")
    assert_masked(report)


def test_nik_in_exif_description(tmp_path: Path) -> None:
    path = jpeg(tmp_path / "foto.jpg", extra={0x010E: f"KTP {NIK_WOMAN}"})
    report = inspect_image(path, CLEAN)
    assert codes(report) == ["DIP-E504"]
    assert "ImageDescription" in messages(report, "DIP-E504")
    assert_masked(report)


def test_pixel_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    report = inspect_image(png_claiming_size(tmp_path / "bom.png", 100_000, 100_000), CLEAN)
    assert codes(report) == ["DIP-E422"]


def test_image_just_over_our_cap_is_refused(tmp_path: Path) -> None:
    side = int(MAX_PIXELS**0.5) + 10  # below Pillow's own bomb limit, above ours
    report = inspect_image(png_claiming_size(tmp_path / "besar.png", side, side), CLEAN)
    assert codes(report) == ["DIP-E422"]
    assert f"{side}×{side}" in messages(report, "DIP-E422")


def test_truncated_jpeg(tmp_path: Path) -> None:
    report = inspect_image(truncated_jpeg(tmp_path / "potong.jpg"), CLEAN)
    assert codes(report) == ["DIP-E422"]


def test_garbage_with_image_name(tmp_path: Path) -> None:
    path = tmp_path / "bukan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert codes(inspect_image(path, CLEAN)) == ["DIP-E422"]


def test_too_many_tiff_frames(tmp_path: Path) -> None:
    report = inspect_image(tiff_frames(tmp_path / "banyak.tif", 51), CLEAN)
    assert codes(report) == ["DIP-E422"]
    assert report.pages == 51


def test_multi_frame_tiff_names_the_frame_read_by_ocr(tmp_path: Path) -> None:
    @dataclass
    class SecondFrame(FakeOcr):
        def image(self, path: Path) -> str:
            return f"halaman satu\fNIK {NIK}"

    report = inspect_image(tiff_frames(tmp_path / "dua.tif", 2), SecondFrame())
    assert codes(report) == ["DIP-E507"]
    assert report.findings[0].page == 2
    assert "bingkai 2" in report.findings[0].message


def test_nik_read_by_ocr(tmp_path: Path) -> None:
    report = inspect_image(jpeg(tmp_path / "ktp.jpg"), FakeOcr(f"NIK : {NIK_SPACED}"))
    assert codes(report) == ["DIP-E507"]
    assert "6171********0001" in report.findings[0].message
    assert_masked(report)


def test_without_ocr_an_image_never_passes(tmp_path: Path) -> None:
    report = inspect_image(jpeg(tmp_path / "foto.jpg"), None)
    assert codes(report) == ["DIP-E426"]
    assert "sudo apt-get install" in report.findings[0].message


def test_ocr_failure_is_reported(tmp_path: Path) -> None:
    report = inspect_image(jpeg(tmp_path / "foto.jpg"), FakeOcr(fail=True))
    assert codes(report) == ["DIP-E425"]


# -- office files -----------------------------------------------------------------------


def test_clean_docx_passes(tmp_path: Path) -> None:
    path = docx(tmp_path / "laporan.docx", ["Laporan kegiatan 2024", *CONTROLS])
    assert inspect_office(path, CLEAN).findings == []


def test_clean_odt_passes(tmp_path: Path) -> None:
    assert inspect_office(odt(tmp_path / "laporan.odt", " ".join(CONTROLS)), CLEAN).findings == []


def test_nik_in_document_text_split_into_runs(tmp_path: Path) -> None:
    path = docx(tmp_path / "data.docx", ["Data pemohon", ["NIK 6171", "0123", " 0590 ", "0001"]])
    report = inspect_office(path, CLEAN)
    assert codes(report) == ["DIP-E503"]
    assert "word/document.xml" in report.findings[0].message
    assert_masked(report)


def test_nik_as_xml_character_references(tmp_path: Path) -> None:
    hidden = "".join(f"&#{ord(c)};" for c in NIK)
    report = inspect_office(docx(tmp_path / "data.docx", [f"NIK {hidden}"]), CLEAN)
    assert codes(report) == ["DIP-E503"]


def test_paragraphs_do_not_join_into_a_number(tmp_path: Path) -> None:
    # 8 + 8 digits in two paragraphs would make a valid NIK if paragraphs were glued.
    path = docx(tmp_path / "angka.docx", ["61710123", "05900001"])
    assert inspect_office(path, CLEAN).findings == []


def test_nik_in_odt_text(tmp_path: Path) -> None:
    report = inspect_office(odt(tmp_path / "data.odt", f"NIK {NIK_SPACED}"), CLEAN)
    assert codes(report) == ["DIP-E503"]


def test_nik_in_core_xml_creator(tmp_path: Path) -> None:
    report = inspect_office(docx(tmp_path / "data.docx", creator=f"Budi {NIK}"), CLEAN)
    assert codes(report) == ["DIP-E504"]
    assert "docProps/core.xml" in report.findings[0].message
    assert_masked(report)


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = docx(tmp_path / "bom.docx", extra={"word/media/nol.bin": b"\0" * (20 << 20)})
    report = inspect_office(path, CLEAN)
    assert codes(report) == ["DIP-E423"]
    assert "bom zip" in report.findings[0].message


def test_too_many_entries(tmp_path: Path) -> None:
    extra: dict[str, bytes | str] = {f"word/x{i}.xml": "" for i in range(MAX_ENTRIES)}
    report = inspect_office(docx(tmp_path / "banyak.docx", extra=extra), CLEAN)
    assert codes(report) == ["DIP-E423"]
    assert "entri" in report.findings[0].message


def test_path_traversal_name(tmp_path: Path) -> None:
    path = docx(tmp_path / "jalan.docx", extra={"../../.bashrc": "echo"})
    report = inspect_office(path, CLEAN)
    assert codes(report) == ["DIP-E423"]
    assert "../../.bashrc" in report.findings[0].message


def test_encrypted_entry(tmp_path: Path) -> None:
    path = docx(tmp_path / "sandi.docx")
    data = bytearray(path.read_bytes())
    # Set the "encrypted" flag in every local and central header.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            (flags,) = struct.unpack_from("<H", data, at + offset)
            struct.pack_into("<H", data, at + offset, flags | 1)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    report = inspect_office(path, CLEAN)
    assert set(codes(report)) == {"DIP-E423"}
    assert "terenkripsi" in messages(report, "DIP-E423")


def test_nested_archive(tmp_path: Path) -> None:
    inner = write_zip(tmp_path / "dalam.zip", {"a.txt": "isi"}).read_bytes()
    report = inspect_office(
        docx(tmp_path / "sarang.docx", extra={"word/media/a.png": inner}), CLEAN
    )
    assert codes(report) == ["DIP-E423"]


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "rusak.docx"
    path.write_bytes(b"PK\x03\x04 bukan zip yang utuh")
    assert codes(inspect_office(path, CLEAN)) == ["DIP-E423"]


def test_password_protected_office_file(tmp_path: Path) -> None:
    path = tmp_path / "sandi.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    report = inspect_office(path, CLEAN)
    assert codes(report) == ["DIP-E423"]
    assert "terenkripsi" in report.findings[0].message


def test_vba_macro(tmp_path: Path) -> None:
    path = docx(
        tmp_path / "makro.docx",
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 makro"},
        main_type=DOCM_MAIN,
    )
    report = inspect_office(path, CLEAN)
    assert "DIP-E424" in codes(report)
    assert "VBA" in messages(report, "DIP-E424")


def test_macro_enabled_content_type_alone(tmp_path: Path) -> None:
    report = inspect_office(docx(tmp_path / "makro.docx", main_type=DOCM_MAIN), CLEAN)
    assert codes(report) == ["DIP-E424"]


def test_odf_basic_macro(tmp_path: Path) -> None:
    path = odt(tmp_path / "makro.odt", extra={"Basic/Standard/Module1.xml": "<script/>"})
    report = inspect_office(path, CLEAN)
    assert codes(report) == ["DIP-E424"]
    assert "Basic" in report.findings[0].message


def test_remote_template(tmp_path: Path) -> None:
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/attachedTemplate" Target="http://contoh.invalid/t.dotm"'
        ' TargetMode="External"/></Relationships>'
    )
    path = docx(tmp_path / "templat.docx", extra={"word/_rels/settings.xml.rels": rels})
    assert codes(inspect_office(path, CLEAN)) == ["DIP-E424"]


def test_picture_in_document_is_read_like_an_image(tmp_path: Path) -> None:
    photo = jpeg(tmp_path / "ktp.jpg", gps=True).read_bytes()
    path = docx(tmp_path / "foto.docx", extra={"word/media/image1.jpeg": photo})
    report = inspect_office(path, FakeOcr(f"NIK {NIK}"))
    assert codes(report) == ["DIP-E421", "DIP-E507"]
    assert all("word/media/image1.jpeg" in f.message for f in report.findings)
    assert codes(inspect_office(path, None)) == ["DIP-E421", "DIP-E426"]


def workbook(cells: list[str]) -> bytes:
    strings = "".join(f"<si><t>{c}</t></si>" for c in cells)
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/sharedStrings.xml", sst)
    return buf.getvalue()


def test_chart_workbook_inside_a_document_is_inspected(tmp_path: Path) -> None:
    name = "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    clean = docx(tmp_path / "grafik.docx", extra={name: workbook(["Bulan", "Jumlah", "1234"])})
    assert inspect_office(clean, CLEAN).findings == []
    leaking = docx(tmp_path / "bocor.docx", extra={name: workbook(["Ani", NIK])})
    report = inspect_office(leaking, CLEAN)
    assert codes(report) == ["DIP-E503"]
    assert "Microsoft_Excel_Worksheet.xlsx" in report.findings[0].message
    assert_masked(report)


def test_ole_object_inside_a_document(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path = docx(tmp_path / "ole.docx", extra={"word/embeddings/paket.bin": ole})
    assert "DIP-E424" in codes(inspect_office(path, CLEAN))


def test_lying_entry_size_is_caught(tmp_path: Path) -> None:
    path = docx(tmp_path / "bohong.docx", [f"NIK {NIK} " * 50])
    data = bytearray(path.read_bytes())
    # Shrink the declared size in the central directory: reading stops there and the CRC
    # check fails instead of the entry growing past what was declared.
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, at + 24, 10)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    report = inspect_office(path, CLEAN)
    assert "DIP-E423" in codes(report)


# -- text files -------------------------------------------------------------------------


def test_csv_of_residents_names_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "warga.csv"
    path.write_text(
        f"nama;nik;alamat\nAni;{NIK};Jl. Merdeka\nBudi;-;Jl. Sudirman\nCitra;{NIK_WOMAN};-\n",
        encoding="utf-8",
    )
    report = inspect_text(path, None)
    assert codes(report) == ["DIP-E503", "DIP-E503"]
    assert report.findings[0].message.startswith("baris 2:")
    assert report.findings[1].message.startswith("baris 4:")
    assert_masked(report)


def test_csv_controls_pass(tmp_path: Path) -> None:
    path = tmp_path / "kontak.csv"
    path.write_text("\n".join(["keterangan", *CONTROLS, "Kode 3.14.1592.6535"]), encoding="utf-8")
    assert inspect_text(path, None).findings == []


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "warga.txt"
    path.write_text(f"nama\tnik\r\nAni\t{NIK}\r\n", encoding="utf-16")
    report = inspect_text(path, None)
    assert codes(report) == ["DIP-E503"]
    assert report.findings[0].message.startswith("baris 2:")


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "surat.txt"
    path.write_bytes(f"Perihal: café\nNIK {NIK_SPACED}\n".encode("cp1252"))
    report = inspect_text(path, None)
    assert codes(report) == ["DIP-E503"]
    assert report.notes == ["berkas dibaca sebagai cp1252, bukan UTF-8"]


def test_many_numbers_are_summarised(tmp_path: Path) -> None:
    rows = [f"Warga {i};617101230590{i:04d}" for i in range(1, 201)]
    path = tmp_path / "warga.csv"
    path.write_text("nama;nik\n" + "\n".join(rows), encoding="utf-8")
    report = inspect_text(path, None)
    assert len(report.findings) == 51
    assert report.findings[-1].message.startswith("dan 150 nomor NIK/KK lain di baris 52, 53")
