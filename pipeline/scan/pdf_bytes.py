"""What the raw bytes of a PDF say before any parser runs: truncation and revisions.

A PDF is read from its end: the last `startxref` gives the offset of the newest
cross-reference section, whose `/Prev` chain leads to older ones. Each incremental
update appends objects, an xref section, a trailer and another `%%EOF`; everything
an update replaced stays in the file, readable by anyone who cuts it at an older
`%%EOF`. These functions find those cuts without parsing objects.
"""

from __future__ import annotations

import re

__all__ = ["HEADER_WINDOW", "TAIL_WINDOW", "revision_ends", "structure_problem"]

# Viewers accept the header anywhere in the first 1024 bytes and look for %%EOF in the
# last 1024 (PDF 1.7 implementation notes); files.py checks the header the same way.
HEADER_WINDOW = 1024
TAIL_WINDOW = 1024
# A startxref offset may be off by a few bytes (whitespace, a CR counted twice) in files
# that every viewer opens; further than this it no longer points at an xref section.
_XREF_SLACK = 16

_STARTXREF_EOF = re.compile(rb"startxref[\x00\t\n\x0c\r ]*([0-9]{1,15})[\x00\t\n\x0c\r ]*%%EOF")
_XREF_AT = re.compile(
    rb"(?<![a-z])xref|(?<![0-9])[0-9]{1,10}[\x00\t\n\x0c\r ]+[0-9]{1,5}[\x00\t\n\x0c\r ]+obj"
)


def structure_problem(data: bytes) -> str | None:
    """Why ``data`` is not a complete PDF (Bahasa Indonesia), or None.

    Only what a reader cannot repair reliably is refused: no header, no final
    ``%%EOF`` (the file was cut), no ``startxref``, or a ``startxref`` that does not
    point at a cross-reference section.
    """
    if not data:
        return "berkas kosong"
    if data.find(b"%PDF-", 0, HEADER_WINDOW) < 0:
        return "bukan berkas PDF: tanda %PDF- tidak ada di awal berkas"
    tail_start = max(0, len(data) - TAIL_WINDOW)
    if data.find(b"%%EOF", tail_start) < 0:
        return "berkas terpotong: penanda akhir %%EOF tidak ada di ujung berkas"
    last = None
    for match in _STARTXREF_EOF.finditer(data, max(0, tail_start - 64)):
        last = match
    if last is None:
        return "berkas terpotong: startxref tidak ada sebelum %%EOF terakhir"
    offset = int(last.group(1))
    if not _points_at_xref(data, offset):
        return f"tabel rujukan silang (xref) tidak ada di posisi yang disebut startxref ({offset})"
    return None


def revision_ends(data: bytes) -> list[int]:
    """End offsets (just after ``%%EOF``) of every revision, oldest first.

    A revision ends where ``startxref N %%EOF`` closes it and N points back into the
    bytes before that marker. The ``startxref 0`` that ends the first-page section of
    a linearized file is not a revision of its own.
    """
    ends: list[int] = []
    for match in _STARTXREF_EOF.finditer(data):
        offset = int(match.group(1))
        if 0 < offset < match.start() and _points_at_xref(data, offset):
            ends.append(match.end())
    return ends


def _points_at_xref(data: bytes, offset: int) -> bool:
    if offset >= len(data):
        return False
    found = _XREF_AT.search(data, max(0, offset - _XREF_SLACK), offset + _XREF_SLACK + 40)
    return found is not None and found.start() <= offset + _XREF_SLACK
