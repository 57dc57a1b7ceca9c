"""Fixtures for review tests: a local server that answers like the GitHub API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_project

from .fakegithub import FakeGitHub, start
from .stories import CODEOWNERS, MKDOCS, Story, git


@pytest.fixture
def github_api() -> Iterator[FakeGitHub]:
    fake, server = start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "proyek", MKDOCS)
    (root / "situs").mkdir()
    (root / "situs" / "index.md").write_text("# Beranda\n\n<!-- dip:ringkasan -->\n")
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Awal")
    return root


@pytest.fixture
def story(repo: Path, github_api: FakeGitHub) -> Story:
    return Story(repo, github_api)
