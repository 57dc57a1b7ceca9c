"""The schema: both validators agree, conditionals behave, messages name the field."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from conftest import GOOD_ITEM, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rules import parse_partial_date
from pipeline.schema import describe_path, load_schema
from pipeline.yamlsafe import load_bytes

SCHEMA = load_schema(ROOT)


def good() -> dict[str, Any]:
    doc, _ = load_bytes(GOOD_ITEM.encode(), "x")
    assert doc is not None
    SCHEMA.coerce(doc.data)
    return doc.data


def full_valid(data: dict[str, Any]) -> bool:
    return not list(SCHEMA.validator.iter_errors(data))


values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-5, 3000),
    st.lists(st.text(max_size=8), max_size=3),
    st.sampled_from(
        [
            "berkala",
            "dikecualikan",
            "ditarik",
            "terbit",
            "hardcopy",
            "softcopy",
            "2019",
            "10 tahun",
            "permanen",
            "https://x.go.id",
            "http://x",
            "",
        ]
    ),
    st.dictionaries(
        st.sampled_from(["tanggal", "alasan", "dasar_hukum", "berkas", "x"]),
        st.text(max_size=30),
        max_size=3,
    ),
)
keys = st.sampled_from([*SCHEMA.schema["properties"], "lain", "ringkasn"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.booleans(), keys, values), max_size=4))
def test_fast_and_full_validators_agree(mutations: list[tuple[bool, str, Any]]) -> None:
    data = good()
    for delete, key, value in mutations:
        if delete:
            data.pop(key, None)
        else:
            data[key] = copy.deepcopy(value)
    assert SCHEMA.is_valid(data) == full_valid(data)


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"subkategori": None}, False),  # berkala needs subkategori (None = remove)
        ({"kategori": "setiap_saat"}, False),  # subkategori only for berkala
        ({"kategori": "setiap_saat", "subkategori": None}, True),
        ({"bentuk": ["softcopy"], "arsip_fisik": None}, True),
        ({"arsip_fisik": None}, False),  # hardcopy needs arsip_fisik
        ({"status": "ditarik"}, False),
        (
            {
                "status": "ditarik",
                "penarikan": {"tanggal": "2024-01-02", "alasan": "Diganti dokumen revisi."},
            },
            True,
        ),
        ({"penarikan": {"tanggal": "2024-01-02", "alasan": "Diganti dokumen revisi."}}, False),
        (
            {"kategori": "dikecualikan", "subkategori": None, "lampiran": None, "tautan": None},
            False,
        ),  # needs pengecualian
        (
            {
                "kategori": "dikecualikan",
                "subkategori": None,
                "tautan": None,
                "pengecualian": {
                    "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
                    "konsekuensi": "Membuka data pribadi penduduk.",
                    "jangka_waktu": "5 tahun",
                    "tanggal_uji": "2024-01-02",
                },
            },
            False,
        ),  # still has lampiran
        (
            {
                "kategori": "dikecualikan",
                "subkategori": None,
                "lampiran": None,
                "tautan": None,
                "pengecualian": {
                    "dasar_hukum": "UU 14/2008 Pasal 17 huruf h",
                    "konsekuensi": "Membuka data pribadi penduduk.",
                    "jangka_waktu": "5 tahun",
                    "tanggal_uji": "2024-01-02",
                },
            },
            True,
        ),
        ({"tautan": [{"judul": "Situs PPID", "url": "http://ppid.kalbarprov.go.id"}]}, False),
        ({"tautan": [{"judul": "Situs PPID", "url": "https://ppid.kalbarprov.go.id/"}]}, True),
        ({"tautan": [{"judul": "Jahat", "url": "javascript:alert(1)"}]}, False),
        ({"retensi": "0 tahun"}, False),
        ({"tahun": "2019"}, False),  # a string where an integer is required (not coerced here)
    ],
)
def test_conditionals(change: dict[str, Any], valid: bool) -> None:
    data = good()
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    assert full_valid(data) is valid
    assert SCHEMA.is_valid(data) is valid


def test_every_field_has_indonesian_title_and_description() -> None:
    def walk(node: dict[str, Any], path: str) -> None:
        for name, sub in node.get("properties", {}).items():
            assert sub.get("title") and sub.get("description"), f"{path}{name}"
            walk(sub, f"{path}{name}.")
            if isinstance(sub.get("items"), dict):
                walk(sub["items"], f"{path}{name}[].")

    walk(SCHEMA.schema, "")


def test_integer_paths_come_from_the_schema() -> None:
    assert SCHEMA.integer_paths == {("tahun",)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", (dt.date(2019, 1, 1), dt.date(2019, 12, 31))),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("2023-12", (dt.date(2023, 12, 1), dt.date(2023, 12, 31))),
        ("2024-02-29", (dt.date(2024, 2, 29), dt.date(2024, 2, 29))),
        ("2023-02-29", None),
        ("2023-13", None),
        ("2023-00-10", None),
        ("0000", None),
    ],
)
def test_partial_dates(text: str, expected: object) -> None:
    assert parse_partial_date(text) == expected


def test_describe_path() -> None:
    assert describe_path(("lampiran", 1, "berkas")) == "kolom 'berkas' pada lampiran ke-2"
    assert describe_path(("bentuk", 0)) == "isi ke-1 dari 'bentuk'"
    assert describe_path(("judul",)) == "kolom 'judul'"
