"""`dip report jadwal`: real git repositories with dated commits, a real local Sikedip
receiver, and the report issue on a local server answering like GitHub."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, RunDip, make_project

from pipeline.bench.minimal import minimal_pdf
from pipeline.review.schedule import MARKER, add_period
from pipeline.sikedip.server import RunningReceiver, start_in_thread

from . import stories
from .fakegithub import FakeGitHub

SIKEDIP_TOKEN = "token-penerima-jadwal-51c"


def git(root: Path, *args: str, when: str = "2026-01-10T00:00:00Z") -> str:
    return stories.git(root, *args, when=when)


def commit(root: Path, message: str, when: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message, when=when)


def write_item(
    root: Path,
    item_id: str,
    kategori: str = "berkala",
    waktu: str = "2025-12-01",
    retensi: str = "5 tahun",
    jangka: str = "5 tahun",
    uji: str = "2025-12-01",
    judul: str | None = None,
) -> None:
    folder = root / "content" / "dip" / item_id
    folder.mkdir(parents=True, exist_ok=True)
    title = judul or f"Informasi {item_id.replace('-', ' ')}"
    lines = [
        f"judul: {title}",
        "ringkasan: Ringkasan informasi untuk pengujian laporan terjadwal Dinas.",
        f"kategori: {kategori}",
        *(["subkategori: program_kegiatan"] if kategori == "berkala" else []),
        "unit: sekretariat",
        "pejabat_penguasa: Sekretaris Dinas",
        "penanggung_jawab: Kepala Dinas",
        f'waktu_pembuatan: "{waktu}"',
        "tempat_pembuatan: Pontianak",
        "bentuk: [softcopy]",
        f"retensi: {retensi}",
        f"tahun: {waktu[:4]}",
        "status: terbit",
    ]
    for stale in folder.glob("*.pdf"):
        stale.unlink()
    if kategori == "dikecualikan":
        lines += [
            "pengecualian:",
            "  dasar_hukum: UU 14/2008 Pasal 17 huruf h",
            "  konsekuensi: Membuka informasi ini mengungkap rahasia pribadi penduduk.",
            f"  jangka_waktu: {jangka}",
            f'  tanggal_uji: "{uji}"',
        ]
    else:
        lines += [
            "lampiran:",
            "  - berkas: dokumen.pdf",
            "    judul: Dokumen",
            "    sumber: digital",
        ]
        (folder / "dokumen.pdf").write_bytes(minimal_pdf(title))
    (folder / "item.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def register(tmp_path: Path, dip: RunDip) -> Path:
    """Items whose dates have passed, and others just short of it."""
    root = make_project(tmp_path / "proyek")
    shutil.copyfile(ROOT / "schema" / "sikedip.openapi.yaml", root / "schema/sikedip.openapi.yaml")
    git(root, "init", "-q", "-b", "main")
    write_item(root, "laporan-lama")  # berkala, last changed 10 January: stale
    write_item(root, "laporan-baru")  # berkala, changed again on 1 November
    write_item(root, "arsip-2014", "setiap_saat", waktu="2014", retensi="10 tahun")
    write_item(root, "arsip-batas", "setiap_saat", waktu="2021-11-25", retensi="5 tahun")
    write_item(root, "arsip-permanen", "setiap_saat", waktu="2014", retensi="permanen")
    write_item(
        root, "rahasia-lewat", "dikecualikan", "2021-03-01", "permanen",
        jangka="5 (lima) tahun", uji="2021-03-01",
    )  # fmt: skip
    write_item(
        root, "rahasia-berlaku", "dikecualikan", "2024-01-15", "permanen",
        jangka="10 tahun sejak uji konsekuensi", uji="2024-01-15",
    )  # fmt: skip
    write_item(
        root, "rahasia-seumur-hidup", "dikecualikan", "2024-01-15", "permanen",
        jangka="selama yang bersangkutan hidup", uji="2024-01-15",
    )  # fmt: skip
    commit(root, "Awal", "2026-01-10T00:00:00Z")
    write_item(root, "laporan-baru", judul="Informasi laporan baru edisi November")
    commit(root, "Perbarui laporan", "2026-11-01T00:00:00Z")
    checked = dip("check", cwd=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return root


def report(dip: RunDip, root: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    base = {"SIKEDIP_URL": "", "SIKEDIP_TOKEN": "", "GITHUB_TOKEN": ""}
    out = dip("report", "jadwal", "--format", "json", *args, cwd=root, env={**base, **(env or {})})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def found(data: Any) -> list[tuple[str, str, str | None]]:
    return [(f["jenis"], f["item"], f["tanggal"]) for f in data["temuan"]]


def test_stale_items_expired_retention_and_exemptions(dip: RunDip, register: Path) -> None:
    data = report(dip, register)
    assert found(data) == [
        ("berkala_usang", "laporan-lama", None),
        ("retensi", "arsip-2014", "2024-12-31"),  # "2014" counts from its last day
        ("pengecualian", "rahasia-lewat", "2026-03-01"),
    ]
    assert [f["path"] for f in data["temuan"]] == [
        "content/dip/laporan-lama/item.yaml",
        "content/dip/arsip-2014/item.yaml",
        "content/dip/rahasia-lewat/item.yaml",
    ]
    stale, retention, exemption = (f["pesan"] for f in data["temuan"])
    # The same words as DIP-W301 of dip check.
    assert stale == (
        "informasi berkala 'laporan-lama' tidak berubah sejak sebelum 2026-05-25 "
        "(lebih dari 6 bulan)"
    )
    assert "retensi 10 tahun sejak 2014" in retention and "berakhir 2024-12-31" in retention
    assert "5 (lima) tahun" in exemption and "uji konsekuensi ulang" in exemption
    assert [(n["item"], n["jenis"]) for n in data["catatan"]] == [
        ("rahasia-seumur-hidup", "pengecualian")
    ]
    assert data["item_diperiksa"] == 8 and data["jumlah_temuan"] == 3
    assert data["sikedip"] == {
        "diperiksa": False,
        "tujuan": None,
        "alasan": "SIKEDIP_URL belum diisi (alamat Sikedip yang dibandingkan dengan konten)",
    }


def test_markdown_names_each_item_and_file(dip: RunDip, register: Path) -> None:
    out = dip("report", "jadwal", cwd=register, env={"SIKEDIP_URL": ""})
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("## Laporan terjadwal DIP, 25 November 2026\n")
    assert "**3 temuan** perlu ditindaklanjuti (8 item diperiksa)." in text
    for heading, item in (
        ("### Informasi berkala belum diperbarui (1)", "laporan-lama"),
        ("### Jangka waktu penyimpanan (retensi) sudah lewat (1)", "arsip-2014"),
        ("### Masa pengecualian sudah berakhir (1)", "rahasia-lewat"),
    ):
        section = text.split(heading, 1)[1].split("###", 1)[0]
        assert f"- `{item}` (`content/dip/{item}/item.yaml`): " in section
    assert "### Sikedip berbeda dengan konten (tidak diperiksa)" in text
    assert "Tidak diperiksa: SIKEDIP\\_URL belum diisi" in text
    assert "`rahasia-seumur-hidup`" in text.split("### Catatan", 1)[1]


def test_the_day_a_period_ends_is_still_within_it(dip: RunDip, register: Path) -> None:
    # arsip-batas: made 2021-11-25, 5 years: ends today (2026-11-25), not yet passed.
    assert "arsip-batas" not in {f["item"] for f in report(dip, register)["temuan"]}
    tomorrow = report(dip, register, env={"DIP_TODAY": "2026-11-26"})
    assert ("retensi", "arsip-batas", "2026-11-25") in found(tomorrow)
    assert add_period(__import__("datetime").date(2024, 2, 29), 1, "tahun").isoformat() == (
        "2025-02-28"
    )


@pytest.fixture
def receiver(tmp_path: Path, register: Path) -> Iterator[RunningReceiver]:
    with start_in_thread(tmp_path / "sikedip", SIKEDIP_TOKEN, register / "schema") as running:
        yield running


def test_drift_against_a_real_receiver(
    dip: RunDip, register: Path, receiver: RunningReceiver
) -> None:
    env = {"SIKEDIP_URL": receiver.url, "SIKEDIP_TOKEN": SIKEDIP_TOKEN}
    pushed = dip("sikedip", "push", "--url", receiver.url, cwd=register, env=env)
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    data = report(dip, register, env=env)
    assert data["sikedip"]["diperiksa"] is True
    assert data["sikedip"]["tujuan"] == f"{receiver.url} (OPD uji)"
    assert [f for f in data["temuan"] if f["jenis"] == "sikedip"] == []

    write_item(register, "laporan-baru", judul="Informasi laporan baru edisi Desember")
    shutil.rmtree(register / "content/dip/arsip-permanen")
    write_item(register, "item-tambahan", "setiap_saat", waktu="2026-11-20")
    commit(register, "Perubahan sesudah pengiriman", "2026-11-24T00:00:00Z")

    data = report(dip, register, env=env)
    drift = [(f["item"], f["path"], f["pesan"]) for f in data["temuan"] if f["jenis"] == "sikedip"]
    assert [(item, path) for item, path, _ in drift] == [
        ("arsip-permanen", "content/dip/arsip-permanen"),
        ("item-tambahan", "content/dip/item-tambahan/item.yaml"),
        ("laporan-baru", "content/dip/laporan-baru/item.yaml"),
    ]
    assert "foldernya sudah tidak ada" in drift[0][2]
    assert "belum ada di Sikedip" in drift[1][2]
    assert "berbeda dengan konten" in drift[2][2]
    # A dry run: Sikedip still holds what it held.
    assert "arsip-permanen" in receiver.store.items("uji")
    assert "item-tambahan" not in receiver.store.items("uji")

    text = dip("report", "jadwal", cwd=register, env=env).stdout
    assert "### Sikedip berbeda dengan konten (3)" in text
    assert f"Dibandingkan dengan `{receiver.url} (OPD uji)`: rencana" in text


def test_drift_not_checked_says_why(dip: RunDip, register: Path) -> None:
    data = report(dip, register, env={"SIKEDIP_URL": "https://sikedip.example/ppid"})
    assert data["sikedip"]["diperiksa"] is False
    assert data["sikedip"]["alasan"].startswith("SIKEDIP_TOKEN belum diisi")
    out = dip("report", "jadwal", cwd=register, env={"SIKEDIP_URL": "ftp://sikedip"})
    assert out.returncode == 2 and "SIKEDIP_URL" in out.stderr and "Traceback" not in out.stderr


def test_an_unreachable_sikedip_is_a_finding(dip: RunDip, register: Path) -> None:
    env = {"SIKEDIP_URL": "http://127.0.0.1:9", "SIKEDIP_TOKEN": SIKEDIP_TOKEN}
    data = report(dip, register, env=env)
    assert data["sikedip"]["diperiksa"] is False
    assert "tidak dapat dibaca" in data["sikedip"]["alasan"]
    assert [f["jenis"] for f in data["temuan"]][-1] == "sikedip"
    assert data["jumlah_temuan"] == 4


def issue_run(dip: RunDip, root: Path, github: FakeGitHub) -> Any:
    out = dip("report", "jadwal", "--issue", cwd=root, env={"SIKEDIP_URL": "", **github.env})
    assert out.returncode == 0, out.stderr
    return out


def test_one_issue_created_then_updated(
    dip: RunDip, register: Path, github_api: FakeGitHub
) -> None:
    out = issue_run(dip, register, github_api)
    [issue] = github_api.state.issues.values()
    assert issue["title"] == "Laporan terjadwal DIP: 3 temuan"
    assert [label["name"] for label in issue["labels"]] == ["laporan-terjadwal"]
    assert issue["body"].startswith(MARKER + "\n## Laporan terjadwal DIP")
    assert "`laporan-lama`" in issue["body"] and "`rahasia-lewat`" in issue["body"]
    assert issue["body"].endswith(out.stdout)
    assert f"Issue laporan terjadwal: {issue['html_url']}" in out.stderr

    # The stale item is brought up to date: the same issue now counts two findings.
    write_item(register, "laporan-lama", judul="Informasi laporan lama edisi November")
    commit(register, "Perbarui laporan lama", "2026-11-20T00:00:00Z")
    issue_run(dip, register, github_api)
    [again] = github_api.state.issues.values()
    assert again["number"] == issue["number"] and again["title"].endswith(": 2 temuan")
    assert "`laporan-lama`" not in again["body"]

    # Everything dealt with: the issue says so (and is not duplicated).
    write_item(register, "arsip-2014", "setiap_saat", waktu="2014", retensi="permanen")
    write_item(
        register, "rahasia-lewat", "dikecualikan", "2021-03-01", "permanen",
        jangka="5 tahun", uji="2026-11-20",
    )  # fmt: skip
    commit(register, "Tindak lanjut laporan", "2026-11-21T00:00:00Z")
    issue_run(dip, register, github_api)
    [last] = github_api.state.issues.values()
    assert last["title"] == "Laporan terjadwal DIP: tidak ada temuan"
    assert "Tidak ada temuan (8 item diperiksa)." in last["body"]
    posts = [r for r in github_api.state.requests if r[0] == "POST"]
    assert len(posts) == 1


def test_nothing_found_opens_no_issue(dip: RunDip, tmp_path: Path, github_api: FakeGitHub) -> None:
    root = make_project(tmp_path / "kosong")
    git(root, "init", "-q", "-b", "main")
    write_item(root, "laporan-segar")
    commit(root, "Awal", "2026-11-20T00:00:00Z")
    out = issue_run(dip, root, github_api)
    assert github_api.state.issues == {}
    assert "tidak ada yang ditulis" in out.stderr


def test_issue_errors(dip: RunDip, register: Path, github_api: FakeGitHub) -> None:
    env = {"SIKEDIP_URL": "", **github_api.env, "GITHUB_TOKEN": ""}
    out = dip("report", "jadwal", "--issue", cwd=register, env=env)
    assert out.returncode == 2 and "GITHUB_TOKEN belum diisi" in out.stderr
    assert out.stdout == ""  # known before any work

    github_api.state.overrides[("POST", r".*/issues")] = (
        403, {"message": "Resource not accessible by integration"}, {}
    )  # fmt: skip
    out = dip(
        "report", "jadwal", "--issue", cwd=register, env={"SIKEDIP_URL": "", **github_api.env}
    )
    assert out.returncode == 1
    assert "issue laporan terjadwal tidak dapat ditulis" in out.stderr
    assert "Resource not accessible by integration" in out.stderr
    assert "**3 temuan**" in out.stdout  # the report itself still reached the log
    assert github_api.state.token not in out.stderr and "Traceback" not in out.stderr
