"""Inspecting text attachments (csv, txt): a CSV of residents with their NIKs is the
worst attachment there is, so every line is searched and the lines are named."""

from __future__ import annotations

import bisect
import codecs
from pathlib import Path

from ..pii import find_personal_numbers, mask_number
from .model import Finding, Report
from .ocr import Ocr

__all__ = ["MAX_TEXT_BYTES", "decode", "inspect_text"]

MAX_TEXT_BYTES = 64 * 1024 * 1024
MAX_FINDINGS = 50
# Line numbers listed in the closing summary when there are more numbers than findings.
MAX_LISTED_LINES = 20


def inspect_text(path: Path, ocr: Ocr | None) -> Report:
    """Inspect one text file; unreadable input becomes a Finding, never an exception."""
    report = Report(kind="text")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        report.findings.append(
            Finding("DIP-E425", f"berkas tidak dapat dibaca ({exc.strerror or exc})")
        )
        return report
    if len(data) > MAX_TEXT_BYTES:
        report.findings.append(
            Finding(
                "DIP-E425",
                f"berkas teks lebih dari {MAX_TEXT_BYTES // 1024 // 1024} MB; "
                "bagian selebihnya tidak diperiksa",
            )
        )
        data = data[:MAX_TEXT_BYTES]
    text, encoding = decode(data)
    if encoding != "utf-8":
        report.notes.append(f"berkas dibaca sebagai {encoding}, bukan UTF-8")
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    numbers = find_personal_numbers(text)
    for number in numbers[:MAX_FINDINGS]:
        line = bisect.bisect_right(starts, number.start)
        report.findings.append(
            Finding("DIP-E503", f"baris {line}: {number.kind} {mask_number(number.digits)}")
        )
    if len(numbers) > MAX_FINDINGS:
        rest = sorted({bisect.bisect_right(starts, n.start) for n in numbers[MAX_FINDINGS:]})
        listed = ", ".join(str(n) for n in rest[:MAX_LISTED_LINES])
        more = " dan seterusnya" if len(rest) > MAX_LISTED_LINES else ""
        report.findings.append(
            Finding(
                "DIP-E503",
                f"dan {len(numbers) - MAX_FINDINGS} nomor NIK/KK lain di baris {listed}{more}",
            )
        )
    return report


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-8 (with or without BOM), UTF-16 (Excel's
    "Unicode text"), else Windows-1252, else Latin-1 (never fails)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    head = data[:4096]
    if head.count(0) * 3 > len(head):  # UTF-16 without a BOM: every other byte is zero
        odd = head[1::2].count(0) > head[0::2].count(0)
        codec = "utf-16-le" if odd else "utf-16-be"
        return data.decode(codec, "replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a character cut by the size cap
            return data[: exc.start].decode("utf-8"), "utf-8"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
