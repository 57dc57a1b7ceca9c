"""Caps that keep inspecting one PDF bounded.

The sandbox (`sandbox.py`) limits CPU time and memory from outside; these caps keep the
work itself proportional to what a real attachment needs, so a hostile file is refused
with a clear DIP-E418 instead of running into the sandbox's walls. pypdf's own limits
(decompression, page tree, xref, content-stream parsing) stay at their defaults and are
translated the same way (`pdf_findings.finding_for_error`).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LIMITS", "LimitExceeded", "PdfLimits"]


@dataclass(frozen=True)
class PdfLimits:
    max_file_bytes: int = 512 * 1024 * 1024
    max_pages: int = 2_000
    # Per revision: indirect objects resolved, direct values visited, nesting of direct
    # arrays/dictionaries, characters of strings and XMP run through the detector.
    max_objects: int = 500_000
    max_nodes: int = 5_000_000
    max_depth: int = 64
    max_string_chars: int = 50_000_000
    # Bytes decoded to look for decompression bombs, over the whole file.
    max_decoded_total: int = 1_000_000_000
    max_image_pixels: int = 200_000_000
    max_page_text: int = 2_000_000
    max_text_total: int = 128_000_000  # per extraction mode, whole document
    max_revisions: int = 20
    # Page texts extracted in earlier revisions, all revisions together.
    max_revision_pages: int = 4_000
    # An image at least this large may be a photographed or scanned document: its page is
    # read with OCR even when the page has a text layer (logos and icons are smaller).
    ocr_image_pixels: int = 250_000
    tool_timeout: float = 300.0  # pdftotext, whole document


LIMITS = PdfLimits()


class LimitExceeded(Exception):
    """A cap of ours was reached; the message says which, in Bahasa Indonesia."""
