"""The public site in a real browser (Debian's chromium through Playwright), issue 4.

One build, one server, one browser and one context per viewport for the session
(see conftest.py); each test gets a fresh page. Screenshots go to $DIP_SCREENSHOTS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import AXE, DESKTOP, HOSTILE, PHONE, ROOT, Item, OpenPage, serve

ITEM = "renstra-2019-2023"
PAGES = {
    "beranda": "",
    "register": "dip/",
    "item": f"dip/{ITEM}/",
    "dik": "dik/",
}
COLUMNS = [
    "No.",
    "Ringkasan isi informasi",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan/penerbitan",
    "Waktu dan tempat pembuatan",
    "Bentuk informasi",
    "Jangka waktu penyimpanan",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

page_names = pytest.mark.parametrize("name", list(PAGES))


def _text(s: str) -> str:
    return " ".join(s.split())


def settle(page: Any) -> None:
    """Finish the theme's CSS transitions (tabs fade in on load) so what is measured
    is the page at rest, not a frame of an animation."""
    page.evaluate(
        "() => document.getAnimations().forEach(a => { try { a.finish() } catch (e) {} })"
    )


# ------------------------------------------------------------------ 1. clean loads


@page_names
def test_page_loads_without_errors_or_foreign_requests(open_page: OpenPage, name: str) -> None:
    visit = open_page()
    visit.goto(PAGES[name], wait_until="networkidle")
    problems = {
        "console errors": visit.console_errors,
        "page errors": visit.page_errors,
        "requests to other hosts": visit.foreign_requests(),
        "failed/4xx/5xx responses": visit.bad_responses,
    }
    assert not any(problems.values()), f"{PAGES[name] or '/'}: " + json.dumps(
        {k: v for k, v in problems.items() if v}, indent=1
    )


# ------------------------------------------------------------------ 2. search


def search_hits(visit: Any, word: str) -> list[str]:
    """Search for `word` as a visitor does: the form on the home page, then Pagefind's UI
    on the search page; the absolute URLs of the results.

    The one place that knows the search UI.
    """
    page = visit.page
    visit.goto("")
    page.fill("#dip-q", word)
    page.locator("form.dip-cari-form button").click()
    page.wait_for_url("**/cari/?q=*")
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for(state="attached", timeout=15_000)
    hrefs: list[str] = results.evaluate_all("els => els.map(e => e.href)")
    return hrefs


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Strategis", "renstra-2019-2023"), ("kependudukan", None)],
)
def test_search_finds_item_by_indonesian_word(
    open_page: OpenPage, items: dict[str, Item], site_url: str, word: str, expected: str | None
) -> None:
    hits = search_hits(open_page(), word)
    item_ids = {
        m.group(1)
        for h in hits
        if (m := re.fullmatch(re.escape(site_url) + r"dip/([a-z0-9-]+)/(?:#.*)?", h))
    }
    titled = {i for i, it in items.items() if word.lower() in str(it.data["judul"]).lower()}
    assert item_ids & titled, f"search {word!r}: no hit on an item titled with it; hits: {hits}"
    if expected:
        assert expected in item_ids, f"search {word!r}: {expected} not among {hits}"


# ------------------------------------------------------------------ 3. register


def test_register_has_seven_columns_and_every_published_item(
    open_page: OpenPage, items: dict[str, Item], site_url: str
) -> None:
    visit = open_page()
    visit.goto(PAGES["register"])
    page = visit.page
    tables = page.locator("table.dip-register")
    assert tables.count() >= 1, "no <table class='dip-register'> on dip/"
    for i in range(tables.count()):
        heads = [_text(t) for t in tables.nth(i).locator("thead th").all_inner_texts()]
        assert heads == COLUMNS, f"table {i + 1}: columns {heads}"
    hrefs: list[str] = page.locator("table.dip-register tbody a").evaluate_all(
        "els => els.map(e => e.href)"
    )
    linked = {
        m.group(1)
        for h in hrefs
        if (m := re.fullmatch(re.escape(site_url) + r"dip/([a-z0-9-]+)/(?:#.*)?", h))
    }
    published = {i for i, it in items.items() if it.published and not it.exempt}
    withdrawn = {i for i, it in items.items() if not it.published}
    exempt = {i for i, it in items.items() if it.exempt}
    assert published - linked == set(), "published items missing from the register"
    assert linked & withdrawn == set(), "withdrawn items listed in the register"
    assert linked & exempt == set(), "DIK items listed in the DIP register"
    rows = page.locator("table.dip-register tbody tr").count()
    assert rows == len(published), f"{rows} rows for {len(published)} published items"
    # Grouped: one table per kategori (berkala: per subkategori), each under a heading.
    groups = {
        (
            it.data["kategori"],
            it.data.get("subkategori") if it.data["kategori"] == "berkala" else "",
        )
        for i, it in items.items()
        if i in published
    }
    assert tables.count() == len(groups), f"{tables.count()} tables for groups {sorted(groups)}"
    unheaded = tables.evaluate_all(
        """ts => ts.filter(t => {
              let n = t.closest('.dip-table-wrap, .md-typeset__scrollwrap') || t;
              while (n && !/^H[1-6]$/.test(n.tagName) && !n.matches('table')) {
                n = n.previousElementSibling;
                if (n && n.matches('table, .dip-table-wrap')) return true;
              }
              return !n;
            }).length"""
    )
    assert unheaded == 0, f"{unheaded} register tables without a heading before them"


def test_register_columns_are_all_visible_on_a_desktop(open_page: OpenPage) -> None:
    """At 1280x900 no register column is cut off behind a horizontal scrollbar."""
    visit = open_page()
    visit.goto(PAGES["register"])
    clipped = visit.page.locator("table.dip-register").evaluate_all(
        """ts => ts.flatMap((t, i) => {
              let box = t.parentElement;
              while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible')
                box = box.parentElement;
              const right = Math.min(box.getBoundingClientRect().right, window.innerWidth);
              return [...t.querySelectorAll('thead th')]
                .filter(th => th.getBoundingClientRect().right > right + 1)
                .map(th => `table ${i + 1}: ${th.innerText.replace(/\\s+/g, ' ')} (right `
                       + `${Math.round(th.getBoundingClientRect().right)} > ${Math.round(right)})`);
            })"""
    )
    assert not clipped, f"{len(clipped)} header cells cut off, e.g. {clipped[:3]}"


# ------------------------------------------------------------------ 4. download


def test_attachment_downloads_with_the_right_bytes(open_page: OpenPage, tmp_path: Path) -> None:
    visit = open_page()
    visit.goto(PAGES["item"])
    link = visit.page.locator(".dip-lampiran a[download]").first
    name = link.get_attribute("href")
    assert name, "no <a download> in .dip-lampiran"
    with visit.page.expect_download() as info:
        link.click()
    download = info.value
    saved = tmp_path / "unduhan"
    download.save_as(saved)
    berkas = Path(name.split("?")[0].split("#")[0]).name
    expected = (ROOT / "content" / "dip" / ITEM / berkas).read_bytes()
    assert saved.read_bytes() == expected
    assert download.suggested_filename == berkas
    assert download.url.endswith(f"/dip/{ITEM}/{berkas}")


# ------------------------------------------------------------------ 5. phone


@page_names
def test_no_horizontal_scroll_on_a_phone(open_page: OpenPage, name: str) -> None:
    visit = open_page(PHONE)
    visit.goto(PAGES[name])
    widths = visit.page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                   widest: [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                     .slice(0, 5).map(e => e.tagName.toLowerCase() +
                       (e.className && typeof e.className === 'string'
                         ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
                       ' right=' + Math.round(e.getBoundingClientRect().right))})"""
    )
    assert widths["scroll"] <= widths["inner"], (
        f"{PAGES[name] or '/'} at 360px: scrollWidth {widths['scroll']} > {widths['inner']}; "
        f"overflowing: {widths['widest']}"
    )


# ------------------------------------------------------------------ 6. accessibility


@page_names
def test_axe_finds_no_serious_violation(open_page: OpenPage, name: str) -> None:
    assert AXE.is_file(), f"{AXE} missing: run `npm ci` at the repository root"
    visit = open_page()
    visit.goto(PAGES[name])
    settle(visit.page)
    visit.page.add_script_tag(path=str(AXE))
    result = visit.page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    report = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "html": n["html"][:200], "why": n["failureSummary"]}
                for n in v["nodes"][:5]
            ],
            "count": len(v["nodes"]),
        }
        for v in bad
    ]
    if report:
        pytest.fail(
            f"{PAGES[name] or '/'}: axe violations (serious/critical)\n"
            + json.dumps(report, indent=1, ensure_ascii=False),
            pytrace=False,
        )


# ------------------------------------------------------------------ 7. screenshots


@page_names
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshot(open_page: OpenPage, screenshot_dir: Path, name: str, device: str) -> None:
    visit = open_page(DESKTOP if device == "desktop" else PHONE)
    visit.goto(PAGES[name])
    target = screenshot_dir / f"{name}-{device}.png"
    visit.page.screenshot(path=str(target), full_page=True, animations="disabled")
    assert target.stat().st_size > 1000


# ------------------------------------------------------------------ 8. hostile values


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


def test_hostile_values_do_not_run_in_the_browser(open_page: OpenPage, hostile_url: str) -> None:
    visit = open_page()
    visit.base = hostile_url
    dialogs: list[str] = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for item_id, (judul, _) in HOSTILE.items():
        visit.goto(f"dip/{item_id}/")
        assert judul in visit.page.title(), f"dip/{item_id}/: <title> {visit.page.title()!r}"
        assert judul in _text(visit.page.locator("h1").first.inner_text()), item_id
    hits = search_hits(visit, "Strategis")
    assert any(h.endswith("/dip/renstra-2019-2023/") for h in hits), hits
    shown = visit.page.locator(".pagefind-ui__result").first.inner_text()
    assert "<script>alert(1)</script>" in shown, f"search result shows {shown!r}"
    for path in ("", "dip/"):
        visit.goto(path)
    assert not dialogs, f"script from item values ran: {dialogs}"
    assert not visit.page_errors, visit.page_errors
    assert not visit.page.locator("img[src='x']").count()
