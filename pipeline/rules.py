"""Rules of DESIGN §3 that a JSON Schema cannot express.

Each rule reads the loaded document defensively: the schema may already have
reported a wrong type, and a rule then stays silent instead of repeating it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from .problems import Problem, problem
from .project import Config, Unit
from .yamlsafe import Document, Path_

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_UNIT = re.compile(r"[a-z][a-z0-9_]{1,59}")
DATE_FIELDS: tuple[Path_, ...] = (
    ("waktu_pembuatan",),
    ("penarikan", "tanggal"),
    ("pengecualian", "tanggal_uji"),
)


def parse_partial_date(text: str) -> tuple[dt.date, dt.date] | None:
    """'2019', '2019-09' or '2019-09-30' → (first day, last day) it covers; None if impossible.

    Raises ValueError for text that does not have the shape at all (the schema reports it).
    """
    m = _DATE.fullmatch(text)
    if not m:
        raise ValueError(text)
    year = int(m.group(1))
    month = int(m.group(2) or 0)
    day = int(m.group(3) or 0)
    try:
        if not m.group(2):
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if not m.group(3):
            start = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return start, nxt - dt.timedelta(days=1)
        exact = dt.date(year, month, day)
        return exact, exact
    except ValueError:
        return None


def _get(data: dict[str, Any], path: Path_) -> Any:
    value: Any = data
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def check_rules(
    doc: Document, rel: str, config: Config, units: dict[str, Unit] | None
) -> Iterator[Problem]:
    """Dates, year, unit and attachment-presence rules for one item."""
    data = doc.data
    ranges: dict[Path_, tuple[dt.date, dt.date]] = {}
    for path in DATE_FIELDS:
        value = _get(data, path)
        if not isinstance(value, str):
            continue
        try:
            span = parse_partial_date(value)
        except ValueError:
            continue  # wrong shape: the schema's pattern reports it
        line, col = doc.mark(path)
        if span is None:
            yield problem(
                rel,
                "DIP-E301",
                f"tanggal '{value}' pada kolom '{path[-1]}' tidak ada di kalender",
                line,
                col,
            )
            continue
        ranges[path] = span
        if span[0] > config.today:
            yield problem(
                rel,
                "DIP-E302",
                f"tanggal '{value}' pada kolom '{path[-1]}' belum "
                f"terjadi (hari ini {config.today.isoformat()})",
                line,
                col,
            )

    made = ranges.get(("waktu_pembuatan",))
    year = data.get("tahun")
    if made and isinstance(year, int) and not isinstance(year, bool) and year != made[0].year:
        line, col = doc.mark(("tahun",))
        yield problem(
            rel,
            "DIP-E303",
            f"tahun {year} berbeda dengan waktu_pembuatan '{data['waktu_pembuatan']}'",
            line,
            col,
        )
    withdrawn = ranges.get(("penarikan", "tanggal"))
    if made and withdrawn and withdrawn[1] < made[0]:
        line, col = doc.mark(("penarikan", "tanggal"))
        yield problem(
            rel, "DIP-E306", "tanggal penarikan lebih awal dari waktu_pembuatan", line, col
        )

    unit = data.get("unit")
    # A unit key of the wrong shape is already reported by the schema's pattern.
    if units is not None and isinstance(unit, str) and _UNIT.fullmatch(unit) and unit not in units:
        line, col = doc.mark(("unit",))
        known = ", ".join(sorted(units)) or "(daftar unit kosong)"
        yield problem(
            rel,
            "DIP-E304",
            f"unit '{unit}' tidak ada di {config.units_file}; pilih salah satu: {known}",
            line,
            col,
        )

    bentuk = data.get("bentuk")
    if (
        isinstance(bentuk, list)
        and "softcopy" in bentuk
        and data.get("kategori") != "dikecualikan"
        and not data.get("lampiran")
        and not data.get("tautan")
    ):
        line, col = doc.mark(("bentuk",))
        yield problem(
            rel,
            "DIP-W302",
            "bentuk memuat softcopy tetapi tidak ada lampiran atau tautan",
            line,
            col,
        )
