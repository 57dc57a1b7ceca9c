"""Fixtures for the reference receiver: a small project, the receiver as a subprocess
(`dip sikedip serve`, killable) and in a thread, and a thin API client over `requests`."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from conftest import PDF, ROOT, TODAY, make_project

from pipeline.sikedip.payload import canonical_json, payload_hash
from pipeline.sikedip.server import RunningReceiver, start_in_thread

TOKEN = "token-penerima-uji-7f3a"
OPD = "uji"
CONTRACT = "schema/sikedip.openapi.yaml"

BASE_ITEM: dict[str, Any] = {
    "judul": "Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019–2023",
    "ringkasan": "Dokumen perencanaan lima tahunan yang memuat visi, misi dan program Dinas.",
    "kategori": "berkala",
    "subkategori": "program_kegiatan",
    "unit": "sekretariat",
    "pejabat_penguasa": "Sekretaris Dinas",
    "penanggung_jawab": "Kepala Dinas",
    "waktu_pembuatan": "2019-09-30",
    "tempat_pembuatan": "Pontianak",
    "bentuk": ["softcopy"],
    "retensi": "10 tahun",
    "tahun": 2019,
    "status": "terbit",
}


def pdf(tag: str, size: int = 0) -> bytes:
    """A small valid-looking PDF, distinct per tag, padded to at least `size` bytes."""
    data = PDF + f"% {tag}\n".encode()
    return data + b"%" + b"0" * max(0, size - len(data) - 2) + b"\n" if size else data


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_payload(
    item_id: str, files: dict[str, bytes] | None = None, **fields: Any
) -> dict[str, Any]:
    """A payload as the client sends it: item fields, id, lampiran with sha256/size, hash."""
    payload: dict[str, Any] = {**BASE_ITEM, **fields}
    if files:
        payload["lampiran"] = [
            {
                "berkas": name,
                "judul": f"Lampiran {name}",
                "sumber": "digital",
                "sha256": sha(data),
                "size": len(data),
                "media_type": "application/pdf",
            }
            for name, data in files.items()
        ]
    payload["id"] = item_id
    payload.pop("hash", None)
    payload["hash"] = payload_hash(payload)
    return payload


class Api:
    """The five operations of the contract over one keep-alive `requests.Session`."""

    def __init__(self, url: str, token: str | None = TOKEN, opd: str = OPD) -> None:
        self.url = url
        self.base = f"{url}/api/v1/opd/{opd}"
        self.session = requests.Session()
        self.session.trust_env = False
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def list(self) -> requests.Response:
        return self.session.get(f"{self.base}/items", timeout=10)

    def head_file(self, sha256: str) -> requests.Response:
        return self.session.head(f"{self.base}/files/{sha256}", timeout=10)

    def put_file(self, data: bytes, sha256: str | None = None) -> requests.Response:
        return self.session.put(
            f"{self.base}/files/{sha256 or sha(data)}",
            data=data,
            headers={"Content-Type": "application/octet-stream"},
            timeout=30,
        )

    def put_item(
        self, payload: dict[str, Any], key: str | None = None, item_id: str | None = None
    ) -> requests.Response:
        return self.session.put(
            f"{self.base}/items/{item_id or payload['id']}",
            data=canonical_json(payload),
            headers={
                "Content-Type": "application/json",
                "Idempotency-Key": key or str(uuid.uuid4()),
            },
            timeout=10,
        )

    def delete(self, item_id: str, alasan: str, key: str | None = None) -> requests.Response:
        return self.session.delete(
            f"{self.base}/items/{item_id}",
            json={"alasan": alasan},
            headers={"Idempotency-Key": key or str(uuid.uuid4())},
            timeout=10,
        )

    def publish(self, payload: dict[str, Any], files: dict[str, bytes]) -> requests.Response:
        for data in files.values():
            assert self.put_file(data).status_code in (200, 201)
        return self.put_item(payload)


@pytest.fixture
def sikedip_project(tmp_path: Path) -> Path:
    """A project with the Sikedip contract beside the item schema (what serve reads)."""
    root = make_project(tmp_path / "proyek")
    shutil.copyfile(ROOT / CONTRACT, root / CONTRACT)
    return root


# -- the receiver in a thread ----------------------------------------------------------------


@dataclass
class InThread:
    running: RunningReceiver
    data: Path
    log: io.StringIO
    api: Api

    @property
    def url(self) -> str:
        return self.running.url


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[InThread]:
    """The receiver in this process, small file limit (1 MB), its log kept for inspection."""
    log = io.StringIO()
    data = tmp_path / "data"
    running = start_in_thread(
        data, TOKEN, ROOT / "schema", max_file_bytes=1_000_000, log=log, socket_timeout=2
    )
    with running:
        yield InThread(running, data, log, Api(running.url))


# -- the receiver as a process ---------------------------------------------------------------


@dataclass
class ReceiverProcess:
    """`dip sikedip serve` in a subprocess: its URL, token, data folder, stderr log."""

    project: Path
    data: Path
    log_path: Path
    token: str = TOKEN
    proc: subprocess.Popen[str] | None = None
    url: str = ""
    lines: list[str] = field(default_factory=list)

    def start(self, *extra: str, env: dict[str, str] | None = None) -> None:
        full_env = {**os.environ, "SIKEDIP_TOKEN": self.token, "DIP_TODAY": TODAY.isoformat()}
        full_env.update(env or {})
        self.lines = []
        command = [sys.executable, "-m", "pipeline", "--proyek", str(self.project), "sikedip"]
        command += ["serve", "--port", "0", "--data", str(self.data), *extra]
        with open(self.log_path, "a", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=full_env,
            )
        first = self._first_line(timeout=30)
        prefix = "Penerima Sikedip mendengarkan di "
        assert first.startswith(prefix), (first, self.log_path.read_text())
        self.url = first[len(prefix) :].strip().rstrip("/")

    def _first_line(self, timeout: float) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        stdout = self.proc.stdout
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        if not got:
            self.proc.kill()
            raise AssertionError(f"penerima tidak mulai: {self.log_path.read_text()}")
        # Keep draining stdout so the process never blocks on a full pipe.
        threading.Thread(target=lambda: self.lines.extend(stdout), daemon=True).start()
        return got[0]

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def api(self, token: str | None = TOKEN) -> Api:
        return Api(self.url, token)

    def kill(self) -> None:
        """SIGKILL: no chance to clean up anything."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(timeout=10)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=15)

    def restart(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()
        self.start()


@pytest.fixture
def receiver_proc(sikedip_project: Path, tmp_path: Path) -> Iterator[ReceiverProcess]:
    running = ReceiverProcess(sikedip_project, tmp_path / "data-proses", tmp_path / "log.txt")
    running.start()
    try:
        yield running
    finally:
        if running.proc is not None and running.proc.poll() is None:
            running.kill()
