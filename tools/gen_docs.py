#!/usr/bin/env python3
"""Regenerate the documents that are made from code: problem codes and the item format."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.problems import codes_markdown
from pipeline.schema import SCHEMA_FILE, fields_markdown

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    schema = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    (ROOT / "docs" / "kode-masalah.md").write_text(codes_markdown(), encoding="utf-8")
    (ROOT / "docs" / "format-item.md").write_text(fields_markdown(schema), encoding="utf-8")


if __name__ == "__main__":
    main()
