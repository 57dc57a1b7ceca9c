"""Golden fixtures: every problem code with its exact file, line and column.

Each folder under `tests/fixtures/valid/` and `tests/fixtures/invalid/` is a case holding
one or more item folders (`<item-id>/item.yaml` plus attachments). The case is copied into
a fresh project and checked; valid cases must produce no problem at all, invalid cases
exactly the set listed in their `expected.txt`.

Optional files in a case folder (never copied as items):

* `expected.txt`: one problem a line, `<path>:<line>:<col> <CODE>`, the path relative to
  the content folder (`content/dip`; `../units.yaml` for the units file), `-` for a
  missing line or column; lines starting with `#` are comments.
* `config.yaml`: overrides for the `dip` section of mkdocs.yml (keys of `Config`).
* `units.yaml`: replaces the project's `content/units.yaml`.
* `symlinks.txt`: `<item-id>/<name> -> <target>` a line; the links are created at copy
  time, because symbolic links inside a repository are fragile.

A case listed in `KNOWN_BUGS` states the behaviour the checker should have and is a strict
xfail until the bug is fixed.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TODAY, make_project

from pipeline.checker import check
from pipeline.problems import CODES
from pipeline.project import load_config
from pipeline.schema import load_schema
from pipeline.yamlsafe import load_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = sorted(p for p in (FIXTURES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
CONTENT_DIR = "content/dip"
CASE_FILES = frozenset({"expected.txt", "config.yaml", "units.yaml", "symlinks.txt"})
# Covered by the git tests (they need a repository with history), not by golden fixtures.
NEEDS_GIT = frozenset({"DIP-E305", "DIP-W301"})
# What attachment scanning finds is tested on files built in code (tests/scan/), not here.
IN_ATTACHMENTS = frozenset(
    {f"DIP-E{n}" for n in range(416, 427)} | {f"DIP-E{n}" for n in range(503, 508)}
)
# Cases whose expected.txt states the right behaviour but the checker does not (yet) behave
# so. They are strict xfails: once the bug is fixed they pass, and the entry must go.
_TRAILING_NEWLINE = (
    "jsonschema's pattern $ matches before a final newline, fastjsonschema's (\\Z) does not: "
    "the fast path says invalid, the full validator finds no error, nothing is reported"
)
KNOWN_BUGS: dict[str, str] = {}

Key = tuple[str, int | None, int | None, str]


def _position(text: str) -> int | None:
    return None if text == "-" else int(text)


def read_expected(case: Path) -> set[Key]:
    expected: set[Key] = set()
    for number, raw in enumerate(
        (case / "expected.txt").read_text(encoding="utf-8").splitlines(), 1
    ):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        # The path may contain spaces (a bad file name is a case of its own), never the code.
        location, _, code = line.rpartition(" ")
        path, line_no, col = location.rsplit(":", 2)
        assert path and code, f"{case.name}/expected.txt:{number}: cannot read {raw!r}"
        expected.add((path, _position(line_no), _position(col), code))
    return expected


def build_project(case: Path, target: Path) -> Path:
    root = make_project(target)
    content = root / CONTENT_DIR
    for entry in sorted(case.iterdir()):
        if entry.is_dir():
            shutil.copytree(entry, content / entry.name, symlinks=True)
        else:
            assert entry.name in CASE_FILES, f"unknown file {entry.name} in case {case.name}"
    if (case / "units.yaml").exists():
        shutil.copyfile(case / "units.yaml", root / "content" / "units.yaml")
    links = case / "symlinks.txt"
    if links.exists():
        for raw in links.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            name, target_name = (part.strip() for part in raw.split(" -> ", 1))
            os.symlink(target_name, content / name)
    section: dict[str, object] = {"opd": "uji"}
    config_file = case / "config.yaml"
    if config_file.exists():
        section.update(yaml.safe_load(config_file.read_text(encoding="utf-8")) or {})
    mkdocs = {"site_name": "uji", "plugins": [{"dip": section}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, sort_keys=False), encoding="utf-8")
    return root


def actual_problems(case: Path, tmp_path: Path) -> set[Key]:
    root = build_project(case, tmp_path / "proyek")
    result = check(load_config(root, today=TODAY))
    return {
        (posixpath.relpath(p.path, CONTENT_DIR), p.line, p.col, p.code) for p in result.problems
    }


def _show(keys: set[Key]) -> str:
    rows = sorted(keys, key=lambda k: (k[0], k[1] or 0, k[2] or 0, k[3]))
    return (
        "\n".join(
            f"  {p}:{'-' if ln is None else ln}:{'-' if c is None else c} {code}"
            for p, ln, c, code in rows
        )
        or "  (none)"
    )


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_case_has_no_problem(case: Path, tmp_path: Path) -> None:
    found = actual_problems(case, tmp_path)
    assert not found, f"{case.name} should be clean, got:\n{_show(found)}"


def _with_known_bugs(paths: list[Path], case_of: Callable[[Path], str]) -> list[Any]:
    params = []
    for path in paths:
        reason = KNOWN_BUGS.get(case_of(path))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(path, marks=marks, id=str(path.relative_to(FIXTURES))))
    return params


@pytest.mark.parametrize("case", _with_known_bugs(INVALID, lambda p: p.name))
def test_invalid_case_matches_expected(case: Path, tmp_path: Path) -> None:
    expected = read_expected(case)
    assert expected, f"{case.name}/expected.txt lists no problem"
    found = actual_problems(case, tmp_path)
    missing, extra = expected - found, found - expected
    assert not missing and not extra, (
        f"{case.name}\nmissing:\n{_show(missing)}\nunexpected:\n{_show(extra)}"
    )


def test_cases_exist() -> None:
    assert VALID and INVALID
    assert set(KNOWN_BUGS) <= {case.name for case in INVALID}


def test_every_code_has_an_invalid_case() -> None:
    covered = {code for case in INVALID for *_, code in read_expected(case)}
    assert covered <= set(CODES), f"unknown codes in fixtures: {sorted(covered - set(CODES))}"
    missing = set(CODES) - NEEDS_GIT - IN_ATTACHMENTS - covered
    assert not missing, f"codes without a golden case: {sorted(missing)}"


def _mapping_item_files() -> list[Path]:
    """Every fixture item.yaml that the safe loader reads as a mapping."""
    found = []
    for path in sorted(FIXTURES.glob("*/*/*/item.yaml")):
        doc, _ = load_bytes(path.read_bytes(), path.name)
        if doc is not None and isinstance(doc.data, dict):
            found.append(path)
    return found


MAPPING_ITEMS = _mapping_item_files()


def test_most_fixture_items_are_mappings() -> None:
    # Guards the parametrisation below against silently shrinking (e.g. a glob gone wrong).
    assert len(MAPPING_ITEMS) >= 80


@pytest.mark.parametrize("path", _with_known_bugs(MAPPING_ITEMS, lambda p: p.parent.parent.name))
def test_fast_schema_path_agrees_with_full_validator(path: Path) -> None:
    """The fastjsonschema verdict equals "the full validator finds no error"."""
    doc, _ = load_bytes(path.read_bytes(), path.name)
    assert doc is not None
    schema = load_schema(ROOT)
    data = doc.data
    schema.coerce(data)
    full_ok = not list(schema.validator.iter_errors(data))
    assert schema.is_valid(data) == full_ok
