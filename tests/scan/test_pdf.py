"""The PDF inspector: every threat is refused with its own code, a NIK hidden anywhere in
the file is found (and never shown unmasked), and ordinary documents pass untouched."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

from pipeline.pii import find_personal_numbers, mask_number
from pipeline.scan.model import Report
from pipeline.scan.ocr import Ocr, OcrError, find_ocr
from pipeline.scan.pdf import inspect_pdf
from pipeline.scan.pdf_bytes import revision_ends, structure_problem
from pipeline.scan.pdf_findings import finding_for_error
from pipeline.scan.pdf_limits import LIMITS, LimitExceeded, PdfLimits

from . import pdfs
from .pdfs import KK, MASKED, NIK, NIK_GROUPED, NIK_MAN

OCR = find_ocr()
needs_ocr = pytest.mark.skipif(
    OCR is None, reason="tesseract (ind+eng) dan poppler-utils tidak terpasang di mesin ini"
)


def inspect(tmp_path: Path, data: bytes, ocr: Ocr | None = None, **limits: int) -> Report:
    path = tmp_path / "lampiran.pdf"
    path.write_bytes(data)
    report = inspect_pdf(path, ocr, limits=PdfLimits(**limits) if limits else LIMITS)
    for finding in report.findings:
        # A message must never become the leak it reports.
        assert not find_personal_numbers(finding.message), finding.message
        assert all(raw not in finding.message for raw in (NIK, NIK_MAN, KK, NIK_GROUPED))
    return report


def codes(report: Report) -> list[str]:
    return [f.code for f in report.findings]


def only(report: Report, code: str) -> str:
    """The message of the single finding with ``code``."""
    messages = [f.message for f in report.findings if f.code == code]
    assert len(messages) == 1, report.findings
    return messages[0]


# --- files that cannot be read reliably ------------------------------------------------------


def test_not_a_pdf(tmp_path: Path) -> None:
    report = inspect(tmp_path, b"PK\x03\x04 bukan pdf sama sekali")
    assert codes(report) == ["DIP-E416"]
    assert "bukan berkas PDF" in only(report, "DIP-E416")


def test_truncated_file(tmp_path: Path) -> None:
    data = pdfs.clean_report(2)
    report = inspect(tmp_path, data[: len(data) // 2])
    assert codes(report) == ["DIP-E416"]
    assert "terpotong" in only(report, "DIP-E416")


def test_startxref_pointing_nowhere(tmp_path: Path) -> None:
    assert codes(inspect(tmp_path, pdfs.startxref_nowhere())) == ["DIP-E416"]


def test_xref_offsets_that_must_be_rebuilt(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.broken_xref())
    assert codes(report) == ["DIP-E416"]
    assert "xref" in only(report, "DIP-E416")


@pytest.mark.parametrize("silence", ["level", "disable"])
def test_repairs_are_seen_whatever_logging_says(tmp_path: Path, silence: str) -> None:
    """Repair detection reads pypdf's warnings: an application that silences logging
    must not turn a broken file into a clean one."""
    root = logging.getLogger()
    level = root.level
    try:
        if silence == "level":
            root.setLevel(logging.CRITICAL)
            logging.getLogger("pypdf").setLevel(logging.ERROR)
        else:
            logging.disable(logging.CRITICAL)
        assert codes(inspect(tmp_path, pdfs.broken_xref())) == ["DIP-E416"]
    finally:
        root.setLevel(level)
        logging.getLogger("pypdf").setLevel(logging.NOTSET)
        logging.disable(logging.NOTSET)


@pytest.mark.parametrize(
    "quirk",
    [
        pytest.param(
            lambda d: d + b"\r\n\x00\x00 sampah setelah akhir berkas\n", id="junk-after-eof"
        ),
        pytest.param(lambda d: d + b"%%EOF\n", id="duplicate-eof"),
        pytest.param(lambda d: d.replace(b" n \n", b" n\r\n"), id="crlf-xref-entries"),
        pytest.param(lambda d: _shift_startxref(d, -1), id="startxref-one-byte-early"),
        pytest.param(lambda d: d, id="as-built"),
    ],
)
def test_harmless_producer_quirks_pass(tmp_path: Path, quirk: Callable[[bytes], bytes]) -> None:
    data = pdfs.one_page(pdfs.text_content("Laporan pelayanan"))
    report = inspect(tmp_path, quirk(data))
    assert report.findings == []
    assert report.pages == 1


def _shift_startxref(data: bytes, by: int) -> bytes:
    return re.sub(rb"startxref\n(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + by), data)


def test_linearized_file_is_one_revision(tmp_path: Path) -> None:
    data = pdfs.linearized()
    assert data.count(b"%%EOF") == 2  # the first-page section has its own
    assert len(revision_ends(data)) == 1
    assert inspect(tmp_path, data).findings == []


# --- encryption -------------------------------------------------------------------------------


@pytest.mark.parametrize("aes", [True, False], ids=["aes256", "rc4"])
def test_user_password(tmp_path: Path, aes: bool) -> None:
    report = inspect(tmp_path, pdfs.encrypted(user="buka-saja", aes=aes))
    assert codes(report) == ["DIP-E417"]
    assert "kata sandi pembuka" in only(report, "DIP-E417")


@pytest.mark.parametrize("aes", [True, False], ids=["aes256", "rc4"])
def test_owner_password_only(tmp_path: Path, aes: bool) -> None:
    """Opens without a password, but printing/copying is restricted: still refused."""
    report = inspect(tmp_path, pdfs.encrypted(user="", aes=aes))
    assert codes(report) == ["DIP-E417"]
    assert "kata sandi pemilik" in only(report, "DIP-E417")


# --- bombs, loops, nesting, caps --------------------------------------------------------------


def test_flate_bomb(tmp_path: Path) -> None:
    data = pdfs.flate_bomb()
    assert len(data) < 200_000
    report = inspect(tmp_path, data)
    assert "DIP-E418" in codes(report)
    assert any("bom dekompresi" in f.message for f in report.findings if f.code == "DIP-E418")


@pytest.mark.parametrize(
    "build", [pdfs.page_tree_loop, pdfs.length_loop], ids=["page-tree", "length"]
)
def test_reference_loop(tmp_path: Path, build: Callable[[], bytes]) -> None:
    assert codes(inspect(tmp_path, build())) == ["DIP-E418"]


def test_absurd_nesting(tmp_path: Path) -> None:
    assert codes(inspect(tmp_path, pdfs.nested_arrays(5000))) == ["DIP-E418"]


def test_nesting_beyond_our_cap(tmp_path: Path) -> None:
    """Deeper than max_depth but shallow enough for pypdf: our own cap answers."""
    report = inspect(tmp_path, pdfs.nested_arrays(80))
    assert codes(report) == ["DIP-E418"]
    assert "bersarang" in only(report, "DIP-E418")


def test_a_long_outline_is_not_nesting(tmp_path: Path) -> None:
    assert inspect(tmp_path, pdfs.with_bookmarks(300)).findings == []


def test_too_many_objects(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.clean_report(3), max_objects=5)
    assert "DIP-E418" in codes(report)
    assert "objek PDF" in only(report, "DIP-E418")


def test_too_many_pages_checks_the_first_ones(tmp_path: Path) -> None:
    data = pdfs.report([["pengantar"], ["lampiran"], [f"NIK {NIK}"]])
    report = inspect(tmp_path, data, max_pages=2)
    assert codes(report) == ["DIP-E418"]
    assert report.pages == 3 and report.text_pages == 2
    report = inspect(
        tmp_path, pdfs.report([[f"NIK {NIK}"], ["lampiran"], ["penutup"]]), max_pages=2
    )
    assert codes(report) == ["DIP-E418", "DIP-E503"]


def test_text_bomb_still_reports_what_was_found_before(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.with_info(Author=f"Operator {NIK}"), max_text_total=50)
    assert codes(report) == ["DIP-E418", "DIP-E504"]
    assert "teks dokumen melebihi" in only(report, "DIP-E418")


def test_giant_image(tmp_path: Path) -> None:
    image = pdfs.stream(
        b"\x00" * 64,
        b" /Type /XObject /Subtype /Image /Width 100000 /Height 100000"
        b" /ColorSpace /DeviceGray /BitsPerComponent 8",
    )
    data = pdfs.one_page(
        b"BT /F1 12 Tf 72 700 Td (Peta wilayah) Tj ET q 500 0 0 700 0 0 cm /Im1 Do Q",
        page=b" /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 10 0 R >> >>",
        extra={10: image},
    )
    report = inspect(tmp_path, data)
    assert "DIP-E418" in codes(report)
    assert "bom gambar" in " ".join(f.message for f in report.findings)


# --- active content ---------------------------------------------------------------------------


def active(report: Report) -> str:
    return " | ".join(f.message for f in report.findings if f.code == "DIP-E419")


def test_javascript_in_open_action(tmp_path: Path) -> None:
    data = pdfs.one_page(catalog=b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
    report = inspect(tmp_path, data)
    assert set(codes(report)) == {"DIP-E419"}
    assert "JavaScript" in active(report) and "/OpenAction" in active(report)


def test_javascript_with_escaped_names(tmp_path: Path) -> None:
    """/J#61vaScript and /J#53 are /JavaScript and /JS once the name is decoded."""
    data = pdfs.one_page(
        catalog=b" /Names << /J#61vaScript << /Names [(a) 10 0 R] >> >>",
        extra={10: b"<< /S /J#61vaScript /J#53 (app.launchURL\\('x'\\)) >>"},
    )
    assert b"JavaScript" not in data and b"/JS" not in data
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E419"]
    assert "JavaScript" in active(report)


def test_javascript_in_an_unreferenced_object(tmp_path: Path) -> None:
    """Nothing points at object 10, but it ships with the file."""
    data = pdfs.one_page(extra={10: b"<< /S /JavaScript /JS (this.print\\(\\)) >>"})
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E419"]
    assert "objek 10" in active(report)


def test_additional_actions(tmp_path: Path) -> None:
    data = pdfs.one_page(page=b" /AA << /O << /S /Named /N /NextPage >> >>")
    assert "/AA" in active(inspect(tmp_path, data))


def test_launch_action(tmp_path: Path) -> None:
    data = pdfs.one_page(
        page=b" /Annots [10 0 R]",
        extra={
            10: b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100]"
            b" /A << /S /Launch /F (cmd.exe) >> >>"
        },
    )
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E419"]
    assert "/Launch" in active(report)


def test_embedded_file(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.with_attachment("notulen.txt"))
    assert codes(report) == ["DIP-E419"]
    assert "berkas tertanam" in active(report)


def test_xfa_form(tmp_path: Path) -> None:
    data = pdfs.one_page(
        catalog=b" /AcroForm << /Fields [] /XFA 10 0 R >>",
        extra={10: pdfs.stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")},
    )
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E419"]
    assert "XFA" in active(report)


def test_richmedia(tmp_path: Path) -> None:
    data = pdfs.one_page(
        page=b" /Annots [10 0 R]",
        extra={
            10: b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100]"
            b" /RichMediaContent << /Assets << /Names [] >> >> >>"
        },
    )
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E419"]
    assert "RichMedia" in active(report)


def test_open_at_a_page_is_not_active(tmp_path: Path) -> None:
    """LibreOffice writes /OpenAction [page /XYZ ...]: a destination, nothing runs."""
    data = pdfs.one_page(catalog=b" /OpenAction [3 0 R /XYZ null null 0]")
    assert inspect(tmp_path, data).findings == []


# --- a NIK hidden in every place ------------------------------------------------------------


def test_nik_in_page_text(tmp_path: Path) -> None:
    data = pdfs.report([["Pengantar"], ["Data pemohon", f"NIK {NIK_GROUPED}"], ["Penutup"]])
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E503"]
    assert report.findings[0].page == 2
    assert MASKED in report.findings[0].message


def test_nik_under_a_black_box(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.under_black_box())
    assert codes(report) == ["DIP-E503"]
    assert MASKED in report.findings[0].message


def test_digits_drawn_apart_are_joined(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.split_digits())
    assert codes(report) == ["DIP-E503"]
    message = report.findings[0].message
    assert "3 nomor" in message
    assert all(mask_number(n) in message for n in (NIK, NIK_MAN, KK))


def test_digits_on_a_wavy_baseline_or_tilted(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.wavy_and_tilted())
    assert codes(report) == ["DIP-E503"]
    assert all(mask_number(n) in report.findings[0].message for n in (NIK, NIK_MAN))


@pytest.mark.parametrize(
    "build",
    [
        lambda: pdfs.report([[f"NIK {NIK}"]]),
        pdfs.under_black_box,
        pdfs.split_digits,
        pdfs.wavy_and_tilted,
    ],
)
def test_page_text_without_pdftotext(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[], bytes]
) -> None:
    """pypdf reads the text itself when poppler is missing: same verdict."""
    real = shutil.which
    monkeypatch.setattr(
        "pipeline.scan.pdf_text.shutil.which",
        lambda name: None if name == "pdftotext" else real(name),
    )
    data = build()
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E503"]
    assert MASKED in report.findings[0].message
    assert any("pypdf" in note for note in report.notes)
    if data == pdfs.split_digits():
        assert "3 nomor" in report.findings[0].message


def test_nik_in_info(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.with_info(Author=f"Operator {NIK}"))
    assert codes(report) == ["DIP-E504"]
    assert "metadata dokumen Info" in report.findings[0].message
    assert "/Author" in report.findings[0].message


def test_nik_in_xmp_only(tmp_path: Path) -> None:
    data = pdfs.with_xmp(f"Pindaian KTP {NIK}")
    # pikepdf mirrors dc:description nowhere else: the XMP packet is the only place.
    report = inspect(tmp_path, data)
    assert "DIP-E504" in codes(report)
    assert any("XMP" in f.message for f in report.findings)


def test_nik_in_xmp_as_character_references(tmp_path: Path) -> None:
    escaped = "".join(f"&#{ord(c)};" for c in NIK)
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escaped}</dc:title>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()
    data = pdfs.one_page(
        catalog=b" /Metadata 10 0 R",
        extra={10: pdfs.stream(xmp, b" /Type /Metadata /Subtype /XML")},
    )
    assert NIK.encode() not in data
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E504"]
    assert "XMP" in report.findings[0].message


def test_nik_in_a_bookmark(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.with_bookmarks(5, f"Lampiran KTP {NIK}"))
    assert codes(report) == ["DIP-E504"]
    assert "penanda/bookmark" in report.findings[0].message


def test_nik_in_annotation(tmp_path: Path) -> None:
    data = pdfs.one_page(
        page=b" /Annots [10 0 R]",
        extra={
            10: b"<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /T (Operator)"
            b" /Contents (cek lagi NIK " + NIK_GROUPED.encode() + b") >>"
        },
    )
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E505"]
    assert "anotasi Text di halaman 1" in report.findings[0].message


def test_nik_in_popup_rich_text(tmp_path: Path) -> None:
    rich = f"<body><p>NIK <b>{NIK}</b></p></body>".encode()
    data = pdfs.one_page(
        page=b" /Annots [10 0 R 11 0 R]",
        extra={
            10: b"<< /Type /Annot /Subtype /FreeText /Rect [0 0 20 20] /RC 12 0 R /Popup 11 0 R >>",
            11: b"<< /Type /Annot /Subtype /Popup /Rect [0 0 20 20] /Parent 10 0 R >>",
            12: pdfs.stream(rich),
        },
    )
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E505"]
    assert "teks kaya" in report.findings[0].message


def test_nik_in_form_field_value(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.form_field(NIK))
    assert "DIP-E505" in codes(report)
    message = next(f.message for f in report.findings if f.code == "DIP-E505")
    assert "isian formulir «nik_pemohon»" in message and "/V" in message


def test_nik_in_form_field_name_is_masked_in_the_message(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.form_field("ya", name=f"nik_{NIK}"))
    assert codes(report) == ["DIP-E505"]
    assert f"«nik_{MASKED}»" in report.findings[0].message


def test_nik_in_embedded_file_name(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.with_attachment(f"KTP {NIK}.jpg"))
    assert sorted(codes(report)) == ["DIP-E419", "DIP-E505"]
    assert "berkas tertanam" in only(report, "DIP-E505")


def test_nik_in_an_earlier_revision(tmp_path: Path) -> None:
    data = pdfs.redacted_by_update()
    assert len(revision_ends(data)) == 2
    report = inspect(tmp_path, data)
    assert "DIP-E503" not in codes(report)  # the newest revision shows no NIK
    message = only(report, "DIP-E506")
    assert "revisi lama ke-1 dari 2, halaman 1" in message and MASKED in message
    # The old author is still listed in the xref: found as an object the document no
    # longer uses, in the newest revision already.
    assert "tidak dipakai" in only(report, "DIP-E504")
    assert any("2 revisi" in note for note in report.notes)


def test_scan_in_an_earlier_revision_is_read_with_ocr(tmp_path: Path) -> None:
    data = pdfs.scan_replaced_by_update()
    ocr = FakeOcr({1: f"KARTU KELUARGA No. {KK}"})
    report = inspect(tmp_path, data, ocr)
    assert ocr.calls == [[1]]  # the newest revision has text: only the old page is read
    message = only(report, "DIP-E506")
    assert "revisi lama ke-1 dari 2, halaman 1 (dibaca dengan OCR)" in message
    assert mask_number(KK) in message


def test_scan_in_an_earlier_revision_without_ocr(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.scan_replaced_by_update())
    assert codes(report) == ["DIP-E426"]
    assert "revisi lama ke-1 dari 2 halaman 1" in only(report, "DIP-E426")


def test_active_content_an_update_removed_is_still_in_the_file(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.script_removed_by_update())
    assert set(codes(report)) == {"DIP-E419"}
    assert active(report).startswith("revisi lama ke-1 dari 2: konten aktif: JavaScript")


def test_unchanged_revisions_are_not_reported(tmp_path: Path) -> None:
    data = pdfs.append_revision(
        pdfs.one_page(pdfs.text_content(f"NIK {NIK}")),
        {10: b"<< /Producer (penyunting) >>"},
        info=10,
    )
    report = inspect(tmp_path, data)
    assert codes(report) == ["DIP-E503"]  # once, for the page both revisions show


def test_earlier_revision_pages_are_capped(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.redacted_by_update(), max_revision_pages=0)
    assert "DIP-E506" not in codes(report)
    assert "halaman revisi lama" in only(report, "DIP-E418")


def test_too_many_revisions(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.many_revisions(LIMITS.max_revisions + 1))
    assert codes(report) == ["DIP-E420"]
    assert inspect(tmp_path, pdfs.many_revisions(3)).findings == []


def test_scanned_page_without_ocr_is_never_a_silent_pass(tmp_path: Path) -> None:
    data = pdfs.report([["Pengantar"]])
    scan = pdfs.scanned_page(["SURAT KETERANGAN", f"NIK: {NIK}"])
    report = inspect(tmp_path, scan)
    assert report.pages == 1 and report.text_pages == 0 and report.ocr_pages == 0
    message = only(report, "DIP-E426")
    assert "halaman 1" in message and "apt-get install" in message
    assert inspect(tmp_path, data).findings == []


class FakeOcr:
    def __init__(self, texts: dict[int, str], fail: frozenset[int] = frozenset()) -> None:
        self.texts, self.fail = texts, fail
        self.calls: list[list[int]] = []

    def pdf_pages(self, path: Path, pages: list[int]) -> dict[int, str]:
        self.calls.append(list(pages))
        done: dict[int, str] = {}
        for page in pages:
            if page in self.fail:
                error = OcrError("tesseract berhenti", page)
                error.partial = done
                raise error
            done[page] = self.texts.get(page, "")
        return done

    def image(self, path: Path) -> str:
        raise AssertionError("not for PDFs")


def test_pages_without_text_go_to_ocr(tmp_path: Path) -> None:
    scan = pdfs.scanned_page(["SURAT KETERANGAN"])
    ocr = FakeOcr({1: "NIK : 6171 O357 O885 OOO3\nNama : contoh"})  # O read for 0
    report = inspect(tmp_path, scan, ocr)
    assert ocr.calls == [[1]]
    assert codes(report) == ["DIP-E507"] and report.ocr_pages == 1
    assert MASKED in report.findings[0].message and report.findings[0].page == 1


def test_a_page_ocr_cannot_read_is_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    scans = pdfs.scanned_pages([["HALAMAN SATU"], ["HALAMAN DUA"], ["HALAMAN TIGA"]])
    ocr = FakeOcr({1: "kosong", 3: f"NIK {NIK}"}, fail=frozenset({2}))
    report = inspect(tmp_path, scans, ocr)
    assert ocr.calls == [[1, 2, 3], [3]]
    assert sorted(codes(report)) == ["DIP-E425", "DIP-E507"]
    assert only(report, "DIP-E425").startswith("halaman 2")
    assert next(f.page for f in report.findings if f.code == "DIP-E507") == 3
    assert report.ocr_pages == 2


def test_photo_of_a_document_inside_a_text_page_goes_to_ocr(tmp_path: Path) -> None:
    """A digital report with a pasted scan: the page has text, the image still gets read."""
    ocr = FakeOcr({1: f"Foto KTP NIK {NIK}"})
    report = inspect(tmp_path, pdfs.report_with_photo(), ocr)
    assert ocr.calls == [[1]]
    assert codes(report) == ["DIP-E507"]
    assert report.text_pages == 1 and report.ocr_pages == 1


def test_a_scan_with_its_ocr_layer_is_not_read_again(tmp_path: Path) -> None:
    ocr = FakeOcr({})
    clean = inspect(tmp_path, pdfs.ocr_layered_scan("Nomor 470/123/DISDUKCAPIL"), ocr)
    assert ocr.calls == [] and clean.findings == []
    assert clean.text_pages == 1 and clean.ocr_pages == 0
    report = inspect(tmp_path, pdfs.ocr_layered_scan(f"NIK: {NIK_GROUPED}"), ocr)
    assert ocr.calls == [] and codes(report) == ["DIP-E503"]


def test_logos_and_icons_do_not_go_to_ocr(tmp_path: Path) -> None:
    ocr = FakeOcr({})
    report = inspect(tmp_path, pdfs.report_with_photo((180, 180)), ocr)
    assert ocr.calls == [] and report.findings == []


@needs_ocr
def test_scanned_nik_read_by_real_ocr(tmp_path: Path) -> None:
    scan = pdfs.scanned_page(["SURAT KETERANGAN DOMISILI", f"NIK: {NIK_GROUPED}", "Nama: Contoh"])
    report = inspect(tmp_path, scan, OCR)
    assert report.ocr_pages == 1
    assert codes(report) == ["DIP-E507"]
    assert MASKED in report.findings[0].message


@needs_ocr
def test_scanned_page_without_nik_passes_real_ocr(tmp_path: Path) -> None:
    scan = pdfs.scanned_page(["SURAT EDARAN", "Nomor 470/123/DISDUKCAPIL", "Telepon 0561 734567"])
    report = inspect(tmp_path, scan, OCR)
    assert report.ocr_pages == 1 and report.findings == []


# --- what must pass ---------------------------------------------------------------------------


def test_numbers_that_are_not_nik(tmp_path: Path) -> None:
    data = pdfs.report([list(pdfs.CONTROLS)])
    report = inspect(tmp_path, data)
    assert report.findings == []
    assert report.text_pages == 1


def test_not_nik_numbers_in_metadata_and_fields(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.with_info(Subject=" / ".join(pdfs.CONTROLS)))
    assert report.findings == []
    assert inspect(tmp_path, pdfs.form_field("198507172010011003", name="nip")).findings == []


def test_clean_multi_page_report(tmp_path: Path) -> None:
    report = inspect(tmp_path, pdfs.clean_report(10))
    assert report.findings == []
    assert (report.kind, report.pages, report.text_pages, report.ocr_pages) == ("pdf", 10, 10, 0)


# --- never raises -----------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_damage_becomes_findings(tmp_path: Path, data: st.DataObject) -> None:
    original = bytearray(pdfs.one_page(pdfs.text_content(f"NIK {NIK}"), info=None))
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(original) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "dup", "zero"]))
        if action == "flip":
            original[pos] ^= data.draw(st.integers(1, 255))
        elif action == "cut":
            del original[pos : pos + data.draw(st.integers(1, 64))]
        elif action == "dup":
            original[pos:pos] = original[pos : pos + data.draw(st.integers(1, 64))]
        else:
            original[pos] = 0
        if not original:
            break
    report = inspect(tmp_path, bytes(original))
    assert report.kind == "pdf"


def test_pypdf_errors_become_the_right_codes() -> None:
    wrapped = PdfReadError("Error reading PDF file.")
    wrapped.__cause__ = RecursionError("maximum recursion depth exceeded")
    cases: dict[str, list[Exception]] = {
        "DIP-E418": [
            LimitReachedError("Limit reached while decompressing."),
            PdfReadError("Detected cyclic page references."),
            wrapped,
            LimitExceeded("lebih dari 5 objek PDF"),
        ],
        "DIP-E417": [FileNotDecryptedError("File has not been decrypted")],
        "DIP-E416": [PdfReadError("Invalid Elementary Object starting with b'x'"), ValueError()],
    }
    for code, errors in cases.items():
        for error in errors:
            assert finding_for_error(error, "PDF").code == code, error


def test_messages_never_echo_a_nik_from_the_file() -> None:
    finding = finding_for_error(PdfReadError(f"Invalid /N {NIK} in object stream"), "PDF")
    assert NIK not in finding.message and MASKED in finding.message


def test_structure_problem_is_pure() -> None:
    assert structure_problem(b"") == "berkas kosong"
    assert structure_problem(pdfs.clean_report(1)) is None
    assert re.search("startxref", structure_problem(b"%PDF-1.7\n%%EOF\n") or "")
