"""Inspecting images (JPEG, PNG, TIFF): size bombs, broken files, revealing metadata, and
what the picture itself says (OCR).

A phone photo carries the place it was taken (GPS), the owner's name and the camera's
serial number; a scanned KTP carries a NIK in its pixels. An image is a page without a
text layer, so it is always read with OCR: without OCR the check fails (DIP-E426).
"""

from __future__ import annotations

import contextlib
import html
import re
import warnings
from pathlib import Path
from typing import Any

from ..pii import find_personal_numbers, mask_number
from .model import Finding, Report
from .ocr import OCR_INSTALL_HINT, Ocr, OcrError

__all__ = ["MAX_FRAMES", "MAX_PIXELS", "inspect_image", "metadata_findings"]

# 60 MP per frame: a 50 MP phone photo passes, a pixel bomb does not. Decoding one frame
# costs at most ~180 MB (RGB).
MAX_PIXELS = 60_000_000
MAX_FRAMES = 50
# Metadata text examined per image (XMP, comments, text chunks together).
MAX_METADATA_CHARS = 2_000_000

# EXIF tags (base IFD and Exif IFD) that name a person or identify a device.
_PERSON_TAGS = {
    0x013B: "Artist (pembuat)",
    0x8298: "Copyright",
    0x9C9D: "XPAuthor (penulis)",
    0xA430: "CameraOwnerName (pemilik kamera)",
}
_SERIAL_TAGS = {
    0xA431: "BodySerialNumber (nomor seri kamera)",
    0xA435: "LensSerialNumber (nomor seri lensa)",
}
# Free-text EXIF tags: read for NIK numbers only.
_TEXT_TAGS = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x0131: "Software",
    0x013C: "HostComputer",
    0x9286: "UserComment",
    0x9C9B: "XPTitle",
    0x9C9C: "XPComment",
    0x9C9E: "XPKeywords",
    0x9C9F: "XPSubject",
    0xA420: "ImageUniqueID",
    0xA433: "LensMake",
    0xA434: "LensModel",
}
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_GPS_VERSION = 0
# XMP properties that name people or places (local names, any namespace prefix).
_XMP_PERSON = re.compile(
    r"<(?:[\w.-]+:)?(creator|rights|Owner|Artist|Author|Credit|CreatorContactInfo|"
    r"AuthorsPosition|CaptionWriter|By-line|Contributor|publisher)[\s>/]"
    r"|\s(?:[\w.-]+:)?(creator|rights|Owner|Artist|Author|Credit|CaptionWriter)\s*=",
)
_XMP_GPS = re.compile(r"(?:[\w.-]+:)?GPS(?:Latitude|Longitude)\b")
# PNG text chunks that say nothing about a person.
_HARMLESS_PNG_KEYS = frozenset(
    {"software", "creation time", "date:create", "date:modify", "date:timestamp"}
)
# IPTC datasets (record 2) naming people: By-line, By-line Title, Credit, Copyright, Writer,
# Contact.
_IPTC_PERSON = {80: "By-line", 85: "By-line Title", 110: "Credit", 116: "Copyright", 118: "Contact"}


def inspect_image(path: Path, ocr: Ocr | None) -> Report:
    """Inspect one image file; a hostile file becomes a Finding, never an exception."""
    report = Report(kind="image")
    try:
        _inspect(path, ocr, report)
    except Exception as exc:  # the last line of defence: Pillow raises many kinds
        report.findings.append(
            Finding("DIP-E422", f"gambar tidak dapat dibaca ({type(exc).__name__})")
        )
    return report


def _inspect(path: Path, ocr: Ocr | None, report: Report) -> None:
    from PIL import Image, ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            report.findings.append(
                Finding("DIP-E422", f"gambar melebihi batas {MAX_PIXELS // 1_000_000} MP")
            )
            return
        except Exception as exc:
            report.findings.append(
                Finding("DIP-E422", f"gambar rusak atau bukan gambar ({type(exc).__name__})")
            )
            return
        with img:
            frames = getattr(img, "n_frames", 1)
            report.pages = frames
            if frames > MAX_FRAMES:
                report.findings.append(
                    Finding("DIP-E422", f"gambar berisi {frames} bingkai (batas {MAX_FRAMES})")
                )
                return
            for index in range(frames):
                label = f"bingkai {index + 1}: " if frames > 1 else ""
                try:
                    img.seek(index)
                    width, height = img.size
                    if width * height > MAX_PIXELS:
                        report.findings.append(
                            Finding(
                                "DIP-E422",
                                f"{label}gambar {width}×{height} piksel melebihi batas "
                                f"{MAX_PIXELS // 1_000_000} MP",
                            )
                        )
                        return
                    if index == 0:
                        report.findings.extend(metadata_findings(img))
                    img.load()  # decodes every pixel: truncated or corrupt data fails here
                except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                    report.findings.append(
                        Finding("DIP-E422", f"{label}gambar melebihi batas piksel")
                    )
                    return
                except Exception as exc:
                    report.findings.append(
                        Finding(
                            "DIP-E422",
                            f"{label}data gambar rusak atau terpotong ({type(exc).__name__})",
                        )
                    )
                    return
    _read_pixels(path, ocr, report)


def _read_pixels(path: Path, ocr: Ocr | None, report: Report) -> None:
    if ocr is None:
        report.findings.append(
            Finding("DIP-E426", f"gambar adalah halaman tanpa lapisan teks; {OCR_INSTALL_HINT}")
        )
        return
    try:
        text = ocr.image(path)
    except OcrError as exc:
        report.findings.append(Finding("DIP-E425", f"OCR gagal: {exc.message}"))
        return
    report.ocr_pages = report.pages or 1
    for number in find_personal_numbers(text):
        frame = text.count("\f", 0, number.start) + 1
        where = f"bingkai {frame}" if (report.pages or 1) > 1 else "gambar"
        report.findings.append(
            Finding(
                "DIP-E507",
                f"{number.kind} {mask_number(number.digits)} terbaca OCR pada {where}",
                page=frame,
            )
        )


def metadata_findings(img: Any) -> list[Finding]:
    """DIP-E421 for metadata naming a person, place or device; DIP-E504 for a NIK/KK in any
    metadata text. `img` is an open Pillow image."""
    revealing: list[str] = []
    texts: list[tuple[str, str]] = []  # (where, text) searched for NIK/KK
    _exif(img, revealing, texts)
    _xmp(img.info.get("xmp"), revealing, texts)
    _png_text(img, revealing, texts)
    _iptc(img, revealing, texts)
    for key in ("comment", "Comment", "Description", "Title", "Author", "Copyright"):
        value = img.info.get(key)
        if isinstance(value, bytes | str) and key not in getattr(img, "text", {}):
            texts.append((f"komentar {key}", _as_text(value)))
    findings: list[Finding] = []
    if revealing:
        unique = list(dict.fromkeys(revealing))
        findings.append(
            Finding(
                "DIP-E421",
                "metadata gambar memuat " + ", ".join(unique) + "; jalankan 'dip lampiran "
                "siapkan' pada gambar ini untuk membuang metadatanya",
            )
        )
    budget = MAX_METADATA_CHARS
    for where, text in texts:
        text = text[:budget]
        budget -= len(text)
        for number in find_personal_numbers(text):
            findings.append(
                Finding(
                    "DIP-E504",
                    f"{number.kind} {mask_number(number.digits)} di metadata gambar ({where})",
                )
            )
        if budget <= 0:
            break
    return findings


def _exif(img: Any, revealing: list[str], texts: list[tuple[str, str]]) -> None:
    try:
        exif = img.getexif()
    except Exception:  # a broken EXIF block is not worth failing the image over
        return
    ifds: list[dict[int, Any]] = [dict(exif)]
    with contextlib.suppress(Exception):
        ifds.append(dict(exif.get_ifd(_EXIF_IFD)))
    try:
        gps = dict(exif.get_ifd(_GPS_IFD))
    except Exception:
        gps = {}
    if any(tag != _GPS_VERSION for tag in gps):
        revealing.append("lokasi GPS")
    for tags in ifds:
        for tag, value in tags.items():
            text = _as_text(value)
            if tag in _PERSON_TAGS and text.strip():
                revealing.append(f"{_PERSON_TAGS[tag]}")
            elif tag in _SERIAL_TAGS and text.strip():
                revealing.append(_SERIAL_TAGS[tag])
            if tag in _PERSON_TAGS or tag in _SERIAL_TAGS or tag in _TEXT_TAGS:
                name = (_PERSON_TAGS | _SERIAL_TAGS | _TEXT_TAGS)[tag]
                texts.append((f"EXIF {name.split(' ')[0]}", text))


def _xmp(value: object, revealing: list[str], texts: list[tuple[str, str]]) -> None:
    if not isinstance(value, bytes | str) or not value:
        return
    xml = _as_text(value)[:MAX_METADATA_CHARS]
    if _XMP_GPS.search(xml):
        revealing.append("lokasi GPS (XMP)")
    names = {next(g for g in m.groups() if g) for m in _XMP_PERSON.finditer(xml)}
    if names:
        revealing.append("XMP " + "/".join(sorted(names)))
    texts.append(("XMP", xml_text(xml)))


def _png_text(img: Any, revealing: list[str], texts: list[tuple[str, str]]) -> None:
    chunks = getattr(img, "text", None)
    if not isinstance(chunks, dict):
        return
    for key, value in chunks.items():
        name = str(key)
        if name.lower() not in _HARMLESS_PNG_KEYS and name != "XML:com.adobe.xmp":
            revealing.append(f"teks PNG '{_short(name)}'")
        texts.append((f"teks PNG '{_short(name)}'", f"{name}\n{_as_text(value)}"))


def _iptc(img: Any, revealing: list[str], texts: list[tuple[str, str]]) -> None:
    if img.format not in ("JPEG", "TIFF"):
        return
    try:
        from PIL import IptcImagePlugin

        info = IptcImagePlugin.getiptcinfo(img) or {}
    except Exception:
        return
    for (record, dataset), value in info.items():
        values = value if isinstance(value, list) else [value]
        text = "\n".join(_as_text(v) for v in values)
        if record == 2 and dataset in _IPTC_PERSON and text.strip():
            revealing.append(f"IPTC {_IPTC_PERSON[dataset]}")
        texts.append((f"IPTC {record}:{dataset}", text))


def xml_text(xml: str) -> str:
    """Text of an XML fragment for the NIK search: tags (with their attribute values) stand
    on lines of their own, so element text and attributes never run together."""
    return html.unescape(xml.replace("<", "\n<").replace(">", ">\n"))


def _as_text(value: object) -> str:
    """EXIF values come as str, bytes (UTF-16 for XP* tags, ASCII otherwise) or tuples."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        data = value[:MAX_METADATA_CHARS]
        if data.startswith(b"UNICODE\x00"):
            return data[8:].decode("utf-16", "replace")
        if data.startswith((b"ASCII\x00\x00\x00", b"\x00" * 8)):
            data = data[8:]
        if len(data) >= 2 and data[1:2] == b"\x00" and data[:1] != b"\x00":
            return data.decode("utf-16-le", "replace").rstrip("\x00")
        return data.decode("utf-8", "replace").rstrip("\x00")
    if isinstance(value, tuple | list):
        if value and all(isinstance(v, int) and 0 <= v < 256 for v in value):
            return _as_text(bytes(value))
        return " ".join(_as_text(v) for v in value[:1000])
    return str(value)


def _short(text: str) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean[:40] + ("…" if len(clean) > 40 else "")
