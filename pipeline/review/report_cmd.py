"""`dip report`: reports on how the SOP is followed (SLA) and what needs attention."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from ..cli_common import handle_errors, project_config
from ..httpjson import ServiceError
from ..project import ConfigError
from .options import github_client, repo_option

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DEFAULT_DAYS = 30


@click.group("report", options_metavar="[OPSI]", subcommand_metavar="PERINTAH [ARGUMEN]...")
def report_cmd() -> None:
    """Laporan kepatuhan SOP dan pemeriksaan terjadwal."""


def _api_failure(what: str, exc: ServiceError) -> NoReturn:
    click.echo(f"Kesalahan: {what}: {exc}", err=True)
    sys.exit(1)


def _since(value: str | None, today: dt.date) -> dt.date:
    if value is None:
        return today - dt.timedelta(days=DEFAULT_DAYS)
    try:
        day = dt.date.fromisoformat(value) if DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise ConfigError(f"--since '{value}' bukan tanggal TTTT-BB-HH (misalnya 2026-10-01)")
    if day > today:
        raise ConfigError(f"--since {value} belum terjadi (hari ini {today.isoformat()})")
    return day


def _write(text: str, target: Path | None, bom: bool = False) -> None:
    """To standard output, or (whole, never half-written) to the file `target`."""
    if target is None:
        sys.stdout.write(text)
        return
    folder = target.resolve().parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        raise ConfigError(f"{target} tidak dapat ditulis: {exc.strerror}") from None


@report_cmd.command("sla", options_metavar="[OPSI]")
@click.option(
    "--since",
    metavar="TANGGAL",
    help=f"Pull request yang digabung sejak tanggal ini, pukul 00.00 WIB (TTTT-BB-HH). "
    f"Bawaan: {DEFAULT_DAYS} hari sebelum hari ini.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "csv"]),
    default="markdown",
    show_default=True,
    help="markdown untuk dibaca (ringkasan GitHub Actions, issue), csv untuk lembar kerja.",
)
@click.option(
    "--keluaran",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    metavar="BERKAS",
    help="Tulis laporan ke berkas ini (bawaan: layar).",
)
@repo_option()
@click.pass_context
@handle_errors
def sla_cmd(
    ctx: click.Context, since: str | None, fmt: str, keluaran: Path | None, repo: str | None
) -> None:
    """Ukur setiap pull request yang digabung ke main terhadap batas waktu SOP: pengumpulan
    7 hari, persetujuan Ketua 60 menit, penerbitan ke situs dan Sikedip 30 menit.

    Membaca GitHub (token dari GITHUB_TOKEN), riwayat git dan jurnal Sikedip (git notes).
    Keluar dengan kode 0 bila laporan dibuat (juga bila ada yang melewati batas), 1 bila
    GitHub tidak dapat dibaca, 2 bila perintah atau konfigurasi salah.
    """
    from .sla import measure
    from .sla_output import csv_text, markdown

    config = project_config(ctx)
    day = _since(since, config.today)
    gh = github_client(repo)
    try:
        report = measure(gh, config.root, day, config.today, content_dir=config.content_dir)
    except ServiceError as exc:
        _api_failure("laporan SLA tidak dapat dibuat", exc)
    if fmt == "csv":
        _write(csv_text(report), keluaran, bom=True)
    else:
        _write(markdown(report), keluaran)


@report_cmd.command("jadwal", options_metavar="[OPSI]")
@click.option(
    "--issue",
    "to_issue",
    is_flag=True,
    help="Perbarui satu issue laporan terjadwal di GitHub (atau buka bila ada temuan).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown untuk dibaca, json untuk mesin.",
)
@repo_option("Repositori GitHub untuk --issue (bawaan: $GITHUB_REPOSITORY).")
@click.pass_context
@handle_errors
def schedule_cmd(ctx: click.Context, to_issue: bool, fmt: str, repo: str | None) -> None:
    """Pemeriksaan terjadwal: informasi berkala yang tidak berubah 6 bulan, retensi yang
    sudah lewat, masa pengecualian yang sudah berakhir, dan perbedaan Sikedip dengan konten.

    Sikedip dibandingkan bila SIKEDIP_URL (dan SIKEDIP_TOKEN) diisi; tidak ada yang dikirim.
    Dengan --issue, hasilnya ditulis ke satu issue berlabel laporan-terjadwal yang diperbarui
    setiap kali dijalankan. Keluar dengan kode 0 bila laporan dibuat (juga bila ada temuan),
    1 bila issue tidak dapat ditulis, 2 bila perintah atau konfigurasi salah.
    """
    from .schedule import post_issue, run
    from .schedule_output import markdown, title

    config = project_config(ctx)
    gh = github_client(repo) if to_issue else None  # a missing token is known before the work
    report = run(config)
    body = markdown(report)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(body)
    if gh is not None:
        try:
            url = post_issue(gh, title(report), body, bool(report.findings))
        except ServiceError as exc:
            _api_failure("issue laporan terjadwal tidak dapat ditulis", exc)
        if url is None:
            click.echo(
                "Tidak ada temuan dan tidak ada issue terbuka: tidak ada yang ditulis.", err=True
            )
        else:
            click.echo(f"Issue laporan terjadwal: {url}", err=True)
