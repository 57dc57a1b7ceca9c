"""Provenance travels: recorded by `dip review verify --catat`, shown on the item page,
recorded per item in the Sikedip journal."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, RunDip

from pipeline.sikedip.server import start_in_thread

from .stories import KETUA, PETUGAS, Story, git

SIKEDIP_TOKEN = "token-penerima-uji-123"


def approved_story(story: Story, dip: RunDip) -> str:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head, at="2026-11-20T02:05:00Z")
    merge = story.merge(head)
    out = dip("review", "verify", "--catat", cwd=story.root, env=story.github.env)
    assert out.returncode == 0, out.stdout + out.stderr
    return merge


def test_item_page_shows_who_proposed_and_who_approved(story: Story, dip: RunDip) -> None:
    merge = approved_story(story, dip)
    out = dip("build", cwd=story.root)
    assert out.returncode == 0, out.stdout + out.stderr
    page = (story.root / "site" / "dip" / "renstra-2019-2023" / "index.html").read_text()
    section = page[page.index("<h2>Persetujuan</h2>") : page.index("<h2>Riwayat</h2>")]
    assert f"@{PETUGAS}" in section
    assert "Ketua PPID Pembantu Uji (Ketua PPID Pembantu, @ketua-ppid)" in section
    assert "20 November 2026 pukul 09.05 WIB" in section  # 02:05 UTC in Pontianak
    assert merge[:12] in section
    url = f"https://github.com/{story.github.state.repo}/pull/{story.number}"
    assert f'href="{url}"' in section


def test_without_a_record_the_page_says_so(story: Story, dip: RunDip) -> None:
    head = story.propose("renstra-2019-2023")
    story.merge(head, register=False)
    out = dip("build", cwd=story.root)
    assert out.returncode == 0, out.stdout + out.stderr
    page = (story.root / "site" / "dip" / "renstra-2019-2023" / "index.html").read_text()
    assert "belum tercatat" in page
    assert "Disetujui oleh" not in page


def test_hostile_provenance_is_escaped_on_the_page(story: Story, dip: RunDip) -> None:
    merge = approved_story(story, dip)
    note = json.loads(git(story.root, "notes", "--ref=dip-review", "show", merge))
    note["nama_penyetuju"] = "<script>alert(1)</script>"
    note["url_pull_request"] = "javascript:alert(1)"
    git(story.root, "notes", "--ref=dip-review", "add", "-f", "-m", json.dumps(note), merge)
    out = dip("build", cwd=story.root)
    assert out.returncode == 0, out.stdout + out.stderr
    page = (story.root / "site" / "dip" / "renstra-2019-2023" / "index.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page


def test_the_sikedip_journal_records_the_approval_per_item(
    story: Story, dip: RunDip, tmp_path: Path
) -> None:
    merge = approved_story(story, dip)
    with start_in_thread(tmp_path / "sikedip", SIKEDIP_TOKEN, ROOT / "schema") as receiver:
        out = dip(
            "sikedip", "push", "--url", receiver.url, cwd=story.root,
            env={"SIKEDIP_TOKEN": SIKEDIP_TOKEN},
        )  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    [line] = git(story.root, "notes", "--ref=sikedip", "show", merge).splitlines()
    [row] = [r for r in json.loads(line)["items"] if r["id"] == "renstra-2019-2023"]
    assert row["asal_usul"]["penyetuju"] == KETUA
    assert row["asal_usul"]["pull_request"] == story.number
    shown = dip("sikedip", "journal", cwd=story.root)
    assert f"disetujui @{KETUA}, PR #{story.number}" in shown.stdout
