"""`dip lampiran siapkan`: phone photos or scanner output → one compact PDF/A with an OCR
text layer and no metadata, checked, with the `lampiran` entry to paste into item.yaml.

Order matters: images are re-encoded from their pixels (EXIF orientation applied first)
so no EXIF/XMP/IPTC/ICC block survives (img2pdf alone would copy a JPEG's EXIF into the
PDF); ocrmypdf then adds the text layer and converts to PDF/A; finally every metadata
entry ocrmypdf or the inputs left is removed with pikepdf, except the title we set and
the PDF/A identification, and JPEG streams lose their APPn/COM segments.

The steps live in `prepare_images.py` (re-encoding), `prepare_ocr.py` (ocrmypdf) and
`prepare_metadata.py` (metadata removal); the command is in `prepare_cmd.py`.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..pii import find_personal_numbers
from ..project import ConfigError
from .model import Finding, Report
from .prepare_images import clean_image
from .prepare_metadata import clean_metadata
from .prepare_ocr import find_ocrmypdf, run_ocrmypdf

__all__ = [
    "LANGUAGES",
    "Prepared",
    "default_output_name",
    "default_title",
    "lampiran_entry",
    "prepare",
]

MAX_INPUT_PAGES = 500
LANGUAGES = "ind+eng"


@dataclass
class Prepared:
    output: Path
    pages: int
    size: int
    report: Report
    removed: list[str] = field(default_factory=list)  # metadata found in the inputs
    notes: list[str] = field(default_factory=list)


# -- the library function -------------------------------------------------------------


def prepare(
    inputs: Sequence[Path],
    output: Path,
    judul: str,
    languages: str = LANGUAGES,
    progress: Callable[[str], None] | None = None,
) -> Prepared:
    """Make `output` (which must not exist) from `inputs`, then inspect it.

    Raises ConfigError for what the user must fix (missing tools, unreadable input,
    existing output); personal data in the result is reported, not raised. `progress`
    receives a sentence (Indonesian) before each long step.
    """
    say = progress or (lambda _: None)
    if not inputs:
        raise ConfigError("berikan paling sedikit satu berkas masukan")
    ocrmypdf = find_ocrmypdf(languages)
    if output.exists() or output.is_symlink():
        raise ConfigError(f"{output} sudah ada; pilih nama lain dengan --keluaran")
    for source in inputs:
        if source.resolve() == output.resolve():
            raise ConfigError(f"{output} adalah berkas masukan; pilih nama lain")
    if find_personal_numbers(judul):
        raise ConfigError("judul memuat nomor NIK/KK; judul lampiran diumumkan kepada publik")
    prepared_notes: list[str] = []
    removed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dip-siapkan-") as tmp:
        work = Path(tmp)
        combined = work / "gabungan.pdf"
        pages = _combine(inputs, work, combined, removed)
        ocr_out = work / "ocr.pdf"
        say(f"Membaca {pages} halaman dengan OCR ({languages}) …")
        pdfa = run_ocrmypdf(ocrmypdf, combined, ocr_out, languages, pages, prepared_notes)
        final = work / "akhir.pdf"
        count = clean_metadata(ocr_out, final, judul)
        _publish(final, output)
    say("Memeriksa hasilnya (NIK/KK, konten aktif) …")
    report = _inspect(output)
    if not pdfa:
        prepared_notes.append("ocrmypdf tidak dapat membuat PDF/A; hasilnya PDF biasa")
    return Prepared(output, count, output.stat().st_size, report, removed, prepared_notes)


# -- step 1: clean pages, one PDF (images: prepare_images.py) ------------------------


def _combine(inputs: Sequence[Path], work: Path, combined: Path, removed: list[str]) -> int:
    """Every input as clean pages, in order, in one PDF. Returns the page count."""
    import img2pdf  # type: ignore[import-untyped]
    import pikepdf

    out = pikepdf.Pdf.new()
    images: list[Path] = []

    def flush() -> None:
        if not images:
            return
        part = work / f"bagian-{len(out.pages)}.pdf"
        part.write_bytes(img2pdf.convert([str(p) for p in images]))
        with pikepdf.open(part) as src:
            out.pages.extend(src.pages)
        images.clear()

    for number, source in enumerate(inputs, 1):
        kind = _kind(source)
        if kind == "pdf":
            flush()
            _append_pdf(out, source, removed)
        else:
            images.extend(clean_image(source, work, number, removed))
        if len(out.pages) + len(images) > MAX_INPUT_PAGES:
            raise ConfigError(f"lebih dari {MAX_INPUT_PAGES} halaman; bagi menjadi beberapa berkas")
    flush()
    count = len(out.pages)
    if count == 0:
        raise ConfigError("masukan tidak berisi halaman")
    out.save(combined)
    return count


def _kind(source: Path) -> str:
    try:
        with open(source, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ConfigError(f"{source} tidak dapat dibaca: {exc.strerror or exc}") from None
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")):
        return "image"
    raise ConfigError(f"{source} bukan JPEG, PNG, TIFF atau PDF")


def _append_pdf(out: Any, source: Path, removed: list[str]) -> None:
    """The pages of a PDF, without annotations, actions, thumbnails or page metadata."""
    import pikepdf

    try:
        src = pikepdf.open(source)
    except pikepdf.PasswordError:
        raise ConfigError(f"{source} berkata sandi; buka kuncinya dulu") from None
    except Exception as exc:
        raise ConfigError(f"{source} bukan PDF yang dapat dibaca ({type(exc).__name__})") from None
    with src:
        named = [str(k)[1:] for k in src.docinfo if str(k) != "/Title"]
        if "/Metadata" in src.Root:
            named.append("XMP")
        if named:
            removed.append(f"{source.name}: metadata dokumen ({', '.join(named)})")
        if len(src.pages) > MAX_INPUT_PAGES:
            raise ConfigError(f"{source} berisi lebih dari {MAX_INPUT_PAGES} halaman")
        start = len(out.pages)
        out.pages.extend(src.pages)
    for page in out.pages[start:]:
        for key in ("/Annots", "/AA", "/Metadata", "/PieceInfo", "/Thumb", "/B"):
            if key in page.obj:
                del page.obj[key]


def _publish(final: Path, output: Path) -> None:
    """Copy into place without ever replacing an existing file."""
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ConfigError(f"{output} sudah ada; pilih nama lain dengan --keluaran") from None
    except OSError as exc:
        raise ConfigError(f"{output} tidak dapat ditulis: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as dst, open(final, "rb") as src:
            shutil.copyfileobj(src, dst)
    except BaseException:
        output.unlink(missing_ok=True)
        raise


# -- step 4: inspect the result -----------------------------------------------------------


def _inspect(path: Path) -> Report:
    from .ocr import find_ocr

    try:
        from .pdf import inspect_pdf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _inspect_text_layer(path)
    report: Report = inspect_pdf(path, find_ocr())
    return report


def _inspect_text_layer(path: Path) -> Report:
    """Used only while the PDF inspector is not installed: the text layer of every page
    and the document metadata, searched for NIK/KK numbers."""
    from pypdf import PdfReader

    from ..pii import mask_number

    report = Report(kind="pdf")
    reader = PdfReader(path)
    report.pages = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        if text.strip():
            report.text_pages += 1
        for found in find_personal_numbers(text):
            report.findings.append(
                Finding(
                    "DIP-E507",
                    f"{found.kind} {mask_number(found.digits)} di halaman {number}",
                    page=number,
                )
            )
    metadata = " \n".join(str(v) for v in (reader.metadata or {}).values())
    xmp = reader.root_object.get("/Metadata")
    if xmp is not None:
        metadata += "\n" + xmp.get_object().get_data().decode("utf-8", "replace")
    for found in find_personal_numbers(metadata):
        report.findings.append(
            Finding("DIP-E504", f"{found.kind} {mask_number(found.digits)} di metadata PDF")
        )
    return report


# -- names and the item.yaml entry --------------------------------------------------------


def default_output_name(judul: str | None, first_input: Path) -> str:
    """`[a-z0-9._-]` name from the title, else from the first input's name."""
    from ..new import slug

    base = slug(judul) if judul else slug(first_input.stem)
    return f"{base[:100].rstrip('-.')}.pdf"


def default_title(first_input: Path) -> str:
    words = re.sub(r"[-_.]+", " ", first_input.stem).strip()
    title = words[:1].upper() + words[1:]
    return title if len(title) >= 3 else "Lampiran hasil pindaian"


def lampiran_entry(name: str, judul: str) -> str:
    """The entry to paste under `lampiran:` in item.yaml, as `dip new` writes it."""
    from ..emit import emit_item

    text = emit_item(
        {"lampiran": [{"berkas": name, "judul": judul, "sumber": "pindaian"}]}, ["lampiran"]
    )
    return text.split("\n", 1)[1]  # without the "lampiran:" line
