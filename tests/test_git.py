"""`--changed-since` and staleness on real git repositories made in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, RunDip, add_item, git

from pipeline.bench.minimal import minimal_pdf

OTHER = GOOD_ITEM.replace("Rencana Strategis", "Rencana Kerja")


@pytest.fixture
def repo(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    add_item(project)
    add_item(project, "renja-2025", OTHER, files={"renstra-2019-2023.pdf": minimal_pdf("Renja")})
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "awal")
    return project


def checked(dip: RunDip, repo: Path, *args: str) -> dict[str, object]:
    out = dip("check", "--format", "json", *args, cwd=repo)
    assert out.returncode in (0, 1), out.stderr
    payload: dict[str, object] = json.loads(out.stdout)
    return payload


def test_nothing_changed_checks_nothing(dip: RunDip, repo: Path) -> None:
    assert checked(dip, repo, "--changed-since", "HEAD") == {"items_checked": 0, "problems": []}


def test_only_the_changed_item_is_checked(dip: RunDip, repo: Path) -> None:
    item = repo / "content/dip/renja-2025/item.yaml"
    item.write_text(OTHER.replace("kategori: berkala", "kategori: rahasia"), encoding="utf-8")
    payload = checked(dip, repo, "--changed-since", "HEAD")
    assert payload["items_checked"] == 1
    problems = payload["problems"]
    assert isinstance(problems, list)
    assert {p["path"] for p in problems} == {"content/dip/renja-2025/item.yaml"}


def test_committed_and_untracked_changes_count(dip: RunDip, repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    item = repo / "content/dip/renja-2025/item.yaml"
    item.write_text(OTHER.replace("Pontianak", "Singkawang"), encoding="utf-8")
    git(repo, "commit", "-qam", "ubah")
    add_item(repo, "item-baru", OTHER)
    assert checked(dip, repo, "--changed-since", base)["items_checked"] == 2


def test_changed_attachment_checks_its_item(dip: RunDip, repo: Path) -> None:
    (repo / "content/dip/renja-2025/renstra-2019-2023.pdf").write_bytes(b"<html>")
    payload = checked(dip, repo, "--changed-since", "HEAD")
    assert payload["items_checked"] == 1
    assert [p["code"] for p in payload["problems"]] == ["DIP-E408"]  # type: ignore[union-attr]


def test_units_change_checks_everything(dip: RunDip, repo: Path) -> None:
    units = repo / "content/units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "\n# komentar\n", encoding="utf-8")
    assert checked(dip, repo, "--changed-since", "HEAD")["items_checked"] == 2


def test_deleted_item_is_an_error(dip: RunDip, repo: Path) -> None:
    git(repo, "rm", "-rq", "content/dip/renja-2025")
    payload = checked(dip, repo, "--changed-since", "HEAD")
    assert payload["problems"] == [
        {
            "path": "content/dip/renja-2025",
            "line": None,
            "col": None,
            "code": "DIP-E305",
            "severity": "error",
            "message": payload["problems"][0]["message"],  # type: ignore[index]
        }
    ]


def test_renamed_item_is_new_plus_deleted(dip: RunDip, repo: Path) -> None:
    (repo / "content/dip/renja-2025").rename(repo / "content/dip/renja-tahun-2025")
    payload = checked(dip, repo, "--changed-since", "HEAD")
    assert payload["items_checked"] == 1
    assert [p["code"] for p in payload["problems"]] == ["DIP-E305"]  # type: ignore[union-attr]


def test_unknown_ref_is_a_usage_error(dip: RunDip, repo: Path) -> None:
    out = dip("check", "--changed-since", "origin/tidak-ada", cwd=repo)
    assert out.returncode == 2 and "tidak dikenal" in out.stderr


def test_stale_berkala_item_is_a_warning(dip: RunDip, repo: Path) -> None:
    # Seven months after the commit, nothing changed: both berkala items are stale.
    later = {"DIP_TODAY": "2027-07-01"}
    out = dip("check", "--format", "json", cwd=repo, env=later)
    payload = json.loads(out.stdout)
    assert out.returncode == 0  # warnings do not fail the check
    assert {(p["path"], p["code"], p["severity"]) for p in payload["problems"]} == {
        ("content/dip/renstra-2019-2023/item.yaml", "DIP-W301", "warning"),
        ("content/dip/renja-2025/item.yaml", "DIP-W301", "warning"),
    }
    # Changing one (even uncommitted) makes it fresh again.
    item = repo / "content/dip/renja-2025/item.yaml"
    item.write_text(OTHER + "# diperbarui\n", encoding="utf-8")
    payload = json.loads(dip("check", "--format", "json", cwd=repo, env=later).stdout)
    assert [p["path"] for p in payload["problems"]] == ["content/dip/renstra-2019-2023/item.yaml"]


def test_fresh_items_are_not_stale(dip: RunDip, repo: Path) -> None:
    assert checked(dip, repo)["problems"] == []
