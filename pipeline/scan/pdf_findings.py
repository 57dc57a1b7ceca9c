"""Turning what the PDF inspector saw into findings people can act on (Bahasa Indonesia).

Every number shown is masked, and so is any text taken from the file (a field name, an
exception message from pypdf): a message must never become the leak it reports.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

from ..pii import PersonalNumber, find_personal_numbers, mask_number
from .model import Finding
from .pdf_limits import LimitExceeded

__all__ = [
    "NumberHits",
    "PdfLog",
    "describe",
    "finding_for_error",
    "number",
    "repaired_finding",
    "shown",
]

# Numbers listed in one message; the rest are counted.
_LISTED = 3
# Findings of one code in one report; a document listing thousands of NIKs needs one
# clear refusal, not thousands of lines.
_MAX_PER_CODE = 50

_TEMPLATES = {
    "DIP-E503": "halaman {page}: {numbers} ada di teks halaman (teks di bawah kotak hitam "
    "atau teks tak terlihat tetap terbaca)",
    "DIP-E504": "{numbers} ada di {where}",
    "DIP-E505": "{numbers} ada di {where}",
    "DIP-E506": "{where}: {numbers}; revisi terbaru tidak menampilkannya lagi, tetapi "
    "datanya masih tersimpan di dalam berkas",
    "DIP-E507": "halaman {page} (dibaca dengan OCR): {numbers}",
}


def shown(text: str, limit: int = 80) -> str:
    """Text from the file, fit for a message: NIKs masked, one line, bounded."""
    parts: list[str] = []
    pos = 0
    for found in find_personal_numbers(text):
        parts.append(text[pos : found.start])
        parts.append(mask_number(found.digits))
        pos = found.end
    parts.append(text[pos:])
    flat = " ".join("".join(c if c.isprintable() else " " for c in "".join(parts)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def number(value: int) -> str:
    """An integer the Indonesian way: 2.000.000."""
    return f"{value:,}".replace(",", ".")


def describe(numbers: list[PersonalNumber]) -> str:
    """'nomor NIK 6171********0003' or '4 nomor NIK/KK (6171…, 6104…, 6101…, dan 1 lagi)'."""
    if len(numbers) == 1:
        return f"nomor {numbers[0].kind} {mask_number(numbers[0].digits)}"
    listed = ", ".join(mask_number(n.digits) for n in numbers[:_LISTED])
    more = len(numbers) - _LISTED
    tail = f", dan {more} lagi" if more > 0 else ""
    return f"{len(numbers)} nomor NIK/KK ({listed}{tail})"


class NumberHits:
    """Personal numbers found, grouped by (code, place, page), each number once per group.

    A place may be reached through several keys (a file name in /F, /UF and the name
    tree): one finding lists them as ``details`` instead of repeating itself.
    """

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str, int | None], _Group] = {}

    def add(
        self,
        code: str,
        where: str,
        page: int | None,
        numbers: Iterable[PersonalNumber],
        detail: str = "",
    ) -> None:
        for found in numbers:
            group = self._groups.setdefault((code, where, page), _Group())
            group.numbers.setdefault(found.digits, found)
            if detail:
                group.details.setdefault(detail)

    def merge(self, other: NumberHits, exclude: set[str] | None = None) -> None:
        """Add ``other``'s numbers, except those in ``exclude``."""
        for (code, where, page), group in other._groups.items():
            kept = [n for d, n in group.numbers.items() if exclude is None or d not in exclude]
            for detail in group.details or [""]:
                self.add(code, where, page, kept, detail)

    def all_digits(self) -> set[str]:
        return {digits for group in self._groups.values() for digits in group.numbers}

    def page_digits(self, page: int) -> set[str]:
        return {d for (_c, _w, at), g in self._groups.items() if at == page for d in g.numbers}

    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        per_code: dict[str, int] = {}
        for (code, where, page), group in self._groups.items():
            count = per_code.get(code, 0)
            per_code[code] = count + 1
            if count < _MAX_PER_CODE:
                numbers = describe(list(group.numbers.values()))
                if group.details:
                    where = f"{where} ({'; '.join(list(group.details)[:4])})"
                message = _TEMPLATES[code].format(page=page, where=where, numbers=numbers)
                out.append(Finding(code, message, page))
        for code, count in per_code.items():
            if count > _MAX_PER_CODE:
                rest = count - _MAX_PER_CODE
                out.append(Finding(code, f"… dan {rest} tempat lain dengan temuan yang sama"))
        return out


_LIMITS = (LimitReachedError, RecursionError, MemoryError)


@dataclass
class _Group:
    numbers: dict[str, PersonalNumber] = field(default_factory=dict)
    details: dict[str, None] = field(default_factory=dict)  # an ordered set


# pypdf reports some loops and nesting as plain read errors; these words tell them apart.
_LOOP_WORDS = ("cyclic", "circular", "loop", "recursion")


def finding_for_error(exc: BaseException, where: str, page: int | None = None) -> Finding:
    """The finding for an exception raised while reading ``where`` (Indonesian)."""
    detail = shown(str(exc), 160)
    # pypdf wraps a RecursionError (absurd nesting) in "Error reading PDF file."
    cause = exc.__cause__ or exc.__context__
    while cause is not None and not isinstance(exc, _LIMITS):
        if isinstance(cause, _LIMITS):
            exc, detail = cause, shown(f"{detail} ({cause})", 160)
            break
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, LimitExceeded):
        return Finding("DIP-E418", f"{where}: {detail}", page)
    if isinstance(exc, _LIMITS):
        return Finding(
            "DIP-E418",
            f"{where}: batas keamanan pembaca PDF tercapai (bom dekompresi, rujukan "
            f"melingkar atau struktur bersarang terlalu dalam): {detail}",
            page,
        )
    if isinstance(exc, FileNotDecryptedError):
        return Finding("DIP-E417", f"{where}: isi PDF terenkripsi dan tidak dapat dibaca", page)
    if isinstance(exc, PdfReadError) and any(w in detail.lower() for w in _LOOP_WORDS):
        return Finding("DIP-E418", f"{where}: rujukan melingkar di struktur PDF: {detail}", page)
    return Finding(
        "DIP-E416",
        f"{where}: PDF tidak dapat dibaca dengan andal ({type(exc).__name__}: {detail})",
        page,
    )


# pypdf warnings that mean it rebuilt or guessed the file's structure instead of reading
# it: a viewer may then show something else than what was checked.
_REPAIRS = re.compile(
    r"rebuild xref|cannot rebuild|parsing for object streams|incorrect startxref"
    r"|ref repaired|^object \d+ \d+ found|eof marker not found"
    r"|eof marker seems truncated|startxref found while searching|after a corrupt one",
    re.IGNORECASE,
)


class PdfLog(logging.Handler):
    """Collects pypdf's warnings while open (they say what it had to repair).

    Whatever the application did to logging (a higher level, ``logging.disable``),
    pypdf's warnings reach this handler while it is open, and no further.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self._logger = logging.getLogger("pypdf")
        self._saved: tuple[bool, int, int] = (True, logging.NOTSET, logging.NOTSET)

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 10_000:
            self.messages.append(record.getMessage())

    def repairs(self, since: int = 0) -> list[str]:
        """Warnings (from message number ``since`` on) saying pypdf rebuilt the structure."""
        return [m for m in self.messages[since:] if _REPAIRS.search(m)]

    def __enter__(self) -> PdfLog:
        disabled = logging.root.manager.disable
        self._saved = (self._logger.propagate, self._logger.level, disabled)
        self._logger.addHandler(self)
        self._logger.propagate = False
        self._logger.setLevel(logging.WARNING)
        if disabled >= logging.WARNING:
            logging.disable(logging.NOTSET)
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate, level, disabled = self._saved
        self._logger.setLevel(level)
        if disabled != logging.root.manager.disable:
            logging.disable(disabled)


def repaired_finding(where: str) -> Finding:
    return Finding(
        "DIP-E416",
        f"{where}: tabel rujukan silang (xref) rusak sehingga struktur berkas harus ditebak "
        "ulang; isi yang diperiksa bisa berbeda dari yang ditampilkan penampil PDF",
    )
