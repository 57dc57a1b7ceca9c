"""Fixtures for review tests: a local server that answers like the GitHub API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .fakegithub import FakeGitHub, start


@pytest.fixture
def github_api() -> Iterator[FakeGitHub]:
    fake, server = start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
