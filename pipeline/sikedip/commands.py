"""`dip sikedip …`: serve the reference receiver, push to Sikedip, show the journal."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..cli_common import TerminalProgress, format_option, handle_errors, project_config
from ..project import Config, ConfigError
from ..review import provenance
from . import journal, output
from .client import HttpSikedip, Policy, check_url, is_local
from .serve_cmd import serve_cmd


@click.group("sikedip", options_metavar="[OPSI]", subcommand_metavar="PERINTAH [ARGUMEN]...")
def sikedip_cmd() -> None:
    """Sikedip, sistem informasi PPID Provinsi: kirim item DIP, lihat jurnal pengiriman,
    atau jalankan penerima Sikedip lokal."""


sikedip_cmd.add_command(serve_cmd)


def target_url(config: Config, url: str | None) -> str:
    """--url, else $SIKEDIP_URL, else dip.sikedip_url in mkdocs.yml."""
    chosen = url or os.environ.get("SIKEDIP_URL") or config.sikedip_url
    try:
        return check_url(chosen)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def ca_bundle(config: Config) -> str | None:
    """$SIKEDIP_CA_BUNDLE or dip.sikedip_ca_bundle: extra trust, never less verification."""
    value = os.environ.get("SIKEDIP_CA_BUNDLE") or config.sikedip_ca_bundle
    if not value:
        return None
    path = (config.root / value).resolve()
    if not path.is_file():
        raise ConfigError(f"berkas CA untuk Sikedip tidak ditemukan: {value}")
    return str(path)


def make_client(config: Config, url: str | None, policy: Policy) -> HttpSikedip:
    base = target_url(config, url)
    token = os.environ.get("SIKEDIP_TOKEN") or None
    if token is None and not is_local(base):
        raise ConfigError(
            "SIKEDIP_TOKEN belum diisi: simpan token Sikedip sebagai variabel lingkungan "
            "(di GitHub: Settings → Secrets → SIKEDIP_TOKEN)"
        )
    return HttpSikedip(base, config.opd, token, ca_bundle(config), policy)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """CI cancels a job with SIGTERM: stop like Ctrl+C, so the journal still records it."""

    def raise_interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_push(
    config: Config,
    client: HttpSikedip,
    dry_run: bool,
    fmt: str,
    workers: int,
    show_progress: bool,
) -> int:
    """Load, push, record, report; returns the exit code."""
    from ..checker import CheckResult
    from ..report import text as text_report
    from .payload import load_payloads
    from .push import push

    err = sys.stderr
    if show_progress:
        click.echo(f"Memuat item di {config.content_dir} ...", err=True)
    loaded = load_payloads(config, progress=TerminalProgress())
    if loaded.problems:
        result = CheckResult(loaded.items_checked, loaded.problems)
        text_report.render(result, err, err.isatty() and "NO_COLOR" not in os.environ)
        click.echo("Tidak ada yang dikirim ke Sikedip: perbaiki kesalahan di atas.", err=True)
        return 1
    head = journal.head_commit(config.root, config.content_dir)
    commit, clean = head if head else (None, None)

    bar: Any = None

    def on_plan(plan: Any, files: Any) -> None:
        nonlocal bar
        total = len(files) + len(plan.actions)
        if show_progress and total:
            bar = click.progressbar(length=total, label="Mengirim", file=err)
            bar.__enter__()

    def progress(n: int) -> None:
        if bar is not None:
            bar.update(n)

    with _sigterm_as_interrupt():
        try:
            report = push(
                client,
                loaded.payloads,
                config.content_path,
                dry_run=dry_run,
                workers=workers,
                progress=progress,
                on_plan=on_plan,
            )
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)

    # Provenance only for what this push sent, and only when it is recorded.
    sent = {r.id for r in report.results} if commit and not dry_run else set()
    approvals = provenance.per_item(config.root, config.content_dir, sent)
    data = journal.entry(report, commit or "", bool(clean), approvals)
    data["commit"] = commit
    data["clean"] = clean
    data["dry_run"] = dry_run
    note, journal_ok = "", True
    if not dry_run:
        if commit is None:
            note = "tidak dicatat: folder proyek bukan repositori git"
        else:
            try:
                journal.record(config.root, {k: v for k, v in data.items() if k != "dry_run"})
                note = f"dicatat pada commit {commit[:12]} ({journal.NOTES_REF})"
            except journal.JournalError as exc:
                note, journal_ok = f"GAGAL dicatat: {exc}", False
    if fmt == "json":
        output.push_json({**data, "journal": note}, sys.stdout)
    else:
        output.push_text(data, note, sys.stdout)
    if report.interrupted:
        return 130
    return 0 if report.complete and journal_ok else 1


@sikedip_cmd.command("push")
@click.option(
    "--url",
    metavar="URL",
    help="Alamat Sikedip (bawaan: $SIKEDIP_URL atau dip.sikedip_url di mkdocs.yml).",
)
@click.option("--dry-run", is_flag=True, help="Tampilkan rencana saja; tidak ada yang dikirim.")
@format_option()
@click.option(
    "--batas-waktu",
    "deadline",
    metavar="DETIK",
    type=click.FloatRange(1, 24 * 3600),
    default=1800,
    show_default=True,
    help="Batas waktu seluruh pengiriman; yang belum terkirim dilaporkan.",
)
@click.option(
    "--paralel",
    "workers",
    metavar="N",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    help="Jumlah permintaan yang berjalan bersamaan.",
)
@click.pass_context
@handle_errors
def push_cmd(
    ctx: click.Context, url: str | None, dry_run: bool, fmt: str, deadline: float, workers: int
) -> None:
    """Samakan isi Sikedip dengan konten: baca daftar item di Sikedip, rencanakan (baru,
    diperbarui, ditarik, tetap), unggah lampiran yang belum ada, kirim item, lalu penarikan.

    Token dibaca dari variabel lingkungan SIKEDIP_TOKEN dan tidak pernah ditampilkan.
    Setiap pengiriman dicatat di jurnal (git notes refs/notes/sikedip). Keluar dengan kode 1
    bila ada yang belum terkirim; menjalankannya lagi akan menuntaskannya.
    """
    config = project_config(ctx)
    client = make_client(config, url, Policy(deadline=deadline))
    show = fmt == "text" and sys.stderr.isatty()
    sys.exit(run_push(config, client, dry_run, fmt, workers, show))


@sikedip_cmd.command("journal")
@click.option("--commit", "commit", metavar="REF", help="Hanya pengiriman dari commit ini.")
@click.option(
    "--jumlah",
    "-n",
    "limit",
    metavar="N",
    type=click.IntRange(1),
    default=10,
    show_default=True,
    help="Tampilkan N pengiriman terakhir.",
)
@format_option("Bentuk keluaran.")
@click.pass_context
@handle_errors
def journal_cmd(ctx: click.Context, commit: str | None, limit: int, fmt: str) -> None:
    """Tampilkan jurnal pengiriman ke Sikedip (tersimpan di riwayat git)."""
    config = project_config(ctx)
    if commit is not None:
        try:
            commit = journal._git(config.root, "rev-parse", "--verify", f"{commit}^{{commit}}")
        except journal.JournalError:
            raise ConfigError(f"commit '{commit}' tidak dikenal") from None
        commit = commit.strip()
    try:
        entries = journal.read(config.root, commit)[:limit]
    except journal.JournalError as exc:
        raise ConfigError(f"jurnal tidak dapat dibaca: {exc}") from None
    if fmt == "json":
        output.push_json({"entries": entries}, sys.stdout)
    else:
        output.journal_text(entries, sys.stdout)


def default_data_dir(config: Config) -> Path:
    return config.root / ".dip" / "sikedip"
