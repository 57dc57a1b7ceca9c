"""The receiver's HTTP/1.1 layer: `_Handler` turns a connection's requests into `Request`s
for the `Receiver` and writes its `Response`s back; `make_server` and `start_in_thread` put
them on a port. Standard library only."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from .messages import JSON_TYPE, Request, Response
from .receiver import DEFAULT_MAX_FILE_BYTES, Receiver, internal_error, status_error
from .store import Store

SOCKET_TIMEOUT = 30.0
_DRAIN_LIMIT = 1024 * 1024  # unread request bodies up to this size are read to keep the line

_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive; every answer has a Content-Length; no traceback leaves."""

    protocol_version = "HTTP/1.1"
    server_version = "SikedipRujukan/1.0"
    timeout = SOCKET_TIMEOUT
    server: ReceiverServer
    _linger_after = False

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.socket_timeout)
        # Headers and body go out in two writes; without this Nagle's algorithm holds the
        # second one until the client's delayed ACK (40 ms per keep-alive request).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:
        self._dispatch()

    do_HEAD = do_PUT = do_DELETE = do_POST = do_PATCH = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        body_declared = (
            self.headers.get("Content-Length") not in (None, "0")
            or self.headers.get("Transfer-Encoding") is not None
        )
        req = Request(
            self.command, urlsplit(self.path).path, self.headers, self.rfile, not body_declared
        )
        try:
            response = self.server.receiver.handle(req)
        except (TimeoutError, ConnectionError):
            self.close_connection = True  # the client is gone or stalled: nobody to answer
            return
        except Exception:
            self._log_text(traceback.format_exc())
            response = internal_error()
            self.close_connection = True
        if not req.consumed:
            self._settle_body()
        self._send(response)

    def _settle_body(self) -> None:
        """A body left unread would be parsed as the next request: read it when small,
        otherwise answer and close (lingering, so the client can read the answer)."""
        length = self.headers.get("Content-Length", "")
        small = length.isascii() and length.isdigit() and int(length) <= _DRAIN_LIMIT
        if small and self.headers.get("Transfer-Encoding") is None:
            try:
                if len(self.rfile.read(int(length))) == int(length):
                    return
            except OSError:
                pass
        self.close_connection = True
        self._linger_after = True

    def _send(self, response: Response) -> None:
        head = self.command == "HEAD"
        size = response.length
        if size is None:
            size = response.file.stat().st_size if response.file else len(response.body)
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(size))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            for name, value in response.headers:
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if head:
                return
            if response.file is not None:
                with open(response.file, "rb") as source:
                    while chunk := source.read(1 << 20):
                        self.wfile.write(chunk)
            else:
                self.wfile.write(response.body)
        except (TimeoutError, ConnectionError):
            self.close_connection = True
        if self._linger_after:
            _linger(self.connection)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request line, huge headers, odd methods),
        answered in the same JSON shape and in Indonesian."""
        body = status_error(code).body
        self.close_connection = True
        try:
            self.send_response(code)
            self.send_header("Content-Type", JSON_TYPE)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(body)
        except (TimeoutError, ConnectionError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        # The request line and status only: headers (Authorization) are never logged, and
        # control characters from the request line cannot reach a terminal.
        message = (format % args).translate(_CONTROL)
        self._log_text(f"{self.address_string()} [{self.log_date_time_string()}] {message}")

    def _log_text(self, text: str) -> None:
        stream = self.server.log
        if stream is not None:
            try:
                stream.write(text.rstrip("\n") + "\n")
                stream.flush()
            except (OSError, ValueError):
                pass


def _linger(conn: socket.socket, seconds: float = 2.0, limit: int = 16 * 1024 * 1024) -> None:
    """Half-close, then discard what the client still sends for a moment: closing with
    unread data makes the kernel reset the connection before the client reads our answer."""
    try:
        conn.shutdown(socket.SHUT_WR)
        conn.settimeout(0.5)
        deadline = time.monotonic() + seconds
        total = 0
        while time.monotonic() < deadline and total < limit:
            chunk = conn.recv(1 << 16)
            if not chunk:
                break
            total += len(chunk)
    except OSError:
        pass


class ReceiverServer(ThreadingHTTPServer):
    """One thread per connection; open connections are closed on server_close()."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        receiver: Receiver,
        log: TextIO | None,
        family: int,
        socket_timeout: float,
    ) -> None:
        self.address_family = family
        self.receiver = receiver
        self.log = log
        self.socket_timeout = socket_timeout
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name; we never need it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        with self._open_lock:
            still_open = list(self._open)
        for conn in still_open:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self.receiver.close()


def make_server(
    data_dir: Path,
    token: str | None,
    schema_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    log: TextIO | None = sys.stderr,
    socket_timeout: float = SOCKET_TIMEOUT,
) -> ThreadingHTTPServer:
    """A bound (not yet serving) receiver. `token=None` is dev mode: no authentication.
    Raises ConfigError for unreadable schemas or a data folder in use, OSError when the
    address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    receiver = Receiver(data_dir, token, schema_dir, max_file_bytes)
    try:
        return ReceiverServer((host, port), receiver, log, family, socket_timeout)
    except BaseException:
        receiver.close()
        raise


def server_url(server: ThreadingHTTPServer) -> str:
    address = server.server_address
    host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
    port = int(address[1])
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class RunningReceiver:
    """A receiver serving from a background thread (tests, `dip jalankan`)."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.url = server_url(server)
        self.port = int(server.server_address[1])
        # A short poll interval: stop() waits for it (tests start and stop many receivers).
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="penerima-sikedip", daemon=True
        )
        self._stopped = False
        self._thread.start()

    @property
    def receiver(self) -> Receiver:
        assert isinstance(self.server, ReceiverServer)
        return self.server.receiver

    @property
    def store(self) -> Store:
        return self.receiver.store

    def stop(self) -> None:
        """Stop serving and close the store; calling it again does nothing."""
        if self._stopped:
            return
        self._stopped = True
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> RunningReceiver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_in_thread(
    data_dir: Path,
    token: str | None,
    schema_dir: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    log: TextIO | None = None,
    socket_timeout: float = SOCKET_TIMEOUT,
) -> RunningReceiver:
    """Start a receiver in a daemon thread (port 0: a free port); stop it with .stop()
    or use it as a context manager. `log=None` keeps it quiet."""
    server = make_server(
        data_dir, token, schema_dir, host, port, max_file_bytes, log, socket_timeout
    )
    return RunningReceiver(server)
