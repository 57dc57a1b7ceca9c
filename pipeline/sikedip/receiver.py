"""The reference Sikedip receiver: the contract of schema/sikedip.openapi.yaml, served.

`Receiver` holds the store and the validators and answers one parsed request with a
`Response` (no sockets involved); `_Handler` is the thin HTTP/1.1 layer around it;
`make_server` and `start_in_thread` put them on a port. Standard library only, plus the
jsonschema/referencing pair the checker uses.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin, urlsplit

import fastjsonschema
import yaml
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..project import ConfigError
from ..schema import EcmaValidator  # ECMA-262 `pattern`, as `dip check` applies
from . import pages
from .payload import payload_hash
from .store import (
    Fingerprint,
    KeyConflict,
    MissingFiles,
    NotFound,
    Readable,
    Store,
    Stored,
    json_bytes,
)

OPENAPI_FILE = "sikedip.openapi.yaml"
ITEM_SCHEMA_FILE = "item.schema.json"
# The OpenAPI document's canonical URI: `./item.schema.json` relative to it is the item
# schema's own $id, so its references resolve without touching any network.
OPENAPI_URI = "https://dip-pipeline.example/schema/sikedip.openapi.yaml"
_DRAFT7 = "http://json-schema.org/draft-07/schema#"
ITEM_PAYLOAD = "/components/schemas/ItemPayload"
WITHDRAWAL = "/components/schemas/Withdrawal"
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
MAX_JSON_BYTES = 1024 * 1024
DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024
SOCKET_TIMEOUT = 30.0
_DRAIN_LIMIT = 1024 * 1024  # unread request bodies up to this size are read to keep the line

OPD = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
ITEM_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,78}[a-z0-9]")
SHA256 = re.compile(r"[0-9a-f]{64}")
IDEMPOTENCY_KEY = re.compile(r"[\x20-\x7e]{1,200}")
_ITEMS = re.compile(r"/api/v1/opd/([^/]+)/items")
_ONE = re.compile(r"/api/v1/opd/([^/]+)/(items|files)/([^/]+)")
_OPD_PAGE = re.compile(r"/opd/([^/]+)(/?)")
_DOWNLOAD = re.compile(r"/berkas/([^/]+)")

_PHRASES = {
    "type": "harus bertipe {validator_value}",
    "enum": "harus salah satu dari: {choices}",
    "const": "harus bernilai {validator_value!r}",
    "pattern": "tidak sesuai pola {validator_value}",
    "minLength": "teks terlalu pendek (minimal {validator_value} karakter)",
    "maxLength": "teks terlalu panjang (maksimal {validator_value} karakter)",
    "minItems": "isinya terlalu sedikit (minimal {validator_value})",
    "maxItems": "isinya terlalu banyak (maksimal {validator_value})",
    "uniqueItems": "isinya tidak boleh berulang",
    "minimum": "minimal {validator_value}",
    "maximum": "maksimal {validator_value}",
}


# -- the contract --------------------------------------------------------------------------


class Contract:
    """schema/sikedip.openapi.yaml with schema/item.schema.json, ready to validate."""

    def __init__(self, schema_dir: Path) -> None:
        try:
            document = yaml.safe_load((schema_dir / OPENAPI_FILE).read_text(encoding="utf-8"))
            item_schema = json.loads((schema_dir / ITEM_SCHEMA_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise ConfigError(f"skema Sikedip di {schema_dir} tidak dapat dibaca: {exc}") from None
        if not isinstance(document, dict) or not isinstance(item_schema, dict):
            raise ConfigError(f"skema Sikedip di {schema_dir} tidak berbentuk objek")
        self.document: dict[str, Any] = document
        self.item_schema: dict[str, Any] = item_schema
        item = Resource.from_contents(item_schema, default_specification=DRAFT202012)
        resources = [
            (OPENAPI_URI, DRAFT202012.create_resource(document)),
            (urljoin(OPENAPI_URI, ITEM_SCHEMA_FILE), item),
        ]
        if isinstance(item_schema.get("$id"), str):
            resources.append((item_schema["$id"], item))
        self.registry: Registry[Any] = Registry().with_resources(resources)

    def dereferenced(self, pointer: str) -> dict[str, Any]:
        """The schema at `pointer` with every $ref replaced by its target (for compilers
        that resolve nothing themselves)."""
        found = self.registry.resolver(base_uri=OPENAPI_URI).lookup(f"#{pointer}")
        inlined = _inline(found.contents, found.resolver, 0)
        assert isinstance(inlined, dict)
        return inlined

    def quick_check(self, pointer: str) -> Callable[[Any], bool]:
        """A compiled yes/no check for the schema at `pointer`: ~20x faster than jsonschema,
        which then runs only to explain a refusal (as `dip check` does, decisions §4)."""
        compiled = fastjsonschema.compile({**self.dereferenced(pointer), "$schema": _DRAFT7})

        def check(value: Any) -> bool:
            try:
                compiled(value)
            except fastjsonschema.JsonSchemaValueException:
                return False
            return True

        return check

    def validator(self, pointer: str) -> Validator:
        """A Draft 2020-12 validator for the schema at `pointer` in the OpenAPI document,
        e.g. "/components/schemas/ItemPayload"."""
        validator: Validator = EcmaValidator(
            {"$ref": f"{OPENAPI_URI}#{pointer}"}, registry=self.registry
        )
        return validator


def _inline(node: Any, resolver: Any, depth: int) -> Any:  # referencing.Resolver (not exported)
    if depth > 20:
        raise ConfigError("skema Sikedip: acuan $ref terlalu dalam atau berputar")
    if isinstance(node, list):
        return [_inline(entry, resolver, depth) for entry in node]
    if not isinstance(node, dict):
        return node
    inlined = {k: _inline(v, resolver, depth) for k, v in node.items() if k != "$ref"}
    if not isinstance(node.get("$ref"), str):
        return inlined
    target = resolver.lookup(node["$ref"])
    resolved = _inline(target.contents, target.resolver, depth + 1)
    if not inlined:
        return resolved
    # $ref with siblings (2020-12): both apply.
    return {**inlined, "allOf": [resolved, *inlined.get("allOf", [])]}


def describe_errors(errors: Iterator[ValidationError], limit: int = 3) -> str:
    """The first few schema errors, each as "<JSON path>: <what is wrong>", in Indonesian."""
    found = sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])
    parts = [f"{json_path(list(e.absolute_path))}: {_phrase(e)}" for e in found[:limit]]
    more = len(found) - limit
    return "; ".join(parts) + (f" (dan {more} kesalahan lain)" if more > 0 else "")


def json_path(path: list[Any]) -> str:
    """['lampiran', 0, 'sha256'] → '$.lampiran[0].sha256'."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _phrase(error: ValidationError) -> str:
    keyword = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if isinstance(schema.get("x-pesan"), str):
        return str(schema["x-pesan"])
    value: Any = error.validator_value
    instance: Any = error.instance
    if keyword == "required" and isinstance(instance, dict):
        absent = [name for name in value if name not in instance]
        return "kolom wajib " + ", ".join(f"'{n}'" for n in absent) + " tidak ada"
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        extra = sorted(k for k in instance if k not in known)
        return "kolom tidak dikenal: " + ", ".join(f"'{k}'" for k in extra)
    if keyword in _PHRASES:
        choices = ", ".join(map(str, value)) if isinstance(value, list) else value
        return _PHRASES[keyword].format(validator_value=value, choices=choices)
    if keyword == "not":
        return "kolom ini tidak boleh ada di sini"
    return f"tidak sah (aturan {keyword})"


# -- one request, one response -------------------------------------------------------------


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


class Receiver:
    """The receiver's application: store, validators, token, limits."""

    def __init__(
        self,
        data_dir: Path,
        token: str | None,
        schema_dir: Path,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    ) -> None:
        self.contract = Contract(schema_dir)  # first: a bad schema must not lock the folder
        self._item = self.contract.validator(ITEM_PAYLOAD)
        self._item_ok = self.contract.quick_check(ITEM_PAYLOAD)
        self._withdrawal = self.contract.validator(WITHDRAWAL)
        self._token = token.encode("utf-8") if token is not None else None
        self.max_file_bytes = max_file_bytes
        self.store = Store(data_dir, exclusive=True)

    def close(self) -> None:
        self.store.close()

    # -- routing ---------------------------------------------------------------------------

    def handle(self, req: Request) -> Response:
        path = req.path
        if path.startswith("/api/"):
            return self._api(req)
        if path == "/healthz":
            refused = self._page(req)
            if refused is None:
                self.store.ping()  # raises (→ 500) when the database cannot be read
            return refused or ok_json(200, {"status": "ok"})
        if path == "/":
            return self._page(req) or self._html(200, pages.index_page(self.store.opds()))
        match = _OPD_PAGE.fullmatch(path)
        if match and OPD.fullmatch(match[1]):
            if not match[2]:
                return Response(308, b"", HTML_TYPE, [("Location", f"/opd/{match[1]}/")])
            items = self.store.items(match[1])
            if not items:
                return self._page(req) or self._html(404, pages.not_found_page("../../"))
            return self._page(req) or self._html(200, pages.opd_page(match[1], items))
        match = _DOWNLOAD.fullmatch(path)
        if match and SHA256.fullmatch(match[1]):
            return self._page(req) or self._download(match[1])
        return self._page(req) or self._html(404, pages.not_found_page())

    def _page(self, req: Request) -> Response | None:
        """None when the method suits a page (GET or HEAD); a 405 otherwise."""
        if req.method in ("GET", "HEAD"):
            return None
        return Response(405, pages.method_page(), HTML_TYPE, [("Allow", "GET, HEAD")])

    def _html(self, status: int, body: bytes) -> Response:
        return Response(
            status,
            body,
            HTML_TYPE,
            [
                ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"),
                ("Referrer-Policy", "no-referrer"),
            ],
        )

    def _download(self, sha256: str) -> Response:
        found = self.store.public_file(sha256)
        if found is None:
            return self._html(404, pages.not_found_page("../"))
        berkas, media_type = found
        return Response(
            200,
            content_type=media_type,
            headers=[
                ("Content-Disposition", f'attachment; filename="{berkas}"'),
                ("Content-Security-Policy", "sandbox"),
            ],
            file=self.store.file_path(sha256),
        )

    def _api(self, req: Request) -> Response:
        if not self._authorized(req):
            return Response(
                401,
                json_bytes(
                    {
                        "error": "tidak_berwenang",
                        "message": "token tidak ada atau salah: kirim header "
                        "Authorization: Bearer <token>",
                    }
                ),
                headers=[("WWW-Authenticate", 'Bearer realm="sikedip"')],
            )
        match = _ITEMS.fullmatch(req.path)
        if match:
            return (
                self._check_opd(match[1]) or self._allow(req, "GET, HEAD") or self._list(match[1])
            )
        match = _ONE.fullmatch(req.path)
        if not match:
            return error(404, "tidak_ada", "alamat API ini tidak dikenal")
        opd, kind, name = match[1], match[2], match[3]
        bad = self._check_opd(opd)
        if bad:
            return bad
        if kind == "files":
            if not SHA256.fullmatch(name):
                return error(400, "alamat_tidak_sah", "sha256 tidak sah: harus 64 karakter 0-9 a-f")
            not_allowed = self._allow(req, "HEAD, PUT")
            if not_allowed:
                return not_allowed
            return self._head_file(name) if req.method == "HEAD" else self._put_file(req, name)
        if not ITEM_ID.fullmatch(name):
            return error(
                400,
                "alamat_tidak_sah",
                "id item tidak sah: huruf kecil, angka dan tanda hubung (3–80 karakter)",
            )
        not_allowed = self._allow(req, "PUT, DELETE")
        if not_allowed:
            return not_allowed
        if req.method == "PUT":
            return self._put_item(req, opd, name)
        return self._delete_item(req, opd, name)

    def _authorized(self, req: Request) -> bool:
        if self._token is None:
            return True
        scheme, _, given = (req.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(given.strip().encode("utf-8", "replace"), self._token)

    @staticmethod
    def _check_opd(opd: str) -> Response | None:
        if OPD.fullmatch(opd):
            return None
        return error(
            400,
            "alamat_tidak_sah",
            "kode OPD tidak sah: harus huruf kecil, angka dan tanda hubung (2–63 karakter)",
        )

    @staticmethod
    def _allow(req: Request, methods: str) -> Response | None:
        if req.method in methods.split(", "):
            return None
        response = error(
            405, "metode_tidak_diizinkan", f"metode {req.method} tidak diizinkan di sini"
        )
        response.headers.append(("Allow", methods))
        return response

    # -- request bodies --------------------------------------------------------------------

    @staticmethod
    def _length(req: Request, limit: int) -> int | Response:
        """The declared body length, or the 400/411/413 that refuses it unread."""
        if req.headers.get("Transfer-Encoding") is not None:
            return error(
                411,
                "panjang_wajib",
                "header Content-Length wajib; Transfer-Encoding (chunked) tidak diterima",
            )
        values = req.headers.get_all("Content-Length") or []
        if not values:
            return error(411, "panjang_wajib", "header Content-Length wajib")
        if len(set(values)) != 1 or not (values[0].isascii() and values[0].isdigit()):
            return error(400, "permintaan_tidak_sah", "header Content-Length tidak sah")
        length = int(values[0])
        if length > limit:
            return error(
                413,
                "terlalu_besar",
                f"badan permintaan {length} bita melebihi batas {limit} bita",
            )
        return length

    def _json_body(self, req: Request) -> bytes | Response:
        kind = (req.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/json":
            return error(415, "jenis_konten_tidak_sah", "Content-Type harus application/json")
        length = self._length(req, MAX_JSON_BYTES)
        if isinstance(length, Response):
            return length
        raw = req.body.read(length)
        if len(raw) != length:
            return error(400, "permintaan_tidak_sah", "badan permintaan terpotong")
        req.consumed = True
        return raw

    @staticmethod
    def _key(req: Request) -> str | Response | None:
        """The Idempotency-Key header: None when absent, a 400 when malformed."""
        key = req.headers.get("Idempotency-Key")
        if key is None or IDEMPOTENCY_KEY.fullmatch(key):
            return key
        return error(
            400,
            "kunci_idempotensi_tidak_sah",
            "Idempotency-Key harus 1–200 karakter ASCII yang dapat dicetak",
        )

    @staticmethod
    def _required_key(req: Request) -> str | Response:
        key = Receiver._key(req)
        if key is not None:
            return key
        return error(
            400,
            "kunci_idempotensi_wajib",
            "header Idempotency-Key wajib untuk permintaan ini "
            "(1–200 karakter ASCII yang dapat dicetak)",
        )

    @staticmethod
    def _parse(raw: bytes) -> Any | Response:
        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            result = dict(pairs)
            if len(result) != len(pairs):
                raise ValueError("kolom ganda dalam satu objek")
            return result

        def no_constant(name: str) -> Any:
            raise ValueError(f"{name} bukan nilai JSON")

        try:
            return json.loads(
                raw.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constant
            )
        except json.JSONDecodeError as exc:
            where = f"baris {exc.lineno} kolom {exc.colno}"
            return error(400, "json_tidak_sah", f"badan permintaan bukan JSON yang sah: {where}")
        except UnicodeDecodeError:
            return error(400, "json_tidak_sah", "badan permintaan bukan teks UTF-8")
        except (ValueError, RecursionError) as exc:
            return error(400, "json_tidak_sah", f"badan permintaan bukan JSON yang sah: {exc}")

    @staticmethod
    def _answer(stored: Stored) -> Response:
        response = Response(stored.status, stored.body)
        if stored.replayed:
            response.headers.append(("Idempotent-Replayed", "true"))
        return response

    @staticmethod
    def _conflict() -> Response:
        return error(
            422,
            "kunci_idempotensi_bentrok",
            "Idempotency-Key ini sudah dipakai untuk permintaan lain; "
            "buat kunci baru untuk setiap operasi",
        )

    # -- operations ------------------------------------------------------------------------

    def _list(self, opd: str) -> Response:
        states = self.store.item_states(opd)
        return ok_json(200, {"items": [{"id": i, "hash": h, "status": s} for i, h, s in states]})

    def _head_file(self, sha256: str) -> Response:
        size = self.store.file_size(sha256)
        if size is None:
            return error(404, "tidak_ada", "berkas belum tersimpan")
        return Response(200, content_type="application/octet-stream", length=size)

    def _put_file(self, req: Request, sha256: str) -> Response:
        key = self._key(req)  # accepted, not recorded: a file upload is idempotent by content
        if isinstance(key, Response):
            return key
        length = self._length(req, self.max_file_bytes)
        if isinstance(length, Response):
            return length
        written = self.store.put_file(req.body, length, sha256)
        req.consumed = written.received == length
        if not written.ok:
            return error(
                422,
                "hash_tidak_cocok",
                f"isi berkas tidak cocok dengan sha256 pada alamat (diterima "
                f"{written.received} dari {length} bita)",
            )
        return ok_json(201 if written.created else 200, {"sha256": sha256, "size": length})

    def _put_item(self, req: Request, opd: str, item_id: str) -> Response:
        key = self._required_key(req)
        if isinstance(key, Response):
            return key
        raw = self._json_body(req)
        if isinstance(raw, Response):
            return raw
        fp = Fingerprint("PUT", req.path, hashlib.sha256(raw).hexdigest())
        earlier = self.store.replay(opd, key, fp)
        if isinstance(earlier, KeyConflict):
            return self._conflict()
        if earlier is not None:
            return self._answer(earlier)
        payload = self._parse(raw)
        if isinstance(payload, Response):
            return payload
        if not self._item_ok(payload):
            detail = describe_errors(self._item.iter_errors(payload))
            return error(
                422, "payload_tidak_sah", f"payload tidak sesuai skema ItemPayload: {detail}"
            )
        if payload["id"] != item_id:
            return error(
                422,
                "id_tidak_cocok",
                f"id pada payload ({payload['id']}) berbeda dengan id pada alamat ({item_id})",
            )
        expected = payload_hash(payload)
        if payload["hash"] != expected:
            return error(
                422,
                "hash_tidak_cocok",
                f"hash {payload['hash']} tidak sama dengan hash kanonis payload {expected}",
            )
        if payload["status"] != "terbit":
            return error(
                422,
                "status_bukan_terbit",
                "PUT hanya menerbitkan item (status terbit); tarik item dengan DELETE",
            )
        result = self.store.put_item(opd, payload, key, fp)
        if isinstance(result, KeyConflict):
            return self._conflict()
        if isinstance(result, MissingFiles):
            shown = ", ".join(result.sha256)
            return error(
                409,
                "berkas_belum_ada",
                f"{len(result.sha256)} berkas lampiran belum diunggah: {shown}",
                missing=result.sha256,
            )
        return self._answer(result)

    def _delete_item(self, req: Request, opd: str, item_id: str) -> Response:
        key = self._required_key(req)
        if isinstance(key, Response):
            return key
        raw = self._json_body(req)
        if isinstance(raw, Response):
            return raw
        fp = Fingerprint("DELETE", req.path, hashlib.sha256(raw).hexdigest())
        earlier = self.store.replay(opd, key, fp)
        if isinstance(earlier, KeyConflict):
            return self._conflict()
        if earlier is not None:
            return self._answer(earlier)
        body = self._parse(raw)
        if isinstance(body, Response):
            return body
        if not self._withdrawal.is_valid(body):
            detail = describe_errors(self._withdrawal.iter_errors(body))
            return error(
                422, "payload_tidak_sah", f"badan penarikan tidak sesuai skema Withdrawal: {detail}"
            )
        result = self.store.withdraw(opd, item_id, body["alasan"], key, fp)
        if isinstance(result, KeyConflict):
            return self._conflict()
        if isinstance(result, NotFound):
            return error(404, "tidak_ada", f"item {item_id} tidak ada pada OPD {opd}")
        return self._answer(result)


# -- HTTP ----------------------------------------------------------------------------------

_STATUS_ERRORS = {
    400: ("permintaan_tidak_sah", "permintaan HTTP tidak sah"),
    408: ("permintaan_tidak_sah", "permintaan tidak selesai dikirim tepat waktu"),
    414: ("alamat_tidak_sah", "alamat permintaan terlalu panjang"),
    431: ("header_terlalu_besar", "header permintaan terlalu besar atau terlalu banyak"),
    501: ("metode_tidak_diizinkan", "metode HTTP ini tidak didukung"),
    505: ("permintaan_tidak_sah", "versi HTTP ini tidak didukung"),
}


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
            response = error(500, "galat_internal", "terjadi kesalahan di penerima; coba lagi")
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
        machine, text = _STATUS_ERRORS.get(code, ("permintaan_tidak_sah", "permintaan tidak sah"))
        self.close_connection = True
        body = json_bytes({"error": machine, "message": text})
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
