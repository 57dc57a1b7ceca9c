"""The built site as files (no browser): exports, escaping, no foreign hosts, page contract."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from conftest import HOSTILE, ROOT, Item

ATOM = "{http://www.w3.org/2005/Atom}"
DIK_IDS = {"data-kependudukan-perseorangan", "konfigurasi-jaringan-dan-sandi-siak"}
WITHDRAWN = "renja-2025-rancangan"
DIK_COLUMNS = ["Informasi", "Dasar hukum", "Konsekuensi", "Jangka waktu pengecualian"]
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg", ".webmanifest"}
# Namespace names are identifiers, never fetched.
NAMESPACE_HOSTS = {"www.w3.org", "www.sitemaps.org", "purl.org", "schema.org", "ogp.me"}
# Patterns that make a browser fetch from another host: fonts, CDNs, analytics.
FETCHERS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|googletagmanager|google-analytics|gtag/js"
    r"|cdn\.|cdnjs|unpkg\.com|jsdelivr|polyfill\.io|plausible\.io|matomo",
    re.I,
)
# mkdocs-material's bundle loads these from unpkg.com only for a browser without
# ResizeObserver (before 2020) or a page with mermaid diagrams (none here): known, accepted.
THEME_FALLBACKS = re.compile(
    r"https://unpkg\.com/(resize-observer-polyfill|mermaid@[\d.]+/[\w./-]+)"
)


HOST = r"https?://([A-Za-z0-9.-]+)"
# Where a file names another host in a way that is fetched or followed: HTML attributes,
# CSS url()/@import, anything in XML/JSON (feed, sitemap, search index). Not JS code
# (theme bundles name hosts in code paths the site does not use; FETCHERS covers JS).
ATTR = r"(?:src|href|action|poster|srcset|content|data)\s*=\s*[\"']?\s*" + HOST
CSS_URL = r"url\(\s*[\"']?" + HOST + r"|@import\s+[\"']" + HOST
REFERENCES = {
    ".html": re.compile(ATTR + "|" + CSS_URL, re.I),
    ".css": re.compile(CSS_URL, re.I),
    ".xml": re.compile(HOST),
    ".json": re.compile(HOST),
}


# ------------------------------------------------------------------ tiny HTML tree


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return " ".join(
            "".join(
                c if isinstance(c, str) else " " + c.text() + " " for c in self.children
            ).split()
        )

    def iter(self) -> Any:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]


class _TreeBuilder(HTMLParser):
    VOID = frozenset(
        [
            "area",
            "base",
            "br",
            "col",
            "embed",
            "hr",
            "img",
            "input",
            "link",
            "meta",
            "source",
            "track",
            "wbr",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag: str) -> None:
        n: Node | None = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def parse(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text("utf-8"))
    builder.close()
    return builder.root


def page(site: Path, rel: str) -> Node:
    path = site / rel / "index.html"
    assert path.is_file(), f"{rel or '/'}: no {path.relative_to(site)}"
    return parse(path)


def items_of(payload: Any) -> list[dict[str, Any]]:
    if isinstance(payload, dict):
        for key in ("items", "dip", "data"):
            if isinstance(payload.get(key), list):
                return payload[key]
    assert isinstance(payload, list), f"dip.json: no list of items in {type(payload)}"
    return payload


def published_dip(items: dict[str, Item]) -> set[str]:
    return {i for i, it in items.items() if it.published and not it.exempt}


# ------------------------------------------------------------------ exports


def test_dip_json_has_published_items_with_stable_ids(
    site_dir: Path, items: dict[str, Item]
) -> None:
    records = items_of(json.loads((site_dir / "dip.json").read_text("utf-8")))
    by_id = {r["id"]: r for r in records}
    assert len(by_id) == len(records), "duplicate ids in dip.json"
    assert published_dip(items) <= set(by_id), "published items missing from dip.json"
    assert set(by_id) <= set(items), f"ids that are not folders: {set(by_id) - set(items)}"
    for item_id in published_dip(items):
        assert by_id[item_id]["judul"] == items[item_id].data["judul"], item_id
    # DIK items never expose attachments.
    for item_id in DIK_IDS & set(by_id):
        assert not by_id[item_id].get("lampiran"), f"{item_id}: DIK item lists lampiran"


def test_dip_csv_is_excel_friendly_utf8(site_dir: Path, items: dict[str, Item]) -> None:
    raw = (site_dir / "dip.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "dip.csv has no UTF-8 BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header = rows[0]
    for column in ("id", "judul", "ringkasan", "kategori"):
        assert column in header, f"dip.csv header {header} lacks {column!r}"
    assert len(set(header)) == len(header), f"duplicate columns: {header}"
    assert all(len(r) == len(header) for r in rows[1:]), "ragged CSV rows"
    ids = {r[header.index("id")] for r in rows[1:]}
    assert published_dip(items) <= ids, "published items missing from dip.csv"
    judul = {r[header.index("id")]: r[header.index("judul")] for r in rows[1:]}
    assert judul["renstra-2019-2023"] == items["renstra-2019-2023"].data["judul"]  # – survives


def test_feed_is_atom(site_dir: Path) -> None:
    root = ET.parse(site_dir / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None, f"feed has no <{tag}>"
    entries = root.findall(f"{ATOM}entry")
    assert entries, "feed has no entries"
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), f"entry without <{tag}>"
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", entry.findtext(f"{ATOM}updated", "")
        )


# ------------------------------------------------------------------ hostile values


RAW_MARKUP = ("<script>alert(1)", "<img src=x", "</title><img")


def test_hostile_values_are_escaped_everywhere(hostile_site: Path) -> None:
    offenders = {
        str(p.relative_to(hostile_site)): [r for r in RAW_MARKUP if r in text]
        for p in hostile_site.rglob("*")
        if p.is_file()
        and p.suffix in {".html", ".xml", ".js", ".txt", ".json"}
        and p.name != "dip.json"  # data, not markup: its consumers escape it
        and any(r in (text := p.read_text("utf-8", errors="replace")) for r in RAW_MARKUP)
    }
    assert not offenders, f"raw markup from item values in {offenders}"
    item_html = (hostile_site / "dip" / "renstra-2019-2023" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)" in item_html, "the title is not shown (escaped) at all"
    head = item_html.split("</head>")[0]
    assert head.count("<title>") == 1 and head.count("</title>") == 1, "title closed early"
    # Search index: material inserts titles and text as HTML, so they must be escaped there.
    for index in hostile_site.rglob("search_index.json"):
        for doc in json.loads(index.read_text("utf-8"))["docs"]:
            for key in ("title", "text"):
                value = str(doc.get(key, "")).lower()
                assert "<script" not in value and "<img" not in value, (
                    f"search {key} of {doc['location']!r}: {value[:200]!r}"
                )


def test_hostile_values_in_feed_are_text(hostile_site: Path) -> None:
    root = ET.parse(hostile_site / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert HOSTILE["renstra-2019-2023"][0] in titles, f"hostile title not in feed: {titles}"
    for entry in root.findall(f"{ATOM}entry"):
        for el in entry:
            if el.get("type") in ("html", "xhtml"):  # decoded once more by feed readers
                text = "".join(el.itertext()).lower()
                assert "<script" not in text and "<img" not in text, ET.tostring(el)


def test_csv_formulas_are_neutralised(hostile_site: Path) -> None:
    raw = (hostile_site / "dip.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    by_id = {r["id"]: r for r in rows}
    for item_id, (judul, start) in HOSTILE.items():
        assert item_id in by_id, f"{item_id} not in dip.csv"
        cell = by_id[item_id]["ringkasan"]
        assert cell.startswith("'" + start), f"{item_id}: ringkasan cell {cell[:50]!r}"
        assert by_id[item_id]["judul"] == judul, "judul changed in CSV"
    assert by_id["renstra-2019-2023"]["ringkasan"].startswith("'=HYPERLINK(")
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@")), f"{row['id']}.{column}: {cell!r}"


# ------------------------------------------------------------------ no other hosts


def test_no_file_references_foreign_hosts(site_dir: Path, items: dict[str, Item]) -> None:
    allowed = {
        urlsplit(t["url"]).hostname
        for it in items.values()
        for t in it.data.get("tautan") or []
        if isinstance(t, dict) and t.get("url")
    }
    fetchers: dict[str, list[str]] = {}
    foreign: dict[str, set[str]] = {}
    for path in site_dir.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        if path.name in ("dip.json", "dip.csv"):
            continue  # item data: their links are the items' tautan, checked in the HTML
        rel = str(path.relative_to(site_dir))
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".js":
            text = THEME_FALLBACKS.sub("", text)
        hits = sorted({m.group(0) for m in FETCHERS.finditer(text)})
        if hits:
            fetchers[rel] = hits
        pattern = REFERENCES.get(path.suffix)
        for m in pattern.finditer(text) if pattern else ():
            host = next(g for g in m.groups() if g).lower().rstrip(".")
            if host not in allowed and host not in NAMESPACE_HOSTS:
                foreign.setdefault(rel, set()).add(host)
    assert not fetchers, f"fetches from CDNs/fonts/analytics: {fetchers}"
    assert not foreign, (
        f"hosts not in any item's tautan: { {k: sorted(v) for k, v in foreign.items()} }"
    )


# ------------------------------------------------------------------ the pages' contract


def test_home_counts_and_latest_changes(site_dir: Path) -> None:
    home = page(site_dir, "")
    counts = home.find_all(cls="dip-count")
    assert counts, "no .dip-count on the home page"
    numbers = [int(re.sub(r"\D", "", c.text()) or -1) for c in counts]
    assert all(n >= 0 for n in numbers), f"counts {numbers}"
    hrefs = [a.attrs.get("href") or "" for a in home.find_all("a")]
    assert any(re.match(r"(\./)?dip/[a-z0-9-]+/$", h) for h in hrefs), "no link to an item"
    for export in ("dip.json", "dip.csv", "feed.xml"):
        assert (site_dir / export).is_file()


def test_item_pages_fields_and_attachments(site_dir: Path, items: dict[str, Item]) -> None:
    for item_id, item in items.items():
        doc = page(site_dir, f"dip/{item_id}")
        fields = doc.find_all("dl", "dip-fields")
        assert fields, f"dip/{item_id}/: no <dl class='dip-fields'>"
        if item.exempt or not item.published:
            continue
        lampiran = item.data.get("lampiran") or []
        if not lampiran:
            continue
        lists = doc.find_all("ul", "dip-lampiran")
        assert lists, f"dip/{item_id}/: no <ul class='dip-lampiran'>"
        links = [a for a in lists[0].find_all("a") if "download" in a.attrs]
        assert len(links) == len(lampiran), f"dip/{item_id}/: {len(links)} download links"
        text = lists[0].text()
        for att, link in zip(lampiran, links, strict=True):
            berkas = att["berkas"]
            assert link.attrs.get("href") == berkas, f"dip/{item_id}/: href {link.attrs}"
            data = (ROOT / "content" / "dip" / item_id / berkas).read_bytes()
            served = site_dir / "dip" / item_id / berkas
            assert served.is_file() and served.read_bytes() == data, f"{served} not served"
            assert hashlib.sha256(data).hexdigest() in text, f"dip/{item_id}/: no sha256"
            assert re.search(r"\d+(,\d+)?\s*(B|KB|kB|MB|bita|byte)", text), f"no size: {text}"
            if berkas.endswith(".pdf"):
                assert re.search(r"\d+\s*halaman", text), f"dip/{item_id}/: no page count"


def test_withdrawn_item_keeps_its_page_with_a_notice(
    site_dir: Path, items: dict[str, Item]
) -> None:
    doc = page(site_dir, f"dip/{WITHDRAWN}")
    notices = doc.find_all(cls="dip-ditarik")
    assert notices, f"dip/{WITHDRAWN}/: no .dip-ditarik"
    alasan = " ".join(str(items[WITHDRAWN].data["penarikan"]["alasan"]).split())
    assert alasan[:60] in notices[0].text(), f"reason not in notice: {notices[0].text()!r}"
    register = page(site_dir, "dip")
    assert not [a for a in register.find_all("a") if WITHDRAWN in (a.attrs.get("href") or "")], (
        "withdrawn item linked from the register"
    )


def test_dik_page(site_dir: Path, items: dict[str, Item]) -> None:
    doc = page(site_dir, "dik")
    tables = doc.find_all("table", "dik-register")
    assert len(tables) == 1, f"{len(tables)} .dik-register tables"
    heads = [th.text() for th in tables[0].find_all("th") if th.parent and th.parent.tag == "tr"]
    assert heads[: len(DIK_COLUMNS)] == DIK_COLUMNS, heads
    text = tables[0].text()
    for item_id in DIK_IDS:
        assert " ".join(str(items[item_id].data["judul"]).split()) in text, item_id
    pdfs = [
        a.attrs.get("href")
        for a in doc.find_all("a")
        if (a.attrs.get("href") or "").lower().endswith(".pdf")
    ]
    assert not pdfs, f"DIK page links files: {pdfs}"
    for item_id in DIK_IDS:
        files = [p.name for p in (site_dir / "dip" / item_id).iterdir() if p.name != "index.html"]
        assert not files, f"dip/{item_id}/ publishes files of an exempt item: {files}"


def test_unit_pages_and_print_register(site_dir: Path) -> None:
    units = yaml.safe_load((ROOT / "content" / "units.yaml").read_text("utf-8"))
    for key, unit in units.items():
        doc = page(site_dir, f"unit/{key}")
        assert unit["nama"] in doc.text(), f"unit/{key}/: no unit name"
    cetak = page(site_dir, "cetak")
    assert cetak.find_all("table"), "cetak/: no table"
