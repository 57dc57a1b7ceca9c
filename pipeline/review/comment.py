"""The pull-request comment for the ketua PPID (DESIGN §7), in Bahasa Indonesia.

One Markdown body: the verdict and the checker's problems first, then per changed item
what Sikedip receives after merge, the changed fields against the base, its register row
(labels as on the site) and its attachments with pages, size, sha256 and scan result.
Short tables and <details> keep it readable on a phone; every value from YAML or git goes
through `markdown.md`; the body stays under GitHub's size limit.
"""

from __future__ import annotations

import re
from typing import Any

from ..item import ITEM_ID
from ..problems import Problem
from ..project import Config
from ..scan.attachments import Progress
from ..sikedip.plan import CREATE, LABELS, UNCHANGED, UPDATE, WITHDRAW
from ..site.html import size_text
from ..site.labels import DIK_COLUMNS, KATEGORI_SHORT, REGISTER_COLUMNS, SUBKATEGORI, tanggal
from .changes import BLOCKED, FileInfo, ItemChange, Review, Version, gather
from .fields import FieldChange
from .markdown import code, md

MARKER = "<!-- dip-komentar-ketua -->"
# GitHub refuses a comment body over 65,536 characters; keep a margin.
COMMENT_LIMIT = 60_000
# A job summary may hold 1 MiB per step.
SUMMARY_LIMIT = 900_000
MAX_PROBLEMS = 50  # rows of the problem table in a comment
MAX_ROWS = 40  # changed fields / attachments shown per item
OPEN_DIFF_ROWS = 8  # more changed fields than this fold into <details>
_HEX = re.compile(r"[0-9a-f]{1,64}")

_ICON = {BLOCKED: "❌", CREATE: "🆕", UPDATE: "✏️", WITHDRAW: "⛔", UNCHANGED: "➖"}
_SIKEDIP = {
    BLOCKED: "tertahan, tidak dikirim sebelum masalahnya diperbaiki",
    CREATE: "dikirim sebagai item baru",
    UPDATE: "diperbarui",
    WITHDRAW: "ditarik",
    UNCHANGED: "tidak berubah, tidak dikirim ulang",
}


def render_comment(
    config: Config,
    base_ref: str,
    limit: int = COMMENT_LIMIT,
    progress: Progress | None = None,
) -> str:
    """The comment for the changes in the work tree against `base_ref` (e.g. origin/main)."""
    return render(gather(config, base_ref, progress), limit)


def size(text: str) -> int:
    """Length as GitHub may count it (UTF-16 code units: an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def render(
    review: Review,
    limit: int = COMMENT_LIMIT,
    more: str = "lihat ringkasan job",
    max_problems: int = MAX_PROBLEMS,
) -> str:
    """The Markdown body, at most `limit` characters; items that do not fit are counted in
    a closing note ("… N item lainnya, <more>")."""
    top = "\n".join(
        [MARKER, *_verdict(review), *_problems(review.checked.problems, max_problems, more)]
    )
    footer = (
        "<sub>Dibuat oleh <code>dip review komentar</code>; diperbarui setiap kali pull "
        f"request berubah. Dasar: <code>{review.base_sha[:12]}</code>.</sub>"
    )
    used = size(top) + size(footer) + 200  # room for the "… N item lainnya" note
    parts = [top]
    omitted = 0
    for number, change in enumerate(review.changes, 1):
        section = _item(number, change, review)
        if used + size(section) + 2 > limit:
            omitted = len(review.changes) - number + 1
            break
        parts.append(section)
        used += size(section) + 2
    if omitted:
        parts.append(f"**… {omitted} item lainnya, {more}.**")
    parts.append(footer)
    text = "\n\n".join(parts) + "\n"
    if size(text) > limit:  # only when the fixed parts alone are too long
        text = text[: max(0, limit // 2 - 100)].rsplit("\n", 1)[0]
        text += f"\n\n**… terpotong, {more}.**\n"
    return text


# -- the top: verdict, counts, problems ----------------------------------------------------


def _verdict(review: Review) -> list[str]:
    errors, warnings = review.checked.errors, review.checked.warnings
    if errors:
        head = f"### ❌ Belum siap: {errors} masalah"
        advice = "Perbaiki masalah di bawah lalu kirim perubahan lagi; komentar ini diperbarui."
    else:
        head = "### ✅ Siap disetujui"
        if warnings:
            head += f" ({warnings} peringatan)"
        advice = "Periksa perubahan, baris DIP dan lampiran di bawah, lalu setujui (Approve)."
    new = sum(c.base is None for c in review.changes)
    gone = sum(c.head is None for c in review.changes)
    changed = len(review.changes) - new - gone
    kinds = _join(
        (new, f"{new} baru"), (changed, f"{changed} diubah"), (gone, f"{gone} foldernya dihapus")
    )
    summary = f"Dibanding {md(review.base_ref, 80)} (<code>{review.base_sha[:12]}</code>): "
    if review.changes:
        summary += f"**{len(review.changes)} item berubah** ({kinds})."
    else:
        summary += "tidak ada item DIP yang berubah."
    lines = [head, "", summary]
    if review.everything:
        lines.append(
            "Skema, daftar unit atau konfigurasi ikut berubah: semua "
            f"{review.checked.items_checked} item diperiksa ulang."
        )
    lines += ["", f"**Sikedip setelah digabung:** {_plan_text(review)}", "", advice]
    return lines


def _join(*parts: tuple[int, str]) -> str:
    return ", ".join(text for n, text in parts if n)


def _plan_text(review: Review) -> str:
    counts = review.counts()
    text = _join(
        (counts[CREATE], f"{counts[CREATE]} item baru"),
        (counts[UPDATE], f"{counts[UPDATE]} {LABELS[UPDATE]}"),
        (counts[WITHDRAW], f"{counts[WITHDRAW]} {LABELS[WITHDRAW]}"),
        (counts[UNCHANGED], f"{counts[UNCHANGED]} {LABELS[UNCHANGED]}"),
        (counts[BLOCKED], f"{counts[BLOCKED]} tertahan karena masalah"),
    )
    if not text:
        return "tidak ada yang dikirim."
    if not review.uploads:
        return f"{text}; tidak ada berkas baru."
    total = sum(u.size for u in review.uploads)
    return f"{text}; {len(review.uploads)} berkas diunggah ({size_text(total)})."


def _problems(problems: list[Problem], cap: int, more: str) -> list[str]:
    if not problems:
        return []
    ordered = sorted(problems, key=lambda p: (p.severity != "error", p.sort_key()))
    lines = ["", "#### Masalah", "", "| | kode | tempat | pesan |", "|---|---|---|---|"]
    for p in ordered[:cap]:
        icon = "❌" if p.severity == "error" else "⚠️"
        where = md(p.path, 160) + (f":{p.line}" if p.line is not None else "")
        lines.append(f"| {icon} | {md(p.code, 20)} | {where} | {md(p.message, 300)} |")
    if len(ordered) > cap:
        lines += ["", f"… {len(ordered) - cap} masalah lainnya, {more}."]
    lines += ["", "Cara memperbaiki setiap kode: <code>dip kode KODE</code>.", ""]
    return lines


# -- one item ------------------------------------------------------------------------------


def _item(number: int, change: ItemChange, review: Review) -> str:
    version = change.head or change.base
    data = version.data if version is not None else None
    judul = md(data.get("judul"), 90) if data and isinstance(data.get("judul"), str) else ""
    ident = code(change.id, ITEM_ID)
    title = f"{judul} · {ident}" if judul else ident
    kind = (
        "item baru" if change.base is None else "foldernya dihapus" if change.head is None else ""
    )
    heading = f"#### {number}. {_ICON[change.action]} {title}" + (f" ({kind})" if kind else "")
    lines = [heading, ""]
    lines.append(f"**Sikedip:** {_sikedip_line(change)}")
    if change.errors:
        lines.append(f"<br>**Pemeriksaan:** ❌ {change.errors} masalah, lihat tabel Masalah.")
    if change.renamed and change.base is None:
        lines.append(
            f"<br>Tampaknya pengganti folder {code(change.renamed, ITEM_ID)} yang dihapus "
            "(ganti nama = item baru + item lama ditarik)."
        )
    elif change.renamed:
        lines.append(f"<br>Tampaknya diganti nama menjadi {code(change.renamed, ITEM_ID)}.")
    lines.append("")
    if change.head is None:
        lines += [
            "Folder item ini dihapus, jadi setelah digabung item ini **ditarik dari Sikedip**. "
            "Item yang sudah terbit sebaiknya tetap ada dengan <code>status: ditarik</code> "
            "dan <code>penarikan</code> (halaman publiknya tetap ada dengan pemberitahuan).",
            "",
        ]
        if change.base is not None and change.base.data is not None:
            lines += _details("Baris DIP sebelum dihapus", _register(change.base, review))
        return "\n".join(lines)
    if change.head.data is None:
        lines += ["item.yaml tidak dapat dibaca; lihat tabel Masalah.", ""]
        return "\n".join(lines)
    if change.base is None:
        lines += _register(change.head, review)
    else:
        lines += _diff(change.fields)
        lines += _details("Baris DIP lengkap", _register(change.head, review))
    lines += _attachments(change.head)
    return "\n".join(lines).rstrip("\n")


def _sikedip_line(change: ItemChange) -> str:
    text = _SIKEDIP[change.action]
    if change.action == WITHDRAW and change.alasan:
        text += f" (alasan: {md(change.alasan, 200)})"
    if change.head is not None:
        sent = [f for f in change.head.files if f.upload]
        if sent:
            total = size_text(sum(f.size for f in sent))
            text += f"; {len(sent)} berkas diunggah ({total})"
    return text + "."


def _details(summary: str, body: list[str]) -> list[str]:
    """A folded block; `summary` is our own text (never a YAML value)."""
    return [f"<details><summary>{summary}</summary>", "", *body, "</details>", ""]


def _diff(fields: list[FieldChange]) -> list[str]:
    if not fields:
        return ["Tidak ada kolom yang berubah (hanya penulisan item.yaml).", ""]
    table = ["| kolom | sebelum | sesudah |", "|---|---|---|"]
    for f in fields[:MAX_ROWS]:
        table.append(f"| {md(f.kolom, 80)} | {_value(f.sebelum)} | {_value(f.sesudah)} |")
    if len(fields) > MAX_ROWS:
        table.append(f"| … {len(fields) - MAX_ROWS} kolom lainnya | | |")
    table.append("")
    if len(fields) > OPEN_DIFF_ROWS:
        return _details(f"Perubahan kolom ({len(fields)})", table)
    return ["**Perubahan kolom:**", "", *table]


def _value(text: str | None) -> str:
    return "—" if text is None else md(text, 300)


def _text(data: dict[str, Any], key: str, cap: int = 200) -> str:
    value = data.get(key)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if value is None or value == "":
        return "—"
    return md(value, cap)


def _date(value: Any) -> str:
    try:
        return tanggal(str(value))
    except (ValueError, IndexError):
        return str(value)


def _register(version: Version, review: Review) -> list[str]:
    """The item's register row, one element per line (a nine-column row is unreadable on
    a phone); labels are the site's (`site.labels`)."""
    d = version.data or {}
    titles = review.titles
    unit_key = d.get("unit")
    unit = review.units.get(unit_key) if isinstance(unit_key, str) else None
    pejabat = _text(d, "pejabat_penguasa")
    if unit is not None:
        pejabat += f"<br>{md(unit.nama, 120)}"
    elif unit_key:
        pejabat += f"<br>{md(unit_key, 80)}"
    waktu = md(_date(d.get("waktu_pembuatan", "—")), 60) + ", " + _text(d, "tempat_pembuatan")
    kategori_key = d.get("kategori")
    kategori = KATEGORI_SHORT.get(str(kategori_key), str(kategori_key or "—"))
    sub = d.get("subkategori")
    if sub:
        kategori += " — " + SUBKATEGORI.get(str(sub), str(sub))
    status = _text(d, "status", 20)
    penarikan = d.get("penarikan")
    if isinstance(penarikan, dict):
        status += (
            f" ({md(_date(penarikan.get('tanggal', '')), 40)}: "
            f"{md(penarikan.get('alasan', ''), 200)})"
        )
    rows = [
        (REGISTER_COLUMNS[0], code(version.id, ITEM_ID)),
        (REGISTER_COLUMNS[1], f"**{_text(d, 'judul')}** — {_text(d, 'ringkasan', 500)}"),
        (REGISTER_COLUMNS[2], pejabat),
        (REGISTER_COLUMNS[3], _text(d, "penanggung_jawab")),
        (REGISTER_COLUMNS[4], waktu),
        (REGISTER_COLUMNS[5], _text(d, "bentuk")),
    ]
    if d.get("arsip_fisik"):
        rows.append((titles.get("arsip_fisik", "arsip_fisik"), _text(d, "arsip_fisik")))
    rows += [
        (REGISTER_COLUMNS[6], _text(d, "retensi")),
        (titles.get("kategori", "kategori"), md(kategori, 200)),
        (titles.get("status", "status"), status),
    ]
    pengecualian = d.get("pengecualian")
    if kategori_key == "dikecualikan" and isinstance(pengecualian, dict):
        rows += [
            (f"DIK: {DIK_COLUMNS[1]}", _text(pengecualian, "dasar_hukum")),
            (f"DIK: {DIK_COLUMNS[2]}", _text(pengecualian, "konsekuensi", 400)),
            (f"DIK: {DIK_COLUMNS[3]}", _text(pengecualian, "jangka_waktu")),
            ("DIK: Uji konsekuensi", md(_date(pengecualian.get("tanggal_uji", "—")), 40)),
        ]
    lines = ["| Kolom DIP | Isi |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return [*lines, ""]


def _attachments(version: Version) -> list[str]:
    if not version.files:
        return []
    lines = ["**Lampiran:**", "", "| berkas | hlm | ukuran | sha256 | pemeriksaan |"]
    lines.append("|---|---|---|---|---|")
    for f in version.files[:MAX_ROWS]:
        source = "pindaian" if f.sumber == "pindaian" else "digital"
        name = f"{md(f.judul, 80)}<br>{md(f.berkas, 80)} · {source}"
        if f.upload:
            name += " · ⬆️ diunggah"
        pages = str(f.pages) if f.pages is not None else "—"
        sha = code(f.sha256[:12], _HEX)
        lines.append(f"| {name} | {pages} | {size_text(f.size)} | {sha} | {_scan(f)} |")
    if len(version.files) > MAX_ROWS:
        lines.append(f"| … {len(version.files) - MAX_ROWS} lampiran lainnya | | | | |")
    return [*lines, ""]


def _scan(f: FileInfo) -> str:
    """The verdict `dip check` gives this file (its problems), or "aman" when it has none."""
    if f.problems:
        shown = [
            ("❌ " if p.severity == "error" else "⚠️ ") + f"{md(p.code, 20)} {md(p.message, 120)}"
            for p in f.problems[:3]
        ]
        if len(f.problems) > 3:
            shown.append(f"… {len(f.problems) - 3} lainnya")
        return "<br>".join(shown)
    return "✅ aman" if f.inspected else "—"
