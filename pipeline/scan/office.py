"""Inspecting office files (docx/xlsx/pptx, odt/ods/odp): ZIP packages of XML.

Nothing is extracted to disk except embedded pictures, which are read like any image
(metadata and OCR). The ZIP directory is checked before Python's zipfile reads it (entry
count, directory size), then every entry's declared size and ratio, its name and its
encryption flag; reads are bounded by the declared sizes, and zipfile's CRC check catches
an entry that lies about them.
"""

from __future__ import annotations

import html
import io
import re
import struct
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..pii import find_personal_numbers, mask_number
from .model import Finding, Report
from .ocr import Ocr

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_TOTAL_BYTES", "inspect_office"]

MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # declared uncompressed size of all entries
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_XML_BYTES = 64 * 1024 * 1024  # one XML part read for text
# Deflate reaches ~1000:1 on zeros; real documents stay far below 100:1 except on small
# repetitive parts, hence the size floor.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
MAX_PICTURES = 30
MAX_FINDINGS = 50

_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PICTURE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff"})
_OFFICE_SUFFIXES = frozenset(
    {".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".pptm", ".odt", ".ods", ".odp"}
)
_PICTURE_FOLDERS = ("word/media/", "xl/media/", "ppt/media/", "Pictures/")
_METADATA_PARTS = frozenset(
    {"docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "meta.xml"}
)

# Parts that hold active content, matched on the lower-cased name.
_MACRO_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(^|/)vbaproject\.bin$"), "proyek makro VBA"),
    (re.compile(r"(^|/)vbadata\.xml$"), "data makro VBA"),
    (re.compile(r"(^|/)macrosheets/"), "lembar makro Excel 4.0"),
    (re.compile(r"(^|/)activex/"), "kontrol ActiveX"),
    (re.compile(r"(^|/)embeddings/oleobject[^/]*$"), "objek OLE tertanam"),
    (re.compile(r"(^|/)embeddings/.*\.(bin|exe|dll|js|vbs|ps1|bat|cmd|scr)$"), "objek tertanam"),
    (re.compile(r"^basic/"), "makro LibreOffice Basic"),
    (re.compile(r"^scripts/"), "skrip LibreOffice"),
)
_MACRO_TYPES = re.compile(
    r"macroEnabled|vbaProject|ms-office\.activeX|ms-excel\.(?:macrosheet|intlmacrosheet)"
    r"|oleObject|application/vnd\.sun\.star\.basic|application/x-vbscript",
    re.IGNORECASE,
)
# Relationships that fetch or run something from outside when the file is opened.
_EXTERNAL_REL = re.compile(
    r"<Relationship\b[^>]*Type=\"[^\"]*/(attachedTemplate|oleObject|frame|subDocument)\""
    r"[^>]*TargetMode=\"External\"|<Relationship\b[^>]*TargetMode=\"External\"[^>]*"
    r"Type=\"[^\"]*/(attachedTemplate|oleObject|frame|subDocument)\"",
    re.IGNORECASE,
)
# Field codes that run DDE (Word), DDE links (Excel), ODF macros bound to events.
_DDE = re.compile(r"<w:instrText\b[^>]*>\s*\"?\s*DDE|\binstr=\"\s*DDE|<ddeLink\b", re.IGNORECASE)
_ODF_EVENT = re.compile(
    r"<script:event-listener\b|\bxlink:href=\"(?:vnd\.sun\.star\.script|macro):"
)
# Elements that end a paragraph, cell, row or shape become a line break; tabs and ODF
# spaces a space; every other tag disappears, so the runs Word splits a number into are
# joined again.
_BLOCKS = frozenset(
    [
        "p",
        "h",
        "tc",
        "tr",
        "c",
        "si",
        "row",
        "table-cell",
        "table-row",
        "covered-table-cell",
        "br",
        "cr",
        "line-break",
        "txBody",
        "sp",
        "cell",
        "comment",
        "list-item",
        "note",
    ]
)
_SPACES = frozenset({"tab", "s", "tab-stop"})
_TAG = re.compile(r"<(/?)(?:[\w.-]+:)?([\w.-]+)[^>]{0,100000}?>")
_ATTRIBUTE = re.compile(r"=\"([^\"<]{1,10000})\"")


@dataclass
class _State:
    report: Report
    ocr: Ocr | None
    depth: int = 0  # 1 inside an embedded package (a Word chart's workbook)
    pii: int = 0
    pictures: int = 0
    notes: set[str] = field(default_factory=set)


def inspect_office(path: Path, ocr: Ocr | None) -> Report:
    """Inspect one office file; a hostile file becomes a Finding, never an exception."""
    report = Report(kind="office")
    _guarded(path, _State(report, ocr))
    return report


def _guarded(path: Path, state: _State) -> None:
    report = state.report
    try:
        _inspect(path, state)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        report.findings.append(_broken(f"arsip dokumen rusak ({_why(exc)})"))
    except NotImplementedError as exc:
        report.findings.append(_broken(f"metode kompresi tidak dikenal ({_why(exc)})"))
    except RecursionError:
        report.findings.append(_broken("struktur dokumen terlalu dalam"))


def _inspect(path: Path, state: _State) -> None:
    report = state.report
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head.startswith(_OLE_MAGIC):
            report.findings.append(
                _broken(
                    "berkas ini dokumen terenkripsi (berkata sandi) atau format lama "
                    "(.doc/.xls/.ppt), bukan dokumen kantor modern"
                )
            )
            return
        problem = _directory_problem(fh)
    if problem:
        report.findings.append(_broken(problem))
        return
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if not _check_entries(infos, report):
            return
        names = {i.filename for i in infos}
        _check_active(zf, infos, names, report)
        for info in infos:
            _read_entry(zf, info, state)
    if state.pii > MAX_FINDINGS:
        report.findings.append(
            Finding("DIP-E503", f"dan {state.pii - MAX_FINDINGS} nomor NIK/KK lain di dokumen")
        )
    report.notes.extend(sorted(state.notes))


def _directory_problem(fh: BinaryIO) -> str | None:
    """Read the end-of-central-directory record ourselves: Python's zipfile would load a
    directory of millions of entries into memory before we could count them."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail_len = min(size, 65536 + 22)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return "bukan arsip ZIP atau arsipnya terpotong"
    entries, directory = struct.unpack("<xxxxxxxxxxHI", tail[at : at + 16])
    if entries == 0xFFFF or directory == 0xFFFFFFFF:
        loc = tail.rfind(b"PK\x06\x07", 0, at)
        if loc >= 0 and loc + 20 <= len(tail):
            (offset,) = struct.unpack("<Q", tail[loc + 8 : loc + 16])
            if offset + 56 > size:
                return "direktori ZIP64 menunjuk ke luar berkas"
            fh.seek(offset)
            record = fh.read(56)
            if record[:4] != b"PK\x06\x06":
                return "direktori ZIP64 rusak"
            entries, directory = struct.unpack("<Q8xQ", record[32:56])
    if entries > MAX_ENTRIES:
        return f"arsip berisi {entries} entri (batas {MAX_ENTRIES})"
    if directory > MAX_DIRECTORY_BYTES:
        return f"direktori arsip {directory} bait terlalu besar"
    return None


def _check_entries(infos: list[zipfile.ZipInfo], report: Report) -> bool:
    """Caps, names and encryption; False when reading any further would be unsafe."""
    if len(infos) > MAX_ENTRIES:
        report.findings.append(_broken(f"arsip berisi {len(infos)} entri (batas {MAX_ENTRIES})"))
        return False
    ok = True
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        shown = _show(name)
        total += info.file_size
        if _unsafe_name(name):
            report.findings.append(_broken(f"nama entri '{shown}' menunjuk ke luar arsip"))
            ok = False
        if name.lower() in seen:
            report.findings.append(_broken(f"entri '{shown}' ada lebih dari sekali"))
            ok = False
        seen.add(name.lower())
        if info.flag_bits & 0x1:
            report.findings.append(_broken(f"entri '{shown}' terenkripsi"))
            ok = False
        if info.file_size > MAX_ENTRY_BYTES:
            report.findings.append(
                _broken(
                    f"entri '{shown}' berukuran {_mb(info.file_size)}, "
                    f"batasnya {_mb(MAX_ENTRY_BYTES)}"
                )
            )
            ok = False
        elif info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            report.findings.append(
                _broken(f"entri '{shown}' mengembang {ratio}× saat dibuka (bom zip)")
            )
            ok = False
    if total > MAX_TOTAL_BYTES:
        report.findings.append(
            _broken(f"isi arsip {_mb(total)} setelah dibuka (batas {_mb(MAX_TOTAL_BYTES)})")
        )
        ok = False
    return ok


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in PurePosixPath(name).parts)


def _check_active(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], names: set[str], report: Report
) -> None:
    found: list[str] = []
    for info in infos:
        lower = info.filename.lower()
        for pattern, what in _MACRO_NAMES:
            if pattern.search(lower):
                found.append(f"{what} ('{_show(info.filename)}')")
                break
    for part in ("[Content_Types].xml", "META-INF/manifest.xml"):
        if part in names:
            text = _read_text(zf, zf.getinfo(part), report) or ""
            match = _MACRO_TYPES.search(text)
            if match:
                found.append(f"jenis isi '{match.group()}' di {part}")
    for info in infos:
        if info.filename.endswith(".rels") and _EXTERNAL_REL.search(
            _read_text(zf, info, report) or ""
        ):
            found.append(f"templat atau objek dari luar ('{_show(info.filename)}')")
    if found:
        report.findings.append(
            Finding("DIP-E424", "dokumen berisi " + "; ".join(dict.fromkeys(found)))
        )


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, state: _State) -> None:
    name = info.filename
    if info.is_dir() or info.file_size == 0:
        return
    suffix = PurePosixPath(name.lower()).suffix
    with zf.open(info) as fh:
        head = fh.read(8)
    if head.startswith(_ARCHIVE_MAGIC) or head.startswith(_OLE_MAGIC):
        embedded = "/embeddings/" in name.lower()
        if embedded and head.startswith(b"PK\x03\x04") and suffix in _OFFICE_SUFFIXES:
            _read_embedded(zf, info, state)
        elif embedded or head.startswith(_OLE_MAGIC):
            state.report.findings.append(
                Finding(
                    "DIP-E424",
                    f"dokumen menanam berkas lain ('{_show(name)}') yang isinya tidak diperiksa",
                )
            )
        else:
            state.report.findings.append(_broken(f"arsip bersarang '{_show(name)}'"))
        return
    if suffix == ".xml":
        raw = _read_text(zf, info, state.report)
        if raw is None:
            return
        if _DDE.search(raw) or _ODF_EVENT.search(raw):
            state.report.findings.append(
                Finding("DIP-E424", f"tautan DDE atau makro pada peristiwa di '{_show(name)}'")
            )
        code = "DIP-E504" if name in _METADATA_PARTS else "DIP-E503"
        where = "metadata dokumen" if code == "DIP-E504" else "isi dokumen"
        for text in (xml_text(raw), xml_attributes(raw)):
            for number in find_personal_numbers(text):
                state.pii += 1
                if state.pii <= MAX_FINDINGS:
                    state.report.findings.append(
                        Finding(
                            code,
                            f"{number.kind} {mask_number(number.digits)} di {where} "
                            f"({_show(name)})",
                        )
                    )
    elif suffix in _PICTURE_SUFFIXES and name.startswith(_PICTURE_FOLDERS):
        _read_picture(zf, info, state)


def _read_embedded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, state: _State) -> None:
    """An office package inside another (the workbook behind a Word or PowerPoint chart)
    is inspected like an attachment, one level deep."""
    name = _show(info.filename)
    if state.depth >= 1:
        state.report.findings.append(
            _broken(f"dokumen tertanam bersarang terlalu dalam ('{name}')")
        )
        return
    inner = Report(kind="office")
    with tempfile.TemporaryDirectory(prefix="dip-office-") as tmp:
        target = Path(tmp) / f"tertanam{PurePosixPath(info.filename.lower()).suffix}"
        _extract(zf, info, target)
        _guarded(target, _State(inner, state.ocr, depth=state.depth + 1))
    state.report.ocr_pages += inner.ocr_pages
    for finding in inner.findings:
        state.report.findings.append(
            Finding(finding.code, f"dokumen tertanam '{name}': {finding.message}", finding.page)
        )


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    with zf.open(info) as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)


def _read_picture(zf: zipfile.ZipFile, info: zipfile.ZipInfo, state: _State) -> None:
    """A picture in a document may be a scanned KTP: read it like an attachment image."""
    from .image import inspect_image

    state.pictures += 1
    if state.pictures > MAX_PICTURES:
        if state.pictures == MAX_PICTURES + 1:
            state.report.findings.append(
                Finding(
                    "DIP-E425",
                    f"dokumen berisi lebih dari {MAX_PICTURES} gambar; gambar selebihnya "
                    "tidak dibaca",
                )
            )
        return
    suffix = PurePosixPath(info.filename.lower()).suffix
    with tempfile.TemporaryDirectory(prefix="dip-office-") as tmp:
        target = Path(tmp) / f"gambar{suffix}"
        _extract(zf, info, target)
        inner = inspect_image(target, state.ocr)
    state.report.ocr_pages += inner.ocr_pages
    for finding in inner.findings:
        state.report.findings.append(
            Finding(finding.code, f"gambar '{_show(info.filename)}': {finding.message}")
        )


def _read_text(zf: zipfile.ZipFile, info: zipfile.ZipInfo, report: Report) -> str | None:
    if info.file_size > MAX_XML_BYTES:
        report.findings.append(
            _broken(f"bagian '{_show(info.filename)}' terlalu besar untuk diperiksa")
        )
        return None
    with zf.open(info) as fh:
        data = fh.read(MAX_XML_BYTES + 1)
    return data.decode("utf-8", "replace")


def xml_text(xml: str) -> str:
    """The text of an office XML part: block elements become line breaks, tabs spaces,
    other tags vanish (joining the runs a number may be split into), entities decoded."""

    def tag(m: re.Match[str]) -> str:
        local = m.group(2)
        return "\n" if local in _BLOCKS else " " if local in _SPACES else ""

    return html.unescape(_TAG.sub(tag, xml))


def xml_attributes(xml: str) -> str:
    """Every attribute value on its own line (ODF cell values, custom properties)."""
    return html.unescape("\n".join(_ATTRIBUTE.findall(xml)))


def _broken(message: str) -> Finding:
    return Finding("DIP-E423", message)


def _show(name: str) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in name)
    return clean[:80] + ("…" if len(clean) > 80 else "")


def _why(exc: BaseException) -> str:
    return _show(str(exc)) or type(exc).__name__


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
