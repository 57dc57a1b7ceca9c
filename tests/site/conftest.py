"""Fixtures for the public-site tests: one build, one local HTTP server, one browser.

The site is built once per session from the repository itself (its `content/`),
into `<tmp>/ppid/`, and served from `<tmp>/` so that it is reached under a
sub-path (http://127.0.0.1:<port>/ppid/), as it is on a real host.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml


def _load_tests_conftest() -> ModuleType:
    """tests/conftest.py, loaded under its own name.

    This folder has no __init__.py, so pytest imports this file as the module
    `conftest` too and it replaces tests/conftest.py in sys.modules; every
    `from conftest import ...` in tests/ (and here) then resolves to this file.
    So the helpers of tests/conftest.py are re-exported below (not its fixtures:
    those stay registered once, by pytest, from tests/conftest.py itself).
    """
    path = Path(__file__).resolve().parent.parent / "conftest.py"
    spec = importlib.util.spec_from_file_location("_dip_tests_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _is_fixture(value: object) -> bool:
    return hasattr(value, "_fixture_function_marker") or hasattr(value, "_pytestfixturefunction")


_parent = _load_tests_conftest()
globals().update(
    {
        name: value
        for name, value in vars(_parent).items()
        if not name.startswith("_") and name not in globals() and not _is_fixture(value)
    }
)

ROOT: Path = _parent.ROOT
TODAY = _parent.TODAY
GOOD_ITEM: str = _parent.GOOD_ITEM
from pipeline.bench.search_cost import ARGS as BENCH_CHROMIUM_ARGS  # noqa: E402

make_project = _parent.make_project
add_item = _parent.add_item
SUBPATH = "ppid"
CHROMIUM = os.environ.get("DIP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    *BENCH_CHROMIUM_ARGS,  # the flags this machine's closed network needs, one list
    # Any host but the local server fails at once instead of waiting on the
    # network; the request is still seen (and reported) by the tests.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


# --------------------------------------------------------------------------- build


def build_site(project: Path, out: Path) -> Path:
    """`dip --proyek <project> build --site-dir <out>`, as a user runs it. Fails the test
    (never skips) when the command is missing or the build fails."""
    env = {**os.environ, "DIP_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "--proyek",
            str(project),
            "build",
            "--site-dir",
            str(out),
        ],
        cwd=project,
        env=env,
        text=True,
        capture_output=True,
        timeout=300,
    )
    if proc.returncode != 0 or not (out / "index.html").is_file():
        pytest.fail(
            f"`dip build` failed (exit {proc.returncode}) for {project}:\n"
            f"--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}",
            pytrace=False,
        )
    return out


@dataclass(frozen=True)
class Item:
    id: str
    data: dict[str, Any]

    @property
    def exempt(self) -> bool:
        return self.data.get("kategori") == "dikecualikan"

    @property
    def published(self) -> bool:
        return self.data.get("status") == "terbit"


def load_items(project: Path) -> dict[str, Item]:
    """The project's items, read straight from content/dip/<id>/item.yaml."""
    items = {}
    for path in sorted((project / "content" / "dip").glob("*/item.yaml")):
        items[path.parent.name] = Item(path.parent.name, yaml.safe_load(path.read_text("utf-8")))
    return items


@pytest.fixture(scope="session")
def items() -> dict[str, Item]:
    return load_items(ROOT)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per session into <tmp>/ppid/."""
    return build_site(ROOT, tmp_path_factory.mktemp("situs") / SUBPATH)


# --------------------------------------------------------------------------- server


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site`'s parent on 127.0.0.1 (a real HTTP server in a thread); yields the
    site's URL, a sub-path: http://127.0.0.1:<port>/<site.name>/."""
    handler = functools.partial(_QuietHandler, directory=str(site.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{site.name}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """http://127.0.0.1:<port>/ppid/ — the repository's site under a sub-path."""
    with serve(site_dir) as url:
        yield url


# --------------------------------------------------------------------------- hostile

HOSTILE = {
    # id: (judul, start of ringkasan)
    "renstra-2019-2023": (
        "Rencana <script>alert(1)</script> Strategis Dinas 2019–2023",
        '=HYPERLINK("https://contoh.invalid/","klik")',
    ),
    "judul-penutup-title": (
        'Laporan </title><img src=x onerror=alert(2)> "kutip" & Dinas',
        "+1+2 rencana kerja Dinas",
    ),
    "formula-minus": ("Rencana formula minus", "-1+2 rencana kerja Dinas"),
    "formula-at": ("Rencana formula at", "@SUM(1,2) rencana kerja Dinas"),
}


def hostile_item(judul: str, ringkasan: str) -> str:
    """GOOD_ITEM with another judul and ringkasan (both JSON-quoted, valid YAML)."""
    text = re.sub(
        r"^judul: .*$", lambda _: f"judul: {json.dumps(judul)}", GOOD_ITEM, count=1, flags=re.M
    )
    text = re.sub(
        r"^ringkasan: >-\n(?:  .*\n)+",
        lambda _: f"ringkasan: {json.dumps(ringkasan + ' Dokumen perencanaan lima tahunan.')}\n",
        text,
        count=1,
        flags=re.M,
    )
    data = yaml.safe_load(text)
    assert (data["judul"], data["ringkasan"][: len(ringkasan)]) == (judul, ringkasan)
    return text


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny project configured like the repository (its mkdocs.yml and authored
    pages), whose items' values attack HTML and spreadsheets; built into <tmp>/jahat/."""
    base = tmp_path_factory.mktemp("proyek-jahat")
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text("utf-8")
    project = make_project(base / "proyek", mkdocs_yml)
    docs_dir = (yaml.safe_load(mkdocs_yml) or {}).get("docs_dir", "docs")
    if (ROOT / docs_dir).is_dir():
        shutil.copytree(ROOT / docs_dir, project / docs_dir)
    for item_id, (judul, ringkasan) in HOSTILE.items():
        add_item(project, item_id, hostile_item(judul, ringkasan))
    return build_site(project, base / "situs" / "jahat")


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (no downloaded browsers)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `apt-get install chromium` (.ci/run does it)", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """A page plus what it did: console errors, page errors, every request."""

    page: Any
    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def goto(self, path: str, wait_until: str = "load") -> Any:
        response = self.page.goto(self.base + path, wait_until=wait_until)
        assert response is not None and response.ok, (
            f"{path}: HTTP {response.status if response else 'no response'}"
        )
        return response

    def foreign_requests(self) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))
        ]


OpenPage = Callable[..., Visit]


@pytest.fixture(scope="session")
def _contexts(browser: Any) -> Iterator[dict[str, Any]]:
    """One browser context per viewport for the session (a context costs ~0.5 s; a page
    is cheap). Tests get a fresh page."""
    contexts: dict[str, Any] = {}
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, accept_downloads=True, locale="id-ID")
        context.set_default_timeout(10_000)
        contexts[name] = context
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_page(_contexts: dict[str, Any], site_url: str) -> Iterator[OpenPage]:
    """open_page(viewport=DESKTOP or PHONE) -> Visit: a new page that records its errors
    and requests."""
    pages: list[Any] = []

    def make(viewport: dict[str, int] | None = None) -> Visit:
        context = _contexts["phone" if viewport == PHONE else "desktop"]
        page = context.new_page()
        pages.append(page)
        visit = Visit(page, site_url)
        page.on(
            "console",
            lambda m: (
                visit.console_errors.append(f"{m.text} @ {m.location.get('url')}")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("request", lambda r: visit.requests.append(r.url))
        page.on(
            "response",
            lambda r: (
                visit.bad_responses.append(f"{r.status} {r.url}") if r.status >= 400 else None
            ),
        )
        page.on("requestfailed", lambda r: visit.bad_responses.append(f"failed {r.url}"))
        return visit

    yield make
    for page in pages:
        page.close()
