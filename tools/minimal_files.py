"""Replace the golden fixtures' old placeholder PDFs with real minimal PDFs.

Attachments are inspected (`dip scan`), so fixtures must be files a PDF reader opens, with a
text layer. Run once with `.venv/bin/python tools/minimal_files.py`; kept for the record.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.bench.minimal import minimal_pdf

OLD_PLACEHOLDER = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    changed = 0
    for path in sorted(root.rglob("*.pdf")):
        if path.is_symlink() or not path.is_file():
            continue
        if path.read_bytes() == OLD_PLACEHOLDER:
            path.write_bytes(minimal_pdf())
            changed += 1
    print(f"{changed} berkas PDF diganti")
    return 0


if __name__ == "__main__":
    sys.exit(main())
