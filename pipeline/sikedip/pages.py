"""The reference receiver's public HTML pages: the OPDs held, and one OPD's items.

Plain HTML with a little inline CSS (no script, no external request), readable on a
phone. Every value from a payload goes through `html.escape`.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from ..site.labels import BULAN, KATEGORI_SHORT

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
color:#1b1b1b;background:#f6f7f9;line-height:1.5}
header{background:#0b4f8a;color:#fff;padding:.75rem 1rem}
header p{margin:0;font-size:.9rem}
header a{color:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:0 0 .25rem}
a{color:#0b4f8a}
.kartu{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:.75rem 1rem;
margin:.5rem 0;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.5rem 0;
font-size:.9rem}
dt{color:#4a4f57}
dd{margin:0}
ul{margin:.25rem 0;padding-left:1.25rem}
.ditarik{border-left:4px solid #a4262c}
.catatan{color:#4a4f57;font-size:.9rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d5d9e0;padding:.4rem .6rem;text-align:left}
@media (max-width:36rem){table,thead,tbody,tr,th,td{display:block}thead{display:none}
td{border:0;padding:.15rem .6rem}td::before{content:attr(data-label) ": ";color:#4a4f57}
tr{border:1px solid #d5d9e0;margin:.5rem 0;padding:.3rem 0}}
"""


def waktu(stamp: str | None) -> str:
    """'2026-11-25T10:04:05Z' → '25 November 2026 17.04 WIB' (Pontianak time)."""
    if not stamp:
        return "-"
    moment = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    local = moment.astimezone(WIB)
    return f"{local.day} {BULAN[local.month - 1]} {local.year} {local:%H.%M} WIB"


def ukuran(size: int) -> str:
    """Bytes as people read them: '812 bita', '54 KB', '3,2 MB'."""
    if size < 1024:
        return f"{size} bita"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _page(title: str, body: str, home: str) -> bytes:
    return (
        "<!doctype html>\n"
        '<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · Sikedip (penerima rujukan)</title>"
        f"<style>{_CSS}</style></head><body>"
        f'<header><p><a href="{home}">Sikedip</a> · penerima rujukan lokal dip-pipeline, '
        "bukan Sikedip Provinsi</p></header>"
        f"<main>{body}</main></body></html>\n"
    ).encode()


def index_page(opds: list[dict[str, Any]]) -> bytes:
    """Every OPD held, with its counts of published and withdrawn items."""
    if not opds:
        body = (
            "<h1>Daftar OPD</h1><p>Belum ada item yang diterima. Kirim item dengan "
            "<code>dip sikedip push</code>.</p>"
        )
        return _page("Daftar OPD", body, "./")
    rows = "".join(
        f'<tr><td data-label="OPD"><a href="opd/{escape(o["opd"])}/">{escape(o["opd"])}</a>'
        f'</td><td data-label="Terbit">{o["terbit"]}</td>'
        f'<td data-label="Ditarik">{o["ditarik"]}</td>'
        f'<td data-label="Perubahan terakhir">{waktu(o["updated_at"])}</td></tr>'
        for o in opds
    )
    body = (
        "<h1>Daftar OPD</h1>"
        "<table><thead><tr><th>OPD</th><th>Terbit</th><th>Ditarik</th>"
        f"<th>Perubahan terakhir</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return _page("Daftar OPD", body, "./")


def _fields(item: dict[str, Any], payload: dict[str, Any], when: str) -> str:
    kategori = KATEGORI_SHORT.get(payload.get("kategori", ""), payload.get("kategori", "-"))
    status = "Terbit" if item["status"] == "terbit" else "Ditarik"
    return (
        f"<dl><dt>Kategori</dt><dd>{escape(str(kategori))}</dd>"
        f"<dt>Unit</dt><dd>{escape(str(payload.get('unit', '-')))}</dd>"
        f"<dt>Status</dt><dd>{status}</dd>"
        f"<dt>{when}</dt><dd>{waktu(item['updated_at'])}</dd>"
        f"<dt>id</dt><dd>{escape(payload['id'])} (versi {int(item['version'])})</dd></dl>"
    )


def _published(item: dict[str, Any]) -> str:
    payload = item["payload"]
    links = "".join(
        f'<li><a href="../../berkas/{escape(e["sha256"])}" download="{escape(e["berkas"])}">'
        f"{escape(e['judul'])}</a> "
        f'<span class="catatan">({escape(e["berkas"])}, {ukuran(int(e["size"]))})</span></li>'
        for e in payload.get("lampiran", [])
    )
    return (
        f'<article class="kartu"><h3>{escape(payload["judul"])}</h3>'
        f'<p class="catatan">{escape(payload.get("ringkasan", ""))}</p>'
        f"{_fields(item, payload, 'Diperbarui')}"
        + (f"<p>Lampiran:</p><ul>{links}</ul>" if links else "")
        + "</article>"
    )


def _withdrawn(item: dict[str, Any]) -> str:
    payload = item["payload"]
    return (
        f'<article class="kartu ditarik"><h3>{escape(payload["judul"])}</h3>'
        f"{_fields(item, payload, 'Ditarik')}"
        f"<p><strong>Alasan penarikan:</strong> {escape(item.get('alasan') or '-')}</p>"
        "</article>"
    )


def opd_page(opd: str, items: dict[str, dict[str, Any]]) -> bytes:
    """One OPD's items: published ones with download links, then withdrawn ones."""
    ordered = sorted(items.values(), key=lambda i: str(i["payload"]["judul"]).casefold())
    published = [i for i in ordered if i["status"] == "terbit"]
    withdrawn = [i for i in ordered if i["status"] == "ditarik"]
    parts = [
        f"<h1>Informasi publik OPD {escape(opd)}</h1>",
        f"<p>{len(published)} informasi terbit, {len(withdrawn)} ditarik.</p>",
        f"<h2>Informasi terbit ({len(published)})</h2>",
        "".join(_published(i) for i in published) or "<p>Tidak ada.</p>",
    ]
    if withdrawn:
        parts.append(f"<h2>Informasi yang ditarik ({len(withdrawn)})</h2>")
        parts.append(
            '<p class="catatan">Informasi ini tidak lagi diumumkan; lampirannya tidak '
            "dapat diunduh.</p>"
        )
        parts.append("".join(_withdrawn(i) for i in withdrawn))
    return _page(f"OPD {opd}", "".join(parts), "../../")


def not_found_page(home: str = "/") -> bytes:
    body = (
        "<h1>Halaman tidak ditemukan</h1>"
        f'<p>Alamat ini tidak ada. Kembali ke <a href="{escape(home)}">daftar OPD</a>.</p>'
    )
    return _page("Tidak ditemukan", body, escape(home))


def method_page() -> bytes:
    body = "<h1>Metode tidak diizinkan</h1><p>Halaman ini hanya dapat dibuka (GET).</p>"
    return _page("Metode tidak diizinkan", body, "/")
