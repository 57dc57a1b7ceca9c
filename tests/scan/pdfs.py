"""PDF fixtures for the PDF inspector, built in code: raw bytes where the structure itself
is the point (broken xref, loops, escaped names, incremental updates), reportlab for real
text layers, pikepdf for encryption, attachments and XMP, img2pdf for scans."""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import img2pdf
import pikepdf
import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

# Kota Pontianak (61.71), Kecamatan Pontianak Barat (61.71.03), a woman born 17-08-1985
# (day 17 + 40), serial 0003: a NIK a Disdukcapil Kalbar document could really contain.
NIK = "6171035708850003"
NIK_GROUPED = "6171 0357 0885 0003"
MASKED = "6171********0003"
# Pontianak Utara (61.71.04), a man born 12-01-1979; and a KK issued 02-08-2015.
NIK_MAN = "6171041201790002"
KK = "6171030208150007"
# Numbers that look long and official but are not NIK/KK: none may be reported.
CONTROLS = (
    "NIP 198507172010011003",  # 18 digits: born 17-07-1985, TMT 2010-01, man, 003
    "NIP 19850717 201001 1 003",
    "Telepon (0561) 734567, HP 0812-5678-9012, WhatsApp +62 813 4567 8901",
    "NPWP 09.254.294.3-407.000",
    "NPWP badan 0092542943407000",
    "NIK 6171xxxxxxxx0003 dan 6171********0003 (sudah disamarkan)",
    "Anggaran Rp 1.234.567.890.123,00 tahun 2019 2020 2021 2022",
)
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


# --- raw PDFs -------------------------------------------------------------------------------


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    """The body of a stream object."""
    if compress:
        data = zlib.compress(data, 9)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_content(*lines: str) -> bytes:
    """A content stream drawing ``lines`` in Helvetica, one under the other."""
    ops = [b"BT /F1 12 Tf 72 760 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def build(
    objects: dict[int, bytes], root: int = 1, info: int | None = None, trailer: bytes = b""
) -> bytes:
    """A classic PDF (xref table) from object bodies keyed by object number."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (size, root)
    if info is not None:
        out += b" /Info %d 0 R" % info
    out += trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def append_revision(
    base: bytes, objects: dict[int, bytes], root: int = 1, info: int | None = None
) -> bytes:
    """An incremental update: ``objects`` appended with their own xref section and /Prev."""
    prev = int(re.findall(rb"startxref\s+(\d+)", base)[-1])
    size = int(re.findall(rb"/Size (\d+)", base)[-1])
    out = bytearray(base)
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(size, max(objects) + 1)
    xref = len(out)
    out += b"xref\n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d" % (size, root, prev)
    if info is not None:
        out += b" /Info %d 0 R" % info
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def one_page(
    content: bytes = b"",
    catalog: bytes = b"",
    page: bytes = b"",
    extra: dict[int, bytes] | None = None,
    info: int | None = None,
) -> bytes:
    """Catalog 1, pages 2, page 3, content 4, font 5, then ``extra`` objects (10 and up)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R" + catalog + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >>" + page + b" >>",
        4: stream(content or text_content("Laporan pelayanan administrasi kependudukan.")),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        **(extra or {}),
    }
    return build(objects, info=info)


def broken_xref() -> bytes:
    """Every xref offset points 7 bytes too far: readers have to rebuild the table."""
    data = one_page(text_content("Isi"))
    return re.sub(
        rb"(\d{10}) 00000 n",
        lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7),
        data,
    )


def startxref_nowhere() -> bytes:
    data = one_page(text_content("Isi"))
    return re.sub(rb"startxref\n\d+", b"startxref\n9", data)


def page_tree_loop() -> bytes:
    """/Pages lists itself among its kids."""
    return build(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            4: stream(b"BT ET"),
        }
    )


def length_loop() -> bytes:
    """A content stream whose /Length is a reference to the stream itself."""
    body = text_content("Isi")
    return one_page(extra={4: b"<< /Length 4 0 R >>\nstream\n" + body + b"\nendstream"})


def nested_arrays(depth: int = 5000) -> bytes:
    return one_page(catalog=b" /Deep " + b"[" * depth + b"]" * depth)


def flate_bomb(size: int = 80 * 1024 * 1024) -> bytes:
    """A page content stream of ~100 KB that inflates past pypdf's 75 MB limit."""
    return one_page(extra={4: stream(b" " * size, compress=True)})


# --- reportlab PDFs -------------------------------------------------------------------------


Draw = Callable[[canvas.Canvas, int], None]


def report(pages: list[list[str]], draw: Draw | None = None) -> bytes:
    """A text PDF: each page a list of lines; ``draw(canvas, page_index)`` adds more."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    c.setTitle("Laporan Kinerja Disdukcapil Provinsi Kalimantan Barat")
    c.setAuthor("PPID Pembantu Disdukcapil Kalbar")
    for index, lines in enumerate(pages):
        c.setFont("Helvetica", 11)
        y = 800
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        if draw is not None:
            draw(c, index)
        c.showPage()
    c.save()
    return buf.getvalue()


def clean_report(pages: int = 10) -> bytes:
    body = (
        "Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat melaksanakan",
        "pelayanan administrasi kependudukan sesuai standar pelayanan minimal tahun 2023.",
        "Jumlah dokumen yang diterbitkan: 12.345 KTP-el, 6.789 KK, 2.468 akta kelahiran.",
        "Anggaran kegiatan Rp 1.234.567.890 dengan realisasi 97,5 persen.",
    )
    return report(
        [
            [f"Bab {n}. Laporan Kinerja Tahun 2023", *body * 8, f"Halaman {n} dari {pages}"]
            for n in range(1, pages + 1)
        ]
    )


def under_black_box() -> bytes:
    """The NIK is drawn, then painted over with a black rectangle (a fake redaction)."""

    def box(c: canvas.Canvas, _index: int) -> None:
        c.setFillColorRGB(0, 0, 0)
        c.rect(60, 600, 300, 30, stroke=0, fill=1)

    return report([["Surat keterangan domisili"]], draw=_draw_then(box, f"NIK: {NIK}", 610))


def split_digits() -> bytes:
    """Three numbers no single reading gets right.

    NIK drawn glyph by glyph from right to left (drawing order reads it backwards: only
    reading by position joins it), NIK_MAN wrapped over two lines of a narrow table cell
    (only collapsing the line break joins it), KK in four columns far apart.
    """

    def draw(c: canvas.Canvas, _index: int) -> None:
        c.setFont("Helvetica", 11)
        for i in reversed(range(len(NIK))):
            c.drawString(72 + i * 9, 600, NIK[i])
        c.drawString(72, 560, "NIK pemohon:")
        c.drawString(300, 560, NIK_MAN[:10])
        c.drawString(300, 547, NIK_MAN[10:])
        for i in range(4):
            c.drawString(72 + i * 80, 500, KK[4 * i : 4 * i + 4])

    return report([["Daftar pemohon"]], draw=draw)


def wavy_and_tilted() -> bytes:
    """NIK glyphs on a wavy baseline, NIK_MAN tilted 33 degrees: reading by position
    scatters them over lines, drawing order keeps them together."""

    def draw(c: canvas.Canvas, _index: int) -> None:
        c.setFont("Helvetica", 11)
        for i, digit in enumerate(NIK):
            c.drawString(72 + i * 7, 600 + (-4, 0, 4)[i * 7 % 3], digit)
        c.saveState()
        c.translate(100, 300)
        c.rotate(33)
        c.drawString(0, 0, f"NIK {NIK_MAN}")
        c.restoreState()

    return report([["Daftar pemohon"]], draw=draw)


def with_bookmarks(count: int, last: str = "Penutup") -> bytes:
    """A long outline: a chain of /Next references, each one an object of its own."""

    def marks(c: canvas.Canvas, index: int) -> None:
        for n in range(count):
            c.bookmarkPage(f"b{n}")
            title = last if n == count - 1 else f"Bagian {n + 1}"
            c.addOutlineEntry(title, f"b{n}", level=0)

    return report([["Daftar isi"]], draw=marks)


def form_field(value: str, name: str = "nik_pemohon") -> bytes:
    def field(c: canvas.Canvas, _index: int) -> None:
        c.acroForm.textfield(name=name, value=value, x=72, y=500, width=300, height=20)

    return report([["Formulir permohonan"]], draw=field)


def _draw_then(after: Draw, text: str, y: int) -> Draw:
    def draw(c: canvas.Canvas, index: int) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, y, text)
        after(c, index)

    return draw


# --- pikepdf --------------------------------------------------------------------------------


def _pikepdf(data: bytes, edit: Callable[[pikepdf.Pdf], None] | None, **save: Any) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if edit is not None:
            edit(pdf)
        out = io.BytesIO()
        pdf.save(out, **save)
        return out.getvalue()


def encrypted(user: str, owner: str = "pemilik-rahasia", aes: bool = True) -> bytes:
    """AES-256 (R6) by default; RC4-128 (R3) when ``aes`` is False."""
    encryption = (
        pikepdf.Encryption(user=user, owner=owner, R=6)
        if aes
        else pikepdf.Encryption(user=user, owner=owner, R=3, aes=False, metadata=False)
    )
    return _pikepdf(clean_report(1), None, encryption=encryption)


def with_attachment(name: str, data: bytes = b"daftar hadir rapat\n") -> bytes:
    def attach(pdf: pikepdf.Pdf) -> None:
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, data, description="lampiran")

    return _pikepdf(clean_report(1), attach)


def with_xmp(description: str) -> bytes:
    def xmp(pdf: pikepdf.Pdf) -> None:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:description"] = description

    return _pikepdf(clean_report(1), xmp)


def with_info(**fields: str) -> bytes:
    def info(pdf: pikepdf.Pdf) -> None:
        for key, value in fields.items():
            pdf.docinfo[f"/{key}"] = value

    return _pikepdf(clean_report(1), info)


def linearized() -> bytes:
    return _pikepdf(clean_report(3), None, linearize=True)


# --- scans ----------------------------------------------------------------------------------


def scanned_page(lines: list[str]) -> bytes:
    """One page that is only a picture of text (no text layer), as a scanner makes it."""
    return scanned_pages([lines])


def scanned_pages(pages: list[list[str]]) -> bytes:
    """Pictures of text, one per page, as img2pdf (and `dip lampiran siapkan`) makes them."""
    pdf = img2pdf.convert([_png(lines) for lines in pages])
    assert isinstance(pdf, bytes)
    return pdf


def report_with_photo(photo_size: tuple[int, int] = (800, 500)) -> bytes:
    """A digital report with a picture pasted in (a photographed KTP, say)."""
    png = _png(["KARTU TANDA PENDUDUK"], photo_size, 30)

    def paste(c: canvas.Canvas, _index: int) -> None:
        c.drawImage(ImageReader(io.BytesIO(png)), 72, 300, 400, 250)

    lines = ["Laporan kegiatan pelayanan keliling di Kabupaten Sambas"] * 20
    return report([lines], draw=paste)


def ocr_layered_scan(text: str) -> bytes:
    """A scanned page with its OCR text layer: the picture, and the same words drawn
    invisibly (render mode 3) on top, as ocrmypdf and `dip lampiran siapkan` make it."""
    png = _png(["SURAT KETERANGAN", text])

    def layer(c: canvas.Canvas, _index: int) -> None:
        c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, *A4)
        t = c.beginText(50, 780)
        t.setTextRenderMode(3)
        t.setFont("Helvetica", 16)
        t.textLines(["SURAT KETERANGAN", text])
        c.drawText(t)

    return report([[]], draw=layer)


def _png(lines: list[str], size: tuple[int, int] = (1654, 2339), pt: int = 44) -> bytes:
    """Black text on white; A4 at 200 dpi by default."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(VERA), pt)
    y = 150
    for line in lines:
        draw.text((100, y), line, fill=0, font=font)
        y += pt * 2
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


def redacted_by_update() -> bytes:
    """Revision 1 shows the NIK; revision 2 replaces the page content and the Info author.

    A viewer shows only revision 2; cutting the file at the first %%EOF shows revision 1.
    """
    first = one_page(
        text_content("Surat keterangan", f"NIK pemohon: {NIK_GROUPED}"),
        extra={10: b"<< /Author (Operator " + KK.encode() + b") >>"},
        info=10,
    )
    return append_revision(
        first,
        {
            4: stream(text_content("Surat keterangan", "NIK pemohon: (disamarkan)")),
            11: b"<< /Author (PPID Pembantu) >>",
        },
        info=11,
    )


def many_revisions(count: int) -> bytes:
    data = one_page(text_content("Revisi 1"))
    for n in range(2, count + 1):
        data = append_revision(data, {4: stream(text_content(f"Revisi {n}"))})
    return data


def scan_replaced_by_update() -> bytes:
    """Revision 1 is a scanned page (an image, no text); revision 2 replaces it with text."""
    pixels = zlib.compress(bytes(range(256)) * (600 * 500 // 256), 9)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 600 /Height 500 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    first = one_page(
        b"q 500 0 0 400 40 400 cm /Im1 Do Q",
        page=b" /Resources << /XObject << /Im1 10 0 R >> >>",
        extra={10: image},
    )
    return append_revision(
        first,
        {
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            4: stream(text_content("Halaman ini diganti dengan versi yang sudah disamarkan.")),
        },
    )


def script_removed_by_update() -> bytes:
    first = one_page(catalog=b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")
    return append_revision(first, {1: b"<< /Type /Catalog /Pages 2 0 R >>"})
