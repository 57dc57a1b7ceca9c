"""What a search costs a visitor, measured in a real browser (Debian's chromium).

The built site is served on 127.0.0.1; the search page runs a first query, then a second
one. Every response under `pagefind/` is counted: raw bytes and gzip -6 bytes (what a
compressing web server would send). Needs Playwright (Python) and /usr/bin/chromium.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class SearchCost:
    word: str
    requests: int
    raw: int
    gzipped: int
    results: int


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure(site: Path, words: tuple[str, ...]) -> list[SearchCost] | str:
    """Costs of consecutive searches, or a sentence saying why it could not be measured."""
    if not CHROMIUM.exists():
        return "chromium tidak terpasang (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright tidak terpasang (pip install playwright)"
    costs: list[SearchCost] = []
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        fetched: list[bytes] = []

        def on_response(response: Any) -> None:
            if "/pagefind/" in response.url and response.ok:
                # A response still arriving when the browser closes has no body to count.
                with contextlib.suppress(Exception):
                    fetched.append(response.body())

        page.on("response", on_response)
        page.goto(base + "cari/")
        page.wait_for_load_state("networkidle")
        # Counted from page load: Pagefind's UI script and styles are part of the first search.
        box = page.locator(".pagefind-ui__search-input")
        for word in words:
            before = len(fetched)
            box.fill(word)
            # Done when Pagefind's message gives a count for this term and results are shown.
            page.wait_for_function(
                """(w) => {
                  const m = document.querySelector('.pagefind-ui__message');
                  return m && m.textContent.includes(w) && /[0-9]/.test(m.textContent)
                    && document.querySelectorAll('.pagefind-ui__result').length > 0;
                }""",
                arg=word,
                timeout=30_000,
            )
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            bodies = fetched[before:]
            results = page.locator(".pagefind-ui__result").count()
            costs.append(
                SearchCost(
                    word,
                    len(bodies),
                    sum(len(b) for b in bodies),
                    sum(len(gzip.compress(b, 6, mtime=0)) for b in bodies),
                    results,
                )
            )
        page.remove_listener("response", on_response)
        browser.close()
    return costs
