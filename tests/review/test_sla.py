"""`dip report sla`: pull requests made for real in a git repository, told to a local server
answering like GitHub, deployments and the Sikedip journal (git notes) beside them."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, RunDip, make_project

from pipeline.httpjson import Policy
from pipeline.review import github as github_module
from pipeline.sikedip import journal

from . import stories
from .fakegithub import FakeGitHub

KETUA, PETUGAS, KABID = "ketua-ppid", "petugas-ppid", "kabid-dafduk"
MKDOCS = f"""site_name: uji
plugins:
  - dip:
      opd: uji
      penyetuju:
        - github: {KETUA}
          nama: Ketua PPID Pembantu Uji
          jabatan: Ketua PPID Pembantu
"""


def git(root: Path, *args: str, when: str = "2026-11-01T00:00:00Z") -> str:
    return stories.git(root, *args, when=when)


@dataclass
class Proposal:
    number: int
    title: str
    author: str
    created: str
    draft: bool
    content: bool
    heads: list[str] = field(default_factory=list)

    @property
    def head(self) -> str:
        return self.heads[-1]


class Story:
    """What happened on GitHub, in git and in the Sikedip journal, step by step."""

    def __init__(self, root: Path, github: FakeGitHub) -> None:
        self.root = root
        self.github = github
        self.state = github.state
        self.number = 10

    def propose(
        self,
        commits: list[str],
        created: str,
        *,
        draft: bool = False,
        title: str = "Tambah item DIP",
        author: str = PETUGAS,
        content: bool = False,
    ) -> Proposal:
        """A branch with one commit per date in `commits`, opened at `created`; it changes
        the content folder (the ketua must approve) or only a file beside it."""
        self.number += 1
        proposal = Proposal(self.number, title, author, created, draft, content)
        git(self.root, "checkout", "-q", "-b", f"usulan-{self.number}", "main")
        for n, when in enumerate(commits):
            self.push(proposal, when, f"{n}")
        return proposal

    def push(self, proposal: Proposal, when: str, text: str = "lagi") -> str:
        git(self.root, "checkout", "-q", f"usulan-{proposal.number}")
        folder = self.root / "content" / "dip" if proposal.content else self.root
        note = folder / f"catatan-{proposal.number}.txt"
        note.write_text(f"{text} {when}\n", encoding="utf-8")
        git(self.root, "add", str(note.relative_to(self.root)))
        git(self.root, "commit", "-qm", f"Usulan {proposal.number}", when=when)
        head = git(self.root, "rev-parse", "HEAD")
        self.state.add_commit(proposal.number, head, proposal.author, when)
        proposal.heads.append(head)
        return head

    def ready(self, proposal: Proposal, when: str) -> None:
        self.state.add_event(proposal.number, "ready_for_review", when)

    def review(
        self,
        proposal: Proposal,
        when: str,
        state: str = "APPROVED",
        commit: str | None = None,
        reviewer: str = KETUA,
    ) -> None:
        self.state.add_review(proposal.number, reviewer, state, commit or proposal.head, when)

    def merge(self, proposal: Proposal, when: str) -> str:
        git(self.root, "checkout", "-q", "main")
        git(self.root, "merge", "-q", "--no-ff", "-m", f"Merge #{proposal.number}", proposal.head)
        merge = git(self.root, "rev-parse", "HEAD")
        self.state.add_pull(
            proposal.number,
            proposal.author,
            proposal.head,
            merge_sha=merge,
            merged_at=when,
            created_at=proposal.created,
            draft=False,
            title=proposal.title,
        )
        return merge

    def direct_commit(self, when: str) -> str:
        git(self.root, "checkout", "-q", "main")
        (self.root / "README.md").write_text(f"Perbaikan {when}\n", encoding="utf-8")
        git(self.root, "add", "README.md")
        git(self.root, "commit", "-qm", "Perbaikan kecil", when=when)
        return git(self.root, "rev-parse", "HEAD")

    def deploy(self, sha: str, when: str, state: str = "success") -> None:
        self.state.add_deployment(sha, when, state, when)

    def sikedip(self, sha: str, finished: str, complete: bool = True) -> None:
        journal.record(
            self.root,
            {
                "format": journal.FORMAT,
                "started": finished,
                "finished": finished,
                "commit": sha,
                "clean": True,
                "target": "https://sikedip.example/ppid (OPD uji)",
                "complete": complete,
                "interrupted": False,
                "error": None,
                "counts": {"create": 1, "update": 0, "withdraw": 0, "unchanged": 0},
                "files": {"needed": 0, "sent": 0, "bytes": 0},
                "items": [],
            },
        )

    def published(self, merge: str, site: str, sikedip: str) -> None:
        self.deploy(merge, site)
        self.sikedip(merge, sikedip)


@pytest.fixture
def story(tmp_path: Path, github_api: FakeGitHub) -> Story:
    root = make_project(tmp_path / "proyek", MKDOCS)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Awal", when="2026-01-05T00:00:00Z")
    return Story(root, github_api)


def sla(dip: RunDip, story: Story, *args: str) -> str:
    out = dip("report", "sla", *args, cwd=story.root, env=story.github.env)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    return out.stdout


def rows(markdown: str) -> dict[str, list[str]]:
    """The per-pull-request table: '#N' → its cells."""
    found = {}
    for line in markdown.splitlines():
        if line.startswith("| [#"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            found[cells[0].split("]")[0][1:]] = cells[1:]
    return found


def section(markdown: str, title: str) -> str:
    return markdown.split(f"### {title}", 1)[1].split("###", 1)[0]


def summary_row(markdown: str, label: str) -> list[str]:
    [line] = [x for x in markdown.splitlines() if x.startswith(f"| {label}")]
    return [c.strip() for c in line.strip("|").split("|")]


def on_time(story: Story, day: str = "2026-11-18", title: str = "Tambah item DIP") -> Proposal:
    """Collected in 1 hour, approved in 30 minutes, published in 15 minutes."""
    p = story.propose([f"{day}T01:00:00Z"], f"{day}T02:00:00Z", title=title)
    story.review(p, f"{day}T02:30:00Z")
    merge = story.merge(p, f"{day}T02:40:00Z")
    story.published(merge, f"{day}T02:50:00Z", f"{day}T02:55:00Z")
    return p


def test_within_every_limit(dip: RunDip, story: Story) -> None:
    on_time(story)
    out = sla(dip, story)
    assert rows(out)["#11"] == [
        "Tambah item DIP",
        "petugas-ppid",
        "18-11-2026 09.40",
        "✅ 1 jam",
        "✅ 30 menit",
        "✅ 15 menit",
    ]
    assert summary_row(out, "1. Pengumpulan")[1:] == ["7 hari", "1", "0", "0", "1 jam"]
    assert summary_row(out, "2. Persetujuan")[1:] == ["60 menit", "1", "0", "0", "30 menit"]
    assert summary_row(out, "3. Penerbitan")[1:] == ["30 menit", "1", "0", "0", "15 menit"]
    assert "Tidak ada: setiap langkah" in section(out, "Melewati batas")
    assert "26 Oktober 2026 (00.00 WIB) sampai 25 November 2026: **1**" in out


def test_each_limit_exceeded_is_named_with_the_excess(dip: RunDip, story: Story) -> None:
    slow_collect = story.propose(["2026-11-01T00:00:00Z"], "2026-11-10T00:00:00Z")
    story.review(slow_collect, "2026-11-10T00:45:00Z")
    merge = story.merge(slow_collect, "2026-11-10T01:00:00Z")
    story.published(merge, "2026-11-10T01:10:00Z", "2026-11-10T01:20:00Z")

    slow_approval = story.propose(["2026-11-12T00:00:00Z"], "2026-11-12T01:00:00Z")
    story.review(slow_approval, "2026-11-12T03:05:00Z")
    merge = story.merge(slow_approval, "2026-11-12T03:10:00Z")
    story.published(merge, "2026-11-12T03:20:00Z", "2026-11-12T03:25:00Z")

    slow_publish = story.propose(["2026-11-15T00:00:00Z"], "2026-11-15T01:00:00Z")
    story.review(slow_publish, "2026-11-15T01:20:00Z")
    merge = story.merge(slow_publish, "2026-11-15T01:30:00Z")
    # The site is quick; Sikedip confirms an hour after the merge: publication took an hour.
    story.published(merge, "2026-11-15T01:35:00Z", "2026-11-15T02:30:00Z")

    out = sla(dip, story)
    table = rows(out)
    assert table["#11"][3:] == ["❌ 9 hari", "✅ 45 menit", "✅ 20 menit"]
    assert table["#12"][3:] == ["✅ 1 jam", "❌ 2 jam 5 menit", "✅ 15 menit"]
    assert table["#13"][3:] == ["✅ 1 jam", "✅ 20 menit", "❌ 1 jam"]
    over = section(out, "Melewati batas").strip().splitlines()
    assert [line.split(")", 1)[1] for line in over] == [
        " Tambah item DIP: **pengumpulan** 9 hari, melewati batas 7 hari sebesar 2 hari",
        " Tambah item DIP: **persetujuan** 2 jam 5 menit, melewati batas 60 menit sebesar "
        "1 jam 5 menit",
        " Tambah item DIP: **penerbitan** 1 jam, melewati batas 30 menit sebesar 30 menit",
    ]
    assert [line.split("]")[0] for line in over] == ["- [#11", "- [#12", "- [#13"]
    assert summary_row(out, "1. Pengumpulan")[2:5] == ["2", "1", "0"]
    assert summary_row(out, "2. Persetujuan")[2:6] == ["2", "1", "0", "45 menit"]


def test_a_draft_is_measured_from_when_it_was_ready(dip: RunDip, story: Story) -> None:
    p = story.propose(["2026-11-11T23:00:00Z"], "2026-11-12T00:00:00Z", draft=True)
    story.ready(p, "2026-11-14T00:00:00Z")
    story.review(p, "2026-11-14T00:50:00Z")
    merge = story.merge(p, "2026-11-14T01:00:00Z")
    story.published(merge, "2026-11-14T01:05:00Z", "2026-11-14T01:06:00Z")
    # Opened ready, later turned into a draft and back: ready when it was opened.
    q = story.propose(["2026-11-16T00:00:00Z"], "2026-11-16T01:00:00Z")
    story.state.add_event(q.number, "convert_to_draft", "2026-11-16T01:10:00Z")
    story.ready(q, "2026-11-19T00:00:00Z")
    story.review(q, "2026-11-19T00:10:00Z")
    merge = story.merge(q, "2026-11-19T00:20:00Z")
    story.published(merge, "2026-11-19T00:25:00Z", "2026-11-19T00:26:00Z")

    table = rows(sla(dip, story))
    # Collection runs to the ready event (2 days 1 hour), approval from it (50 minutes),
    # not from the draft's opening (which would make it 2 days).
    assert table["#11"][3:] == ["✅ 2 hari 1 jam", "✅ 50 menit", "✅ 6 menit"]
    assert table["#12"][3:5] == ["✅ 1 jam", "✅ 10 menit"]


def test_a_form_entry_is_ready_when_submitted_to_the_ketua(dip: RunDip, story: Story) -> None:
    """Decap opens the pull request at the first save (label decap-cms/draft) and marks
    "Diajukan ke Ketua" with the label decap-cms/pending_review: that is when the ketua
    is asked, not when the draft was opened."""
    p = story.propose(["2026-11-12T00:00:00Z"], "2026-11-12T00:00:05Z")
    story.state.add_event(p.number, "labeled", "2026-11-12T00:00:06Z", label="decap-cms/draft")
    story.state.add_event(
        p.number, "labeled", "2026-11-13T02:00:00Z", label="decap-cms/pending_review"
    )
    story.review(p, "2026-11-13T02:40:00Z")
    merge = story.merge(p, "2026-11-13T02:45:00Z")
    story.published(merge, "2026-11-13T02:50:00Z", "2026-11-13T02:55:00Z")

    table = rows(sla(dip, story))
    # Collection 1 day 2 hours (the draft days belong to the petugas), approval 40 minutes.
    assert table["#11"][3:5] == ["✅ 1 hari 2 jam", "✅ 40 menit"]


def test_approval_after_a_new_push_is_measured_from_the_push(dip: RunDip, story: Story) -> None:
    p = story.propose(["2026-11-14T22:00:00Z"], "2026-11-15T00:00:00Z")
    story.review(p, "2026-11-15T00:30:00Z", "CHANGES_REQUESTED")
    story.push(p, "2026-11-15T05:00:00Z")
    story.review(p, "2026-11-15T05:20:00Z")
    merge = story.merge(p, "2026-11-15T05:30:00Z")
    story.published(merge, "2026-11-15T05:40:00Z", "2026-11-15T05:45:00Z")

    table = rows(sla(dip, story))
    assert table["#11"][3:] == ["✅ 2 jam", "✅ 20 menit", "✅ 15 menit"]


def test_an_approval_of_an_older_head_is_not_the_approval(dip: RunDip, story: Story) -> None:
    p = story.propose(["2026-11-15T00:00:00Z"], "2026-11-15T00:10:00Z")
    story.review(p, "2026-11-15T00:20:00Z")  # approves the first head
    story.push(p, "2026-11-15T01:00:00Z")  # ... then a new push: approval needed again
    merge = story.merge(p, "2026-11-15T01:30:00Z")
    story.published(merge, "2026-11-15T01:40:00Z", "2026-11-15T01:45:00Z")

    out = sla(dip, story)
    assert rows(out)["#11"][4] == "⚠️ belum disetujui"
    assert summary_row(out, "2. Persetujuan")[2:5] == ["0", "0", "1"]
    assert "#11" in section(out, "Tidak terukur")


def test_for_content_only_the_ketua_s_approval_counts(dip: RunDip, story: Story) -> None:
    p = story.propose(["2026-11-18T01:00:00Z"], "2026-11-18T02:00:00Z", content=True)
    story.review(p, "2026-11-18T02:05:00Z", reviewer=KABID)  # a colleague, not an approver
    story.review(p, "2026-11-18T03:30:00Z")
    merge = story.merge(p, "2026-11-18T03:40:00Z")
    story.published(merge, "2026-11-18T03:45:00Z", "2026-11-18T03:50:00Z")
    # Outside the content folder (code, documents), anyone with write access may approve.
    q = story.propose(["2026-11-19T01:00:00Z"], "2026-11-19T02:00:00Z")
    story.review(q, "2026-11-19T02:05:00Z", reviewer=KABID)
    merge = story.merge(q, "2026-11-19T02:10:00Z")
    story.published(merge, "2026-11-19T02:15:00Z", "2026-11-19T02:20:00Z")

    assert [r[4] for r in rows(sla(dip, story)).values()] == ["❌ 1 jam 30 menit", "✅ 5 menit"]
    data = list(csv.DictReader(io.StringIO(sla(dip, story, "--format", "csv"))))
    assert [r["penyetuju"] for r in data] == [KETUA, KABID]


def test_publication_through_a_later_commit_and_the_first_complete_push(
    dip: RunDip, story: Story
) -> None:
    p = story.propose(["2026-11-18T01:00:00Z"], "2026-11-18T02:00:00Z")
    story.review(p, "2026-11-18T02:10:00Z")
    merge = story.merge(p, "2026-11-18T02:20:00Z")
    story.deploy(merge, "2026-11-18T02:25:00Z", "failure")
    later = story.direct_commit("2026-11-18T02:30:00Z")
    story.deploy(later, "2026-11-18T02:40:00Z")  # the site carries the merge from here
    story.sikedip(merge, "2026-11-18T02:30:00Z", complete=False)  # partly failed push
    story.sikedip(later, "2026-11-18T02:45:00Z")  # a later commit containing the merge
    story.sikedip(later, "2026-11-18T03:30:00Z")

    out = sla(dip, story)
    assert rows(out)["#11"][5] == "✅ 25 menit"
    data = list(csv.DictReader(io.StringIO(sla(dip, story, "--format", "csv"))))
    assert data[0]["situs_terpasang_pada"] == "2026-11-18T02:40:00Z"
    assert data[0]["sikedip_terkonfirmasi_pada"] == "2026-11-18T02:45:00Z"


def test_an_unpublished_merge_is_shown_and_never_counted_within(dip: RunDip, story: Story) -> None:
    on_time(story)
    p = story.propose(["2026-11-24T00:00:00Z"], "2026-11-24T00:10:00Z")
    story.review(p, "2026-11-24T00:20:00Z")
    merge = story.merge(p, "2026-11-24T01:00:00Z")
    story.deploy(merge, "2026-11-24T01:05:00Z")  # on the site, never confirmed by Sikedip

    out = sla(dip, story)
    assert rows(out)["#12"][5] == "⚠️ belum diterbitkan (Sikedip belum mengonfirmasi)"
    assert summary_row(out, "3. Penerbitan")[2:6] == ["1", "0", "1", "15 menit"]
    assert "#12" in section(out, "Tidak terukur") and "#12" not in section(out, "Melewati")
    data = list(csv.DictReader(io.StringIO(sla(dip, story, "--format", "csv"))))
    assert (data[1]["detik_penerbitan"], data[1]["penerbitan_lewat_batas"]) == ("", "")


def test_without_any_deployment_or_journal_it_says_so(dip: RunDip, story: Story) -> None:
    p = story.propose(["2026-11-18T01:00:00Z"], "2026-11-18T02:00:00Z")
    story.review(p, "2026-11-18T02:10:00Z")
    story.merge(p, "2026-11-18T02:20:00Z")
    cell = rows(sla(dip, story))["#11"][5]
    assert cell == "⚠️ belum diterbitkan (tanpa data deployment; tanpa jurnal Sikedip)"


HOSTILE = "Ubah | tabel `kode` <script>alert(1)</script> @ketua-ppid\n# Judul [x](http://a.b)"


def test_a_hostile_title_is_escaped(dip: RunDip, story: Story) -> None:
    on_time(story, title=HOSTILE)
    out = sla(dip, story)
    [line] = [x for x in out.splitlines() if x.startswith("| [#11]")]
    assert line.count(" | ") == 6  # the pipe in the title did not add a column
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "@ketua" not in out and "@\u200bketua" in out
    assert "`kode`" not in out and "\\`kode\\`" in out
    assert "](http://a.b)" not in out
    assert "\n# Judul" not in out  # the line break did not start a heading


def test_csv_columns_and_values(dip: RunDip, story: Story) -> None:
    on_time(story, title='=HYPERLINK("http://x")')
    p = story.propose(["2026-11-01T00:00:00Z"], "2026-11-10T00:00:00Z")
    merge = story.merge(p, "2026-11-10T01:00:00Z")
    story.published(merge, "2026-11-10T01:10:00Z", "2026-11-10T01:20:00Z")

    text = sla(dip, story, "--format", "csv")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert header == [
        "nomor",
        "judul",
        "pengusul",
        "url",
        "commit_gabung",
        "dibuat_pada",
        "commit_pertama_pada",
        "siap_ditinjau_pada",
        "dorongan_terakhir_pada",
        "diminta_persetujuan_pada",
        "disetujui_pada",
        "penyetuju",
        "digabung_pada",
        "situs_terpasang_pada",
        "sikedip_terkonfirmasi_pada",
        "detik_pengumpulan",
        "detik_persetujuan",
        "detik_penerbitan",
        "pengumpulan_lewat_batas",
        "persetujuan_lewat_batas",
        "penerbitan_lewat_batas",
        "keterangan",
    ]
    late, on = (dict(zip(header, row, strict=True)) for row in reader)
    # Ordered by merge time: #12 (10 November) before #11 (18 November).
    assert (late["nomor"], on["nomor"]) == ("12", "11")
    assert on["judul"] == '\'=HYPERLINK("http://x")'  # not a formula in a spreadsheet
    assert on["digabung_pada"] == "2026-11-18T02:40:00Z"
    assert on["disetujui_pada"] == "2026-11-18T02:30:00Z" and on["penyetuju"] == KETUA
    assert [on[f"detik_{s}"] for s in ("pengumpulan", "persetujuan", "penerbitan")] == [
        "3600",
        "1800",
        "900",
    ]
    assert [on[f"{s}_lewat_batas"] for s in ("pengumpulan", "persetujuan", "penerbitan")] == [
        "false",
        "false",
        "false",
    ]
    assert late["detik_pengumpulan"] == str(9 * 86400)
    assert late["pengumpulan_lewat_batas"] == "true"
    assert late["persetujuan_lewat_batas"] == "" and late["detik_persetujuan"] == ""
    assert late["keterangan"] == "persetujuan: belum disetujui"


def test_since_selects_merges_and_stops_reading_early(dip: RunDip, story: Story) -> None:
    for day in ("2026-09-01", "2026-09-02", "2026-09-03", "2026-11-02", "2026-11-03"):
        on_time(story, day)
    story.state.page_size = 2
    out = sla(dip, story)  # the last 30 days
    assert sorted(rows(out)) == ["#14", "#15"]
    # Most recently updated first: the third pull request is older than the period, and
    # nothing after it is read (no third page).
    assert story.state.requests.count(("GET", f"/repos/{story.state.repo}/pulls")) == 2

    out = sla(dip, story, "--since", "2026-09-02")
    assert sorted(rows(out)) == ["#12", "#13", "#14", "#15"]
    assert "2 September 2026 (00.00 WIB)" in out


def test_since_starts_at_midnight_in_pontianak(dip: RunDip, story: Story) -> None:
    # 17:30 UTC on 1 November is 00:30 WIB on 2 November.
    p = story.propose(["2026-11-01T16:00:00Z"], "2026-11-01T17:00:00Z")
    story.review(p, "2026-11-01T17:10:00Z")
    story.merge(p, "2026-11-01T17:30:00Z")
    assert "#11" in rows(sla(dip, story, "--since", "2026-11-02"))
    assert "#11" not in rows(sla(dip, story, "--since", "2026-11-03"))


def test_every_page_is_read(dip: RunDip, story: Story) -> None:
    for day in [f"2026-11-{d:02d}" for d in range(2, 9)]:
        # The last push (third commit) and the approval (third review) are on page 2.
        p = story.propose(
            [f"{day}T01:00:00Z", f"{day}T01:30:00Z", f"{day}T02:10:00Z"], f"{day}T02:00:00Z"
        )
        for event in ("labeled", "review_requested", "ready_for_review"):
            story.state.add_event(p.number, event, f"{day}T01:55:00Z")
        story.review(p, f"{day}T02:05:00Z", "COMMENTED")
        story.review(p, f"{day}T02:06:00Z", "COMMENTED")
        story.review(p, f"{day}T02:40:00Z")
        merge = story.merge(p, f"{day}T02:50:00Z")
        story.published(merge, f"{day}T03:00:00Z", f"{day}T03:05:00Z")
    story.state.page_size = 2
    out = sla(dip, story)
    assert sorted(rows(out)) == [f"#{n}" for n in range(11, 18)]
    assert summary_row(out, "1. Pengumpulan")[2:6] == ["7", "0", "0", "55 menit"]
    assert summary_row(out, "2. Persetujuan")[2:6] == ["7", "0", "0", "30 menit"]
    assert summary_row(out, "3. Penerbitan")[2:6] == ["7", "0", "0", "15 menit"]


def test_report_to_a_file(dip: RunDip, story: Story, tmp_path: Path) -> None:
    on_time(story)
    target = tmp_path / "sla.csv"
    out = dip(
        "report", "sla", "--format", "csv", "--keluaran", str(target),
        cwd=story.root, env=story.github.env,
    )  # fmt: skip
    assert out.returncode == 0 and out.stdout == ""
    data = target.read_bytes()
    assert data.startswith("\ufeffnomor,judul,".encode())  # Excel reads it as UTF-8
    assert data.count(b"\r\n") == 2 and data.endswith(b"\r\n")


def test_no_merges_in_the_period(dip: RunDip, story: Story) -> None:
    assert "Tidak ada pull request yang digabung ke main dari 26 Oktober 2026" in sla(dip, story)


def test_usage_errors_exit_2(dip: RunDip, story: Story) -> None:
    env = {**story.github.env, "GITHUB_TOKEN": ""}
    out = dip("report", "sla", cwd=story.root, env=env)
    assert out.returncode == 2 and "GITHUB_TOKEN belum diisi" in out.stderr
    for since, message in (("kemarin", "bukan tanggal"), ("2026-11-26", "belum terjadi")):
        out = dip("report", "sla", "--since", since, cwd=story.root, env=story.github.env)
        assert out.returncode == 2 and message in out.stderr
    out = dip("report", "sla", "--repo", "bukan repo", cwd=story.root, env=story.github.env)
    assert out.returncode == 2 and "PEMILIK/NAMA" in out.stderr
    assert all("Traceback" not in x for x in (out.stderr, out.stdout))


def test_an_api_failure_exits_1_after_retrying(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.cli import main

    on_time(story)
    story.state.overrides[("GET", r".*/pulls/\d+/reviews")] = (
        500, {"message": "Server Error"}, {}
    )  # fmt: skip
    # Two quick attempts instead of five with seconds of backoff.
    quick = functools.partial(Policy, attempts=2, backoff_base=0.001)
    monkeypatch.setattr(github_module, "Policy", quick)
    monkeypatch.setenv("DIP_TODAY", TODAY.isoformat())
    result = CliRunner().invoke(
        main, ["--proyek", str(story.root), "report", "sla"], env=story.github.env
    )
    assert result.exit_code == 1, result.output
    assert "laporan SLA tidak dapat dibuat" in result.stderr
    assert "HTTP 500" in result.stderr and "Server Error" in result.stderr
    assert story.state.token not in result.stderr
    reviews = [r for r in story.state.requests if r[1].endswith("/reviews")]
    assert len(reviews) == 2  # retried once
    assert result.stdout == ""
