"""Replace the golden fixtures' old placeholder PDFs with real minimal PDFs.

Attachments are inspected (`dip scan`), so fixtures must be files a PDF reader opens, with a
text layer. Run once with `.venv/bin/python tools/minimal_files.py`; kept for the record.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from pipeline.bench.minimal import minimal_pdf

OLD_PLACEHOLDER = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def tiny_image(fmt: str) -> bytes:
    """A 16×16 image without any metadata."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (40, 80, 160)).save(out, fmt)
    return out.getvalue()


def tiny_docx(text: str) -> bytes:
    """A minimal WordprocessingML document with one paragraph, fixed timestamps."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), body)
    return out.getvalue()


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    other = root / "valid" / "berkas-lain" / "renstra-2019-2023"
    (other / "bagan.png").write_bytes(tiny_image("PNG"))
    (other / "foto_kantor.jpg").write_bytes(tiny_image("JPEG"))
    (other / "matriks.docx").write_bytes(tiny_docx("Matriks Renstra 2019-2023"))
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
