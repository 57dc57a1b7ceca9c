"""`dip review komentar`: the pull-request comment for the ketua PPID (DESIGN §7)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..cli_common import TerminalProgress, handle_errors, project_config
from ..project import ConfigError
from .comment import MARKER, SUMMARY_LIMIT, render
from .github import GitHubError
from .options import github_client


@click.command("komentar")
@click.option(
    "--dasar",
    "base",
    metavar="REF",
    required=True,
    help="Ref git pembanding: cabang tujuan pull request, misalnya origin/main.",
)
@click.option(
    "--pr",
    "number",
    metavar="N",
    type=click.IntRange(min=1),
    help="Nomor pull request yang diberi komentar (wajib bersama --kirim).",
)
@click.option(
    "--kirim",
    is_flag=True,
    help="Tulis komentar di pull request: satu komentar, diperbarui bila sudah ada. "
    "Perlu GITHUB_TOKEN dan GITHUB_REPOSITORY (tersedia di GitHub Actions).",
)
@click.option(
    "--keluaran",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="BERKAS",
    help="Tulis Markdown komentar ke BERKAS, bukan ke layar.",
)
@click.pass_context
@handle_errors
def komentar_cmd(
    ctx: click.Context, base: str, number: int | None, kirim: bool, keluaran: Path | None
) -> None:
    """Komentar pull request untuk Ketua PPID: putusan pemeriksaan, masalah, setiap item yang
    berubah sebagai baris DIP, kolom yang berubah dibanding REF, lampiran (halaman, ukuran,
    sha256, hasil pemeriksaan) dan apa yang diterima Sikedip setelah digabung.

    Markdown dicetak ke layar (atau ke --keluaran) dan ditambahkan ke ringkasan job bila
    GITHUB_STEP_SUMMARY diisi. Keluar dengan kode 0 bila komentar dibuat (juga bila item
    masih bermasalah; `dip check` yang menggagalkan pemeriksaan), 1 bila GitHub menolak,
    2 bila perintah, ref atau konfigurasi salah.
    """
    from .changes import gather

    if kirim and number is None:
        raise click.UsageError("--kirim memerlukan --pr N (nomor pull request)")
    # Before the work: a missing token is known at once.
    github = github_client() if kirim else None
    config = project_config(ctx)
    review = gather(config, base, TerminalProgress())
    body = render(review)
    if keluaran is not None:
        try:
            keluaran.write_text(body, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{keluaran} tidak dapat ditulis: {exc.strerror}") from None
    else:
        click.echo(body, nl=False)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        full = render(review, SUMMARY_LIMIT, "tidak ditampilkan (ringkasan job penuh)", 1000)
        try:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(full)
        except OSError as exc:
            raise ConfigError(f"GITHUB_STEP_SUMMARY tidak dapat ditulis: {exc.strerror}") from None
    if github is not None and number is not None:
        try:
            url = github.upsert_comment(number, MARKER, body)
        except GitHubError as exc:
            click.echo(f"Komentar tidak dapat ditulis: {exc}", err=True)
            sys.exit(1)
        click.echo(f"Komentar untuk Ketua PPID ditulis di {url}", err=True)
