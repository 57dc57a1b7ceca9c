"""The one loader: every part of the product (checker, site, Sikedip) reads an item here.

`load_item` returns the item's data together with every problem found in it, so no
consumer can use an item that `dip check` would reject without seeing why.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import ITEM_FILE, Attachment, check_files, scan_folder
from .pii import find_personal_numbers, mask_number
from .problems import Problem, problem
from .project import Config, Unit, load_units, read_capped
from .rules import check_rules
from .schema import ItemSchema, load_schema
from .yamlsafe import Document, decode, parse

ITEM_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,78}[a-z0-9]")


@dataclass
class Item:
    id: str
    folder: Path
    doc: Document | None
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any] | None:
        return self.doc.data if self.doc else None

    @property
    def ok(self) -> bool:
        """True when nothing blocks publishing (warnings allowed)."""
        return self.doc is not None and not any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Context:
    """What every item check needs, built once per run."""

    config: Config
    schema: ItemSchema
    units: dict[str, Unit] | None
    unit_problems: tuple[Problem, ...] = ()

    @classmethod
    def create(cls, config: Config) -> Context:
        units, problems = load_units(config)
        return cls(
            config, load_schema(config.root), units if not problems else None, tuple(problems)
        )


def _nik_problem(rel: str, digits: str, line: int, col: int) -> Problem:
    return problem(
        rel,
        "DIP-E501",
        f"nomor {mask_number(digits)} berbentuk NIK/KK; "
        "data kependudukan perseorangan tidak boleh diumumkan",
        line,
        col,
    )


def personal_data_in_text(text: str, rel: str, seen: set[str]) -> list[Problem]:
    """NIK/KK numbers in the raw text: comments and unparsable YAML count too."""
    found = []
    for hit in find_personal_numbers(text):
        seen.add(hit.digits)
        line = text.count("\n", 0, hit.start) + 1
        col = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
        found.append(_nik_problem(rel, hit.digits, line, col))
    return found


def personal_data_in_values(doc: Document, rel: str, seen: set[str]) -> list[Problem]:
    """NIK/KK numbers that only appear once YAML joins lines (folded text, escapes)."""
    found = []
    for path, (line, col) in doc.values.items():
        value = _value_at(doc.data, path)
        # A value written verbatim in the file was covered by the raw-text scan already.
        if isinstance(value, str) and len(value) >= 16 and value not in doc.text:
            for hit in find_personal_numbers(value):
                if hit.digits not in seen:
                    seen.add(hit.digits)
                    found.append(_nik_problem(rel, hit.digits, line, col))
    return found


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def load_item(ctx: Context, folder: Path) -> Item:
    config = ctx.config
    item = Item(folder.name, folder, None)
    problems = item.problems
    folder_rel = config.rel(folder)
    if not ITEM_ID.fullmatch(folder.name):
        problems.append(
            problem(
                folder_rel, "DIP-E401", f"nama folder '{folder.name}' tidak sah sebagai id item"
            )
        )
    try:
        entries = scan_folder(folder)
    except OSError:
        problems.append(problem(folder_rel, "DIP-E101", "folder item tidak dapat dibaca"))
        return item

    for name in entries:
        for hit in find_personal_numbers(name):
            problems.append(
                problem(
                    f"{folder_rel}/{name}",
                    "DIP-E502",
                    f"nama berkas memuat nomor {mask_number(hit.digits)} berbentuk NIK/KK",
                )
            )

    yaml_rel = f"{folder_rel}/{ITEM_FILE}"
    entry = entries.get(ITEM_FILE)
    doc: Document | None = None
    if entry is None:
        problems.append(problem(yaml_rel, "DIP-E101", f"berkas {ITEM_FILE} tidak ada"))
    elif stat.S_ISLNK(entry.mode):
        problems.append(problem(yaml_rel, "DIP-E405", f"{ITEM_FILE} adalah tautan simbolik"))
    elif not stat.S_ISREG(entry.mode):
        problems.append(problem(yaml_rel, "DIP-E101", f"{ITEM_FILE} bukan berkas biasa"))
    else:
        doc = _load_yaml(ctx, entry.path, yaml_rel, problems)

    file_problems, item.attachments = check_files(folder, entries, doc, config)
    problems.extend(file_problems)
    item.doc = doc
    return item


def _load_yaml(ctx: Context, path: str, rel: str, problems: list[Problem]) -> Document | None:
    config = ctx.config
    try:
        raw = read_capped(path, config.max_yaml_bytes)
    except OSError:
        problems.append(problem(rel, "DIP-E101", f"{ITEM_FILE} tidak dapat dibaca"))
        return None
    if raw is None:
        problems.append(
            problem(
                rel,
                "DIP-E102",
                f"{ITEM_FILE} lebih besar dari {config.max_yaml_bytes // 1024} KB",
                1,
                1,
            )
        )
        return None
    text, decode_problems = decode(raw, rel)
    if text is None:
        problems.extend(decode_problems)
        return None
    # Personal data is searched in the raw text, so comments and broken YAML count too.
    seen: set[str] = set()
    problems.extend(personal_data_in_text(text, rel, seen))
    doc, parse_problems = parse(text, rel, config.max_yaml_depth)
    if doc is None:
        problems.extend(parse_problems)
        return None
    problems.extend(personal_data_in_values(doc, rel, seen))
    ctx.schema.coerce(doc.data)
    problems.extend(ctx.schema.problems(doc, rel))
    problems.extend(check_rules(doc, rel, config, ctx.units))
    return doc
