"""Problems grouped per file, for people at a terminal (colour only on a terminal)."""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

import click

from ..checker import CheckResult
from ..problems import Problem


def _style(text: str, color: bool, **kw: object) -> str:
    return click.style(text, **kw) if color else text  # type: ignore[arg-type]


def summary(result: CheckResult) -> str:
    if not result.problems:
        return f"{result.items_checked} item diperiksa: semuanya baik."
    return (
        f"{result.items_checked} item diperiksa: {result.errors} kesalahan, "
        f"{result.warnings} peringatan."
    )


def render(result: CheckResult, out: TextIO, color: bool = False) -> None:
    for path, group in groupby(result.problems, key=lambda p: p.path):
        out.write(_style(path, color, bold=True) + "\n")
        for p in group:
            out.write(_line(p, color) + "\n")
        out.write("\n")
    ok = not result.errors
    out.write(_style(summary(result), color, fg="green" if ok else "red", bold=True) + "\n")


def _line(p: Problem, color: bool) -> str:
    where = f"{p.line}:{p.col}" if p.line is not None else "-"
    level = "kesalahan" if p.severity == "error" else "peringatan"
    level_s = _style(level, color, fg="red" if p.severity == "error" else "yellow")
    return (
        f"  {where:>7}  {level_s}  {_style(p.code, color, dim=True)}  {p.message}\n"
        f"           {_style('perbaikan: ' + p.fix, color, dim=True)}"
    )
