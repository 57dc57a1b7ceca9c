"""The scheduled report as Markdown (the job log and the one issue) and its issue title."""

from __future__ import annotations

import re

from ..item import ITEM_ID
from .markdown import code, md
from .schedule import DRIFT, EXEMPTION, RETENTION, STALE, Finding, ScheduleReport
from .sla_output import long_date

_PATH = re.compile(r"[A-Za-z0-9._/-]{1,300}")
# "https://host/path (OPD x)": shown as code, which GitHub never turns into a link.
_TARGET = re.compile(r"https?://[A-Za-z0-9.:/_~%-]{1,300} \(OPD [a-z0-9_-]{1,80}\)")
TITLE = "Laporan terjadwal DIP"
SECTIONS = (
    (
        STALE,
        "Informasi berkala belum diperbarui",
        "Informasi berkala wajib diperbarui paling lambat setiap 6 bulan (UU 14/2008 Pasal 9): "
        "perbarui isinya atau lampirannya, lalu ajukan pull request.",
    ),
    (
        RETENTION,
        "Jangka waktu penyimpanan (retensi) sudah lewat",
        "Dihitung dari akhir waktu pembuatan ditambah retensi.",
    ),
    (
        EXEMPTION,
        "Masa pengecualian sudah berakhir",
        "Pengecualian berlaku selama jangka waktunya (UU 14/2008 Pasal 20): dihitung dari "
        "tanggal uji konsekuensi ditambah jangka waktu pengecualian.",
    ),
    (DRIFT, "Sikedip berbeda dengan konten", ""),
)


def title(report: ScheduleReport) -> str:
    count = len(report.findings)
    return f"{TITLE}: {count} temuan" if count else f"{TITLE}: tidak ada temuan"


def _line(finding: Finding) -> str:
    where = code(finding.path, _PATH)
    if not finding.item:
        return f"- {where}: {md(finding.message, 600)}"
    return f"- {code(finding.item, ITEM_ID)} ({where}): {md(finding.message, 600)}"


def markdown(report: ScheduleReport) -> str:
    count = len(report.findings)
    lines = [f"## {TITLE}, {long_date(report.today)}", ""]
    if count:
        lines.append(
            f"**{count} temuan** perlu ditindaklanjuti ({report.items_checked} item diperiksa)."
        )
    else:
        lines.append(f"Tidak ada temuan ({report.items_checked} item diperiksa).")
    for kind, heading, explain in SECTIONS:
        found = report.of(kind)
        unchecked = (kind == DRIFT and not report.drift.checked) or (
            kind == STALE and not report.git
        )
        shown = "tidak diperiksa" if unchecked and not found else str(len(found))
        lines += ["", f"### {heading} ({shown})", ""]
        if kind == DRIFT:
            lines.append(_drift_status(report))
        elif kind == STALE and not report.git:
            lines.append("Tidak diperiksa: folder proyek bukan repositori git (tanpa riwayat).")
        else:
            lines.append(explain)
        if found or not unchecked:
            lines += ["", *([_line(f) for f in found] or ["Tidak ada."])]
    if report.notes:
        lines += ["", "### Catatan", ""]
        lines += [_line(f) for f in report.notes]
    return "\n".join(lines) + "\n"


def _drift_status(report: ScheduleReport) -> str:
    drift = report.drift
    target = code(drift.target, _TARGET) if drift.target else None
    if drift.checked:
        return (
            f"Dibandingkan dengan {target}: rencana pengiriman uji coba (tidak ada yang dikirim)."
        )
    where = f" ({target})" if target else ""
    return f"Tidak diperiksa{where}: {md(drift.reason or '')}."
