"""Fixture builders for images, office files and text files: every hostile or clean file
the scan tests need is made here, in code (nothing binary is committed)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFont, PngImagePlugin

# A NIK with a valid layout (Pontianak, born 23-05-90, serial 0001) and a woman's one.
NIK = "6171012305900001"
NIK_SPACED = "6171 0123 0590 0001"
NIK_WOMAN = "6171016305900002"
# Numbers that must never be reported: phone, 18-digit NIP, NPWP, a masked NIK.
CONTROLS = (
    "Telepon 0812 3456 7890 / +62 561 734 567",
    "NIP 19800523 200501 1 001",
    "NPWP 01.234.567.8-701.000",
    "NIK 6171********0001",
)

GPS = {1: "N", 2: (0.0, 1.0, 30.0), 3: "E", 4: (109.0, 20.0, 1.5)}  # near Pontianak


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def text_image(lines: list[str], size: tuple[int, int] = (1700, 1100), pt: int = 56) -> Image.Image:
    """Black text on white, large and clear so tesseract reads it reliably."""
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    face = font(pt)
    y = 80
    for line in lines:
        draw.text((80, y), line, fill="black", font=face)
        y += int(pt * 1.6)
    return img


def exif_bytes(
    *, gps: bool = False, artist: str | None = None, extra: dict[int, object] | None = None
) -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "Ponsel Uji"  # Model: harmless
    if artist is not None:
        exif[0x013B] = artist
    if gps:
        exif[ExifTags.IFD.GPSInfo] = GPS
    for tag, value in (extra or {}).items():
        exif[tag] = value
    return exif.tobytes()


def jpeg(
    path: Path,
    img: Image.Image | None = None,
    *,
    gps: bool = False,
    artist: str | None = None,
    extra: dict[int, object] | None = None,
    orientation: int | None = None,
) -> Path:
    img = img or text_image(["Laporan kegiatan pelayanan"])
    tags = dict(extra or {})
    if orientation is not None:
        tags[0x0112] = orientation
    if gps or artist is not None or tags:
        img.save(path, "JPEG", quality=90, exif=exif_bytes(gps=gps, artist=artist, extra=tags))
    else:
        img.save(path, "JPEG", quality=90)
    return path


def png_with_text(path: Path, chunks: dict[str, str], img: Image.Image | None = None) -> Path:
    info = PngImagePlugin.PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    (img or Image.new("RGB", (64, 64), "white")).save(path, "PNG", pnginfo=info)
    return path


def png_claiming_size(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims width×height pixels (a pixel bomb)."""
    buf = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    path.write_bytes(bytes(data))
    return path


def truncated_jpeg(path: Path) -> Path:
    buf = io.BytesIO()
    text_image(["Terpotong"], (800, 600)).save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) // 2])
    return path


def tiff_frames(path: Path, count: int, size: tuple[int, int] = (16, 16)) -> Path:
    frames = [Image.new("L", size, 255) for _ in range(count)]
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:])
    return path


# -- office files -------------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{main}"/>
<Override PartName="/docProps/core.xml" ContentType="{core}"/>
</Types>"""
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_body(paragraphs: list[str | list[str]]) -> str:
    """document.xml; a paragraph given as a list is split into runs (as Word does)."""
    out = []
    for para in paragraphs:
        runs = [para] if isinstance(para, str) else para
        out.append("<w:p>" + "".join(f"<w:r><w:t>{r}</w:t></w:r>" for r in runs) + "</w:p>")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(out)}</w:body></w:document>'
    )


def core_xml(creator: str = "Petugas PPID", title: str = "Laporan") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>"
        "</cp:coreProperties>"
    )


def docx(
    path: Path,
    paragraphs: list[str | list[str]] | None = None,
    *,
    creator: str = "Petugas PPID",
    extra: dict[str, bytes | str] | None = None,
    main_type: str = DOCX_MAIN,
) -> Path:
    entries: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES.format(main=main_type, core=CORE_TYPE),
        "_rels/.rels": RELS,
        "word/document.xml": docx_body(paragraphs or ["Laporan kegiatan pelayanan 2024."]),
        "docProps/core.xml": core_xml(creator),
    }
    entries.update(extra or {})
    return write_zip(path, entries)


def write_zip(
    path: Path, entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def odt(
    path: Path, text: str = "Laporan kegiatan", extra: dict[str, bytes | str] | None = None
) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:text><text:p>{text}</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    entries: dict[str, bytes | str] = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": content,
        "META-INF/manifest.xml": manifest,
    }
    entries.update(extra or {})
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return path
