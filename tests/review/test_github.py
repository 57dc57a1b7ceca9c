"""The GitHub client against a local server answering like the API, including hostile answers."""

from __future__ import annotations

import pytest

from pipeline.httpjson import Policy
from pipeline.review.github import GitHub, GitHubConfigError, GitHubError

from .fakegithub import FakeGitHub, user

SHA = "a" * 40


def client(fake: FakeGitHub, attempts: int = 5) -> tuple[GitHub, list[float]]:
    slept: list[float] = []
    policy = Policy(attempts=attempts, deadline=60.0)
    return GitHub(fake.state.repo, fake.state.token, fake.url, policy, slept.append), slept


def test_lists_follow_pagination(github_api: FakeGitHub) -> None:
    github_api.state.page_size = 2
    github_api.state.add_pull(3, "petugas", SHA)
    for n in range(5):
        github_api.state.add_review(3, f"peninjau-{n}", "COMMENTED", SHA)
    gh, _ = client(github_api)
    assert [r.reviewer for r in gh.reviews(3)] == [f"peninjau-{n}" for n in range(5)]
    assert github_api.state.requests.count(("GET", f"/repos/{gh.repo}/pulls/3/reviews")) == 3


def test_a_next_page_on_another_host_is_not_followed(github_api: FakeGitHub) -> None:
    github_api.state.overrides[("GET", r".*/pulls/3/reviews")] = (
        200, [], {"Link": '<https://evil.example/steal?page=2>; rel="next"'}
    )  # fmt: skip
    gh, _ = client(github_api)
    with pytest.raises(GitHubError, match="host lain"):
        gh.reviews(3)


def test_rate_limits_are_waited_for_then_reported(github_api: FakeGitHub) -> None:
    github_api.state.overrides[("GET", r".*/pulls/3")] = (
        403,
        {"message": "API rate limit exceeded"},
        {"x-ratelimit-remaining": "0", "Retry-After": "7"},
    )
    gh, slept = client(github_api, attempts=3)
    with pytest.raises(GitHubError, match="batas permintaan API GitHub"):
        gh.pull(3)
    assert len(slept) == 2 and all(s >= 7 for s in slept)


def test_a_body_that_is_not_the_promised_json_is_a_failure(github_api: FakeGitHub) -> None:
    github_api.state.overrides[("GET", r".*/pulls/3")] = (200, {"number": "tiga"}, {})
    gh, _ = client(github_api)
    with pytest.raises(GitHubError, match="'number'"):
        gh.pull(3)


def test_upsert_comment_updates_only_its_own_bot_comment(github_api: FakeGitHub) -> None:
    marker = "<!-- penanda -->"
    # A person quoting the marker must not have their comment overwritten.
    github_api.state.comments[3] = [
        {"id": 77, "body": f"kutipan {marker}", "user": user("petugas"), "html_url": "x"}
    ]
    gh, _ = client(github_api)
    first = gh.upsert_comment(3, marker, f"{marker} satu")
    second = gh.upsert_comment(3, marker, f"{marker} dua")
    assert first == second
    bodies = [c["body"] for c in github_api.state.comments[3]]
    assert bodies == [f"kutipan {marker}", f"{marker} dua"]


def test_configuration_is_checked_before_any_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with pytest.raises(GitHubConfigError, match="PEMILIK/NAMA"):
        GitHub("bukan repo", "t")
    with pytest.raises(GitHubConfigError, match="https://"):
        GitHub("a/b", "t", "http://api.example.com")
    with pytest.raises(GitHubConfigError, match="GITHUB_TOKEN"):
        GitHub.from_env(repo="a/b", token="")
