"""Where the SLA report's times come from besides pull requests: GitHub deployments of
the site, the first-parent history of the branch in the local clone, the Sikedip journal,
and who may approve a change (the rules of `verify`)."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import approvers as approvers_mod
from .github import GitHub, Review
from .verify import WRITERS, Verifier, VerifyError, resolve

PAGES_ENVIRONMENT = "github-pages"


def parse_time(text: object) -> dt.datetime | None:
    """An ISO 8601 time with a zone (GitHub's `…Z`, the journal's `…+00:00`), else None."""
    if not isinstance(text, str):
        return None
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.astimezone(dt.UTC) if when.tzinfo is not None else None


class Deployments:
    """Successful `github-pages` deployments by commit, read once for the whole report."""

    def __init__(self, gh: GitHub, since: dt.datetime) -> None:
        self.gh = gh
        self.by_sha: dict[str, list[int]] = {}
        what = f"deployment {PAGES_ENVIRONMENT}"
        params = {"environment": PAGES_ENVIRONMENT}
        for entry in gh.pages("/deployments", what, params):
            created = parse_time(entry.get("created_at"))
            sha, did = entry.get("sha"), entry.get("id")
            if created is None or created < since or not isinstance(sha, str):
                continue
            if isinstance(did, int) and not isinstance(did, bool):
                self.by_sha.setdefault(sha, []).append(did)
        self._success: dict[int, dt.datetime | None] = {}

    @property
    def known(self) -> bool:
        """Whether the site is deployed through GitHub deployments at all."""
        return bool(self.by_sha)

    def success(self, deployment_id: int) -> dt.datetime | None:
        if deployment_id not in self._success:
            times = [
                when
                for s in self.gh.deployment_statuses(deployment_id)
                if s.state == "success" and (when := parse_time(s.created_at)) is not None
            ]
            self._success[deployment_id] = min(times) if times else None
        return self._success[deployment_id]

    def earliest(self, shas: Iterable[str], after: dt.datetime) -> dt.datetime | None:
        times = [
            when
            for sha in shas
            for did in self.by_sha.get(sha, ())
            if (when := self.success(did)) is not None and when >= after
        ]
        return min(times) if times else None


class History:
    """The first-parent chain of the branch in the local clone, newest first: of
    `origin/<branch>` when fetched, else of `<branch>`, else of HEAD."""

    def __init__(self, root: Path, branch: str) -> None:
        self.root = root
        out = None
        for ref in (f"refs/remotes/origin/{branch}", f"refs/heads/{branch}", "HEAD"):
            out = _git(root, "rev-list", "--first-parent", ref, "--")
            if out is not None:
                break
        self.chain = out.split() if out is not None else []
        self.position = {sha: n for n, sha in enumerate(self.chain)}

    def at_or_after(self, sha: str) -> list[str]:
        """The commit and every later first-parent commit of `main` (it alone if unknown)."""
        n = self.position.get(sha)
        return [sha] if n is None else self.chain[: n + 1]

    def contains(self, later: str, sha: str) -> bool:
        """Whether commit `later` has `sha` in its history."""
        if later == sha:
            return True
        a, b = self.position.get(later), self.position.get(sha)
        if a is not None and b is not None:
            return a <= b
        return _git(self.root, "merge-base", "--is-ancestor", sha, later) is not None


def _git(root: Path, *args: str) -> str | None:
    """Output of a git command, None when it fails (not a clone, unknown commit)."""
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else None


def sikedip_confirmed(
    entries: Iterable[dict[str, Any]], history: History, merge: str, after: dt.datetime
) -> dt.datetime | None:
    """The earliest complete push of a commit containing `merge`, finished after `after`."""
    times = []
    for entry in entries:
        finished = parse_time(entry.get("finished"))
        commit = entry.get("commit")
        if (
            entry.get("complete") is True
            and finished is not None
            and finished >= after
            and isinstance(commit, str)
            and history.contains(commit, merge)
        ):
            times.append(finished)
    return min(times) if times else None


def approvers_of(verifier: Verifier | None, merge: str | None) -> Callable[[Review], bool] | None:
    """Whose approval counts for the merge, as `verify` decides it: for content, the ketua
    and deputies named in mkdocs.yml or CODEOWNERS as they stood before the merge; for
    code, anyone named there or with write access. None when git cannot tell (the merge
    is not in the local clone): then any reviewer who did not write the change counts."""
    if verifier is None or merge is None:
        return None
    try:
        parent = resolve(verifier.top, f"{merge}^1")
        paths = verifier.changed_paths(merge)
        base = approvers_mod.load(verifier.top, parent, verifier.prefix + "mkdocs.yml")
    except (VerifyError, approvers_mod.ApproverError):
        return None
    content = [p for p in paths if p.startswith(verifier.content)]
    if content:
        return lambda review: base.may_approve(review.reviewer, content)
    return lambda review: review.reviewer.lower() in base.named or review.association in WRITERS
