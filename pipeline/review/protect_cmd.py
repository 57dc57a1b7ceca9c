"""`dip review lindungi`: the branch-protection settings that make review the approval.

The required status checks are the jobs of `.github/workflows/validasi.yml`, read from
the file, so the settings and the workflow cannot drift apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from ..cli_common import handle_errors, project_config
from ..project import ConfigError
from .github import GitHubError
from .options import branch_option, github_client, repo_option

WORKFLOW = Path(".github/workflows/validasi.yml")


def status_checks(root: Path) -> list[str]:
    """The check names GitHub shows for the pull-request workflow's jobs."""
    path = root / WORKFLOW
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{WORKFLOW} tidak dapat dibaca: {exc}") from None
    jobs = data.get("jobs") if isinstance(data, dict) else None
    if not isinstance(jobs, dict) or not jobs:
        raise ConfigError(f"{WORKFLOW} tidak memuat jobs")
    names = []
    for key, job in jobs.items():
        name = job.get("name") if isinstance(job, dict) else None
        names.append(name if isinstance(name, str) and "${{" not in name else str(key))
    return names


def settings(root: Path) -> dict[str, Any]:
    """The body of PUT /repos/{owner}/{repo}/branches/{branch}/protection."""
    return {
        "required_status_checks": {
            "strict": True,
            "checks": [{"context": name} for name in status_checks(root)],
        },
        "enforce_admins": True,
        "required_pull_request_reviews": {
            "required_approving_review_count": 1,
            "require_code_owner_reviews": True,
            "dismiss_stale_reviews": True,
            "require_last_push_approval": True,
        },
        "restrictions": None,
        "required_linear_history": False,
        "allow_force_pushes": False,
        "allow_deletions": False,
        "required_conversation_resolution": True,
    }


@click.command("lindungi")
@branch_option()
@click.option(
    "--terapkan",
    is_flag=True,
    help="Kirim pengaturan ke GitHub (perlu GITHUB_TOKEN dengan hak admin repositori).",
)
@repo_option()
@click.pass_context
@handle_errors
def lindungi_cmd(ctx: click.Context, branch: str, terapkan: bool, repo: str | None) -> None:
    """Tampilkan pengaturan perlindungan cabang main (JSON untuk API GitHub), atau
    terapkan dengan --terapkan: wajib pull request, wajib disetujui pemilik kode (Ketua),
    persetujuan gugur bila ada perubahan baru, pemeriksaan validasi harus lulus, tanpa
    force push dan tanpa penghapusan cabang, berlaku juga untuk admin."""
    config = project_config(ctx)
    body = settings(config.root)
    click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    if not terapkan:
        return
    github = github_client(repo)
    try:
        github.protect_branch(branch, body)
    except GitHubError as exc:
        click.echo(f"Perlindungan cabang gagal diterapkan: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Perlindungan cabang {branch} diterapkan di {github.repo}.", err=True)
