"""`dip review lindungi`: branch protection from the workflow's own job names."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RunDip

from .fakegithub import FakeGitHub

WORKFLOW = """name: Validasi
on: pull_request
jobs:
  periksa:
    name: Periksa item
    runs-on: ubuntu-latest
    steps: [{run: "true"}]
  pratinjau:
    runs-on: ubuntu-latest
    steps: [{run: "true"}]
"""


def write_workflow(root: Path, text: str = WORKFLOW) -> None:
    folder = root / ".github" / "workflows"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "validasi.yml").write_text(text, encoding="utf-8")


def test_settings_name_the_validation_jobs_and_require_the_ketua(repo: Path, dip: RunDip) -> None:
    write_workflow(repo)
    out = dip("review", "lindungi", cwd=repo)
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    checks = [c["context"] for c in body["required_status_checks"]["checks"]]
    assert checks == ["Periksa item", "pratinjau"]
    reviews = body["required_pull_request_reviews"]
    assert reviews["require_code_owner_reviews"] is True
    assert reviews["dismiss_stale_reviews"] is True
    assert reviews["required_approving_review_count"] >= 1
    assert body["allow_force_pushes"] is False and body["enforce_admins"] is True


def test_apply_sends_them_to_github(repo: Path, dip: RunDip, github_api: FakeGitHub) -> None:
    write_workflow(repo)
    out = dip("review", "lindungi", "--terapkan", cwd=repo, env=github_api.env)
    assert out.returncode == 0, out.stderr
    assert github_api.state.protection["main"] == json.loads(out.stdout)
    assert "diterapkan" in out.stderr


def test_apply_failures_and_missing_pieces_are_explained(
    repo: Path, dip: RunDip, github_api: FakeGitHub
) -> None:
    out = dip("review", "lindungi", cwd=repo)
    assert out.returncode == 2 and "validasi.yml tidak dapat dibaca" in out.stderr
    write_workflow(repo)
    github_api.state.overrides[("PUT", r".*/protection")] = (
        403, {"message": "Resource not accessible by integration"}, {}
    )  # fmt: skip
    out = dip("review", "lindungi", "--terapkan", cwd=repo, env=github_api.env)
    assert out.returncode == 1
    assert "gagal diterapkan" in out.stderr and "GITHUB_TOKEN" in out.stderr
    assert "Traceback" not in out.stderr
    out = dip("review", "lindungi", "--terapkan", cwd=repo, env={"GITHUB_TOKEN": ""})
    assert out.returncode == 2 and "GITHUB_TOKEN belum diisi" in out.stderr


def test_the_repository_names_the_same_approvers_in_codeowners_and_mkdocs() -> None:
    from conftest import ROOT

    from pipeline.review.approvers import parse_codeowners, parse_named
    from pipeline.review.protect_cmd import status_checks

    named = parse_named((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    rules = parse_codeowners((ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    owners = next(r.owners for r in reversed(rules) if r.spec.match_file("content/dip/a/item.yaml"))
    assert set(owners) == set(named) and len(named) >= 2
    assert {a.jabatan.split()[0] for a in named.values()} >= {"Ketua", "Plt."}
    assert status_checks(ROOT)  # the real pull-request workflow has jobs to require
