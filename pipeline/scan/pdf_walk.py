"""One bounded walk over every object of a PDF: active content, hidden text, bombs.

The walk starts at the trailer (so objects keep the context of where they hang:
the Info dictionary, an annotation, a form field, an embedded file's name) and then
visits every object the cross-reference table lists that the trailer does not reach:
an unreferenced object still ships with the file. Each indirect object is resolved
once; direct values are visited with an explicit stack (no recursion), under the caps
of `PdfLimits`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, get_configuration
from pypdf.errors import LimitReachedError
from pypdf.filters import decode_stream_data
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from ..pii import find_personal_numbers
from .model import Finding
from .pdf_findings import NumberHits, finding_for_error, number, shown
from .pdf_limits import LimitExceeded, PdfLimits
from .pdf_places import KEY_LABELS, Place, Places

__all__ = [
    "ACTIVE_LABELS",
    "Location",
    "WalkResult",
    "object_locations",
    "walk",
    "walk_findings",
]

# What each kind of active content is called in messages.
ACTIVE_LABELS = {
    "js": "JavaScript (/JS, /JavaScript)",
    "open": "aksi otomatis saat dokumen dibuka (/OpenAction)",
    "aa": "aksi tambahan yang berjalan sendiri pada peristiwa tertentu (/AA)",
    "launch": "perintah menjalankan program atau membuka berkas lain (/Launch)",
    "embedded": "berkas tertanam (/EmbeddedFiles, /EmbeddedFile)",
    "xfa": "formulir XFA (/XFA)",
    "richmedia": "konten multimedia RichMedia/Flash (/RichMedia)",
    "submit": "aksi mengirim atau mengambil data formulir (/SubmitForm, /ImportData)",
}
# Dictionary keys that are active content wherever they appear (names arrive decoded:
# pypdf turns /J#61vaScript into /JavaScript while parsing).
_ACTIVE_KEYS = {
    "/JS": "js",
    "/JavaScript": "js",
    "/AA": "aa",
    "/EmbeddedFiles": "embedded",
    "/EF": "embedded",
    "/XFA": "xfa",
    "/RichMediaContent": "richmedia",
    "/RichMediaSettings": "richmedia",
}
# Name values (action types /S, /Type, /Subtype) that are active content.
_ACTIVE_NAMES = {
    "/JavaScript": "js",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded",
    "/GoToE": "embedded",
    "/RichMedia": "richmedia",
    "/SubmitForm": "submit",
    "/ImportData": "submit",
}
# Upper bound of the decoded/encoded size ratio of one filter; a stream whose raw size
# times these cannot pass the decompression limit is not decoded just to measure it.
# Filters missing here (images, Crypt) are never decoded by the walk.
_RATIO = {
    "/FlateDecode": 1100,
    "/Fl": 1100,
    "/LZWDecode": 4000,
    "/LZW": 4000,
    "/RunLengthDecode": 64,
    "/RL": 64,
    "/ASCIIHexDecode": 1,
    "/AHx": 1,
    "/ASCII85Decode": 1,
    "/A85": 1,
}
_TAG = re.compile(r"<[^>]{0,4096}>")
# Errors that stop the walk; any other error only loses the object it came from.
_FATAL = (LimitReachedError, LimitExceeded, RecursionError, MemoryError)
_MAX_BROKEN = 5
# Streams pypdf decodes itself, under its own limits, to find objects.
_STRUCTURAL_STREAMS = ("/ObjStm", "/XRef")

# A location identifies an object's bytes in the file: ("o", offset) for an object of its
# own, ("s", offset of its object stream, index) inside an object stream.
Location = tuple[Any, ...]


@dataclass
class WalkResult:
    active: dict[str, set[int]] = field(default_factory=dict)  # kind -> object numbers
    problems: list[Finding] = field(default_factory=list)  # bombs, giant images (E418)
    hits: NumberHits = field(default_factory=NumberHits)
    objects: int = 0
    # Objects that could not be read (the walk goes on without them), then the error that
    # stopped the walk, if any: the caller turns them into findings.
    broken: list[tuple[int, BaseException]] = field(default_factory=list)
    stopped: BaseException | None = None


def object_locations(reader: PdfReader) -> dict[tuple[int, int], Location]:
    """Where each object of the cross-reference table lives in the file."""
    out: dict[tuple[int, int], Location] = {}
    for gen, entries in reader.xref.items():
        for idnum, offset in entries.items():
            out[(idnum, gen)] = ("o", offset)
    offsets = reader.xref.get(0, {})
    for idnum, (stream, index) in reader.xref_objStm.items():
        out[(idnum, 0)] = ("s", offsets.get(stream, ("?", stream)), index)
    return out


def walk_findings(result: WalkResult, where: str, revision: str | None = None) -> list[Finding]:
    """Active content, bombs and unreadable objects of one walk (numbers stay in hits)."""
    prefix = f"{revision}: " if revision else ""
    out: list[Finding] = []
    for kind, owners in sorted(
        result.active.items(), key=lambda kv: list(ACTIVE_LABELS).index(kv[0])
    ):
        objects = ", ".join(str(o) if o else "trailer" for o in sorted(owners)[:5])
        more = f" dan {len(owners) - 5} lainnya" if len(owners) > 5 else ""
        out.append(
            Finding(
                "DIP-E419", f"{prefix}konten aktif: {ACTIVE_LABELS[kind]} di objek {objects}{more}"
            )
        )
    out.extend(result.problems)
    for idnum, exc in result.broken:
        out.append(finding_for_error(exc, f"{prefix}objek {idnum}"))
    if result.stopped is not None:
        out.append(finding_for_error(result.stopped, f"{prefix}{where}"))
    return out


def walk(
    reader: PdfReader,
    limits: PdfLimits,
    annot_pages: dict[int, int],
    decoded: list[int],
    skip: set[Location] | None = None,
    revision: str | None = None,
) -> WalkResult:
    """Visit every object of ``reader`` once.

    ``annot_pages`` maps object numbers of pages and annotations to 1-based page numbers.
    ``decoded`` is a one-element counter of bytes decoded so far, shared across revisions.
    With ``skip`` (locations already walked in the newest revision) only objects an
    update replaced are visited; ``revision`` then prefixes every place and numbers are
    reported as DIP-E506.
    """
    walker = _Walker(reader, limits, annot_pages, decoded, skip, revision)
    try:
        walker.run()
    except Exception as exc:  # hostile input: whatever pypdf raises ends the walk here
        walker.result.stopped = exc
    return walker.result


class _Walker:
    def __init__(
        self,
        reader: PdfReader,
        limits: PdfLimits,
        annot_pages: dict[int, int],
        decoded: list[int],
        skip: set[Location] | None,
        revision: str | None,
    ) -> None:
        self.reader = reader
        self.limits = limits
        self.decoded = decoded
        self.skip = skip
        self.locations = object_locations(reader) if skip is not None else {}
        self.revision = revision
        info = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
        info_ref = info.idnum if isinstance(info, IndirectObject) else None
        self.places = Places(info_ref, annot_pages, revision)
        self.result = WalkResult()
        self.visited: set[tuple[int, int]] = set()
        self.nodes = 0
        self.chars = 0
        self.stack: list[tuple[Any, Place | None, str, int, int]] = []

    def run(self) -> None:
        self.stack.append((self.reader.trailer, None, "", 0, 0))
        self._drain()
        listed = sorted(
            [(i, g) for g, entries in self.reader.xref.items() for i in entries]
            + [(i, 0) for i in self.reader.xref_objStm]
        )
        self.places.unreferenced = True
        for idnum, gen in listed:
            if (idnum, gen) not in self.visited and gen != 65535:
                self.stack.append((IndirectObject(idnum, gen, self.reader), None, "", 0, idnum))
                self._drain()

    def _drain(self) -> None:
        while self.stack:
            value, place, key, depth, owner = self.stack.pop()
            if isinstance(value, IndirectObject):
                ref = (value.idnum, value.generation)
                if ref in self.visited:
                    continue
                self.visited.add(ref)
                self.result.objects += 1
                if self.result.objects > self.limits.max_objects:
                    raise LimitExceeded(f"lebih dari {self.limits.max_objects} objek PDF")
                if self.skip is not None and self.locations.get(ref) in self.skip:
                    continue
                try:
                    resolved = value.get_object()
                except _FATAL:
                    raise
                except Exception as exc:  # one unreadable object: note it, walk on
                    if len(self.result.broken) < _MAX_BROKEN:
                        self.result.broken.append((value.idnum, exc))
                    continue
                # A dictionary of its own gets its own place; a string or stream that a
                # dictionary points to keeps the place of that dictionary. Depth counts
                # direct nesting only: long chains of objects (bookmarks) are normal.
                self._visit_safely(resolved, place, key, 0, value.idnum, True)
            else:
                self._visit_safely(value, place, key, depth, owner, False)

    def _visit_safely(
        self, value: Any, place: Place | None, key: str, depth: int, owner: int, indirect: bool
    ) -> None:
        try:
            self._visit(value, place, key, depth, owner, indirect)
        except _FATAL:
            raise
        except Exception as exc:  # e.g. a /Subtype that points at an unreadable object
            if len(self.result.broken) < _MAX_BROKEN:
                self.result.broken.append((owner, exc))

    def _visit(
        self, value: Any, place: Place | None, key: str, depth: int, owner: int, indirect: bool
    ) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise LimitExceeded(f"lebih dari {self.limits.max_nodes} nilai di struktur PDF")
        if depth > self.limits.max_depth:
            raise LimitExceeded(
                f"struktur bersarang lebih dari {self.limits.max_depth} tingkat (objek {owner})"
            )
        if isinstance(value, TextStringObject | ByteStringObject):
            self._text(_string_text(value), place, key, owner)
        elif isinstance(value, NameObject):
            kind = _ACTIVE_NAMES.get(value)
            if kind is not None:
                self._active(kind, owner)
        elif isinstance(value, DictionaryObject):
            own = self.places.of(value, place, key, depth, owner, indirect)
            self._dictionary(value, own, key, depth, owner)
        elif isinstance(value, ArrayObject):
            for item in reversed(value):
                self.stack.append((item, place, key, depth + 1, owner))

    def _dictionary(
        self, value: DictionaryObject, place: Place | None, key: str, depth: int, owner: int
    ) -> None:
        for k, v in dict.items(value):
            kind = _ACTIVE_KEYS.get(k)
            if kind is not None:
                self._active(kind, owner)
            elif k == "/OpenAction" and _is_action(v):
                self._active("open", owner)
        if isinstance(value, StreamObject):
            self._stream(value, place, key, owner)
        for k, v in reversed(list(dict.items(value))):
            # A page's /Parent or an annotation's /P leads back up the tree: not its place.
            inherited = None if k in ("/Parent", "/P", "/Annots", "/Popup") else place
            self.stack.append((v, inherited, str(k), depth + 1, owner))

    def _stream(self, value: StreamObject, place: Place | None, key: str, owner: int) -> None:
        subtype = value.get("/Subtype")
        if subtype == "/Image":
            width, height = value.get("/Width"), value.get("/Height")
            pixels = width * height if isinstance(width, int) and isinstance(height, int) else 0
            if pixels > self.limits.max_image_pixels:
                self.result.problems.append(
                    Finding(
                        "DIP-E418",
                        f"{self._prefix()}gambar di objek {owner} berukuran {width}×{height} "
                        f"piksel, melebihi batas {number(self.limits.max_image_pixels)} piksel "
                        "(bom gambar)",
                    )
                )
            return
        kind = value.get("/Type")
        if kind in _STRUCTURAL_STREAMS:
            return
        try:
            if kind == "/Metadata" or subtype == "/XML" or (place is not None and place.rich):
                self._text(_markup_text(self._decode(value, owner)), place, key, owner)
            elif self._may_explode(value):
                self._decode(value, owner)
        except (LimitExceeded, RecursionError, MemoryError):
            raise
        except LimitReachedError as exc:
            self.result.problems.append(
                Finding(
                    "DIP-E418",
                    f"{self._prefix()}bom dekompresi di objek {owner}: {shown(str(exc), 120)}",
                )
            )
        except Exception as exc:  # a stream that does not decode: note it, walk on
            if len(self.result.broken) < _MAX_BROKEN:
                self.result.broken.append((owner, exc))

    def _may_explode(self, value: StreamObject) -> bool:
        filters = value.get("/Filter")
        names = filters if isinstance(filters, list) else [filters]
        bound = len(value._data)  # the encoded bytes pypdf read for this stream
        for name in names:
            ratio = _RATIO.get(name) if isinstance(name, str) else None
            if ratio is None:
                return False  # image codecs, Crypt, unknown: never decoded here
            bound *= ratio
        return bound > get_configuration().zlib_maximum_output_length

    def _decode(self, value: StreamObject, owner: int) -> bytes:
        """Decoded bytes; pypdf raises LimitReachedError past its decompression limits."""
        # pypdf's decoder expects a /Filter; an unfiltered stream is its own data.
        data = decode_stream_data(value) if "/Filter" in value else value.get_data()
        self.decoded[0] += len(data)
        if self.decoded[0] > self.limits.max_decoded_total:
            raise LimitExceeded(
                "isi aliran data yang didekompresi melebihi "
                f"{number(self.limits.max_decoded_total)} bita (objek {owner})"
            )
        return data

    def _text(self, text: str, place: Place | None, key: str, owner: int) -> None:
        self.chars += len(text)
        if self.chars > self.limits.max_string_chars:
            raise LimitExceeded(
                f"teks di struktur PDF melebihi {self.limits.max_string_chars} karakter"
            )
        numbers = find_personal_numbers(text)
        if not numbers:
            numbers = find_personal_numbers(" ".join(text.split()))
        if not numbers:
            return
        if place is None:
            place = Place("DIP-E504", self.places.generic(owner))
        label = KEY_LABELS.get(key)
        detail = f"{label}, {key}" if label else shown(key, 30)
        code = "DIP-E506" if self.revision else place.code
        self.result.hits.add(code, place.where, None, numbers, detail)

    def _prefix(self) -> str:
        return f"{self.revision}: " if self.revision else ""

    def _active(self, kind: str, owner: int) -> None:
        self.result.active.setdefault(kind, set()).add(owner)


def _is_action(value: Any) -> bool:
    """/OpenAction as an action dictionary; a plain destination ("open at page 1", which
    LibreOffice writes) is not active, nor is a /GoTo action."""
    try:
        resolved = value.get_object() if isinstance(value, IndirectObject) else value
        return isinstance(resolved, DictionaryObject) and resolved.get("/S") != "/GoTo"
    except Exception:  # an /OpenAction that cannot be read is not given the benefit of the doubt
        return True


def _string_text(value: TextStringObject | ByteStringObject) -> str:
    if isinstance(value, TextStringObject):
        return str(value)
    return _bytes_text(bytes(value))


def _bytes_text(data: bytes) -> str:
    if data.startswith((b"\xfe\xff", b"\xff\xfe")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _markup_text(data: bytes) -> str:
    """Text of an XMP packet or rich text (XHTML): tags dropped, entities decoded."""
    return html.unescape(_TAG.sub(" ", _bytes_text(data)))
