"""Field-level differences between two versions of an item, as plain text (unescaped).

Lists of attachments and links are matched by file name and by address, so a reordered,
added, removed or re-uploaded attachment reads as such instead of as one long changed
list. Items with schema errors may hold any shape: anything unexpected is compared as
compact JSON, never assumed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..project import Unit
from ..site.html import size_text
from ..site.labels import KATEGORI_SHORT, SUBKATEGORI

if TYPE_CHECKING:
    from .changes import FileInfo, Version

_ABSENT = object()
LONG_TEXT = 160  # longer texts are shown around what changed


@dataclass(frozen=True)
class FieldChange:
    kolom: str  # the field's title in the schema, as the site's item page labels it
    sebelum: str | None  # None: the field (or entry) is not there
    sesudah: str | None


def show(key: str, value: Any, units: dict[str, Unit]) -> str | None:
    """A field value as people read it (labels for keys), unescaped; None when absent."""
    if value is _ABSENT:
        return None
    if value is None or value == "" or value == []:
        return "(kosong)"
    if key == "kategori" and isinstance(value, str) and value in KATEGORI_SHORT:
        return KATEGORI_SHORT[value]
    if key == "subkategori" and isinstance(value, str) and value in SUBKATEGORI:
        return SUBKATEGORI[value]
    if key == "unit" and isinstance(value, str) and value in units:
        return units[value].nama
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def diff_fields(
    base: Version | None, head: Version | None, titles: dict[str, str], units: dict[str, Unit]
) -> list[FieldChange]:
    """Changed fields only, in the schema's order; empty for a new or a removed item."""
    if base is None or head is None or base.data is None or head.data is None:
        return []
    before, after = base.data, head.data
    order = [k for k in titles if "." not in k]
    keys = [k for k in order if k in before or k in after]
    keys += sorted((set(before) | set(after)) - set(order))
    out: list[FieldChange] = []
    for key in keys:
        old, new = before.get(key, _ABSENT), after.get(key, _ABSENT)
        title = titles.get(key, key)
        if key == "lampiran" and _dict_list(old) and _dict_list(new):
            out += _lampiran(old, new, base.files, head.files, titles)
        elif key == "tautan" and _dict_list(old) and _dict_list(new):
            out += _tautan(old, new, titles)
        elif isinstance(old, dict) or isinstance(new, dict):
            out += _nested(key, old, new, titles, units)
        elif isinstance(old, str) and isinstance(new, str) and old != new:
            out.append(FieldChange(title, *around(show(key, old, units), show(key, new, units))))
        elif old != new:
            out.append(FieldChange(title, show(key, old, units), show(key, new, units)))
    return out


def around(old: str | None, new: str | None, words: int = 6) -> tuple[str | None, str | None]:
    """Long texts cut to the changed words plus a little context on each side, so a
    one-word edit in a long ringkasan reads at a glance on a phone."""
    if old is None or new is None or max(len(old), len(new)) <= LONG_TEXT:
        return old, new
    a, b = old.split(" "), new.split(" ")
    shortest = min(len(a), len(b))
    start = 0
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    lo = max(0, start - words)
    keep = max(0, end - words)

    def cut(text: list[str]) -> str:
        hi = len(text) - keep
        return ("… " if lo else "") + " ".join(text[lo:hi]) + (" …" if keep else "")

    return cut(a), cut(b)


def _dict_list(value: Any) -> bool:
    return value is _ABSENT or (isinstance(value, list) and all(isinstance(v, dict) for v in value))


def _listed(value: Any) -> list[dict[str, Any]]:
    return [] if value is _ABSENT else list(value)


def _nested(
    key: str, old: Any, new: Any, titles: dict[str, str], units: dict[str, Unit]
) -> list[FieldChange]:
    """penarikan / pengecualian: one row per changed sub-field."""
    if not (isinstance(old, dict) or old is _ABSENT) or not (
        isinstance(new, dict) or new is _ABSENT
    ):
        return [FieldChange(titles.get(key, key), show(key, old, units), show(key, new, units))]
    a: dict[str, Any] = old if isinstance(old, dict) else {}
    b: dict[str, Any] = new if isinstance(new, dict) else {}
    out = []
    for sub in [*a, *(s for s in b if s not in a)]:
        x, y = a.get(sub, _ABSENT), b.get(sub, _ABSENT)
        if x != y:
            label = titles.get(f"{key}.{sub}", f"{titles.get(key, key)}: {sub}")
            out.append(FieldChange(label, show(sub, x, units), show(sub, y, units)))
    return out


def _file_text(info: FileInfo | None) -> str:
    if info is None:
        return "berkas tidak ada"
    return f"sha256 {info.sha256[:12]}, {size_text(info.size)}"


def _lampiran(
    old: Any,
    new: Any,
    old_files: list[FileInfo],
    new_files: list[FileInfo],
    titles: dict[str, str],
) -> list[FieldChange]:
    label = titles.get("lampiran", "Lampiran")
    a = {str(e.get("berkas")): e for e in _listed(old)}
    b = {str(e.get("berkas")): e for e in _listed(new)}
    fa = {f.berkas: f for f in old_files}
    fb = {f.berkas: f for f in new_files}
    out: list[FieldChange] = []
    for name in [*a, *(n for n in b if n not in a)]:
        x, y = a.get(name), b.get(name)
        if x is None and y is not None:
            out.append(
                FieldChange(
                    label, None, f"{y.get('judul', '')} ({name}), {_file_text(fb.get(name))}"
                )
            )
        elif y is None and x is not None:
            out.append(FieldChange(label, f"{x.get('judul', '')} ({name})", None))
        elif x is not None and y is not None:
            for sub in ("judul", "sumber"):
                if x.get(sub) != y.get(sub):
                    title = titles.get(f"lampiran.{sub}", sub)
                    out.append(
                        FieldChange(
                            f"{title} ({name})",
                            show(sub, x.get(sub, _ABSENT), {}),
                            show(sub, y.get(sub, _ABSENT), {}),
                        )
                    )
            extra = sorted((set(x) | set(y)) - {"berkas", "judul", "sumber"})
            for sub in extra:
                if x.get(sub) != y.get(sub):
                    out.append(
                        FieldChange(
                            f"{label} {sub} ({name})",
                            show(sub, x.get(sub, _ABSENT), {}),
                            show(sub, y.get(sub, _ABSENT), {}),
                        )
                    )
            before, after = fa.get(name), fb.get(name)
            if (before.sha256 if before else None) != (after.sha256 if after else None):
                out.append(
                    FieldChange(f"Isi berkas ({name})", _file_text(before), _file_text(after))
                )
    common_old = [n for n in a if n in b]
    common_new = [n for n in b if n in a]
    if common_old != common_new:
        out.append(
            FieldChange(f"Urutan {label.lower()}", ", ".join(common_old), ", ".join(common_new))
        )
    return out


def _tautan(old: Any, new: Any, titles: dict[str, str]) -> list[FieldChange]:
    label = titles.get("tautan", "Tautan")
    a = {str(e.get("url")): e for e in _listed(old)}
    b = {str(e.get("url")): e for e in _listed(new)}
    out: list[FieldChange] = []
    for url in [*a, *(u for u in b if u not in a)]:
        x, y = a.get(url), b.get(url)
        if x is None and y is not None:
            out.append(FieldChange(label, None, f"{y.get('judul', '')} — {url}"))
        elif y is None and x is not None:
            out.append(FieldChange(label, f"{x.get('judul', '')} — {url}", None))
        elif x is not None and y is not None and x != y:
            out.append(
                FieldChange(
                    f"{titles.get('tautan.judul', 'judul')} ({url})",
                    show("judul", x.get("judul", _ABSENT), {}),
                    show("judul", y.get("judul", _ABSENT), {}),
                )
            )
    return out
