"""Which inspector reads which file, and the key that says which rules a report used."""

from __future__ import annotations

import contextlib
import shutil
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from .model import SCAN_VERSION, Report

if TYPE_CHECKING:
    from .ocr import Ocr

KINDS = {
    "pdf": "pdf",
    "jpg": "image",
    "jpeg": "image",
    "png": "image",
    "tif": "image",
    "tiff": "image",
    "docx": "office",
    "xlsx": "office",
    "pptx": "office",
    "odt": "office",
    "ods": "office",
    "odp": "office",
    "csv": "text",
    "txt": "text",
}


def kind_of(name: str) -> str:
    return KINDS.get(name.rsplit(".", 1)[-1].lower() if "." in name else "", "other")


@cache
def ocr_engine() -> Ocr | None:
    from .ocr import find_ocr

    return find_ocr()


def engine_key() -> str:
    """Reports made by other rules, another pypdf or without OCR are not reused."""
    # Versions from the package metadata: importing pypdf and Pillow here would cost every
    # warm `dip check` a tenth of a second.
    pdf, pil = version("pypdf"), version("Pillow")
    ocr = "ocr" if ocr_engine() is not None else "tanpa-ocr"
    # Page text comes from pdftotext when it is installed, from pypdf otherwise.
    text = "pdftotext" if shutil.which("pdftotext") else "pypdf"
    return f"v{SCAN_VERSION}-pypdf{pdf}-pil{pil}-{ocr}-{text}"


def inspect_file(path: Path, kind: str) -> Report:
    """Run the right inspector (inside the sandboxed child)."""
    ocr = ocr_engine()
    if kind == "pdf":
        from .pdf import inspect_pdf

        return inspect_pdf(path, ocr)
    if kind == "image":
        from .image import inspect_image

        return inspect_image(path, ocr)
    if kind == "office":
        from .office import inspect_office

        return inspect_office(path, ocr)
    if kind == "text":
        from .text import inspect_text

        return inspect_text(path, ocr)
    return Report("other", notes=["isi berkas jenis ini tidak dapat diperiksa oleh dip scan"])


def preload() -> None:
    """Import every inspector and find OCR once (the zygote calls this before forking)."""
    ocr_engine()
    for module in ("pdf", "image", "office", "text"):
        with contextlib.suppress(ImportError):
            __import__(f"{__package__}.{module}")
