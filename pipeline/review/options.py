"""Options and the GitHub client shared by the `dip review` and `dip report` commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..project import ConfigError
from .github import GitHub, GitHubConfigError

F = TypeVar("F", bound=Callable[..., Any])


def repo_option(help: str = "Repositori GitHub (bawaan: $GITHUB_REPOSITORY).") -> Callable[[F], F]:
    return click.option("--repo", metavar="PEMILIK/NAMA", help=help)


def branch_option() -> Callable[[F], F]:
    return click.option(
        "--cabang", "branch", metavar="NAMA", default="main", show_default=True,
        help="Cabang terbitan.",
    )  # fmt: skip


def github_client(repo: str | None = None) -> GitHub:
    """The client from GITHUB_TOKEN / GITHUB_REPOSITORY; missing pieces are usage errors."""
    try:
        return GitHub.from_env(repo=repo)
    except GitHubConfigError as exc:
        raise ConfigError(str(exc)) from None
