"""The two local servers behind `dip formulir`: decap-server (node, git mode) and the one
web origin that serves `/admin/` and forwards `POST /api/v1` to it."""

from __future__ import annotations

import contextlib
import errno
import functools
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..project import ConfigError
from .admin import NodeProject

API_PATH = "/api/v1"
# Decap sends attachments base64-encoded inside JSON; decap-server accepts up to 50 MB.
MAX_API_BYTES = 50 * 1024 * 1024


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def decap_server(
    node: str, project: NodeProject, repo: Path, log: Path
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """decap-server in git mode on a free 127.0.0.1 port; yields (port, process) once it
    answers, stops it on exit. Its output goes to `log`."""
    port = free_port()
    env = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repo),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "info",
    }
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        # Its own session: Ctrl+C reaches us, and we stop it after the web server.
        # cwd is our npm project, so a `.env` in the content repository is never read.
        proc = subprocess.Popen(
            [node, str(project.server_script)],
            cwd=project.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_api(proc, port, log)
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_for_api(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text("utf-8", errors="replace")[-1500:]
            raise ConfigError(f"decap-server berhenti (kode {proc.returncode}):\n{tail}")
        try:
            status, _ = forward(port, b'{"action":"info"}', timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise ConfigError(f"decap-server tidak menjawab dalam 30 detik (lihat {log})")


def forward(port: int, body: bytes, timeout: float = 300) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", API_PATH, body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class FormHandler(SimpleHTTPRequestHandler):
    """Static files of the served folder, plus POST /api/v1 forwarded to decap-server.

    Only same-origin JSON requests are forwarded: another site open in the same browser
    cannot send a JSON POST here without a CORS preflight, which this server never grants,
    and a Host other than 127.0.0.1/localhost (DNS rebinding) is refused."""

    api_port = 0
    extensions_map = {  # noqa: RUF012 (the base class's attribute, overridden)
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".yml": "text/yaml; charset=utf-8",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in ("127.0.0.1", "localhost")

    def do_GET(self) -> None:
        if not self._host_ok():
            self.send_error(421)
            return
        if self.path in ("/", ""):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.end_headers()
            return
        super().do_GET()

    def do_POST(self) -> None:
        origin = self.headers.get("Origin")
        own = f"http://{self.headers.get('Host')}"
        if self.path != API_PATH or not self._host_ok() or (origin and origin != own):
            self.send_error(403)
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self.send_error(415)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_API_BYTES:
            self.send_error(413)
            return
        try:
            status, body = forward(self.api_port, self.rfile.read(length))
        except OSError:
            self.send_error(502)
            return
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class FormServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser tab closed mid-response is not worth a traceback in the staff's terminal.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def bind(port: int, directory: Path) -> tuple[ThreadingHTTPServer, type[FormHandler]]:
    """The web server of `directory` on 127.0.0.1:port (0: any free port). ConfigError
    when the port is taken."""
    handler = type("BoundFormHandler", (FormHandler,), {})
    try:
        server = FormServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
        )
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(
                f"port {port} sudah dipakai program lain; pilih port lain dengan --port N"
            ) from None
        raise ConfigError(f"port {port} tidak dapat dipakai: {exc.strerror}") from None
    return server, handler
