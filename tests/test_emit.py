"""Writing items: what we write reads back the same, and the sample files are reproduced."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.emit import emit_item
from pipeline.schema import load_schema
from pipeline.yamlsafe import load_bytes

SCHEMA = load_schema(ROOT)
ORDER = list(SCHEMA.schema["properties"])
SAMPLES = sorted((ROOT / "content" / "dip").glob("*/item.yaml"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.parent.name)
def test_sample_items_are_reproduced_byte_for_byte(path: Any) -> None:
    raw = path.read_bytes()
    doc, problems = load_bytes(raw, "x")
    assert doc is not None, problems
    SCHEMA.coerce(doc.data)
    assert emit_item(doc.data, ORDER) == raw.decode("utf-8")


awkward = st.sampled_from(
    [
        "no",
        "yes",
        "on",
        "off",
        "null",
        "~",
        "0612",
        "1e3",
        "2019-09-30",
        "12:30",
        "0x1F",
        "- dash",
        "# hash",
        "a: b",
        "trailing ",
        " leading",
        "'quote",
        '"dq',
        "a #b",
        "!tag",
        "&anchor",
        "*alias",
        "%pct",
        "@at",
        "`tick",
        "x\ny",
        "",
        "Pasal 17 huruf h",
        "ü ñ –",
        "double  space " * 8,
        "kata " * 40,
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(ORDER),
        # Control characters (other than newline) are refused by the loader, so never written.
        st.one_of(awkward, st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=120)),
        min_size=1,
    )
)
def test_any_text_values_read_back_identically(data: dict[str, Any]) -> None:
    text = emit_item(data, ORDER)  # raises EmitError when the round trip fails
    doc, problems = load_bytes(text.encode(), "x")
    assert doc is not None and doc.data == data, problems
