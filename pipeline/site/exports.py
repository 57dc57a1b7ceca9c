"""Open-data exports: dip.json, dip.csv (Excel-safe) and an Atom feed."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from .labels import KATEGORI_SHORT
from .model import SiteData, SiteItem

# Item fields every public record carries, in the schema's order.
RECORD_KEYS = (
    "judul",
    "ringkasan",
    "kategori",
    "subkategori",
    "unit",
    "pejabat_penguasa",
    "penanggung_jawab",
    "waktu_pembuatan",
    "tempat_pembuatan",
    "bentuk",
    "retensi",
    "tahun",
    "status",
)
CSV_FIELDS = ("id", "nomor", *RECORD_KEYS, "terakhir_diubah", "url")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def public_record(item: SiteItem) -> dict[str, Any]:
    """What the public may know of an item: exempt items give only their DIK row."""
    d = item.data
    record: dict[str, Any] = {"id": item.id, "nomor": item.nomor}
    record.update({k: d[k] for k in RECORD_KEYS if k in d})
    record["terakhir_diubah"] = item.last_change
    record["url"] = f"dip/{item.id}/"
    if item.exempt:
        record["pengecualian"] = dict(d["pengecualian"])
    elif not item.published:
        record["penarikan"] = dict(d["penarikan"])
    else:
        record["lampiran"] = [
            {
                "berkas": a.berkas,
                "judul": a.judul,
                "sumber": a.sumber,
                "ukuran": a.size,
                "halaman": a.pages,
                "sha256": a.sha256,
                "media_type": a.media_type,
                "url": f"dip/{item.id}/{a.berkas}",
            }
            for a in item.attachments
        ]
        record["tautan"] = [dict(t) for t in d.get("tautan") or []]
    return record


def dip_json(site: SiteData) -> str:
    payload = {
        "opd": site.config.opd,
        "jumlah": len(site.items),
        "items": [public_record(i) for i in site.items],
    }
    # No indent: the C encoder is ~10x faster at 10,000 items.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(value: Any) -> str:
    text = ", ".join(value) if isinstance(value, list) else "" if value is None else str(value)
    # A cell starting with = + - @ is a formula to Excel/LibreOffice: neutralise it.
    return "'" + text if text.startswith(_FORMULA) else text


def dip_csv(site: SiteData) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for item in site.items:
        record = public_record(item)
        writer.writerow([_cell(record.get(f)) for f in CSV_FIELDS])
    # The BOM makes Excel open UTF-8 correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def atom_feed(site: SiteData, site_name: str, site_url: str | None) -> str:
    """Newest 50 changes. Ids are URNs so the feed stays valid without a site_url."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    items = sorted(site.items, key=lambda i: (i.last_change, i.id), reverse=True)[:50]
    updated = (items[0].last_change if items else "1970-01-01") + "T00:00:00Z"
    entries = []
    for item in items:
        d = item.data
        label = KATEGORI_SHORT[item.kategori] + ("" if item.published else " (ditarik)")
        link = f'<link href="{xml_escape(base + f"dip/{item.id}/")}"/>' if base else ""
        entries.append(
            "<entry>"
            f"<id>urn:dip:{xml_escape(site.config.opd)}:{xml_escape(item.id)}</id>"
            f"<title>{xml_escape(str(d['judul']))}</title>{link}"
            f"<updated>{item.last_change}T00:00:00Z</updated>"
            f'<category term="{xml_escape(item.kategori)}" label="{xml_escape(label)}"/>'
            f"<summary>{xml_escape(str(d['ringkasan']))}</summary>"
            "</entry>"
        )
    self_link = f'<link rel="self" href="{xml_escape(base)}feed.xml"/>' if base else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">'
        f"<id>urn:dip:{xml_escape(site.config.opd)}</id>"
        f"<title>{xml_escape(site_name)}</title>{self_link}"
        f"<updated>{updated}</updated>"
        "<author><name>PPID Pembantu</name></author>" + "".join(entries) + "</feed>\n"
    )
