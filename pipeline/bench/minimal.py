"""Small valid PDFs, byte for byte reproducible: for generated benchmark items, test
fixtures and the golden fixtures (attachments are inspected, so they must be real PDFs
that a reader opens, with a text layer)."""

from __future__ import annotations

from collections.abc import Sequence


def _literal(text: str) -> bytes:
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return safe.encode("cp1252", "replace")


def minimal_pdf(pages: str | Sequence[str] = "Dokumen uji", pad: int = 0) -> bytes:
    """A PDF with one A4 page per text (Helvetica, real text), a correct xref and no
    dates or ids; `pad` bytes of comment lines make files of different sizes."""
    texts = [pages] if isinstance(pages, str) else list(pages)
    count = len(texts)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[" + kids + b"]/Count %d>>" % count,
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
    ]
    for i, text in enumerate(texts):
        lines = text.split("\n")
        ops = (
            b"BT /F1 12 Tf 14 TL 72 770 Td "
            + b" ".join(b"(" + _literal(line) + b") '" for line in lines)
            + b" ET"
        )
        objects.append(
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
            b"/Resources<</Font<</F1 3 0 R>>>>/Contents %d 0 R>>" % (5 + 2 * i)
        )
        objects.append(b"<</Length %d>>stream\n" % len(ops) + ops + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    if pad > 0:
        line = b"% " + b"x" * 76 + b"\n"
        out += (line * (pad // len(line) + 1))[:pad].rstrip(b"x") + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
