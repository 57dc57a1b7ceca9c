"""The GitHub REST API, as far as review, SLA and reports need it.

Built on `pipeline.httpjson` (timeouts, bounded retries, no redirects, verified TLS, the
token never shown). Every reply is checked for the fields we use and turned into small
dataclasses; anything else is a `GitHubError` with an Indonesian message. Pagination
follows `Link: rel="next"` only to the same API host, and only up to a page cap.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from ..httpjson import JsonClient, Policy, Reply, ServiceError, check_url, clean_text

API_VERSION = "2022-11-28"
DEFAULT_API = "https://api.github.com"
REPO_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
SHA = re.compile(r"[0-9a-f]{40}")
MAX_PAGES = 100


class GitHubError(ServiceError):
    """A GitHub API call did not give what we need (message in Bahasa Indonesia)."""


class GitHubConfigError(Exception):
    """No token, repository or API address to use (a usage error: exit 2)."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    title: str
    author: str
    state: str  # open | closed
    draft: bool
    created_at: str
    updated_at: str
    merged_at: str | None
    merge_commit_sha: str | None
    head_sha: str
    base_ref: str
    html_url: str


@dataclass(frozen=True)
class Review:
    id: int
    reviewer: str
    state: str  # APPROVED | CHANGES_REQUESTED | COMMENTED | DISMISSED | PENDING
    commit_id: str | None
    submitted_at: str | None
    html_url: str
    association: str  # OWNER | MEMBER | COLLABORATOR | CONTRIBUTOR | NONE ...


@dataclass(frozen=True)
class PullCommit:
    sha: str
    author: str | None  # GitHub login when GitHub knows the e-mail, else None
    committer: str | None
    author_date: str
    committer_date: str


@dataclass(frozen=True)
class Event:
    event: str
    created_at: str
    actor: str | None
    label: str | None = None  # for labeled/unlabeled events


@dataclass(frozen=True)
class Deployment:
    id: int
    sha: str
    environment: str
    created_at: str


@dataclass(frozen=True)
class DeploymentStatus:
    state: str
    created_at: str


def _need(data: Any, kind: type, what: str) -> Any:
    if not isinstance(data, kind):
        raise GitHubError(f"jawaban GitHub untuk {what} tidak sesuai bentuk yang diharapkan")
    return data


def _field(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _kinds(kind)):
        raise GitHubError(
            f"jawaban GitHub untuk {what} tidak memuat '{key}' yang sah "
            f"({clean_text(repr(value), None, 60)})"
        )
    return value


def _kinds(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _login(obj: Any) -> str | None:
    """The login of a user object (null for deleted users or unknown commit e-mails)."""
    if isinstance(obj, dict) and isinstance(obj.get("login"), str) and obj["login"]:
        return str(obj["login"])
    return None


def _is_bot(obj: Any) -> bool:
    """Written by an app (github-actions): a person's comment holding the marker is left."""
    return isinstance(obj, dict) and obj.get("type") == "Bot"


def _sha(value: Any, what: str) -> str:
    if not isinstance(value, str) or not SHA.fullmatch(value):
        raise GitHubError(f"jawaban GitHub untuk {what} memuat SHA commit yang tidak sah")
    return value


def parse_pull(obj: Any) -> PullRequest:
    what = "pull request"
    obj = _need(obj, dict, what)
    number = _field(obj, "number", int, what)
    head = _field(obj, "head", dict, what)
    base = _field(obj, "base", dict, what)
    merge = obj.get("merge_commit_sha")
    return PullRequest(
        number=number,
        title=_field(obj, "title", str, what),
        author=_login(obj.get("user")) or "(akun terhapus)",
        state=_field(obj, "state", str, what),
        draft=obj.get("draft") is True,
        created_at=_field(obj, "created_at", str, what),
        updated_at=obj["updated_at"] if isinstance(obj.get("updated_at"), str) else "",
        merged_at=obj["merged_at"] if isinstance(obj.get("merged_at"), str) else None,
        merge_commit_sha=_sha(merge, what) if merge is not None else None,
        head_sha=_sha(head.get("sha"), what),
        base_ref=_field(base, "ref", str, what),
        html_url=_field(obj, "html_url", str, what),
    )


def _review(obj: Any) -> Review:
    what = "review"
    obj = _need(obj, dict, what)
    commit = obj.get("commit_id")
    return Review(
        id=_field(obj, "id", int, what),
        reviewer=_login(obj.get("user")) or "(akun terhapus)",
        state=_field(obj, "state", str, what),
        commit_id=_sha(commit, what) if commit is not None else None,
        submitted_at=obj["submitted_at"] if isinstance(obj.get("submitted_at"), str) else None,
        html_url=_field(obj, "html_url", str, what),
        association=obj["author_association"]
        if isinstance(obj.get("author_association"), str)
        else "NONE",
    )


def _pull_commit(obj: Any) -> PullCommit:
    what = "commit pull request"
    obj = _need(obj, dict, what)
    commit = _field(obj, "commit", dict, what)
    author = _field(commit, "author", dict, what)
    committer = _field(commit, "committer", dict, what)
    return PullCommit(
        sha=_sha(obj.get("sha"), what),
        author=_login(obj.get("author")),
        committer=_login(obj.get("committer")),
        author_date=_field(author, "date", str, what),
        committer_date=_field(committer, "date", str, what),
    )


class GitHub(JsonClient):
    """One repository on one GitHub (github.com or an Enterprise server)."""

    service = "GitHub"
    token_hint = "GITHUB_TOKEN"
    error_class = GitHubError

    def __init__(
        self,
        repo: str,
        token: str | None,
        api_url: str = DEFAULT_API,
        policy: Policy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(token, None, policy or Policy(deadline=600.0), sleep)
        if not REPO_NAME.fullmatch(repo):
            raise GitHubConfigError(f"nama repositori '{repo}' tidak sah (harus PEMILIK/NAMA)")
        try:
            self.api = check_url(api_url, "API GitHub")
        except ValueError as exc:
            raise GitHubConfigError(str(exc)) from None
        self.repo = repo
        owner, name = repo.split("/")
        self._prefix = f"{self.api}/repos/{quote(owner)}/{quote(name)}"

    @classmethod
    def from_env(
        cls, repo: str | None = None, api_url: str | None = None, token: str | None = None
    ) -> GitHub:
        token = token or os.environ.get("GITHUB_TOKEN", "")
        repo = repo or os.environ.get("GITHUB_REPOSITORY", "")
        api_url = api_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API
        if not token:
            raise GitHubConfigError(
                "GITHUB_TOKEN belum diisi: di GitHub Actions berikan "
                "`env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`; di komputer sendiri pakai "
                "token pribadi dengan akses baca pull request"
            )
        if not repo:
            raise GitHubConfigError(
                "repositori GitHub tidak diketahui: isi GITHUB_REPOSITORY=PEMILIK/NAMA "
                "atau pakai --repo PEMILIK/NAMA"
            )
        return cls(repo, token, api_url)

    def _headers(self) -> dict[str, str]:
        headers = super()._headers()
        headers["Accept"] = "application/vnd.github+json"
        headers["X-GitHub-Api-Version"] = API_VERSION
        return headers

    def _status_error(self, what: str, reply: Reply) -> ServiceError:
        error = super()._status_error(what, reply)
        # GitHub's rate limits answer 403 (or 429) with Retry-After or an exhausted quota.
        limited = reply.headers.get("x-ratelimit-remaining") == "0" or "Retry-After" in (
            reply.headers
        )
        if reply.status in (403, 429) and limited:
            return GitHubError(
                f"{what}: batas permintaan API GitHub tercapai{self._message(reply)}",
                retryable=True,
                status=reply.status,
            )
        if reply.status == 404:
            return GitHubError(
                f"{what}: tidak ditemukan di {self.repo} (HTTP 404; periksa nama repositori "
                "dan hak akses token)",
                status=404,
            )
        return error

    # -- plumbing ------------------------------------------------------------------------

    def _url(self, path: str, params: dict[str, Any] | None = None) -> str:
        url = f"{self._prefix}{path}"
        return f"{url}?{urlencode(params)}" if params else url

    def _json(self, method: str, path: str, what: str, ok: set[int], body: Any = None) -> Any:
        raw = None
        headers = None
        if body is not None:
            encoded = json.dumps(body, ensure_ascii=False).encode("utf-8")
            raw = lambda: encoded  # noqa: E731
            headers = {"Content-Type": "application/json"}
        reply = self._request(method, self._url(path), what, ok, raw, headers)
        if reply.status == 204:
            return None
        data = reply.json()
        if data is None:
            raise self._unexpected(reply, what)
        return data

    def get(self, path: str, what: str) -> Any:
        return self._json("GET", path, what, {200})

    def pages(
        self, path: str, what: str, params: dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every element of a paginated list, page by page (100 per page)."""
        url: str | None = self._url(path, {"per_page": 100, **(params or {})})
        origin = urlsplit(self.api)
        for _ in range(MAX_PAGES):
            if url is None:
                return
            reply = self._request("GET", url, what, {200}, cap=self.policy.max_list_bytes)
            data = reply.json()
            if not isinstance(data, list):
                raise self._unexpected(reply, what)
            for entry in data:
                yield _need(entry, dict, what)
            url = _next_link(reply.headers.get("Link", ""))
            if url is not None:
                parts = urlsplit(url)
                if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                    raise GitHubError(
                        f"GitHub menunjuk halaman berikut {what} ke host lain "
                        f"({clean_text(parts.netloc, self._token, 80)}); tidak diikuti"
                    )
        raise GitHubError(f"{what}: lebih dari {MAX_PAGES} halaman; dihentikan")

    # -- pull requests and reviews ---------------------------------------------------------

    def pulls_of_commit(self, sha: str) -> list[PullRequest]:
        what = f"pull request dari commit {sha[:12]}"
        return [parse_pull(p) for p in self.pages(f"/commits/{sha}/pulls", what)]

    def pull(self, number: int) -> PullRequest:
        return parse_pull(self.get(f"/pulls/{number}", f"pull request #{number}"))

    def pulls(self, state: str = "closed", base: str | None = None) -> Iterator[PullRequest]:
        """Pull requests, most recently updated first."""
        params: dict[str, Any] = {"state": state, "sort": "updated", "direction": "desc"}
        if base:
            params["base"] = base
        for entry in self.pages("/pulls", "daftar pull request", params):
            yield parse_pull(entry)

    def reviews(self, number: int) -> list[Review]:
        what = f"review pull request #{number}"
        return [_review(r) for r in self.pages(f"/pulls/{number}/reviews", what)]

    def pull_commits(self, number: int) -> list[PullCommit]:
        what = f"commit pull request #{number}"
        return [_pull_commit(c) for c in self.pages(f"/pulls/{number}/commits", what)]

    def events(self, number: int) -> list[Event]:
        """The issue events of a pull request (ready_for_review, review_requested, ...)."""
        what = f"peristiwa pull request #{number}"
        found = []
        for entry in self.pages(f"/issues/{number}/events", what):
            if isinstance(entry.get("event"), str) and isinstance(entry.get("created_at"), str):
                label = entry.get("label")
                name = label.get("name") if isinstance(label, dict) else None
                found.append(
                    Event(
                        entry["event"],
                        entry["created_at"],
                        _login(entry.get("actor")),
                        name if isinstance(name, str) else None,
                    )
                )
        return found

    # -- deployments ---------------------------------------------------------------------

    def deployments(self, sha: str, environment: str) -> list[Deployment]:
        what = f"deployment {sha[:12]}"
        found = []
        for entry in self.pages("/deployments", what, {"sha": sha, "environment": environment}):
            found.append(
                Deployment(
                    id=_field(entry, "id", int, what),
                    sha=_sha(entry.get("sha"), what),
                    environment=_field(entry, "environment", str, what),
                    created_at=_field(entry, "created_at", str, what),
                )
            )
        return found

    def deployment_statuses(self, deployment_id: int) -> list[DeploymentStatus]:
        what = f"status deployment {deployment_id}"
        return [
            DeploymentStatus(_field(s, "state", str, what), _field(s, "created_at", str, what))
            for s in self.pages(f"/deployments/{deployment_id}/statuses", what)
        ]

    # -- comments, issues, branch protection ----------------------------------------------

    def upsert_comment(self, number: int, marker: str, body: str) -> str:
        """Update the one comment holding `marker` on issue/PR `number`, or create it."""
        what = f"komentar pull request #{number}"
        mine = [
            c
            for c in self.pages(f"/issues/{number}/comments", what)
            if isinstance(c.get("body"), str) and marker in c["body"] and _is_bot(c.get("user"))
        ]
        if mine:
            comment_id = _field(mine[-1], "id", int, what)
            data = self._json(
                "PATCH", f"/issues/comments/{comment_id}", what, {200}, {"body": body}
            )
        else:
            data = self._json("POST", f"/issues/{number}/comments", what, {201}, {"body": body})
        return str(_field(_need(data, dict, what), "html_url", str, what))

    def bot_issue(self, marker: str, labels: list[str]) -> dict[str, Any] | None:
        """The open issue the bot wrote holding `marker`, if there is one."""
        what = "issue laporan terjadwal"
        for issue in self.pages("/issues", what, {"state": "open", "labels": ",".join(labels)}):
            if (
                "pull_request" not in issue
                and isinstance(issue.get("body"), str)
                and marker in issue["body"]
                and _is_bot(issue.get("user"))
            ):
                return issue
        return None

    def upsert_issue(
        self, marker: str, title: str, body: str, labels: list[str], create: bool = True
    ) -> str | None:
        """Update the one open issue holding `marker`, or open it (unless `create` is
        false); returns its address, None when nothing was written."""
        what = "issue laporan terjadwal"
        mine = self.bot_issue(marker, labels)
        payload = {"title": title, "body": body}
        if mine is not None:
            number = _field(mine, "number", int, what)
            data = self._json("PATCH", f"/issues/{number}", what, {200}, payload)
        elif create:
            data = self._json("POST", "/issues", what, {201}, {**payload, "labels": labels})
        else:
            return None
        return str(_field(_need(data, dict, what), "html_url", str, what))

    def protect_branch(self, branch: str, settings: dict[str, Any]) -> None:
        what = f"perlindungan cabang {branch}"
        self._json("PUT", f"/branches/{quote(branch, safe='')}/protection", what, {200}, settings)


def _next_link(header: str) -> str | None:
    for part in header.split(","):
        section = part.split(";")
        if len(section) < 2:
            continue
        url = section[0].strip()
        if (
            url.startswith("<")
            and url.endswith(">")
            and any(s.strip() == 'rel="next"' for s in section[1:])
        ):
            return url[1:-1]
    return None
