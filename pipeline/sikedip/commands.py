"""`dip sikedip …`: serve the reference receiver, push to Sikedip, show the journal."""

from __future__ import annotations

import click

from .serve_cmd import serve_cmd


@click.group(
    "sikedip", options_metavar="[OPSI]", subcommand_metavar="PERINTAH [ARGUMEN]..."
)
def sikedip_cmd() -> None:
    """Sikedip, sistem informasi PPID Provinsi: kirim item DIP, lihat jurnal pengiriman,
    atau jalankan penerima Sikedip lokal."""


sikedip_cmd.add_command(serve_cmd)
