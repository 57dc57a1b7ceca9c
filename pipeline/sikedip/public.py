"""The receiver's public side, everything outside /api/: the HTML pages listing what was
received, file downloads and /healthz. No token; GET and HEAD only."""

from __future__ import annotations

import re

from . import pages
from .contract import OPD, SHA256
from .messages import HTML_TYPE, Request, Response, ok_json
from .store import Store

_OPD_PAGE = re.compile(r"/opd/([^/]+)(/?)")
_DOWNLOAD = re.compile(r"/berkas/([^/]+)")


def answer(req: Request, store: Store) -> Response:
    """A page, a download or the health check for any path outside /api/."""
    path = req.path
    if path == "/healthz":
        refused = _page(req)
        if refused is None:
            store.ping()  # raises (→ 500) when the database cannot be read
        return refused or ok_json(200, {"status": "ok"})
    if path == "/":
        return _page(req) or _html(200, pages.index_page(store.opds()))
    match = _OPD_PAGE.fullmatch(path)
    if match and OPD.fullmatch(match[1]):
        if not match[2]:
            return Response(308, b"", HTML_TYPE, [("Location", f"/opd/{match[1]}/")])
        items = store.items(match[1])
        if not items:
            return _page(req) or _html(404, pages.not_found_page("../../"))
        return _page(req) or _html(200, pages.opd_page(match[1], items))
    match = _DOWNLOAD.fullmatch(path)
    if match and SHA256.fullmatch(match[1]):
        return _page(req) or _download(store, match[1])
    return _page(req) or _html(404, pages.not_found_page())


def _page(req: Request) -> Response | None:
    """None when the method suits a page (GET or HEAD); a 405 otherwise."""
    if req.method in ("GET", "HEAD"):
        return None
    return Response(405, pages.method_page(), HTML_TYPE, [("Allow", "GET, HEAD")])


def _html(status: int, body: bytes) -> Response:
    return Response(
        status,
        body,
        HTML_TYPE,
        [
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
            ("Referrer-Policy", "no-referrer"),
        ],
    )


def _download(store: Store, sha256: str) -> Response:
    found = store.public_file(sha256)
    if found is None:
        return _html(404, pages.not_found_page("../"))
    berkas, media_type = found
    return Response(
        200,
        content_type=media_type,
        headers=[
            ("Content-Disposition", f'attachment; filename="{berkas}"'),
            ("Content-Security-Policy", "sandbox"),
        ],
        file=store.file_path(sha256),
    )
