"""`dip bench`: build a generated project and time the pipeline's stages on it.

Benchmarks are not tests: they print figures to quote, and never fail on time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from ..cli_common import handle_errors
from .generate import generate

STAGES = ("check",)


def _run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB (largest process) and exit code of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


@click.command("bench")
@click.option(
    "--items",
    "count",
    metavar="N",
    type=click.IntRange(1, 200_000),
    default=1000,
    show_default=True,
    help="Jumlah item buatan.",
)
@click.option(
    "--tahap",
    "stages",
    multiple=True,
    type=click.Choice(STAGES),
    help="Tahap yang diukur (boleh berulang). Bawaan: semua.",
)
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Simpan proyek buatan di folder ini (bawaan: folder sementara, dihapus).",
)
@handle_errors
def bench_cmd(count: int, stages: tuple[str, ...], folder: Path | None) -> None:
    """Ukur kecepatan alur pada N item buatan yang sama setiap kali (deterministik)."""
    stages = stages or STAGES
    work = Path(tempfile.mkdtemp(prefix="dip-bench-")) if folder is None else folder
    project = work / "proyek" if folder is None else folder
    if project.exists() and any(project.iterdir()):
        raise click.UsageError(f"folder {project} sudah berisi berkas")
    try:
        t0 = time.perf_counter()
        generate(project, count)
        _git(project, "init", "-q", "-b", "main")
        _git(project, "add", "-A")
        _git(project, "commit", "-q", "-m", "bench: item buatan")
        click.echo(
            f"Proyek buatan: {count} item, dibuat dalam "
            f"{time.perf_counter() - t0:.1f} s ({project})"
        )
        dip = [sys.executable, "-m", "pipeline", "--proyek", str(project)]
        env_note = f"{os.cpu_count()} inti"
        click.echo(f"Mesin: {env_note}, Python {sys.version.split()[0]}")
        click.echo(f"{'tahap':<34}{'waktu':>10}{'RSS puncak':>14}{'kode':>6}")
        if "check" in stages:
            rows = [("check (semua, pertama)", [*dip, "check", "--format", "json"])]
            rows.append(("check (semua, diulang)", [*dip, "check", "--format", "json"]))
            rows.append(
                ("check (semua, 1 proses)", [*dip, "check", "--format", "json", "--jobs", "1"])
            )
            for label, args in rows:
                wall, rss, code = _run(args, project)
                click.echo(f"{label:<34}{wall:>9.2f}s{rss:>11.0f} MB{code:>6}")
            changed = sorted((project / "content" / "dip").iterdir())[count // 2] / "item.yaml"
            changed.write_text(
                changed.read_text(encoding="utf-8").replace(
                    "Kepala Dinas", "Kepala Dinas Kependudukan", 1
                ),
                encoding="utf-8",
            )
            wall, rss, code = _run(
                [*dip, "check", "--changed-since", "HEAD", "--format", "json"], project
            )
            click.echo(
                f"{'check --changed-since (1 berubah)':<34}{wall:>9.2f}s{rss:>11.0f} MB{code:>6}"
            )
    finally:
        if folder is None:
            shutil.rmtree(work, ignore_errors=True)
