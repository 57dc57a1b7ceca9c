"""GitHub Actions workflow commands and a Markdown job summary."""

from __future__ import annotations

import os
from typing import TextIO

from ..checker import CheckResult
from ..problems import CODES
from .text import summary


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    """Markdown table cell: no pipes, no HTML, no line breaks from user text."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ")
    )


def render(result: CheckResult, out: TextIO, color: bool = False) -> None:
    for p in result.problems:
        command = "error" if p.severity == "error" else "warning"
        props = [f"file={_escape_property(p.path)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
            if p.col is not None:
                props.append(f"col={p.col}")
        props.append(f"title={_escape_property(p.code)}")
        message = f"{p.message}. Perbaikan: {CODES[p.code].fix}"
        out.write(f"::{command} {','.join(props)}::{_escape_data(message)}\n")
    out.write(summary(result) + "\n")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(markdown_summary(result))


def markdown_summary(result: CheckResult) -> str:
    status = "✅" if not result.errors else "❌"
    lines = [f"## {status} Pemeriksaan DIP", "", summary(result), ""]
    if result.problems:
        lines += ["| berkas | baris | kode | masalah |", "|---|---|---|---|"]
        for p in result.problems:
            where = f"{p.line}:{p.col}" if p.line is not None else ""
            lines.append(f"| `{_cell(p.path)}` | {where} | {p.code} | {_cell(p.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"
