"""A fault-injecting HTTP proxy for the Sikedip tests.

It sits between the client and the real receiver and, per matching request, misbehaves
the way networks and gateways do: slow answers, connections dropped after the receiver
committed a write, 429 with an absurd Retry-After, 5xx bursts, HTML pages with status
200, redirects, bodies that drip. Requests that match no fault are forwarded unchanged.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HTML = b"<!doctype html><html><body><h1>Gerbang jaringan</h1>Silakan masuk.</body></html>"


@dataclass
class Fault:
    """Misbehave on the next `times` requests whose 'METHOD path' matches `match`."""

    kind: str  # slow | drop_after | drop_before | status | html_after | html | redirect | drip
    match: str = r".*"
    times: int = 1
    status: int = 503
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    hits: int = 0


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str]] = []  # (request, what the proxy did)
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def add(self, fault: Fault) -> Fault:
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _pick(self, request: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.hits < fault.times and re.search(fault.match, request):
                    fault.hits += 1
                    return fault
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
                conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                try:
                    headers = {
                        k: v
                        for k, v in self.headers.items()
                        if k.lower() not in ("host", "connection", "keep-alive")
                    }
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read()
                    return resp.status, resp.getheaders(), data
                finally:
                    conn.close()

            def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _drop(self) -> None:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = f"{self.command} {self.path}"
                fault = proxy._pick(request)
                kind = fault.kind if fault else "forward"
                with proxy.lock:
                    proxy.log.append((request, kind))
                if fault is None:
                    self._send(*self._forward(body))
                    return
                if fault.delay:
                    time.sleep(fault.delay)
                if kind == "slow":
                    self._send(*self._forward(body))
                elif kind == "drop_before":
                    self._drop()
                elif kind == "drop_after":  # the receiver commits, the client never hears
                    self._forward(body)
                    self._drop()
                elif kind == "status":
                    extra = list(fault.headers.items())
                    self._send(fault.status, [("Content-Type", "application/json"), *extra], b"{}")
                elif kind == "html":
                    self._send(200, [("Content-Type", "text/html")], HTML)
                elif kind == "html_after":  # committed upstream, answer mangled on the way
                    self._forward(body)
                    self._send(200, [("Content-Type", "text/html")], HTML)
                elif kind == "redirect":
                    location = fault.headers.get("Location", f"{proxy.url}/lain{self.path}")
                    self._send(fault.status or 307, [("Location", location)], b"")
                elif kind == "drip":  # headers at once, then the body byte by byte
                    status, _headers, data = self._forward(body)
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    for i in range(len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        time.sleep(fault.delay or 0.05)
                else:
                    raise AssertionError(f"unknown fault {kind}")

            do_GET = do_PUT = do_DELETE = do_HEAD = do_POST = _handle

        return Handler
