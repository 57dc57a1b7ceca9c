"""`dip lampiran siapkan`: phone photos or scanner output → one compact PDF/A with an OCR
text layer and no metadata, checked, with the `lampiran` entry to paste into item.yaml.

Order matters: images are re-encoded from their pixels (EXIF orientation applied first)
so no EXIF/XMP/IPTC/ICC block survives (img2pdf alone would copy a JPEG's EXIF into the
PDF); ocrmypdf then adds the text layer and converts to PDF/A; finally every metadata
entry ocrmypdf or the inputs left is removed with pikepdf, except the title we set and
the PDF/A identification, and JPEG streams lose their APPn/COM segments.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..cli_common import handle_errors
from ..pii import find_personal_numbers
from ..problems import printable
from ..project import ConfigError
from .model import Finding, Report

__all__ = [
    "Prepared",
    "default_output_name",
    "lampiran_cmd",
    "lampiran_entry",
    "prepare",
    "strip_jpeg_metadata",
]

PHOTO_DPI = 200  # photos of paper are fitted to A4 at this resolution
MAX_SCAN_DPI = 300  # scanner output above this is scaled down (bilevel: 600)
MAX_BILEVEL_DPI = 600
JPEG_QUALITY = 85
A4_INCHES = (8.27, 11.69)
OCRMYPDF_BASE_TIMEOUT = 300.0
OCRMYPDF_PAGE_TIMEOUT = 120.0
MAX_INPUT_PAGES = 500
MAX_JPEG_BYTES = 256 * 1024 * 1024
LANGUAGES = "ind+eng"
_OUTPUT_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,115}\.pdf")
_LANGUAGES = re.compile(r"[a-z_]{3,8}(?:\+[a-z_]{3,8}){0,4}")
# Options we ask of ocrmypdf; each one the installed version lacks is left out.
_WANTED_OPTIONS = ("--rotate-pages", "--deskew", "--skip-text", "--optimize")


@dataclass
class Prepared:
    output: Path
    pages: int
    size: int
    report: Report
    removed: list[str] = field(default_factory=list)  # metadata found in the inputs
    notes: list[str] = field(default_factory=list)


# -- the library function -------------------------------------------------------------


def prepare(
    inputs: Sequence[Path],
    output: Path,
    judul: str,
    languages: str = LANGUAGES,
    progress: Callable[[str], None] | None = None,
) -> Prepared:
    """Make `output` (which must not exist) from `inputs`, then inspect it.

    Raises ConfigError for what the user must fix (missing tools, unreadable input,
    existing output); personal data in the result is reported, not raised. `progress`
    receives a sentence (Indonesian) before each long step.
    """
    say = progress or (lambda _: None)
    if not inputs:
        raise ConfigError("berikan paling sedikit satu berkas masukan")
    ocrmypdf = _tools(languages)
    if output.exists() or output.is_symlink():
        raise ConfigError(f"{output} sudah ada; pilih nama lain dengan --keluaran")
    for source in inputs:
        if source.resolve() == output.resolve():
            raise ConfigError(f"{output} adalah berkas masukan; pilih nama lain")
    if find_personal_numbers(judul):
        raise ConfigError("judul memuat nomor NIK/KK; judul lampiran diumumkan kepada publik")
    prepared_notes: list[str] = []
    removed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dip-siapkan-") as tmp:
        work = Path(tmp)
        combined = work / "gabungan.pdf"
        pages = _combine(inputs, work, combined, removed)
        ocr_out = work / "ocr.pdf"
        say(f"Membaca {pages} halaman dengan OCR ({languages}) …")
        pdfa = _run_ocrmypdf(ocrmypdf, combined, ocr_out, languages, pages, prepared_notes)
        final = work / "akhir.pdf"
        count = _clean_metadata(ocr_out, final, judul)
        _publish(final, output)
    say("Memeriksa hasilnya (NIK/KK, konten aktif) …")
    report = _inspect(output)
    if not pdfa:
        prepared_notes.append("ocrmypdf tidak dapat membuat PDF/A; hasilnya PDF biasa")
    return Prepared(output, count, output.stat().st_size, report, removed, prepared_notes)


def _tools(languages: str) -> str:
    from .ocr import OCR_INSTALL_HINT, find_ocr

    if not _LANGUAGES.fullmatch(languages):
        raise ConfigError(f"--bahasa '{languages}' tidak sah; contoh: ind atau ind+eng")
    ocrmypdf = shutil.which("ocrmypdf")
    if ocrmypdf is None or find_ocr() is None:
        raise ConfigError(OCR_INSTALL_HINT)
    installed = _tesseract_languages()
    missing = [lang for lang in languages.split("+") if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{m.replace('_', '-')}" for m in missing)
        raise ConfigError(
            f"data bahasa OCR {', '.join(missing)} belum terpasang; pasang dengan: "
            f"sudo apt-get install {packages}"
        )
    return ocrmypdf


def _tesseract_languages() -> set[str]:
    tesseract = shutil.which("tesseract") or "tesseract"
    try:
        done = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    lines = done.stdout.decode("utf-8", "replace").splitlines()[1:]  # after the heading
    return {line.strip() for line in lines if line.strip()}


# -- step 1: clean pages, one PDF ---------------------------------------------------


def _combine(inputs: Sequence[Path], work: Path, combined: Path, removed: list[str]) -> int:
    """Every input as clean pages, in order, in one PDF. Returns the page count."""
    import img2pdf  # type: ignore[import-untyped]
    import pikepdf

    out = pikepdf.Pdf.new()
    images: list[Path] = []

    def flush() -> None:
        if not images:
            return
        part = work / f"bagian-{len(out.pages)}.pdf"
        part.write_bytes(img2pdf.convert([str(p) for p in images]))
        with pikepdf.open(part) as src:
            out.pages.extend(src.pages)
        images.clear()

    for number, source in enumerate(inputs, 1):
        kind = _kind(source)
        if kind == "pdf":
            flush()
            _append_pdf(out, source, removed)
        else:
            images.extend(_clean_image(source, work, number, removed))
        if len(out.pages) + len(images) > MAX_INPUT_PAGES:
            raise ConfigError(f"lebih dari {MAX_INPUT_PAGES} halaman; bagi menjadi beberapa berkas")
    flush()
    count = len(out.pages)
    if count == 0:
        raise ConfigError("masukan tidak berisi halaman")
    out.save(combined)
    return count


def _kind(source: Path) -> str:
    try:
        with open(source, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise ConfigError(f"{source} tidak dapat dibaca: {exc.strerror or exc}") from None
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")):
        return "image"
    raise ConfigError(f"{source} bukan JPEG, PNG, TIFF atau PDF")


def _clean_image(source: Path, work: Path, number: int, removed: list[str]) -> list[Path]:
    """Each frame re-encoded from its pixels: upright, sRGB, no metadata at all."""
    import warnings

    from PIL import Image, ImageOps

    from .image import MAX_FRAMES, MAX_PIXELS, metadata_findings

    out: list[Path] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as img:
                for finding in metadata_findings(img):
                    if finding.code == "DIP-E421":
                        what = finding.message.split(";")[0].removeprefix("metadata gambar memuat ")
                        removed.append(f"{source.name}: {what}")
                    elif finding.code == "DIP-E504":
                        removed.append(f"{source.name}: nomor NIK/KK di metadata")
                frames = getattr(img, "n_frames", 1)
                if frames > MAX_FRAMES:
                    raise ConfigError(f"{source} berisi {frames} halaman (batas {MAX_FRAMES})")
                for index in range(frames):
                    img.seek(index)
                    if img.width * img.height > MAX_PIXELS:
                        raise ConfigError(
                            f"{source}: gambar {img.width}×{img.height} piksel terlalu besar"
                        )
                    target = work / f"masukan-{number}-{index}"
                    out.append(_reencode(img, ImageOps.exif_transpose(img), target))
    except ConfigError:
        raise
    except Exception as exc:  # Pillow's many errors for broken input
        raise ConfigError(
            f"{source} tidak dapat dibaca sebagai gambar ({type(exc).__name__})"
        ) from None
    return out


def _reencode(original: Any, upright: Any, target: Path) -> Path:
    from PIL import Image

    icc = original.info.get("icc_profile")
    dpi = _plausible_dpi(original.info.get("dpi"))
    img = _to_srgb(upright, icc)
    width, height = img.size
    if dpi is None:  # a photo: fit into A4 at PHOTO_DPI (landscape when wider than tall)
        page = A4_INCHES if height >= width else (A4_INCHES[1], A4_INCHES[0])
        scale = min(1.0, PHOTO_DPI * page[0] / width, PHOTO_DPI * page[1] / height)
        new_dpi = float(PHOTO_DPI)
        if scale == 1.0:
            new_dpi = max(width / page[0], height / page[1])
    else:
        limit = MAX_BILEVEL_DPI if img.mode == "1" else MAX_SCAN_DPI
        scale = min(1.0, limit / dpi)
        new_dpi = dpi * scale
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        img = (img.convert("L") if img.mode == "1" else img).resize(size, Image.Resampling.LANCZOS)
    # A fresh image holds only pixels: nothing from the source's info can be written.
    clean = Image.frombytes(img.mode, img.size, img.tobytes())
    resolution = (round(new_dpi), round(new_dpi))
    if clean.mode == "1":
        path = target.with_suffix(".tif")
        clean.save(path, "TIFF", compression="group4", dpi=resolution)
    elif original.format == "JPEG":
        path = target.with_suffix(".jpg")
        clean.save(path, "JPEG", quality=JPEG_QUALITY, dpi=resolution, optimize=True)
    else:
        path = target.with_suffix(".png")
        clean.save(path, "PNG", dpi=resolution, optimize=True)
    return path


def _plausible_dpi(value: object) -> float | None:
    """Scanner output states its resolution; phones say 72 (or nothing)."""
    if isinstance(value, tuple) and len(value) >= 2:
        try:
            x, y = float(value[0]), float(value[1])
        except (TypeError, ValueError):
            return None
        if 100 <= x <= 2400 and abs(x - y) < 1:
            return x
    return None


def _to_srgb(img: Any, icc: object) -> Any:
    """RGB, L or 1: transparency over white, CMYK/palette/16-bit converted, a colour
    profile applied and then dropped."""
    from PIL import Image, ImageCms

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba).convert("RGB")
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    if img.mode not in ("RGB", "L", "1"):
        img = img.convert("RGB")
    if isinstance(icc, bytes) and icc and img.mode == "RGB":
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            img = ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"))
        except Exception:  # a broken or unusual profile: keep the pixels as they are
            pass
    return img


def _append_pdf(out: Any, source: Path, removed: list[str]) -> None:
    """The pages of a PDF, without annotations, actions, thumbnails or page metadata."""
    import pikepdf

    try:
        src = pikepdf.open(source)
    except pikepdf.PasswordError:
        raise ConfigError(f"{source} berkata sandi; buka kuncinya dulu") from None
    except Exception as exc:
        raise ConfigError(f"{source} bukan PDF yang dapat dibaca ({type(exc).__name__})") from None
    with src:
        named = [str(k)[1:] for k in src.docinfo if str(k) != "/Title"]
        if "/Metadata" in src.Root:
            named.append("XMP")
        if named:
            removed.append(f"{source.name}: metadata dokumen ({', '.join(named)})")
        if len(src.pages) > MAX_INPUT_PAGES:
            raise ConfigError(f"{source} berisi lebih dari {MAX_INPUT_PAGES} halaman")
        start = len(out.pages)
        out.pages.extend(src.pages)
    for page in out.pages[start:]:
        for key in ("/Annots", "/AA", "/Metadata", "/PieceInfo", "/Thumb", "/B"):
            if key in page.obj:
                del page.obj[key]


# -- step 2: OCR and PDF/A --------------------------------------------------------------


def _run_ocrmypdf(
    ocrmypdf: str, source: Path, target: Path, languages: str, pages: int, notes: list[str]
) -> bool:
    """Returns True when the result is PDF/A."""
    supported = _supported_options(ocrmypdf)
    args = [ocrmypdf, "--output-type", "pdfa", "-l", languages]
    if "--optimize" in supported:
        args += ["--optimize", "1"]
    if "--rotate-pages" in supported and "osd" in _tesseract_languages():
        args.append("--rotate-pages")
    if "--deskew" in supported:
        args.append("--deskew")
    if "--skip-text" in supported:
        args.append("--skip-text")
    left_out = [o for o in _WANTED_OPTIONS if o not in supported]
    if left_out:
        notes.append("ocrmypdf ini tidak mendukung " + ", ".join(left_out))
    args += ["--jobs", str(max(1, min(os.cpu_count() or 1, 4))), str(source), str(target)]
    timeout = OCRMYPDF_BASE_TIMEOUT + OCRMYPDF_PAGE_TIMEOUT * pages
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # ocrmypdf starts tesseract and ghostscript: stop them all
    )
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConfigError(f"ocrmypdf melewati batas waktu {timeout:.0f} detik") from None
    except BaseException:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    # 10: PDF/A conversion failed but a valid PDF was written.
    if process.returncode not in (0, 10) or not target.is_file():
        tail = printable(err.decode("utf-8", "replace").strip()[-1500:])
        raise ConfigError(f"ocrmypdf gagal (kode keluar {process.returncode}):\n{tail}")
    return process.returncode == 0


def _supported_options(ocrmypdf: str) -> set[str]:
    try:
        done = subprocess.run([ocrmypdf, "--help"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    text = done.stdout.decode("utf-8", "replace")
    return {o for o in _WANTED_OPTIONS if o in text}


# -- step 3: metadata -------------------------------------------------------------------

_KEEP_XMP = (
    "{http://www.aiim.org/pdfa/ns/id/}part",
    "{http://www.aiim.org/pdfa/ns/id/}conformance",
)
_JPEG_KEEP = frozenset({0xE0, 0xE2, 0xEE})  # APP0 JFIF, APP2 ICC, APP14 Adobe (colour transform)


def _clean_metadata(source: Path, target: Path, judul: str) -> int:
    """Only the title and the PDF/A identification remain; returns the page count."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key in list(meta):
                if key not in _KEEP_XMP:
                    del meta[key]
            meta["dc:title"] = judul
        for key in list(pdf.docinfo.keys()):
            del pdf.docinfo[key]
        pdf.docinfo["/Title"] = judul
        for page in pdf.pages:
            for key in ("/Metadata", "/PieceInfo", "/Thumb"):
                if key in page.obj:
                    del page.obj[key]
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            if "/Metadata" in obj:  # XMP of an image or form (the catalog is no stream)
                del obj["/Metadata"]
            if obj.get("/Subtype") == "/Image" and _is_jpeg(obj.get("/Filter")):
                raw = _jpeg_bytes(obj)
                stripped = strip_jpeg_metadata(raw)
                if stripped != raw:
                    obj.write(stripped, filter=pikepdf.Name.DCTDecode)
        pdf.save(target)
        return len(pdf.pages)


def _is_jpeg(filters: object) -> bool:
    """Only /DCTDecode, possibly behind Flate: the JPEG bytes can then be rewritten."""
    import pikepdf

    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
    return bool(names) and names[-1] == "/DCTDecode" and set(names[:-1]) <= {"/FlateDecode"}


def _jpeg_bytes(stream: Any) -> bytes:
    """The JPEG inside an image stream, Flate layers (ghostscript adds one) undone."""
    data: bytes = stream.read_raw_bytes()
    filters = stream.get("/Filter")
    import pikepdf

    for _ in range(len(filters) - 1 if isinstance(filters, pikepdf.Array) else 0):
        inflate = zlib.decompressobj()
        data = inflate.decompress(data, MAX_JPEG_BYTES)
        if inflate.unconsumed_tail:
            raise ConfigError("gambar di dalam PDF hasil terlalu besar")
    return data


def strip_jpeg_metadata(data: bytes) -> bytes:
    """A JPEG without its APPn segments (EXIF, XMP, IPTC, maker notes) and comments; JFIF,
    ICC and Adobe segments stay. Anything not understood is returned unchanged."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return data
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            return data
        is_meta = (0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP) or marker == 0xFE
        if not is_meta:
            out += data[pos:end]
        pos = end
    return data


def _publish(final: Path, output: Path) -> None:
    """Copy into place without ever replacing an existing file."""
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ConfigError(f"{output} sudah ada; pilih nama lain dengan --keluaran") from None
    except OSError as exc:
        raise ConfigError(f"{output} tidak dapat ditulis: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as dst, open(final, "rb") as src:
            shutil.copyfileobj(src, dst)
    except BaseException:
        output.unlink(missing_ok=True)
        raise


# -- step 4: inspect the result -----------------------------------------------------------


def _inspect(path: Path) -> Report:
    from .ocr import find_ocr

    try:
        from .pdf import inspect_pdf  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _inspect_text_layer(path)
    report: Report = inspect_pdf(path, find_ocr())
    return report


def _inspect_text_layer(path: Path) -> Report:
    """Used only while the PDF inspector is not installed: the text layer of every page
    and the document metadata, searched for NIK/KK numbers."""
    from pypdf import PdfReader

    from ..pii import mask_number

    report = Report(kind="pdf")
    reader = PdfReader(path)
    report.pages = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        if text.strip():
            report.text_pages += 1
        for found in find_personal_numbers(text):
            report.findings.append(
                Finding(
                    "DIP-E507",
                    f"{found.kind} {mask_number(found.digits)} di halaman {number}",
                    page=number,
                )
            )
    metadata = " \n".join(str(v) for v in (reader.metadata or {}).values())
    xmp = reader.root_object.get("/Metadata")
    if xmp is not None:
        metadata += "\n" + xmp.get_object().get_data().decode("utf-8", "replace")
    for found in find_personal_numbers(metadata):
        report.findings.append(
            Finding("DIP-E504", f"{found.kind} {mask_number(found.digits)} di metadata PDF")
        )
    return report


# -- names and the item.yaml entry --------------------------------------------------------


def default_output_name(judul: str | None, first_input: Path) -> str:
    """`[a-z0-9._-]` name from the title, else from the first input's name."""
    from ..new import slug

    base = slug(judul) if judul else slug(first_input.stem)
    return f"{base[:100].rstrip('-.')}.pdf"


def default_title(first_input: Path) -> str:
    words = re.sub(r"[-_.]+", " ", first_input.stem).strip()
    title = words[:1].upper() + words[1:]
    return title if len(title) >= 3 else "Lampiran hasil pindaian"


def lampiran_entry(name: str, judul: str) -> str:
    """The entry to paste under `lampiran:` in item.yaml, as `dip new` writes it."""
    from ..emit import emit_item

    text = emit_item(
        {"lampiran": [{"berkas": name, "judul": judul, "sumber": "pindaian"}]}, ["lampiran"]
    )
    return text.split("\n", 1)[1]  # without the "lampiran:" line


# -- the command --------------------------------------------------------------------------


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
