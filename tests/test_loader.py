"""Hostile input for the YAML reader and the item loader: never a crash, always a position."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, add_item, make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.item import Context, load_item
from pipeline.project import load_config
from pipeline.yamlsafe import load_bytes


def codes(raw: bytes) -> list[tuple[int | None, int | None, str]]:
    doc, problems = load_bytes(raw, "x.yaml")
    assert (doc is None) == bool(problems)
    return [(p.line, p.col, p.code) for p in problems]


def test_scalars_stay_strings() -> None:
    doc, _ = load_bytes(b"a: no\nb: 0612\nc: 2019-09-30\nd: 1e3\ne: ~\nf: ''\ng: on\n", "x")
    assert doc is not None
    assert doc.data == {
        "a": "no",
        "b": "0612",
        "c": "2019-09-30",
        "d": "1e3",
        "e": None,
        "f": "",
        "g": "on",
    }


def test_positions_of_keys_and_values() -> None:
    doc, _ = load_bytes(b"judul: x\nlampiran:\n  - berkas: a.pdf\n", "x")
    assert doc is not None
    assert doc.key_mark(("judul",)) == (1, 1)
    assert doc.mark(("lampiran", 0, "berkas")) == (3, 13)
    assert doc.mark(("lampiran", 5, "berkas")) == (3, 3)  # nearest parent that exists: the list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: &x 1\nb: *x\n", [(1, 4, "DIP-E106")]),
        (b"a: [1]\nb: *x\n", [(2, 4, "DIP-E106")]),
        (b"a: !!str x\n", [(1, 4, "DIP-E107")]),
        (b"a: !custom x\n", [(1, 4, "DIP-E107")]),
        (b"a: !!python/object:os.system x\n", [(1, 4, "DIP-E107")]),
        (b"a: 1\nb: 2\na: 3\n", [(3, 1, "DIP-E108")]),
        (b"a: 1\n---\na: 2\n", [(2, 1, "DIP-E109")]),
        (b"- 1\n- 2\n", [(1, 1, "DIP-E110")]),
        (b"just text\n", [(1, 1, "DIP-E110")]),
        (b"", [(1, 1, "DIP-E110")]),
        (b"# only a comment\n", [(1, 1, "DIP-E110")]),
        (b"? [a]\n: 1\n", [(1, 3, "DIP-E112")]),
        (b"~: 1\n", [(1, 1, "DIP-E112")]),
        (b"a: \xc3\x28\n", [(1, 4, "DIP-E103")]),
        (b"judul: ok\nb: x\x00y\n", [(2, 5, "DIP-E104")]),
        (b"a: \x1b[31m\n", [(1, 4, "DIP-E104")]),
        (b'a: "x\\x1b[2J"\n', [(1, 4, "DIP-E104")]),
        (b'a: "nul \\0 here"\n', [(1, 4, "DIP-E104")]),
        (b"a: b: c\n", [(1, 5, "DIP-E105")]),
        (b"a: 'unclosed\n", [(2, 1, "DIP-E105")]),
        (b"a:\n\t- b\n", [(2, 1, "DIP-E105")]),
    ],
)
def test_refused_constructs(raw: bytes, expected: list[tuple[int, int, str]]) -> None:
    assert codes(raw) == expected


def test_bom_is_fine() -> None:
    doc, problems = load_bytes(b"\xef\xbb\xbfjudul: x\n", "x")
    assert not problems and doc is not None and doc.data == {"judul": "x"}


def test_billion_laughs_is_refused_without_expansion() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert codes("\n".join(lines).encode())[0][2] == "DIP-E106"


@pytest.mark.parametrize("depth", [9, 50, 900])
def test_deep_nesting(depth: int) -> None:
    raw = b"a: " + b"[" * depth + b"]" * depth + b"\n"
    assert codes(raw) == [(1, 11, "DIP-E111")]


def test_very_deep_nesting_stops_in_libyaml() -> None:
    doc, problems = load_bytes(b"a: " + b"[" * 20_000 + b"]" * 20_000, "x.yaml")
    assert doc is None
    assert [(p.code, p.message) for p in problems] == [
        ("DIP-E105", "susunan kurung atau indentasi terlalu dalam")
    ]


def test_eight_levels_are_allowed() -> None:
    raw = b"a: " + b"[" * 7 + b"]" * 7 + b"\n"
    assert codes(raw) == []


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_document_or_problems(raw: bytes) -> None:
    doc, problems = load_bytes(raw, "x.yaml")
    assert (doc is None) != (not problems)
    for p in problems:
        assert p.code.startswith("DIP-E1")
        assert p.line is None or p.line >= 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"#\n\t?,%@`~")), max_size=200))
def test_yaml_punctuation_soup_never_crashes(text: str) -> None:
    doc, problems = load_bytes(text.encode(), "x.yaml")
    assert (doc is None) != (not problems)


@pytest.fixture
def ctx(project: Path) -> Context:
    return Context.create(load_config(project))


def test_item_yaml_over_size_cap_is_not_read(project: Path, ctx: Context) -> None:
    folder = add_item(project)
    # 10 MB: the loader must stop at the cap instead of reading or parsing it.
    (folder / "item.yaml").write_bytes(GOOD_ITEM.encode() + b"#" * 10_000_000)
    item = load_item(ctx, folder)
    assert [(p.code, p.line) for p in item.problems] == [("DIP-E102", 1)]
    assert item.doc is None and not item.ok


def test_item_yaml_symlink_is_refused(project: Path, ctx: Context, tmp_path: Path) -> None:
    folder = add_item(project)
    outside = tmp_path / "secret.yaml"
    outside.write_text(GOOD_ITEM, encoding="utf-8")
    (folder / "item.yaml").unlink()
    os.symlink(outside, folder / "item.yaml")
    item = load_item(ctx, folder)
    assert "DIP-E405" in [p.code for p in item.problems]
    assert item.doc is None


def test_item_yaml_that_is_a_folder(project: Path, ctx: Context) -> None:
    folder = add_item(project)
    (folder / "item.yaml").unlink()
    (folder / "item.yaml").mkdir()
    item = load_item(ctx, folder)
    assert [p.code for p in item.problems] == ["DIP-E101"]


def test_good_item_loads_with_types_from_schema(project: Path, ctx: Context) -> None:
    item = load_item(ctx, add_item(project))
    assert item.ok and item.problems == []
    assert item.data is not None
    assert item.data["tahun"] == 2019 and item.data["waktu_pembuatan"] == "2019-09-30"
    assert [a.name for a in item.attachments] == ["renstra-2019-2023.pdf"]


def test_tahun_with_leading_zero_stays_text_and_is_refused(project: Path, ctx: Context) -> None:
    folder = add_item(project, text=GOOD_ITEM.replace("tahun: 2019", "tahun: 02019"))
    item = load_item(ctx, folder)
    assert [(p.code, p.line) for p in item.problems] == [("DIP-E203", 15)]


def test_unreadable_units_file_disables_unit_rule_but_is_reported(project: Path) -> None:
    (project / "content" / "units.yaml").write_text("- a\n", encoding="utf-8")
    ctx = Context.create(load_config(project))
    assert [p.code for p in ctx.unit_problems] == ["DIP-E110"]
    assert ctx.units is None


def test_project_in_a_fresh_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    assert load_config(root).content_dir == "content/dip"
