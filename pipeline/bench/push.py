"""The `push` stage of `dip bench`: first push and no-op push to the local receiver."""

from __future__ import annotations

import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from .command import ENV, Run, _failed, _git, _run, _target

START_TIMEOUT = 60.0


def _start_receiver(project: Path, data: Path, token: str) -> tuple[subprocess.Popen[str], str]:
    """`dip sikedip serve` in its own process, as in production; returns it and its URL."""
    data.mkdir(parents=True, exist_ok=True)
    log = open(data.parent / "sikedip-serve.log", "w+", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "--proyek",
            str(project),
            "sikedip",
            "serve",
            "--port",
            "0",
            "--data",
            str(data),
        ],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env={**ENV, "SIKEDIP_TOKEN": token},
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if "http://" in line:
            return proc, line[line.index("http://") :].strip().rstrip("/")
    proc.kill()
    proc.wait()
    log.seek(0)
    raise click.ClickException(f"penerima Sikedip lokal tidak mau berjalan: {log.read()[-500:]}")


def push_stage(project: Path, work: Path, count: int) -> None:
    token = secrets.token_urlsafe(24)
    proc, url = _start_receiver(project, work / "sikedip-data", token)
    env = {"SIKEDIP_TOKEN": token}
    dip = [sys.executable, "-m", "pipeline", "--proyek", str(project), "sikedip", "push"]
    args = [*dip, "--url", url, "--format", "json"]
    try:
        first = _timed(args, project, env)
        click.echo(first.row("push pertama (semua baru)"))
        _failed(first, "push pertama")
        noop = _timed(args, project, env)
        click.echo(noop.row("push tanpa perubahan"))
        _failed(noop, "push tanpa perubahan")
        again = _timed(args, project, env)
        click.echo(again.row("push tanpa perubahan (diulang)"))
        changed = sorted((project / "content" / "dip").iterdir())[count // 3] / "item.yaml"
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text.replace("Kepala Dinas", "Kepala Dinas Dukcapil", 1), "utf-8")
        _git(project, "commit", "-q", "-am", "bench: satu item berubah")
        one = _timed(args, project, env)
        click.echo(one.row("push 1 item berubah"))
        _failed(one, "push 1 item berubah")
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    best = min(noop.wall, again.wall)
    target = _target("≤ 5 s", best <= 5 and noop.code == 0, count == 10_000)
    click.echo(f"push tanpa perubahan: {best:.1f} s  {target}")


def _timed(args: list[str], cwd: Path, env: dict[str, str]) -> Run:
    return _run(args, cwd, extra_env=env)
