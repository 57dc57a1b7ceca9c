"""One careful HTTP client for the services we talk to (Sikedip, the GitHub API).

Every request has a connect and a read timeout, and the whole job an overall deadline.
429, 5xx and connection errors are retried a bounded number of times with capped,
jittered backoff (a `Retry-After` is honoured up to a cap). Redirects are never
followed. Replies are read up to a size cap. TLS is always verified. The token never
appears in a message. Subclasses add the operations and check every reply's shape.
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
from typing import IO, Any
from urllib.parse import urlsplit

import certifi
import requests

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "dip-pipeline/0.1 (+DIP PPID Pembantu Disdukcapil Kalbar)"


class ServiceError(Exception):
    """One operation did not succeed; the message is for people (Bahasa Indonesia)."""

    def __init__(self, message: str, retryable: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status


class DeadlineExceeded(ServiceError):
    """The job's overall time is used up; nothing more is started."""


@dataclass(frozen=True)
class Policy:
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    deadline: float = 1800.0  # seconds for the whole job
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


def check_url(url: str, service: str = "Sikedip") -> str:
    """The base URL, or ValueError with an Indonesian reason."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"alamat {service} '{url}' tidak sah (harus https://HOST/...)")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ValueError(f"alamat {service} tidak boleh memuat nama pengguna, sandi, ? atau #")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValueError(
            f"alamat {service} harus memakai https://; http:// hanya untuk penerima lokal "
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


class JsonClient:
    """Requests with timeouts, bounded retries and no redirects (one session per thread)."""

    service = "layanan"
    token_hint = "token"
    error_class: type[ServiceError] = ServiceError

    def __init__(
        self,
        token: str | None,
        ca_bundle: str | None = None,
        policy: Policy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._token = token or None
        self._verify = ca_bundle or certifi.where()
        self.policy = policy or Policy()
        self.deadline = Deadline(self.policy.deadline)
        self._sleep = sleep
        self._local = threading.local()

    def _headers(self) -> dict[str, str]:
        """Headers sent with every request (the token among them)."""
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            # No .netrc, no *_CA_BUNDLE from the environment: only what we configure here.
            session.trust_env = False
            session.headers.update(self._headers())
            self._local.session = session
        return session

    def _error(
        self, message: str, retryable: bool = False, status: int | None = None
    ) -> ServiceError:
        return self.error_class(message, retryable=retryable, status=status)

    def _request(
        self,
        method: str,
        url: str,
        what: str,
        ok: set[int],
        body: Callable[[], bytes | IO[bytes]] | None = None,
        headers: dict[str, str] | None = None,
        cap: int | None = None,
    ) -> Reply:
        policy = self.policy
        for attempt in range(1, policy.attempts + 1):
            remaining = self.deadline.remaining()
            if remaining <= 0:
                raise DeadlineExceeded(f"{what}: batas waktu habis")
            wait: float | None = None
            try:
                reply = self._once(method, url, body, headers, remaining, cap)
                if reply.status in ok:
                    return reply
                error = self._status_error(what, reply)
                if error.retryable:
                    wait = parse_retry_after(reply.headers.get("Retry-After"))
            except ServiceError as exc:
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
                        raise self._error(
                            f"jawaban {self.service} lebih besar dari {limit // 1024} KB; "
                            "dihentikan"
                        )
                    if self.deadline.remaining() <= 0:
                        raise DeadlineExceeded(
                            f"batas waktu habis saat membaca jawaban {self.service}"
                        )
                    chunks.append(chunk)
                return Reply(resp.status_code, resp.headers, b"".join(chunks))
        except requests.exceptions.SSLError as exc:
            detail = clean_text(str(exc), self._token, 160)
            raise self._error(
                f"sertifikat TLS {self.service} tidak dapat diverifikasi ({detail})"
            ) from None
        except requests.RequestException as exc:
            raise self._error(f"koneksi gagal: {self._reason(exc, url)}", retryable=True) from None
        finally:
            if data is not None and not isinstance(data, bytes):
                data.close()

    def _reason(self, exc: Exception, url: str) -> str:
        """A short Indonesian reason for a failed connection (details stay English)."""
        text = str(exc)
        if isinstance(exc, requests.ConnectTimeout):
            reason = f"tidak tersambung dalam {self.policy.connect_timeout:g} detik"
        elif isinstance(exc, requests.ReadTimeout):
            reason = f"{self.service} tidak menjawab dalam {self.policy.read_timeout:g} detik"
        elif "Connection refused" in text:
            reason = f"sambungan ditolak (server {self.service} tidak berjalan di alamat itu?)"
        elif "Name or service not known" in text or "NameResolutionError" in text:
            reason = f"nama host {self.service} tidak dikenal"
        elif isinstance(exc, requests.exceptions.SSLError):
            reason = "TLS gagal"
        else:
            reason = f"sambungan terputus ({exc.__class__.__name__})"
        host = urlsplit(url).netloc
        return clean_text(f"{reason}; {host}", self._token, 200)

    def _message(self, reply: Reply) -> str:
        data = reply.json()
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            return f": {clean_text(data['message'], self._token)}"
        return ""

    def _status_error(self, what: str, reply: Reply) -> ServiceError:
        status = reply.status
        if 300 <= status < 400:
            where = clean_text(reply.headers.get("Location", "?"), self._token, 200)
            return self._error(
                f"{what}: {self.service} menjawab pengalihan HTTP {status} ke {where}; "
                f"pengalihan tidak diikuti (periksa alamat {self.service})",
                status=status,
            )
        detail = self._message(reply)
        if status == 401 or status == 403:
            return self._error(
                f"{what}: ditolak HTTP {status} (periksa {self.token_hint}){detail}",
                status=status,
            )
        retryable = status in RETRY_STATUS
        return self._error(f"{what}: HTTP {status}{detail}", retryable=retryable, status=status)

    def _unexpected(self, reply: Reply, what: str) -> ServiceError:
        kind = clean_text(reply.headers.get("Content-Type", "tanpa Content-Type"), None, 80)
        return self._error(
            f"jawaban {self.service} untuk {what} bukan JSON yang diharapkan "
            f"(HTTP {reply.status}, {kind}, {len(reply.body)} bita); tidak dianggap berhasil"
        )
