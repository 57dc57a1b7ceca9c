"""`dip review verify`: real git repositories made here, a local server answering like GitHub."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import GOOD_ITEM, RunDip, add_item

from pipeline.review import provenance
from pipeline.review.github import GitHub, GitHubError
from pipeline.review.verify import Verifier, commits_to_verify

from .stories import KABID, KETUA, PETUGAS, PLT, Story, git


def verify(story: Story, commit: str = "HEAD", since: str | None = None):
    fake = story.github
    client = GitHub(fake.state.repo, fake.state.token, fake.url)
    verifier = Verifier(story.root, "content/dip", client)
    return verifier.verify_range(commits_to_verify(story.root, commit, since))


def test_approved_by_the_ketua_at_the_merged_head_may_be_published(story: Story) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    merge = story.merge(head)
    [verdict] = verify(story)
    assert verdict.ok, verdict.reasons
    assert verdict.provenance is not None
    assert verdict.provenance.pengusul == PETUGAS
    assert verdict.provenance.penyetuju == KETUA
    assert verdict.provenance.jabatan_penyetuju == "Ketua PPID Pembantu"
    assert verdict.provenance.commit_gabung == merge
    assert verdict.provenance.pull_request == story.number


def test_self_approval_is_refused(story: Story) -> None:
    head = story.propose("renstra-2019-2023", author=KETUA)
    story.review(KETUA, "APPROVED", head)
    story.merge(head, author=KETUA)
    [verdict] = verify(story)
    assert not verdict.ok
    assert any("ditulisnya sendiri" in r for r in verdict.reasons)


def test_an_approver_who_pushed_to_the_pull_request_cannot_approve_it(story: Story) -> None:
    story.propose("renstra-2019-2023")
    head = story.push_more(author=PLT)
    story.review(PLT, "APPROVED", head)
    story.merge(head)
    [verdict] = verify(story)
    assert not verdict.ok
    assert any(f"@{PLT}" in r and "sendiri" in r for r in verdict.reasons)


def test_a_push_after_the_approval_voids_it(story: Story) -> None:
    first = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", first)
    head = story.push_more()
    story.merge(head)
    [verdict] = verify(story)
    assert not verdict.ok
    assert any("perubahan baru" in r and first[:12] in r for r in verdict.reasons)
    # Approving again at the new head makes it publishable.
    story.review(KETUA, "APPROVED", head, at="2026-11-20T02:30:00Z")
    [verdict] = verify(story)
    assert verdict.ok, verdict.reasons


def test_changes_requested_and_not_withdrawn_blocks_publication(story: Story) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(PLT, "CHANGES_REQUESTED", head, at="2026-11-20T01:30:00Z")
    story.review(KETUA, "APPROVED", head)
    story.merge(head)
    [verdict] = verify(story)
    assert not verdict.ok
    assert any("meminta perubahan" in r and f"@{PLT}" in r for r in verdict.reasons)
    # The same reviewer approving later withdraws the request.
    story.review(PLT, "APPROVED", head, at="2026-11-20T02:40:00Z")
    [verdict] = verify(story)
    assert verdict.ok, verdict.reasons


def test_a_direct_push_without_a_pull_request_is_refused(story: Story) -> None:
    add_item(story.root, "langsung-ke-main")
    git(story.root, "add", "-A")
    git(story.root, "commit", "-qm", "Langsung")
    [verdict] = verify(story)
    assert not verdict.ok
    assert any("didorong langsung" in r for r in verdict.reasons)


def test_the_deputy_named_in_the_config_may_approve(story: Story, repo: Path) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(PLT, "APPROVED", head)
    story.merge(head)
    [verdict] = verify(story)
    assert verdict.ok, verdict.reasons
    assert verdict.provenance is not None
    assert verdict.provenance.jabatan_penyetuju == "Plt. Ketua PPID Pembantu"
    assert verdict.provenance.nama_penyetuju == "Wakil Uji"


def test_a_reviewer_who_is_not_an_approver_does_not_count(story: Story) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KABID, "APPROVED", head)
    story.merge(head)
    [verdict] = verify(story)
    assert not verdict.ok
    assert any(f"@{KABID}" in r and "CODEOWNERS" in r for r in verdict.reasons)


def test_codeowners_alone_names_an_approver(story: Story, repo: Path) -> None:
    (repo / ".github" / "CODEOWNERS").write_text(f"/content/ @{KABID}\n")
    git(repo, "commit", "-qam", "Pemilik konten")
    head = story.propose("renstra-2019-2023")
    story.review(KABID, "APPROVED", head)
    story.merge(head)
    [verdict] = verify(story)
    assert verdict.ok, verdict.reasons
    assert verdict.provenance is not None
    assert verdict.provenance.jabatan_penyetuju == "pemilik kode (CODEOWNERS)"


def test_a_pull_request_cannot_make_its_own_approver(story: Story) -> None:
    """CODEOWNERS and mkdocs.yml are read as they stood before the change."""
    story.propose("renstra-2019-2023")
    (story.root / ".github" / "CODEOWNERS").write_text(f"* @{KABID}\n")
    git(story.root, "commit", "-qam", "Ganti pemilik")
    head = git(story.root, "rev-parse", "HEAD")
    story.github.state.add_commit(story.number, head, PETUGAS)
    story.review(KABID, "APPROVED", head)
    story.merge(head)
    [verdict] = verify(story)
    assert not verdict.ok


def test_a_merge_whose_content_is_not_the_reviewed_head_is_refused(story: Story) -> None:
    reviewed = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", reviewed)
    head = story.push_more()
    merge = story.merge(head, register=False)
    # GitHub (or something posing as it) claims the reviewed commit was what got merged.
    story.github.state.add_pull(
        story.number, PETUGAS, reviewed, merge_sha=merge, merged_at="2026-11-20T03:00:00Z"
    )
    [verdict] = verify(story)
    assert not verdict.ok
    assert any("tidak sama dengan kepala" in r for r in verdict.reasons)


def test_every_commit_since_the_last_publication_is_verified(story: Story) -> None:
    start = git(story.root, "rev-parse", "HEAD")
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    story.merge(head)
    add_item(story.root, "langsung-ke-main")
    git(story.root, "add", "-A")
    git(story.root, "commit", "-qm", "Langsung")
    verdicts = verify(story, since=start)
    assert [v.ok for v in verdicts] == [True, False]
    # Only the last commit asked about: the direct push alone.
    assert [v.ok for v in verify(story)] == [False]


def test_hostile_api_answers_are_refused_not_trusted(story: Story) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    story.merge(head)
    story.github.state.reviews[story.number][0]["commit_id"] = "bukan-sha; rm -rf /"
    with pytest.raises(GitHubError, match="SHA commit yang tidak sah"):
        verify(story)


def test_provenance_is_recorded_in_notes_and_found_per_item(story: Story) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    merge = story.merge(head)
    verdicts = verify(story)
    approved = [(v.commit, v.provenance) for v in verdicts if v.provenance]
    assert provenance.record(story.root, approved) == 1
    found = provenance.per_item(story.root, "content/dip")
    assert found["renstra-2019-2023"].commit_gabung == merge
    assert found["renstra-2019-2023"].penyetuju == KETUA
    # A later change that is not approved takes the provenance away: the newest decides.
    text = GOOD_ITEM.replace("Unggahan awal", "Diubah tanpa PR")
    (story.root / "content/dip/renstra-2019-2023/item.yaml").write_text(text)
    git(story.root, "commit", "-qam", "Tanpa PR")
    assert "renstra-2019-2023" not in provenance.per_item(story.root, "content/dip")


def test_hostile_notes_are_ignored(story: Story) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    merge = story.merge(head)
    forged = {"format": 1, "penyetuju": ["x"], "commit_gabung": merge}
    git(story.root, "notes", "--ref=dip-review", "add", "-m", json.dumps(forged), merge)
    assert provenance.per_item(story.root, "content/dip") == {}


def test_cli_exit_codes_and_json(story: Story, dip: RunDip) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    merge = story.merge(head)
    env = story.github.env
    out = dip("review", "verify", "--format", "json", "--catat", cwd=story.root, env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["boleh_terbit"] is True
    assert data["commit"][0]["asal_usul"]["penyetuju"] == KETUA
    note = git(story.root, "notes", "--ref=dip-review", "show", merge)
    assert json.loads(note)["pull_request"] == story.number
    # A direct push afterwards: exit 1 and a GitHub annotation naming why.
    add_item(story.root, "langsung-ke-main")
    git(story.root, "add", "-A")
    git(story.root, "commit", "-qm", "Langsung")
    summary = story.root / "ringkasan.md"
    out = dip(
        "review", "verify", "--sejak", merge + "~1", "--format", "github", cwd=story.root,
        env={**env, "GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert out.returncode == 1
    assert "::error title=Persetujuan" in out.stdout and "didorong langsung" in out.stdout
    assert "Bukti persetujuan Ketua" in summary.read_text()


def test_cli_without_token_or_with_unknown_commit_is_a_usage_error(
    story: Story, dip: RunDip
) -> None:
    env = {**story.github.env, "GITHUB_TOKEN": ""}
    out = dip("review", "verify", cwd=story.root, env=env)
    assert out.returncode == 2 and "GITHUB_TOKEN belum diisi" in out.stderr
    out = dip("review", "verify", "--commit", "tidak-ada", cwd=story.root, env=story.github.env)
    assert out.returncode == 2 and "tidak dikenal" in out.stderr
    assert "Traceback" not in out.stderr


def test_cli_api_failure_means_not_published(story: Story, dip: RunDip) -> None:
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    story.merge(head)
    story.github.state.overrides[("GET", r".*/pulls")] = (
        401, {"message": "Bad credentials"}, {}
    )  # fmt: skip
    out = dip("review", "verify", cwd=story.root, env=story.github.env)
    assert out.returncode == 1
    assert "tidak dapat dibuktikan" in out.stderr and "GITHUB_TOKEN" in out.stderr
    assert story.github.state.token not in out.stderr + out.stdout


def test_an_unapproved_commit_stays_refused_until_its_changes_are_undone(story: Story) -> None:
    """A refused commit is not forgiven by later approvals of other changes."""
    start = git(story.root, "rev-parse", "HEAD")
    add_item(story.root, "langsung-ke-main")
    git(story.root, "add", "-A")
    git(story.root, "commit", "-qm", "Langsung")
    direct = git(story.root, "rev-parse", "HEAD")
    # An approved pull request touching only the item.yaml of the pushed item: its PDF
    # was never reviewed, so the direct push still blocks publication.
    head = story.propose("langsung-ke-main", text=GOOD_ITEM.replace("Unggahan awal", "Ditinjau"))
    story.review(KETUA, "APPROVED", head)
    story.merge(head)
    verdicts = verify(story, since=start)
    assert [v.ok for v in verdicts] == [False, True]
    # Reverting the direct push through an approved pull request clears it.
    story.number += 1
    git(story.root, "checkout", "-q", "-b", "batalkan", "main")
    git(story.root, "rm", "-rq", "content/dip/langsung-ke-main")
    git(story.root, "commit", "-qm", "Batalkan")
    revert = git(story.root, "rev-parse", "HEAD")
    story.github.state.add_commit(story.number, revert, PETUGAS)
    story.review(KETUA, "APPROVED", revert)
    story.merge(revert)
    verdicts = verify(story, since=start)
    assert verdicts[0].commit == direct
    assert all(v.ok for v in verdicts), [v.reasons for v in verdicts]
    assert "dibatalkan" in verdicts[0].reasons[0]


def test_since_published_starts_after_the_last_complete_sikedip_push(
    story: Story, dip: RunDip
) -> None:
    add_item(story.root, "langsung-ke-main")
    git(story.root, "add", "-A")
    git(story.root, "commit", "-qm", "Langsung")  # never approved, never published
    head = story.propose("renstra-2019-2023")
    story.review(KETUA, "APPROVED", head)
    merge = story.merge(head)
    args = ("review", "verify", "--sejak-terbit", "--format", "json")
    # Nothing published yet: falls back to --sejak (here: none, so HEAD only).
    out = dip(*args, cwd=story.root, env=story.github.env)
    assert out.returncode == 0, out.stdout + out.stderr
    # The journal says the direct push's parent was the last publication: it is checked.
    first = git(story.root, "rev-list", "--max-parents=0", "HEAD")
    entry = json.dumps({"format": 1, "commit": first, "complete": True})
    git(story.root, "notes", "--ref=sikedip", "add", "-m", entry, first)
    out = dip(*args, cwd=story.root, env=story.github.env)
    assert out.returncode == 1
    checked = [c["commit"] for c in json.loads(out.stdout)["commit"]]
    assert checked[-1] == merge and len(checked) == 2
