"""Find NIK/KK numbers (Indonesian 16-digit population numbers) in free text.

Publishing one NIK is the worst thing this product can do (UU 24/2013 Pasal 95A,
UU 27/2022), so the detector accepts the ways people write and paste numbers:
grouped with spaces, dots or dashes, fullwidth or Arabic-Indic digits, invisible
characters in between. Precision comes from the strict layout of the number
(province, regency, district, date, serial), which rejects phone numbers, NIPs,
NPWPs, money amounts, year lists and dates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["PersonalNumber", "find_personal_numbers", "mask_number"]

# Kemendagri province codes. 91-97 covers both the old and the post-2022 Papua numbering,
# because NIKs issued under either are in circulation.
_PROVINCE_CODES = frozenset(
    str(code)
    for code in (
        *range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66),
        *range(71, 77), 81, 82, *range(91, 98),
    )
)  # fmt: skip

# 29 days in February whatever the year: YY does not say which century it is.
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_NIK_LENGTH = 16

# Single separators that may join digit groups (after normalisation). No slash and no comma:
# dates like 12/05/2020 and amounts like 1.234,50 would otherwise chain into long runs.
_SEPARATORS = " .\\-\u2010-\u2013"
_CHAIN = re.compile(rf"[0-9]+(?:[{_SEPARATORS}][0-9]+)*")
_GROUP = re.compile(r"[0-9]+")

# Invisible characters outside category Cf that we drop as well (grapheme joiner,
# Hangul fillers, variation selectors): they render as nothing and can hide inside a number.
_INVISIBLE_EXTRA = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
_INVISIBLE_EXTRA_RE = re.compile(f"[{_INVISIBLE_EXTRA}]")

# Pre-check on the ASCII shape of the text: digits become "0", separators ".", anything else
# " ". One translate and a substring search reject almost every text; a regex scan costs
# several times more. In the NFKC projection of non-ASCII text, "?" stands for a character
# that is not ASCII (a foreign digit, a dash, an invisible character...) and counts as a digit
# (as does a real "?"), so this check can only pass more often than the real one.
_ASCII_SHAPE = bytes(48 if 48 <= b <= 57 else 46 if b in b" .-" else 32 for b in range(256))
_PROJECTION_SHAPE = _ASCII_SHAPE[: ord("?")] + b"0" + _ASCII_SHAPE[ord("?") + 1 :]
_SIXTEEN_DIGITS = b"0" * _NIK_LENGTH
# Stretches of digits and separators long enough to hold a candidate.
_LONG_RUN = re.compile(rf"[0-9][0-9{_SEPARATORS}]{{15,}}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_HEX_TOKEN = re.compile(r"[0-9A-Fa-f]{32,}")


@dataclass(frozen=True, slots=True)
class PersonalNumber:
    """A NIK or KK number found in a text; offsets point into the original text."""

    start: int
    end: int
    digits: str
    kind: str  # "NIK" when the day has 40 added (a woman's NIK), otherwise "NIK/KK"


def find_personal_numbers(text: str) -> list[PersonalNumber]:
    """Return every NIK/KK number in ``text``, in order of position.

    A candidate is a run of whole digit groups, joined by single spaces, dots or dashes,
    holding exactly 16 digits and passing the structure check. Overlapping candidates
    in one chain of groups are all reported.
    """
    if text.isascii():
        first = _first_long_chain(text.encode("ascii"), _ASCII_SHAPE)
        # The chain starts at or after `first` in the text: the pre-check only removed characters.
        return [] if first < 0 else _scan(text, None, first)
    projection = unicodedata.normalize("NFKC", text).encode("ascii", "replace")
    if _first_long_chain(projection, _PROJECTION_SHAPE) < 0:
        return []
    normalised, index = _normalise(text)
    return _scan(normalised, index, 0)


def mask_number(digits: str) -> str:
    """Hide the middle of a number for messages: ``6171********0001``.

    At most a quarter of the characters is kept at each end, so short input stays
    mostly hidden as well.
    """
    keep = min(4, len(digits) // 4)
    if keep == 0:
        return "*" * len(digits)
    return digits[:keep] + "*" * (len(digits) - 2 * keep) + digits[-keep:]


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC per character, drop invisible characters, map decimal digits to ASCII.

    Returns the normalised text and, for each of its characters, the offset of the
    original character it came from. NFKC is applied per character (not to the whole
    string) so that this index stays exact; only composition of combining marks
    differs, which does not matter for digits and separators.
    """
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for run in _NON_ASCII.finditer(text):
        run_start, run_end = run.span()
        out.append(text[pos:run_start])  # ASCII is already normal
        index.extend(range(pos, run_start))
        for i in range(run_start, run_end):
            char = text[i]
            if _is_invisible(char):
                continue
            for part in unicodedata.normalize("NFKC", char):
                value = unicodedata.decimal(part, -1)
                out.append(chr(48 + value) if value >= 0 else part)
                index.append(i)
        pos = run_end
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(out), index


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or _INVISIBLE_EXTRA_RE.match(char) is not None


def _first_long_chain(projection: bytes, table: bytes) -> int:
    """Where a chain of digit groups with 16+ digits starts once separators are removed, or -1."""
    shape = projection.translate(table).replace(b"..", b"  ")  # a double separator ends a chain
    return shape.replace(b".", b"").find(_SIXTEEN_DIGITS)


def _scan(text: str, index: list[int] | None, pos: int) -> list[PersonalNumber]:
    """Find candidates in normalised text; ``index`` maps offsets back (None: identity)."""
    found: list[PersonalNumber] = []
    chains = (
        chain
        for run in _LONG_RUN.finditer(text, pos)
        for chain in _CHAIN.finditer(text, run.start(), run.end())
    )
    for chain in chains:
        if chain.end() - chain.start() < _NIK_LENGTH:
            continue
        groups = [g.span() for g in _GROUP.finditer(text, chain.start(), chain.end())]
        for first in range(len(groups)):
            total, last = 0, first
            while last < len(groups):
                total += groups[last][1] - groups[last][0]
                if total >= _NIK_LENGTH:
                    break
                last += 1
            if total < _NIK_LENGTH:
                break  # later starts have even fewer digits left
            if total > _NIK_LENGTH:
                continue  # a run of whole groups must hold exactly 16 digits
            start, end = groups[first][0], groups[last][1]
            digits = "".join(text[a:b] for a, b in groups[first : last + 1])
            if not _valid_structure(digits):
                continue
            if first == last and _inside_hex_token(text, start, end):
                continue
            if index is not None:
                start, end = index[start], index[end - 1] + 1
            kind = "NIK" if int(digits[6:8]) > 40 else "NIK/KK"
            found.append(PersonalNumber(start, end, digits, kind))
    return found


def _valid_structure(digits: str) -> bool:
    """Province from the official list, regency/district not 00, DDMMYY date, serial not 0000."""
    if digits[:2] not in _PROVINCE_CODES or digits[2:4] == "00" or digits[4:6] == "00":
        return False
    if digits[12:] == "0000":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > 40:  # women's NIK: 40 added to the day of birth
        day -= 40
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def _inside_hex_token(text: str, start: int, end: int) -> bool:
    """True when the digits are part of a long hex string (a sha256 or md5), not a NIK.

    Random 16-digit runs pass the structure check about 3% of the time, so without this
    roughly one sha256 value in 10,000 listed in items would be reported.
    """
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return _HEX_TOKEN.fullmatch(text, start, end) is not None
