"""The Hugo side of `dip bench --tahap build`: the same items as a Hugo site.

Items are read with the project's own loader, so Hugo and our site see the same data.
The conversion is not part of the timed Hugo run: only `hugo` itself is timed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ..item import Context, load_item
from ..project import load_config

TEMPLATES = Path(__file__).resolve().parent / "hugo_site"

# The seven elements of a DIP register row (DESIGN §1), as Hugo page params.
COLUMNS = (
    "nomor",
    "ringkasan",
    "pejabat_penguasa",
    "penanggung_jawab",
    "waktu_pembuatan",
    "tempat_pembuatan",
    "bentuk",
    "retensi",
)
# Further fields shown on item pages or used to group the register.
EXTRA = ("kategori", "subkategori", "unit", "arsip_fisik", "tahun", "pengecualian")


def _front_matter(nomor: int, data: dict[str, Any], lampiran: list[dict[str, Any]]) -> str:
    """JSON front matter: Hugo reads it natively and JSON needs no YAML escaping."""
    params: dict[str, Any] = {"title": data["judul"], "nomor": nomor}
    for key in (*COLUMNS[1:], *EXTRA):
        if key in data:
            params[key] = data[key]
    params["lampiran"] = lampiran
    return json.dumps(params, ensure_ascii=False, indent=1)


def write_hugo_site(project: Path, target: Path) -> int:
    """Write a Hugo site for the project's publishable items into `target`; return their count.

    Each item becomes a leaf bundle `content/dip/<id>/index.md` with its attachments
    copied next to it as page resources.
    """
    config = load_config(project)
    ctx = Context.create(config)
    shutil.copytree(TEMPLATES, target, dirs_exist_ok=True)
    section = target / "content" / "dip"
    section.mkdir(parents=True, exist_ok=True)
    (target / "content" / "_index.md").write_text('{"title": "Beranda"}\n', encoding="utf-8")
    (section / "_index.md").write_text('{"title": "Daftar Informasi Publik"}\n', encoding="utf-8")
    folders = sorted((p for p in config.content_path.iterdir() if p.is_dir()), key=lambda p: p.name)
    count = 0
    for folder in folders:
        item = load_item(ctx, folder)
        data = item.data
        if not item.ok or data is None:
            continue
        count += 1
        page = section / item.id
        page.mkdir()
        titles = {
            entry["berkas"]: entry.get("judul", entry["berkas"])
            for entry in data.get("lampiran") or []
        }
        lampiran = []
        for att in item.attachments:
            shutil.copyfile(att.path, page / att.name)
            lampiran.append({"berkas": att.name, "judul": titles[att.name], "ukuran": att.size})
        text = _front_matter(count, data, lampiran) + "\n\n" + str(data["ringkasan"]) + "\n"
        (page / "index.md").write_text(text, encoding="utf-8")
    return count
