"""`dip review`: the ketua's approval, proven through the GitHub API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import ClassVar

import click

from ..cli import LazyGroup
from ..cli_common import handle_errors, project_config
from ..httpjson import clean_text
from ..project import ConfigError
from .approvers import ApproverError
from .github import GitHubError
from .options import branch_option, github_client, repo_option
from .provenance import ProvenanceError, record
from .verify import Verdict, Verifier, VerifyError, commits_to_verify, last_published


class ReviewGroup(LazyGroup):
    lazy: ClassVar[dict[str, str]] = {
        "komentar": "pipeline.review.comment_cmd:komentar_cmd",
        "lindungi": "pipeline.review.protect_cmd:lindungi_cmd",
    }


@click.group(
    "review",
    cls=ReviewGroup,
    options_metavar="[OPSI]",
    subcommand_metavar="PERINTAH [ARGUMEN]...",
)
def review_cmd() -> None:
    """Persetujuan Ketua PPID lewat review pull request di GitHub: periksa bukti
    persetujuan, tulis komentar untuk Ketua, dan pasang perlindungan cabang."""


@review_cmd.command("verify")
@click.option(
    "--commit", "commit", metavar="REF", default="HEAD", show_default=True,
    help="Commit di main yang akan diterbitkan.",
)  # fmt: skip
@click.option(
    "--sejak",
    "since",
    metavar="REF",
    help="Periksa juga setiap commit main sesudah REF (misalnya commit terbitan sebelumnya).",
)
@click.option(
    "--sejak-terbit",
    "since_published",
    is_flag=True,
    help="Mulai dari commit terakhir yang tercatat lengkap di jurnal Sikedip (bila ada; "
    "bila belum ada, dari --sejak).",
)
@branch_option()
@click.option(
    "--catat",
    is_flag=True,
    help="Tulis asal-usul (pengusul, penyetuju, PR) di git notes refs/notes/dip-review.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="Bentuk laporan: text, json, atau github (anotasi + ringkasan job).",
)
@repo_option()
@click.pass_context
@handle_errors
def verify_cmd(
    ctx: click.Context,
    commit: str,
    since: str | None,
    since_published: bool,
    branch: str,
    catat: bool,
    fmt: str,
    repo: str | None,
) -> None:
    """Putuskan apakah isi commit di main boleh diterbitkan: berasal dari pull request
    yang disetujui Ketua atau Plt./Plh. (bukan penulisnya sendiri) pada versi terakhir
    yang digabung, tanpa permintaan perbaikan yang tersisa.

    Kode keluar 0 bila semua boleh terbit, 1 bila ada yang tidak (atau persetujuan tidak
    dapat dibuktikan), 2 bila perintah atau konfigurasi salah.
    """
    config = project_config(ctx)
    github = github_client(repo)
    try:
        if since_published:
            since = last_published(config.root, commit) or since
        commits = commits_to_verify(config.root, commit, since)
        verifier = Verifier(config.root, config.content_dir, github, branch)
        verdicts = verifier.verify_range(commits)
    except VerifyError as exc:
        raise ConfigError(str(exc)) from None
    except ApproverError as exc:
        raise ConfigError(str(exc)) from None
    except GitHubError as exc:
        click.echo(f"Persetujuan tidak dapat dibuktikan, tidak diterbitkan: {exc}", err=True)
        sys.exit(1)
    written = 0
    if catat:
        try:
            approved = [(v.commit, v.provenance) for v in verdicts if v.ok and v.provenance]
            written = record(config.root, approved)
        except ProvenanceError as exc:
            click.echo(f"Kesalahan: {exc}", err=True)
            sys.exit(1)
    _report(verdicts, fmt, written if catat else None)
    sys.exit(0 if all(v.ok for v in verdicts) else 1)


def _lines(verdict: Verdict) -> list[str]:
    short = verdict.commit[:12]
    head = f"✓ {short} boleh terbit" if verdict.ok else f"✗ {short} TIDAK boleh terbit"
    return [head, *(f"    - {clean_text(r, None)}" for r in verdict.reasons)]


def _report(verdicts: list[Verdict], fmt: str, written: int | None) -> None:
    bad = [v for v in verdicts if not v.ok]
    if fmt == "json":
        body = {"boleh_terbit": not bad, "commit": [v.to_json() for v in verdicts]}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    lines = [line for v in verdicts for line in _lines(v)]
    if bad:
        summary = f"{len(bad)} dari {len(verdicts)} commit tidak boleh diterbitkan."
    else:
        summary = f"Semua {len(verdicts)} commit boleh diterbitkan."
    if written is not None:
        summary += f" Asal-usul dicatat untuk {written} commit (git notes refs/notes/dip-review)."
    if fmt == "github":
        for verdict in bad:
            text = "; ".join(verdict.reasons).replace("%", "%25").replace("\n", " ")
            click.echo(f"::error title=Persetujuan {verdict.commit[:12]}::{text}")
        _step_summary(["## Bukti persetujuan Ketua", "", summary, "", "```", *lines, "```", ""])
    click.echo("\n".join([*lines, summary]))


def _step_summary(lines: list[str]) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with Path(path).open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
