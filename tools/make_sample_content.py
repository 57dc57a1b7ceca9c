#!/usr/bin/env python3
"""Generate the sample DIP content under ``content/dip/``.

This script is the source of truth for the sample items: the ITEMS table below
becomes one folder per item with ``item.yaml`` and its PDF attachments.  The
output is deterministic (fixed PDF metadata and dates, seeded scan noise), so
running it again produces byte-identical files and no diff.

Attachments marked ``sumber: pindaian`` are made to look like ``ocrmypdf``
output: every page is a greyscale JPEG "scan" of the rendered text (slightly
rotated, paper texture, soft focus) with an invisible text layer on top, so the
text stays extractable.

All figures, numbers and events in the documents are illustrative; every page
says so in its footer.  No personal names, NIP, NIK or KK numbers appear anywhere.

Usage: python tools/make_sample_content.py   (needs reportlab, pillow, pyyaml)
"""

from __future__ import annotations

import functools
import io
import json
import math
import os
import random
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

os.environ.pop("SOURCE_DATE_EPOCH", None)  # reportlab would use it for dates and the file ID

import reportlab
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.emit import emit_item
from pipeline.site.labels import tanggal

rl_config.useA85 = 0  # embed JPEG bytes as they are, not ASCII85-inflated

ROOT = Path(__file__).resolve().parents[1]
DIP_DIR = ROOT / "content" / "dip"
UNITS_FILE = ROOT / "content" / "units.yaml"

AUTHOR = "PPID Pembantu Disdukcapil Provinsi Kalimantan Barat"
CREATOR = "tools/make_sample_content.py"
FOOTER_NOTE = "Dokumen contoh untuk uji coba sistem DIP. Isi dan angka bersifat ilustratif."
ADDRESS = "Jalan Ahmad Sood Nomor 25, Pontianak  -  Telepon (0561) 583047"
WEB = "Laman: dukcapil.kalbarprov.go.id  -  Pos-el: dukcapil@kalbarprov.go.id"
KADIS = "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL PROVINSI KALIMANTAN BARAT,"

MAX_DIGITAL_BYTES = 30_000
MAX_SCAN_BYTES = 120_000

# --------------------------------------------------------------------------
# Document blocks (what a page says); the composer turns them into draw ops.
# --------------------------------------------------------------------------

Block = tuple[Any, ...]


def KOP() -> Block:
    return ("kop",)


def TITLE(text: str, size: float = 12) -> Block:
    return ("title", text, size)


def C(text: str, font: str = "R", size: float = 10) -> Block:
    return ("center", text, font, size)


def H(text: str) -> Block:
    return ("h", text)


def P(text: str) -> Block:
    return ("p", text)


def L(items: Iterable[str], style: str = "1") -> Block:
    return ("list", list(items), style)


def KV(pairs: Iterable[tuple[str, str]], keyw: float = 130) -> Block:
    return ("kv", list(pairs), keyw)


def TB(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    aligns: str | None = None,
    size: float = 8.5,
) -> Block:
    return ("table", header, rows, widths, aligns or "L" * len(header), size)


def SIGN(place_date: str | None, jabatan: str, left: str | None = None) -> Block:
    return ("sign", place_date, jabatan, left)


def SP(height: float = 8) -> Block:
    return ("space", height)


def PB() -> Block:
    return ("pagebreak",)


def NOTE(text: str) -> Block:
    return ("note", text)


def COVER(lines: list[tuple[str, float]]) -> Block:
    return ("cover", lines)


def ORGCHART() -> Block:
    return ("orgchart",)


# --------------------------------------------------------------------------
# Layout
# --------------------------------------------------------------------------

PAGE_W, PAGE_H = A4
ML, MR, MT, MB = 68.0, 56.0, 46.0, 66.0
CW = PAGE_W - ML - MR
Measure = Callable[[str, str, float], float]
Op = tuple[Any, ...]


def wrap(measure: Measure, text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; words longer than the width are split."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in para.split(" "):
            cand = f"{cur} {word}" if cur else word
            if measure(cand, font, size) <= width:
                cur = cand
                continue
            if cur:
                lines.append(cur)
            cur = word
            while measure(cur, font, size) > width and len(cur) > 1:
                cut = len(cur)
                while cut > 1 and measure(cur[:cut], font, size) > width:
                    cut -= 1
                lines.append(cur[:cut])
                cur = cur[cut:]
        lines.append(cur)
    return lines


class Composer:
    """Lays blocks out on A4 pages as a list of draw operations per page."""

    def __init__(self, measure: Measure, scan: bool) -> None:
        self.m = measure
        self.scan = scan
        self.pages: list[list[Op]] = []
        self.new_page()

    # -- primitives
    def new_page(self) -> None:
        self.ops: list[Op] = []
        self.pages.append(self.ops)
        self.y = PAGE_H - MT

    def need(self, h: float) -> None:
        if self.y - h < MB and self.y < PAGE_H - MT - 1:
            self.new_page()

    def text(self, x: float, y: float, s: str, font: str = "R", size: float = 10) -> None:
        if s:
            self.ops.append(("text", x, y, s, font, size))

    def ctext(self, cx: float, y: float, s: str, font: str = "R", size: float = 10) -> None:
        self.text(cx - self.m(s, font, size) / 2, y, s, font, size)

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6) -> None:
        self.ops.append(("line", x1, y1, x2, y2, w))

    def rect(
        self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None
    ) -> None:
        self.ops.append(("rect", x, y, w, h, lw, fill))

    def lines(self, x: float, rows: list[str], font: str, size: float, leading: float) -> None:
        for row in rows:
            self.need(leading)
            self.y -= leading
            self.text(x, self.y, row, font, size)

    # -- blocks
    def run(self, blocks: list[Block]) -> list[list[Op]]:
        for b in blocks:
            getattr(self, "b_" + b[0])(*b[1:])
        return self.pages

    def b_kop(self) -> None:
        top = self.y
        x0, y0 = ML + 4, top - 4
        shield = [(x0, y0), (x0 + 40, y0), (x0 + 40, y0 - 30), (x0 + 20, y0 - 50), (x0, y0 - 30)]
        self.ops.append(("poly", shield, 1.2))
        cx0, cy0 = x0 + 20, y0 - 24
        inner = [(cx0 + (x - cx0) * 0.72, cy0 + (y - cy0) * 0.72) for x, y in shield]
        self.ops.append(("poly", inner, 0.5))
        cx = ML + CW / 2 + 24
        self.ctext(cx, top - 14, "PEMERINTAH PROVINSI KALIMANTAN BARAT", "B", 12.5)
        self.ctext(cx, top - 30, "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "B", 13.5)
        self.ctext(cx, top - 43, ADDRESS, "R", 8)
        self.ctext(cx, top - 53, WEB, "R", 8)
        self.y = top - 60
        self.line(ML, self.y, ML + CW, self.y, 1.8)
        self.line(ML, self.y - 2.6, ML + CW, self.y - 2.6, 0.5)
        self.y -= 10

    def b_title(self, text: str, size: float) -> None:
        rows = wrap(self.m, text, "B", size, CW - 40)
        self.need(len(rows) * size * 1.3 + 10)
        self.y -= 6
        for row in rows:
            self.y -= size * 1.3
            self.ctext(ML + CW / 2, self.y, row, "B", size)
        self.y -= 4

    def b_center(self, text: str, font: str, size: float) -> None:
        for row in wrap(self.m, text, font, size, CW - 40):
            self.need(size * 1.35)
            self.y -= size * 1.35
            self.ctext(ML + CW / 2, self.y, row, font, size)

    def b_h(self, text: str) -> None:
        self.need(44)
        self.y -= 8
        self.lines(ML, wrap(self.m, text, "B", 10.5, CW), "B", 10.5, 14)
        self.y -= 2

    def b_p(self, text: str) -> None:
        self.lines(ML, wrap(self.m, text, "R", 10, CW), "R", 10, 13.6)
        self.y -= 5

    def b_note(self, text: str) -> None:
        self.lines(ML, wrap(self.m, text, "I", 8.5, CW), "I", 8.5, 11)
        self.y -= 4

    def b_space(self, height: float) -> None:
        self.y -= height

    def b_pagebreak(self) -> None:
        self.new_page()

    def b_list(self, items: list[str], style: str) -> None:
        for i, item in enumerate(items):
            if style == "1":
                mark = f"{i + 1}."
            elif style == "a":
                mark = f"{chr(ord('a') + i)}."
            else:
                mark = "\u2022"
            rows = wrap(self.m, item, "R", 10, CW - 22)
            self.need(13.6)
            self.y -= 13.6
            self.text(ML + 4, self.y, mark, "R", 10)
            self.text(ML + 22, self.y, rows[0], "R", 10)
            self.lines(ML + 22, rows[1:], "R", 10, 13.6)
            self.y -= 1.5
        self.y -= 4

    def b_kv(self, pairs: list[tuple[str, str]], keyw: float) -> None:
        for key, value in pairs:
            krows = wrap(self.m, key, "R", 10, keyw - 6)
            vrows = wrap(self.m, value, "R", 10, CW - keyw - 10)
            n = max(len(krows), len(vrows))
            self.need(n * 13.6)
            for i in range(n):
                self.y -= 13.6
                if i < len(krows):
                    self.text(ML, self.y, krows[i], "R", 10)
                if i == 0 and key:
                    self.text(ML + keyw, self.y, ":", "R", 10)
                if i < len(vrows):
                    self.text(ML + keyw + 8, self.y, vrows[i], "R", 10)
            self.y -= 2
        self.y -= 4

    def b_table(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        aligns: str,
        size: float,
    ) -> None:
        total = sum(widths)
        cols = [w * CW / total for w in widths]
        lead = size * 1.25
        pad = 3.0

        def cell_rows(cells: list[str], font: str) -> list[list[str]]:
            return [wrap(self.m, c, font, size, cols[i] - 2 * pad) for i, c in enumerate(cells)]

        def draw_row(cells: list[str], font: str, fill: float | None, head: bool = False) -> None:
            wrapped = cell_rows(cells, font)
            h = max(len(r) for r in wrapped) * lead + 2 * pad
            top = self.y
            self.rect(ML, top - h, CW, h, 0.5, fill)
            x = ML
            for i, rws in enumerate(wrapped):
                if i:
                    self.line(x, top, x, top - h, 0.5)
                yy = top - pad
                for r in rws:
                    yy -= lead
                    al = "C" if head else aligns[i]
                    wr = self.m(r, font, size)
                    if al == "R":
                        tx = x + cols[i] - pad - wr
                    elif al == "C":
                        tx = x + (cols[i] - wr) / 2
                    else:
                        tx = x + pad
                    self.text(tx, yy + 2.2, r, font, size)
                x += cols[i]
            self.y = top - h

        def row_height(cells: list[str], font: str) -> float:
            return max(len(r) for r in cell_rows(cells, font)) * lead + 2 * pad

        self.y -= 4
        hh = row_height(header, "B")
        self.need(hh + (row_height(rows[0], "R") if rows else 0))
        draw_row(header, "B", 0.88, True)
        for row in rows:
            bold = row[0].startswith("**")
            cells = [c.removeprefix("**") for c in row]
            h = row_height(cells, "B" if bold else "R")
            if self.y - h < MB:
                self.new_page()
                draw_row(header, "B", 0.88, True)
            draw_row(cells, "B" if bold else "R", 0.95 if bold else None)
        self.y -= 8

    def _sign_column(self, x: float, y: float, head: list[str], seed: int, stamp: bool) -> float:
        colw = 235.0
        cx = x + colw / 2
        for row in head:
            y -= 13
            self.ctext(cx, y, row, "R", 10)
        if self.scan:
            if stamp:  # the Dinas stamp belongs to the Dinas signer only
                self.ops.append(("stamp", cx - 38, y - 30, 30))
            self.ops.append(("sig", cx - 10, y - 30, seed))
        else:
            self.ctext(cx, y - 30, "ttd.", "I", 10)
        y -= 62
        self.line(cx - 80, y, cx + 80, y, 0.6)
        return y

    def b_sign(self, place_date: str | None, jabatan: str, left: str | None) -> None:
        colw = 235.0
        head = ([place_date] if place_date else []) + wrap(self.m, jabatan, "R", 10, colw)
        lhead = wrap(self.m, left, "R", 10, colw) if left else []
        n = max(len(head), len(lhead) + (1 if place_date else 0))
        self.need(n * 13 + 90)
        self.y -= 10
        y1 = self._sign_column(ML + CW - colw, self.y, head, 1, True)
        y2 = self.y
        if left:
            pad = [""] if place_date else []
            y2 = self._sign_column(ML, self.y, pad + lhead, 2, False)
        self.y = min(y1, y2) - 10

    def b_cover(self, lines: list[tuple[str, float]]) -> None:
        self.y -= 150
        self.ops.append(
            (
                "poly",
                [
                    (ML + CW / 2 - 35, self.y + 120),
                    (ML + CW / 2 + 35, self.y + 120),
                    (ML + CW / 2 + 35, self.y + 68),
                    (ML + CW / 2, self.y + 40),
                    (ML + CW / 2 - 35, self.y + 68),
                ],
                1.6,
            )
        )
        for text, size in lines:
            if not text:
                self.y -= size
                continue
            for row in wrap(self.m, text, "B", size, CW - 30):
                self.y -= size * 1.45
                self.ctext(ML + CW / 2, self.y, row, "B", size)

    def b_orgchart(self) -> None:
        self.need(300)
        top = self.y - 10

        def box(x: float, y: float, w: float, h: float, label: str, size: float = 8) -> None:
            self.rect(x, y - h, w, h, 0.8)
            rows = wrap(self.m, label, "B", size, w - 8)
            yy = y - (h - len(rows) * size * 1.25) / 2
            for r in rows:
                yy -= size * 1.25
                self.ctext(x + w / 2, yy + 2, r, "B", size)

        mid = ML + CW / 2
        box(mid - 70, top, 140, 30, "KEPALA DINAS")
        self.line(mid, top - 30, mid, top - 150, 0.8)
        box(mid + 60, top - 50, 150, 30, "SEKRETARIAT")
        self.line(mid, top - 65, mid + 60, top - 65, 0.8)
        box(mid + 80, top - 95, 130, 34, "Subbagian Umum dan Aparatur; subbagian lain", 7)
        self.line(mid + 135, top - 80, mid + 135, top - 95, 0.6)
        box(ML, top - 50, 130, 34, "KELOMPOK JABATAN FUNGSIONAL")
        self.line(ML + 130, top - 67, mid, top - 67, 0.8)
        bw = (CW - 30) / 4
        labels = [
            "BIDANG FASILITASI PENDAFTARAN PENDUDUK",
            "BIDANG FASILITASI PENCATATAN SIPIL",
            "BIDANG PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN",
            "BIDANG KELEMBAGAAN",
        ]
        self.line(ML + bw / 2, top - 150, ML + CW - bw / 2, top - 150, 0.8)
        for i, lab in enumerate(labels):
            x = ML + i * (bw + 10)
            self.line(x + bw / 2, top - 150, x + bw / 2, top - 165, 0.8)
            box(x, top - 165, bw, 54, lab, 7.5)
        self.line(mid, top - 150, mid, top - 250, 0.6)
        box(mid - 90, top - 250, 180, 26, "UPTD (bila dibentuk)", 7.5)
        self.y = top - 290


# --------------------------------------------------------------------------
# Rendering: digital PDF and "scanned" PDF
# --------------------------------------------------------------------------

PDF_FONTS = {"R": "Helvetica", "B": "Helvetica-Bold", "I": "Helvetica-Oblique"}
TTF_FILES = {"R": "Vera.ttf", "B": "VeraBd.ttf", "I": "VeraIt.ttf"}
TTF_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
SCAN_DPI = 100
SCAN_SCALE = SCAN_DPI / 72
PAPER, INK = 238, 55


def pdf_measure(s: str, font: str, size: float) -> float:
    return float(stringWidth(s, PDF_FONTS[font], size))


@functools.cache
def ttf(font: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(TTF_DIR / TTF_FILES[font]), px)


def scan_measure(s: str, font: str, size: float) -> float:
    return float(ttf(font, round(size * SCAN_SCALE)).getlength(s)) / SCAN_SCALE


def add_footers(pages: list[list[Op]], measure: Measure) -> None:
    n = len(pages)
    for i, ops in enumerate(pages, 1):
        ops.append(("line", ML, MB - 22, ML + CW, MB - 22, 0.4))
        ops.append(("text", ML, MB - 32, FOOTER_NOTE, "I", 7))
        label = f"Halaman {i} dari {n}"
        ops.append(("text", ML + CW - measure(label, "R", 7.5), MB - 32, label, "R", 7.5))


def pdf_date(value: str) -> tuple[int, int, int]:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return parts[0], parts[1], parts[2]


def new_canvas(buf: io.BytesIO, meta: dict[str, str]) -> Canvas:
    c = Canvas(buf, pagesize=A4, invariant=1, pageCompression=1, lang="id-ID")
    c.setTitle(meta["title"])
    c.setAuthor(AUTHOR)
    c.setSubject(meta["subject"])
    c.setKeywords(meta["keywords"])
    c.setCreator(meta["creator"])
    c.setProducer("ReportLab PDF Library")
    # Creation/modification date = the document's own date (09:00 WIB), never "now".
    ts = c._doc._timeStamp
    y, m, d = pdf_date(meta["date"])
    ts.YMDhms = (y, m, d, 9, 0, 0)
    ts.dhh, ts.dmm = 7, 0
    return c


def render_digital(pages: list[list[Op]], meta: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    c = new_canvas(buf, {**meta, "creator": CREATOR})
    for ops in pages:
        for op in ops:
            kind = op[0]
            if kind == "text":
                _, x, y, s, font, size = op
                c.setFont(PDF_FONTS[font], size)
                c.drawString(x, y, s)
            elif kind == "line":
                _, x1, y1, x2, y2, w = op
                c.setLineWidth(w)
                c.line(x1, y1, x2, y2)
            elif kind == "rect":
                _, x, y, w, h, lw, fill = op
                c.setLineWidth(lw)
                if fill is not None:
                    c.setFillGray(fill)
                c.rect(x, y, w, h, stroke=1, fill=1 if fill is not None else 0)
                c.setFillGray(0)
            elif kind == "poly":
                _, pts, lw = op
                c.setLineWidth(lw)
                path = c.beginPath()
                path.moveTo(*pts[0])
                for p in pts[1:]:
                    path.lineTo(*p)
                path.close()
                c.drawPath(path, stroke=1, fill=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def _px(x: float, y: float) -> tuple[float, float]:
    return x * SCAN_SCALE, (PAGE_H - y) * SCAN_SCALE


def scan_image(ops: list[Op], rng: random.Random, angle: float) -> Image.Image:
    w, h = round(PAGE_W * SCAN_SCALE), round(PAGE_H * SCAN_SCALE)
    img = Image.new("L", (w, h), PAPER)
    d = ImageDraw.Draw(img)
    for op in ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, font, size = op
            d.text(_px(x, y), s, font=ttf(font, round(size * SCAN_SCALE)), fill=INK, anchor="ls")
        elif kind == "line":
            _, x1, y1, x2, y2, lw = op
            d.line([_px(x1, y1), _px(x2, y2)], fill=INK, width=max(1, round(lw * SCAN_SCALE)))
        elif kind == "rect":
            _, x, y, rw, rh, lw, fill = op
            x0, y1 = _px(x, y)
            x1, y0 = _px(x + rw, y + rh)
            d.rectangle(
                [x0, y0, x1, y1],
                outline=INK,
                fill=None if fill is None else round(PAPER * fill),
                width=max(1, round(lw * SCAN_SCALE)),
            )
        elif kind == "poly":
            _, pts, lw = op
            xy = [_px(*p) for p in pts]
            d.line([*xy, xy[0]], fill=INK, width=max(1, round(lw * SCAN_SCALE)), joint="curve")
        elif kind == "stamp":
            _, cx, cy, r = op
            px, py = _px(cx, cy)
            rr = r * SCAN_SCALE
            for k, wd in ((0, 3), (6, 1)):
                d.ellipse(
                    [px - rr + k, py - rr + k, px + rr - k, py + rr - k], outline=150, width=wd
                )
            f = ttf("B", 8)
            for dy, s in ((-9, "PEMPROV"), (0, "KALBAR"), (9, "DUKCAPIL")):
                d.text((px, py + dy), s, font=f, fill=150, anchor="mm")
        elif kind == "sig":
            _, cx, cy, seed = op
            px, py = _px(cx, cy)
            srng = random.Random(f"sig{seed}")
            pts = []
            phase = srng.uniform(0, 3)
            for i in range(160):
                t = i / 159
                # a handwriting-like run of loops drifting right and slightly up
                pts.append(
                    (
                        px - 60 + 130 * t + 11 * math.cos(t * 31 + phase),
                        py + 14 * math.sin(t * 31 + phase) * (1.1 - t) - 12 * t,
                    )
                )
            d.line(pts, fill=45, width=2, joint="curve")
            d.line([(px - 55, py + 18), (px + 70, py + 6)], fill=60, width=1)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=PAPER)
    tw, th = w // 6, h // 6
    texture = Image.frombytes("L", (tw, th), rng.randbytes(tw * th))
    texture = texture.point(lambda v: v * 6 // 255).resize((w, h), Image.Resampling.BILINEAR)
    img = ImageChops.subtract(img, texture)
    d = ImageDraw.Draw(img)
    edge = rng.choice([0, w - 7])
    d.rectangle([edge, 0, edge + 6, h], fill=205)  # scanner lid shadow on one edge
    for _ in range(140):
        d.point((rng.randrange(w), rng.randrange(h)), fill=rng.randrange(90, 200))
    return img.filter(ImageFilter.GaussianBlur(0.6))


def render_scan(pages: list[list[Op]], meta: dict[str, str], seed: str) -> bytes:
    buf = io.BytesIO()
    creator = "Pemindai PPID Pembantu (100 dpi, skala abu-abu) + lapisan teks OCR"
    c = new_canvas(buf, {**meta, "creator": creator})
    for n, ops in enumerate(pages):
        rng = random.Random(f"{seed}/{n}")
        angle = rng.uniform(-0.7, 0.7)
        jpeg = io.BytesIO()
        scan_image(ops, rng, angle).save(
            jpeg, "JPEG", quality=40, optimize=True, dpi=(SCAN_DPI, SCAN_DPI)
        )
        jpeg.seek(0)
        c.drawImage(ImageReader(jpeg), 0, 0, PAGE_W, PAGE_H)
        # invisible text layer, rotated like the page image (as ocrmypdf's hOCR layer)
        c.saveState()
        c.translate(PAGE_W / 2, PAGE_H / 2)
        c.rotate(angle)
        c.translate(-PAGE_W / 2, -PAGE_H / 2)
        for op in ops:
            if op[0] != "text":
                continue
            _, x, y, s, font, size = op
            t = c.beginText()
            t.setTextRenderMode(3)
            t.setFont("Helvetica", size)
            natural = stringWidth(s, "Helvetica", size)
            if natural > 0:
                t.setHorizScale(100 * scan_measure(s, font, size) / natural)
            t.setTextOrigin(x, y)
            t.textOut(s)
            c.drawText(t)
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def make_pdf(blocks: list[Block], scan: bool, meta: dict[str, str], seed: str) -> bytes:
    measure = scan_measure if scan else pdf_measure
    pages = Composer(measure, scan).run(blocks)
    pages = [p for p in pages if p]
    add_footers(pages, measure)
    if scan:
        data = render_scan(pages, meta, seed)
        limit = MAX_SCAN_BYTES
    else:
        data = render_digital(pages, meta)
        limit = MAX_DIGITAL_BYTES
    if len(data) > limit or len(pages) > 4:
        raise SystemExit(
            f"{seed}: {len(data)} bytes, {len(pages)} pages (limit {limit} bytes, 4 pages)"
        )
    return data


# --------------------------------------------------------------------------
# YAML emitter: stable, pretty, dates quoted, long texts as folded blocks
# --------------------------------------------------------------------------

KEY_ORDER = list(
    json.loads((ROOT / "schema" / "item.schema.json").read_text(encoding="utf-8"))["properties"]
)


def to_yaml(item: dict[str, Any]) -> str:
    return emit_item(item, KEY_ORDER)


# --------------------------------------------------------------------------
# Small helpers for Indonesian formats
# --------------------------------------------------------------------------


def tgl(iso: str) -> str:
    return tanggal(iso)  # the site's own Indonesian date format


def angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def rp(n: int) -> str:
    return "Rp " + angka(n)


def pct(x: float, nd: int = 2) -> str:
    return f"{x:.{nd}f}".replace(".", ",") + "%"


def dec(x: float, nd: int = 2) -> str:
    return f"{x:.{nd}f}".replace(".", ",")


KABKOTA = [
    # name, population (semester I 2025, illustrative), % male x10, % wajib KTP-el x10
    ("Kabupaten Sambas", 651_430, 506, 731),
    ("Kabupaten Bengkayang", 298_112, 517, 718),
    ("Kabupaten Landak", 421_905, 516, 722),
    ("Kabupaten Mempawah", 312_447, 509, 727),
    ("Kabupaten Sanggau", 497_268, 518, 720),
    ("Kabupaten Ketapang", 602_331, 519, 716),
    ("Kabupaten Sintang", 443_790, 515, 712),
    ("Kabupaten Kapuas Hulu", 271_604, 514, 715),
    ("Kabupaten Sekadau", 221_973, 516, 713),
    ("Kabupaten Melawi", 219_856, 515, 705),
    ("Kabupaten Kayong Utara", 131_248, 513, 709),
    ("Kabupaten Kubu Raya", 628_517, 510, 728),
    ("Kota Pontianak", 679_354, 500, 748),
    ("Kota Singkawang", 249_872, 504, 739),
]


def agregat_rows(growth_per_mille: int) -> tuple[list[list[str]], int]:
    rows, total, total_l, total_w = [], 0, 0, 0
    for i, (name, pop, male, wajib) in enumerate(KABKOTA, 1):
        pop = pop + pop * growth_per_mille // 1000
        lk = pop * male // 1000
        wk = pop * wajib // 1000
        total, total_l, total_w = total + pop, total_l + lk, total_w + wk
        rows.append(
            [
                str(i),
                name,
                angka(pop),
                pct(100 * lk / pop, 1),
                pct(100 * (pop - lk) / pop, 1),
                angka(wk),
            ]
        )
    rows.append(
        [
            "**",
            "Provinsi Kalimantan Barat",
            angka(total),
            pct(100 * total_l / total, 1),
            pct(100 * (total - total_l) / total, 1),
            angka(total_w),
        ]
    )
    return rows, total


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------
# The document texts and the item table below are hand-aligned data.
# fmt: off

DASAR_KIP = [
    "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;",
    "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
    "Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun "
    "2008 tentang Keterbukaan Informasi Publik;",
    "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;",
    "Peraturan Gubernur Kalimantan Barat Nomor 22 Tahun 2016 tentang Pedoman Pengelolaan "
    "Informasi Publik dan Dokumentasi di Lingkungan Pemerintah Provinsi Kalimantan Barat;",
    "Peraturan Gubernur Kalimantan Barat Nomor 149 Tahun 2021 tentang Kedudukan, Susunan "
    "Organisasi, Tugas dan Fungsi serta Tata Kerja Dinas Kependudukan dan Pencatatan Sipil "
    "Provinsi Kalimantan Barat.",
]


def doc_profil() -> list[Block]:
    return [
        KOP(), TITLE("PROFIL DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL PROVINSI KALIMANTAN BARAT"),
        C("Pemutakhiran Januari 2026"), SP(6),
        H("A. Kedudukan"),
        P("Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat merupakan unsur "
          "pelaksana urusan pemerintahan bidang administrasi kependudukan dan pencatatan sipil "
          "yang "
          "menjadi kewenangan Daerah Provinsi. Dinas dipimpin oleh seorang Kepala Dinas yang "
          "berkedudukan di bawah dan bertanggung jawab kepada Gubernur melalui Sekretaris Daerah. "
          "Kedudukan, susunan organisasi, tugas dan fungsi serta tata kerja Dinas diatur dalam "
          "Peraturan Gubernur Kalimantan Barat Nomor 149 Tahun 2021."),
        H("B. Tugas dan Fungsi"),
        P("Dinas mempunyai tugas membantu Gubernur melaksanakan urusan pemerintahan bidang "
          "administrasi kependudukan dan pencatatan sipil. Dalam melaksanakan tugas tersebut Dinas "
          "menyelenggarakan fungsi:"),
        L(["perumusan kebijakan teknis fasilitasi pendaftaran penduduk dan pencatatan sipil;",
           "fasilitasi dan koordinasi penyelenggaraan administrasi kependudukan di kabupaten/kota;",
           "pengelolaan informasi administrasi kependudukan dan pemanfaatan data kependudukan oleh "
           "perangkat daerah dan lembaga pengguna;",
           "pembinaan kelembagaan serta peningkatan kapasitas aparatur administrasi kependudukan;",
           "pemantauan, evaluasi dan pelaporan; serta",
           "pelaksanaan administrasi Dinas."], "a"),
        H("C. Visi dan Misi"),
        P("Visi: Terwujudnya pelayanan administrasi kependudukan yang tertib, akurat dan "
          "terintegrasi untuk mendukung pembangunan Kalimantan Barat."),
        L(["Meningkatkan kualitas fasilitasi pelayanan pendaftaran penduduk dan pencatatan sipil "
           "di kabupaten/kota.",
           "Meningkatkan kualitas dan pemanfaatan data kependudukan bagi perencanaan pembangunan, "
           "pelayanan publik dan demokrasi.",
           "Meningkatkan akuntabilitas kinerja dan keterbukaan informasi Dinas."]),
        H("D. Jenis Layanan"),
        L(["Konsultasi administrasi kependudukan bagi instansi dan masyarakat.",
           "Informasi, verifikasi dan pemanfaatan data kependudukan bagi lembaga pengguna yang "
           "memiliki perjanjian kerja sama.",
           "Layanan informasi publik melalui PPID Pembantu.",
           "Pengelolaan pengaduan pelayanan publik."], "-"),
        NOTE("Penerbitan dokumen kependudukan (KTP-el, Kartu Keluarga, KIA dan akta pencatatan "
             "sipil) dilayani oleh Dinas Kependudukan dan Pencatatan Sipil kabupaten/kota."),
        H("E. Alamat dan Kontak"),
        KV([("Alamat", "Jalan Ahmad Sood Nomor 25, Pontianak"),
            ("Telepon", "(0561) 583047"),
            ("Pos-el", "dukcapil@kalbarprov.go.id"),
            ("Laman", "https://dukcapil.kalbarprov.go.id"),
            ("Jam layanan", "Senin sampai Jumat, pada jam kerja Pemerintah Provinsi Kalimantan "
                            "Barat")], 90),
    ]


def doc_struktur() -> list[Block]:
    return [
        KOP(), TITLE("BAGAN DAN SUSUNAN ORGANISASI"),
        C("Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat"),
        C("(Peraturan Gubernur Kalimantan Barat Nomor 149 Tahun 2021)", "I", 9), SP(4),
        ORGCHART(),
        H("Susunan Organisasi"),
        TB(["No", "Unsur", "Jabatan pimpinan", "Tugas pokok (ringkas)"], [
            ["1", "Pimpinan", "Kepala Dinas", "Memimpin, membina dan mengoordinasikan "
             "penyelenggaraan tugas dan fungsi Dinas."],
            ["2", "Sekretariat", "Sekretaris Dinas", "Perencanaan, keuangan, umum, aparatur, "
             "kepegawaian serta koordinasi PPID Pembantu."],
            ["3", "Bidang Fasilitasi Pendaftaran Penduduk", "Kepala Bidang",
             "Fasilitasi pelayanan KTP-el, Kartu Keluarga, KIA, pindah datang dan penduduk "
             "rentan."],
            ["4", "Bidang Fasilitasi Pencatatan Sipil", "Kepala Bidang",
             "Fasilitasi pencatatan kelahiran, kematian, perkawinan, perceraian dan perubahan "
             "status anak."],
            ["5", "Bidang Pengelolaan Informasi Administrasi Kependudukan", "Kepala Bidang",
             "Pengelolaan SIAK, data agregat, kerja sama pemanfaatan data dan keamanan data."],
            ["6", "Bidang Kelembagaan", "Kepala Bidang",
             "Pembinaan kelembagaan, sumber daya aparatur dan regulasi adminduk kabupaten/kota."],
            ["7", "Kelompok Jabatan Fungsional", "Koordinator/Ketua Kelompok",
             "Melaksanakan tugas sesuai keahlian jabatan fungsional masing-masing."],
        ], [5, 24, 17, 42], "CLLL"),
    ]


def doc_sk_ppid() -> list[Block]:
    return [
        KOP(),
        C("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "B", 10.5),
        C("PROVINSI KALIMANTAN BARAT", "B", 10.5),
        C("NOMOR 3 TAHUN 2025", "B", 10.5), C("TENTANG", "B", 10.5),
        C("PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI PEMBANTU PADA DINAS KEPENDUDUKAN DAN "
          "PENCATATAN SIPIL PROVINSI KALIMANTAN BARAT", "B", 10.5), SP(6),
        KV([("Menimbang", "a. bahwa untuk melaksanakan pelayanan informasi publik yang cepat, "
                          "tepat waktu, biaya ringan dan cara sederhana perlu menunjuk Pejabat "
                          "Pengelola Informasi dan Dokumentasi (PPID) Pembantu;"),
            ("", "b. bahwa keputusan sebelumnya perlu disesuaikan dengan susunan organisasi Dinas "
                 "yang berlaku;"),
            ("Mengingat", "1. Undang-Undang Nomor 14 Tahun 2008; 2. Peraturan Pemerintah Nomor 61 "
                          "Tahun 2010; 3. Peraturan Komisi Informasi Nomor 1 Tahun 2021; "
                          "4. Peraturan Gubernur Kalimantan Barat Nomor 22 Tahun 2016; "
                          "5. Peraturan Gubernur Kalimantan Barat Nomor 149 Tahun 2021.")], 75),
        C("MEMUTUSKAN:", "B", 10),
        KV([("KESATU", "Menetapkan susunan PPID Pembantu pada Dinas sebagaimana tercantum dalam "
                       "Lampiran Keputusan ini."),
            ("KEDUA", "PPID Pembantu bertugas mengumpulkan, mendokumentasikan dan mengunggah "
                      "informasi publik dari setiap bidang ke Sikedip dan laman Dinas, melayani "
                      "permohonan informasi, serta menyusun laporan layanan informasi publik."),
            ("KETIGA", "Biaya pelaksanaan dibebankan pada Dokumen Pelaksanaan Anggaran Dinas."),
            ("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan.")], 75),
        SIGN("Ditetapkan di Pontianak, 13 Januari 2025", KADIS),
        PB(),
        C("LAMPIRAN KEPUTUSAN KEPALA DINAS NOMOR 3 TAHUN 2025", "B", 9.5),
        C("SUSUNAN PPID PEMBANTU", "B", 10.5), SP(4),
        TB(["No", "Kedudukan dalam PPID Pembantu", "Dijabat oleh"], [
            ["1", "Pembina", "Kepala Dinas"],
            ["2", "Ketua PPID Pembantu", "Sekretaris Dinas"],
            ["3", "Sekretaris", "Kepala Subbagian Umum dan Aparatur"],
            ["4", "Bidang Pelayanan Informasi", "Pengelola layanan informasi pada Sekretariat"],
            ["5", "Bidang Pengolahan Data dan Dokumentasi",
             "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan"],
            ["6", "Bidang Pengaduan dan Penyelesaian Sengketa", "Kepala Bidang Kelembagaan"],
            ["7", "Anggota", "Kepala Bidang Fasilitasi Pendaftaran Penduduk; Kepala Bidang "
                             "Fasilitasi Pencatatan Sipil"],
            ["8", "Petugas PPID Pembantu", "Staf yang ditunjuk pada setiap bidang"],
        ], [6, 40, 54], "CLL"),
    ]


def doc_renstra_2019() -> list[Block]:
    return [
        COVER([("RENCANA STRATEGIS", 18), ("(RENSTRA)", 14), ("", 10),
               ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", 14),
               ("PROVINSI KALIMANTAN BARAT", 14), ("", 10), ("TAHUN 2019–2023", 16), ("", 120),
               ("PEMERINTAH PROVINSI KALIMANTAN BARAT", 11), ("PONTIANAK, 2019", 11)]),
        PB(),
        C("RINGKASAN RENSTRA 2019–2023", "B", 11), SP(4),
        P("Rencana Strategis ini menjabarkan Rencana Pembangunan Jangka Menengah Daerah Provinsi "
          "Kalimantan Barat ke dalam tujuan, sasaran, strategi dan program Dinas selama lima "
          "tahun. "
          "Isu strategis utama: cakupan perekaman KTP-el dan kepemilikan akta kelahiran yang belum "
          "merata di daerah perbatasan dan pedalaman, pemanfaatan data kependudukan oleh perangkat "
          "daerah yang masih rendah, serta keterbatasan sarana jaringan di kabupaten."),
        TB(["Tujuan", "Indikator kinerja", "Kondisi awal", "Target 2023"], [
            ["Meningkatkan cakupan dokumen kependudukan", "Cakupan perekaman KTP-el", "94,10%",
             "98,50%"],
            ["", "Cakupan kepemilikan akta kelahiran anak 0–18 tahun", "82,40%", "95,00%"],
            ["Meningkatkan pemanfaatan data kependudukan",
             "Persentase perangkat daerah provinsi yang memanfaatkan data", "35,00%", "80,00%"],
            ["Meningkatkan akuntabilitas kinerja", "Nilai evaluasi SAKIP Dinas", "B", "BB"],
        ], [28, 36, 16, 16], "LLCC"),
        H("Strategi dan arah kebijakan"),
        L(["Layanan jemput bola bersama Disdukcapil kabupaten/kota bagi penduduk rentan.",
           "Perluasan perjanjian kerja sama pemanfaatan data kependudukan.",
           "Peningkatan kapasitas operator SIAK dan penguatan kelembagaan."]),
        SIGN("Pontianak, 30 September 2019", KADIS),
    ]


def doc_renstra_2024() -> list[Block]:
    return [
        KOP(), TITLE("RENCANA STRATEGIS DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL PROVINSI "
                     "KALIMANTAN BARAT TAHUN 2024–2026"),
        C("Ringkasan dokumen", "I", 9.5), SP(4),
        H("1. Latar belakang"),
        P("Sesuai Instruksi Menteri Dalam Negeri Nomor 52 Tahun 2022, daerah yang masa jabatan "
          "kepala daerahnya berakhir pada tahun 2023 menyusun Rencana Pembangunan Daerah (RPD) "
          "2024–2026. Renstra Dinas 2024–2026 merupakan penjabaran RPD tersebut dan menjadi acuan "
          "Rencana Kerja tahunan Dinas."),
        H("2. Tujuan dan sasaran"),
        P("Tujuan: meningkatnya kualitas layanan administrasi kependudukan dan pemanfaatan data "
          "kependudukan. Sasaran: meningkatnya cakupan kepemilikan dokumen kependudukan dan "
          "meningkatnya pemanfaatan data kependudukan oleh perangkat daerah dan lembaga pengguna."),
        H("3. Indikator kinerja dan target"),
        TB(["Indikator", "2024", "2025", "2026"], [
            ["Cakupan perekaman KTP-el", "98,50%", "98,80%", "99,00%"],
            ["Cakupan kepemilikan akta kelahiran anak 0–18 tahun", "95,50%", "96,00%", "96,50%"],
            ["Cakupan kepemilikan KIA", "45,00%", "50,00%", "55,00%"],
            ["Perangkat daerah provinsi yang memanfaatkan data kependudukan", "85,00%", "90,00%",
             "95,00%"],
            ["Penduduk yang mengaktifkan Identitas Kependudukan Digital", "10,00%", "15,00%",
             "20,00%"],
        ], [52, 16, 16, 16], "LCCC"),
        H("4. Program"),
        L(["Program Penunjang Urusan Pemerintahan Daerah Provinsi",
           "Program Pendaftaran Penduduk",
           "Program Pencatatan Sipil",
           "Program Pengelolaan Informasi Administrasi Kependudukan",
           "Program Pengelolaan Profil Kependudukan"]),
        SIGN("Pontianak, 16 Oktober 2023", KADIS),
    ]


RENJA_PROGRAMS = [
    ("Program Penunjang Urusan Pemerintahan Daerah Provinsi", "Dokumen perencanaan, keuangan, "
     "umum dan kepegawaian yang tersusun"),
    ("Program Pendaftaran Penduduk", "Kabupaten/kota yang difasilitasi layanan KTP-el dan KIA"),
    ("Program Pencatatan Sipil", "Kabupaten/kota yang difasilitasi layanan pencatatan sipil"),
    ("Program Pengelolaan Informasi Administrasi Kependudukan", "Lembaga pengguna yang "
     "memanfaatkan data kependudukan"),
    ("Program Pengelolaan Profil Kependudukan", "Dokumen profil kependudukan yang tersusun"),
]


def doc_renja(year: int, pagu: list[int], draft: bool, date: str) -> list[Block]:
    rows = [[str(i + 1), name, out, rp(p)] for i, ((name, out), p) in
            enumerate(zip(RENJA_PROGRAMS, pagu, strict=True))]
    rows.append(["**", "Jumlah", "", rp(sum(pagu))])
    head = "RANCANGAN RENCANA KERJA" if draft else "RENCANA KERJA"
    blocks = [
        KOP(), TITLE(f"{head} (RENJA) TAHUN {year}"),
        C("Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat"), SP(4),
        P(f"Renja Tahun {year} memuat program, kegiatan, indikator keluaran dan pagu "
          f"{'indikatif' if draft else 'definitif'} Dinas sebagai penjabaran Renstra 2024–2026 "
          f"dan Rencana Kerja Pemerintah Daerah Tahun {year}."),
        TB(["No", "Program", "Indikator keluaran", f"Pagu {'indikatif' if draft else ''} (Rp)"],
           rows, [5, 36, 37, 22], "CLLR"),
        H("Prioritas kegiatan"),
        L(["Layanan jemput bola perekaman KTP-el dan penerbitan akta bagi penduduk rentan di "
           "daerah perbatasan dan pedalaman.",
           "Perluasan perjanjian kerja sama pemanfaatan data kependudukan dengan perangkat daerah.",
           "Sosialisasi dan aktivasi Identitas Kependudukan Digital (IKD).",
           "Penyusunan profil perkembangan kependudukan provinsi."]),
    ]
    if draft:
        blocks.append(NOTE("Rancangan untuk forum perangkat daerah; angka pagu masih "
                           "dapat berubah."))
    else:
        blocks.append(SIGN(f"Pontianak, {tgl(date)}", KADIS))
    return blocks


def doc_dpa(year: int, scan: bool, date: str, parts: list[int]) -> list[Block]:
    pegawai, barang, modal = parts
    rows = [
        ["4", "PENDAPATAN DAERAH", rp(0)],
        ["5", "BELANJA DAERAH", rp(pegawai + barang + modal)],
        ["5.1", "Belanja Operasi", rp(pegawai + barang)],
        ["5.1.01", "Belanja Pegawai", rp(pegawai)],
        ["5.1.02", "Belanja Barang dan Jasa", rp(barang)],
        ["5.2", "Belanja Modal", rp(modal)],
        ["**", "Surplus/(Defisit)", "(" + rp(pegawai + barang + modal) + ")"],
    ]
    return [
        KOP(),
        TITLE(f"RINGKASAN DOKUMEN PELAKSANAAN ANGGARAN (DPA) SATUAN KERJA PERANGKAT DAERAH "
              f"TAHUN ANGGARAN {year}", 11),
        KV([("Urusan pemerintahan", "Administrasi Kependudukan dan Pencatatan Sipil"),
            ("Organisasi", "Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat")],
           120),
        TB(["Kode", "Uraian", "Jumlah (Rp)"], rows, [14, 56, 30], "LLR"),
        H("Rencana penarikan dana per triwulan"),
        TB(["Triwulan", "Rencana penarikan", "Porsi"], [
            ["I", rp((pegawai + barang + modal) * 20 // 100), "20%"],
            ["II", rp((pegawai + barang + modal) * 30 // 100), "30%"],
            ["III", rp((pegawai + barang + modal) * 30 // 100), "30%"],
            ["IV", rp((pegawai + barang + modal) * 20 // 100), "20%"],
        ], [20, 50, 30], "CRC"),
        SIGN(f"Pontianak, {tgl(date)}", KADIS),
    ] + ([] if scan else [NOTE("Salinan digital ringkasan DPA; dokumen DPA lengkap bertanda tangan "
                               "tersedia di Sekretariat.")])


def doc_lkjip(
    year: int, date: str, rows: list[list[str]], anggaran: tuple[int, int]
) -> list[Block]:
    pagu, real = anggaran
    return [
        KOP(), TITLE(f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {year}"),
        C("Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat"), SP(4),
        H("Ikhtisar eksekutif"),
        P(f"LKjIP Tahun {year} disusun sebagai pertanggungjawaban atas pelaksanaan tugas dan "
          f"fungsi "
          f"Dinas berdasarkan Perjanjian Kinerja Tahun {year} dan Renstra 2024–2026, dengan "
          f"mengacu pada Peraturan Menteri PAN-RB Nomor 53 Tahun 2014. Secara umum seluruh "
          f"indikator sasaran strategis tercapai dengan kategori sangat baik, kecuali cakupan "
          f"kepemilikan KIA yang masih di bawah target."),
        H("Capaian indikator kinerja sasaran"),
        TB(["Indikator", "Target", "Realisasi", "Capaian"], rows, [52, 16, 16, 16], "LCCC"),
        H("Realisasi anggaran"),
        P(f"Pagu anggaran Dinas Tahun {year} sebesar {rp(pagu)} dengan realisasi {rp(real)} "
          f"atau {pct(100 * real / pagu)}. Sisa anggaran terutama berasal dari efisiensi belanja "
          f"perjalanan dinas dan sisa tender pengadaan."),
        H("Kendala dan rencana tindak lanjut"),
        L(["Jaringan komunikasi data di sebagian kecamatan perbatasan belum stabil; Dinas "
           "mengoordinasikan layanan jemput bola dan perekaman luring terjadwal.",
           "Kesadaran masyarakat terhadap KIA dan IKD masih rendah; sosialisasi melalui sekolah "
           "dan kecamatan diperluas.",
           "Rotasi operator SIAK di kabupaten/kota; bimbingan teknis diselenggarakan dua kali "
           "setahun."]),
        SIGN(f"Pontianak, {tgl(date)}", KADIS),
    ]


def doc_pk_2025() -> list[Block]:
    return [
        KOP(), TITLE("PERJANJIAN KINERJA TAHUN 2025"), SP(4),
        P("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
          "serta berorientasi pada hasil, Kepala Dinas Kependudukan dan Pencatatan Sipil Provinsi "
          "Kalimantan Barat, selanjutnya disebut PIHAK PERTAMA, berjanji kepada Gubernur "
          "Kalimantan "
          "Barat selaku atasan langsung, selanjutnya disebut PIHAK KEDUA, untuk mewujudkan target "
          "kinerja tahunan sesuai lampiran perjanjian ini."),
        P("PIHAK KEDUA akan melakukan supervisi yang diperlukan serta evaluasi terhadap capaian "
          "kinerja dari perjanjian ini dan mengambil tindakan dalam rangka pemberian penghargaan "
          "dan sanksi."),
        SIGN("Pontianak, 3 Februari 2025", "PIHAK PERTAMA, KEPALA DINAS KEPENDUDUKAN DAN "
             "PENCATATAN SIPIL PROVINSI KALIMANTAN BARAT,",
             "PIHAK KEDUA, GUBERNUR KALIMANTAN BARAT,"),
        PB(),
        C("LAMPIRAN PERJANJIAN KINERJA TAHUN 2025", "B", 10.5), SP(4),
        TB(["No", "Sasaran strategis", "Indikator kinerja", "Target"], [
            ["1", "Meningkatnya cakupan kepemilikan dokumen kependudukan",
             "Cakupan perekaman KTP-el", "98,80%"],
            ["", "", "Cakupan kepemilikan akta kelahiran anak 0–18 tahun", "96,00%"],
            ["", "", "Cakupan kepemilikan KIA", "50,00%"],
            ["2", "Meningkatnya pemanfaatan data kependudukan",
             "Perangkat daerah provinsi yang memanfaatkan data kependudukan", "90,00%"],
        ], [6, 34, 44, 16], "CLLC"),
        TB(["No", "Program", "Anggaran (Rp)"], [
            ["1", "Program Penunjang Urusan Pemerintahan Daerah Provinsi", rp(11_386_200_000)],
            ["2", "Program Pendaftaran Penduduk", rp(1_912_500_000)],
            ["3", "Program Pencatatan Sipil", rp(1_487_300_000)],
            ["4", "Program Pengelolaan Informasi Administrasi Kependudukan", rp(2_354_800_000)],
            ["5", "Program Pengelolaan Profil Kependudukan", rp(412_600_000)],
        ], [6, 64, 30], "CLR"),
    ]


def doc_skm_2025() -> list[Block]:
    unsur = [("Persyaratan", 3.38), ("Sistem, mekanisme dan prosedur", 3.35),
             ("Waktu penyelesaian", 3.29), ("Biaya/tarif", 3.86),
             ("Produk spesifikasi jenis pelayanan", 3.41), ("Kompetensi pelaksana", 3.44),
             ("Perilaku pelaksana", 3.52), ("Penanganan pengaduan, saran dan masukan", 3.27),
             ("Sarana dan prasarana", 3.18)]
    ikm = sum(v for _, v in unsur) / len(unsur) * 25
    return [
        KOP(), TITLE("LAPORAN SURVEI KEPUASAN MASYARAKAT (SKM) TAHUN 2025"), SP(4),
        P("Survei dilaksanakan berdasarkan Peraturan Menteri PAN-RB Nomor 14 Tahun 2017 terhadap "
          "pengguna layanan konsultasi serta layanan informasi, verifikasi dan pemanfaatan data "
          "kependudukan. Kuesioner diisi secara anonim; jumlah responden 412 orang, terdiri atas "
          "perwakilan instansi, lembaga pengguna dan masyarakat."),
        TB(["No", "Unsur pelayanan", "Nilai rata-rata", "Mutu"],
           [[str(i), n, dec(v), "A" if v > 3.53 else "B"] for i, (n, v) in enumerate(unsur, 1)]
           + [["**", "Indeks Kepuasan Masyarakat (IKM)", dec(ikm), "B (Baik)"]],
           [6, 56, 20, 18], "CLCC"),
        H("Rencana tindak lanjut"),
        L(["Menambah kursi tunggu dan penanda arah di ruang layanan (unsur sarana dan prasarana).",
           "Menampilkan status tindak lanjut pengaduan pada laman Dinas (unsur penanganan "
           "pengaduan).",
           "Menyederhanakan formulir permohonan pemanfaatan data (unsur waktu penyelesaian)."]),
        SIGN("Pontianak, 15 Desember 2025", "SEKRETARIS DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL "
             "PROVINSI KALIMANTAN BARAT,"),
    ]


def doc_lra_2024() -> list[Block]:
    lines = [("Belanja Pegawai", 10_214_600_000, 9_972_318_450),
             ("Belanja Barang dan Jasa", 6_582_900_000, 6_145_270_125),
             ("Belanja Modal", 1_142_500_000, 1_086_940_000)]
    rows = [["**Pendapatan Asli Daerah", rp(0), rp(0), "-"]]
    rows += [[n, rp(a), rp(r), pct(100 * r / a)] for n, a, r in lines]
    ta, tr = sum(a for _, a, _ in lines), sum(r for _, _, r in lines)
    rows.append(["**Jumlah Belanja", rp(ta), rp(tr), pct(100 * tr / ta)])
    return [
        KOP(), TITLE("LAPORAN REALISASI ANGGARAN", 11.5),
        C("Untuk tahun yang berakhir sampai dengan 31 Desember 2024"), SP(4),
        TB(["Uraian", "Anggaran", "Realisasi", "%"], rows, [34, 26, 26, 14], "LRRR"),
        H("Catatan ringkas"),
        L(["Realisasi belanja pegawai mencakup gaji, tunjangan dan tambahan penghasilan ASN.",
           "Belanja barang dan jasa terbesar digunakan untuk layanan jemput bola, bimbingan "
           "teknis operator SIAK dan pemeliharaan perangkat jaringan.",
           "Belanja modal digunakan untuk pengadaan perangkat komputer dan peralatan jaringan.",
           "Laporan keuangan telah direviu oleh Inspektorat dan dikonsolidasikan ke dalam Laporan "
           "Keuangan Pemerintah Provinsi Kalimantan Barat."]),
        SIGN("Pontianak, 24 Februari 2025", KADIS),
    ]


def doc_neraca_2024() -> list[Block]:
    rows = [
        ["**ASET", "", ""],
        ["Kas di bendahara pengeluaran", rp(0), rp(0)],
        ["Persediaan", rp(148_320_500), rp(131_905_200)],
        ["Peralatan dan mesin", rp(9_874_215_300), rp(8_931_080_300)],
        ["Gedung dan bangunan", rp(6_512_400_000), rp(6_512_400_000)],
        ["Akumulasi penyusutan", "(" + rp(7_905_118_260) + ")", "(" + rp(7_118_470_940) + ")"],
        ["**Jumlah aset", rp(8_629_817_540), rp(8_456_914_560)],
        ["**KEWAJIBAN", "", ""],
        ["Utang belanja", rp(41_260_000), rp(38_112_000)],
        ["**EKUITAS", rp(8_588_557_540), rp(8_418_802_560)],
    ]
    return [
        KOP(), TITLE("NERACA", 11.5), C("Per 31 Desember 2024 dan 31 Desember 2023"), SP(4),
        TB(["Uraian", "31 Desember 2024", "31 Desember 2023"], rows, [40, 30, 30], "LRR"),
        P("Penjelasan atas pos-pos neraca disajikan dalam Catatan atas Laporan Keuangan (CaLK) "
          "yang tersedia dalam bentuk cetak di Sekretariat dan dapat dimohonkan melalui PPID "
          "Pembantu."),
        SIGN("Pontianak, 24 Februari 2025", KADIS),
    ]


def doc_llip_2024() -> list[Block]:
    months = [("Januari", 2, 2, 0), ("Februari", 3, 3, 0), ("Maret", 4, 3, 1), ("April", 2, 2, 0),
              ("Mei", 3, 3, 0), ("Juni", 4, 3, 0), ("Juli", 3, 2, 1), ("Agustus", 4, 4, 0),
              ("September", 3, 3, 0), ("Oktober", 4, 3, 0), ("November", 3, 3, 0),
              ("Desember", 3, 3, 0)]
    rows = [[m, str(a), str(b), str(c), str(a - b - c)] for m, a, b, c in months]
    tot = [sum(m[1] for m in months), sum(m[2] for m in months), sum(m[3] for m in months)]
    rows.append(["**Jumlah", str(tot[0]), str(tot[1]), str(tot[2]), str(tot[0] - tot[1] - tot[2])])
    return [
        KOP(), TITLE("LAPORAN LAYANAN INFORMASI PUBLIK TAHUN 2024"),
        C("PPID Pembantu Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat"), SP(4),
        H("1. Gambaran umum kebijakan layanan informasi"),
        P("Layanan informasi publik diselenggarakan oleh PPID Pembantu berdasarkan Keputusan "
          "Kepala Dinas tentang PPID Pembantu dan SOP 065/2551/DISDUKCAPIL tentang "
          "Pendokumentasian Informasi Publik Secara Online. Daftar Informasi Publik dimutakhirkan "
          "secara berkala dan diunggah ke Sikedip serta laman Dinas."),
        H("2. Rekapitulasi permohonan informasi"),
        TB(["Bulan", "Permohonan", "Dikabulkan", "Ditolak", "Sebagian/tidak dikuasai"], rows,
           [28, 18, 18, 16, 20], "LCCCC"),
        P(f"Sebanyak {tot[2]} permohonan ditolak karena meminta data kependudukan perseorangan "
          f"yang "
          "dikecualikan berdasarkan Pasal 17 huruf h UU 14/2008; pemohon diarahkan ke mekanisme "
          "pemanfaatan data melalui perjanjian kerja sama. Rata-rata waktu pemenuhan permohonan "
          "4 hari kerja."),
        H("3. Keberatan dan sengketa"),
        P("Terdapat 1 keberatan yang diselesaikan oleh atasan PPID dalam 12 hari kerja. Tidak ada "
          "sengketa informasi yang diajukan ke Komisi Informasi Provinsi Kalimantan Barat."),
        H("4. Kendala dan rekomendasi"),
        L(["Sebagian pemohon belum memahami perbedaan informasi publik dan data pribadi; "
           "disiapkan materi penjelasan pada laman Dinas.",
           "Dokumen hardcopy lama perlu dipindai bertahap agar dapat diunggah ke Sikedip."]),
        SIGN("Pontianak, 31 Januari 2025", "KETUA PPID PEMBANTU DINAS KEPENDUDUKAN DAN PENCATATAN "
             "SIPIL PROVINSI KALIMANTAN BARAT,"),
    ]


def doc_sop() -> list[Block]:
    return [
        KOP(), C("STANDAR OPERASIONAL PROSEDUR", "B", 11), C("SEKRETARIAT", "B", 10), SP(4),
        KV([("Nomor SOP", "065/2551/DISDUKCAPIL"), ("Tanggal pembuatan", "25 April 2022"),
            ("Tanggal revisi", "-"), ("Tanggal efektif", "Mei 2022"),
            ("Disahkan oleh", "Kepala Dinas Kependudukan dan Pencatatan Sipil Provinsi "
                              "Kalimantan Barat"),
            ("Nama SOP", "Pendokumentasian Informasi Publik Secara Online")], 120),
        H("Dasar hukum"),
        L(["UU Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
           "UU Nomor 25 Tahun 2009 tentang Pelayanan Publik",
           "PP Nomor 61 Tahun 2010 tentang Pelaksanaan UU Nomor 14 Tahun 2008",
           "Peraturan Komisi Informasi Nomor 1 Tahun 2010 tentang Standar Layanan Informasi Publik",
           "Pergub Kalimantan Barat Nomor 22 Tahun 2016 tentang Pedoman Pengelolaan Informasi "
           "Publik dan Dokumentasi",
           "Perda Nomor 8 Tahun 2016 sebagaimana terakhir diubah dengan Perda Nomor 5 Tahun 2021",
           "Pergub Nomor 149 Tahun 2021 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi "
           "serta Tata Kerja Dinas"]),
        KV([("Kualifikasi pelaksana", "Pendidikan minimal SLTA/sederajat; memiliki pengetahuan "
                                      "pelayanan prima; memiliki tata krama"),
            ("Peralatan", "Alat tulis kantor; materi informasi; jaringan internet"),
            ("Peringatan", "Bila SOP tidak dilaksanakan, pelayanan prima tidak dapat "
                           "dilaksanakan secara maksimal"),
            ("Pencatatan dan pendataan", "Disimpan dalam bentuk hardcopy dan softcopy")], 120),
        PB(),
        C("PROSEDUR PENDOKUMENTASIAN INFORMASI PUBLIK SECARA ONLINE", "B", 10.5), SP(4),
        TB(["No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output"], [
            ["1", "Mengumpulkan informasi dan dokumentasi publik (softfile maupun hardfile) dari "
                  "bidang/seksi menggunakan form DIP sebagai panduan", "Petugas PPID Pembantu",
             "Form DIP", "7 hari", "Informasi dan dokumentasi publik dari bidang/seksi"],
            ["2", "Menyetujui informasi yang sesuai dan lengkap; bila belum, dikembalikan untuk "
                  "disesuaikan dan dilengkapi", "Ketua PPID Pembantu",
             "Form DIP; informasi dari bidang", "60 menit", "Informasi yang disetujui"],
            ["3", "Mengunggah informasi dan dokumen (hardcopy dipindai terlebih dahulu) ke "
                  "Sikedip dan laman Dinas", "Petugas PPID Pembantu", "Informasi yang disetujui",
             "30 menit", "Informasi yang terpublikasi"],
        ], [5, 33, 16, 16, 10, 20], "CLLLCL", 8),
        SIGN("Pontianak, 25 April 2022", KADIS),
    ]


def doc_sk_standar() -> list[Block]:
    return [
        KOP(),
        C("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "B", 10.5),
        C("PROVINSI KALIMANTAN BARAT", "B", 10.5),
        C("NOMOR 6 TAHUN 2022", "B", 10.5), C("TENTANG", "B", 10.5),
        C("PENETAPAN STANDAR PELAYANAN PUBLIK PADA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL "
          "PROVINSI KALIMANTAN BARAT", "B", 10.5), SP(6),
        KV([("Menimbang", "bahwa untuk memberikan kepastian, meningkatkan kualitas dan kinerja "
                          "pelayanan publik sesuai asas penyelenggaraan pemerintahan yang baik, "
                          "perlu menetapkan standar pelayanan publik pada Dinas;"),
            ("Mengingat", "1. UU Nomor 23 Tahun 2006 sebagaimana diubah dengan UU Nomor 24 Tahun "
                          "2013; 2. UU Nomor 25 Tahun 2009; 3. Peraturan Menteri PAN-RB Nomor 15 "
                          "Tahun 2014 tentang Pedoman Standar Pelayanan; 4. Pergub Kalimantan "
                          "Barat Nomor 149 Tahun 2021.")], 75),
        C("MEMUTUSKAN:", "B", 10),
        KV([("KESATU", "Menetapkan standar pelayanan publik untuk layanan konsultasi serta layanan "
                       "informasi, verifikasi dan pemanfaatan data kependudukan sebagaimana "
                       "tercantum dalam Lampiran."),
            ("KEDUA", "Standar pelayanan wajib dipublikasikan dan dijadikan acuan penilaian "
                      "kinerja pelayanan."),
            ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan.")], 75),
        SIGN("Ditetapkan di Pontianak, Januari 2022", KADIS),
    ]


def doc_standar_lampiran() -> list[Block]:
    komponen = [
        ("Persyaratan", "Surat tugas; surat permohonan (untuk layanan data); tanda pengenal."),
        ("Sistem, mekanisme dan prosedur", "Pengguna menemui petugas informasi, mengisi buku tamu, "
         "menyampaikan keperluan, lalu dilayani oleh bidang terkait."),
        ("Jangka waktu", "Administrasi 15 menit; konsultasi sesuai materi; verifikasi data sesuai "
         "perjanjian kerja sama."),
        ("Biaya/tarif", "Tidak dipungut biaya."),
        ("Produk pelayanan", "Layanan konsultasi; jawaban/hasil verifikasi data kependudukan."),
        ("Penanganan pengaduan", "Tatap muka, kotak pengaduan, telepon (0561) 583047, pos-el, "
         "laman Dinas dan SP4N-LAPOR."),
    ]
    return [
        KOP(), TITLE("LAMPIRAN STANDAR PELAYANAN PUBLIK"),
        C("Keputusan Kepala Dinas Nomor 6 Tahun 2022"), SP(4),
        H("A. Layanan konsultasi administrasi kependudukan"),
        TB(["Komponen", "Uraian"], [[k, v] for k, v in komponen], [30, 70], "LL"),
        H("B. Layanan informasi, verifikasi dan pemanfaatan data kependudukan"),
        TB(["Komponen", "Uraian"], [
            ["Persyaratan", "Surat tugas; surat permintaan informasi/verifikasi/pemanfaatan data; "
                            "tanda pengenal; perjanjian kerja sama bagi lembaga pengguna."],
            ["Prosedur", "Permohonan diterima, diverifikasi kewenangannya, diproses oleh Bidang "
                         "Pengelolaan Informasi Administrasi Kependudukan, lalu hasil "
                         "disampaikan."],
            ["Biaya/tarif", "Tidak dipungut biaya."],
            ["Catatan", "Data perseorangan hanya diberikan kepada lembaga pengguna sesuai hak "
                        "akses; bukan informasi publik."],
        ], [30, 70], "LL"),
        H("C. Komponen manajemen pelayanan"),
        L(["Dasar hukum: UU 23/2006 jo. UU 24/2013; UU 25/2009; Permen PAN-RB 15/2014.",
           "Sarana: ruang layanan, loket informasi, kotak pengaduan, akses ramah disabilitas.",
           "Kompetensi pelaksana: memahami regulasi adminduk dan pelayanan prima.",
           "Evaluasi kinerja melalui survei kepuasan masyarakat setiap tahun."]),
    ]


def doc_maklumat() -> list[Block]:
    return [
        KOP(), SP(40), TITLE("MAKLUMAT PELAYANAN", 20), SP(30),
        C("DENGAN INI KAMI MENYATAKAN SANGGUP MENYELENGGARAKAN PELAYANAN", "B", 11),
        C("SESUAI STANDAR PELAYANAN YANG TELAH DITETAPKAN DAN", "B", 11),
        C("APABILA TIDAK MENEPATI JANJI INI, KAMI SIAP MENERIMA SANKSI", "B", 11),
        C("SESUAI PERATURAN PERUNDANG-UNDANGAN YANG BERLAKU.", "B", 11), SP(40),
        SIGN("Pontianak, Januari 2022", KADIS),
    ]


def doc_regulasi() -> list[Block]:
    regs = [
        ("UU 23/2006", "Administrasi Kependudukan"),
        ("UU 24/2013", "Perubahan atas UU 23/2006 tentang Administrasi Kependudukan"),
        ("UU 14/2008", "Keterbukaan Informasi Publik"),
        ("UU 27/2022", "Pelindungan Data Pribadi"),
        ("PP 40/2019", "Pelaksanaan UU 23/2006 sebagaimana diubah dengan UU 24/2013"),
        ("Perpres 96/2018", "Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil"),
        ("Perpres 62/2019", "Strategi Nasional Percepatan Administrasi Kependudukan untuk "
                            "Pengembangan Statistik Hayati"),
        ("Permendagri 7/2019", "Pelayanan Administrasi Kependudukan Secara Daring"),
        ("Permendagri 95/2019", "Sistem Informasi Administrasi Kependudukan"),
        ("Permendagri 102/2019", "Pemberian Hak Akses dan Pemanfaatan Data Kependudukan"),
        ("Permendagri 108/2019", "Peraturan Pelaksanaan Perpres 96/2018"),
        ("Permendagri 109/2019", "Formulir dan Buku yang Digunakan dalam Administrasi "
                                 "Kependudukan"),
        ("Permendagri 72/2022", "Standar dan Spesifikasi Perangkat Keras, Perangkat Lunak, dan "
                                "Blangko KTP-el serta Penyelenggaraan Identitas Kependudukan "
                                "Digital"),
        ("Permendagri 73/2022", "Pencatatan Nama pada Dokumen Kependudukan"),
        ("Pergub Kalbar 22/2016", "Pedoman Pengelolaan Informasi Publik dan Dokumentasi di "
                                  "Lingkungan Pemerintah Provinsi Kalimantan Barat"),
        ("Pergub Kalbar 149/2021", "Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata "
                                   "Kerja Dinas Kependudukan dan Pencatatan Sipil"),
    ]
    return [
        KOP(), TITLE("DAFTAR REGULASI ADMINISTRASI KEPENDUDUKAN"),
        C("Keadaan Oktober 2025"), SP(4),
        P("Daftar ini memuat peraturan perundang-undangan utama yang menjadi dasar "
          "penyelenggaraan administrasi kependudukan dan layanan informasi pada Dinas. Naskah "
          "resmi dapat diperoleh melalui JDIH Kementerian Dalam Negeri dan JDIH Pemerintah "
          "Provinsi Kalimantan Barat."),
        TB(["No", "Peraturan", "Tentang"], [[str(i), a, b] for i, (a, b) in enumerate(regs, 1)],
           [6, 26, 68], "CLL"),
    ]


def doc_tata_cara_informasi() -> list[Block]:
    return [
        KOP(), TITLE("TATA CARA MEMPEROLEH INFORMASI PUBLIK"),
        C("PPID Pembantu Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat"), SP(4),
        H("A. Permohonan informasi"),
        L(["Pemohon mengajukan permohonan secara langsung di ruang layanan, melalui surat, pos-el "
           "dukcapil@kalbarprov.go.id, atau melalui laman PPID Provinsi Kalimantan Barat.",
           "Pemohon mencantumkan identitas, rincian informasi yang dibutuhkan, tujuan penggunaan "
           "dan cara memperoleh salinan (melihat, salinan cetak atau salinan elektronik).",
           "Petugas mencatat permohonan dalam register dan memberikan tanda bukti permohonan.",
           "PPID Pembantu memeriksa apakah informasi dikuasai dan tidak termasuk informasi yang "
           "dikecualikan, kemudian menyiapkan informasi atau surat penolakan beralasan.",
           "Pemberitahuan tertulis disampaikan paling lambat 10 hari kerja sejak permohonan "
           "diterima dan dapat diperpanjang paling lambat 7 hari kerja (UU 14/2008 Pasal 22)."]),
        H("B. Biaya"),
        P("Layanan informasi tidak dipungut biaya. Biaya penggandaan salinan cetak dalam jumlah "
          "besar, bila ada, ditanggung pemohon sesuai biaya riil."),
        H("C. Keberatan dan sengketa"),
        L(["Keberatan diajukan kepada atasan PPID paling lambat 30 hari kerja setelah alasan "
           "keberatan ditemukan (UU 14/2008 Pasal 35 dan 36).",
           "Atasan PPID memberikan tanggapan tertulis paling lambat 30 hari kerja.",
           "Bila tidak puas, pemohon dapat mengajukan sengketa informasi kepada Komisi Informasi "
           "Provinsi Kalimantan Barat paling lambat 14 hari kerja setelah menerima tanggapan "
           "atasan PPID (Pasal 37)."]),
        NOTE("Data kependudukan perseorangan (biodata, NIK, nomor KK) bukan informasi publik dan "
             "tidak dapat dimohonkan melalui layanan ini."),
    ]


def doc_tata_cara_pengaduan() -> list[Block]:
    return [
        KOP(), TITLE("TATA CARA PENGADUAN PENYALAHGUNAAN WEWENANG DAN PELANGGARAN"),
        C("Berdasarkan Keputusan Kepala Dinas Nomor 7 Tahun 2022 tentang Pengelolaan Pengaduan "
          "Pelayanan Publik", "I", 9), SP(4),
        H("A. Saluran pengaduan"),
        L(["Tatap muka dengan Pejabat Pengelola Pengaduan (Kepala Subbagian Umum dan Aparatur).",
           "Kotak pengaduan di kantor Dinas, Jalan Ahmad Sood Nomor 25, Pontianak.",
           "Surat yang ditujukan kepada Kepala Dinas; telepon (0561) 583047; pos-el "
           "dukcapil@kalbarprov.go.id.",
           "SP4N-LAPOR! melalui https://www.lapor.go.id.",
           "Pengaduan yang menyangkut pejabat Dinas dapat pula disampaikan kepada Inspektorat "
           "Provinsi Kalimantan Barat."], "1"),
        H("B. Unsur pengaduan"),
        L(["Identitas pelapor yang dapat dihubungi (dijaga kerahasiaannya).",
           "Uraian perbuatan: apa, siapa (jabatan), di mana, kapan dan bagaimana.",
           "Bukti pendukung bila ada; jangan melampirkan salinan KTP-el atau KK orang lain."], "a"),
        H("C. Jangka waktu penyelesaian"),
        TB(["Jenis pengaduan", "Paling lambat"], [
            ["Pengaduan ringan", "3 jam"],
            ["Pengaduan bersifat normatif", "5 hari kerja"],
            ["Pengaduan tidak berkadar pengawasan", "14 hari kerja"],
            ["Pengaduan berkadar pengawasan dan memerlukan pemeriksaan", "60 hari kerja"],
        ], [70, 30], "LC"),
        H("D. Perlindungan pelapor"),
        P("Identitas pelapor dirahasiakan dan tidak dicantumkan dalam laporan tindak lanjut. "
          "Pelapor tidak boleh dirugikan dalam memperoleh pelayanan karena menyampaikan "
          "pengaduan."),
    ]


def doc_rup_2025() -> list[Block]:
    pk = [
        ("Belanja alat tulis kantor", "Barang", "E-purchasing", 85_000_000, "Februari"),
        ("Belanja bahan cetak formulir dan buku register", "Barang", "Pengadaan langsung",
         64_500_000, "Maret"),
        ("Pengadaan komputer all-in-one untuk ruang layanan", "Barang", "E-purchasing",
         238_000_000, "April"),
        ("Pemeliharaan perangkat jaringan dan ruang server", "Jasa lainnya", "Pengadaan langsung",
         175_000_000, "Maret"),
        ("Jasa kebersihan kantor", "Jasa lainnya", "E-purchasing", 196_800_000, "Januari"),
        ("Sewa kendaraan layanan jemput bola", "Jasa lainnya", "Pengadaan langsung", 142_000_000,
         "Mei"),
        ("Jasa tenaga operator layanan data (perorangan)", "Jasa lainnya", "Pengadaan langsung",
         189_600_000, "Juli"),
        ("Penyusunan profil perkembangan kependudukan", "Jasa konsultansi",
         "Pengadaan langsung", 96_000_000, "Juni"),
    ]
    rows = [[str(i), n, j, m, rp(p), w] for i, (n, j, m, p, w) in enumerate(pk, 1)]
    rows.append(["**", "Jumlah", "", "", rp(sum(p[3] for p in pk)), ""])
    return [
        KOP(), TITLE("RENCANA UMUM PENGADAAN (RUP) BARANG/JASA TAHUN ANGGARAN 2025"), SP(4),
        P("Rencana umum pengadaan berikut diumumkan melalui SiRUP LKPP. Sumber dana seluruh paket "
          "adalah APBD Provinsi Kalimantan Barat Tahun Anggaran 2025."),
        TB(["No", "Nama paket", "Jenis", "Metode", "Pagu", "Pemilihan"], rows,
           [5, 33, 13, 17, 19, 13], "CLLLRC", 8),
        NOTE("Perubahan RUP diumumkan kembali melalui SiRUP dan laman Dinas."),
    ]


def doc_rekrutmen_2025() -> list[Block]:
    return [
        KOP(), TITLE("PENGUMUMAN KEBUTUHAN TENAGA OPERATOR LAYANAN DATA (JASA LAINNYA "
                     "PERORANGAN) TAHUN 2025"), SP(4),
        P("Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat membutuhkan penyedia "
          "jasa lainnya perorangan sebagai operator layanan data untuk mendukung layanan "
          "pemanfaatan data kependudukan, dengan ketentuan sebagai berikut."),
        TB(["Posisi", "Jumlah", "Kualifikasi pendidikan", "Masa kontrak"], [
            ["Operator layanan data", "3 orang", "D3/S1 Teknik Informatika, Sistem Informasi "
             "atau Statistika", "Juli s.d. Desember 2025"],
            ["Operator dokumentasi PPID", "1 orang", "D3/S1 Ilmu Perpustakaan, Kearsipan atau "
             "Komunikasi", "Juli s.d. Desember 2025"],
        ], [28, 14, 38, 20], "LCLL"),
        H("Persyaratan"),
        L(["Warga negara Indonesia berdomisili di Kalimantan Barat.",
           "Menguasai aplikasi perkantoran; diutamakan berpengalaman mengelola basis data atau "
           "arsip digital.",
           "Bersedia menandatangani pakta integritas dan perjanjian kerahasiaan data.",
           "Tidak berstatus ASN atau terikat kontrak dengan instansi lain."]),
        H("Jadwal dan pendaftaran"),
        KV([("Pendaftaran", "2 – 13 Juni 2025, berkas dikirim ke dukcapil@kalbarprov.go.id"),
            ("Seleksi administrasi", "16 – 18 Juni 2025"),
            ("Wawancara dan uji praktik", "23 – 25 Juni 2025"),
            ("Pengumuman", "30 Juni 2025 melalui laman Dinas")], 130),
        NOTE("Seluruh proses tidak dipungut biaya. Waspadai pihak yang menjanjikan kelulusan "
             "dengan imbalan."),
    ]


def doc_pegawai_2026() -> list[Block]:
    return [
        KOP(), TITLE("REKAPITULASI PEGAWAI KEADAAN 31 JANUARI 2026"), SP(4),
        P("Data disajikan dalam bentuk agregat tanpa identitas perseorangan."),
        TB(["Unit kerja", "PNS", "PPPK", "Jumlah"], [
            ["Pimpinan dan Sekretariat", "24", "6", "30"],
            ["Bidang Fasilitasi Pendaftaran Penduduk", "9", "2", "11"],
            ["Bidang Fasilitasi Pencatatan Sipil", "8", "2", "10"],
            ["Bidang Pengelolaan Informasi Administrasi Kependudukan", "10", "3", "13"],
            ["Bidang Kelembagaan", "8", "1", "9"],
            ["**Jumlah", "59", "14", "73"],
        ], [52, 16, 16, 16], "LCCC"),
        TB(["Golongan PNS", "Jumlah", "Pendidikan", "Jumlah pegawai"], [
            ["Golongan IV", "14", "S2", "15"],
            ["Golongan III", "38", "S1/D4", "41"],
            ["Golongan II", "7", "D3", "7"],
            ["Golongan I", "0", "SLTA", "10"],
        ], [30, 20, 30, 20], "LCLC"),
        P("Komposisi jenis kelamin: laki-laki 53,4% dan perempuan 46,6%. Jabatan fungsional yang "
          "diisi antara lain Administrator Database Kependudukan, Pranata Komputer, Analis "
          "Kebijakan dan Arsiparis."),
    ]


def doc_evakuasi() -> list[Block]:
    return [
        KOP(), TITLE("PROSEDUR PERINGATAN DINI DAN EVAKUASI DARURAT KANTOR DINAS"), SP(4),
        H("A. Tanda peringatan"),
        L(["Bunyi alarm/bel panjang terus-menerus: segera evakuasi.",
           "Pengumuman melalui pengeras suara oleh petugas piket.",
           "Peringatan cuaca ekstrem, banjir dan kabut asap mengikuti informasi BMKG dan BPBD "
           "Provinsi Kalimantan Barat."], "-"),
        H("B. Jalur evakuasi dan titik kumpul"),
        TB(["Lokasi", "Jalur evakuasi", "Titik kumpul"], [
            ["Lantai 1 (ruang layanan)", "Pintu utama depan", "Halaman parkir depan"],
            ["Lantai 2 (bidang)", "Tangga utama, keluar melalui pintu samping", "Halaman parkir "
             "depan"],
            ["Ruang server dan arsip", "Koridor belakang menuju pintu samping", "Halaman parkir "
             "depan"],
        ], [30, 42, 28], "LLL"),
        H("C. Langkah evakuasi"),
        L(["Tetap tenang, hentikan pekerjaan, ikuti arahan petugas evakuasi.",
           "Pegawai membantu pengunjung, penyandang disabilitas, lansia dan ibu hamil.",
           "Jangan menggunakan lift; jangan kembali mengambil barang.",
           "Petugas Bidang Pengelolaan Informasi memastikan ruang server terkunci; cadangan data "
           "tersimpan di pusat data Kementerian Dalam Negeri.",
           "Koordinator menghitung pegawai dan pengunjung di titik kumpul berdasarkan daftar "
           "hadir."]),
        H("D. Nomor darurat"),
        KV([("Panggilan darurat", "112"), ("Pemadam kebakaran", "113"), ("Ambulans", "118 / 119"),
            ("Kantor Dinas", "(0561) 583047")], 130),
    ]


def doc_banjir() -> list[Block]:
    return [
        KOP(), TITLE("PENGUMUMAN"),
        C("Layanan Penggantian Dokumen Kependudukan bagi Warga Terdampak Banjir", "B", 11), SP(4),
        P("Sehubungan dengan banjir yang melanda sejumlah kecamatan di Kabupaten Sintang, "
          "Kabupaten "
          "Melawi dan Kabupaten Kapuas Hulu, Dinas Kependudukan dan Pencatatan Sipil Provinsi "
          "Kalimantan Barat bersama Disdukcapil kabupaten setempat membuka layanan penggantian "
          "dokumen kependudukan yang rusak atau hilang akibat banjir."),
        KV([("Dokumen", "KTP-el, Kartu Keluarga, KIA, akta kelahiran, akta kematian, akta "
                        "perkawinan/perceraian"),
            ("Lokasi", "Posko pengungsian dan kantor kecamatan yang ditetapkan BPBD kabupaten; "
                       "jadwal diumumkan oleh Disdukcapil kabupaten"),
            ("Persyaratan", "Cukup menyebutkan identitas kepada petugas; surat keterangan "
                            "kehilangan dari kepolisian tidak diperlukan bagi korban bencana"),
            ("Biaya", "Gratis"),
            ("Waktu", "Mulai 10 November 2026 sampai masa tanggap darurat berakhir")], 90),
        H("Perhatian"),
        L(["Jangan mengirim foto KTP-el atau Kartu Keluarga melalui media sosial atau pesan "
           "berantai; petugas tidak pernah meminta data melalui saluran tersebut.",
           "Dokumen yang basah tetap dapat dibawa ke posko untuk membantu pencarian data.",
           "Informasi resmi hanya melalui laman Dinas, laman Disdukcapil kabupaten dan posko "
           "BPBD."]),
        SIGN("Pontianak, 10 November 2026", KADIS),
    ]


def doc_penipuan() -> list[Block]:
    return [
        KOP(), TITLE("PERINGATAN: WASPADA PENIPUAN MENGATASNAMAKAN DUKCAPIL"), SP(4),
        P("Dinas menerima laporan pesan WhatsApp dan SMS yang mengatasnamakan Dukcapil, meminta "
          "masyarakat memasang aplikasi berkas APK atau membuka tautan untuk 'pembaruan data' dan "
          "'aktivasi KTP digital'. Pesan tersebut adalah penipuan yang dapat mencuri kode OTP, "
          "data perbankan dan data pribadi."),
        H("Yang perlu diketahui masyarakat"),
        L(["Dukcapil tidak pernah meminta kode OTP, PIN, kata sandi atau foto KTP-el melalui "
           "pesan pribadi.",
           "Aktivasi Identitas Kependudukan Digital (IKD) dilakukan bersama petugas Disdukcapil "
           "kabupaten/kota dengan verifikasi wajah, menggunakan aplikasi resmi dari toko aplikasi.",
           "Jangan memasang berkas APK yang dikirim melalui pesan; hapus pesan dan blokir nomor "
           "pengirim.",
           "Bila terlanjur memasang, putuskan koneksi internet, hubungi bank Anda dan laporkan ke "
           "kepolisian."]),
        H("Saluran resmi"),
        KV([("Telepon", "(0561) 583047"), ("Laman", "https://dukcapil.kalbarprov.go.id"),
            ("Pengaduan", "https://www.lapor.go.id")], 90),
    ]


def doc_agregat(
    label: str, keadaan: str, growth: int, date: str, kepemilikan: list[str]
) -> list[Block]:
    rows, total = agregat_rows(growth)
    return [
        KOP(), TITLE(f"DATA AGREGAT KEPENDUDUKAN PROVINSI KALIMANTAN BARAT {label}"),
        C(f"Keadaan {keadaan}"), SP(4),
        P(f"Jumlah penduduk Provinsi Kalimantan Barat {angka(total)} jiwa yang tersebar di 12 "
          "kabupaten dan 2 kota. Data agregat disajikan tanpa data perseorangan."),
        TB(["No", "Kabupaten/Kota", "Jumlah penduduk (jiwa)", "Laki-laki", "Perempuan",
            "Wajib KTP-el (jiwa)"], rows, [6, 30, 18, 13, 13, 20], "CLRCCR", 8),
        H("Kepemilikan dokumen kependudukan"),
        TB(["Dokumen", "Cakupan"], [
            ["KTP-el (terhadap wajib KTP-el)", kepemilikan[0]],
            ["Akta kelahiran penduduk 0–18 tahun", kepemilikan[1]],
            ["Kartu Identitas Anak (KIA)", kepemilikan[2]],
            ["Identitas Kependudukan Digital (IKD) teraktivasi", kepemilikan[3]],
        ], [70, 30], "LC"),
        NOTE("Sumber: Data Konsolidasi Bersih (DKB) Ditjen Dukcapil Kemendagri, diolah. Angka "
             "dapat berbeda dengan publikasi BPS karena perbedaan metode."),
        SIGN(f"Pontianak, {tgl(date)}", "KEPALA BIDANG PENGELOLAAN INFORMASI ADMINISTRASI "
             "KEPENDUDUKAN,"),
    ]


def doc_pemanfaatan_2024() -> list[Block]:
    users = [
        ("Badan Pendapatan Daerah", "Verifikasi data wajib pajak kendaraan", "2027", "184.520"),
        ("Dinas Sosial", "Pemadanan data penerima bantuan sosial", "2026", "96.310"),
        ("Dinas Kesehatan", "Pemadanan data layanan kesehatan", "2026", "41.875"),
        ("RSUD dr. Soedarso", "Verifikasi identitas pasien", "2027", "58.940"),
        ("Badan Kepegawaian Daerah", "Pemutakhiran data ASN", "2025", "7.215"),
        ("Dinas Pendidikan dan Kebudayaan", "Pemadanan data peserta didik SMA/SMK", "2026",
         "63.108"),
        ("Bank Kalbar", "Verifikasi nasabah (prinsip mengenal nasabah)", "2027", "212.660"),
    ]
    return [
        KOP(), TITLE("LAPORAN PEMANFAATAN DATA KEPENDUDUKAN OLEH PERANGKAT DAERAH DAN LEMBAGA "
                     "PENGGUNA TAHUN 2024"), SP(4),
        P("Pemanfaatan data kependudukan dilaksanakan berdasarkan Permendagri Nomor 102 Tahun 2019 "
          "melalui perjanjian kerja sama (PKS) dan hak akses yang diberikan Ditjen Dukcapil. "
          "Laporan ini menyajikan jumlah akses (transaksi verifikasi) secara agregat."),
        TB(["No", "Lembaga pengguna", "Ruang lingkup", "PKS berlaku s.d.", "Akses 2024"],
           [[str(i), a, b, c, d] for i, (a, b, c, d) in enumerate(users, 1)],
           [5, 28, 37, 14, 16], "CLLCR"),
        H("Catatan pengawasan"),
        L(["Seluruh lembaga pengguna telah menyampaikan laporan penggunaan hak akses semesteran.",
           "Dua akun pengguna yang tidak aktif lebih dari 6 bulan telah dinonaktifkan.",
           "Tidak ditemukan penyalahgunaan data; sosialisasi larangan penyebarluasan data "
           "perseorangan dilaksanakan pada November 2024."]),
        SIGN("Pontianak, 14 Februari 2025", "KEPALA BIDANG PENGELOLAAN INFORMASI ADMINISTRASI "
             "KEPENDUDUKAN,"),
    ]


def doc_akta_2025() -> list[Block]:
    cov = [94.8, 95.9, 92.1, 96.4, 93.7, 92.9, 91.8, 93.2, 94.1, 90.6, 92.4, 95.7, 98.1, 97.3]
    rows, tot_anak, tot_belum = [], 0, 0
    for i, ((name, pop, _, _), c) in enumerate(zip(KABKOTA, cov, strict=True), 1):
        anak = pop * 318 // 1000
        belum = round(anak * (100 - c) / 100)
        tot_anak, tot_belum = tot_anak + anak, tot_belum + belum
        rows.append([str(i), name, angka(anak), pct(c), angka(belum)])
    rows.append(["**", "Provinsi Kalimantan Barat", angka(tot_anak),
                 pct(100 * (tot_anak - tot_belum) / tot_anak), angka(tot_belum)])
    return [
        KOP(), TITLE("REKAPITULASI KEPEMILIKAN AKTA KELAHIRAN PENDUDUK USIA 0–18 TAHUN"),
        C("Keadaan 31 Desember 2025"), SP(4),
        TB(["No", "Kabupaten/Kota", "Penduduk 0–18 tahun", "Cakupan akta", "Belum memiliki"],
           rows, [6, 34, 22, 16, 22], "CLRCR", 8.5),
        P("Kabupaten dengan cakupan di bawah 93% menjadi prioritas layanan jemput bola dan "
          "program AKASIA (Aksi Kolaborasi Akta Pencatatan Sipil untuk Semua) Tahun 2026."),
    ]


def doc_ktp_2025() -> list[Block]:
    data = [("Kabupaten Sambas", 6, 1248), ("Kabupaten Bengkayang", 5, 873),
            ("Kabupaten Landak", 5, 911), ("Kabupaten Sanggau", 6, 1032),
            ("Kabupaten Ketapang", 7, 1296), ("Kabupaten Sintang", 6, 1104),
            ("Kabupaten Kapuas Hulu", 8, 1187), ("Kabupaten Melawi", 4, 702),
            ("Kabupaten Kayong Utara", 3, 388)]
    rows = [[str(i), a, f"{b} kali", angka(c)] for i, (a, b, c) in enumerate(data, 1)]
    rows.append(["**", "Jumlah", f"{sum(d[1] for d in data)} kali",
                 angka(sum(d[2] for d in data))])
    return [
        KOP(), TITLE("LAPORAN FASILITASI PEREKAMAN KTP-EL BAGI PEMILIH PEMULA DAN PENDUDUK RENTAN "
                     "TAHUN 2025"), SP(4),
        P("Fasilitasi dilaksanakan bersama Disdukcapil kabupaten melalui layanan jemput bola di "
          "sekolah menengah, panti sosial, lembaga pemasyarakatan dan desa di wilayah perbatasan."),
        TB(["No", "Kabupaten", "Kegiatan", "Penduduk terekam (jiwa)"], rows, [6, 44, 20, 30],
           "CLCR"),
        H("Hasil dan tindak lanjut"),
        L(["Sebagian besar peserta adalah siswa berusia 16–17 tahun yang akan menjadi wajib "
           "KTP-el.",
           "Perekaman bagi penyandang disabilitas mental dilakukan dengan pendampingan keluarga "
           "dan tenaga kesehatan.",
           "Blangko KTP-el untuk hasil perekaman dicetak oleh Disdukcapil kabupaten."]),
        SIGN("Pontianak, 19 Desember 2025", "KEPALA BIDANG FASILITASI PENDAFTARAN PENDUDUK,"),
    ]


def doc_capil() -> list[Block]:
    return [
        KOP(), TITLE("PERSYARATAN LAYANAN PENCATATAN SIPIL"),
        C("Rujukan: Perpres 96/2018 dan Permendagri 108/2019"), SP(4),
        P("Layanan pencatatan sipil diberikan oleh Dinas Kependudukan dan Pencatatan Sipil "
          "kabupaten/kota. Dinas Provinsi memfasilitasi, membina dan memantau pelaksanaannya. "
          "Seluruh layanan tidak dipungut biaya (UU 24/2013 Pasal 79A)."),
        TB(["Layanan", "Persyaratan pokok"], [
            ["Akta kelahiran", "Surat keterangan kelahiran; buku nikah/kutipan akta perkawinan "
                               "orang tua atau SPTJM; Kartu Keluarga."],
            ["Akta kematian", "Surat keterangan kematian dari dokter/kepala desa/lurah; Kartu "
                              "Keluarga."],
            ["Akta perkawinan (selain Muslim)", "Surat keterangan perkawinan dari pemuka agama; "
                                                "pas foto berdampingan; KTP-el; Kartu Keluarga."],
            ["Akta perceraian", "Salinan putusan pengadilan berkekuatan hukum tetap; kutipan akta "
                                "perkawinan."],
            ["Pengakuan/pengesahan anak", "Penetapan pengadilan atau surat pengakuan; kutipan akta "
                                          "kelahiran; Kartu Keluarga."],
            ["Perubahan nama", "Salinan penetapan pengadilan negeri; kutipan akta pencatatan "
                               "sipil."],
        ], [28, 72], "LL"),
        H("Alur layanan"),
        L(["Pemohon mengajukan permohonan di Disdukcapil kabupaten/kota, kecamatan atau layanan "
           "daring kabupaten/kota.",
           "Petugas memverifikasi dan memvalidasi berkas.",
           "Akta diterbitkan dan dapat dicetak sendiri dengan kertas HVS (tanda tangan elektronik) "
           "sesuai ketentuan Ditjen Dukcapil."]),
    ]


def doc_kelembagaan_2025() -> list[Block]:
    data = [("Kabupaten Sambas", "A", 19, "Ya"), ("Kabupaten Bengkayang", "A", 17, "Ya"),
            ("Kabupaten Landak", "A", 13, "Ya"), ("Kabupaten Mempawah", "A", 9, "Ya"),
            ("Kabupaten Sanggau", "A", 15, "Ya"), ("Kabupaten Ketapang", "A", 20, "Ya"),
            ("Kabupaten Sintang", "A", 14, "Ya"), ("Kabupaten Kapuas Hulu", "A", 23, "Ya"),
            ("Kabupaten Sekadau", "B", 7, "Ya"), ("Kabupaten Melawi", "B", 11, "Tidak"),
            ("Kabupaten Kayong Utara", "B", 6, "Ya"), ("Kabupaten Kubu Raya", "A", 9, "Ya"),
            ("Kota Pontianak", "A", 6, "Ya"), ("Kota Singkawang", "B", 5, "Ya")]
    return [
        KOP(), TITLE("PROFIL KELEMBAGAAN DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN/KOTA "
                     "SE-KALIMANTAN BARAT TAHUN 2025"), SP(4),
        TB(["No", "Kabupaten/Kota", "Tipe dinas", "Kecamatan dilayani", "Layanan daring"],
           [[str(i), a, b, f"{c} kecamatan", d] for i, (a, b, c, d) in enumerate(data, 1)],
           [6, 34, 16, 24, 20], "CLCCC"),
        P("Seluruh Disdukcapil kabupaten/kota telah memiliki Administrator Database Kependudukan. "
          "Layanan daring yang belum tersedia di satu kabupaten ditargetkan berjalan pada 2026."),
    ]


def doc_monev_2025() -> list[Block]:
    return [
        KOP(), TITLE("LAPORAN HASIL MONITORING DAN EVALUASI PENYELENGGARAAN ADMINISTRASI "
                     "KEPENDUDUKAN KABUPATEN/KOTA TAHUN 2025", 11), SP(4),
        P("Monitoring dan evaluasi dilaksanakan pada bulan Agustus sampai Oktober 2025 di 14 "
          "kabupaten/kota dengan fokus pada kelembagaan, sarana pelayanan, kepatuhan terhadap "
          "standar pelayanan dan pengamanan data kependudukan."),
        TB(["Aspek", "Temuan utama", "Rekomendasi"], [
            ["Kelembagaan", "Dua kabupaten belum menetapkan standar pelayanan terbaru.",
             "Menetapkan standar pelayanan dan maklumat pelayanan paling lambat Maret 2026."],
            ["Sarana", "Perangkat perekaman di beberapa kecamatan berusia lebih dari 8 tahun.",
             "Mengusulkan penggantian melalui APBD kabupaten dan DAK nonfisik."],
            ["Pengamanan data", "Masih ditemukan formulir berisi data pribadi di meja layanan "
                                "terbuka.",
             "Menyediakan lemari terkunci dan menerapkan meja bersih."],
            ["Layanan rentan", "Layanan jemput bola belum terjadwal di semua kecamatan.",
             "Menyusun jadwal bersama kecamatan dan mengumumkannya."],
        ], [18, 41, 41], "LLL", 8.5),
        SIGN("Pontianak, 14 November 2025", "KEPALA BIDANG KELEMBAGAAN,"),
    ]


# --------------------------------------------------------------------------
# The items
# --------------------------------------------------------------------------

SEKDIS, KADIS_T = "Sekretaris Dinas", "Kepala Dinas"
ARSIP_PPID = "Lemari arsip PPID Pembantu, rak A-2"


def att(berkas: str, judul: str, sumber: str, blocks: list[Block]) -> dict[str, Any]:
    return {"berkas": berkas, "judul": judul, "sumber": sumber, "_blocks": blocks}


ITEMS: list[dict[str, Any]] = [
    {
        "id": "profil-dinas",
        "judul": "Profil Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat",
        "ringkasan": "Kedudukan, tugas dan fungsi, visi dan misi, jenis layanan serta alamat dan "
                     "kontak Dinas Kependudukan dan Pencatatan Sipil Provinsi Kalimantan Barat.",
        "kategori": "berkala", "subkategori": "profil", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2026-01-15",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("profil-dinas-2026.pdf", "Profil Dinas (pemutakhiran Januari 2026)",
                         "digital", doc_profil())],
        "tautan": [{"judul": "Laman resmi Dinas", "url": "https://dukcapil.kalbarprov.go.id/"}],
        "catatan_perubahan": "Pemutakhiran profil Januari 2026",
    },
    {
        "id": "struktur-organisasi",
        "judul": "Bagan dan Susunan Organisasi Dinas",
        "ringkasan": "Bagan struktur organisasi dan susunan jabatan pimpinan Dinas sesuai "
                     "Peraturan Gubernur Kalimantan Barat Nomor 149 Tahun 2021, beserta "
                     "ringkasan tugas setiap unsur organisasi.",
        "kategori": "berkala", "subkategori": "profil", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2022",
        "bentuk": ["softcopy"], "retensi": "10 tahun",
        "lampiran": [att("struktur-organisasi.pdf", "Bagan dan susunan organisasi", "digital",
                         doc_struktur())],
    },
    {
        "id": "sk-ppid-pembantu-2025",
        "judul": "Keputusan Kepala Dinas Nomor 3 Tahun 2025 tentang PPID Pembantu",
        "ringkasan": "Keputusan Kepala Dinas tentang penunjukan Pejabat Pengelola Informasi dan "
                     "Dokumentasi (PPID) Pembantu beserta susunan, tugas dan pembiayaannya. "
                     "Susunan dalam lampiran ditulis menurut jabatan.",
        "kategori": "berkala", "subkategori": "profil", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-01-13",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": "Lemari arsip PPID Pembantu, rak A-1",
        "retensi": "10 tahun",
        "lampiran": [att("sk-ppid-pembantu-2025.pdf",
                         "Pindaian SK PPID Pembantu Nomor 3 Tahun 2025", "pindaian",
                         doc_sk_ppid())],
    },
    {
        "id": "renstra-2019-2023",
        "judul": "Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019–2023",
        "ringkasan": "Dokumen perencanaan lima tahunan yang memuat visi, misi, tujuan, sasaran, "
                     "strategi dan program Dinas periode 2019–2023. Lampiran berupa pindaian "
                     "sampul dan ringkasan dokumen yang telah ditandatangani.",
        "kategori": "berkala", "subkategori": "program_kegiatan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2019-09-30",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": "Lemari arsip Sekretariat, rak B-2",
        "retensi": "permanen",
        "lampiran": [att("renstra-2019-2023.pdf",
                         "Dokumen Renstra 2019–2023 (sampul dan ringkasan)", "pindaian",
                         doc_renstra_2019())],
        "catatan_perubahan": "Unggahan awal hasil pemindaian arsip",
    },
    {
        "id": "renstra-2024-2026",
        "judul": "Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2024–2026",
        "ringkasan": "Renstra Dinas periode transisi 2024–2026 sebagai penjabaran Rencana "
                     "Pembangunan Daerah (RPD) Provinsi Kalimantan Barat 2024–2026: tujuan, "
                     "sasaran, indikator kinerja dengan target tahunan, dan program.",
        "kategori": "berkala", "subkategori": "program_kegiatan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2023-10-16",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": "Lemari arsip Sekretariat, rak B-2",
        "retensi": "permanen",
        "lampiran": [att("renstra-2024-2026.pdf", "Ringkasan Renstra 2024–2026", "digital",
                         doc_renstra_2024())],
    },
    {
        "id": "renja-2025",
        "judul": "Rencana Kerja (Renja) Dinas Tahun 2025",
        "ringkasan": "Rencana kerja tahunan Dinas untuk Tahun 2025 yang memuat program, indikator "
                     "keluaran, pagu definitif dan prioritas kegiatan.",
        "kategori": "berkala", "subkategori": "program_kegiatan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2024-07-15",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("renja-2025.pdf", "Renja Tahun 2025", "digital", doc_renja(
            2025, [11_386_200_000, 1_912_500_000, 1_487_300_000, 2_354_800_000, 412_600_000],
            False, "2024-07-15"))],
    },
    {
        "id": "renja-2025-rancangan",
        "judul": "Rancangan Rencana Kerja (Renja) Dinas Tahun 2025",
        "ringkasan": "Rancangan Renja 2025 dengan pagu indikatif yang dibahas dalam forum "
                     "perangkat daerah. Telah digantikan oleh Renja 2025 yang ditetapkan.",
        "kategori": "berkala", "subkategori": "program_kegiatan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2024-03-20",
        "bentuk": ["softcopy"], "retensi": "2 tahun", "status": "ditarik",
        "penarikan": {"tanggal": "2024-07-22",
                      "alasan": "Digantikan oleh Renja Tahun 2025 yang telah ditetapkan (item "
                                "renja-2025); pagu indikatif dalam rancangan ini sudah tidak "
                                "berlaku dan dapat menyesatkan."},
        "lampiran": [att("renja-2025-rancangan.pdf", "Rancangan Renja Tahun 2025", "digital",
                         doc_renja(2025, [11_902_000_000, 2_150_000_000, 1_620_000_000,
                                          2_480_000_000, 450_000_000], True, "2024-03-20"))],
        "catatan_perubahan": "Ditarik karena digantikan Renja 2025 yang ditetapkan",
    },
    {
        "id": "renja-2026",
        "judul": "Rencana Kerja (Renja) Dinas Tahun 2026",
        "ringkasan": "Rencana kerja tahunan Dinas untuk Tahun 2026, tahun terakhir Renstra "
                     "2024–2026, memuat program, indikator keluaran dan pagu.",
        "kategori": "berkala", "subkategori": "program_kegiatan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-07-14",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("renja-2026.pdf", "Renja Tahun 2026", "digital", doc_renja(
            2026, [11_652_400_000, 1_984_000_000, 1_545_700_000, 2_418_300_000, 425_000_000],
            False, "2025-07-14"))],
    },
    {
        "id": "dpa-2025",
        "judul": "Dokumen Pelaksanaan Anggaran (DPA) Dinas Tahun Anggaran 2025",
        "ringkasan": "Ringkasan DPA Dinas Tahun Anggaran 2025: belanja pegawai, belanja barang "
                     "dan jasa, belanja modal, serta rencana penarikan dana per triwulan.",
        "kategori": "berkala", "subkategori": "laporan_keuangan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-01-06",
        "bentuk": ["softcopy", "hardcopy"],
        "arsip_fisik": "Lemari arsip keuangan Sekretariat, rak C-1", "retensi": "10 tahun",
        "lampiran": [att("dpa-2025-ringkasan.pdf", "Pindaian ringkasan DPA 2025", "pindaian",
                         doc_dpa(2025, True, "2025-01-06",
                                 [10_486_300_000, 6_195_600_000, 871_500_000]))],
    },
    {
        "id": "dpa-2026",
        "judul": "Dokumen Pelaksanaan Anggaran (DPA) Dinas Tahun Anggaran 2026",
        "ringkasan": "Ringkasan DPA Dinas Tahun Anggaran 2026 beserta rencana penarikan dana per "
                     "triwulan.",
        "kategori": "berkala", "subkategori": "laporan_keuangan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2026-01-05",
        "bentuk": ["softcopy"], "retensi": "10 tahun",
        "lampiran": [att("dpa-2026-ringkasan.pdf", "Ringkasan DPA 2026", "digital",
                         doc_dpa(2026, False, "2026-01-05",
                                 [10_712_900_000, 6_348_500_000, 964_000_000]))],
    },
    {
        "id": "lkjip-2024",
        "judul": "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2024",
        "ringkasan": "Pertanggungjawaban kinerja Dinas Tahun 2024: capaian indikator sasaran "
                     "strategis terhadap Perjanjian Kinerja, realisasi anggaran, kendala dan "
                     "rencana tindak lanjut.",
        "kategori": "berkala", "subkategori": "kinerja", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-02-27",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": "Lemari arsip PPID Pembantu, rak B-3",
        "retensi": "10 tahun",
        "lampiran": [att("lkjip-2024.pdf", "LKjIP Tahun 2024", "digital", doc_lkjip(
            2024, "2025-02-27", [
                ["Cakupan perekaman KTP-el", "98,50%", "98,71%", "100,21%"],
                ["Cakupan kepemilikan akta kelahiran anak 0–18 tahun", "95,50%", "95,12%",
                 "99,60%"],
                ["Cakupan kepemilikan KIA", "45,00%", "41,37%", "91,93%"],
                ["Perangkat daerah provinsi yang memanfaatkan data kependudukan", "85,00%",
                 "87,50%", "102,94%"],
            ], (17_940_000_000, 17_204_528_575)))],
    },
    {
        "id": "lkjip-2025",
        "judul": "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025",
        "ringkasan": "Pertanggungjawaban kinerja Dinas Tahun 2025: capaian indikator sasaran "
                     "strategis, realisasi anggaran, kendala dan rencana tindak lanjut.",
        "kategori": "berkala", "subkategori": "kinerja", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2026-02-26",
        "bentuk": ["softcopy"], "retensi": "10 tahun",
        "lampiran": [att("lkjip-2025.pdf", "LKjIP Tahun 2025", "digital", doc_lkjip(
            2025, "2026-02-26", [
                ["Cakupan perekaman KTP-el", "98,80%", "98,93%", "100,13%"],
                ["Cakupan kepemilikan akta kelahiran anak 0–18 tahun", "96,00%", "94,71%",
                 "98,66%"],
                ["Cakupan kepemilikan KIA", "50,00%", "46,08%", "92,16%"],
                ["Perangkat daerah provinsi yang memanfaatkan data kependudukan", "90,00%",
                 "91,70%", "101,89%"],
            ], (17_553_400_000, 16_912_047_300)))],
    },
    {
        "id": "perjanjian-kinerja-2025",
        "judul": "Perjanjian Kinerja Kepala Dinas Tahun 2025",
        "ringkasan": "Perjanjian kinerja antara Kepala Dinas dan Gubernur Kalimantan Barat yang "
                     "memuat sasaran strategis, indikator kinerja dan target Tahun 2025 beserta "
                     "anggaran per program.",
        "kategori": "berkala", "subkategori": "kinerja", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-02-03",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": "Lemari arsip Sekretariat, rak B-3",
        "retensi": "10 tahun",
        "lampiran": [att("perjanjian-kinerja-2025.pdf", "Pindaian Perjanjian Kinerja 2025",
                         "pindaian", doc_pk_2025())],
    },
    {
        "id": "survei-kepuasan-masyarakat-2025",
        "judul": "Laporan Survei Kepuasan Masyarakat Tahun 2025",
        "ringkasan": "Hasil survei kepuasan masyarakat atas layanan Dinas Tahun 2025 menurut "
                     "sembilan unsur Permen PAN-RB 14/2017, nilai Indeks Kepuasan Masyarakat dan "
                     "rencana tindak lanjut.",
        "kategori": "berkala", "subkategori": "kinerja", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2025-12-15",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("skm-2025.pdf", "Laporan SKM 2025", "digital", doc_skm_2025())],
    },
    {
        "id": "laporan-keuangan-2024",
        "judul": "Laporan Keuangan Dinas Tahun Anggaran 2024",
        "ringkasan": "Laporan Realisasi Anggaran (LRA) dan Neraca Dinas Tahun Anggaran 2024 yang "
                     "telah direviu Inspektorat dan dikonsolidasikan ke dalam laporan keuangan "
                     "Pemerintah Provinsi.",
        "kategori": "berkala", "subkategori": "laporan_keuangan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-02-24",
        "bentuk": ["softcopy", "hardcopy"],
        "arsip_fisik": "Lemari arsip keuangan Sekretariat, rak C-2", "retensi": "10 tahun",
        "lampiran": [
            att("lra-2024.pdf", "Laporan Realisasi Anggaran 2024", "digital", doc_lra_2024()),
            att("neraca-2024.pdf", "Pindaian Neraca per 31 Desember 2024", "pindaian",
                doc_neraca_2024()),
        ],
    },
    {
        "id": "laporan-layanan-informasi-publik-2024",
        "judul": "Laporan Layanan Informasi Publik PPID Pembantu Tahun 2024",
        "ringkasan": "Rekapitulasi permohonan informasi publik Tahun 2024 per bulan, jumlah yang "
                     "dikabulkan dan ditolak beserta alasannya, waktu pemenuhan, keberatan dan "
                     "sengketa, serta kendala dan rekomendasi.",
        "kategori": "berkala", "subkategori": "laporan_akses_informasi", "unit": "sekretariat",
        "penanggung_jawab": "Sekretaris Dinas selaku Ketua PPID Pembantu",
        "waktu_pembuatan": "2025-01-31", "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("laporan-layanan-informasi-2024.pdf",
                         "Laporan Layanan Informasi Publik 2024", "digital", doc_llip_2024())],
    },
    {
        "id": "sop-pendokumentasian-informasi-publik",
        "judul": "SOP Pendokumentasian Informasi Publik Secara Online (065/2551/DISDUKCAPIL)",
        "ringkasan": "Standar operasional prosedur Nomor 065/2551/DISDUKCAPIL tanggal 25 April "
                     "2022: pengumpulan informasi dari setiap bidang dengan form DIP (7 hari), "
                     "persetujuan Ketua PPID Pembantu (60 menit), dan pengunggahan ke Sikedip dan "
                     "laman Dinas (30 menit).",
        "kategori": "berkala", "subkategori": "peraturan_kebijakan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2022-04-25",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": ARSIP_PPID, "retensi": "10 tahun",
        "lampiran": [att("sop-065-2551-disdukcapil.pdf", "Pindaian SOP 065/2551/DISDUKCAPIL",
                         "pindaian", doc_sop())],
    },
    {
        "id": "standar-pelayanan-publik",
        "judul": "Standar Pelayanan Publik (Keputusan Kepala Dinas Nomor 6 Tahun 2022)",
        "ringkasan": "Penetapan standar pelayanan publik Dinas untuk layanan konsultasi serta "
                     "layanan informasi, verifikasi dan pemanfaatan data kependudukan: "
                     "persyaratan, prosedur, jangka waktu, biaya, produk dan penanganan pengaduan.",
        "kategori": "berkala", "subkategori": "peraturan_kebijakan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2022-01",
        "bentuk": ["softcopy", "hardcopy"], "arsip_fisik": ARSIP_PPID, "retensi": "10 tahun",
        "lampiran": [
            att("sk-standar-pelayanan-6-2022.pdf", "Pindaian Keputusan Nomor 6 Tahun 2022",
                "pindaian", doc_sk_standar()),
            att("standar-pelayanan-lampiran.pdf", "Lampiran standar pelayanan", "digital",
                doc_standar_lampiran()),
        ],
    },
    {
        "id": "maklumat-pelayanan",
        "judul": "Maklumat Pelayanan Dinas",
        "ringkasan": "Pernyataan kesanggupan Dinas menyelenggarakan pelayanan sesuai standar "
                     "pelayanan dan menerima sanksi bila tidak menepatinya.",
        "kategori": "berkala", "subkategori": "peraturan_kebijakan", "unit": "sekretariat",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2022-01",
        "bentuk": ["softcopy", "hardcopy"],
        "arsip_fisik": "Dipajang di ruang layanan; asli di lemari arsip PPID Pembantu, rak A-2",
        "retensi": "10 tahun",
        "lampiran": [att("maklumat-pelayanan.pdf", "Pindaian Maklumat Pelayanan", "pindaian",
                         doc_maklumat())],
    },
    {
        "id": "daftar-regulasi-adminduk",
        "judul": "Daftar Regulasi Administrasi Kependudukan",
        "ringkasan": "Daftar undang-undang, peraturan pemerintah, peraturan presiden, peraturan "
                     "menteri dalam negeri dan peraturan gubernur yang menjadi dasar "
                     "penyelenggaraan administrasi kependudukan dan layanan informasi Dinas.",
        "kategori": "berkala", "subkategori": "peraturan_kebijakan", "unit": "kelembagaan",
        "penanggung_jawab": "Kepala Bidang Kelembagaan", "waktu_pembuatan": "2025-10-06",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("daftar-regulasi-adminduk.pdf", "Daftar regulasi adminduk (Oktober 2025)",
                         "digital", doc_regulasi())],
    },
    {
        "id": "tata-cara-permohonan-informasi",
        "judul": "Tata Cara Memperoleh Informasi Publik",
        "ringkasan": "Cara mengajukan permohonan informasi publik kepada PPID Pembantu, jangka "
                     "waktu pemenuhan, biaya, serta tata cara keberatan dan penyelesaian sengketa "
                     "informasi.",
        "kategori": "berkala", "subkategori": "tata_cara_memperoleh_informasi",
        "unit": "sekretariat", "penanggung_jawab": "Sekretaris Dinas selaku Ketua PPID Pembantu",
        "waktu_pembuatan": "2025-03-10", "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("tata-cara-permohonan-informasi.pdf",
                         "Tata cara permohonan informasi, keberatan dan sengketa", "digital",
                         doc_tata_cara_informasi())],
        "tautan": [{"judul": "PPID Provinsi Kalimantan Barat",
                    "url": "https://ppid.kalbarprov.go.id/"}],
    },
    {
        "id": "tata-cara-pengaduan-penyalahgunaan-wewenang",
        "judul": "Tata Cara Pengaduan Penyalahgunaan Wewenang dan Pelanggaran",
        "ringkasan": "Saluran pengaduan penyalahgunaan wewenang atau pelanggaran oleh pejabat "
                     "Dinas (tatap muka, kotak pengaduan, surat, telepon, pos-el dan "
                     "SP4N-LAPOR!), unsur pengaduan, jangka waktu penyelesaian dan perlindungan "
                     "pelapor.",
        "kategori": "berkala", "subkategori": "pengaduan_penyalahgunaan_wewenang",
        "unit": "sekretariat", "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2025-03-10",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("tata-cara-pengaduan.pdf", "Tata cara pengaduan", "digital",
                         doc_tata_cara_pengaduan())],
        "tautan": [{"judul": "SP4N-LAPOR!", "url": "https://www.lapor.go.id/"}],
    },
    {
        "id": "rup-2025",
        "judul": "Rencana Umum Pengadaan Barang/Jasa Tahun Anggaran 2025",
        "ringkasan": "Daftar paket pengadaan barang/jasa Dinas Tahun Anggaran 2025 dengan jenis, "
                     "metode pemilihan, pagu dan jadwal pemilihan, sebagaimana diumumkan di SiRUP.",
        "kategori": "berkala", "subkategori": "pengadaan_barang_jasa", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2025-01-15",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("rup-2025.pdf", "RUP Tahun Anggaran 2025", "digital", doc_rup_2025())],
        "tautan": [{"judul": "SiRUP LKPP", "url": "https://sirup.lkpp.go.id/"}],
    },
    {
        "id": "pengumuman-tenaga-operator-2025",
        "judul": "Pengumuman Kebutuhan Tenaga Operator Layanan Data Tahun 2025",
        "ringkasan": "Pengumuman kebutuhan penyedia jasa lainnya perorangan sebagai operator "
                     "layanan data dan operator dokumentasi PPID: jumlah, kualifikasi, "
                     "persyaratan, jadwal dan cara pendaftaran.",
        "kategori": "berkala", "subkategori": "ketenagakerjaan", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2025-06-02",
        "bentuk": ["softcopy"], "retensi": "2 tahun",
        "lampiran": [att("pengumuman-tenaga-operator-2025.pdf", "Pengumuman kebutuhan tenaga "
                         "operator 2025", "digital", doc_rekrutmen_2025())],
    },
    {
        "id": "rekapitulasi-pegawai-2026",
        "judul": "Rekapitulasi Pegawai Dinas Keadaan Januari 2026",
        "ringkasan": "Jumlah pegawai Dinas per unit kerja, status kepegawaian (PNS/PPPK), golongan "
                     "dan pendidikan, disajikan secara agregat tanpa data perseorangan.",
        "kategori": "berkala", "subkategori": "ketenagakerjaan", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2026-01-31",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("rekapitulasi-pegawai-2026-01.pdf", "Rekapitulasi pegawai Januari 2026",
                         "digital", doc_pegawai_2026())],
    },
    {
        "id": "prosedur-evakuasi-darurat",
        "judul": "Prosedur Peringatan Dini dan Evakuasi Darurat Kantor Dinas",
        "ringkasan": "Tanda peringatan bahaya, jalur evakuasi dan titik kumpul kantor Dinas, "
                     "langkah evakuasi bagi pegawai dan pengunjung, pengamanan ruang server dan "
                     "arsip, serta nomor telepon darurat.",
        "kategori": "berkala", "subkategori": "peringatan_dini_evakuasi", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2025-08-18",
        "bentuk": ["softcopy", "hardcopy"],
        "arsip_fisik": "Papan informasi setiap lantai; arsip di lemari Sekretariat, rak A-3",
        "retensi": "5 tahun",
        "lampiran": [att("prosedur-evakuasi-darurat.pdf", "Prosedur peringatan dini dan evakuasi",
                         "digital", doc_evakuasi())],
    },
    {
        "id": "layanan-adminduk-korban-banjir-2026",
        "judul": "Layanan Penggantian Dokumen Kependudukan bagi Warga Terdampak Banjir",
        "ringkasan": "Pengumuman layanan gratis penggantian KTP-el, Kartu Keluarga, KIA dan akta "
                     "yang rusak atau hilang akibat banjir di Kabupaten Sintang, Melawi dan Kapuas "
                     "Hulu, lokasi posko, persyaratan, serta imbauan agar tidak menyebarkan foto "
                     "dokumen kependudukan.",
        "kategori": "serta_merta", "unit": "pendaftaran_penduduk",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2026-11-10",
        "bentuk": ["softcopy"], "retensi": "2 tahun",
        "lampiran": [att("pengumuman-layanan-korban-banjir.pdf", "Pengumuman layanan dokumen "
                         "kependudukan bagi korban banjir", "digital", doc_banjir())],
        "catatan_perubahan": "Diumumkan serta-merta pada masa tanggap darurat banjir",
    },
    {
        "id": "waspada-penipuan-mengatasnamakan-dukcapil",
        "judul": "Peringatan Waspada Penipuan Mengatasnamakan Dukcapil",
        "ringkasan": "Peringatan kepada masyarakat tentang pesan dan berkas APK palsu yang "
                     "mengatasnamakan Dukcapil untuk mencuri kode OTP dan data pribadi, cara "
                     "aktivasi IKD yang benar, dan langkah bila terlanjur menjadi korban.",
        "kategori": "serta_merta", "unit": "pengelolaan_informasi",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2026-09-08",
        "bentuk": ["softcopy"], "retensi": "2 tahun",
        "lampiran": [att("peringatan-waspada-penipuan.pdf", "Peringatan waspada penipuan",
                         "digital", doc_penipuan())],
    },
    {
        "id": "data-agregat-kependudukan-semester-i-2025",
        "judul": "Data Agregat Kependudukan Provinsi Kalimantan Barat Semester I Tahun 2025",
        "ringkasan": "Jumlah penduduk per kabupaten/kota keadaan 30 Juni 2025 menurut jenis "
                     "kelamin dan wajib KTP-el, serta cakupan kepemilikan KTP-el, akta kelahiran, "
                     "KIA dan IKD. Hanya data agregat, tanpa data perseorangan.",
        "kategori": "setiap_saat", "unit": "pengelolaan_informasi",
        "penanggung_jawab": "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
        "waktu_pembuatan": "2025-08-29", "bentuk": ["softcopy"], "retensi": "permanen",
        "lampiran": [att("data-agregat-semester-i-2025.pdf", "Data agregat kependudukan semester I "
                         "2025", "digital", doc_agregat(
                             "SEMESTER I TAHUN 2025", "30 Juni 2025", 0, "2025-08-29",
                             ["98,71%", "95,12%", "43,80%", "11,40%"]))],
        "tautan": [{"judul": "Laman Dinas", "url": "https://dukcapil.kalbarprov.go.id/"}],
    },
    {
        "id": "data-agregat-kependudukan-semester-i-2026",
        "judul": "Data Agregat Kependudukan Provinsi Kalimantan Barat Semester I Tahun 2026",
        "ringkasan": "Jumlah penduduk per kabupaten/kota keadaan 30 Juni 2026 menurut jenis "
                     "kelamin dan wajib KTP-el, serta cakupan kepemilikan dokumen kependudukan. "
                     "Hanya data agregat, tanpa data perseorangan.",
        "kategori": "setiap_saat", "unit": "pengelolaan_informasi",
        "penanggung_jawab": "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
        "waktu_pembuatan": "2026-08-28", "bentuk": ["softcopy"], "retensi": "permanen",
        "lampiran": [att("data-agregat-semester-i-2026.pdf", "Data agregat kependudukan semester I "
                         "2026", "digital", doc_agregat(
                             "SEMESTER I TAHUN 2026", "30 Juni 2026", 11, "2026-08-28",
                             ["98,93%", "95,40%", "47,20%", "16,10%"]))],
    },
    {
        "id": "laporan-pemanfaatan-data-kependudukan-2024",
        "judul": "Laporan Pemanfaatan Data Kependudukan oleh Perangkat Daerah Tahun 2024",
        "ringkasan": "Daftar perangkat daerah dan lembaga pengguna yang memanfaatkan data "
                     "kependudukan berdasarkan perjanjian kerja sama, ruang lingkup, masa berlaku "
                     "dan jumlah akses agregat Tahun 2024, serta hasil pengawasan hak akses.",
        "kategori": "setiap_saat", "unit": "pengelolaan_informasi",
        "penanggung_jawab": "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
        "waktu_pembuatan": "2025-02-14", "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("laporan-pemanfaatan-data-2024.pdf", "Laporan pemanfaatan data "
                         "kependudukan 2024", "digital", doc_pemanfaatan_2024())],
    },
    {
        "id": "rekapitulasi-kepemilikan-akta-kelahiran-2025",
        "judul": "Rekapitulasi Kepemilikan Akta Kelahiran Penduduk Usia 0–18 Tahun 2025",
        "ringkasan": "Cakupan kepemilikan akta kelahiran penduduk usia 0–18 tahun per "
                     "kabupaten/kota keadaan 31 Desember 2025 dan jumlah yang belum memiliki akta.",
        "kategori": "setiap_saat", "unit": "pencatatan_sipil",
        "penanggung_jawab": "Kepala Bidang Fasilitasi Pencatatan Sipil",
        "waktu_pembuatan": "2026-01-20", "bentuk": ["softcopy"], "retensi": "permanen",
        "lampiran": [att("rekap-akta-kelahiran-2025.pdf", "Rekapitulasi akta kelahiran 2025",
                         "digital", doc_akta_2025())],
    },
    {
        "id": "persyaratan-layanan-pencatatan-sipil",
        "judul": "Persyaratan dan Alur Layanan Pencatatan Sipil",
        "ringkasan": "Persyaratan pokok akta kelahiran, kematian, perkawinan, perceraian, "
                     "pengakuan/pengesahan anak dan perubahan nama menurut Perpres 96/2018, serta "
                     "alur layanan di Disdukcapil kabupaten/kota.",
        "kategori": "setiap_saat", "unit": "pencatatan_sipil",
        "penanggung_jawab": "Kepala Bidang Fasilitasi Pencatatan Sipil",
        "waktu_pembuatan": "2025-05-19", "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("persyaratan-pencatatan-sipil.pdf", "Persyaratan layanan pencatatan sipil",
                         "digital", doc_capil())],
    },
    {
        "id": "laporan-fasilitasi-perekaman-ktp-el-2025",
        "judul": "Laporan Fasilitasi Perekaman KTP-el bagi Pemilih Pemula dan Penduduk Rentan 2025",
        "ringkasan": "Jumlah kegiatan jemput bola dan penduduk yang terekam KTP-el per kabupaten "
                     "Tahun 2025 (sekolah, panti sosial, lembaga pemasyarakatan dan desa "
                     "perbatasan), serta tindak lanjutnya.",
        "kategori": "setiap_saat", "unit": "pendaftaran_penduduk",
        "penanggung_jawab": "Kepala Bidang Fasilitasi Pendaftaran Penduduk",
        "waktu_pembuatan": "2025-12-19", "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("laporan-perekaman-ktp-el-2025.pdf", "Laporan fasilitasi perekaman KTP-el "
                         "2025", "digital", doc_ktp_2025())],
    },
    {
        "id": "profil-kelembagaan-dukcapil-kabupaten-kota-2025",
        "judul": "Profil Kelembagaan Disdukcapil Kabupaten/Kota se-Kalimantan Barat 2025",
        "ringkasan": "Tipe dinas, jumlah kecamatan yang dilayani dan ketersediaan layanan daring "
                     "pada Disdukcapil kabupaten/kota se-Kalimantan Barat Tahun 2025.",
        "kategori": "setiap_saat", "unit": "kelembagaan",
        "penanggung_jawab": "Kepala Bidang Kelembagaan", "waktu_pembuatan": "2025-09-30",
        "bentuk": ["softcopy"], "retensi": "5 tahun",
        "lampiran": [att("profil-kelembagaan-2025.pdf", "Profil kelembagaan Disdukcapil "
                         "kabupaten/kota 2025", "digital", doc_kelembagaan_2025())],
    },
    {
        "id": "laporan-monev-adminduk-kabupaten-kota-2025",
        "judul": "Laporan Monitoring dan Evaluasi Penyelenggaraan Adminduk Kabupaten/Kota 2025",
        "ringkasan": "Temuan utama dan rekomendasi hasil monitoring dan evaluasi penyelenggaraan "
                     "administrasi kependudukan di 14 kabupaten/kota Tahun 2025: kelembagaan, "
                     "sarana, pengamanan data dan layanan bagi penduduk rentan.",
        "kategori": "setiap_saat", "unit": "kelembagaan",
        "penanggung_jawab": "Kepala Bidang Kelembagaan", "waktu_pembuatan": "2025-11-14",
        "bentuk": ["softcopy", "hardcopy"],
        "arsip_fisik": "Lemari arsip Bidang Kelembagaan, rak K-1", "retensi": "5 tahun",
        "lampiran": [att("laporan-monev-adminduk-2025.pdf", "Pindaian laporan monev adminduk 2025",
                         "pindaian", doc_monev_2025())],
    },
    {
        "id": "kartu-inventaris-barang-2024",
        "judul": "Kartu Inventaris Barang (KIB) Dinas Tahun 2024",
        "ringkasan": "Kartu inventaris barang milik daerah yang dikuasai Dinas keadaan 31 Desember "
                     "2024 (tanah, peralatan dan mesin, gedung dan bangunan). Tersedia dalam "
                     "bentuk "
                     "cetak dan dapat dilihat di Sekretariat melalui permohonan kepada PPID "
                     "Pembantu.",
        "kategori": "setiap_saat", "unit": "sekretariat",
        "penanggung_jawab": SEKDIS, "waktu_pembuatan": "2025-01-20",
        "bentuk": ["hardcopy"],
        "arsip_fisik": "Ruang Subbagian Umum dan Aparatur, lemari aset C-3", "retensi": "10 tahun",
    },
    {
        "id": "data-kependudukan-perseorangan",
        "judul": "Data kependudukan perseorangan (biodata penduduk, NIK, KK)",
        "ringkasan": "Data perseorangan penduduk yang dapat diakses Dinas melalui SIAK dan hak "
                     "akses data kependudukan, serta berkas permohonan fasilitasi yang memuatnya: "
                     "biodata, Nomor Induk Kependudukan, nomor Kartu Keluarga, alamat, data "
                     "keluarga dan data biometrik.",
        "kategori": "dikecualikan", "unit": "pendaftaran_penduduk",
        "penanggung_jawab": KADIS_T, "waktu_pembuatan": "2025-03-12",
        "bentuk": ["softcopy", "hardcopy"],
        "arsip_fisik": "Ruang arsip dokumen kependudukan (akses terbatas)", "retensi": "permanen",
        "pengecualian": {
            "dasar_hukum": "UU 14/2008 Pasal 17 huruf h (rahasia pribadi) jo. UU 23/2006 "
                           "sebagaimana diubah dengan UU 24/2013 Pasal 79 dan Pasal 84; UU 27/2022 "
                           "tentang Pelindungan Data Pribadi",
            "konsekuensi": "Membuka data ini mengungkap rahasia pribadi penduduk (riwayat dan "
                           "kondisi keluarga, data biometrik, keterangan cacat fisik/mental) dan "
                           "dapat dimanfaatkan untuk pemalsuan identitas, penipuan, pinjaman "
                           "daring "
                           "ilegal dan kejahatan lain. Data perseorangan hanya diberikan kepada "
                           "penduduk yang bersangkutan dan lembaga pengguna dengan hak akses yang "
                           "sah.",
            "jangka_waktu": "Tidak terbatas, selama data pribadi dilindungi undang-undang",
            "tanggal_uji": "2025-03-12",
        },
    },
    {
        "id": "konfigurasi-jaringan-dan-sandi-siak",
        "judul": "Dokumen konfigurasi jaringan dan sandi sistem SIAK",
        "ringkasan": "Topologi dan konfigurasi jaringan komunikasi data SIAK, alamat perangkat, "
                     "akun dan kata sandi hak akses, serta pengaturan keamanan server dan "
                     "perangkat perekaman.",
        "kategori": "dikecualikan", "unit": "pengelolaan_informasi",
        "penanggung_jawab": "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
        "waktu_pembuatan": "2025-03-12", "bentuk": ["softcopy"], "retensi": "5 tahun",
        "pengecualian": {
            "dasar_hukum": "UU 14/2008 Pasal 17 huruf j jo. UU 23/2006 sebagaimana diubah dengan "
                           "UU 24/2013 Pasal 79 (kewajiban negara menyimpan dan melindungi data "
                           "kependudukan serta pembatasan hak akses)",
            "konsekuensi": "Membuka konfigurasi jaringan dan sandi memungkinkan akses tanpa hak "
                           "ke database kependudukan nasional, peretasan, perubahan atau kebocoran "
                           "data jutaan penduduk, serta terganggunya layanan administrasi "
                           "kependudukan di seluruh kabupaten/kota.",
            "jangka_waktu": "Selama konfigurasi dan sandi tersebut masih digunakan",
            "tanggal_uji": "2025-03-12",
        },
    },
]


# fmt: on


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
FILE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def build_item(spec: dict[str, Any], units: dict[str, Any]) -> dict[str, Any]:
    item = {k: v for k, v in spec.items() if k not in ("id", "lampiran")}
    item.setdefault("pejabat_penguasa", units[spec["unit"]]["pejabat"])
    item.setdefault("tempat_pembuatan", "Pontianak")
    item.setdefault("status", "terbit")
    item["tahun"] = int(spec["waktu_pembuatan"][:4])
    if spec.get("lampiran"):
        item["lampiran"] = [
            {k: v for k, v in a.items() if not k.startswith("_")} for a in spec["lampiran"]
        ]
    return item


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def main() -> int:
    units = yaml.safe_load(UNITS_FILE.read_text(encoding="utf-8"))
    DIP_DIR.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    changed = 0
    for spec in ITEMS:
        item_id = spec["id"]
        if not ID_RE.match(item_id) or item_id in seen:
            raise SystemExit(f"bad or duplicate id: {item_id}")
        if spec["unit"] not in units:
            raise SystemExit(f"{item_id}: unknown unit {spec['unit']}")
        seen.add(item_id)
        folder = DIP_DIR / item_id
        folder.mkdir(exist_ok=True)
        item = build_item(spec, units)
        expected = {"item.yaml"}
        changed += write_if_changed(folder / "item.yaml", to_yaml(item).encode("utf-8"))
        for a in spec.get("lampiran", []):
            if not FILE_RE.match(a["berkas"]):
                raise SystemExit(f"{item_id}: bad file name {a['berkas']}")
            meta = {
                "title": a["judul"],
                "subject": f"Daftar Informasi Publik: {item['judul']}",
                "keywords": f"DIP, PPID Pembantu, Disdukcapil Kalimantan Barat, {item_id}",
                "date": spec["waktu_pembuatan"],
            }
            data = make_pdf(
                a["_blocks"], a["sumber"] == "pindaian", meta, f"{item_id}/{a['berkas']}"
            )
            changed += write_if_changed(folder / a["berkas"], data)
            expected.add(a["berkas"])
        for stale in sorted(p for p in folder.iterdir() if p.name not in expected):
            if stale.is_file() or stale.is_symlink():
                stale.unlink()
                print(f"dihapus: {stale.relative_to(ROOT)}")
                changed += 1
    others = sorted(p.name for p in DIP_DIR.iterdir() if p.name not in seen)
    for name in others:
        print(
            f"peringatan: content/dip/{name} tidak dikelola skrip ini (dibiarkan)", file=sys.stderr
        )
    print(f"{len(ITEMS)} item, {changed} berkas ditulis/diubah")
    return 0


if __name__ == "__main__":
    sys.exit(main())
