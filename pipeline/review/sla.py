"""How long each step of the SOP took, per pull request merged into `main` (DESIGN §1, §7).

The SOP's three steps and their limits, measured from what GitHub and git recorded:

1. pengumpulan (7 days): the pull request's first commit (earliest author date) until it
   was ready for review (its first `ready_for_review` event when it was opened as a draft,
   else when it was opened);
2. persetujuan (60 minutes): from the later of "ready for review" and the last push (the
   latest committer date of its commits) until the approving review: an APPROVED review
   at the merged head, by someone who did not write the change, still standing;
3. penerbitan (30 minutes): from the merge until the site is deployed (the earliest
   successful `github-pages` deployment of the merge commit or a later first-parent commit
   of `main`) *and* Sikedip confirmed it (the earliest complete push in the journal of a
   commit that contains the merge, finished after it).

A step whose data is missing is "tidak terukur", with the reason, and never counts as
within its limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..sikedip import journal
from .github import GitHub, PullCommit, PullRequest, Review
from .sla_sources import Deployments, History, approvers_of, parse_time, sikedip_confirmed
from .verify import Verifier, VerifyError, standing, writers

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
COLLECT, APPROVE, PUBLISH = "pengumpulan", "persetujuan", "penerbitan"
LIMITS = {
    COLLECT: dt.timedelta(days=7),
    APPROVE: dt.timedelta(minutes=60),
    PUBLISH: dt.timedelta(minutes=30),
}
LIMIT_LABELS = {COLLECT: "7 hari", APPROVE: "60 menit", PUBLISH: "30 menit"}
WITHIN, OVER, UNMEASURED = "dalam_batas", "lewat_batas", "tidak_terukur"


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 WIB (Pontianak) of `day`, the Dinas' own calendar day."""
    return dt.datetime.combine(day, dt.time(), WIB).astimezone(dt.UTC)


@dataclass(frozen=True)
class Step:
    name: str
    start: dt.datetime | None
    end: dt.datetime | None
    missing: str | None = None  # why it cannot be measured (Bahasa Indonesia)

    @property
    def limit(self) -> dt.timedelta:
        return LIMITS[self.name]

    @property
    def duration(self) -> dt.timedelta | None:
        if self.missing is not None or self.start is None or self.end is None:
            return None
        # Clock skew between a laptop's commit dates and GitHub: never below zero.
        return max(dt.timedelta(0), self.end - self.start)

    @property
    def status(self) -> str:
        took = self.duration
        if took is None:
            return UNMEASURED
        return WITHIN if took <= self.limit else OVER

    @property
    def excess(self) -> dt.timedelta | None:
        took = self.duration
        return took - self.limit if took is not None and took > self.limit else None


@dataclass(frozen=True)
class PullTiming:
    number: int
    title: str
    author: str
    url: str
    merge_sha: str | None
    created_at: dt.datetime | None
    merged_at: dt.datetime
    first_commit: dt.datetime | None
    ready_at: dt.datetime | None
    last_push: dt.datetime | None
    asked_at: dt.datetime | None  # start of the approval step
    approved_at: dt.datetime | None
    approver: str | None
    site_at: dt.datetime | None
    sikedip_at: dt.datetime | None
    steps: tuple[Step, Step, Step]


@dataclass
class SlaReport:
    since: dt.date
    until: dt.date
    branch: str
    pulls: list[PullTiming] = field(default_factory=list)


# -- what GitHub says ---------------------------------------------------------------------


def merged_pulls(gh: GitHub, since: dt.datetime, branch: str) -> list[PullRequest]:
    """Pull requests merged into `branch` at or after `since`, oldest merge first.

    The list is read most recently updated first and stops at the first one updated
    before `since`: a pull request is updated when it is merged, so none after it can
    have been merged later.
    """
    found: list[PullRequest] = []
    for pull in gh.pulls(state="closed", base=branch):
        updated = parse_time(pull.updated_at)
        if updated is not None and updated < since:
            break
        merged = parse_time(pull.merged_at)
        if merged is None or merged < since or pull.base_ref != branch:
            continue
        found.append(pull)
    found.sort(key=lambda p: (parse_time(p.merged_at) or since, p.number))
    return found


# The staff form (Decap CMS) opens the pull request at the first save and marks the SOP's
# steps with labels: "Diajukan ke Ketua" is when the ketua is asked.
DECAP_DRAFT, DECAP_READY = "decap-cms/draft", "decap-cms/pending_review"


def _mark(event: Any) -> str | None:
    if event.event in ("ready_for_review", "convert_to_draft"):
        return str(event.event)
    label = getattr(event, "label", None)
    if event.event == "labeled" and label == DECAP_READY:
        return "ready_for_review"
    if event.event == "labeled" and label == DECAP_DRAFT:
        return "form_draft"
    return None


def ready_times(
    pull: PullRequest, events: Iterable[Any]
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the pull request was first ready for review, and when it last became ready.

    Opened as a draft, it became ready at its first `ready_for_review`; opened ready (its
    first draft-related event, if any, is `convert_to_draft`), it was ready when opened.
    Turned back into a draft and ready again, the ketua is asked anew from the last
    `ready_for_review`: nobody approves a draft. A pull request from the staff form is a
    draft until labelled `decap-cms/pending_review` ("Diajukan ke Ketua").
    """
    marks = sorted(
        (when, mark)
        for e in events
        if (mark := _mark(e)) is not None and (when := parse_time(e.created_at)) is not None
    )
    readies = [when for when, mark in marks if mark == "ready_for_review"]
    if marks and marks[0][1] == "ready_for_review":
        first: dt.datetime | None = marks[0][0]
    elif (not marks and pull.draft) or (marks and marks[0][1] == "form_draft"):
        first = readies[0] if readies else None
    else:
        first = parse_time(pull.created_at)
    last = max([*readies, first]) if first is not None else None
    return first, last


def approving_review(
    pull: PullRequest,
    reviews: Iterable[Review],
    commits: Iterable[PullCommit],
    may_approve: Callable[[Review], bool] | None = None,
) -> Review | None:
    """The earliest standing approval at the merged head by someone who did not write it
    and (when known) may approve it.

    As in `verify`, each reviewer's latest decisive review is the one that stands, so an
    approval followed by "request changes" or a dismissal does not count.
    """
    authors = writers(pull, commits)
    good = [
        r
        for r in standing(reviews).values()
        if r.state == "APPROVED"
        and r.commit_id == pull.head_sha
        and r.reviewer.lower() not in authors
        and (may_approve is None or may_approve(r))
        and parse_time(r.submitted_at) is not None
    ]
    good.sort(key=lambda r: (parse_time(r.submitted_at), r.id))
    return good[0] if good else None


# -- putting it together ------------------------------------------------------------------


def measure(
    gh: GitHub,
    root: Path,
    since: dt.date,
    until: dt.date,
    branch: str = "main",
    content_dir: str = "content/dip",
) -> SlaReport:
    """The report for pull requests merged into `branch` since 00:00 WIB of `since`."""
    start = start_of_day(since)
    report = SlaReport(since, until, branch)
    pulls = merged_pulls(gh, start, branch)
    if not pulls:
        return report
    deployments = Deployments(gh, start)
    history = History(root, branch)
    try:
        verifier: Verifier | None = Verifier(root, content_dir, gh, branch)
    except VerifyError:
        verifier = None  # not a git clone: approvers cannot be read
    try:
        entries = journal.read(root)
    except journal.JournalError:
        entries = []
    for pull in pulls:
        may_approve = approvers_of(verifier, pull.merge_commit_sha)
        report.pulls.append(_timing(gh, pull, deployments, history, entries, may_approve))
    return report


def _timing(
    gh: GitHub,
    pull: PullRequest,
    deployments: Deployments,
    history: History,
    entries: list[dict[str, Any]],
    may_approve: Callable[[Review], bool] | None,
) -> PullTiming:
    merged = parse_time(pull.merged_at)
    assert merged is not None  # merged_pulls keeps merged ones only
    commits = gh.pull_commits(pull.number)
    events = gh.events(pull.number)
    reviews = gh.reviews(pull.number)

    authored = [t for c in commits if (t := parse_time(c.author_date)) is not None]
    committed = [t for c in commits if (t := parse_time(c.committer_date)) is not None]
    first_commit = min(authored) if authored else None
    last_push = max(committed) if committed else None
    ready, ready_again = ready_times(pull, events)
    collect = Step(
        COLLECT,
        first_commit,
        ready,
        _missing((first_commit, "tanpa data commit"), (ready, "tanpa waktu siap ditinjau")),
    )

    approval = approving_review(pull, reviews, commits, may_approve)
    approved = parse_time(approval.submitted_at) if approval else None
    asked = max((t for t in (ready_again, last_push) if t is not None), default=None)
    approve = Step(
        APPROVE,
        asked,
        approved,
        _missing((approved, "belum disetujui"), (asked, "tanpa waktu siap ditinjau")),
    )

    site = sikedip = None
    if pull.merge_commit_sha:
        site = deployments.earliest(history.at_or_after(pull.merge_commit_sha), merged)
        sikedip = sikedip_confirmed(entries, history, pull.merge_commit_sha, merged)
    if site is not None and sikedip is not None:
        publish = Step(PUBLISH, merged, max(site, sikedip))
    else:
        publish = Step(PUBLISH, merged, None, _unpublished(site, sikedip, deployments, entries))

    return PullTiming(
        number=pull.number,
        title=pull.title,
        author=pull.author,
        url=pull.html_url,
        merge_sha=pull.merge_commit_sha,
        created_at=parse_time(pull.created_at),
        merged_at=merged,
        first_commit=first_commit,
        ready_at=ready,
        last_push=last_push,
        asked_at=asked,
        approved_at=approved,
        approver=approval.reviewer if approval else None,
        site_at=site,
        sikedip_at=sikedip,
        steps=(collect, approve, publish),
    )


def _missing(*checks: tuple[object, str]) -> str | None:
    """The reason of the first missing value, None when all are there."""
    return next((reason for value, reason in checks if value is None), None)


def _unpublished(
    site: dt.datetime | None,
    sikedip: dt.datetime | None,
    deployments: Deployments,
    entries: list[dict[str, Any]],
) -> str:
    parts = []
    if site is None:
        parts.append("tanpa data deployment" if not deployments.known else "situs belum terpasang")
    if sikedip is None:
        parts.append("tanpa jurnal Sikedip" if not entries else "Sikedip belum mengonfirmasi")
    return "belum diterbitkan (" + "; ".join(parts) + ")"
