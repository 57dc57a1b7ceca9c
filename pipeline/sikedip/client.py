"""The one adapter between the push and a Sikedip endpoint.

`Sikedip` is what the push needs; `HttpSikedip` speaks our contract
(schema/sikedip.openapi.yaml). A real provincial endpoint with other paths or shapes gets
its own class with the same five methods, and nothing else changes.

Timeouts, bounded retries, no redirects, verified TLS and token-free messages come from
`pipeline.httpjson`. A 2xx whose body is not the JSON the contract promises is a failure.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol
from urllib.parse import quote

from ..httpjson import (
    DeadlineExceeded,
    JsonClient,
    Policy,
    Reply,
    ServiceError,
    check_url,
    clean_text,
    is_local,
)
from .contract import ITEM_ID, SHA256
from .payload import Payload

__all__ = ["DeadlineExceeded", "HttpSikedip", "Policy", "Remote", "Sikedip", "SikedipError"]
__all__ += ["check_url", "is_local"]

STATUSES = ("terbit", "ditarik")

# One operation did not succeed; the message is for people (Bahasa Indonesia).
SikedipError = ServiceError


@dataclass(frozen=True)
class Remote:
    id: str
    hash: str
    status: str  # terbit | ditarik


class Sikedip(Protocol):
    """What the push needs from a Sikedip endpoint."""

    target: str  # shown to people and recorded in the journal (never holds a secret)

    def list_items(self) -> list[Remote]: ...

    def has_file(self, sha256: str, size: int) -> bool: ...

    def put_file(self, sha256: str, path: Path, size: int) -> None: ...

    def put_item(self, payload: Payload, key: str) -> str:
        """Store an item; returns the hash Sikedip now holds."""
        ...

    def withdraw(self, item_id: str, alasan: str, key: str) -> None: ...


class HttpSikedip(JsonClient):
    """Our contract over HTTP, with `requests` (one session per worker thread)."""

    service = "Sikedip"
    token_hint = "SIKEDIP_TOKEN"

    def __init__(
        self,
        url: str,
        opd: str,
        token: str | None,
        ca_bundle: str | None = None,
        policy: Policy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(token, ca_bundle, policy, sleep)
        self.base = check_url(url)
        self.opd = opd
        self.target = f"{self.base} (OPD {opd})"

    # -- the five operations -------------------------------------------------------------

    def list_items(self) -> list[Remote]:
        reply = self._call("GET", "/items", ok={200}, cap=self.policy.max_list_bytes)
        data = reply.json()
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise self._unexpected(reply, "daftar item")
        seen: set[str] = set()
        remote = []
        for entry in data["items"]:
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("id"), str)
                or not ITEM_ID.fullmatch(entry["id"])
                or not isinstance(entry.get("hash"), str)
                or not SHA256.fullmatch(entry["hash"])
                or entry.get("status") not in STATUSES
                or entry["id"] in seen
            ):
                shown = clean_text(json.dumps(entry, ensure_ascii=False)[:200], self._token)
                raise SikedipError(f"daftar item dari Sikedip memuat entri tidak sah: {shown}")
            seen.add(entry["id"])
            remote.append(Remote(entry["id"], entry["hash"], entry["status"]))
        return remote

    def has_file(self, sha256: str, size: int) -> bool:
        reply = self._call("HEAD", f"/files/{sha256}", ok={200, 404})
        return reply.status == 200

    def put_file(self, sha256: str, path: Path, size: int) -> None:
        def body() -> IO[bytes]:
            return open(path, "rb")

        reply = self._call(
            "PUT",
            f"/files/{sha256}",
            ok={200, 201},
            body=body,
            headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)},
        )
        data = reply.json()
        if not isinstance(data, dict) or data.get("sha256") != sha256 or data.get("size") != size:
            raise self._unexpected(reply, "unggahan berkas")

    def put_item(self, payload: Payload, key: str) -> str:
        raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        reply = self._call(
            "PUT",
            f"/items/{quote(payload['id'])}",
            ok={200, 201},
            body=lambda: raw,
            headers={"Content-Type": "application/json", "Idempotency-Key": key},
        )
        data = reply.json()
        if (
            not isinstance(data, dict)
            or data.get("id") != payload["id"]
            or data.get("status") != "terbit"
            or not isinstance(data.get("hash"), str)
        ):
            raise self._unexpected(reply, "penyimpanan item")
        if data["hash"] != payload["hash"]:
            raise SikedipError(
                f"Sikedip menyimpan hash {clean_text(data['hash'], self._token, 64)}, "
                f"bukan {payload['hash']}"
            )
        return str(data["hash"])

    def withdraw(self, item_id: str, alasan: str, key: str) -> None:
        raw = json.dumps({"alasan": alasan}, ensure_ascii=False).encode("utf-8")
        reply = self._call(
            "DELETE",
            f"/items/{quote(item_id)}",
            ok={200, 204, 404},  # 404: Sikedip does not hold it, which is what we want
            body=lambda: raw,
            headers={"Content-Type": "application/json", "Idempotency-Key": key},
        )
        if reply.status == 200:
            data = reply.json()
            if (
                not isinstance(data, dict)
                or data.get("id") != item_id
                or data.get("status") != "ditarik"
            ):
                raise self._unexpected(reply, "penarikan item")

    # -- one request -------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        ok: set[int],
        body: Callable[[], bytes | IO[bytes]] | None = None,
        headers: dict[str, str] | None = None,
        cap: int | None = None,
    ) -> Reply:
        url = f"{self.base}/api/v1/opd/{quote(self.opd)}{path}"
        return self._request(method, url, f"{method} {path}", ok, body, headers, cap)
