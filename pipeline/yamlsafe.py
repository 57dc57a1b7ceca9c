"""A YAML reader that cannot be fooled.

It drives libyaml's C parser at the event level and builds plain Python values itself,
so no YAML 1.1 type resolution ever happens: every scalar stays a string (`no`, `0612`,
`2019-09-30` included) and only an empty or `null`/`~` plain scalar becomes None.
Anchors, aliases, tags, duplicate keys, several documents, non-mapping roots, deep
nesting, invalid UTF-8 and control characters are reported as problems with line and
column; nothing is expanded, so alias bombs cannot eat memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, problem

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# C0 controls other than tab/LF/CR, DEL, C1 controls: libyaml would refuse them with a
# vague message; we name the position ourselves.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# libyaml's messages for the mistakes staff really make, in Bahasa Indonesia.
_YAML_MESSAGES = (
    (
        "mapping values are not allowed",
        "tanda ':' tidak diizinkan di sini; teks yang memuat ': ' harus diapit tanda kutip",
    ),
    ("could not find expected ':'", "tanda ':' setelah nama kolom tidak ditemukan"),
    ("did not find expected key", "indentasi tidak sejajar dengan kolom di atasnya"),
    ("did not find expected '-' indicator", "indentasi daftar (-) tidak sejajar"),
    ("found unexpected end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup"),
    (
        "found unknown escape character",
        "urutan \\ di dalam tanda kutip ganda tidak dikenal; gunakan tanda kutip tunggal",
    ),
    ("did not find expected node content", "nilai tidak ditemukan di tempat yang diharapkan"),
    ("did not find expected ',' or ']'", "daftar [...] tidak ditutup dengan benar"),
    ("did not find expected ',' or '}'", "bagian {...} tidak ditutup dengan benar"),
    (
        "found character that cannot start any token",
        "karakter ini tidak boleh mengawali nilai; apit nilainya dengan tanda kutip",
    ),
    ("block sequence entries are not allowed", "daftar (-) tidak boleh di tempat ini"),
    ("found undefined tag handle", "tag YAML tidak dikenal"),
    # libyaml's own guard, hit while scanning ahead before our depth check sees the events.
    ("exceeded maximum nesting depth", "susunan kurung atau indentasi terlalu dalam"),
)


@dataclass(slots=True)
class Document:
    """A parsed YAML mapping with the position of every key and value."""

    text: str
    data: dict[str, Any]
    values: dict[Path_, Mark] = field(default_factory=dict)
    keys: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_) -> Mark:
        """Line and column (1-based) of the value at `path`, or of its nearest parent."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return (1, 1)

    def key_mark(self, path: Path_) -> Mark:
        return self.keys.get(path) or self.mark(path)


class _Stop(Exception):
    """Raised inside the builder when the document cannot be read further."""


def _pos(text: str, offset: int) -> Mark:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: strict UTF-8, an optional BOM, no control characters."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters everywhere (as libyaml does), and a BOM is not one.
        prefix = raw[line_start : exc.start].decode("utf-8", "replace")
        col = len(prefix.removeprefix("\ufeff")) + 1
        return None, [
            problem(
                rel,
                "DIP-E103",
                f"bait 0x{raw[exc.start]:02x} bukan bagian dari teks UTF-8 yang sah",
                line,
                col,
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _CONTROL.search(text)
    if bad:
        line, col = _pos(text, bad.start())
        name = "NUL" if bad.group() == "\x00" else f"U+{ord(bad.group()):04X}"
        return None, [
            problem(rel, "DIP-E104", f"karakter kendali {name} tidak diizinkan", line, col)
        ]
    return text, []


def parse(text: str, rel: str, max_depth: int) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document whose root must be a mapping."""
    builder = _Builder(text, rel, max_depth)
    try:
        builder.run()
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = _yaml_message(exc)
        if mark and text[mark.index : mark.index + 1] == "\t":
            message = "karakter tab tidak boleh dipakai; gunakan spasi untuk indentasi"
        builder.problems.append(problem(rel, "DIP-E105", message, line, col))
    except yaml.YAMLError as exc:  # reader errors without a mark
        builder.problems.append(problem(rel, "DIP-E105", _yaml_message(exc)))
    if builder.problems:
        return None, builder.problems
    return builder.document, []


def _yaml_message(exc: yaml.YAMLError) -> str:
    raw = str(getattr(exc, "problem", None) or exc)
    for needle, text in _YAML_MESSAGES:
        if needle in raw:
            return text
    return f"YAML tidak dapat dibaca ({raw})"


class _Builder:
    def __init__(self, text: str, rel: str, max_depth: int) -> None:
        self.text = text
        self.rel = rel
        self.max_depth = max_depth
        self.problems: list[Problem] = []
        self.document: Document | None = None

    def _fail(self, code: str, message: str, mark: yaml.Mark) -> None:
        self.problems.append(problem(self.rel, code, message, mark.line + 1, mark.column + 1))

    def run(self) -> None:
        loader = yaml.CSafeLoader(self.text)
        try:
            self._events(loader)
        finally:
            loader.dispose()

    def _events(self, loader: yaml.CSafeLoader) -> None:
        # Hot path (runs for every item): dispatch on exact event types, locals only.
        scalar_t, map_t, seq_t = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        end_t = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        skip_t = (yaml.StreamStartEvent, yaml.DocumentEndEvent)
        get_event = loader.get_event
        documents = 0
        root: Any = None
        values: dict[Path_, Mark] = {}
        keys: dict[Path_, Mark] = {}
        # Each frame: [container, path, pending key or None]; keys are never None.
        stack: list[list[Any]] = []
        root_mark: yaml.Mark | None = None
        max_depth = self.max_depth
        while True:
            ev: Any = get_event()
            t = type(ev)
            if t is scalar_t:
                value: Any = ev.value
                if not ev.style and value in _NULLS:
                    value = None
                elif ev.style == '"' and _CONTROL.search(value):
                    # Escapes such as "\x1b" or "\0" smuggle control characters past decode().
                    bad = _CONTROL.search(value)
                    assert bad is not None
                    self._fail(
                        "DIP-E104",
                        f"karakter kendali U+{ord(bad.group()):04X} (ditulis sebagai escape) "
                        "tidak diizinkan",
                        ev.start_mark,
                    )
                    raise _Stop
            elif t in end_t:
                stack.pop()
                continue
            elif t is map_t or t is seq_t:
                if len(stack) >= max_depth:
                    self._fail(
                        "DIP-E111", f"susunan lebih dalam dari {max_depth} tingkat", ev.start_mark
                    )
                    raise _Stop
                value = {} if t is map_t else []
            elif t in skip_t:
                continue
            elif t is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._fail(
                        "DIP-E109",
                        "berkas berisi lebih dari satu dokumen YAML (---)",
                        ev.start_mark,
                    )
                    raise _Stop
                continue
            elif t is yaml.AliasEvent:
                self._fail("DIP-E106", f"alias *{ev.anchor} tidak diizinkan", ev.start_mark)
                raise _Stop
            else:  # StreamEndEvent
                break
            if ev.anchor is not None:
                self._fail("DIP-E106", f"anchor &{ev.anchor} tidak diizinkan", ev.start_mark)
                raise _Stop
            if ev.tag is not None:
                self._fail("DIP-E107", f"tag {ev.tag} tidak diizinkan", ev.start_mark)
                raise _Stop
            sm = ev.start_mark
            mark = (sm.line + 1, sm.column + 1)
            if not stack:
                root, root_mark = value, sm
                path: Path_ = ()
            else:
                frame = stack[-1]
                parent = frame[0]
                if parent.__class__ is list:
                    path = (*frame[1], len(parent))
                    parent.append(value)
                elif frame[2] is None:
                    if t is not scalar_t or value is None:
                        self._fail("DIP-E112", "nama kolom harus berupa teks biasa", sm)
                        raise _Stop
                    kpath = (*frame[1], value)
                    if value in parent:
                        first = keys[kpath][0]
                        self._fail(
                            "DIP-E108", f"kolom '{value}' sudah ditulis di baris {first}", sm
                        )
                        raise _Stop
                    keys[kpath] = mark
                    frame[2] = value
                    continue
                else:
                    path = (*frame[1], frame[2])
                    parent[frame[2]] = value
                    frame[2] = None
            values[path] = mark
            if t is not scalar_t:
                stack.append([value, path, None])
        if documents == 0 or root is None:
            self.problems.append(problem(self.rel, "DIP-E110", "berkas kosong", 1, 1))
            return
        if not isinstance(root, dict):
            assert root_mark is not None
            self._fail("DIP-E110", "isi berkas harus berupa pasangan 'kolom: nilai'", root_mark)
            return
        self.document = Document(self.text, root, values, keys)


def load_bytes(raw: bytes, rel: str, max_depth: int = 8) -> tuple[Document | None, list[Problem]]:
    """Decode and parse bytes of a YAML file (size already capped by the caller)."""
    text, problems = decode(raw, rel)
    if text is None:
        return None, problems
    return parse(text, rel, max_depth)
