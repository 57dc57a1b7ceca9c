"""The one adapter between the push and a Sikedip endpoint.

`Sikedip` is what the push needs; `HttpSikedip` speaks our contract
(schema/sikedip.openapi.yaml). A real provincial endpoint with other paths or shapes gets
its own class with the same five methods, and nothing else changes.

Every request has a connect and a read timeout, and the whole push an overall deadline.
429, 5xx and connection errors are retried a bounded number of times with capped,
jittered backoff (a `Retry-After` is honoured up to a cap). Redirects are never
followed. A 2xx whose body is not the JSON the contract promises is a failure.
TLS is always verified. The token never appears in a message.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol
from urllib.parse import quote, urlsplit

import certifi
import requests

from .contract import ITEM_ID, SHA256
from .payload import Payload

STATUSES = ("terbit", "ditarik")
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "dip-pipeline/0.1 (+DIP PPID Pembantu Disdukcapil Kalbar)"


class SikedipError(Exception):
    """One operation did not succeed; the message is for people (Bahasa Indonesia)."""

    def __init__(self, message: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class DeadlineExceeded(SikedipError):
    """The push's overall time is used up; nothing more is started."""


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


@dataclass(frozen=True)
class Policy:
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    deadline: float = 1800.0  # seconds for the whole push
    attempts: int = 5
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    retry_after_cap: float = 60.0
    max_list_bytes: int = 64 * 1024 * 1024
    max_reply_bytes: int = 1024 * 1024


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The base URL, or ValueError with an Indonesian reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"alamat Sikedip '{url}' tidak sah (harus https://HOST/...)")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ValueError("alamat Sikedip tidak boleh memuat nama pengguna, sandi, ? atau #")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValueError(
            "alamat Sikedip harus memakai https://; http:// hanya untuk penerima lokal "
            "(127.0.0.1 atau localhost) agar token tidak terkirim tanpa enkripsi"
        )
    return url.rstrip("/")


def is_local(url: str) -> bool:
    return _loopback(urlsplit(url).hostname or "")


def clean_text(text: str, secret: str | None, limit: int = 300) -> str:
    """Text from the other side made safe to print: no token, no control characters."""
    if secret:
        text = text.replace(secret, "***")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text if len(text) <= limit else text[:limit] + "…"


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value[:12])
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class Reply:
    status: int
    headers: requests.structures.CaseInsensitiveDict[str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            return None


class HttpSikedip:
    """Our contract over HTTP, with `requests` (one session per worker thread)."""

    def __init__(
        self,
        url: str,
        opd: str,
        token: str | None,
        ca_bundle: str | None = None,
        policy: Policy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base = check_url(url)
        self.opd = opd
        self.target = f"{self.base} (OPD {opd})"
        self._token = token or None
        self._verify = ca_bundle or certifi.where()
        self.policy = policy or Policy()
        self.deadline = Deadline(self.policy.deadline)
        self._sleep = sleep
        self._local = threading.local()

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

    # -- one request, with retries -------------------------------------------------------

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            # No .netrc, no *_CA_BUNDLE from the environment: only what we configure here.
            session.trust_env = False
            session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
            if self._token:
                session.headers["Authorization"] = f"Bearer {self._token}"
            self._local.session = session
        return session

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
        policy = self.policy
        what = f"{method} {path}"
        for attempt in range(1, policy.attempts + 1):
            remaining = self.deadline.remaining()
            if remaining <= 0:
                raise DeadlineExceeded(f"{what}: batas waktu pengiriman habis")
            wait: float | None = None
            try:
                reply = self._once(method, url, body, headers, remaining, cap)
                if reply.status in ok:
                    return reply
                error = self._status_error(what, reply)
                if reply.status in RETRY_STATUS:
                    wait = parse_retry_after(reply.headers.get("Retry-After"))
            except SikedipError as exc:
                error = exc
            if not error.retryable or attempt == policy.attempts:
                raise error
            delay = min(policy.backoff_cap, policy.backoff_base * 2 ** (attempt - 1))
            delay = random.uniform(delay / 2, delay)
            if wait is not None:
                delay = max(delay, min(wait, policy.retry_after_cap))
            if delay >= self.deadline.remaining():
                raise DeadlineExceeded(
                    f"{error} (menunggu {delay:.0f} detik lagi akan melewati batas waktu)"
                )
            self._sleep(delay)
        raise AssertionError("unreachable")

    def _once(
        self,
        method: str,
        url: str,
        body: Callable[[], bytes | IO[bytes]] | None,
        headers: dict[str, str] | None,
        remaining: float,
        cap: int | None,
    ) -> Reply:
        policy = self.policy
        timeout = (min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining))
        limit = cap or policy.max_reply_bytes
        data = body() if body is not None else None
        try:
            with self._session().request(
                method,
                url,
                data=data,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,
                stream=True,
                verify=self._verify,
            ) as resp:
                chunks, size = [], 0
                for chunk in resp.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise SikedipError(
                            f"jawaban Sikedip lebih besar dari {limit // 1024} KB; dihentikan"
                        )
                    if self.deadline.remaining() <= 0:
                        raise DeadlineExceeded("batas waktu habis saat membaca jawaban Sikedip")
                    chunks.append(chunk)
                return Reply(resp.status_code, resp.headers, b"".join(chunks))
        except requests.exceptions.SSLError as exc:
            detail = clean_text(str(exc), self._token, 160)
            raise SikedipError(
                f"sertifikat TLS Sikedip tidak dapat diverifikasi ({detail})"
            ) from None
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise SikedipError(f"koneksi gagal: {self._reason(exc)}", retryable=True) from None
        except requests.RequestException as exc:
            raise SikedipError(f"koneksi gagal: {self._reason(exc)}", retryable=True) from None
        finally:
            if data is not None and not isinstance(data, bytes):
                data.close()

    def _reason(self, exc: Exception) -> str:
        """A short Indonesian reason for a failed connection (details stay English)."""
        text = str(exc)
        if isinstance(exc, requests.ConnectTimeout):
            reason = f"tidak tersambung dalam {self.policy.connect_timeout:g} detik"
        elif isinstance(exc, requests.ReadTimeout):
            reason = f"Sikedip tidak menjawab dalam {self.policy.read_timeout:g} detik"
        elif "Connection refused" in text:
            reason = "sambungan ditolak (server Sikedip tidak berjalan di alamat itu?)"
        elif "Name or service not known" in text or "NameResolutionError" in text:
            reason = "nama host Sikedip tidak dikenal"
        elif isinstance(exc, requests.exceptions.SSLError):
            reason = "TLS gagal"
        else:
            reason = f"sambungan terputus ({exc.__class__.__name__})"
        host = urlsplit(self.base).netloc
        return clean_text(f"{reason}; {host}", self._token, 200)

    def _status_error(self, what: str, reply: Reply) -> SikedipError:
        status = reply.status
        if 300 <= status < 400:
            where = clean_text(reply.headers.get("Location", "?"), self._token, 200)
            return SikedipError(
                f"{what}: Sikedip menjawab pengalihan HTTP {status} ke {where}; "
                "pengalihan tidak diikuti (periksa alamat Sikedip)"
            )
        detail = ""
        data = reply.json()
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            detail = f": {clean_text(data['message'], self._token)}"
        if status == 401 or status == 403:
            return SikedipError(f"{what}: ditolak HTTP {status} (periksa SIKEDIP_TOKEN){detail}")
        retryable = status in RETRY_STATUS
        return SikedipError(f"{what}: HTTP {status}{detail}", retryable=retryable)

    def _unexpected(self, reply: Reply, what: str) -> SikedipError:
        kind = clean_text(reply.headers.get("Content-Type", "tanpa Content-Type"), None, 80)
        return SikedipError(
            f"jawaban Sikedip untuk {what} bukan JSON yang diharapkan "
            f"(HTTP {reply.status}, {kind}, {len(reply.body)} bita); tidak dianggap berhasil"
        )
