"""`dip scan FILE…`: inspect attachments for active content and personal data."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from ..cli_common import TerminalProgress, format_option, handle_errors
from ..files import sha256_file
from ..problems import CODES, printable
from ..project import ConfigError, find_root
from .attachments import Target, reports_for
from .model import Report

KIND_LABELS = {
    "pdf": "PDF",
    "image": "gambar",
    "office": "dokumen kantor",
    "text": "teks",
    "other": "jenis lain",
}


def _project_root(start: Path) -> Path | None:
    try:
        return find_root(start)
    except ConfigError:
        return None  # outside a project: no cache, still inspected


def _describe(report: Report) -> str:
    parts = [KIND_LABELS.get(report.kind, report.kind)]
    if report.pages is not None:
        detail = f"{report.pages} halaman"
        extra = []
        if report.text_pages != report.pages:
            extra.append(f"{report.text_pages} dengan teks")
        if report.ocr_pages:
            extra.append(f"{report.ocr_pages} dibaca OCR")
        parts.append(detail + (f" ({', '.join(extra)})" if extra else ""))
    return ", ".join(parts)


@click.command("scan")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="BERKAS...",
)
@format_option()
@click.pass_context
@handle_errors
def scan_cmd(ctx: click.Context, files: tuple[Path, ...], fmt: str) -> None:
    """Periksa isi lampiran (PDF, gambar, dokumen kantor, CSV/TXT): konten aktif, berkas
    berbahaya dan data pribadi (NIK/KK) di teks, metadata, anotasi, revisi lama dan
    halaman pindaian (dibaca dengan OCR).

    Setiap berkas diperiksa di proses terpisah dengan batas waktu dan memori. Hasilnya
    diingat menurut sha256, jadi berkas yang sama tidak diperiksa dua kali. Keluar dengan
    kode 1 bila ada berkas yang tidak boleh diterbitkan.
    """
    targets = []
    for path in files:
        if path.is_symlink() or not path.is_file():
            raise ConfigError(f"{printable(str(path))} bukan berkas biasa")
        try:
            digest = sha256_file(path)
        except OSError as exc:
            raise ConfigError(
                f"{printable(str(path))} tidak dapat dibaca: {exc.strerror}"
            ) from None
        targets.append(Target(printable(str(path)), path.absolute(), digest))
    start = ctx.obj.get("proyek") or Path.cwd()
    root = _project_root(Path(start))
    reports = reports_for(targets, root, TerminalProgress("Memeriksa") if fmt == "text" else None)
    errors = 0
    rows: list[dict[str, Any]] = []
    for target in targets:
        report = reports[target.sha256]
        findings = [
            {
                "code": f.code,
                "severity": CODES[f.code].severity,
                "message": printable(f.message),
                "page": f.page,
            }
            for f in report.findings
        ]
        errors += sum(f["severity"] == "error" for f in findings)
        rows.append(
            {
                "path": target.rel,
                "sha256": target.sha256,
                "kind": report.kind,
                "pages": report.pages,
                "text_pages": report.text_pages,
                "ocr_pages": report.ocr_pages,
                "findings": findings,
                "notes": [printable(n) for n in report.notes],
                "report": report,
            }
        )
    if fmt == "json":
        for row in rows:
            del row["report"]
        out = {"files": rows, "errors": errors}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _text(rows, errors)
    sys.exit(1 if errors else 0)


def _text(rows: list[dict[str, Any]], errors: int) -> None:
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    bad = 0
    for row in rows:
        click.echo(f"{row['path']}: {_describe(row['report'])}")
        for finding in row["findings"]:
            level = "kesalahan" if finding["severity"] == "error" else "peringatan"
            line = f"  {level:<10} {finding['code']}  {finding['message']}"
            click.echo(click.style(line, fg="red") if color else line)
        for note in row["notes"]:
            click.echo(f"  catatan: {note}")
        if any(f["severity"] == "error" for f in row["findings"]):
            bad += 1
    total = len(rows)
    if errors:
        click.echo(
            f"{total} berkas diperiksa: {bad} berkas TIDAK boleh diterbitkan ({errors} kesalahan)."
        )
    else:
        click.echo(f"{total} berkas diperiksa: semuanya aman diterbitkan.")
