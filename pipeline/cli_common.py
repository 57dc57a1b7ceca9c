"""Helpers shared by the `dip` commands: finding the project, turning errors into exits."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .project import Config, ConfigError, find_root, load_config

F = TypeVar("F", bound=Callable[..., Any])


def _today_override() -> dt.date | None:
    """DIP_TODAY=YYYY-MM-DD fixes 'today' (reproducible tests and benchmarks)."""
    value = os.environ.get("DIP_TODAY")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"DIP_TODAY '{value}' bukan tanggal TTTT-BB-HH") from None


def project_config(ctx: click.Context) -> Config:
    start = ctx.obj.get("proyek") or Path.cwd()
    return load_config(find_root(Path(start)), today=_today_override())


def handle_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            click.echo(f"Kesalahan: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Dibatalkan.", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def format_option(
    help: str = "Bentuk laporan: text untuk manusia, json untuk mesin.",
) -> Callable[[F], F]:
    """`--format text|json` (as `fmt`), the same for every command that offers both."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help,
    )


class TerminalProgress:
    """A bar on standard error while files are inspected for the first time; nothing when
    standard error is not a terminal (CI logs, pipes) or there is little to do."""

    def __init__(self, label: str = "Memeriksa isi lampiran baru") -> None:
        self.label = label
        self._bar: Any = None

    def start(self, total: int) -> None:
        if sys.stderr.isatty() and total >= 3:
            self._bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self._bar.__enter__()

    def advance(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(done)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
