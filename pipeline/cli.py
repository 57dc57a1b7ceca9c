"""The `dip` command line: a thin layer over the library.

This is the only place that turns exceptions into exit codes:
0 ok, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import ClassVar

import click

from . import click_id
from .cli_common import TerminalProgress, handle_errors, project_config
from .project import Config, ConfigError

click_id.install()


class LazyGroup(click.Group):
    """Subcommands imported on first use, so `dip check` does not pay for `dip new`."""

    lazy: ClassVar[dict[str, str]] = {
        "new": "pipeline.new:new_cmd",
        "bench": "pipeline.bench.command:bench_cmd",
        "sikedip": "pipeline.sikedip.commands:sikedip_cmd",
        "scan": "pipeline.scan.command:scan_cmd",
        "lampiran": "pipeline.scan.prepare_cmd:lampiran_cmd",
        "review": "pipeline.review.commands:review_cmd",
        "report": "pipeline.review.report_cmd:report_cmd",
        "formulir": "pipeline.formulir.command:formulir_cmd",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command: click.Command | None
        if cmd_name in self.lazy:
            module, _, attr = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attr)
        else:
            command = super().get_command(ctx, cmd_name)
        if command is not None:
            command.options_metavar = "[OPSI]"
        return command


@click.group(
    cls=LazyGroup,
    options_metavar="[OPSI]",
    subcommand_metavar="PERINTAH [ARGUMEN]...",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--proyek",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder proyek (berisi mkdocs.yml). Bawaan: folder saat ini.",
)
@click.version_option(package_name="dip-pipeline", prog_name="dip")
@click.pass_context
def main(ctx: click.Context, proyek: Path | None) -> None:
    """Daftar Informasi Publik (DIP) PPID Pembantu Disdukcapil Provinsi Kalimantan Barat.

    Periksa item DIP, buat item baru, dan ukur kecepatan. Jalankan dari folder proyek
    (yang berisi mkdocs.yml).
    """
    ctx.ensure_object(dict)
    ctx.obj["proyek"] = proyek


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[FOLDER|BERKAS]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "json", "github"]),
    default="auto",
    show_default=True,
    help="Bentuk laporan: text untuk manusia, json untuk mesin, github untuk anotasi "
    "GitHub Actions; auto memilih github di dalam GitHub Actions.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Hanya periksa item yang berubah sejak ref git ini (misalnya origin/main).",
)
@click.option(
    "--jobs",
    metavar="N",
    type=click.IntRange(1, 64),
    default=None,
    help="Jumlah proses pemeriksa. Bawaan: sesuai jumlah inti prosesor.",
)
@click.pass_context
@handle_errors
def check_cmd(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    changed_since: str | None,
    jobs: int | None,
) -> None:
    """Periksa item DIP: semua item, folder/berkas yang disebut, atau yang berubah sejak REF.

    Keluar dengan kode 0 bila tidak ada kesalahan, 1 bila ada kesalahan, 2 bila perintah
    atau konfigurasi salah.
    """
    from .checker import check
    from .report import pick

    if paths and changed_since:
        raise click.UsageError("PATH dan --changed-since tidak dapat dipakai bersamaan")
    config = project_config(ctx)
    result = check(config, paths, changed_since, jobs, progress=TerminalProgress())
    out = sys.stdout
    pick(fmt)(result, out, out.isatty() and "NO_COLOR" not in os.environ)
    sys.exit(1 if result.errors else 0)


@main.command("build")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="Folder hasil situs (bawaan: site/ di folder proyek).",
)
@click.pass_context
@handle_errors
def build_cmd(ctx: click.Context, site_dir: Path | None) -> None:
    """Periksa semua item, lalu bangun situs publik (sama dengan mkdocs build dengan plugin dip).

    Keluar dengan kode 1 bila ada item yang salah; situs tidak dibangun sebagian.
    """
    from .checker import check
    from .report import text
    from .site.build import build_site

    config = project_config(ctx)
    result = check(config, keep_items=True, progress=TerminalProgress())
    if result.problems:
        text.render(result, sys.stderr, sys.stderr.isatty() and "NO_COLOR" not in os.environ)
    if result.errors:
        click.echo("Situs tidak dibangun: perbaiki kesalahan di atas.", err=True)
        sys.exit(1)
    target = build_site(config, site_dir, result.items)
    click.echo(f"Situs dibangun di {target} (buka {target / 'index.html'}).")


@main.command("kode")
@click.argument("code", required=False, metavar="[KODE]")
@handle_errors
def codes_cmd(code: str | None) -> None:
    """Jelaskan kode masalah (misalnya DIP-E401), atau tampilkan semuanya."""
    from .problems import CODES, codes_markdown

    if code is None:
        click.echo(codes_markdown(), nl=False)
        return
    key = code.upper() if code.upper().startswith("DIP-") else f"DIP-{code.upper()}"
    if key not in CODES:
        raise ConfigError(f"kode {code} tidak dikenal; lihat 'dip kode'")
    c = CODES[key]
    click.echo(f"{c.code} ({c.severity}): {c.title}\nPerbaikan: {c.fix}")


@main.command("jalankan")
@click.pass_context
@handle_errors
def run_cmd(ctx: click.Context) -> None:
    """Jalankan seluruh alur pada konten proyek: periksa semua item, bangun situs publik,
    lalu kirim item ke penerima Sikedip lokal (data di .dip/sikedip)."""
    from .checker import check
    from .report import text
    from .site.build import build_site

    config = project_config(ctx)
    click.echo(f"1. Memeriksa item di {config.content_dir} ...")
    result = check(config, keep_items=True, progress=TerminalProgress())
    out = sys.stdout
    text.render(result, out, out.isatty() and "NO_COLOR" not in os.environ)
    if result.errors:
        click.echo("Alur berhenti: perbaiki kesalahan di atas lalu jalankan lagi.", err=True)
        sys.exit(1)
    click.echo("2. Membangun situs publik ...")
    target = build_site(config, checked_items=result.items)
    click.echo(f"   Situs ada di {target}.")
    click.echo("3. Mengirim item ke penerima Sikedip lokal ...")
    code = _push_to_local_receiver(config)
    click.echo("")
    click.echo("Lihat hasilnya:")
    click.echo("  Situs publik (pencarian perlu server, bukan file://):")
    click.echo(f"    python3 -m http.server --bind 127.0.0.1 --directory {target} 8000")
    click.echo("    lalu buka http://127.0.0.1:8000/ di peramban.")
    click.echo("  Isi Sikedip lokal (halaman per OPD, seperti Sikedip):")
    click.echo("    .venv/bin/dip sikedip serve --dev")
    click.echo("    lalu buka http://127.0.0.1:8765/ di peramban.")
    click.echo("  Jurnal pengiriman: .venv/bin/dip sikedip journal")
    if code != 0:
        click.echo("Pengiriman ke Sikedip lokal belum tuntas (lihat di atas).", err=True)
        sys.exit(code)
    click.echo("Selesai. Buat item baru dengan 'dip new'; daftar kode masalah: 'dip kode'.")


def _push_to_local_receiver(config: Config) -> int:
    """Start the reference receiver in this process, push the content to it, stop it."""
    import secrets

    from .sikedip.client import HttpSikedip, Policy
    from .sikedip.commands import default_data_dir, run_push
    from .sikedip.server import start_in_thread

    token = secrets.token_urlsafe(24)
    data = default_data_dir(config)
    with start_in_thread(data, token, config.root / "schema") as receiver:
        client = HttpSikedip(receiver.url, config.opd, token, policy=Policy(deadline=600))
        client.target = f"penerima Sikedip lokal ({config.rel(data)}) (OPD {config.opd})"
        return run_push(config, client, False, "text", 4, sys.stderr.isatty())
