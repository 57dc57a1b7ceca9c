"""The machine-readable report of DESIGN §4."""

from __future__ import annotations

import json
from typing import TextIO

from ..checker import CheckResult


def render(result: CheckResult, out: TextIO, color: bool = False) -> None:
    payload = {
        "items_checked": result.items_checked,
        "problems": [p.as_dict() for p in result.problems],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
