"""`dip bench --tahap review`: what approval adds on top of a large repository.

A history of merged pull requests (one item each, with provenance notes as
`dip review verify --catat` writes them) is added to the generated project, then timed:
finding each item's provenance (done by every site build and push), and the ketua's
comment for one changed item and for many.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click

from ..review.provenance import Provenance, record

MERGES = 100


def _git(project: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "PATH": "/usr/bin:/bin",
        "HOME": str(project),
    }
    return subprocess.run(
        ["git", *args], cwd=project, check=True, env=env, capture_output=True, text=True
    ).stdout.strip()


def make_history(project: Path, merges: int) -> None:
    """`merges` merge commits on main, each bringing one changed item, each with a note."""
    items = sorted((project / "content" / "dip").iterdir())
    step = max(1, len(items) // merges)
    approved: list[tuple[str, Provenance]] = []
    for n in range(merges):
        before = _git(project, "rev-parse", "HEAD")
        path = items[(n * step) % len(items)] / "item.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"# perubahan {n}\n", "utf-8")
        _git(project, "commit", "-qam", f"Perbarui {path.parent.name}")
        head = _git(project, "rev-parse", "HEAD")
        merge = _git(
            project, "commit-tree", f"{head}^{{tree}}", "-p", before, "-p", head,
            "-m", f"Merge pull request #{n + 1}",
        )  # fmt: skip
        _git(project, "update-ref", "refs/heads/main", merge)
        approved.append(
            (
                merge,
                Provenance(
                    pengusul="petugas",
                    penyetuju="ketua",
                    nama_penyetuju="Ketua",
                    jabatan_penyetuju="Ketua PPID Pembantu",
                    disetujui_pada="2026-11-20T02:00:00Z",
                    pull_request=n + 1,
                    url_pull_request=f"https://github.com/o/r/pull/{n + 1}",
                    commit_gabung=merge,
                    digabung_pada="2026-11-20T03:00:00Z",
                ),
            )
        )
    record(project, approved)


def review_stage(project: Path, run: Callable[[str, list[str]], None]) -> None:
    """Rows (timed by `run`): provenance lookup, the comment for 1 and for many items."""
    make_history(project, MERGES)
    lookup = (
        "from pathlib import Path; from pipeline.review.provenance import per_item; "
        f"print(len(per_item(Path({str(project)!r}), 'content/dip')))"
    )
    run("asal-usul per item (situs, push)", [sys.executable, "-c", lookup])
    dip = [sys.executable, "-m", "pipeline", "--proyek", str(project)]
    run("komentar Ketua (1 item berubah)", [*dip, "review", "komentar", "--dasar", "HEAD^1"])
    run(
        f"komentar Ketua ({MERGES} item berubah)",
        [*dip, "review", "komentar", "--dasar", f"HEAD~{MERGES}"],
    )
    click.echo(f"  (riwayat: {MERGES} pull request digabung, masing-masing dengan catatan)")
