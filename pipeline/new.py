"""`dip new`: scaffold an item folder from the DIP form's questions.

The questions, choices and hints come from `schema/item.schema.json`; the result is
checked with the same loader as `dip check` before anything is written.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from jsonschema import Draft202012Validator

from .cli_common import handle_errors, project_config
from .emit import emit_item
from .item import ITEM_ID, Context, load_item
from .project import Config, ConfigError
from .rules import parse_partial_date
from .schema import SCHEMA_FILE, ItemSchema
from .yamlsafe import parse

# Fields asked in the DIP form's order; nested objects are asked key by key.
SCALARS = (
    "judul",
    "ringkasan",
    "kategori",
    "subkategori",
    "unit",
    "pejabat_penguasa",
    "penanggung_jawab",
    "waktu_pembuatan",
    "tempat_pembuatan",
    "retensi",
)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:60].rstrip("-") or "item"


def _options(func: Any) -> Any:
    """One option per form field, help text from the schema's title.

    Options are built at import time, before any project is known, so the titles come from
    the product's own copy of the schema (next to this package in a checkout).
    """
    source = Path(__file__).resolve().parent.parent / SCHEMA_FILE
    schema = json.loads(source.read_text(encoding="utf-8")) if source.is_file() else {}
    props = schema.get("properties", {})
    extra = [
        ("pengecualian", "dasar_hukum"),
        ("pengecualian", "konsekuensi"),
        ("pengecualian", "jangka_waktu"),
        ("pengecualian", "tanggal_uji"),
    ]
    for parent, key in reversed(extra):
        sub = props.get(parent, {}).get("properties", {}).get(key, {})
        func = click.option(
            f"--{parent}-{key}".replace("_", "-"),
            f"{parent}__{key}",
            metavar="TEKS",
            help=sub.get("title", key),
        )(func)
    for name in reversed(SCALARS):
        sub = props.get(name, {})
        help_text = sub.get("title", name)
        if "enum" in sub:
            help_text += " (" + ", ".join(sub["enum"]) + ")"
        func = click.option(f"--{name}".replace("_", "-"), name, metavar="TEKS", help=help_text)(
            func
        )
    return func


@click.command("new")
@click.option(
    "--id", "item_id", metavar="TEKS", help="Nama folder item (bawaan: dibuat dari judul)."
)
@_options
@click.option("--bentuk", metavar="TEKS", help="softcopy, hardcopy, atau softcopy,hardcopy.")
@click.option(
    "--arsip-fisik", "arsip_fisik", metavar="TEKS", help="Lokasi arsip fisik (bila ada hardcopy)."
)
@click.option(
    "--lampiran",
    "lampiran",
    multiple=True,
    metavar="BERKAS",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Berkas lampiran yang disalin ke folder item (boleh berulang).",
)
@click.option(
    "--sumber",
    type=click.Choice(["digital", "pindaian"]),
    default="digital",
    show_default=True,
    help="Sumber lampiran: digital atau pindaian hardcopy.",
)
@click.option(
    "--tanpa-tanya",
    is_flag=True,
    help="Jangan bertanya; semua kolom wajib harus diberikan sebagai opsi.",
)
@click.pass_context
@handle_errors
def new_cmd(
    ctx: click.Context,
    /,
    item_id: str | None,
    bentuk: str | None,
    arsip_fisik: str | None,
    lampiran: tuple[Path, ...],
    sumber: str,
    tanpa_tanya: bool,
    **fields: str | None,
) -> None:
    """Buat item DIP baru: folder content/dip/<id>/ berisi item.yaml dan lampirannya.

    Tanpa opsi, dip new menanyakan isian formulir DIP satu per satu. Dengan --tanpa-tanya,
    semua isian wajib diberikan sebagai opsi (cocok untuk skrip).
    """
    config = project_config(ctx)
    context = Context.create(config)
    ask = not tanpa_tanya and sys.stdin.isatty()
    form = _Form(context, ask)
    data = form.collect(fields, bentuk, arsip_fisik, lampiran, sumber)
    text = dump_item(data, list(context.schema.schema["properties"]))
    _refuse_if_invalid(context, config, text, f"{config.content_dir}/<id>/item.yaml")
    suggested = slug(str(data["judul"]))
    folder_id = item_id or (
        form.ask_text("id", "Nama folder item (id)", suggested, ITEM_ID.pattern)
        if ask
        else suggested
    )
    if not ITEM_ID.fullmatch(folder_id):
        raise ConfigError(
            f"id '{folder_id}' tidak sah: huruf kecil, angka dan tanda hubung, 3–80 karakter"
        )
    folder = config.content_path / folder_id
    if folder.exists():
        raise ConfigError(f"folder {config.rel(folder)} sudah ada; pilih id lain dengan --id")
    folder.mkdir(parents=True)
    for source, entry in zip(lampiran, data.get("lampiran", []), strict=True):
        shutil.copyfile(source, folder / entry["berkas"])
    (folder / "item.yaml").write_text(text, encoding="utf-8")
    item = load_item(context, folder)
    for p in item.problems:
        where = f"{p.path}:{p.line}:{p.col}" if p.line else p.path
        click.echo(f"{where}: {p.code} {p.message}", err=True)
    click.echo(f"Item dibuat: {config.rel(folder)}/item.yaml")
    if not item.ok:
        click.echo("Perbaiki masalah di atas, lalu jalankan 'dip check'.", err=True)
        sys.exit(1)
    click.echo(
        "Langkah berikutnya: periksa isinya, lalu ajukan pull request untuk disetujui "
        "Ketua PPID Pembantu."
    )


def dump_item(data: dict[str, Any], order: Sequence[str]) -> str:
    """YAML as staff would write it (see pipeline/emit.py), keys in the schema's order."""
    return emit_item(data, order)


def _refuse_if_invalid(ctx: Context, config: Config, text: str, rel: str) -> None:
    from .rules import check_rules

    doc, problems = parse(text, rel, config.max_yaml_depth)
    if doc is not None:
        ctx.schema.coerce(doc.data)
        problems = [*ctx.schema.problems(doc, rel), *check_rules(doc, rel, config, ctx.units)]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        lines = "\n".join(f"  - {p.code} {p.message}" for p in errors)
        raise ConfigError(f"isian belum lengkap atau tidak sah, tidak ada yang ditulis:\n{lines}")


class _Form:
    def __init__(self, ctx: Context, ask: bool) -> None:
        self.ctx = ctx
        self.schema: ItemSchema = ctx.schema
        self.ask = ask

    def _sub(self, *path: str) -> dict[str, Any]:
        return self.schema.field_schema(path)

    def ask_text(
        self,
        name: str,
        title: str,
        default: str | None,
        pattern: str | None = None,
        sub: dict[str, Any] | None = None,
    ) -> str:
        if sub is not None:
            click.echo(click.style(f"\n{sub.get('title', name)}", bold=True))
            if sub.get("description"):
                click.echo(f"  {sub['description']}")
        while True:
            value: str = click.prompt(f"  {name}", default=default, show_default=bool(default))
            value = value.strip()
            if sub is not None:
                errors: list[object] = list(Draft202012Validator(sub).iter_errors(value))
                if not errors and (name == "waktu_pembuatan" or "tanggal" in name):
                    try:
                        real = parse_partial_date(value) is not None
                    except ValueError:
                        real = False
                    errors = [] if real else ["tanggal tidak ada di kalender"]
                if errors:
                    click.echo(f"  Tidak sesuai. {sub.get('description', '')}")
                    continue
            elif pattern and not re.fullmatch(pattern, value):
                click.echo("  Tidak sesuai: huruf kecil, angka dan tanda hubung.")
                continue
            return value

    def value(
        self, name: str, given: str | None, default: str | None = None, *path: str
    ) -> str | None:
        if given is not None:
            return given.strip()
        if not self.ask:
            return default
        sub = self._sub(*(path or (name,)))
        if name == "unit" and self.ctx.units:
            sub = {**sub, "enum": sorted(self.ctx.units)}
        if "enum" in sub:
            click.echo(click.style(f"\n{sub.get('title', name)}", bold=True))
            if sub.get("description"):
                click.echo(f"  {sub['description']}")
            choice: str = click.prompt(f"  {name}", type=click.Choice(sub["enum"]), default=default)
            return choice
        return self.ask_text(name, name, default, sub=sub)

    def collect(
        self,
        fields: dict[str, str | None],
        bentuk: str | None,
        arsip_fisik: str | None,
        lampiran: tuple[Path, ...],
        sumber: str,
    ) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in SCALARS:
            default = None
            if name == "subkategori" and data.get("kategori") != "berkala":
                continue
            if name == "pejabat_penguasa" and self.ctx.units and data.get("unit") in self.ctx.units:
                default = self.ctx.units[data["unit"]].pejabat
            if name == "penanggung_jawab":
                default = "Kepala Dinas"
            if name == "tempat_pembuatan":
                default = "Pontianak"
            value = self.value(name, fields.get(name), default)
            if value is not None:
                data[name] = value
        forms = bentuk
        if forms is None and self.ask:
            sub = self._sub("bentuk")
            click.echo(click.style(f"\n{sub.get('title', 'bentuk')}", bold=True))
            click.echo(f"  {sub.get('description', '')}")
            forms = click.prompt(
                "  bentuk",
                type=click.Choice(["softcopy", "hardcopy", "softcopy,hardcopy"]),
                default="softcopy" if lampiran else None,
            )
        elif forms is None and lampiran:
            forms = "softcopy"
        if forms:
            data["bentuk"] = [b.strip() for b in forms.split(",") if b.strip()]
        if "hardcopy" in data.get("bentuk", []):
            place = self.value("arsip_fisik", arsip_fisik, "Lemari arsip PPID Pembantu")
            if place:
                data["arsip_fisik"] = place
        year = str(data.get("waktu_pembuatan", ""))[:4]
        if year.isdigit():
            data["tahun"] = int(year)
        data["status"] = "terbit"
        if data.get("kategori") == "dikecualikan":
            exemption = {}
            for key in ("dasar_hukum", "konsekuensi", "jangka_waktu", "tanggal_uji"):
                value = self.value(
                    key, fields.get(f"pengecualian__{key}"), None, "pengecualian", key
                )
                if value is not None:
                    exemption[key] = value
            data["pengecualian"] = exemption
        if lampiran:
            data["lampiran"] = [
                {
                    "berkas": slug(p.stem) + p.suffix.lower(),
                    "judul": p.stem.replace("-", " ").replace("_", " ").strip().capitalize()
                    or "Lampiran",
                    "sumber": sumber,
                }
                for p in lampiran
            ]
        data["catatan_perubahan"] = "Unggahan awal"
        return data
