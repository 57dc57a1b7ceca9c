"""The Sikedip contract: schema/sikedip.openapi.yaml with schema/item.schema.json, loaded
once and ready to validate, and the Indonesian phrasing of what a refused payload got wrong.

The path and header patterns below are the ones the document declares (tests compare them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import fastjsonschema
import yaml
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..item import ITEM_ID as FOLDER_ID
from ..project import ConfigError
from ..schema import EcmaValidator  # ECMA-262 `pattern`, as `dip check` applies

OPENAPI_FILE = "sikedip.openapi.yaml"
ITEM_SCHEMA_FILE = "item.schema.json"
# The OpenAPI document's canonical URI: `./item.schema.json` relative to it is the item
# schema's own $id, so its references resolve without touching any network.
OPENAPI_URI = "https://dip-pipeline.example/schema/sikedip.openapi.yaml"
_DRAFT7 = "http://json-schema.org/draft-07/schema#"
ITEM_PAYLOAD = "/components/schemas/ItemPayload"
WITHDRAWAL = "/components/schemas/Withdrawal"

OPD = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
# The item id is the folder name rule of the checker (one definition for both).
ITEM_ID = FOLDER_ID
SHA256 = re.compile(r"[0-9a-f]{64}")
IDEMPOTENCY_KEY = re.compile(r"[\x20-\x7e]{1,200}")

_PHRASES = {
    "type": "harus bertipe {validator_value}",
    "enum": "harus salah satu dari: {choices}",
    "const": "harus bernilai {validator_value!r}",
    "pattern": "tidak sesuai pola {validator_value}",
    "minLength": "teks terlalu pendek (minimal {validator_value} karakter)",
    "maxLength": "teks terlalu panjang (maksimal {validator_value} karakter)",
    "minItems": "isinya terlalu sedikit (minimal {validator_value})",
    "maxItems": "isinya terlalu banyak (maksimal {validator_value})",
    "uniqueItems": "isinya tidak boleh berulang",
    "minimum": "minimal {validator_value}",
    "maximum": "maksimal {validator_value}",
}


class Contract:
    """schema/sikedip.openapi.yaml with schema/item.schema.json, ready to validate."""

    def __init__(self, schema_dir: Path) -> None:
        try:
            document = yaml.safe_load((schema_dir / OPENAPI_FILE).read_text(encoding="utf-8"))
            item_schema = json.loads((schema_dir / ITEM_SCHEMA_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise ConfigError(f"skema Sikedip di {schema_dir} tidak dapat dibaca: {exc}") from None
        if not isinstance(document, dict) or not isinstance(item_schema, dict):
            raise ConfigError(f"skema Sikedip di {schema_dir} tidak berbentuk objek")
        self.document: dict[str, Any] = document
        self.item_schema: dict[str, Any] = item_schema
        item = Resource.from_contents(item_schema, default_specification=DRAFT202012)
        resources = [
            (OPENAPI_URI, DRAFT202012.create_resource(document)),
            (urljoin(OPENAPI_URI, ITEM_SCHEMA_FILE), item),
        ]
        if isinstance(item_schema.get("$id"), str):
            resources.append((item_schema["$id"], item))
        self.registry: Registry[Any] = Registry().with_resources(resources)

    def dereferenced(self, pointer: str) -> dict[str, Any]:
        """The schema at `pointer` with every $ref replaced by its target (for compilers
        that resolve nothing themselves)."""
        found = self.registry.resolver(base_uri=OPENAPI_URI).lookup(f"#{pointer}")
        inlined = _inline(found.contents, found.resolver, 0)
        assert isinstance(inlined, dict)
        return inlined

    def quick_check(self, pointer: str) -> Callable[[Any], bool]:
        """A compiled yes/no check for the schema at `pointer`: ~20x faster than jsonschema,
        which then runs only to explain a refusal (as `dip check` does, decisions §4)."""
        compiled = fastjsonschema.compile({**self.dereferenced(pointer), "$schema": _DRAFT7})

        def check(value: Any) -> bool:
            try:
                compiled(value)
            except fastjsonschema.JsonSchemaValueException:
                return False
            return True

        return check

    def validator(self, pointer: str) -> Validator:
        """A Draft 2020-12 validator for the schema at `pointer` in the OpenAPI document,
        e.g. "/components/schemas/ItemPayload"."""
        validator: Validator = EcmaValidator(
            {"$ref": f"{OPENAPI_URI}#{pointer}"}, registry=self.registry
        )
        return validator


def _inline(node: Any, resolver: Any, depth: int) -> Any:  # referencing.Resolver (not exported)
    if depth > 20:
        raise ConfigError("skema Sikedip: acuan $ref terlalu dalam atau berputar")
    if isinstance(node, list):
        return [_inline(entry, resolver, depth) for entry in node]
    if not isinstance(node, dict):
        return node
    inlined = {k: _inline(v, resolver, depth) for k, v in node.items() if k != "$ref"}
    if not isinstance(node.get("$ref"), str):
        return inlined
    target = resolver.lookup(node["$ref"])
    resolved = _inline(target.contents, target.resolver, depth + 1)
    if not inlined:
        return resolved
    # $ref with siblings (2020-12): both apply.
    return {**inlined, "allOf": [resolved, *inlined.get("allOf", [])]}


def describe_errors(errors: Iterator[ValidationError], limit: int = 3) -> str:
    """The first few schema errors, each as "<JSON path>: <what is wrong>", in Indonesian."""
    found = sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])
    parts = [f"{json_path(list(e.absolute_path))}: {_phrase(e)}" for e in found[:limit]]
    more = len(found) - limit
    return "; ".join(parts) + (f" (dan {more} kesalahan lain)" if more > 0 else "")


def json_path(path: list[Any]) -> str:
    """['lampiran', 0, 'sha256'] → '$.lampiran[0].sha256'."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _phrase(error: ValidationError) -> str:
    keyword = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if isinstance(schema.get("x-pesan"), str):
        return str(schema["x-pesan"])
    value: Any = error.validator_value
    instance: Any = error.instance
    if keyword == "required" and isinstance(instance, dict):
        absent = [name for name in value if name not in instance]
        return "kolom wajib " + ", ".join(f"'{n}'" for n in absent) + " tidak ada"
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        extra = sorted(k for k in instance if k not in known)
        return "kolom tidak dikenal: " + ", ".join(f"'{k}'" for k in extra)
    if keyword in _PHRASES:
        choices = ", ".join(map(str, value)) if isinstance(value, list) else value
        return _PHRASES[keyword].format(validator_value=value, choices=choices)
    if keyword == "not":
        return "kolom ini tidak boleh ada di sini"
    return f"tidak sah (aturan {keyword})"
