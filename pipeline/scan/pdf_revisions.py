"""Earlier revisions of an incrementally updated PDF: what an update "removed" is still there.

Each earlier revision is the file cut just after one of its older `%%EOF` markers; it is
opened on its own and searched like the newest one, but only where it differs:

* objects whose bytes the newest revision also uses (same location in the file) were
  already walked and are skipped;
* a page is read again only when its fingerprint differs: the locations and structure of
  everything its /Contents and /Resources reach, so a changed font or content stream
  counts, an added annotation does not (annotations are objects, walked above).

Numbers found are DIP-E506, except numbers the newest revision shows anyway.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .model import Finding
from .ocr import Ocr
from .pdf_bytes import revision_ends
from .pdf_findings import NumberHits, PdfLog, finding_for_error, number, repaired_finding
from .pdf_limits import PdfLimits
from .pdf_places import annotation_pages
from .pdf_text import needs_ocr, numbers_in, ocr_variants, pypdf_page_text, read_with_ocr
from .pdf_walk import Location, object_locations, walk, walk_findings

__all__ = ["RevisionScan", "page_fingerprint", "scan_revisions"]

_FINGERPRINT_BUDGET = 50_000


@dataclass
class RevisionScan:
    findings: list[Finding] = field(default_factory=list)
    hits: NumberHits = field(default_factory=NumberHits)
    unread: list[str] = field(default_factory=list)  # pages that need OCR, when there is none
    revisions: int = 1


def scan_revisions(
    data: bytes,
    newest: PdfReader,
    newest_pages: list[PageObject],
    ocr: Ocr | None,
    limits: PdfLimits,
    decoded: list[int],
    known: set[str],
    log: PdfLog,
) -> RevisionScan:
    """Search every earlier revision of ``data``; ``known`` numbers are already reported."""
    ends = revision_ends(data)
    out = RevisionScan(revisions=max(1, len(ends)))
    earlier = ends[:-1]
    if not earlier:
        return out
    total = len(ends)
    if total > limits.max_revisions:
        out.findings.append(
            Finding(
                "DIP-E420",
                f"PDF berisi {total} revisi bertingkat (pembaruan bertahap); lebih dari "
                f"{limits.max_revisions} revisi tidak diperiksa satu per satu",
            )
        )
        return out
    scanner = _Scanner(newest, newest_pages, ocr, limits, decoded, known, log, out)
    for k, end in enumerate(earlier, start=1):
        label = f"revisi lama ke-{k} dari {total}"
        try:
            scanner.scan(data[:end], label)
        except Exception as exc:  # one unreadable revision: say so, look at the others
            out.findings.append(finding_for_error(exc, label))
    return out


class _Scanner:
    """What every earlier revision is compared with, and the budget they share."""

    def __init__(
        self,
        newest: PdfReader,
        newest_pages: list[PageObject],
        ocr: Ocr | None,
        limits: PdfLimits,
        decoded: list[int],
        known: set[str],
        log: PdfLog,
        out: RevisionScan,
    ) -> None:
        locations = object_locations(newest)
        self.skip: set[Location] = set(locations.values())
        self.fingerprints = {page_fingerprint(page, locations) for page in newest_pages}
        self.fingerprints.discard(None)
        self.ocr, self.limits, self.decoded, self.known, self.log = ocr, limits, decoded, known, log
        self.out = out
        self.budget = limits.max_revision_pages

    def scan(self, data: bytes, label: str) -> None:
        out, limits = self.out, self.limits
        mark = len(self.log.messages)
        reader = PdfReader(BytesIO(data), strict=False)
        if self.log.repairs(mark):
            out.findings.append(repaired_finding(label))
            return
        if reader.is_encrypted:
            out.findings.append(Finding("DIP-E417", f"{label}: revisi ini terenkripsi"))
            return
        pages = reader.pages
        checked = [pages[i] for i in range(min(len(pages), limits.max_pages))]
        result = walk(reader, limits, annotation_pages(checked), self.decoded, self.skip, label)
        out.findings.extend(walk_findings(result, "PDF", label))
        out.hits.merge(result.hits, exclude=self.known)
        scans = self._pages(reader, checked, label)
        if not scans:
            return
        if self.ocr is None:
            out.unread.extend(f"{label} halaman {n}" for n in scans)
            return
        with tempfile.TemporaryDirectory(prefix="dip-revisi-") as tmp:
            path = Path(tmp) / "revisi.pdf"
            path.write_bytes(data)
            read, failures = read_with_ocr(self.ocr, path, scans, f"{label}, ")
        out.findings.extend(failures)
        for n, text in read.items():
            found = [x for x in numbers_in(ocr_variants(text)) if x.digits not in self.known]
            out.hits.add("DIP-E506", f"{label}, halaman {n} (dibaca dengan OCR)", None, found)

    def _pages(self, reader: PdfReader, checked: list[PageObject], label: str) -> list[int]:
        """Read the pages that differ from every newest page; those that need OCR."""
        locations = object_locations(reader)
        cache: dict[int, int] = {}
        scans: list[int] = []
        for n, page in enumerate(checked, start=1):
            fingerprint = page_fingerprint(page, locations)
            if fingerprint is not None and fingerprint in self.fingerprints:
                continue
            self.budget -= 1
            if self.budget < 0:
                self.out.findings.append(
                    Finding(
                        "DIP-E418",
                        f"{label}: lebih dari {number(self.limits.max_revision_pages)} halaman "
                        "revisi lama yang berbeda; sisanya tidak diperiksa",
                    )
                )
                break
            try:
                readings = pypdf_page_text(page)
            except Exception as exc:  # a hostile page in an old revision
                self.out.findings.append(finding_for_error(exc, f"{label}, halaman {n}"))
                continue
            found = [x for x in numbers_in(readings) if x.digits not in self.known]
            self.out.hits.add("DIP-E506", f"{label}, halaman {n}", None, found)
            visible = max((len("".join(t.split())) for t in readings), default=0)
            if needs_ocr(page, visible, self.limits, cache):
                scans.append(n)
        return scans


def page_fingerprint(
    page: PageObject, locations: dict[tuple[int, int], Location]
) -> tuple[Any, ...] | None:
    """What the page's text depends on: its content and resources, objects named by
    where their bytes are. Equal fingerprints in two revisions give equal text. None
    when the page reaches too much to fingerprint (it is then read again)."""
    tokens: list[Any] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [page.raw_get(k) for k in ("/Contents", "/Resources") if k in page]
    budget = _FINGERPRINT_BUDGET
    while stack:
        budget -= 1
        if budget < 0:
            return None
        value = stack.pop()
        if isinstance(value, IndirectObject):
            ref = (value.idnum, value.generation)
            tokens.append(("R", locations.get(ref, ("?", *ref))))
            if ref in seen:
                continue
            seen.add(ref)
            value = value.get_object()
        if isinstance(value, DictionaryObject):
            keys = sorted(dict.keys(value))
            tokens.append(("D", *keys))
            stack.extend(dict.__getitem__(value, k) for k in reversed(keys))
        elif isinstance(value, ArrayObject):
            tokens.append(("A", len(value)))
            stack.extend(reversed(value))
        else:
            tokens.append(repr(value)[:200])
    return tuple(tokens)
