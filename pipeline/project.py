"""The project on disk: where it is, its configuration and its units.

The one configuration is the `dip` plugin section of `mkdocs.yml` (DESIGN §2);
every key has a default so a minimal `mkdocs.yml` works.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, problem
from .yamlsafe import load_bytes


class ConfigError(Exception):
    """The project cannot be used as configured (exit code 2)."""


DEFAULT_TYPES = (
    "pdf",
    "jpg",
    "jpeg",
    "png",
    "tif",
    "tiff",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "csv",
    "txt",
)


@dataclass(frozen=True)
class Config:
    root: Path
    opd: str = "disdukcapil-kalbar"
    content_dir: str = "content/dip"
    units_file: str = "content/units.yaml"
    max_yaml_bytes: int = 64 * 1024
    max_yaml_depth: int = 8
    max_file_bytes: int = 25 * 1024 * 1024
    max_item_bytes: int = 100 * 1024 * 1024
    allowed_types: tuple[str, ...] = DEFAULT_TYPES
    stale_months: int = 6
    # Sikedip (DESIGN §5): the push target and an optional CA bundle for its TLS certificate.
    sikedip_url: str = "http://127.0.0.1:8765"
    sikedip_ca_bundle: str = ""
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    def rel(self, path: str | Path) -> str:
        """Path as shown to people: relative to the project root, with forward slashes."""
        # String slicing: this runs for every file of every item, pathlib is too slow here.
        text, root = str(path), str(self.root)
        if text.startswith(root + os.sep):
            return text[len(root) + 1 :].replace(os.sep, "/")
        return Path(path).as_posix()


class _MkdocsLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags meant for mkdocs; we ignore them."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_MkdocsLoader.add_multi_constructor("!", _ignore_tag)
_MkdocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise ConfigError(
        f"mkdocs.yml tidak ditemukan di {start} atau folder di atasnya; "
        "jalankan dip dari folder proyek DIP (atau pakai --proyek FOLDER)"
    )


def dip_section(text: str) -> dict[str, Any]:
    """The `dip` plugin section of a mkdocs.yml text ({} when there is none)."""
    try:
        data = yaml.load(text, Loader=_MkdocsLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(f"mkdocs.yml tidak dapat dibaca: {exc}") from None
    section: dict[str, Any] = {}
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for entry in plugins or []:
        if isinstance(entry, dict) and "dip" in entry:
            section = entry["dip"] or {}
    if not isinstance(section, dict):
        raise ConfigError(
            "mkdocs.yml: bagian 'dip' pada plugins harus berisi pasangan kolom: nilai"
        )
    return section


def load_config(root: Path, today: dt.date | None = None) -> Config:
    """Read the `dip` plugin section of root/mkdocs.yml."""
    path = root / "mkdocs.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"mkdocs.yml tidak dapat dibaca: {exc}") from None
    section = dip_section(text)
    known = {f.name: f for f in fields(Config) if f.name not in ("root", "today")}
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key not in known:
            # Later capabilities (site, Sikedip) own their keys; the checker ignores them.
            continue
        default = getattr(Config, key, None)
        if isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"mkdocs.yml: dip.{key} harus berupa daftar teks")
            value = tuple(v.lower().lstrip(".") for v in value)
        elif isinstance(default, int) and (
            isinstance(value, bool) or not isinstance(value, int) or value <= 0
        ):
            raise ConfigError(f"mkdocs.yml: dip.{key} harus berupa bilangan bulat positif")
        elif isinstance(default, str) and not isinstance(value, str):
            raise ConfigError(f"mkdocs.yml: dip.{key} harus berupa teks")
        values[key] = value
    config = Config(root=root, today=today or dt.date.today(), **values)
    content = config.content_path.resolve()
    if not content.is_relative_to(root.resolve()):
        raise ConfigError("mkdocs.yml: dip.content_dir harus berada di dalam folder proyek")
    if not content.is_dir():
        raise ConfigError(f"folder konten {config.content_dir} tidak ditemukan")
    return config


@dataclass(frozen=True)
class Unit:
    key: str
    nama: str
    pejabat: str


def load_units(config: Config) -> tuple[dict[str, Unit], list[Problem]]:
    """Read content/units.yaml through the same safe reader as items."""
    path = config.root / config.units_file
    rel = config.rel(path)
    try:
        raw = read_capped(path, config.max_yaml_bytes)
    except OSError:
        return {}, [problem(rel, "DIP-E101", "berkas daftar unit tidak dapat dibaca")]
    if raw is None:
        return {}, [problem(rel, "DIP-E102", "berkas daftar unit terlalu besar", 1, 1)]
    doc, problems = load_bytes(raw, rel, config.max_yaml_depth)
    if doc is None:
        return {}, problems
    units: dict[str, Unit] = {}
    for key, value in doc.data.items():
        line, col = doc.key_mark((key,))
        ok_key = key.isascii() and key.replace("_", "").isalnum() and key == key.lower()
        if (
            not ok_key
            or not isinstance(value, dict)
            or not isinstance(value.get("nama"), str)
            or not isinstance(value.get("pejabat"), str)
        ):
            problems.append(
                problem(
                    rel,
                    "DIP-E307",
                    f"unit '{key}' harus berkunci huruf kecil dan berisi 'nama' serta 'pejabat'",
                    line,
                    col,
                )
            )
            continue
        units[key] = Unit(key, value["nama"], value["pejabat"])
    return units, problems


def read_capped(path: str | Path, cap: int) -> bytes | None:
    """Read at most `cap` bytes; None when the file is larger (never loads a huge file)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read(cap + 1)
    return None if len(raw) > cap else raw
