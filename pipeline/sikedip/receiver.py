"""The reference Sikedip receiver: the contract of schema/sikedip.openapi.yaml, served.

`Receiver` holds the store and the validators and answers one parsed request with a
`Response` (no sockets involved); `server._Handler` is the thin HTTP/1.1 layer around it;
`server.make_server` and `server.start_in_thread` put them on a port. Standard
library only, plus the jsonschema/referencing pair the checker uses.

This module holds `Receiver` with its API and every error code the receiver answers with
(tests read them from this file). Beside it: contract.py (the document, its validators and
error phrasing), messages.py (`Request`, `Response`), public.py (HTML pages, downloads,
/healthz) and server.py (the HTTP layer: `make_server`, `start_in_thread`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path
from typing import Any

from . import public
from .contract import (
    IDEMPOTENCY_KEY,
    ITEM_ID,
    ITEM_PAYLOAD,
    OPD,
    SHA256,
    WITHDRAWAL,
    Contract,
    describe_errors,
)
from .messages import Request, Response, error, ok_json
from .payload import payload_hash
from .store import Fingerprint, KeyConflict, MissingFiles, NotFound, Store, Stored, json_bytes

__all__ = [
    "DEFAULT_MAX_FILE_BYTES",
    "MAX_JSON_BYTES",
    "Contract",
    "Receiver",
    "Request",
    "Response",
    "internal_error",
    "status_error",
]

MAX_JSON_BYTES = 1024 * 1024
DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024

_ITEMS = re.compile(r"/api/v1/opd/([^/]+)/items")
_ONE = re.compile(r"/api/v1/opd/([^/]+)/(items|files)/([^/]+)")


# -- refusals made outside the Receiver ----------------------------------------------------

# http.server's own refusals, by status; the HTTP layer answers them with status_error().
_STATUS_ERRORS = {
    400: ("permintaan_tidak_sah", "permintaan HTTP tidak sah"),
    408: ("permintaan_tidak_sah", "permintaan tidak selesai dikirim tepat waktu"),
    414: ("alamat_tidak_sah", "alamat permintaan terlalu panjang"),
    431: ("header_terlalu_besar", "header permintaan terlalu besar atau terlalu banyak"),
    501: ("metode_tidak_diizinkan", "metode HTTP ini tidak didukung"),
    505: ("permintaan_tidak_sah", "versi HTTP ini tidak didukung"),
}


def status_error(status: int) -> Response:
    """http.server's own refusals (bad request line, huge headers, odd methods),
    answered in the same JSON shape and in Indonesian."""
    machine, text = _STATUS_ERRORS.get(status, ("permintaan_tidak_sah", "permintaan tidak sah"))
    return error(status, machine, text)


def internal_error() -> Response:
    """The answer when handling a request raised (the traceback goes to the log only)."""
    return error(500, "galat_internal", "terjadi kesalahan di penerima; coba lagi")


# -- the application -----------------------------------------------------------------------


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
        if req.path.startswith("/api/"):
            return self._api(req)
        return public.answer(req, self.store)  # pages, downloads, /healthz

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

    def _begin_write(self, req: Request, opd: str) -> tuple[str, bytes, Fingerprint] | Response:
        """The shared start of an item write: a key, a JSON body, and the first answer
        when this key was seen before (a replay changes nothing)."""
        key = self._required_key(req)
        if isinstance(key, Response):
            return key
        raw = self._json_body(req)
        if isinstance(raw, Response):
            return raw
        fp = Fingerprint(req.method, req.path, hashlib.sha256(raw).hexdigest())
        earlier = self.store.replay(opd, key, fp)
        if isinstance(earlier, KeyConflict):
            return self._conflict()
        if earlier is not None:
            return self._answer(earlier)
        return key, raw, fp

    def _put_item(self, req: Request, opd: str, item_id: str) -> Response:
        begun = self._begin_write(req, opd)
        if isinstance(begun, Response):
            return begun
        key, raw, fp = begun
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
        begun = self._begin_write(req, opd)
        if isinstance(begun, Response):
            return begun
        key, raw, fp = begun
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
