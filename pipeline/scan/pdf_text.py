"""The text of each page, read the ways a NIK can hide in it.

A number drawn digit by digit, in two halves, kerned apart, right-to-left, on a wavy
baseline or tilted comes out differently depending on how text is put together, so
each page is read twice: by position (layout: joins what is drawn out of order) and
in drawing order (joins what leaves its line), and whitespace runs are collapsed
before the detector runs (it joins digit groups separated by single spaces). Text
under a black box or in invisible render mode is text like any other: both readers
return it.

poppler's `pdftotext` reads a page several times faster than pypdf; it is used when
installed (it comes with the OCR tools), one process per reading mode for the whole
document, with bounded time and output. Without it, or when its page count disagrees
with pypdf's, pypdf extracts the text itself.
"""

from __future__ import annotations

import os
import re
import selectors
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PageObject
from pypdf.generic import DictionaryObject, IndirectObject, StreamObject

from ..pii import PersonalNumber, find_personal_numbers
from .model import Finding
from .ocr import Ocr, OcrError
from .pdf_findings import finding_for_error, number, shown
from .pdf_limits import LimitExceeded, PdfLimits

__all__ = [
    "PageTexts",
    "Poppler",
    "largest_image",
    "needs_ocr",
    "numbers_in",
    "ocr_variants",
    "page_texts",
    "pypdf_page_text",
    "read_with_ocr",
]

_DIGIT = re.compile(r"\d")
_NIK_DIGITS = 16
# Tokens OCR may have read with letters for digits (O for 0, l for 1, S for 5...).
_OCR_TOKEN = re.compile(r"(?<![A-Za-z])[0-9OoIl|SB][0-9OoIl|SB .\-]{14,40}(?![A-Za-z])")
_OCR_DIGITS = str.maketrans("OoIl|SB", "0011158")
# Text render mode 3 (invisible): the text layer OCR puts over a scanned image.
_INVISIBLE_TEXT = re.compile(rb"(?<![\w.+-])3\s+Tr(?![\w])")


@dataclass
class PageTexts:
    texts: list[list[str]]  # per page (index 0 = page 1): the readings to scan
    visible: list[int]  # characters other than whitespace on each page
    source: str  # "pdftotext" or "pypdf"
    problems: list[Finding] = field(default_factory=list)


def page_texts(job: Poppler, pages: list[PageObject], limits: PdfLimits) -> PageTexts:
    """Both readings of every page in ``pages`` (the document's first pages, in order):
    from pdftotext when it ran and agrees on the page count, else from pypdf."""
    readings = job.readings()
    if readings is not None:
        visible = [max(_visible(t) for t in texts) for texts in readings]
        return PageTexts(readings, visible, "pdftotext", _oversized(readings, limits))
    result = PageTexts([], [], "pypdf")
    total = 0
    for number_, page in enumerate(pages, start=1):
        try:
            texts = pypdf_page_text(page)
        except Exception as exc:  # one hostile page: report it, read the others
            result.problems.append(finding_for_error(exc, f"halaman {number_}", number_))
            texts = []
        total += sum(len(t) for t in texts)
        if total > limits.max_text_total:
            raise LimitExceeded(f"teks dokumen melebihi {number(limits.max_text_total)} karakter")
        result.texts.append(texts)
        result.visible.append(max((_visible(t) for t in texts), default=0))
    result.problems.extend(_oversized(result.texts, limits))
    return result


def pypdf_page_text(page: PageObject) -> list[str]:
    """Drawing order, plus layout when the page holds enough digits for a NIK."""
    plain = page.extract_text()
    if _digit_count(plain) < _NIK_DIGITS:
        return [plain]
    return [plain, page.extract_text(extraction_mode="layout")]


def numbers_in(texts: Iterable[str]) -> list[PersonalNumber]:
    """Every NIK/KK in any of ``texts`` (whitespace runs collapsed first), once per number."""
    found: dict[str, PersonalNumber] = {}
    # One detector pass: readings joined by "|", which no chain of digits crosses.
    # Collapsing whitespace only ever joins more: every chain of the original survives.
    joined = " | ".join(t for t in texts if _digit_count(t) >= _NIK_DIGITS)
    for number_ in find_personal_numbers(" ".join(joined.split())):
        found.setdefault(number_.digits, number_)
    return list(found.values())


def ocr_variants(text: str) -> list[str]:
    """OCR text, and the same with letters read in place of digits inside long numbers."""
    fixed = _OCR_TOKEN.sub(_fix_token, text)
    return [text] if fixed == text else [text, fixed]


def largest_image(page: PageObject, cache: dict[int, int], budget: int = 1000) -> int:
    """Pixels of the largest image the page's resources can draw (forms included).
    ``cache`` remembers the answer per shared /Resources object."""
    best = 0
    seen: set[int] = set()
    top = page.raw_get("/Resources") if "/Resources" in page else None
    stack: list[tuple[Any, int]] = [(top, 0)]
    while stack and budget > 0:
        resources, depth = stack.pop()
        budget -= 1
        if isinstance(resources, IndirectObject):
            if resources.idnum in cache:
                best = max(best, cache[resources.idnum])
                continue
            resources = resources.get_object()
        if not isinstance(resources, DictionaryObject) or id(resources) in seen:
            continue
        seen.add(id(resources))
        xobjects = resources.get("/XObject")
        if not isinstance(xobjects, DictionaryObject):
            continue
        for ref in dict.values(xobjects):
            budget -= 1
            xobject = ref.get_object() if isinstance(ref, IndirectObject) else ref
            if not isinstance(xobject, StreamObject):
                continue
            if xobject.get("/Subtype") == "/Image":
                width, height = xobject.get("/Width"), xobject.get("/Height")
                if isinstance(width, int) and isinstance(height, int):
                    best = max(best, width * height)
            elif depth < 4:
                stack.append(
                    (xobject.raw_get("/Resources") if "/Resources" in xobject else None, depth + 1)
                )
    if isinstance(top, IndirectObject) and budget > 0:
        cache[top.idnum] = best
    return best


def read_with_ocr(
    ocr: Ocr, path: Path, pages: list[int], label: str = ""
) -> tuple[dict[int, str], list[Finding]]:
    """OCR text of ``pages``; a page OCR cannot read is a DIP-E425 finding, and the pages
    after it are still read."""
    read: dict[int, str] = {}
    failures: list[Finding] = []
    remaining = sorted(set(pages))
    while remaining:
        try:
            read.update(ocr.pdf_pages(path, remaining))
            break
        except OcrError as exc:
            read.update(exc.partial)
            failed = exc.page if exc.page in remaining else remaining[0]
            failures.append(
                Finding(
                    "DIP-E425",
                    f"{label}halaman {failed}: OCR gagal: {shown(exc.message, 200)}",
                    failed,
                )
            )
            remaining = [p for p in remaining if p > failed and p not in read]
        except Exception as exc:  # a broken OCR engine must not hide the pages it skipped
            listed = ", ".join(str(p) for p in remaining)
            failures.append(
                Finding("DIP-E425", f"{label}halaman {listed}: OCR gagal ({type(exc).__name__})")
            )
            break
    return read, failures


def needs_ocr(page: PageObject, visible: int, limits: PdfLimits, cache: dict[int, int]) -> bool:
    """No text but something drawn, or an image big enough to be a photographed document
    on a page whose text is not already an OCR layer (invisible text over the scan, as
    ocrmypdf, tesseract and Acrobat write it)."""
    try:
        if visible == 0:
            contents = page.get_contents()
            return contents is not None and bool(contents.get_data().strip())
        if largest_image(page, cache) < limits.ocr_image_pixels:
            return False
        contents = page.get_contents()
        return contents is None or _INVISIBLE_TEXT.search(contents.get_data()) is None
    except Exception:  # content that does not decode (a bomb, reported elsewhere): OCR it
        return True


def _digit_count(text: str) -> int:
    if text.isascii():  # str.count runs in C; the regex is for other scripts' digits
        return sum(text.count(d) for d in "0123456789")
    return len(_DIGIT.findall(text))


def _fix_token(match: re.Match[str]) -> str:
    token = match.group(0)
    return token.translate(_OCR_DIGITS) if len(_DIGIT.findall(token)) >= 8 else token


def _visible(text: str) -> int:
    return len(text) - sum(text.count(c) for c in " \t\r\n\f\u00a0")


def _oversized(texts: list[list[str]], limits: PdfLimits) -> list[Finding]:
    return [
        Finding(
            "DIP-E418",
            f"halaman {n}: teks halaman melebihi {number(limits.max_page_text)} karakter",
            n,
        )
        for n, readings in enumerate(texts, start=1)
        if any(len(t) > limits.max_page_text for t in readings)
    ]


class Poppler:
    """Both pdftotext readings of a document, started early so they run while the
    object walk does (two cores), collected by `page_texts`. Always `close()` it."""

    def __init__(self, path: Path, count: int, limits: PdfLimits) -> None:
        self.count = count
        self.limits = limits
        self.procs: list[subprocess.Popen[bytes]] = []
        tool = shutil.which("pdftotext")
        if tool is None or count == 0:
            return
        name = os.fspath(path)
        if name.startswith("-"):
            name = os.path.join(".", name)
        base = [tool, "-q", "-enc", "UTF-8", "-l", str(count)]
        self.deadline = time.monotonic() + limits.tool_timeout
        try:
            for mode in ("-layout", "-raw"):
                self.procs.append(
                    subprocess.Popen(
                        [*base, mode, name, "-"],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL,
                    )
                )
        except OSError:
            self.close()

    def readings(self) -> list[list[str]] | None:
        """Per page [layout, drawing order], or None to fall back to pypdf."""
        if len(self.procs) != 2:
            return None
        outputs = self._collect(self.limits.max_text_total * 4)  # UTF-8 bytes
        if outputs is None:
            return None
        split = [out.decode("utf-8", "replace").split("\f") for out in outputs]
        # pdftotext ends every page with a form feed: count + 1 parts when pages agree.
        if any(len(parts) != self.count + 1 for parts in split):
            return None
        return [[split[0][i], split[1][i]] for i in range(self.count)]

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
        self.procs = []

    def _collect(self, cap: int) -> list[bytes] | None:
        """Read both outputs to the end; beyond ``cap`` bytes or the deadline is a bomb."""
        timeout = self.limits.tool_timeout
        outputs = [bytearray() for _ in self.procs]
        try:
            with selectors.DefaultSelector() as selector:
                for index, proc in enumerate(self.procs):
                    assert proc.stdout is not None
                    selector.register(proc.stdout, selectors.EVENT_READ, index)
                while selector.get_map():
                    left = self.deadline - time.monotonic()
                    if left <= 0:
                        raise LimitExceeded(
                            f"pembacaan teks melewati batas waktu {timeout:.0f} detik"
                        )
                    for key, _ in selector.select(left):
                        chunk = os.read(key.fd, 1 << 16)
                        if not chunk:
                            selector.unregister(key.fileobj)
                            continue
                        outputs[key.data] += chunk
                        if len(outputs[key.data]) > cap:
                            raise LimitExceeded(f"teks dokumen melebihi {number(cap)} bita")
            codes = [p.wait(max(0.1, self.deadline - time.monotonic())) for p in self.procs]
        except subprocess.TimeoutExpired:
            raise LimitExceeded(
                f"pembacaan teks melewati batas waktu {timeout:.0f} detik"
            ) from None
        finally:
            self.close()
        if any(code != 0 for code in codes):
            return None
        return [bytes(out) for out in outputs]
