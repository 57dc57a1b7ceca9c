"""The HTTP adapter against a real server that answers badly on purpose."""

from __future__ import annotations

import json
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.httpjson import parse_retry_after
from pipeline.sikedip.client import (
    DeadlineExceeded,
    HttpSikedip,
    Policy,
    SikedipError,
    check_url,
)

TOKEN = "rahasia-token-uji-123"
SHA = "a" * 64
ITEM = {"id": "item-uji", "hash": SHA, "status": "terbit"}


@dataclass
class Canned:
    status: int
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0


class CannedServer:
    """Answers each request with the next canned reply (the last one repeats)."""

    def __init__(self, replies: list[Canned], tls: ssl.SSLContext | None = None) -> None:
        self.replies = replies
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append((self.command, self.path, dict(self.headers), body))
                reply = server.replies.pop(0) if len(server.replies) > 1 else server.replies[0]
                time.sleep(reply.stall)
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(reply.body)

            do_GET = do_PUT = do_DELETE = do_HEAD = _any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[object]:
    servers: list[CannedServer] = []

    def start(*replies: Canned, tls: ssl.SSLContext | None = None) -> CannedServer:
        servers.append(CannedServer(list(replies), tls))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def client(url: str, slept: list[float] | None = None, **policy: float) -> HttpSikedip:
    fast = {"backoff_base": 0.01, "backoff_cap": 0.05, "read_timeout": 2.0, **policy}
    sleeps = slept if slept is not None else []
    return HttpSikedip(url, "uji", TOKEN, policy=Policy(**fast), sleep=sleeps.append)  # type: ignore[arg-type]


def items_body(*entries: dict[str, object]) -> bytes:
    return json.dumps({"items": list(entries)}).encode()


def test_list_reads_a_well_formed_answer(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(200, items_body(ITEM)))
    remote = client(server.url).list_items()
    assert [(r.id, r.hash, r.status) for r in remote] == [("item-uji", SHA, "terbit")]
    method, path, headers, _ = server.requests[0]
    assert (method, path) == ("GET", "/api/v1/opd/uji/items")
    assert headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Masuk ke jaringan</body></html>",
        b'{"items": "semua"}',
        items_body({**ITEM, "hash": "bukan-hash"}),
        items_body({**ITEM, "id": "../../etc"}),
        items_body({**ITEM, "status": "dihapus"}),
        items_body(ITEM, ITEM),
        b"[]",
    ],
)
def test_list_refuses_what_the_contract_does_not_promise(serve, body: bytes) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(200, body, {"Content-Type": "text/html"}))
    with pytest.raises(SikedipError) as caught:
        client(server.url).list_items()
    assert not caught.value.retryable
    assert len(server.requests) == 1


def test_an_oversized_answer_is_cut_off(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(200, b" " * 300_000 + items_body()))
    with pytest.raises(SikedipError, match="lebih besar"):
        client(server.url, max_list_bytes=100_000).list_items()


def test_5xx_burst_is_retried_with_the_same_idempotency_key(serve) -> None:  # type: ignore[no-untyped-def]
    done = json.dumps({"id": "item-uji", "hash": SHA, "status": "terbit"}).encode()
    server = serve(Canned(503), Canned(502), Canned(500), Canned(201, done))
    slept: list[float] = []
    remote_hash = client(server.url, slept).put_item({"id": "item-uji", "hash": SHA}, "kunci-1")
    assert remote_hash == SHA
    keys = {r[2]["Idempotency-Key"] for r in server.requests}
    assert len(server.requests) == 4 and keys == {"kunci-1"}
    assert len(slept) == 3 and all(0 < s <= 0.05 for s in slept)


def test_retries_are_bounded(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(503))
    with pytest.raises(SikedipError, match="HTTP 503"):
        client(server.url, attempts=3).list_items()
    assert len(server.requests) == 3


def test_huge_retry_after_is_honoured_but_capped(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(429, headers={"Retry-After": "999999999"}), Canned(200, items_body()))
    slept: list[float] = []
    client(server.url, slept, retry_after_cap=0.3).list_items()
    assert slept == [0.3]


def test_retry_after_beyond_the_deadline_gives_up_at_once(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(429, headers={"Retry-After": "120"}))
    slept: list[float] = []
    with pytest.raises(DeadlineExceeded):
        client(server.url, slept, deadline=5, retry_after_cap=60).list_items()
    assert slept == [] and len(server.requests) == 1


def test_redirects_on_writes_are_not_followed(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(307, headers={"Location": "http://127.0.0.1:9/lain"}))
    with pytest.raises(SikedipError, match="pengalihan tidak diikuti"):
        client(server.url).put_item({"id": "item-uji", "hash": SHA}, "kunci")
    assert len(server.requests) == 1


def test_a_2xx_with_html_is_a_failure_not_a_success(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(200, b"<html>OK</html>", {"Content-Type": "text/html"}))
    with pytest.raises(SikedipError, match="bukan JSON yang diharapkan"):
        client(server.url).put_item({"id": "item-uji", "hash": SHA}, "kunci")
    with pytest.raises(SikedipError, match="bukan JSON yang diharapkan"):
        client(server.url).withdraw("item-uji", "alasan", "kunci")


def test_a_different_stored_hash_is_a_failure(serve) -> None:  # type: ignore[no-untyped-def]
    other = json.dumps({"id": "item-uji", "hash": "b" * 64, "status": "terbit"}).encode()
    server = serve(Canned(200, other))
    with pytest.raises(SikedipError, match="menyimpan hash"):
        client(server.url).put_item({"id": "item-uji", "hash": SHA}, "kunci")


def test_withdraw_of_an_unknown_item_counts_as_done(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(404, b'{"error": "tidak_ada", "message": "tidak ada"}'))
    client(server.url).withdraw("item-uji", "alasan", "kunci")
    assert json.loads(server.requests[0][3]) == {"alasan": "alasan"}


def test_the_token_never_appears_in_a_message(serve) -> None:  # type: ignore[no-untyped-def]
    echo = json.dumps({"error": "x", "message": f"token {TOKEN} ditolak"}).encode()
    server = serve(Canned(401, echo), Canned(302, headers={"Location": f"/masuk?t={TOKEN}"}))
    for call in (client(server.url).list_items, client(server.url).list_items):
        with pytest.raises(SikedipError) as caught:
            call()
        assert TOKEN not in str(caught.value)
        assert "***" in str(caught.value)


def test_a_stalled_answer_times_out_and_is_retried(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve(Canned(200, items_body(), stall=1.0), Canned(200, items_body()))
    assert client(server.url, read_timeout=0.3).list_items() == []
    assert len(server.requests) == 2


def test_no_server_is_a_retryable_connection_error() -> None:
    with pytest.raises(SikedipError, match="koneksi gagal") as caught:
        client("http://127.0.0.1:9", attempts=2).list_items()
    assert caught.value.retryable


@pytest.mark.parametrize(
    "url",
    ["http://sikedip.kalbarprov.go.id", "ftp://127.0.0.1", "https://u:p@host", "https://h/?a=1"],
)
def test_unsafe_addresses_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        check_url(url)
    assert check_url("http://127.0.0.1:8765/") == "http://127.0.0.1:8765"
    assert check_url("https://sikedip.example/ppid") == "https://sikedip.example/ppid"


def test_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("bukan angka") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, Path]:
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context, cert


def test_tls_is_verified_and_a_ca_bundle_can_be_added(serve, tls) -> None:  # type: ignore[no-untyped-def]
    context, cert = tls
    server = serve(Canned(200, items_body()), tls=context)
    with pytest.raises(SikedipError, match="sertifikat TLS"):
        client(server.url, attempts=1).list_items()
    trusted = HttpSikedip(server.url, "uji", TOKEN, ca_bundle=str(cert))
    assert trusted.list_items() == []
