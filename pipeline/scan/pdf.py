"""Inspecting PDF attachments: threats, active content and personal data anywhere inside.

`inspect_pdf` never raises for bad input: whatever the file does becomes a Finding.
In order, a PDF is

1. checked as bytes (`pdf_bytes`): a file without its final `%%EOF`/`startxref`, or
   whose `startxref` does not lead to a cross-reference section, is DIP-E416;
2. opened with pypdf in non-strict mode, which tolerates harmless producer quirks
   (xref subsections not starting at 0, an offset a few bytes off, duplicate
   `%%EOF`s, junk after the end). When pypdf had to *rebuild* the cross-reference
   table by scanning the file, what it reads may differ from what a viewer shows: that
   is DIP-E416 as well;
3. refused when encrypted in any way (DIP-E417);
4. walked object by object (`pdf_walk`): active content (DIP-E419), numbers in the
   Info dictionary, XMP and other objects (DIP-E504), in annotations, form fields and
   embedded file names (DIP-E505), decompression bombs and giant images (DIP-E418);
5. read page by page (`pdf_text`): numbers in the text layer (DIP-E503); pages without
   text, or with an image large enough to be a photographed document, go to OCR
   (DIP-E507), or are named in DIP-E426 when OCR is not installed;
6. cut at every earlier `%%EOF` (`pdf_revisions`): what an incremental update
   replaced is still in the file and is searched too (DIP-E506); more than
   `max_revisions` revisions is DIP-E420.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from pypdf import PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError

from .model import Finding, Report
from .ocr import OCR_INSTALL_HINT, Ocr
from .pdf_bytes import structure_problem
from .pdf_findings import NumberHits, PdfLog, finding_for_error, number, repaired_finding
from .pdf_limits import LIMITS, PdfLimits
from .pdf_places import annotation_pages
from .pdf_revisions import scan_revisions
from .pdf_text import Poppler, needs_ocr, numbers_in, ocr_variants, page_texts, read_with_ocr
from .pdf_walk import walk, walk_findings

__all__ = ["inspect_pdf"]

# Findings listed first: what makes the whole file unreadable or dangerous.
_ORDER = ("DIP-E416", "DIP-E417", "DIP-E418", "DIP-E420", "DIP-E419")


def inspect_pdf(path: Path, ocr: Ocr | None, *, limits: PdfLimits = LIMITS) -> Report:
    """Inspect one PDF; a hostile or broken file becomes findings, never an exception."""
    report = Report(kind="pdf")
    found = _Found()
    with PdfLog() as log, warnings.catch_warnings(), apply_configuration():
        warnings.simplefilter("ignore")
        try:
            _inspect(path, ocr, limits, report, log, found)
        except Exception as exc:  # the edge: nothing a file does may escape as an exception
            report.findings.append(finding_for_error(exc, "PDF"))
    # Whatever stopped the inspection, what was found before it is reported.
    report.findings.extend(found.hits.findings())
    if found.unread:
        listed = ", ".join(found.unread[:30]) + (" dan lainnya" if len(found.unread) > 30 else "")
        report.findings.append(
            Finding(
                "DIP-E426",
                f"{listed}: tidak memiliki lapisan teks atau memuat gambar dokumen, jadi harus "
                f"dibaca dengan OCR; {OCR_INSTALL_HINT}",
            )
        )
    report.findings.sort(key=lambda f: _ORDER.index(f.code) if f.code in _ORDER else 99)
    return report


@dataclass
class _Found:
    hits: NumberHits = field(default_factory=NumberHits)
    unread: list[str] = field(default_factory=list)  # pages OCR should read, without OCR


def _inspect(
    path: Path, ocr: Ocr | None, limits: PdfLimits, report: Report, log: PdfLog, found: _Found
) -> None:
    with open(path, "rb") as fh:
        data = fh.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        report.findings.append(
            Finding("DIP-E418", f"PDF lebih besar dari {number(limits.max_file_bytes)} bita")
        )
        return
    problem = structure_problem(data)
    if problem is not None:
        report.findings.append(Finding("DIP-E416", problem))
        return
    try:
        reader = PdfReader(BytesIO(data), strict=False)
    except DependencyError:  # encryption pypdf cannot even check without a crypto library
        report.findings.append(_encryption_finding(None, data))
        return
    if log.repairs():
        report.findings.append(repaired_finding("PDF"))
        return
    if reader.is_encrypted:
        report.findings.append(_encryption_finding(reader, data))
        return
    pages = reader.pages
    count = len(pages)
    report.pages = count
    if count > limits.max_pages:
        report.findings.append(
            Finding(
                "DIP-E418",
                f"PDF berisi {number(count)} halaman; hanya {number(limits.max_pages)} halaman "
                "pertama yang diperiksa (batas)",
            )
        )
    checked = [pages[i] for i in range(min(count, limits.max_pages))]
    decoded = [0]

    # pdftotext reads the pages while pypdf walks the objects.
    poppler = Poppler(path, len(checked), limits)
    try:
        result = walk(reader, limits, annotation_pages(checked), decoded)
        report.findings.extend(walk_findings(result, "PDF"))
        found.hits.merge(result.hits)
        if log.repairs():
            report.findings.append(repaired_finding("PDF"))
            return
        texts = page_texts(poppler, checked, limits)
    finally:
        poppler.close()
    report.findings.extend(texts.problems)
    for n, readings in enumerate(texts.texts, start=1):
        found.hits.add("DIP-E503", "", n, numbers_in(readings))
    report.text_pages = sum(1 for v in texts.visible if v > 0)
    if texts.source == "pypdf":
        report.notes.append(
            "teks halaman dibaca dengan pypdf (pdftotext tidak terpasang atau gagal)"
        )

    cache: dict[int, int] = {}
    scans = [
        n
        for n, page in enumerate(checked, start=1)
        if needs_ocr(page, texts.visible[n - 1], limits, cache)
    ]
    if scans and ocr is None:
        found.unread.extend(f"halaman {n}" for n in scans)
    elif scans and ocr is not None:
        read, failures = read_with_ocr(ocr, path, scans)
        report.ocr_pages = len(read)
        report.findings.extend(failures)
        for n, text in read.items():
            known = found.hits.page_digits(n)
            numbers = [x for x in numbers_in(ocr_variants(text)) if x.digits not in known]
            found.hits.add("DIP-E507", "", n, numbers)

    known = found.hits.all_digits()
    revisions = scan_revisions(data, reader, checked, ocr, limits, decoded, known, log)
    report.findings.extend(revisions.findings)
    found.hits.merge(revisions.hits)
    found.unread.extend(revisions.unread)
    if revisions.revisions > 1:
        report.notes.append(
            f"PDF menyimpan {revisions.revisions} revisi (pembaruan bertahap); "
            "revisi lama ikut diperiksa"
        )


def _encryption_finding(reader: PdfReader | None, data: bytes) -> Finding:
    """Encrypted is refused either way; the message says whether opening needs a password."""
    opened: bool | None = None
    try:
        if reader is not None:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # an algorithm pypdf cannot check without a crypto library
        opened = None
    if opened is None:
        opened = _opens_without_password(data)
    if opened is None:
        return Finding("DIP-E417", "PDF terenkripsi; isinya tidak dapat diperiksa")
    if opened:
        return Finding(
            "DIP-E417",
            "PDF terenkripsi dengan kata sandi pemilik (pembatasan cetak/salin/ubah) walaupun "
            "dapat dibuka tanpa kata sandi; isinya tidak diperiksa",
        )
    return Finding(
        "DIP-E417", "PDF dikunci dengan kata sandi pembuka; isinya tidak dapat diperiksa"
    )


def _opens_without_password(data: bytes) -> bool | None:
    try:
        import pikepdf
    except ImportError:
        return None
    try:
        with pikepdf.open(BytesIO(data)):
            return True
    except pikepdf.PasswordError:
        return False
    except Exception:  # qpdf refuses the file for another reason: say nothing more
        return None
