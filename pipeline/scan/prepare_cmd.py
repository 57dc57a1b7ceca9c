"""The `dip lampiran` command group and its `siapkan` subcommand: arguments checked,
`prepare` called, the result and the `lampiran` entry printed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..cli_common import handle_errors
from ..problems import printable
from ..project import ConfigError
from .prepare import (
    LANGUAGES,
    Prepared,
    default_output_name,
    default_title,
    lampiran_entry,
    prepare,
)

__all__ = ["lampiran_cmd"]

_OUTPUT_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,115}\.pdf")


@click.group("lampiran", options_metavar="[OPSI]", subcommand_metavar="PERINTAH [ARGUMEN]...")
def lampiran_cmd() -> None:
    """Siapkan berkas lampiran sebelum diunggah."""


@lampiran_cmd.command("siapkan", options_metavar="[OPSI]")
@click.argument(
    "inputs",
    nargs=-1,
    required=True,
    metavar="MASUKAN...",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--keluaran",
    metavar="BERKAS.pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Nama berkas PDF hasil (huruf kecil, angka, titik, garis bawah, tanda hubung). "
    "Bawaan: dibuat dari --judul atau dari nama masukan pertama, di folder saat ini.",
)
@click.option(
    "--judul",
    metavar="TEKS",
    help="Judul lampiran seperti ditampilkan kepada publik (juga judul PDF). "
    "Bawaan: dari nama masukan pertama.",
)
@click.option(
    "--bahasa",
    default=LANGUAGES,
    show_default=True,
    metavar="BAHASA",
    help="Bahasa OCR untuk tesseract, misalnya ind atau ind+eng.",
)
@handle_errors
def siapkan_cmd(
    inputs: tuple[Path, ...], keluaran: Path | None, judul: str | None, bahasa: str
) -> None:
    """Ubah foto ponsel atau hasil pemindai (JPEG, PNG, TIFF, PDF) menjadi satu PDF/A
    ringkas dengan lapisan teks OCR, tanpa metadata (lokasi GPS, nama pembuat, nomor seri
    kamera).

    Hasilnya diperiksa seperti 'dip scan' (NIK/KK, konten aktif), lalu dicetak entri
    lampiran untuk ditempel di item.yaml. Keluar dengan kode 1 bila hasilnya memuat data
    pribadi (jangan diterbitkan), 2 bila perintah salah atau OCR belum terpasang.
    """
    title = (judul or default_title(inputs[0])).strip()
    if not 3 <= len(title) <= 300:
        raise ConfigError("--judul harus 3–300 karakter")
    if keluaran is None:
        output = Path.cwd() / default_output_name(judul, inputs[0])
    else:
        output = keluaran
        if not _OUTPUT_NAME.fullmatch(output.name):
            suggestion = default_output_name(None, output)
            raise ConfigError(
                f"nama keluaran '{printable(output.name)}' tidak sah: gunakan huruf kecil, "
                f"angka, titik, garis bawah dan tanda hubung, diakhiri .pdf "
                f"(misalnya {suggestion})"
            )
    result = prepare(list(inputs), output, title, bahasa, lambda s: click.echo(s, err=True))
    _print_result(result, title)
    if result.report.findings:
        sys.exit(1)


def _print_result(result: Prepared, title: str) -> None:
    echo = click.echo
    kb = result.size / 1024
    size = f"{kb / 1024:.1f} MB" if kb >= 1024 else f"{kb:.0f} KB"
    echo(f"PDF/A dibuat: {printable(str(result.output))}")
    echo(f"  Halaman: {result.pages}")
    echo(f"  Ukuran: {size}")
    if result.removed:
        echo("  Metadata yang dibuang:")
        for line in result.removed:
            echo(f"    - {printable(line)}")
    for note in result.notes:
        echo(f"  Catatan: {note}")
    findings = result.report.findings
    if not findings:
        echo("  Pemeriksaan: bersih (tidak ada NIK/KK, tidak ada konten aktif)")
        echo("")
        echo("Tempelkan entri ini di bawah 'lampiran:' pada item.yaml, lalu letakkan")
        echo(f"{result.output.name} di folder item yang sama:")
        echo("")
        echo(lampiran_entry(result.output.name, title), nl=False)
        return
    echo(f"  Pemeriksaan: {len(findings)} masalah")
    for finding in findings:
        where = f"halaman {finding.page}: " if finding.page else ""
        echo(f"    {finding.code} {where}{finding.message}")
    personal = any(f.code.startswith("DIP-E5") for f in findings)
    if personal:
        echo(
            "Berkas ini memuat data pribadi (NIK/KK) dan TIDAK BOLEH diterbitkan. "
            "Tutup nomornya pada kertas, pindai ulang, lalu jalankan perintah ini lagi.",
            err=True,
        )
    else:
        echo("Perbaiki masalah di atas sebelum berkas ini diunggah.", err=True)
