"""The site as files: built once from the sample content, plus broken-input builds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, ROOT, RunDip, add_item, make_site_project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("situs")
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DIP_TODAY": "2026-11-25", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    return out


def site_project(tmp_path: Path) -> Path:
    return make_site_project(tmp_path / "proyek")


def test_every_item_has_a_page(site: Path) -> None:
    ids = [p.name for p in (ROOT / "content" / "dip").iterdir()]
    for item_id in ids:
        assert (site / "dip" / item_id / "index.html").is_file(), item_id


def test_links_are_relative_and_local(site: Path) -> None:
    allowed = {
        "https://ppid.kalbarprov.go.id",
        "https://dukcapil.kalbarprov.go.id",
        "https://www.lapor.go.id",
        "https://lapor.go.id",
        "https://sirup.lkpp.go.id",
    }
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            continue  # mkdocs makes 404.html root-absolute unless site_url names the sub-path
        # Works from a sub-path: no root-absolute links or assets.
        assert not re.search(r'(?:href|src)="/(?!/)', text), page
        for url in re.findall(r'(?:href|src)="(https?://[^"]+)"', text):
            assert any(url.startswith(a) for a in allowed), (page, url)
        for needle in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com"):
            assert needle not in text, (page, needle)


def test_withdrawn_item_keeps_page_leaves_register(site: Path) -> None:
    page = (site / "dip/renja-2025-rancangan/index.html").read_text(encoding="utf-8")
    assert "dip-ditarik" in page and "Digantikan oleh Renja Tahun 2025" in page
    register = (site / "dip/index.html").read_text(encoding="utf-8")
    assert "renja-2025-rancangan" not in register
    assert not (site / "dip/renja-2025-rancangan/renja-2025-rancangan.pdf").exists()


def test_exempt_items_publish_no_document(site: Path) -> None:
    dik = (site / "dik/index.html").read_text(encoding="utf-8")
    assert "Pasal 17 huruf h" in dik
    body = dik.split('class="dik-register"', 1)[1]
    assert ".pdf" not in body
    for item_id in ("data-kependudukan-perseorangan", "konfigurasi-jaringan-dan-sandi-siak"):
        files = sorted(p.name for p in (site / "dip" / item_id).iterdir())
        assert files == ["index.html"]


def test_attachment_bytes_are_published_unchanged(site: Path) -> None:
    src = ROOT / "content/dip/renstra-2019-2023"
    for pdf in src.glob("*.pdf"):
        assert (site / "dip/renstra-2019-2023" / pdf.name).read_bytes() == pdf.read_bytes()


def test_register_has_seven_columns_and_no_exempt_rows(site: Path) -> None:
    register = (site / "dip/index.html").read_text(encoding="utf-8")
    heads = re.findall(r'<th scope="col">([^<]+)</th>', register)
    assert heads[:7] == [
        "No.",
        "Ringkasan isi informasi",
        "Pejabat/unit yang menguasai informasi",
        "Penanggung jawab pembuatan/penerbitan",
        "Waktu dan tempat pembuatan",
        "Bentuk informasi",
        "Jangka waktu penyimpanan",
    ]
    assert "data-kependudukan-perseorangan" not in register


def test_search_index_covers_item_pages_only(site: Path) -> None:
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    items = len(list((ROOT / "content" / "dip").iterdir()))
    assert entry["languages"]["id"]["page_count"] == items  # not the register, DIK, units
    assert len(list((site / "pagefind/fragment").iterdir())) == items
    page = (site / "dip/renstra-2019-2023/index.html").read_text(encoding="utf-8")
    body = page.split("<div data-pagefind-body>", 1)[1].split("</div>", 1)[0]
    # Only the title and the ringkasan are indexed: no sha256, history or field labels.
    assert "Rencana Strategis" in body and "sha256" not in body and "Riwayat" not in body
    assert page.count("data-pagefind-body") == 1


def test_broken_item_fails_build_with_checker_message(dip: RunDip, tmp_path: Path) -> None:
    root = site_project(tmp_path)
    add_item(root, text=GOOD_ITEM.replace("kategori: berkala", "kategori: berkal"))
    out = dip("build", "--site-dir", str(tmp_path / "out"), cwd=root)
    assert out.returncode == 1 and "DIP-E204" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "out").exists()
    # Plain `mkdocs build` with the plugin refuses the same way, naming file, line and code.
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out2")],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert plain.returncode != 0
    assert "content/dip/renstra-2019-2023/item.yaml:5:11: DIP-E204" in plain.stderr
    assert "Traceback" not in plain.stderr


def test_link_that_breaks_out_of_its_attribute_is_refused(dip: RunDip, tmp_path: Path) -> None:
    root = site_project(tmp_path)
    evil = GOOD_ITEM.replace(
        "tautan: []",
        'tautan:\n  - judul: Situs\n    url: "https://ppid.kalbarprov.go.id/\\"onmouseover=x"',
    )
    add_item(root, text=evil)
    out = dip("build", "--site-dir", str(tmp_path / "out"), cwd=root)
    assert out.returncode == 1 and "DIP-E205" in out.stderr


def test_hostile_values_are_escaped_everywhere(dip: RunDip, tmp_path: Path) -> None:
    root = site_project(tmp_path)
    evil = (
        GOOD_ITEM.replace(
            "judul: Rencana Strategis",
            'judul: "</title><script>alert(1)</script> Rencana Strategis',
        )
        .replace("2019–2023\nringkasan", '2019–2023"\nringkasan')
        .replace(
            "  Dokumen perencanaan",
            '  "><img src=x onerror=alert(2)> {% include "x" %} Dokumen perencanaan',
        )
    )
    add_item(root, text=evil)
    out = dip("build", "--site-dir", str(tmp_path / "out"), cwd=root)
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "out/dip/renstra-2019-2023/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; Rencana" in page
    assert 'content="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;' in page  # meta description
    for f in (tmp_path / "out").rglob("*"):
        # HTML and XML must escape; dip.json/dip.csv are data and carry the text as written.
        if f.suffix in (".html", ".xml"):
            text = f.read_text(encoding="utf-8-sig")
            assert "<script>alert(1)" not in text, f
            assert "<img src=x" not in text, f


def test_empty_register_still_builds(dip: RunDip, tmp_path: Path) -> None:
    """A PPID starting out has no item yet: the site builds and says so."""
    root = site_project(tmp_path)
    out = dip("build", "--site-dir", str(tmp_path / "out"), cwd=root)
    assert out.returncode == 0, out.stderr
    search = (tmp_path / "out/cari/index.html").read_text(encoding="utf-8")
    assert "Belum ada informasi yang terdaftar" in search and "pagefind-ui.js" not in search
    assert not (tmp_path / "out/pagefind").exists()
    assert json.loads((tmp_path / "out/dip.json").read_text(encoding="utf-8"))["items"] == []


def test_sentinel_characters_in_values_change_nothing(dip: RunDip, tmp_path: Path) -> None:
    """Item pages reuse one rendered page with placeholders; a value that contains a
    placeholder's characters must come out as itself, not pull in other content."""
    root = site_project(tmp_path)
    from pipeline.site.plugin import DESCRIPTION_SENTINEL, TITLE_SENTINEL

    ringkasan = f"Dokumen uji {DESCRIPTION_SENTINEL} dan {TITLE_SENTINEL} selesai."
    text = GOOD_ITEM.replace(
        "  Dokumen perencanaan lima tahunan yang memuat visi, misi, tujuan, sasaran,\n"
        "  strategi dan program Dinas.",
        f"  {ringkasan}",
    )
    assert ringkasan in text
    add_item(root, text=text)
    add_item(root, "renja-2025", GOOD_ITEM.replace("Rencana Strategis", "Rencana Kerja"))
    out = dip("build", "--site-dir", str(tmp_path / "out"), cwd=root)
    assert out.returncode == 0, out.stderr
    page = (tmp_path / "out/dip/renstra-2019-2023/index.html").read_text(encoding="utf-8")
    assert f'<p class="dip-ringkasan-lead">{ringkasan}</p>' in page
    assert f'<meta name="description" content="{ringkasan}">' in page
