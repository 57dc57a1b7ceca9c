"""`dip bench`: build a generated project and time the pipeline's stages on it.

Benchmarks are not tests: they print figures to quote, and never fail on time.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

from ..cli_common import handle_errors
from .generate import generate
from .hugo import write_hugo_site

STAGES = ("scan", "check", "build", "push", "review")
# mkdocs-material prints a banner on every build unless told not to.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds, all processes: less sensitive to a busy machine
    rss: float  # peak RSS in MB of the largest process
    code: int
    stderr: str  # the last lines of standard error

    def row(self, label: str) -> str:
        return f"{label:<34}{self.wall:>9.2f}s{self.cpu:>9.2f}s{self.rss:>11.0f} MB{self.code:>6}"


def _run(
    args: list[str], cwd: Path, tail: int = 20, extra_env: dict[str, str] | None = None
) -> Run:
    """Time one command; stderr goes to a file, so a chatty command never blocks on a pipe."""
    env = {**ENV, **(extra_env or {})}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()[-tail:]
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss / 1024, proc.returncode, "\n".join(lines))


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
        load = os.getloadavg()[0]
        env_note = f"{os.cpu_count()} inti, beban rata-rata 1 menit {load:.1f}"
        click.echo(f"Mesin: {env_note}, Python {sys.version.split()[0]}")
        click.echo(f"{'tahap':<34}{'waktu':>10}{'CPU':>10}{'RSS puncak':>14}{'kode':>6}")
        if "scan" in stages:
            from .scan import scan_stage

            scan_stage(project, work if folder is None else folder / ".bench", os.cpu_count() or 1)
        if stages != ("scan",):
            # Attachments are inspected once, then remembered by sha256: every later stage
            # measures what a repository with a warm scan cache costs (scan shows the rest).
            warm = _run([*dip, "check", "--format", "json"], project)
            click.echo(warm.row("(menyiapkan cache pindai)"))
        if "check" in stages:
            rows = [("check (semua, pertama)", [*dip, "check", "--format", "json"])]
            rows.append(("check (semua, diulang)", [*dip, "check", "--format", "json"]))
            rows.append(
                ("check (semua, 1 proses)", [*dip, "check", "--format", "json", "--jobs", "1"])
            )
            for label, args in rows:
                click.echo(_run(args, project).row(label))
            changed = sorted((project / "content" / "dip").iterdir())[count // 2] / "item.yaml"
            changed.write_text(
                changed.read_text(encoding="utf-8").replace(
                    "Kepala Dinas", "Kepala Dinas Kependudukan", 1
                ),
                encoding="utf-8",
            )
            run = _run([*dip, "check", "--changed-since", "HEAD", "--format", "json"], project)
            click.echo(run.row("check --changed-since (1 berubah)"))
        if "build" in stages:
            _build_stage(project, work / "bangun" if folder is None else folder / ".bench", count)
        if "push" in stages:
            from .push import push_stage

            _git(project, "checkout", "-q", "--", ".")  # undo the check stage's edit
            push_stage(project, work / "kirim" if folder is None else folder / ".bench", count)
        if "review" in stages:
            from .review import review_stage

            _git(project, "checkout", "-q", "--", ".")
            review_stage(project, lambda label, args: click.echo(_run(args, project).row(label)))
    finally:
        if folder is None:
            shutil.rmtree(work, ignore_errors=True)


def _mb(size: float) -> str:
    return f"{size / 1_000_000:.2f} MB"


def search_index_size(site: Path) -> tuple[str, int, int] | None:
    """(what, raw bytes, gzip -6 bytes) of the site's search index, or None without one.

    A Pagefind index is many small files fetched on demand: its sizes are summed.
    """
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        # Fragments are per-page result payloads fetched only for shown results; the index
        # proper is the word chunks, the metadata, the wasm and the scripts.
        paths = sorted(
            p for p in pagefind.rglob("*") if p.is_file() and p.parent.name != "fragment"
        )
        what = f"pagefind/ tanpa fragment/ ({len(paths)} berkas, dijumlahkan)"
    elif (site / "search" / "search_index.json").is_file():
        paths = [site / "search" / "search_index.json"]
        what = "search/search_index.json"
    else:
        return None
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, compresslevel=6, mtime=0))
    return what, raw, packed


def _html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def _failed(run: Run, label: str) -> None:
    if run.code != 0:
        click.echo(f"  {label} gagal (kode {run.code}); akhir stderr:")
        for line in run.stderr.splitlines() or ["(stderr kosong)"]:
            click.echo(f"    {line}")


def _build_stage(project: Path, out: Path, count: int) -> None:
    """Build the same items with our site and with Hugo; print times, memory and index size."""
    out.mkdir(parents=True, exist_ok=True)
    mkdocs_yml = str(project / "mkdocs.yml")
    ours = _run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "--proyek",
            str(project),
            "build",
            "--site-dir",
            str(out / "situs-dip"),
        ],
        project,
    )
    click.echo(ours.row("situs kita: dip build"))
    _failed(ours, "dip build")
    plain = _run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", mkdocs_yml, "-d", str(out / "situs")],
        project,
    )
    click.echo(plain.row("situs kita: mkdocs build saja"))
    _failed(plain, "mkdocs build")

    hugo_bin = shutil.which("hugo")
    hugo: Run | None = None
    if hugo_bin is None:
        click.echo("hugo tidak terpasang: apt-get install hugo")
    else:
        t0 = time.perf_counter()
        pages = write_hugo_site(project, out / "hugo")
        click.echo(
            f"  (konversi {pages} item ke situs Hugo: {time.perf_counter() - t0:.1f} s, "
            "tidak termasuk waktu Hugo)"
        )
        hugo = _run([hugo_bin, "--quiet", "--destination", str(out / "situs-hugo")], out / "hugo")
        click.echo(hugo.row("Hugo: hugo --quiet"))
        _failed(hugo, "hugo")

    click.echo(
        "Catatan: 'dip build' = dip check + mkdocs build (membaca dan memeriksa semua item);"
    )
    click.echo("  'mkdocs build saja' juga membaca item lewat plugin dip, tanpa dip check;")
    click.echo("  Hugo membaca berkas Markdown yang sudah disiapkan di luar pengukuran.")
    at_10k = count == 10_000
    for label, run in (("dip build", ours), ("mkdocs build", plain)):
        if run.code == 0 and hugo is not None and hugo.code == 0:
            ratio = run.wall / max(hugo.wall, 1e-3)
            cpu_ratio = run.cpu / max(hugo.cpu, 1e-3)
            click.echo(
                f"rasio {label} / Hugo: {ratio:.1f}× waktu, {cpu_ratio:.1f}× CPU  "
                f"{_target('≤ 3× waktu', ratio <= 3, at_10k)}"
            )
    if hugo is not None and hugo.code == 0:
        ours_site = next((s for s in (out / "situs-dip", out / "situs") if s.is_dir()), None)
        click.echo(
            f"halaman HTML: situs kita {_html_pages(ours_site) if ours_site else '-'}, "
            f"Hugo {_html_pages(out / 'situs-hugo')}"
        )

    built = next((s for s in (out / "situs-dip", out / "situs") if s.is_dir()), None)
    index = search_index_size(built) if built is not None else None
    if index is None:
        click.echo("indeks pencarian: tidak ditemukan di keluaran situs kita")
    else:
        what, raw, packed = index
        click.echo(
            f"indeks pencarian {what}: {_mb(raw)} mentah, {_mb(packed)} gzip -6  "
            f"{_target('≤ 3 MB gzip', packed <= 3_000_000, at_10k)}"
        )
    if built is not None and (built / "pagefind").is_dir():
        _search_cost(built, at_10k)
    for label, run in (("dip build", ours), ("mkdocs build", plain)):
        if run.code != 0:
            continue
        if count <= 1000:
            target = _target("≤ 10 s", run.wall <= 10, count == 1000, 1000)
            click.echo(f"{label}: {run.wall:.1f} s  {target}")
        else:
            ok = run.wall <= 60 and run.rss <= 1024
            click.echo(
                f"{label}: {run.wall:.1f} s, {run.rss:.0f} MB  "
                f"{_target('≤ 60 s dan ≤ 1 GB RSS', ok, at_10k)}"
            )


SEARCH_WORDS = ("kependudukan", "pelayanan")


def _search_cost(site: Path, at_10k: bool) -> None:
    """Bytes a visitor's browser fetches for a first and a next search (real chromium)."""
    from .search_cost import measure

    costs = measure(site, SEARCH_WORDS)
    if isinstance(costs, str):
        click.echo(f"biaya pencarian: tidak diukur, {costs}")
        return
    for n, cost in enumerate(costs):
        label = "pencarian pertama" if n == 0 else "pencarian berikutnya"
        kb, gz = cost.raw / 1000, cost.gzipped / 1000
        target = _target("≤ 250 KB", cost.gzipped <= 250_000, at_10k) if n == 0 else ""
        click.echo(
            f"{label} '{cost.word}': {cost.requests} permintaan, {kb:.0f} KB mentah, "
            f"{gz:.0f} KB gzip, {cost.results} hasil  {target}".rstrip()
        )


def _target(text: str, ok: bool, applies: bool, at: int = 10_000) -> str:
    """The DESIGN §8 target next to a figure; judged only at the item count it is set for."""
    where = f"{at:,}".replace(",", ".")
    if applies:
        return f"(target {text} pada {where} item: {'memenuhi' if ok else 'TIDAK memenuhi'})"
    return f"(target {text} pada {where} item)"
