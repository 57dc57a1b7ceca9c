"""The SLA report as Markdown (a job summary, an issue) or CSV (a spreadsheet).

Titles and logins come from GitHub and are written by anyone who can open a pull
request: in Markdown they go through `markdown.md` (no table breaks, HTML, mentions or
links); in CSV a cell that a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics

from ..site.labels import BULAN
from .markdown import md
from .sla import (
    APPROVE,
    COLLECT,
    LIMIT_LABELS,
    OVER,
    PUBLISH,
    UNMEASURED,
    WIB,
    WITHIN,
    PullTiming,
    SlaReport,
    Step,
)

STEP_LABELS = {
    COLLECT: "1. Pengumpulan",
    APPROVE: "2. Persetujuan",
    PUBLISH: "3. Penerbitan (situs dan Sikedip)",
}
MARKS = {WITHIN: "✅", OVER: "❌", UNMEASURED: "⚠️"}
_SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~/-]*)?")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

CSV_FIELDS = (
    "nomor",
    "judul",
    "pengusul",
    "url",
    "commit_gabung",
    "dibuat_pada",
    "commit_pertama_pada",
    "siap_ditinjau_pada",
    "dorongan_terakhir_pada",
    "diminta_persetujuan_pada",
    "disetujui_pada",
    "penyetuju",
    "digabung_pada",
    "situs_terpasang_pada",
    "sikedip_terkonfirmasi_pada",
    "detik_pengumpulan",
    "detik_persetujuan",
    "detik_penerbitan",
    "pengumpulan_lewat_batas",
    "persetujuan_lewat_batas",
    "penerbitan_lewat_batas",
    "keterangan",
)


def human_duration(span: dt.timedelta) -> str:
    """'2 hari 3 jam', '1 jam 5 menit', '45 menit', '30 detik': the two largest units."""
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return f"{seconds} detik"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} menit" + (f" {seconds} detik" if seconds else "")
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} jam" + (f" {minutes} menit" if minutes else "")
    days, hours = divmod(hours, 24)
    return f"{days} hari" + (f" {hours} jam" if hours else "")


def long_date(day: dt.date) -> str:
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def _local(when: dt.datetime) -> str:
    return when.astimezone(WIB).strftime("%d-%m-%Y %H.%M")


def _pull_ref(pull: PullTiming) -> str:
    if _SAFE_URL.fullmatch(pull.url):
        return f"[#{pull.number}]({pull.url})"
    return f"#{pull.number}"


def _cell(step: Step) -> str:
    took = step.duration
    text = (step.missing or "?") if took is None else human_duration(took)
    return f"{MARKS[step.status]} {md(text)}"


def markdown(report: SlaReport) -> str:
    """Summary per step, a table per pull request, then the cases over their limit."""
    period = f"dari {long_date(report.since)} (00.00 WIB) sampai {long_date(report.until)}"
    branch = md(report.branch)
    lines = ["## Laporan SLA SOP pendokumentasian DIP", ""]
    lines.append(
        "Batas SOP 065/2551/DISDUKCAPIL: pengumpulan 7 hari, persetujuan Ketua 60 menit, "
        "penerbitan ke situs dan Sikedip 30 menit."
    )
    lines.append("")
    if not report.pulls:
        lines.append(f"Tidak ada pull request yang digabung ke {branch} {period}.")
        return "\n".join(lines) + "\n"
    lines.append(f"Pull request yang digabung ke {branch} {period}: **{len(report.pulls)}**.")
    lines += [
        "",
        "| langkah | batas | ✅ dalam batas | ❌ melewati batas | ⚠️ tidak terukur | median |",
        "|---|---|---|---|---|---|",
    ]
    for index, name in enumerate((COLLECT, APPROVE, PUBLISH)):
        steps = [p.steps[index] for p in report.pulls]
        counts = {s: sum(step.status == s for step in steps) for s in (WITHIN, OVER, UNMEASURED)}
        measured = [took.total_seconds() for step in steps if (took := step.duration) is not None]
        median = (
            human_duration(dt.timedelta(seconds=statistics.median(measured))) if measured else "–"
        )
        lines.append(
            f"| {STEP_LABELS[name]} | {LIMIT_LABELS[name]} | {counts[WITHIN]} | "
            f"{counts[OVER]} | {counts[UNMEASURED]} | {median} |"
        )
    lines += [
        "",
        "### Per pull request",
        "",
        "| PR | judul | pengusul | digabung (WIB) | pengumpulan | persetujuan | penerbitan |",
        "|---|---|---|---|---|---|---|",
    ]
    for pull in report.pulls:
        cells = " | ".join(_cell(step) for step in pull.steps)
        lines.append(
            f"| {_pull_ref(pull)} | {md(pull.title, 120)} | {md(pull.author, 60)} | "
            f"{_local(pull.merged_at)} | {cells} |"
        )
    lines += ["", "### Melewati batas", ""]
    over = [
        f"- {_pull_ref(pull)} {md(pull.title, 120)}: {_over_text(step)}"
        for pull in report.pulls
        for step in pull.steps
        if step.status == OVER
    ]
    lines += over or ["Tidak ada: setiap langkah yang terukur selesai dalam batas SOP."]
    unmeasured = [
        f"- {_pull_ref(pull)} {md(pull.title, 120)}: {step.name} {md(step.missing or '?')}"
        for pull in report.pulls
        for step in pull.steps
        if step.status == UNMEASURED
    ]
    if unmeasured:
        lines += ["", "### Tidak terukur (tidak dihitung dalam batas)", "", *unmeasured]
    return "\n".join(lines) + "\n"


def _over_text(step: Step) -> str:
    took, excess = step.duration, step.excess
    assert took is not None and excess is not None
    return (
        f"**{step.name}** {human_duration(took)}, melewati batas "
        f"{LIMIT_LABELS[step.name]} sebesar {human_duration(excess)}"
    )


def _iso(when: dt.datetime | None) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if when else ""


def _text(value: str | None) -> str:
    text = " ".join((value or "").split())
    return "'" + text if text.startswith(_FORMULA) else text


def csv_text(report: SlaReport) -> str:
    """One row per pull request: times in UTC (ISO 8601), seconds, over-limit flags."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for pull in report.pulls:
        seconds, flags = [], []
        for step in pull.steps:
            took = step.duration
            seconds.append("" if took is None else str(int(took.total_seconds())))
            flags.append({WITHIN: "false", OVER: "true", UNMEASURED: ""}[step.status])
        notes = "; ".join(f"{s.name}: {s.missing}" for s in pull.steps if s.missing)
        writer.writerow(
            [
                str(pull.number),
                _text(pull.title),
                _text(pull.author),
                _text(pull.url),
                pull.merge_sha or "",
                _iso(pull.created_at),
                _iso(pull.first_commit),
                _iso(pull.ready_at),
                _iso(pull.last_push),
                _iso(pull.asked_at),
                _iso(pull.approved_at),
                _text(pull.approver),
                _iso(pull.merged_at),
                _iso(pull.site_at),
                _iso(pull.sikedip_at),
                *seconds,
                *flags,
                notes,
            ]
        )
    return out.getvalue()
