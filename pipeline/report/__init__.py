"""Reporters for `dip check`, chosen by name (like check-jsonschema's)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from ..checker import CheckResult
from . import github, json_report, text

Reporter = Callable[[CheckResult, TextIO, bool], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
}
FORMATS = ("auto", *REPORTERS)


def pick(name: str) -> Reporter:
    """`auto` means github annotations inside GitHub Actions, text elsewhere."""
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return REPORTERS[name]
