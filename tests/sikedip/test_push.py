"""Pushing to the real receiver through a proxy that misbehaves.

Every scenario ends with the receiver holding exactly the content: nothing lost, nothing
sent twice, and no run that reported success before that was true.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, PDF, ROOT, TODAY, git, make_project

from pipeline.project import load_config
from pipeline.sikedip.client import HttpSikedip, Policy
from pipeline.sikedip.payload import load_payloads
from pipeline.sikedip.push import PushReport, push
from pipeline.sikedip.server import start_in_thread
from pipeline.sikedip.store import Store

from .proxy import Fault, FaultProxy

TOKEN = "token-uji-rahasia"
OPD = "uji"
FAST = Policy(
    connect_timeout=1, read_timeout=1, deadline=30, attempts=4, backoff_base=0.01, backoff_cap=0.05,
    retry_after_cap=0.2,
)  # fmt: skip


def item_text(judul: str, status: str = "terbit", files: tuple[str, ...] = ()) -> str:
    text = GOOD_ITEM.replace(
        "Rencana Strategis Disdukcapil Provinsi Kalimantan Barat 2019–2023", judul
    )
    head, _, _ = text.partition("lampiran:\n")
    text = head
    if files:
        text += "lampiran:\n" + "".join(
            f"  - berkas: {name}\n    judul: Lampiran {name}\n    sumber: digital\n"
            for name in files
        )
    text += "catatan_perubahan: Uji\n"
    if status == "ditarik":
        withdrawal = '  tanggal: "2026-11-01"\n  alasan: Diganti dokumen yang lebih baru\n'
        text = text.replace("status: terbit", f"status: ditarik\npenarikan:\n{withdrawal}")
    return text


def pdf(tag: str) -> bytes:
    return PDF + f"% {tag}\n".encode()


def write_item(
    root: Path,
    item_id: str,
    judul: str,
    status: str = "terbit",
    files: dict[str, bytes] | None = None,
) -> None:
    folder = root / "content" / "dip" / item_id
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = files or {}
    (folder / "item.yaml").write_text(item_text(judul, status, tuple(files)), encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)


def new_project(target: Path, items: int = 6) -> Path:
    root = make_project(target)
    contract = "schema/sikedip.openapi.yaml"
    shutil.copyfile(ROOT / contract, root / contract)
    shared = pdf("bersama")  # one file used by two items: uploaded once
    for n in range(items):
        files = {f"dokumen-{n}.pdf": pdf(f"dokumen {n}")}
        if n < 2:
            files["bersama.pdf"] = shared
        write_item(root, f"item-{n:02d}", f"Dokumen uji nomor {n}", files=files)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Konten awal")
    return root


@dataclass
class Rig:
    root: Path
    data: Path
    receiver: object
    proxy: FaultProxy

    @property
    def store(self) -> Store:
        return Store(self.data)

    def push(self, policy: Policy = FAST, workers: int = 3) -> PushReport:
        config = load_config(self.root, today=TODAY)
        loaded = load_payloads(config)
        assert not loaded.problems, loaded.problems
        client = HttpSikedip(self.proxy.url, OPD, TOKEN, policy=policy)
        report = push(client, loaded.payloads, config.content_path, workers=workers)
        if report.complete:  # a run may say "done" only when it is true
            assert_converged(self)
        return report


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    root = new_project(tmp_path / "proyek")
    data = tmp_path / "sikedip"
    with start_in_thread(data, TOKEN, root / "schema") as receiver:
        proxy = FaultProxy(receiver.url)
        try:
            yield Rig(root, data, receiver, proxy)
        finally:
            proxy.close()


def assert_converged(rig: Rig) -> None:
    """The receiver holds exactly the content; no item has a repeated version."""
    config = load_config(rig.root, today=TODAY)
    payloads = {p["id"]: p for p in load_payloads(config).payloads}
    store = rig.store
    held = store.items(OPD)
    for item_id, payload in payloads.items():
        there = held.get(item_id)
        if payload["status"] == "terbit":
            assert there is not None, f"{item_id} hilang"
            assert (there["hash"], there["status"]) == (payload["hash"], "terbit"), item_id
            assert there["payload"] == payload
            for entry in payload.get("lampiran", []):
                stored = store.file_path(entry["sha256"])
                assert stored is not None and stored.is_file()
                assert hashlib.sha256(stored.read_bytes()).hexdigest() == entry["sha256"]
        else:
            assert there is None or there["status"] == "ditarik", item_id
    for item_id, there in held.items():
        if item_id not in payloads:
            assert there["status"] == "ditarik", f"{item_id} masih terbit di Sikedip"
        versions = [(v["hash"], v["status"]) for v in store.history(OPD, item_id)]
        for before, after in itertools.pairwise(versions):
            assert before != after, f"{item_id}: versi ganda {versions}"


def writes(proxy: FaultProxy) -> list[str]:
    return [r for r, _ in proxy.log if not r.startswith(("GET", "HEAD"))]


def test_first_push_sends_everything_and_the_next_sends_nothing(rig: Rig) -> None:
    report = rig.push()
    assert report.complete
    assert report.counts == {"create": 6, "update": 0, "withdraw": 0, "unchanged": 0}
    assert report.files_sent == 7  # 6 own files + 1 shared, once
    rig.proxy.log.clear()
    again = rig.push()
    assert again.complete and again.counts["unchanged"] == 6
    assert writes(rig.proxy) == []  # a no-op push only reads


def test_changes_and_withdrawals_reach_sikedip(rig: Rig) -> None:
    assert rig.push().complete
    write_item(rig.root, "item-01", "Judul yang diperbaiki", files={"dokumen-1.pdf": pdf("v2")})
    write_item(rig.root, "item-02", "Dokumen uji nomor 2", status="ditarik",
               files={"dokumen-2.pdf": pdf("dokumen 2")})  # fmt: skip
    shutil.rmtree(rig.root / "content" / "dip" / "item-03")
    write_item(rig.root, "item-baru", "Dokumen baru")
    rig.proxy.log.clear()
    report = rig.push()
    assert report.complete
    assert report.counts == {"create": 1, "update": 1, "withdraw": 2, "unchanged": 3}
    assert writes(rig.proxy).count("PUT /api/v1/opd/uji/files/" + _sha(pdf("v2"))) == 1
    assert rig.store.items(OPD)["item-03"]["status"] == "ditarik"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "fault",
    [
        Fault("slow", delay=0.3, times=5),
        Fault("drop_after", match=r"^PUT /api/v1/opd/uji/items/", times=3),
        Fault("drop_after", match=r"^PUT /api/v1/opd/uji/files/", times=2),
        Fault("drop_before", match=r"^(PUT|DELETE)", times=3),
        Fault("status", status=429, headers={"Retry-After": "99999999"}, times=3),
        Fault("status", status=503, times=3),
        Fault("status", status=502, match="^GET", times=2),
    ],
    ids=lambda f: f"{f.kind}-{f.status}-{f.match}",
)
def test_a_push_through_transient_faults_completes_in_one_run(rig: Rig, fault: Fault) -> None:
    rig.proxy.add(fault)
    report = rig.push()
    assert fault.hits == fault.times  # the fault really happened
    assert report.complete, [r for r in report.results if r.outcome != "ok"]
    # Dropped after commit: the retry with the same Idempotency-Key got the first answer,
    # so no item was stored twice (checked in assert_converged: no repeated versions).


@pytest.mark.parametrize(
    "fault",
    [
        Fault("html", match=r"^PUT /api/v1/opd/uji/items/item-02"),
        Fault("html_after", match=r"^PUT /api/v1/opd/uji/items/item-02"),
        Fault("redirect", match=r"^PUT /api/v1/opd/uji/items/item-02", status=307),
        Fault("redirect", match=r"^PUT /api/v1/opd/uji/files/", status=301),
        Fault("status", status=500, match=r"^PUT /api/v1/opd/uji/items/item-02", times=99),
    ],
    ids=lambda f: f"{f.kind}-{f.status}",
)
def test_a_push_that_cannot_finish_says_so_and_the_next_converges(rig: Rig, fault: Fault) -> None:
    rig.proxy.add(fault)
    first = rig.push()
    assert not first.complete
    failed = [r.id for r in first.results if r.outcome != "ok"]
    assert failed == ["item-02"] if "item-02" in fault.match else failed
    assert not any(r.startswith("PUT /lain") for r, _ in rig.proxy.log)  # never followed
    rig.proxy.clear()
    second = rig.push()
    assert second.complete
    assert_converged(rig)


def test_a_dripping_answer_is_cut_by_the_deadline(rig: Rig) -> None:
    rig.proxy.add(Fault("drip", match="^GET", delay=0.2, times=1))
    started = time.monotonic()
    report = rig.push(Policy(deadline=1.5, read_timeout=1, attempts=2, backoff_base=0.01))
    assert not report.complete and report.error
    assert time.monotonic() - started < 10
    rig.proxy.clear()
    assert rig.push().complete


def test_a_slow_sikedip_leaves_the_rest_undone_at_the_deadline(rig: Rig) -> None:
    rig.proxy.add(Fault("slow", match="^PUT", delay=0.4, times=99))
    report = rig.push(Policy(deadline=1.2, read_timeout=2, attempts=2), workers=1)
    assert not report.complete
    assert any(r.outcome == "skipped" for r in report.results)
    rig.proxy.clear()
    assert rig.push().complete


def run_dip(root: Path, *args: str, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "SIKEDIP_TOKEN": TOKEN, "DIP_TODAY": TODAY.isoformat(), "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--proyek", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,  # type: ignore[call-overload]
    )


def test_a_client_killed_mid_push_converges_when_run_again(rig: Rig) -> None:
    for n in range(6, 14):
        write_item(rig.root, f"item-{n:02d}", f"Dokumen tambahan {n}")
    rig.proxy.add(Fault("slow", match="^PUT", delay=0.25, times=999))
    proc = run_dip(rig.root, "sikedip", "push", "--url", rig.proxy.url, "--paralel", "2")
    deadline = time.monotonic() + 60
    while len([r for r in writes(rig.proxy) if "/items/" in r]) < 3:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    held = rig.store.items(OPD)
    assert 0 < len(held) < 14  # really killed half-way
    rig.proxy.clear()
    again = run_dip(rig.root, "sikedip", "push", "--url", rig.proxy.url, "--format", "json")
    out, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    result = json.loads(out)
    assert result["complete"] is True
    counts = result["counts"]
    # What the killed run stored is not sent again (in-flight writes may have landed since).
    assert counts["unchanged"] >= len(held)
    assert counts["create"] + counts["unchanged"] == 14
    assert_converged(rig)


def test_sigterm_stops_the_push_and_the_journal_says_so(rig: Rig) -> None:
    rig.proxy.add(Fault("slow", match="^PUT", delay=0.3, times=999))
    proc = run_dip(rig.root, "sikedip", "push", "--url", rig.proxy.url, "--format", "json",
                   "--paralel", "1")  # fmt: skip
    deadline = time.monotonic() + 60
    while not [r for r in writes(rig.proxy) if "/items/" in r]:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert json.loads(out)["interrupted"] is True
    journal = subprocess.run(
        [sys.executable, "-m", "pipeline", "--proyek", str(rig.root), "sikedip", "journal",
         "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    [entry] = json.loads(journal.stdout)["entries"]
    assert entry["interrupted"] is True and entry["complete"] is False
    assert entry["commit"] == git(rig.root, "rev-parse", "HEAD").strip()
