"""Rules for what lies in an item folder: attachments listed and present, safe names,
no links or subfolders, contents that match their extension, sizes within limits."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, problem
from .project import Config
from .yamlsafe import Document

ITEM_FILE = "item.yaml"
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,119}")
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
_ZIP = (b"PK\x03\x04",)
MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "tif": (b"II*\x00", b"MM\x00*"),
    "tiff": (b"II*\x00", b"MM\x00*"),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
}
TEXT_TYPES = frozenset({"csv", "txt"})

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "csv": "text/csv",
    "txt": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file, read in 1 MB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    path: str  # a plain string: pathlib is measurably slow at 10,000 items
    mode: int
    size: int


@dataclass(frozen=True, slots=True)
class Attachment:
    """A listed attachment that exists as a regular file in the item folder."""

    name: str
    path: Path
    size: int


def scan_folder(folder: Path) -> dict[str, Entry]:
    """Every entry of the folder, links not followed."""
    entries: dict[str, Entry] = {}
    with os.scandir(folder) as it:
        for de in it:
            st = de.stat(follow_symlinks=False)
            entries[de.name] = Entry(de.name, de.path, st.st_mode, st.st_size)
    return entries


def listed_names(doc: Document | None) -> list[tuple[int, str]]:
    """(index, name) of every lampiran entry with a string `berkas`."""
    if doc is None or not isinstance(doc.data.get("lampiran"), list):
        return []
    out = []
    for i, entry in enumerate(doc.data["lampiran"]):
        if isinstance(entry, dict) and isinstance(entry.get("berkas"), str):
            out.append((i, entry["berkas"]))
    return out


def check_files(
    folder: Path, entries: dict[str, Entry], doc: Document | None, config: Config
) -> tuple[list[Problem], list[Attachment]]:
    problems: list[Problem] = []
    folder_rel = config.rel(folder)
    yaml_rel = f"{folder_rel}/{ITEM_FILE}"
    listed = listed_names(doc)
    listed_lower = {name.lower() for _, name in listed}
    listed_exact = {name for _, name in listed}
    # Case-only collisions: report the file that is not the listed spelling.
    lower: dict[str, str] = {}
    for name in sorted(entries, key=lambda n: (n not in listed_exact, n)):
        if name.lower() in lower:
            problems.append(
                problem(
                    config.rel(entries[name].path),
                    "DIP-E407",
                    f"'{name}' dan '{lower[name.lower()]}' hanya berbeda huruf besar/kecil",
                )
            )
        lower.setdefault(name.lower(), name)

    attachments: list[Attachment] = []
    seen: set[str] = set()
    for index, name in listed:
        assert doc is not None
        line, col = doc.mark(("lampiran", index, "berkas"))
        if "/" in name or "\\" in name or name in (".", "..") or name == ITEM_FILE:
            problems.append(
                problem(
                    yaml_rel,
                    "DIP-E406",
                    f"berkas '{name}' harus berupa nama berkas di folder item ini",
                    line,
                    col,
                )
            )
            continue
        if name in seen:
            problems.append(
                problem(
                    yaml_rel, "DIP-E413", f"berkas '{name}' tercantum lebih dari sekali", line, col
                )
            )
            continue
        seen.add(name)
        entry = entries.get(name)
        if entry is None:
            other = lower.get(name.lower())
            if other:
                problems.append(
                    problem(
                        yaml_rel,
                        "DIP-E407",
                        f"lampiran '{name}' tertulis berbeda dengan nama berkas '{other}'",
                        line,
                        col,
                    )
                )
            else:
                problems.append(
                    problem(
                        yaml_rel,
                        "DIP-E402",
                        f"berkas '{name}' tidak ada di folder {folder_rel}",
                        line,
                        col,
                    )
                )
            continue
        if stat.S_ISREG(entry.mode):
            attachments.append(Attachment(name, Path(entry.path), entry.size))

    total = 0
    for name, entry in sorted(entries.items()):
        if name == ITEM_FILE:
            continue
        # Without a readable item.yaml the listing is unknown: do not call every file unlisted.
        # A file listed under another case is reported once, at the listing (DIP-E407).
        is_listed = name in seen or doc is None
        problems.extend(_check_entry(entry, is_listed, name.lower() in listed_lower, config))
        if stat.S_ISREG(entry.mode):
            total += entry.size
    if total > config.max_item_bytes:
        problems.append(
            problem(
                folder_rel,
                "DIP-E410",
                f"total lampiran {_mb(total)} melebihi batas {_mb(config.max_item_bytes)}",
            )
        )
    return problems, attachments


JUNK = frozenset({".ds_store", "thumbs.db", "desktop.ini"})


def _check_entry(
    entry: Entry, is_listed: bool, listed_other_case: bool, config: Config
) -> Iterator[Problem]:
    rel = config.rel(entry.path)
    if entry.name.lower() in JUNK or entry.name.startswith("._"):
        yield problem(rel, "DIP-E403", f"'{entry.name}' adalah berkas sistem; hapus dari folder")
        return
    if stat.S_ISLNK(entry.mode):
        yield problem(rel, "DIP-E405", f"'{entry.name}' adalah tautan simbolik")
        return
    if stat.S_ISDIR(entry.mode):
        yield problem(rel, "DIP-E414", f"'{entry.name}' adalah subfolder")
        return
    if not stat.S_ISREG(entry.mode):
        yield problem(rel, "DIP-E405", f"'{entry.name}' bukan berkas biasa")
        return
    if not NAME.fullmatch(entry.name) and not is_listed and not listed_other_case:
        # A listed name is already reported at its line in item.yaml (schema pattern).
        yield problem(
            rel, "DIP-E404", f"nama berkas '{entry.name}' memuat karakter yang tidak diizinkan"
        )
    if not is_listed and not listed_other_case:
        yield problem(
            rel,
            "DIP-E403",
            f"berkas '{entry.name}' ada di folder tetapi tidak tercantum di lampiran",
        )
    yield from check_content(entry.path, entry.name, entry.size, rel, config)


def check_content(
    path: str | Path, name: str, size: int, rel: str, config: Config
) -> Iterator[Problem]:
    """Size, Git LFS pointer, allowed type and magic bytes of one regular file."""
    if size == 0:
        yield problem(rel, "DIP-E415", f"berkas '{name}' kosong (0 bait)")
        return
    if size > config.max_file_bytes:
        yield problem(
            rel,
            "DIP-E409",
            f"berkas '{name}' berukuran {_mb(size)}, melebihi batas {_mb(config.max_file_bytes)}",
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        yield problem(rel, "DIP-E101", f"berkas '{name}' tidak dapat dibaca")
        return
    if head.startswith(LFS_POINTER):
        yield problem(rel, "DIP-E411", f"'{name}' berisi penunjuk Git LFS, bukan isi berkas")
        return
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in config.allowed_types:
        allowed = ", ".join(config.allowed_types)
        yield problem(
            rel, "DIP-E412", f"jenis berkas '.{ext}' tidak diizinkan; yang diizinkan: {allowed}"
        )
        return
    if ext in TEXT_TYPES:
        if b"\x00" in head or not _utf8_prefix(head):
            yield problem(rel, "DIP-E408", f"'{name}' bukan teks UTF-8")
        return
    signatures = MAGIC.get(ext)
    if signatures is None:
        return
    window = head[:1024] if ext == "pdf" else head
    ok = any(sig in window for sig in signatures) if ext == "pdf" else head.startswith(signatures)
    if not ok:
        found = _sniff(head)
        what = f" (isinya tampak seperti {found})" if found else ""
        yield problem(rel, "DIP-E408", f"isi '{name}' bukan berkas .{ext}{what}")


def _utf8_prefix(head: bytes) -> bool:
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the 4096-byte boundary.
        return exc.start >= len(head) - 3


def _sniff(head: bytes) -> str | None:
    for ext, signatures in MAGIC.items():
        if head.startswith(signatures):
            return {
                "jpeg": "JPEG",
                "jpg": "JPEG",
                "tif": "TIFF",
                "tiff": "TIFF",
                "docx": "ZIP/dokumen kantor",
            }.get(ext, ext.upper())
    if head.lstrip().startswith((b"<!DOCTYPE", b"<html", b"<HTML")):
        return "halaman HTML"
    return None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
