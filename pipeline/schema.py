"""The item schema: compiled once, applied to loaded documents, errors made readable.

`schema/item.schema.json` is the single description of an item; jsonschema's messages
are replaced by Indonesian ones built from the schema's own titles and descriptions.
Subschemas may carry `x-kode` (the problem code) and `x-pesan` (the message) where a
generic message would not tell staff what to do.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from .problems import Problem, problem
from .project import ConfigError
from .yamlsafe import Document, Path_

SCHEMA_FILE = "schema/item.schema.json"
_DRAFT7 = "http://json-schema.org/draft-07/schema#"
_INT = re.compile(r"-?(0|[1-9][0-9]{0,8})")

_KEYWORD_CODES = {
    "required": "DIP-E201",
    "additionalProperties": "DIP-E202",
    "type": "DIP-E203",
    "enum": "DIP-E204",
    "const": "DIP-E204",
    "pattern": "DIP-E205",
    "format": "DIP-E205",
    "minLength": "DIP-E206",
    "maxLength": "DIP-E206",
    "minItems": "DIP-E207",
    "maxItems": "DIP-E207",
    "uniqueItems": "DIP-E207",
    "minimum": "DIP-E208",
    "maximum": "DIP-E208",
    "not": "DIP-E210",
}
_TYPE_NAMES = {
    "string": "teks",
    "integer": "bilangan bulat",
    "array": "daftar (- ...)",
    "object": "bagian berisi kolom",
    "number": "angka",
    "boolean": "ya/tidak",
}


_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """JSON Schema patterns are ECMA-262: `$` is the end of the text. Python's `$` also
    matches before a final newline, which let "2019-09-30\\n" through; `\\Z` does not."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# Draft 2020-12 with ECMA-262 `pattern`: the item checker and the Sikedip receiver use it.
EcmaValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern}
)


class ItemSchema:
    """The compiled validator plus what the loader needs to know from the schema."""

    def __init__(self, schema: dict[str, Any]) -> None:
        Draft202012Validator.check_schema(schema)
        self.schema = schema
        self.validator = EcmaValidator(schema)
        # Fast path: fastjsonschema compiles the same schema to Python code (~10x faster).
        # Our schema uses only keywords that draft-07 shares with 2020-12, so the verdicts
        # agree (tests compare both); jsonschema still produces every message.
        self._quick = fastjsonschema.compile({**schema, "$schema": _DRAFT7})
        self.integer_paths = frozenset(_integer_paths(schema, ()))

    def coerce(self, data: dict[str, Any]) -> None:
        """Turn digit strings into ints where the schema asks for an integer, in place."""
        for path in self.integer_paths:
            _coerce_at(data, path)

    def is_valid(self, data: dict[str, Any]) -> bool:
        try:
            self._quick(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    def problems(self, doc: Document, rel: str) -> Iterator[Problem]:
        if self.is_valid(doc.data):
            return
        reported: set[tuple[Path_, str]] = set()
        for error in self.validator.iter_errors(doc.data):
            yield from _translate(error, doc, rel, self, reported)

    def field_schema(self, path: Path_) -> dict[str, Any]:
        """The subschema describing the value at `path` (list indexes skipped)."""
        node: dict[str, Any] = self.schema
        for part in path:
            if isinstance(part, int):
                node = node.get("items", {})
            else:
                node = node.get("properties", {}).get(part, {})
        return node


@cache
def load_schema(root: Path) -> ItemSchema:
    path = root / SCHEMA_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{SCHEMA_FILE} tidak dapat dibaca: {exc}") from None
    return ItemSchema(data)


def _integer_paths(node: dict[str, Any], path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    if node.get("type") == "integer":
        yield path
    for key, sub in node.get("properties", {}).items():
        yield from _integer_paths(sub, (*path, key))
    if isinstance(node.get("items"), dict):
        yield from _integer_paths(node["items"], (*path, "*"))


def _coerce_at(value: Any, path: tuple[str, ...]) -> None:
    head, rest = path[0], path[1:]
    targets: list[tuple[Any, Any]] = []
    if head == "*" and isinstance(value, list):
        targets = list(enumerate(value))
    elif isinstance(value, dict) and head in value:
        targets = [(head, value[head])]
    for key, child in targets:
        if rest:
            _coerce_at(child, rest)
        elif isinstance(child, str) and _INT.fullmatch(child):
            value[key] = int(child)


def describe_path(path: Path_) -> str:
    """`('lampiran', 1, 'berkas')` → "kolom 'berkas' pada lampiran ke-2"."""
    names = [p for p in path if isinstance(p, str)]
    if not path:
        return "item"
    last = path[-1]
    where = ""
    for i, part in enumerate(path[:-1]):
        if isinstance(path[i + 1], int):
            where = f" pada {part} ke-{int(path[i + 1]) + 1}"
    if isinstance(last, int):
        return f"isi ke-{last + 1} dari '{names[-1]}'"
    return f"kolom '{last}'{where}"


def _translate(
    error: ValidationError,
    doc: Document,
    rel: str,
    schema: ItemSchema,
    reported: set[tuple[Path_, str]],
) -> Iterator[Problem]:
    keyword = str(error.validator)
    sub: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    code = str(sub.get("x-kode") or _KEYWORD_CODES.get(keyword, "DIP-E205"))
    custom = sub.get("x-pesan")
    path: Path_ = tuple(error.absolute_path)
    instance = error.instance

    if keyword == "required":
        assert isinstance(instance, dict)
        names: Any = error.validator_value
        for name in names:
            if name in instance or ((*path, name), "required") in reported:
                continue
            reported.add(((*path, name), "required"))
            # A requirement triggered by another field points at that field.
            where = sub.get("x-lokasi")
            line, col = doc.key_mark((*path, where)) if where else doc.mark(path)
            title = schema.field_schema((*path, name)).get("title", name)
            message = custom or f"kolom wajib '{name}' ({title}) belum diisi"
            if path:
                message += f" ({describe_path(path)})"
            yield problem(rel, code, message, line, col)
        return
    if keyword == "additionalProperties":
        assert isinstance(instance, dict)
        allowed = list(sub.get("properties", {}))
        for name in instance:
            if name in allowed:
                continue
            line, col = doc.key_mark((*path, name))
            guess = difflib.get_close_matches(name, allowed, n=1)
            hint = f"; maksudnya '{guess[0]}'?" if guess else ""
            yield problem(rel, code, f"kolom '{name}' tidak dikenal{hint}", line, col)
        return

    line, col = doc.mark(path)
    if keyword == "not":
        # "field X is not allowed here": point at X itself.
        forbidden = sub.get("not", {}).get("required", [])
        if forbidden:
            line, col = doc.key_mark((*path, forbidden[0]))
    where = describe_path(path)
    if custom:
        message = str(custom)
    elif keyword == "type":
        wanted = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        if instance is None:
            message = f"{where} kosong; isi dengan {wanted}"
        else:
            message = f"{where} harus berupa {wanted}"
    elif keyword in ("enum", "const"):
        options: Any = error.validator_value if keyword == "enum" else [error.validator_value]
        guess = difflib.get_close_matches(str(instance), [str(o) for o in options], n=1)
        hint = f" (maksudnya '{guess[0]}'?)" if guess else ""
        message = (
            f"{where}: nilai '{_short(instance)}' tidak dikenal{hint}; pilih salah satu: "
            + ", ".join(str(o) for o in options)
        )
    elif keyword == "pattern":
        desc = schema.field_schema(path).get("description", "")
        message = f"{where}: format '{_short(instance)}' tidak sesuai. {desc}".strip()
    elif keyword == "minLength":
        message = f"{where} terlalu pendek (paling sedikit {error.validator_value} karakter)"
    elif keyword == "maxLength":
        message = f"{where} terlalu panjang (paling banyak {error.validator_value} karakter)"
    elif keyword == "minItems":
        message = f"{where} harus berisi paling sedikit {error.validator_value} isian"
    elif keyword == "maxItems":
        message = f"{where} paling banyak berisi {error.validator_value} isian"
    elif keyword == "uniqueItems":
        message = f"{where} memuat isian yang sama lebih dari sekali"
    elif keyword == "minimum":
        message = f"{where} paling kecil {error.validator_value}"
    elif keyword == "maximum":
        message = f"{where} paling besar {error.validator_value}"
    else:
        message = f"{where} tidak sesuai aturan ({keyword})"
    yield problem(rel, code, message, line, col)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def fields_markdown(schema: dict[str, Any]) -> str:
    """The field table of `docs/format-item.md`, generated from the schema."""
    required = set(schema.get("required", []))
    lines = [
        "# Format item DIP (`content/dip/<id>/item.yaml`)",
        "",
        "Dibuat otomatis dari `schema/item.schema.json` (`python tools/gen_docs.py`). "
        "Aturan bersyarat: `subkategori` hanya dan wajib untuk `berkala`; `arsip_fisik` wajib "
        "bila `bentuk` memuat `hardcopy`; `pengecualian` hanya dan wajib untuk `dikecualikan` "
        "(tanpa `lampiran` dan `tautan`); `penarikan` hanya dan wajib bila `status: ditarik`.",
        "",
        "| kolom | wajib | judul | keterangan | nilai |",
        "|---|---|---|---|---|",
    ]

    def row(name: str, sub: dict[str, Any], is_required: bool) -> None:
        values = ", ".join(f"`{v}`" for v in sub.get("enum", []))
        if not values and isinstance(sub.get("items"), dict):
            values = ", ".join(f"`{v}`" for v in sub["items"].get("enum", []))
        if not values and "pattern" in sub:
            values = f"pola `{sub['pattern']}`"
        desc = sub.get("description", "").replace("|", "/")
        values = values.replace("|", "\\|")
        mark = "ya" if is_required else ""
        lines.append(f"| `{name}` | {mark} | {sub.get('title', '')} | {desc} | {values} |")

    for name, sub in schema.get("properties", {}).items():
        row(name, sub, name in required)
        child = sub.get("items", sub) if sub.get("type") == "array" else sub
        for key, inner in child.get("properties", {}).items():
            row(f"{name}.{key}", inner, key in child.get("required", []))
    return "\n".join(lines) + "\n"
