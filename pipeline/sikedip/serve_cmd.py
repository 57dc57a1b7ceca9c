"""`dip sikedip serve` (placeholder until the receiver lands)."""

from __future__ import annotations

import click


@click.command("serve")
def serve_cmd() -> None:
    """Jalankan penerima Sikedip rujukan."""
    raise click.ClickException("belum tersedia")
