"""A local HTTP server that answers like the GitHub REST API (2022-11-28).

The response bodies keep the shapes GitHub sends (user objects, `head`/`base`, `_links`,
`author_association`, `Link` pagination headers, error bodies with `message` and
`documentation_url`), recorded from the API reference examples and trimmed of fields
nobody reads. Tests fill `FakeState` with the story they need (pull requests, reviews,
commits, events, deployments) and read back what was written (comments, issues,
branch protection).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

REPO = "disdukcapil-kalbar/dip-ppid"
TOKEN = "ghs_ujiTokenRahasia0123456789"
DOCS = "https://docs.github.com/rest"


def user(login: str) -> dict[str, Any]:
    uid = sum(ord(c) for c in login) * 7919 % 10_000_000
    return {
        "login": login,
        "id": uid,
        "node_id": f"MDQ6VXNlcj{uid}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}?v=4",
        "gravatar_id": "",
        "url": f"https://api.github.com/users/{login}",
        "html_url": f"https://github.com/{login}",
        "type": "Bot" if login.endswith("[bot]") else "User",
        "site_admin": False,
    }


@dataclass
class FakeState:
    repo: str = REPO
    token: str = TOKEN
    page_size: int | None = None  # smaller pages than asked for, to exercise pagination
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    reviews: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    commits: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    events: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    commit_pulls: dict[str, list[int]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    issues: dict[int, dict[str, Any]] = field(default_factory=dict)
    deployments: list[dict[str, Any]] = field(default_factory=list)
    statuses: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    protection: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    # (METHOD, path regex) -> (status, body, headers): answered instead of the normal reply.
    overrides: dict[tuple[str, str], tuple[int, Any, dict[str, str]]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: iter(range(1_000_001, 10**9)))

    def next_id(self) -> int:
        return next(self._ids)

    # -- building the story ----------------------------------------------------------------

    def add_pull(
        self,
        number: int,
        author: str,
        head_sha: str,
        *,
        merge_sha: str | None = None,
        merged_at: str | None = None,
        created_at: str = "2026-11-20T01:00:00Z",
        draft: bool = False,
        title: str = "Tambah item DIP",
        base: str = "main",
    ) -> dict[str, Any]:
        owner, name = self.repo.split("/")
        api = f"https://api.github.com/repos/{self.repo}"
        pull = {
            "url": f"{api}/pulls/{number}",
            "id": 1_000_000 + number,
            "node_id": f"PR_kwDO{number}",
            "html_url": f"https://github.com/{self.repo}/pull/{number}",
            "diff_url": f"https://github.com/{self.repo}/pull/{number}.diff",
            "issue_url": f"{api}/issues/{number}",
            "number": number,
            "state": "closed" if merged_at else "open",
            "locked": False,
            "title": title,
            "user": user(author),
            "body": "Checklist DIP terisi.",
            "labels": [],
            "milestone": None,
            "active_lock_reason": None,
            "created_at": created_at,
            "updated_at": merged_at or created_at,
            "closed_at": merged_at,
            "merged_at": merged_at,
            "merge_commit_sha": merge_sha,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [],
            "requested_teams": [],
            "head": {
                "label": f"{owner}:usulan-{number}",
                "ref": f"usulan-{number}",
                "sha": head_sha,
                "user": user(owner),
                "repo": {"id": 42, "name": name, "full_name": self.repo},
            },
            "base": {
                "label": f"{owner}:{base}",
                "ref": base,
                "sha": "0" * 40,
                "user": user(owner),
                "repo": {"id": 42, "name": name, "full_name": self.repo},
            },
            "_links": {
                "self": {"href": f"{api}/pulls/{number}"},
                "html": {"href": f"https://github.com/{self.repo}/pull/{number}"},
            },
            "author_association": "MEMBER",
            "auto_merge": None,
            "draft": draft,
        }
        self.pulls[number] = pull
        if merge_sha:
            self.commit_pulls.setdefault(merge_sha, []).append(number)
        return pull

    def add_review(
        self,
        number: int,
        reviewer: str,
        state: str,
        commit_id: str,
        submitted_at: str = "2026-11-20T02:00:00Z",
    ) -> dict[str, Any]:
        rid = self.next_id()
        review = {
            "id": rid,
            "node_id": f"PRR_kwDO{rid}",
            "user": user(reviewer),
            "body": "",
            "state": state,
            "html_url": f"https://github.com/{self.repo}/pull/{number}#pullrequestreview-{rid}",
            "pull_request_url": f"https://api.github.com/repos/{self.repo}/pulls/{number}",
            "_links": {
                "html": {"href": f"https://github.com/{self.repo}/pull/{number}"},
                "pull_request": {
                    "href": f"https://api.github.com/repos/{self.repo}/pulls/{number}"
                },
            },
            "submitted_at": submitted_at,
            "commit_id": commit_id,
            "author_association": "MEMBER",
        }
        self.reviews.setdefault(number, []).append(review)
        return review

    def add_commit(
        self, number: int, sha: str, author: str | None, date: str = "2026-11-19T01:00:00Z"
    ) -> None:
        person = {"name": author or "Tanpa Akun", "email": f"{author}@example.go.id", "date": date}
        self.commits.setdefault(number, []).append(
            {
                "sha": sha,
                "node_id": f"C_kwDO{sha[:8]}",
                "commit": {
                    "author": person,
                    "committer": person,
                    "message": "Ubah item DIP",
                    "tree": {"sha": "f" * 40},
                    "comment_count": 0,
                    "verification": {"verified": False, "reason": "unsigned"},
                },
                "url": f"https://api.github.com/repos/{self.repo}/commits/{sha}",
                "html_url": f"https://github.com/{self.repo}/commit/{sha}",
                "author": user(author) if author else None,
                "committer": user(author) if author else None,
                "parents": [],
            }
        )
        self.commit_pulls.setdefault(sha, []).append(number)

    def add_event(
        self,
        number: int,
        event: str,
        created_at: str,
        actor: str = "petugas",
        label: str | None = None,
    ) -> None:
        eid = self.next_id()
        self.events.setdefault(number, []).append(
            {
                "id": eid,
                "node_id": f"E_{eid}",
                "url": f"https://api.github.com/repos/{self.repo}/issues/events/{eid}",
                "actor": user(actor),
                "event": event,
                "commit_id": None,
                "commit_url": None,
                "created_at": created_at,
                "performed_via_github_app": None,
                **({"label": {"name": label, "color": "ededed"}} if label else {}),
            }
        )

    def add_deployment(
        self, sha: str, created_at: str, state: str, status_at: str, env: str = "github-pages"
    ) -> None:
        did = self.next_id()
        self.deployments.append(
            {
                "url": f"https://api.github.com/repos/{self.repo}/deployments/{did}",
                "id": did,
                "node_id": f"DE_{did}",
                "sha": sha,
                "ref": "main",
                "task": "deploy",
                "payload": {},
                "original_environment": env,
                "environment": env,
                "description": None,
                "creator": user("github-actions[bot]"),
                "created_at": created_at,
                "updated_at": status_at,
                "transient_environment": False,
                "production_environment": True,
            }
        )
        self.statuses[did] = [{"id": self.next_id(), "state": state, "created_at": status_at}]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        raw = b"" if body is None else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(raw)))
        self.send_header("X-GitHub-Api-Version-Selected", "2022-11-28")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)

    def _error(self, status: int, message: str) -> None:
        self._send(status, {"message": message, "documentation_url": DOCS, "status": str(status)})

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"null")

    def _page(self, items: list[dict[str, Any]], query: dict[str, list[str]]) -> None:
        state = self.server.state
        size = state.page_size or int(query.get("per_page", ["30"])[0])
        page = int(query.get("page", ["1"])[0])
        chunk = items[(page - 1) * size : page * size]
        headers = {}
        if page * size < len(items):
            parts = urlsplit(self.path)
            rest = {k: v[0] for k, v in query.items() if k != "page"}
            rest["page"] = str(page + 1)
            args = "&".join(f"{k}={v}" for k, v in rest.items())
            host = self.headers.get("Host")
            headers["Link"] = f'<http://{host}{parts.path}?{args}>; rel="next"'
        self._send(200, chunk, headers)

    def _handle(self, method: str) -> None:
        state = self.server.state
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        state.requests.append((method, path))
        if self.headers.get("Authorization") != f"Bearer {state.token}":
            self._error(401, "Bad credentials")
            return
        for (o_method, pattern), (status, body, headers) in state.overrides.items():
            if o_method == method and re.fullmatch(pattern, path):
                self._send(status, body, headers)
                return
        prefix = f"/repos/{state.repo}"
        if not path.startswith(prefix + "/"):
            self._error(404, "Not Found")
            return
        route = path[len(prefix) :]
        with self.server.lock:
            self._route(method, route, query)

    def _route(self, method: str, route: str, query: dict[str, list[str]]) -> None:
        state = self.server.state
        if method == "GET" and (m := re.fullmatch(r"/commits/([0-9a-f]{40})/pulls", route)):
            numbers = state.commit_pulls.get(m[1], [])
            return self._page([state.pulls[n] for n in dict.fromkeys(numbers)], query)
        if method == "GET" and route == "/pulls":
            want = query.get("state", ["open"])[0]
            found = [
                p
                for p in sorted(state.pulls.values(), key=lambda p: p["updated_at"], reverse=True)
                if want == "all" or p["state"] == want
            ]
            return self._page(found, query)
        if method == "GET" and (m := re.fullmatch(r"/pulls/(\d+)", route)):
            if int(m[1]) in state.pulls:
                return self._send(200, state.pulls[int(m[1])])
            return self._error(404, "Not Found")
        for kind, table in (("reviews", state.reviews), ("commits", state.commits)):
            if method == "GET" and (m := re.fullmatch(rf"/pulls/(\d+)/{kind}", route)):
                return self._page(table.get(int(m[1]), []), query)
        if method == "GET" and (m := re.fullmatch(r"/issues/(\d+)/events", route)):
            return self._page(state.events.get(int(m[1]), []), query)
        if m := re.fullmatch(r"/issues/(\d+)/comments", route):
            comments = state.comments.setdefault(int(m[1]), [])
            if method == "GET":
                return self._page(comments, query)
            if method == "POST":
                cid = state.next_id()
                comment = {
                    "id": cid,
                    "html_url": f"https://github.com/{state.repo}/pull/{m[1]}#issuecomment-{cid}",
                    "body": self._body()["body"],
                    "user": user("github-actions[bot]"),
                    "created_at": "2026-11-25T01:00:00Z",
                    "updated_at": "2026-11-25T01:00:00Z",
                }
                comments.append(comment)
                return self._send(201, comment)
        if method == "PATCH" and (m := re.fullmatch(r"/issues/comments/(\d+)", route)):
            for comments in state.comments.values():
                for comment in comments:
                    if comment["id"] == int(m[1]):
                        comment["body"] = self._body()["body"]
                        return self._send(200, comment)
            return self._error(404, "Not Found")
        if route == "/issues" and method == "GET":
            want = query.get("state", ["open"])[0]
            labels = set(filter(None, query.get("labels", [""])[0].split(",")))
            found = [
                i
                for i in state.issues.values()
                if (want == "all" or i["state"] == want)
                and labels <= {label["name"] for label in i["labels"]}
            ]
            return self._page(found, query)
        if route == "/issues" and method == "POST":
            body = self._body()
            number = 500 + len(state.issues)
            issue = {
                "id": state.next_id(),
                "number": number,
                "html_url": f"https://github.com/{state.repo}/issues/{number}",
                "state": "open",
                "title": body["title"],
                "body": body["body"],
                "labels": [{"name": n} for n in body.get("labels", [])],
                "user": user("github-actions[bot]"),
            }
            state.issues[number] = issue
            return self._send(201, issue)
        if method == "PATCH" and (m := re.fullmatch(r"/issues/(\d+)", route)):
            issue = state.issues.get(int(m[1]))
            if issue is None:
                return self._error(404, "Not Found")
            issue.update({k: v for k, v in self._body().items() if k in ("title", "body")})
            return self._send(200, issue)
        if method == "GET" and route == "/deployments":
            sha = query.get("sha", [None])[0]
            env = query.get("environment", [None])[0]
            found = [
                d
                for d in state.deployments
                if (sha is None or d["sha"] == sha) and (env is None or d["environment"] == env)
            ]
            return self._page(found, query)
        if method == "GET" and (m := re.fullmatch(r"/deployments/(\d+)/statuses", route)):
            return self._page(state.statuses.get(int(m[1]), []), query)
        if method == "PUT" and (m := re.fullmatch(r"/branches/([^/]+)/protection", route)):
            state.protection[m[1]] = self._body()
            return self._send(200, {"url": f"https://api.github.com/repos/{state.repo}{route}"})
        return self._error(404, "Not Found")

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_PUT(self) -> None:
        self._handle("PUT")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: FakeState) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        self.lock = threading.Lock()


@dataclass
class FakeGitHub:
    state: FakeState
    url: str

    @property
    def env(self) -> dict[str, str]:
        return {
            "GITHUB_TOKEN": self.state.token,
            "GITHUB_REPOSITORY": self.state.repo,
            "GITHUB_API_URL": self.url,
        }


def start() -> tuple[FakeGitHub, _Server]:
    state = FakeState()
    server = _Server(state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return FakeGitHub(state, f"http://{host!s}:{port}"), server
