"""HTML for generated pages, written directly (no Markdown): every YAML value is escaped
here with `e()`, and only https links from `tautan` are ever rendered as links."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from .labels import (
    DIK_COLUMNS,
    KATEGORI,
    KATEGORI_SHORT,
    REGISTER_COLUMNS,
    SUBKATEGORI,
    tanggal,
    waktu_wib,
)
from .model import SiteData, SiteItem


def e(value: Any) -> str:
    return escape(str(value), quote=True)


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bait"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB".replace(".", ",")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def item_url(item: SiteItem, base: str) -> str:
    return f"{base}dip/{item.id}/"


def _unit_name(site: SiteData, key: str) -> str:
    unit = site.units.get(key)
    return unit.nama if unit else key


def _cells(values: Iterable[str], labels: Iterable[str]) -> str:
    """Table cells with their column name, shown above each value on phones (CSS).
    `labels` are already escaped (they are ours)."""
    return "".join(
        f'<td data-label="{label}">{value}</td>'
        for value, label in zip(values, labels, strict=True)
    )


_REGISTER_LABELS = tuple(e(c) for c in REGISTER_COLUMNS)
_DIK_LABELS = tuple(e(c) for c in DIK_COLUMNS)


def _head(labels: Iterable[str]) -> str:
    """A table's header row from already escaped labels."""
    return "".join(f'<th scope="col">{label}</th>' for label in labels)


def register_row(item: SiteItem, site: SiteData, base: str) -> str:
    """One register row; the register and the print page share rows (same base)."""
    key = (item.id, base)
    if key not in site.rows:
        site.rows[key] = _register_row(item, site, base)
    return site.rows[key]


def _register_row(item: SiteItem, site: SiteData, base: str) -> str:
    d = item.data
    bentuk = ", ".join(d["bentuk"])
    values = (
        e(item.nomor),
        f'<a href="{e(item_url(item, base))}">{e(d["judul"])}</a>'
        f'<div class="dip-ringkasan">{e(d["ringkasan"])}</div>',
        f"{e(d['pejabat_penguasa'])}<br><small>{e(_unit_name(site, d['unit']))}</small>",
        e(d["penanggung_jawab"]),
        f"{e(tanggal(d['waktu_pembuatan']))}, {e(d['tempat_pembuatan'])}",
        e(bentuk),
        e(d["retensi"]),
    )
    return f"<tr>{_cells(values, _REGISTER_LABELS)}</tr>"


def register_table(items: Iterable[SiteItem], site: SiteData, base: str) -> str:
    head = _head(_REGISTER_LABELS)
    rows = "".join(register_row(i, site, base) for i in items)
    return (
        '<div class="dip-table-wrap" tabindex="0" role="region" aria-label="Tabel DIP">'
        f'<table class="dip-register"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>'
        "</table></div>"
    )


def register_groups(site: SiteData) -> list[tuple[str, str | None, list[SiteItem]]]:
    """(kategori label, subkategori label or None, items) in the law's order (one pass)."""
    buckets: dict[tuple[str, str | None], list[SiteItem]] = {}
    for item in site.register:
        sub = item.data.get("subkategori") if item.kategori == "berkala" else None
        buckets.setdefault((item.kategori, sub), []).append(item)
    order = [("berkala", sub) for sub in SUBKATEGORI] + [
        ("serta_merta", None),
        ("setiap_saat", None),
    ]
    return [
        (KATEGORI[kategori], SUBKATEGORI[sub] if sub else None, buckets[(kategori, sub)])
        for kategori, sub in order
        if (kategori, sub) in buckets
    ]


def register_page(site: SiteData, base: str) -> str:
    parts = [
        "<h1>Daftar Informasi Publik</h1>",
        f"<p>{len(site.register)} informasi publik yang dikuasai PPID Pembantu, "
        "dikelompokkan menurut kategori UU 14/2008 dan Perki 1/2021. "
        f'Daftar informasi yang dikecualikan ada di <a href="{base}dik/">halaman DIK</a>; '
        f'versi cetak di <a href="{base}cetak/">halaman cetak</a>; data terbuka: '
        f'<a href="{base}dip.csv">dip.csv</a>, <a href="{base}dip.json">dip.json</a>.</p>',
    ]
    current = None
    for kategori, sub, items in register_groups(site):
        if kategori != current:
            parts.append(f"<h2>{e(kategori)}</h2>")
            current = kategori
        if sub:
            parts.append(f"<h3>{e(sub)}</h3>")
        parts.append(register_table(items, site, base))
    return "\n".join(parts)


def dik_page(site: SiteData, base: str) -> str:
    head = _head(_DIK_LABELS)
    rows = []
    for item in site.exempt:
        p = item.data["pengecualian"]
        values = (
            f'{e(item.data["judul"])}<div class="dip-ringkasan">{e(item.data["ringkasan"])}</div>',
            e(p["dasar_hukum"]),
            e(p["konsekuensi"]),
            f"{e(p['jangka_waktu'])}<br><small>Uji konsekuensi: "
            f"{e(tanggal(p['tanggal_uji']))}</small>",
        )
        rows.append(f"<tr>{_cells(values, _DIK_LABELS)}</tr>")
    return (
        "<h1>Daftar Informasi yang Dikecualikan</h1>"
        "<p>Informasi berikut dikecualikan berdasarkan uji konsekuensi (UU 14/2008 Pasal 17 "
        "dan Pasal 19). Dokumennya tidak diumumkan; yang publik hanya daftar ini.</p>"
        '<div class="dip-table-wrap" tabindex="0" role="region" aria-label="Tabel DIK">'
        f'<table class="dik-register"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _dl(rows: Iterable[tuple[str, str]]) -> str:
    body = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="dip-fields">{body}</dl>'


def item_page(item: SiteItem, site: SiteData, titles: dict[str, str], base: str) -> str:
    d = item.data
    # Pagefind indexes only this block: the title and the ringkasan (small, precise index).
    parts = ["<div data-pagefind-body>", f"<h1>{e(d['judul'])}</h1>"]
    if not item.published:
        w = d["penarikan"]
        parts.append(
            '<div class="admonition warning dip-ditarik" role="note" data-search-exclude '
            "data-pagefind-ignore>"
            '<p class="admonition-title">Informasi ini telah ditarik</p>'
            f"<p>Ditarik pada {e(tanggal(w['tanggal']))}. Alasan: {e(w['alasan'])}</p>"
            "<p>Halaman ini tetap tersedia sebagai catatan; dokumennya tidak lagi "
            "diumumkan.</p></div>"
        )
    # Search indexes the title and the ringkasan only; the rest is marked for exclusion.
    parts.append(f'<p class="dip-ringkasan-lead">{e(d["ringkasan"])}</p></div>')
    parts.append("<div data-search-exclude>")
    kategori = KATEGORI_SHORT[item.kategori]
    if d.get("subkategori"):
        kategori += " — " + SUBKATEGORI[d["subkategori"]]
    unit = site.units.get(d["unit"])
    unit_html = f'<a href="{base}unit/{e(d["unit"])}/">{e(unit.nama)}</a>' if unit else e(d["unit"])
    rows: list[tuple[str, str]] = [
        ("Nomor dalam DIP", e(item.nomor) if item.nomor else "—"),
        (titles["kategori"], e(kategori)),
        (titles["unit"], unit_html),
        (titles["pejabat_penguasa"], e(d["pejabat_penguasa"])),
        (titles["penanggung_jawab"], e(d["penanggung_jawab"])),
        (
            "Waktu dan tempat pembuatan",
            f"{e(tanggal(d['waktu_pembuatan']))}, {e(d['tempat_pembuatan'])}",
        ),
        (titles["bentuk"], e(", ".join(d["bentuk"]))),
    ]
    if d.get("arsip_fisik"):
        rows.append((titles["arsip_fisik"], e(d["arsip_fisik"])))
    rows += [
        (titles["retensi"], e(d["retensi"])),
        (titles["tahun"], e(d["tahun"])),
        (titles["status"], "terbit" if item.published else "ditarik"),
    ]
    if item.exempt:
        p = d["pengecualian"]
        rows += [
            ("Dasar hukum pengecualian", e(p["dasar_hukum"])),
            ("Konsekuensi", e(p["konsekuensi"])),
            ("Jangka waktu pengecualian", e(p["jangka_waktu"])),
            ("Tanggal uji konsekuensi", e(tanggal(p["tanggal_uji"]))),
        ]
    parts.append(_dl(rows))
    parts.append(_attachments(item))
    links = [t for t in d.get("tautan") or [] if str(t.get("url", "")).startswith("https://")]
    if links and item.published:
        lis = "".join(
            f'<li><a href="{e(t["url"])}" rel="noopener nofollow">{e(t["judul"])}</a></li>'
            for t in links
        )
        parts.append(f'<h2>Tautan</h2><ul class="dip-tautan">{lis}</ul>')
    parts.append(_approval(item))
    parts.append(_history(item, site))
    parts.append("</div>")
    return "\n".join(parts)


def _attachments(item: SiteItem) -> str:
    if item.exempt:
        return "<h2>Lampiran</h2><p>Informasi ini dikecualikan: dokumennya tidak diumumkan.</p>"
    if not item.attachments:
        return ""
    lis = []
    for a in item.attachments:
        pages = f", {a.pages} halaman" if a.pages else ""
        source = "pindaian hardcopy" if a.sumber == "pindaian" else "berkas digital"
        name = (
            f'<a href="{e(a.berkas)}" download>{e(a.judul)}</a>' if item.published else e(a.judul)
        )
        lis.append(
            f'<li>{name} <span class="dip-meta">({e(a.berkas)}, {size_text(a.size)}{pages}, '
            f"{source})</span><br><small>sha256: <code>{a.sha256}</code></small></li>"
        )
    return f'<h2>Lampiran</h2><ul class="dip-lampiran">{"".join(lis)}</ul>'


def _approval(item: SiteItem) -> str:
    """Who proposed the last change, who approved it and when (SOP step 2)."""
    p = item.provenance
    if p is None:
        note = (
            "Bukti persetujuan Ketua atas perubahan terakhir item ini belum tercatat "
            "(dicatat otomatis saat perubahan diterbitkan lewat pull request yang disetujui)."
        )
        return f"<h2>Persetujuan</h2><p>{note}</p>"
    pr = f"pull request #{p.pull_request}"
    if p.url_pull_request.startswith("https://"):
        pr = f'<a href="{e(p.url_pull_request)}" rel="noopener nofollow">{pr}</a>'
    rows = [
        ("Diusulkan oleh", f"@{e(p.pengusul)} melalui {pr}"),
        (
            "Disetujui oleh",
            f"{e(p.nama_penyetuju)} ({e(p.jabatan_penyetuju)}, @{e(p.penyetuju)})",
        ),
        ("Waktu persetujuan", e(waktu_wib(p.disetujui_pada))),
        (
            "Digabung ke main",
            f"{e(waktu_wib(p.digabung_pada))}, commit <code>{e(p.commit_gabung[:12])}</code>",
        ),
    ]
    return f'<h2>Persetujuan</h2><div class="dip-persetujuan">{_dl(rows)}</div>'


def _history(item: SiteItem, site: SiteData) -> str:
    if not site.has_git:
        return "<h2>Riwayat</h2><p>Riwayat perubahan tidak tersedia.</p>"
    if not item.history:
        return "<h2>Riwayat</h2><p>Belum tercatat di riwayat git (perubahan belum disimpan).</p>"
    created, last = item.history[-1], item.history[0]
    lis = "".join(
        f'<li><time datetime="{e(c.date)}">{e(tanggal(c.date[:10]))}</time> — '
        f"{e(c.subject)} <small>({e(c.author)}, <code>{e(c.sha[:10])}</code>)</small></li>"
        for c in item.history[:20]
    )
    more = (
        f"<p>… dan {len(item.history) - 20} perubahan sebelumnya.</p>"
        if len(item.history) > 20
        else ""
    )
    return (
        "<h2>Riwayat</h2>"
        f"<p>Dibuat {e(tanggal(created.date[:10]))}; terakhir diubah "
        f"{e(tanggal(last.date[:10]))}; {len(item.history)} perubahan.</p>"
        f'<ul class="dip-riwayat">{lis}</ul>{more}'
    )


def unit_page(key: str, site: SiteData, base: str) -> str:
    unit = site.units[key]
    items = [i for i in site.register if i.data["unit"] == key]
    exempt = [i for i in site.exempt if i.data["unit"] == key]
    parts = [
        f"<h1>{e(unit.nama)}</h1>",
        f"<p>Pejabat yang menguasai: {e(unit.pejabat)}. {len(items)} informasi publik"
        f"{f' dan {len(exempt)} informasi yang dikecualikan' if exempt else ''}.</p>",
    ]
    if items:
        parts.append(register_table(items, site, base))
    if exempt:
        lis = "".join(
            f'<li><a href="{e(item_url(i, base))}">{e(i.data["judul"])}</a></li>' for i in exempt
        )
        parts.append(f"<h2>Informasi yang dikecualikan</h2><ul>{lis}</ul>")
    return "\n".join(parts)


def units_index(site: SiteData, base: str) -> str:
    lis = "".join(
        f'<li><a href="{base}unit/{e(k)}/">{e(u.nama)}</a> — '
        f"{sum(1 for i in site.register if i.data['unit'] == k)} informasi</li>"
        for k, u in site.units.items()
    )
    return f"<h1>Bidang dan Sekretariat</h1><ul>{lis}</ul>"


def home_summary(site: SiteData, base: str) -> str:
    counts = []
    for kategori in ("berkala", "serta_merta", "setiap_saat"):
        n = sum(1 for i in site.register if i.kategori == kategori)
        counts.append((KATEGORI[kategori], n, f"{base}dip/"))
    counts.append((KATEGORI["dikecualikan"], len(site.exempt), f"{base}dik/"))
    cards = "".join(
        f'<li><a href="{href}"><span class="dip-count">{n}</span> {e(label)}</a></li>'
        for label, n, href in counts
    )
    latest = sorted(site.items, key=lambda i: (i.last_change, i.id), reverse=True)[:10]
    lis = "".join(
        f'<li><a href="{e(item_url(i, base))}">{e(i.data["judul"])}</a> '
        f"<small>({e(tanggal(i.last_change))}"
        f"{', ditarik' if not i.published else ''})</small></li>"
        for i in latest
    )
    return (
        f"{search_form(base)}"
        f'<ul class="dip-counts">{cards}</ul>'
        f'<h2>Perubahan terbaru</h2><ul class="dip-terbaru">{lis}</ul>'
    )


def print_page(site: SiteData, year: int, base: str) -> str:
    head = _head(_REGISTER_LABELS)
    parts = [
        '<div class="dip-cetak">',
        '<p class="dip-cetak-kop">PEMERINTAH PROVINSI KALIMANTAN BARAT<br>'
        "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL<br>PPID PEMBANTU</p>",
        f"<h1>Penetapan Daftar Informasi Publik Tahun {year}</h1>",
        '<p class="dip-noprint">Gunakan perintah cetak peramban (Ctrl+P); halaman diatur '
        "untuk kertas A4 mendatar.</p>",
    ]
    for kategori, sub, items in register_groups(site):
        title = f"{kategori} — {sub}" if sub else kategori
        rows = "".join(register_row(i, site, base) for i in items)
        parts.append(
            f'<h2>{e(title)}</h2><table class="dip-register dip-print">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    parts.append(
        '<div class="dip-ttd"><p>Ditetapkan di Pontianak<br>pada tanggal '
        "........................</p><p>KETUA PPID PEMBANTU<br>DINAS KEPENDUDUKAN DAN "
        "PENCATATAN SIPIL<br>PROVINSI KALIMANTAN BARAT,</p>"
        '<p class="dip-ttd-space"></p><p>(..........................................)<br>'
        "NIP. ..........................................</p></div></div>"
    )
    return "\n".join(parts)


SEARCH_PAGE = """<h1>Cari informasi publik</h1>
<p>Ketik kata dari judul atau ringkasan informasi, misalnya <em>renstra</em>,
<em>akta kelahiran</em> atau <em>anggaran 2025</em>.</p>
<link rel="stylesheet" href="{base}pagefind/pagefind-ui.css">
<div id="dip-cari" class="dip-cari"></div>
<noscript><p>Pencarian memerlukan JavaScript. Tanpa JavaScript, gunakan
<a href="{base}dip/">Daftar Informasi Publik</a>.</p></noscript>
<script src="{base}pagefind/pagefind-ui.js"></script>
<script>
window.addEventListener("DOMContentLoaded", function () {{
  var ui = new PagefindUI({{element: "#dip-cari", showSubResults: false, showImages: false,
                            resetStyles: false, autofocus: true}});
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {{ ui.triggerSearch(q); }}
}});
</script>
"""


def search_page(base: str, has_items: bool = True) -> str:
    """The search page: Pagefind's UI, which fetches only the index chunks a query needs."""
    if not has_items:
        return (
            "<h1>Cari informasi publik</h1><p>Belum ada informasi yang terdaftar. "
            "Halaman ini akan berisi pencarian begitu item DIP pertama diterbitkan.</p>"
        )
    return SEARCH_PAGE.format(base=base)


def search_form(base: str) -> str:
    """A plain form to the search page: works before any script has loaded."""
    return (
        f'<form class="dip-cari-form" action="{base}cari/" method="get" role="search">'
        '<label for="dip-q">Cari informasi publik</label> '
        '<input id="dip-q" name="q" type="search" placeholder="misalnya: renstra" required> '
        '<button type="submit" class="md-button md-button--primary">Cari</button></form>'
    )
