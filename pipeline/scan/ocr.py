"""Reading pages that have no text layer: poppler renders, tesseract recognises.

A scanned page with a NIK on it is the leak this product fears most, so a page without
text is never skipped: inspectors call `Ocr.pdf_pages` / `Ocr.image`, and when `find_ocr()`
returns None (tesseract, its Indonesian data or poppler missing) they report DIP-E426.

Only the requested pages are rendered, in grey at `DPI`, into a private temporary folder,
two pages side by side on two cores; every external program runs with a timeout. A page
that cannot be read raises `OcrError` carrying what was read so far, so a caller can never
mistake a failed page for an empty one.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "DPI",
    "OCR_INSTALL_HINT",
    "Ocr",
    "OcrError",
    "TesseractOcr",
    "find_ocr",
]

OCR_INSTALL_HINT = (
    "OCR belum terpasang; pasang dengan: "
    "sudo apt-get install ocrmypdf tesseract-ocr-ind poppler-utils"
)

# 200 dpi grey reads body text (10-12 pt) reliably and keeps an A4 page at ~3.9 MP.
DPI = 200
LANGUAGES = "ind+eng"
# A rendered page or image is scaled down to stay under this many pixels (posters, A0
# drawings, hostile MediaBoxes), so memory stays bounded whatever the page size says.
MAX_PIXELS = 40_000_000
# Images larger than this on their long side are scaled down before recognition: a
# 12 MP phone photo of an A4 page is ~350 dpi, more than tesseract needs.
MAX_IMAGE_SIDE = 4000
# Images larger than this are not decoded at all (the image inspector's own cap is lower).
MAX_SOURCE_PIXELS = 100_000_000
MAX_FRAMES = 50
RENDER_TIMEOUT = 60.0
RECOGNISE_TIMEOUT = 120.0
MAX_TEXT_CHARS = 2_000_000


class OcrError(Exception):
    """A page could not be read. `partial` holds the pages read before it failed."""

    def __init__(self, message: str, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message  # Bahasa Indonesia, for people
        self.page = page
        self.partial: dict[int, str] = {}


class Ocr(Protocol):
    """What inspectors need from OCR; tests may pass a fake."""

    def pdf_pages(self, path: Path, pages: list[int]) -> dict[int, str]:
        """Recognised text of the given 1-based pages. Raises OcrError for a page it
        cannot read (with the pages read so far in `partial`)."""
        ...

    def image(self, path: Path) -> str:
        """Recognised text of an image file (every frame of a multi-page TIFF, separated by
        form feeds). Raises OcrError when the image cannot be read."""
        ...


@dataclass(frozen=True)
class TesseractOcr:
    """`pdftoppm` + `tesseract`, found on PATH by `find_ocr`. Picklable (plain paths)."""

    tesseract: str
    pdftoppm: str
    pdfinfo: str
    languages: str = LANGUAGES
    dpi: int = DPI
    env: dict[str, str] = field(default_factory=dict)
    workers: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))

    def pdf_pages(self, path: Path, pages: list[int]) -> dict[int, str]:
        wanted = sorted({p for p in pages if p >= 1})
        if not wanted:
            return {}
        sizes = self._page_sizes(path, wanted[0], wanted[-1])
        texts: dict[int, str] = {}
        with tempfile.TemporaryDirectory(prefix="dip-ocr-") as tmp:

            def read(page: int) -> str:
                image = self._render(path, page, sizes.get(page), Path(tmp))
                try:
                    return self._recognise(image, self._dpi_for(sizes.get(page)))
                finally:
                    image.unlink(missing_ok=True)

            # Pages are read side by side (one tesseract thread each), in page order; the
            # first failure cancels what has not started and reports what was read.
            with ThreadPoolExecutor(max(1, self.workers)) as pool:
                futures = {page: pool.submit(read, page) for page in wanted}
                for page in wanted:
                    try:
                        texts[page] = futures[page].result()
                    except OcrError as exc:
                        for future in futures.values():
                            future.cancel()
                        for other, future in futures.items():
                            if other != page and not future.cancelled():
                                with contextlib.suppress(OcrError):
                                    texts[other] = future.result()
                        exc.page = page
                        exc.partial = texts
                        raise
        return texts

    def image(self, path: Path) -> str:
        from PIL import Image

        parts: list[str] = []
        with tempfile.TemporaryDirectory(prefix="dip-ocr-") as tmp:
            try:
                with Image.open(path) as img:
                    frames = getattr(img, "n_frames", 1)
                    if frames > MAX_FRAMES:
                        raise OcrError(f"gambar berisi {frames} bingkai (batas {MAX_FRAMES})")
                    for index in range(frames):
                        img.seek(index)
                        parts.append(self._read_frame(img, Path(tmp) / f"bingkai-{index}.pgm"))
            except OcrError:
                raise
            except Exception as exc:  # Pillow raises many kinds for hostile files
                what = type(exc).__name__
                raise OcrError(f"gambar tidak dapat dibaca untuk OCR ({what})") from exc
        return "\f".join(parts)

    def _read_frame(self, img: Any, target: Path) -> str:
        """One frame upright, grey, at most MAX_IMAGE_SIDE on its long side."""
        from PIL import ImageOps

        width, height = img.size
        if width * height > MAX_SOURCE_PIXELS:
            raise OcrError(f"gambar {width}×{height} piksel terlalu besar untuk OCR")
        scale = min(1.0, MAX_IMAGE_SIDE / max(width, height, 1))
        if scale < 1.0 and img.format == "JPEG":
            # Decode the JPEG at 1/2, 1/4 … of its size: less memory and time.
            img.draft("L", (math.ceil(width * scale), math.ceil(height * scale)))
        frame = ImageOps.exif_transpose(img).convert("L")
        frame.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
        frame.save(target)
        dpi = _image_dpi(img.info.get("dpi"))
        if dpi is not None:  # the resolution of what tesseract sees
            dpi = max(1, round(dpi * max(frame.size) / max(width, height, 1)))
        try:
            return self._recognise(target, dpi)
        finally:
            target.unlink(missing_ok=True)

    def _page_sizes(self, path: Path, first: int, last: int) -> dict[int, tuple[float, float]]:
        """Page sizes in points from pdfinfo; pages it does not report keep the default dpi
        (rendering is still cropped to MAX_PIXELS)."""
        try:
            done = subprocess.run(
                [self.pdfinfo, "-f", str(first), "-l", str(last), str(path)],
                capture_output=True,
                timeout=RENDER_TIMEOUT,
                env=self._env(),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return {}
        sizes: dict[int, tuple[float, float]] = {}
        text = done.stdout[:1_000_000].decode("latin-1")
        for m in _PAGE_SIZE.finditer(text):
            sizes[int(m.group(1))] = (float(m.group(2)), float(m.group(3)))
        return sizes

    def _dpi_for(self, size: tuple[float, float] | None) -> int:
        if size is None:
            return self.dpi
        area_in2 = max(size[0], 1.0) * max(size[1], 1.0) / (72 * 72)
        return max(10, min(self.dpi, int(math.sqrt(MAX_PIXELS / area_in2))))

    def _render(self, path: Path, page: int, size: tuple[float, float] | None, tmp: Path) -> Path:
        dpi = self._dpi_for(size)
        side = int(math.sqrt(MAX_PIXELS))
        prefix = tmp / f"halaman-{page}"
        args = [
            self.pdftoppm,
            *("-f", str(page), "-l", str(page), "-singlefile", "-gray"),
            *("-r", str(dpi)),
            # Crop box: whatever the page claims, never render more than MAX_PIXELS.
            *("-x", "0", "-y", "0", "-W", str(side), "-H", str(side)),
            str(path),
            str(prefix),
        ]
        _run(args, RENDER_TIMEOUT, f"halaman {page} tidak dapat digambar untuk OCR", self._env())
        image = prefix.with_suffix(".pgm")
        if not image.is_file():
            raise OcrError(f"halaman {page} tidak dapat digambar untuk OCR", page)
        return image

    def _recognise(self, image: Path, dpi: int | None) -> str:
        args = [self.tesseract, str(image), "stdout", "-l", self.languages]
        if dpi:
            args += ["--dpi", str(dpi)]
        out = _run(args, RECOGNISE_TIMEOUT, "OCR gagal membaca halaman", self._env())
        return out[: MAX_TEXT_CHARS * 4].decode("utf-8", "replace")[:MAX_TEXT_CHARS]

    def _env(self) -> dict[str, str]:
        # One OpenMP thread: on two cores tesseract's own threads cost more than they give,
        # and inspectors may run side by side.
        return {**os.environ, "OMP_THREAD_LIMIT": "1", **self.env}


_PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([0-9.]+)\s+x\s+([0-9.]+)", re.MULTILINE)


def _run(args: list[str], timeout: float, failure: str, env: dict[str, str]) -> bytes:
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise OcrError(f"{failure}: melewati batas waktu {timeout:.0f} detik") from None
    except OSError as exc:
        raise OcrError(f"{failure}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise OcrError(f"{failure} (kode keluar {done.returncode})")
    return done.stdout


def _image_dpi(value: object) -> int | None:
    """The image's own resolution when it is plausible (phone photos often say 72)."""
    if isinstance(value, tuple) and value and isinstance(value[0], int | float):
        dpi = int(value[0])
        if 100 <= dpi <= 1200:
            return dpi
    return None


def find_ocr() -> Ocr | None:
    """The installed OCR, or None when tesseract, its `ind` data, pdftoppm or pdfinfo is
    missing (say `OCR_INSTALL_HINT` then)."""
    tesseract = shutil.which("tesseract")
    pdftoppm = shutil.which("pdftoppm")
    pdfinfo = shutil.which("pdfinfo")
    if not (tesseract and pdftoppm and pdfinfo):
        return None
    try:
        done = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    langs = set(done.stdout.decode("utf-8", "replace").split())
    if done.returncode != 0 or not {"ind", "eng"} <= langs:
        return None
    return TesseractOcr(tesseract, pdftoppm, pdfinfo)
