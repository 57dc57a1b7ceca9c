"""`dip formulir --keluaran`: the `/admin/` folder published with the site (terbit.yml).

Decap's GitHub sign-in opens `<base_url>/auth` in a pop-up and takes the token only from a
message whose origin is `base_url`, so `--oauth-url` must land in config.yml as an origin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.formulir.command import oauth_origin
from pipeline.project import ConfigError

OAUTH = "https://dip-oauth.contoh.workers.dev"


def write_admin(project: Path, out: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main,
        ["--proyek", str(project), "formulir", "--keluaran", str(out), *args],
        env={"DIP_TODAY": "2026-11-25"},
    )


def backend(out: Path) -> dict[str, Any]:
    data = yaml.safe_load((out / "config.yml").read_text("utf-8"))
    result: dict[str, Any] = data["backend"]
    assert data["publish_mode"] == "editorial_workflow"
    # Only the ketua publishes, by approving and merging the pull request (DESIGN §7).
    assert data["collections"][0]["publish"] is False
    return result


def test_the_oauth_url_is_the_github_backends_base_url(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "admin"
    done = write_admin(project, out, "--repo", "contoh/dip", "--oauth-url", OAUTH + "/")
    assert done.exit_code == 0, done.output
    github = backend(out)
    assert (github["name"], github["repo"], github["branch"]) == ("github", "contoh/dip", "main")
    assert github["base_url"] == OAUTH
    assert "auth_endpoint" not in github  # Decap's default: <base_url>/auth


def test_without_an_oauth_url_there_is_no_base_url(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "admin"
    done = write_admin(project, out, "--repo", "contoh/dip")
    assert done.exit_code == 0, done.output
    assert "base_url" not in backend(out)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "dip-oauth.contoh.workers.dev",
        "http://dip-oauth.contoh.workers.dev",
        "https://contoh.github.io/oauth",
        "https://dip-oauth.contoh.workers.dev/?x=1",
        "https://dip-oauth.contoh.workers.dev/#auth",
        "https://pengguna:sandi@dip-oauth.contoh.workers.dev",
    ],
)
def test_an_oauth_url_that_is_not_an_origin_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="asal"):
        oauth_origin(url)


def test_an_oauth_url_on_this_computer_may_be_http() -> None:
    assert oauth_origin("http://127.0.0.1:8787/") == "http://127.0.0.1:8787"


def test_the_oauth_url_is_refused_where_it_does_nothing(project: Path, tmp_path: Path) -> None:
    done = CliRunner().invoke(
        main, ["--proyek", str(project), "formulir", "--oauth-url", OAUTH, "--port", "0"]
    )
    assert done.exit_code == 2
    assert "--oauth-url hanya berlaku bersama --keluaran" in done.output
    bad = write_admin(project, tmp_path / "admin", "--repo", "contoh/dip", "--oauth-url", "x")
    assert bad.exit_code == 2 and "harus berupa asal" in bad.output
    assert not (tmp_path / "admin").exists()
