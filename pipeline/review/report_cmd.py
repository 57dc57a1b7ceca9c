"""`dip report`: reports on how the SOP is followed (SLA) and what needs attention."""

from __future__ import annotations

import click


@click.group("report")
def report_cmd() -> None:
    """Laporan kepatuhan SOP dan pemeriksaan terjadwal."""
