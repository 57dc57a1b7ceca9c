"""Where a string sits in a PDF, said the way staff can find it again.

A NIK in the Info dictionary, in an annotation, a form field, an embedded file's name
or some object nobody looks at: each gets its own problem code and a description in
Bahasa Indonesia (page of an annotation, name of a field, object number otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .pdf_findings import shown

__all__ = ["KEY_LABELS", "Place", "Places", "annotation_pages"]

_ANNOT_SUBTYPES = frozenset((
    "/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
    "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup",
    "/FileAttachment", "/Sound", "/Movie", "/Widget", "/Screen", "/PrinterMark", "/TrapNet",
    "/Watermark", "/3D", "/Redact", "/RichMedia", "/Projection",
))  # fmt: skip
KEY_LABELS = {
    "/Title": "judul",
    "/Author": "penulis",
    "/Subject": "subjek",
    "/Keywords": "kata kunci",
    "/Creator": "aplikasi pembuat",
    "/Producer": "produser PDF",
    "/Contents": "isi",
    "/T": "nama",
    "/TU": "keterangan",
    "/TM": "nama ekspor",
    "/V": "nilai",
    "/DV": "nilai bawaan",
    "/Opt": "pilihan",
    "/RC": "teks kaya",
    "/Subj": "subjek",
    "/F": "nama berkas",
    "/UF": "nama berkas",
    "/Desc": "keterangan",
    "/Alt": "teks alternatif",
    "/ActualText": "teks pengganti",
}
_TREE_KEYS = ("/Kids", "/Names", "/EmbeddedFiles")
# Keys of annotations and fields whose value may be a stream of text (rich text, values).
_RICH_KEYS = ("/RC", "/V", "/DV", "/Contents")


@dataclass(frozen=True)
class Place:
    code: str  # DIP-E504 (metadata, other objects) or DIP-E505 (annotation, form, file)
    where: str  # Indonesian description
    rich: bool = False  # its streams (/RC, /V) hold text worth decoding


def annotation_pages(pages: list[PageObject]) -> dict[int, int]:
    """Object numbers of pages, their /Annots arrays and annotations -> 1-based page.
    A page whose /Annots cannot be read is left out (the walk reports the object)."""
    out: dict[int, int] = {}
    for n, page in enumerate(pages, start=1):
        if page.indirect_reference is not None:
            out.setdefault(page.indirect_reference.idnum, n)
        try:
            annots = page.raw_get("/Annots") if "/Annots" in page else None
            if isinstance(annots, IndirectObject):
                out.setdefault(annots.idnum, n)
                annots = annots.get_object()
        except Exception:  # hostile /Annots: no page number for its annotations
            continue
        if isinstance(annots, ArrayObject):
            for ref in annots:
                if isinstance(ref, IndirectObject):
                    out.setdefault(ref.idnum, n)
    return out


class Places:
    """Names places for one walk: which object is the Info dictionary, which page an
    annotation is on, whether the walk has gone past what the document uses."""

    def __init__(
        self, info_ref: int | None, annot_pages: dict[int, int], revision: str | None
    ) -> None:
        self.info_ref = info_ref
        self.annot_pages = annot_pages
        self.prefix = f"{revision}, " if revision else ""
        self.unreferenced = False  # True once the walk goes past what the trailer reaches

    def of(
        self,
        value: DictionaryObject,
        place: Place | None,
        key: str,
        depth: int,
        owner: int,
        indirect: bool,
    ) -> Place:
        """The place of dictionary ``value``, reached from ``place`` through ``key``."""
        prefix = self.prefix
        if place is not None and place.rich and (not indirect or key in _RICH_KEYS):
            return place  # a direct value, or the rich text/value stream it points to
        if (indirect and owner == self.info_ref) or (key == "/Info" and depth == 1):
            return Place("DIP-E504", f"{prefix}metadata dokumen Info")
        subtype = value.get("/Subtype")
        if subtype in _ANNOT_SUBTYPES and subtype != "/Widget":
            page = self.annot_pages.get(owner)
            at = f" di halaman {page}" if page else ""
            return Place("DIP-E505", f"{prefix}anotasi {shown(str(subtype)[1:], 20)}{at}", True)
        is_field = "/FT" in value or ("/T" in value and ("/Kids" in value or "/Parent" in value))
        if is_field or subtype == "/Widget":
            name = value.get("/T")
            label = f" «{shown(str(name), 40)}»" if isinstance(name, str) else ""
            return Place("DIP-E505", f"{prefix}isian formulir{label}", rich=True)
        if value.get("/Type") == "/Annot":
            return Place("DIP-E505", f"{prefix}anotasi", rich=True)
        if value.get("/Type") == "/Filespec" or "/EF" in value or key == "/EmbeddedFiles":
            return Place("DIP-E505", f"{prefix}berkas tertanam")
        if value.get("/Type") == "/Metadata":
            return Place("DIP-E504", f"{prefix}metadata XMP (objek {owner})")
        # Direct values belong to their dictionary; nodes of a name tree or field tree
        # under an annotation, field or embedded file keep that place.
        if place is not None and (not indirect or (key in _TREE_KEYS and place.code == "DIP-E505")):
            return place
        if "/Title" in value and ("/Parent" in value or "/First" in value):
            return Place("DIP-E504", f"{prefix}penanda/bookmark (objek {owner})")
        return Place("DIP-E504", f"{prefix}{self.generic(owner)}")

    def generic(self, owner: int) -> str:
        # Objects the document no longer uses still ship with the file.
        return (
            f"objek PDF {owner} yang tidak dipakai dokumen"
            if self.unreferenced
            else f"objek PDF {owner}"
        )
