"""Write an item as the YAML people would write by hand.

Keys in the schema's order, dates always quoted (they must stay text), long texts as
folded blocks, short lists inline. Every result is read back through the project's own
loader and must give the same values, so what we write is what `dip check` reads.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

import yaml

from .yamlsafe import load_bytes

ALWAYS_QUOTED = frozenset({"waktu_pembuatan", "tanggal", "tanggal_uji"})
WIDTH = 88
# Characters that change meaning at the start of a plain scalar.
_INDICATORS = "!&*-?:,[]{}#|>@`\"'%"
# Plain scalars YAML 1.1 tools would read as something else; quoting keeps them text
# for every reader, not only ours.
_AMBIGUOUS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})


_RESOLVER = yaml.resolver.Resolver()


class EmitError(ValueError):
    """The value cannot be written so that it reads back identically (a bug, not input)."""


def _plain_ok(text: str) -> bool:
    if not text or not text.isprintable() or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    # Numbers, dates, booleans: anything a YAML 1.1 reader would not take as text.
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return text.lower() not in _AMBIGUOUS and tag == "tag:yaml.org,2002:str"


def _scalar(key: str, text: str) -> str:
    if key in ALWAYS_QUOTED or not _plain_ok(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _folded(text: str, width: int) -> list[str] | None:
    """Lines of a `>-` block that reads back as `text`, or None when folding would not."""
    if "\n" in text or "  " in text or text != text.strip():
        return None
    rows = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return rows if " ".join(rows) == text else None


def _emit_map(
    d: dict[str, Any], order: Sequence[str], indent: int, out: list[str], first_prefix: str = ""
) -> None:
    pad = " " * indent
    keys = sorted(d, key=lambda k: order.index(k) if k in order else len(order))
    for i, key in enumerate(keys):
        value = d[key]
        lead = (first_prefix if i == 0 and first_prefix else pad) + key + ":"
        if isinstance(value, bool) or value is None:
            raise EmitError(f"{key}: {value!r}")
        if isinstance(value, int):
            out.append(f"{lead} {value}")
        elif isinstance(value, str):
            rows = None
            if key not in ALWAYS_QUOTED and len(lead) + 1 + len(value) > WIDTH:
                rows = _folded(value, WIDTH - indent - 2)
            if rows:
                out.append(f"{lead} >-")
                out.extend(pad + "  " + row for row in rows)
            else:
                out.append(f"{lead} {_scalar(key, value)}")
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            out.append(f"{lead} [{', '.join(_scalar(key, v) for v in value)}]")
        elif isinstance(value, list):
            out.append(lead)
            for entry in value:
                if not isinstance(entry, dict):
                    raise EmitError(f"{key}: {entry!r}")
                _emit_map(entry, list(entry), indent + 4, out, pad + "  - ")
        elif isinstance(value, dict):
            out.append(lead)
            _emit_map(value, list(value), indent + 2, out)
        else:
            raise EmitError(f"{key}: {type(value).__name__}")


def emit_item(item: dict[str, Any], order: Sequence[str]) -> str:
    """YAML text for `item`; `order` is the schema's property order."""
    out: list[str] = []
    _emit_map(item, order, 0, out)
    text = "\n".join(out) + "\n"
    doc, problems = load_bytes(text.encode("utf-8"), "item.yaml")
    expected = json.loads(json.dumps(item))
    if doc is None or _with_ints(doc.data, item) != expected:
        raise EmitError(f"round trip failed: {problems or 'values differ'}")
    return text


def _with_ints(read: Any, written: Any) -> Any:
    """Values read back, with digit strings turned into ints where ints were written."""
    if isinstance(written, dict) and isinstance(read, dict):
        return {k: _with_ints(read.get(k), v) for k, v in written.items()} | {
            k: v for k, v in read.items() if k not in written
        }
    if isinstance(written, list) and isinstance(read, list):
        return [_with_ints(r, w) for r, w in zip(read, written, strict=False)] + read[
            len(written) :
        ]
    if isinstance(written, int) and isinstance(read, str) and read.lstrip("-").isdigit():
        return int(read)
    return read
