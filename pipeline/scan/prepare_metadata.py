"""Step 3 of `dip lampiran siapkan`: every metadata entry ocrmypdf or the inputs left is
removed with pikepdf, except the title we set and the PDF/A identification, and JPEG
streams lose their APPn/COM segments.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from ..project import ConfigError

__all__ = ["clean_metadata", "strip_jpeg_metadata"]

MAX_JPEG_BYTES = 256 * 1024 * 1024

_KEEP_XMP = (
    "{http://www.aiim.org/pdfa/ns/id/}part",
    "{http://www.aiim.org/pdfa/ns/id/}conformance",
)
_JPEG_KEEP = frozenset({0xE0, 0xE2, 0xEE})  # APP0 JFIF, APP2 ICC, APP14 Adobe (colour transform)


def clean_metadata(source: Path, target: Path, judul: str) -> int:
    """Only the title and the PDF/A identification remain; returns the page count."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key in list(meta):
                if key not in _KEEP_XMP:
                    del meta[key]
            meta["dc:title"] = judul
        for key in list(pdf.docinfo.keys()):
            del pdf.docinfo[key]
        pdf.docinfo["/Title"] = judul
        for page in pdf.pages:
            for key in ("/Metadata", "/PieceInfo", "/Thumb"):
                if key in page.obj:
                    del page.obj[key]
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            if "/Metadata" in obj:  # XMP of an image or form (the catalog is no stream)
                del obj["/Metadata"]
            if obj.get("/Subtype") == "/Image" and _is_jpeg(obj.get("/Filter")):
                raw = _jpeg_bytes(obj)
                stripped = strip_jpeg_metadata(raw)
                if stripped != raw:
                    obj.write(stripped, filter=pikepdf.Name.DCTDecode)
        pdf.save(target)
        return len(pdf.pages)


def _is_jpeg(filters: object) -> bool:
    """Only /DCTDecode, possibly behind Flate: the JPEG bytes can then be rewritten."""
    import pikepdf

    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
    return bool(names) and names[-1] == "/DCTDecode" and set(names[:-1]) <= {"/FlateDecode"}


def _jpeg_bytes(stream: Any) -> bytes:
    """The JPEG inside an image stream, Flate layers (ghostscript adds one) undone."""
    data: bytes = stream.read_raw_bytes()
    filters = stream.get("/Filter")
    import pikepdf

    for _ in range(len(filters) - 1 if isinstance(filters, pikepdf.Array) else 0):
        inflate = zlib.decompressobj()
        data = inflate.decompress(data, MAX_JPEG_BYTES)
        if inflate.unconsumed_tail:
            raise ConfigError("gambar di dalam PDF hasil terlalu besar")
    return data


def strip_jpeg_metadata(data: bytes) -> bytes:
    """A JPEG without its APPn segments (EXIF, XMP, IPTC, maker notes) and comments; JFIF,
    ICC and Adobe segments stay. Anything not understood is returned unchanged."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return data
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return data
        is_meta = (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP) or marker == 0xFE
        if not is_meta:
            out += data[pos:end]
        pos = end
    return data
