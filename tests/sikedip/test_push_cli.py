"""`dip sikedip push` and `dip sikedip journal` as a user runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RunDip, git

from pipeline.sikedip.server import RunningReceiver, start_in_thread

from .test_push import OPD, TOKEN, new_project, write_item


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return new_project(tmp_path / "proyek", items=3)


@pytest.fixture
def receiver(tmp_path: Path, root: Path) -> Iterator[RunningReceiver]:
    with start_in_thread(tmp_path / "sikedip", TOKEN, root / "schema") as running:
        yield running


def push(dip: RunDip, root: Path, url: str, *args: str, token: str = TOKEN) -> object:
    return dip("sikedip", "push", "--url", url, *args, cwd=root, env={"SIKEDIP_TOKEN": token})


def test_push_then_journal(dip: RunDip, root: Path, receiver: RunningReceiver) -> None:
    out = push(dip, root, receiver.url, "--format", "json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    head = git(root, "rev-parse", "HEAD").strip()
    assert result["complete"] is True and result["commit"] == head and result["clean"] is True
    assert result["counts"] == {"create": 3, "update": 0, "withdraw": 0, "unchanged": 0}
    assert {r["id"]: r["result"] for r in result["items"]} == dict.fromkeys(
        ["item-00", "item-01", "item-02"], "ok"
    )
    held = receiver.store.items(OPD)
    assert {r["id"]: r["remote_hash"] for r in result["items"]} == {
        k: v["hash"] for k, v in held.items()
    }

    text = dip("sikedip", "journal", cwd=root)
    assert text.returncode == 0
    assert "lengkap" in text.stdout and "3 baru, 0 diperbarui, 0 ditarik, 0 tetap" in text.stdout
    assert f"commit {head[:12]} (bersih)" in text.stdout
    [entry] = json.loads(dip("sikedip", "journal", "--format", "json", cwd=root).stdout)["entries"]
    assert entry["commit"] == head and entry["target"].startswith(receiver.url)
    assert [i["action"] for i in entry["items"]] == ["create"] * 3
    # The record is in the repository's history, not in a file beside it.
    assert git(root, "notes", "--ref=sikedip", "show", head).strip() == json.dumps(
        entry, ensure_ascii=False, sort_keys=True
    )

    # A change on a new commit: the next push records on that commit.
    write_item(root, "item-01", "Judul baru")
    git(root, "commit", "-qam", "Ubah judul")
    assert push(dip, root, receiver.url).returncode == 0
    entries = json.loads(dip("sikedip", "journal", "--format", "json", cwd=root).stdout)["entries"]
    assert [e["counts"]["update"] for e in entries] == [1, 0]
    only_first = dip("sikedip", "journal", "--commit", "HEAD~1", "--format", "json", cwd=root)
    assert len(json.loads(only_first.stdout)["entries"]) == 1


def test_dry_run_sends_and_records_nothing(
    dip: RunDip, root: Path, receiver: RunningReceiver
) -> None:
    out = push(dip, root, receiver.url, "--dry-run")
    assert out.returncode == 0, out.stderr
    assert "Rencana (uji coba, tidak ada yang dikirim): 3 baru" in out.stdout
    assert "akan dikirim" in out.stdout
    assert receiver.store.items(OPD) == {}
    assert "belum ada pengiriman" in dip("sikedip", "journal", cwd=root).stdout


def test_content_with_an_error_sends_nothing(
    dip: RunDip, root: Path, receiver: RunningReceiver
) -> None:
    (root / "content" / "dip" / "item-01" / "item.yaml").write_text("judul: [\n", "utf-8")
    out = push(dip, root, receiver.url)
    assert out.returncode == 1
    assert "content/dip/item-01/item.yaml\n      2:1  kesalahan  DIP-E105" in out.stderr
    assert "Tidak ada yang dikirim" in out.stderr
    assert receiver.store.items(OPD) == {}


def test_a_wrong_token_fails_and_is_never_shown(
    dip: RunDip, root: Path, receiver: RunningReceiver
) -> None:
    wrong = "token-salah-yang-rahasia"
    out = push(dip, root, receiver.url, token=wrong)
    assert out.returncode == 1
    assert "SIKEDIP_TOKEN" in out.stdout
    assert wrong not in out.stdout + out.stderr and TOKEN not in out.stdout + out.stderr
    journal = dip("sikedip", "journal", "--format", "json", cwd=root).stdout
    assert wrong not in journal


@pytest.mark.parametrize(
    ("url", "env", "message"),
    [
        ("https://sikedip.example/ppid", {"SIKEDIP_TOKEN": ""}, "SIKEDIP_TOKEN belum diisi"),
        ("http://sikedip.example", {"SIKEDIP_TOKEN": TOKEN}, "https://"),
        ("https://user:sandi@sikedip.example", {"SIKEDIP_TOKEN": TOKEN}, "nama pengguna"),
        ("https://sikedip.example", {"SIKEDIP_CA_BUNDLE": "tidak-ada.pem"}, "berkas CA"),
    ],
)
def test_unsafe_settings_are_refused_before_anything_is_sent(
    dip: RunDip, root: Path, url: str, env: dict[str, str], message: str
) -> None:
    out = dip("sikedip", "push", "--url", url, cwd=root, env={"SIKEDIP_TOKEN": TOKEN, **env})
    assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr


def test_outside_git_the_push_works_but_says_it_recorded_nothing(
    dip: RunDip, root: Path, receiver: RunningReceiver
) -> None:
    import shutil

    shutil.rmtree(root / ".git")
    out = push(dip, root, receiver.url)
    assert out.returncode == 0
    assert "tidak dicatat: folder proyek bukan repositori git" in out.stdout


def test_a_hostile_note_does_not_break_the_journal(dip: RunDip, root: Path) -> None:
    git(root, "notes", "--ref=sikedip", "add", "-m", "bukan json\x1b[31m", "HEAD")
    hostile = {"format": 1, "started": "2026", "items": [{"id": "x\x1b]0;judul\x07", "action": 1}]}
    git(root, "notes", "--ref=sikedip", "append", "-m", json.dumps(hostile), "HEAD")
    out = dip("sikedip", "journal", cwd=root)
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
