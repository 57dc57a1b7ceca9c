"""One request, one response: what the receiver's HTTP layer hands to the application and
what it gets back (no sockets involved), and the one JSON shape of every API error."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from .store import Readable, json_bytes

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


@dataclass
class Request:
    method: str
    path: str
    headers: Message
    body: Readable
    consumed: bool = True  # False while a request body is still unread on the connection


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = JSON_TYPE
    headers: list[tuple[str, str]] = field(default_factory=list)
    file: Path | None = None  # sent instead of `body`
    length: int | None = None  # Content-Length when neither body nor file gives it (HEAD)


def error(status: int, code: str, message: str, **extra: Any) -> Response:
    """The one shape of every JSON error: {"error", "message"} (+ extra keys)."""
    return Response(status, json_bytes({"error": code, "message": message, **extra}))


def ok_json(status: int, value: Any) -> Response:
    return Response(status, json_bytes(value))
