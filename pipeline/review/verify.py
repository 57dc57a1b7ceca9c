"""May the content of a commit on `main` be published? (DESIGN §7, SOP step 2)

A commit may be published when it is the merge of a pull request into the publishing
branch that an approver (the ketua or a deputy, Plt./Plh., named in mkdocs.yml or in
CODEOWNERS as they stood before the change) approved, who did not write any of it, at the
head that was merged, with no request for changes left standing. "Dikembalikan untuk
disesuaikan dan dilengkapi" in the SOP is GitHub's "Request changes".

A commit that changes nothing under the content folder (code, documentation) still has
to come through a reviewed pull request, approved at its head by someone other than its
authors who has write access; the ketua's approval is required for content.
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import approvers as approvers_mod
from .github import GitHub, PullCommit, PullRequest, Review
from .provenance import Provenance

DECISIVE = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
WRITERS = ("OWNER", "MEMBER", "COLLABORATOR")
ZERO = "0" * 40


class VerifyError(Exception):
    """The question cannot be asked (unknown commit, no git): exit code 2."""


@dataclass
class Verdict:
    commit: str
    ok: bool
    reasons: list[str] = field(default_factory=list)
    provenance: Provenance | None = None
    pull: int | None = None
    content: bool = True  # whether the commit changes content (needs the ketua)
    covered_by: str | None = None  # a later merge commit in the same push that carries it

    def to_json(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "boleh_terbit": self.ok,
            "alasan": self.reasons,
            "pull_request": self.pull,
            "mengubah_konten": self.content,
            "asal_usul": self.provenance.to_json() if self.provenance else None,
        }


def _git(root: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as exc:
        raise VerifyError(f"git tidak dapat dijalankan: {exc.strerror}") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise VerifyError(lines[-1] if lines else f"git {args[0]} gagal")
    return proc.stdout.decode("utf-8", "replace")


def resolve(root: Path, ref: str) -> str:
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except VerifyError:
        raise VerifyError(f"commit '{ref}' tidak dikenal di repositori ini") from None


def commits_to_verify(root: Path, commit: str, since: str | None) -> list[str]:
    """The first-parent commits after `since` up to `commit`, oldest first."""
    head = resolve(root, commit)
    if not since or since.strip("0") == "":
        return [head]
    base = resolve(root, since)
    try:
        _git(root, "merge-base", "--is-ancestor", base, head)
    except VerifyError:
        raise VerifyError(
            f"{since[:12]} bukan leluhur {head[:12]}: riwayat main ditulis ulang "
            "(force push?); periksa dengan --commit satu per satu"
        ) from None
    listed = _git(root, "rev-list", "--first-parent", "--reverse", f"{base}..{head}")
    return listed.split() or [head]


def last_published(root: Path, commit: str) -> str | None:
    """The newest first-parent ancestor of `commit` that a complete Sikedip push recorded."""
    from ..sikedip import journal

    try:
        entries = journal.read(root)
    except journal.JournalError:
        return None
    done = {e.get("commit") for e in entries if isinstance(e, dict) and e.get("complete")}
    if not done:
        return None
    head = resolve(root, commit)
    for sha in _git(root, "rev-list", "--first-parent", head).split():
        if sha in done:
            return sha
    return None


def _top(root: Path) -> Path:
    return Path(_git(root, "rev-parse", "--show-toplevel").strip())


class Verifier:
    def __init__(self, root: Path, content_dir: str, github: GitHub, branch: str = "main"):
        self.root = root
        self.top = _top(root)
        prefix = root.resolve().relative_to(self.top.resolve()).as_posix()
        self.prefix = "" if prefix == "." else prefix + "/"
        self.content = self.prefix + content_dir.strip("/") + "/"
        self.github = github
        self.branch = branch

    @functools.cache  # noqa: B019 - one Verifier per command run; commits are few
    def parents(self, commit: str) -> list[str]:
        return _git(self.top, "rev-list", "--parents", "-n1", commit).split()[1:]

    @functools.cache  # noqa: B019 - asked by verify, the supersession pass and the SLA
    def changed_paths(self, commit: str) -> list[str]:
        parents = self.parents(commit)
        if not parents:
            out = _git(self.top, "ls-tree", "-r", "--name-only", "-z", commit)
        else:
            out = _git(self.top, "diff", "--name-only", "-z", "--no-renames", parents[0], commit)
        return [p for p in out.split("\0") if p]

    def verify_range(self, commits: list[str]) -> list[Verdict]:
        verdicts = [self.verify(c) for c in commits]
        self._covered(verdicts)
        self._superseded(verdicts, commits[-1] if commits else "HEAD")
        return verdicts

    def _covered(self, verdicts: list[Verdict]) -> None:
        # A rebase merge puts every commit of the pull request on main; only the last is
        # the pull request's merge commit, and its verdict covers the others.
        for verdict in verdicts:
            if verdict.ok or verdict.pull is None:
                continue
            for later in verdicts:
                if later.ok and later.pull == verdict.pull and later is not verdict:
                    verdict.ok = True
                    verdict.covered_by = later.commit
                    verdict.provenance = later.provenance
                    verdict.reasons = [
                        f"bagian dari pull request #{later.pull} yang digabung sebagai "
                        f"{later.commit[:12]}"
                    ]

    def _superseded(self, verdicts: list[Verdict], head: str) -> None:
        """A refused commit no longer counts once none of its changes reach `head` unapproved:
        every file it changed is back as it was before it, or was changed again later by an
        approved pull request (whose reviewer saw that file's final content)."""
        changed = {v.commit: set(self.changed_paths(v.commit)) for v in verdicts}
        for index, verdict in enumerate(verdicts):
            if verdict.ok:
                continue
            paths = changed[verdict.commit]
            parent = self.parents(verdict.commit)
            if not parent or not paths:
                continue
            differ = set(
                p
                for p in _git(
                    self.top, "diff", "--name-only", "-z", "--no-renames", parent[0], head,
                    "--", *sorted(paths),
                ).split("\0")
                if p
            )  # fmt: skip
            later = [v for v in verdicts[index + 1 :] if v.ok and v.pull is not None]
            reapproved = set().union(*(changed[v.commit] for v in later)) if later else set()
            if differ <= reapproved:
                verdict.ok = True
                by = sorted({f"#{v.pull}" for v in later if changed[v.commit] & differ})
                verdict.reasons = [
                    "perubahannya sudah dibatalkan"
                    + (
                        f" atau diganti lewat pull request yang disetujui ({', '.join(by)})"
                        if by
                        else ""
                    )
                    + f"; semula: {'; '.join(verdict.reasons)}"
                ]

    def verify(self, commit: str) -> Verdict:
        parents = self.parents(commit)
        paths = self.changed_paths(commit)
        content_paths = [p for p in paths if p.startswith(self.content)]
        verdict = Verdict(commit, ok=False, content=bool(content_paths))
        if not parents:
            verdict.reasons.append("commit awal repositori, tidak lewat pull request")
            return verdict
        pulls = self.github.pulls_of_commit(commit)
        merged = [
            p
            for p in pulls
            if p.merged_at and p.merge_commit_sha == commit and p.base_ref == self.branch
        ]
        if not merged:
            if pulls:
                verdict.pull = pulls[0].number
                verdict.reasons.append(
                    f"commit ini bukan hasil penggabungan pull request #{pulls[0].number} "
                    f"ke {self.branch}"
                )
            else:
                verdict.reasons.append(
                    f"commit ini tidak berasal dari pull request (didorong langsung ke "
                    f"{self.branch}); perubahan harus lewat pull request yang disetujui Ketua"
                )
            return verdict
        pull = merged[0]
        verdict.pull = pull.number
        if len(parents) > 1 and parents[1] != pull.head_sha:
            verdict.reasons.append(
                f"isi commit gabungan tidak sama dengan kepala pull request #{pull.number} "
                f"({pull.head_sha[:12]}) yang ditinjau"
            )
            return verdict
        base = approvers_mod.load(self.top, parents[0], self.prefix + "mkdocs.yml")
        self._judge(verdict, pull, base, content_paths)
        return verdict

    def _judge(
        self,
        verdict: Verdict,
        pull: PullRequest,
        base: approvers_mod.Approvers,
        content_paths: list[str],
    ) -> None:
        reviews = self.github.reviews(pull.number)
        commits = self.github.pull_commits(pull.number)
        authors = writers(pull, commits)
        latest = standing(reviews)
        reasons = verdict.reasons
        returned = [r for r in latest.values() if r.state == "CHANGES_REQUESTED"]
        for review in returned:
            reasons.append(
                f"@{review.reviewer} meminta perubahan (dikembalikan untuk disesuaikan dan "
                "dilengkapi) dan belum mencabutnya"
            )
        approvals = [r for r in latest.values() if r.state == "APPROVED"]
        good: list[Review] = []
        for review in approvals:
            login = review.reviewer
            if login.lower() in authors:
                reasons.append(f"@{login} menyetujui perubahan yang ikut ditulisnya sendiri")
            elif verdict.content and not base.may_approve(login, content_paths):
                reasons.append(
                    f"@{login} menyetujui, tetapi bukan Ketua/Plt./Plh. yang tercatat di "
                    "mkdocs.yml (dip.penyetuju) atau pemilik konten di CODEOWNERS"
                )
            elif not verdict.content and not _may_approve_code(review, base, login):
                reasons.append(f"@{login} menyetujui, tetapi tidak memiliki hak tulis")
            elif review.commit_id != pull.head_sha:
                reasons.append(
                    f"@{login} menyetujui versi {str(review.commit_id)[:12]}, tetapi sesudahnya "
                    f"ada perubahan baru (kepala {pull.head_sha[:12]}); persetujuan harus "
                    "diberikan ulang"
                )
            else:
                good.append(review)
        if not approvals:
            reasons.append(f"pull request #{pull.number} digabung tanpa persetujuan (Approve)")
        if returned or not good:
            return
        chosen = good[-1]
        verdict.ok = True
        verdict.reasons = [
            f"disetujui oleh @{chosen.reviewer} ({base.role(chosen.reviewer)}) "
            f"di pull request #{pull.number}"
        ]
        verdict.provenance = Provenance(
            pengusul=pull.author,
            penyetuju=chosen.reviewer,
            nama_penyetuju=base.name(chosen.reviewer),
            jabatan_penyetuju=base.role(chosen.reviewer),
            disetujui_pada=chosen.submitted_at or "",
            pull_request=pull.number,
            url_pull_request=pull.html_url,
            commit_gabung=verdict.commit,
            digabung_pada=pull.merged_at or "",
        )


def standing(reviews: Iterable[Review]) -> dict[str, Review]:
    """Each reviewer's latest decisive review (comments decide nothing), by login."""
    latest: dict[str, Review] = {}
    for review in reviews:
        if review.state in DECISIVE:
            latest[review.reviewer.lower()] = review
    return latest


def writers(pull: PullRequest, commits: Iterable[PullCommit]) -> set[str]:
    """Everyone who wrote the change: the pull request's author and its commits' authors."""
    found = {pull.author.lower()}
    for commit in commits:
        for login in (commit.author, commit.committer):
            if login and login.lower() != "web-flow":
                found.add(login.lower())
    return found


def _may_approve_code(review: Review, base: approvers_mod.Approvers, login: str) -> bool:
    return login.lower() in base.named or review.association in WRITERS
