"""Inspect each attachment in its own child process, with limits, so a hostile file can
fail only itself.

A "zygote" worker (`python -m pipeline.scan.sandbox`, started with subprocess) imports the
inspectors once and then, for every file it is sent, forks a child that sets its resource
limits (CPU seconds, address space, file size, open files), inspects the file and writes
the report as JSON into a pipe. The zygote reads at most `output_bytes`, kills the child's
process group when the wall-clock limit passes, and answers one JSON line. A child that
crashes, runs out of memory or time, or prints garbage becomes DIP-E425 for that file only.
Forking from the zygote costs a few milliseconds, not a Python start-up per file.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from .model import Finding, Report


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 120  # per file, inspectors' own CPU (OCR tools count on their own)
    memory_bytes: int = 1536 * 1024 * 1024
    file_bytes: int = 512 * 1024 * 1024  # temp page images for OCR
    # Per file, OCR included: ~11 scanned pages a minute on two cores, so about 300 pages;
    # a longer scan is refused (DIP-E425) and should be split into several attachments.
    wall_seconds: float = 1800.0
    output_bytes: int = 4 * 1024 * 1024
    open_files: int = 256


def failed(kind: str, reason: str) -> Report:
    return Report(kind, findings=[Finding("DIP-E425", reason)])


# -- the zygote (child side) -------------------------------------------------------------


def _child(path: str, kind: str, limits: Limits, out: int) -> None:
    """In the forked child: limit ourselves, inspect, write JSON, exit without cleanup."""
    code = 0
    try:
        os.setpgid(0, 0)  # OCR tools we start die with us
        for which, value in (
            (resource.RLIMIT_CPU, limits.cpu_seconds),
            (resource.RLIMIT_AS, limits.memory_bytes),
            (resource.RLIMIT_FSIZE, limits.file_bytes),
            (resource.RLIMIT_NOFILE, limits.open_files),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(which, (value, value))
        from .inspect import inspect_file

        report = inspect_file(Path(path), kind)
        data = json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8")
        with os.fdopen(out, "wb") as pipe:
            pipe.write(data)
    except MemoryError:
        code = 3
    except BaseException:
        code = 4
    finally:
        os._exit(code)


def _wait(pid: int, read_fd: int, limits: Limits) -> tuple[bytes, int | None, bool]:
    """(output, exit status or None when we stopped it for time, output too large)."""
    chunks: list[bytes] = []
    size = 0
    too_large = False
    deadline = time.monotonic() + limits.wall_seconds
    open_pipe = True
    while open_pipe:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([read_fd], [], [], min(left, 1.0))
        if not ready:
            continue
        chunk = os.read(read_fd, 65536)
        if not chunk:
            open_pipe = False
            break
        size += len(chunk)
        if size > limits.output_bytes:
            too_large = True
            break
        chunks.append(chunk)
    os.close(read_fd)
    timed_out = open_pipe and not too_large
    if open_pipe:  # out of time or output: end the whole group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    while True:
        left = deadline - time.monotonic()
        done, status = os.waitpid(pid, os.WNOHANG if left > 0 else 0)
        if done:
            break
        if left <= 0:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return b"", None, too_large
        time.sleep(0.002)
    return b"".join(chunks), None if timed_out else status, too_large


def inspect_in_child(path: str, kind: str, limits: Limits) -> dict[str, Any]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(path, kind, limits, write_fd)
    os.close(write_fd)
    started = time.monotonic()
    output, status, too_large = _wait(pid, read_fd, limits)
    spent = time.monotonic() - started
    if too_large:
        return _failure(kind, "laporan pemeriksaan terlalu besar")
    if status is None:
        return _failure(kind, f"pemeriksaan melewati batas waktu {limits.wall_seconds:.0f} detik")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        reasons: dict[int, str] = {
            signal.SIGXCPU: f"pemeriksaan melewati batas CPU {limits.cpu_seconds} detik",
            signal.SIGKILL: "pemeriksaan dihentikan paksa",
            signal.SIGSEGV: "pemeriksa berhenti mendadak (berkas merusak pembacanya)",
            signal.SIGXFSZ: "pemeriksaan menulis melebihi batas ukuran berkas",
        }
        why = reasons.get(sig, f"pemeriksa berhenti karena sinyal {sig}")
        return _failure(kind, why)
    code = os.WEXITSTATUS(status)
    if code == 3:
        return _failure(kind, f"pemeriksaan melewati batas memori {limits.memory_bytes >> 20} MB")
    if code != 0:
        return _failure(kind, "pemeriksa gagal membaca berkas ini")
    try:
        report = Report.from_json(json.loads(output))
    except (ValueError, UnicodeDecodeError):
        return _failure(kind, "pemeriksa memberi jawaban yang tidak sah")
    return {"ok": True, "report": report.to_json(), "seconds": round(spent, 4)}


def _failure(kind: str, reason: str) -> dict[str, Any]:
    return {"ok": False, "report": failed(kind, reason).to_json()}


def zygote_main(limits_json: str) -> int:
    """Serve requests on stdin (one JSON per line), answer one JSON line each."""
    limits = Limits(**json.loads(limits_json))
    from .inspect import preload

    preload()  # imported once, inherited by every forked child

    for line in sys.stdin.buffer:
        try:
            request = json.loads(line)
            answer = inspect_in_child(str(request["path"]), str(request["kind"]), limits)
        except (ValueError, KeyError, OSError) as exc:
            answer = _failure("other", f"permintaan pemeriksaan tidak sah: {exc}")
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


# -- the parent side ---------------------------------------------------------------------


class _Zygote:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        return subprocess.Popen(
            [sys.executable, "-m", "pipeline.scan.sandbox", json.dumps(asdict(self.limits))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def ask(self, path: Path, kind: str) -> Report:
        for _attempt in range(2):  # a zygote that died is replaced once
            if self.proc is None or self.proc.poll() is not None:
                self.proc = self._start()
            stdin, stdout = self.proc.stdin, self.proc.stdout
            assert stdin is not None and stdout is not None
            try:
                stdin.write(json.dumps({"path": str(path), "kind": kind}).encode() + b"\n")
                stdin.flush()
                line = _read_line(stdout, self.limits.output_bytes * 2)
            except OSError:
                line = b""
            if line:
                try:
                    answer = json.loads(line)
                    return Report.from_json(answer["report"])
                except (ValueError, KeyError, TypeError):
                    return failed(kind, "jawaban pemeriksa tidak sah")
            self.close()
        return failed(kind, "proses pemeriksa tidak dapat dijalankan")

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.stdin:
                self.proc.stdin.close()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            if self.proc.stdout:
                self.proc.stdout.close()
            self.proc = None


def _read_line(stream: IO[bytes], cap: int) -> bytes:
    line = stream.readline(cap)
    return line if line.endswith(b"\n") else b""


class Sandbox:
    """A few zygotes, one per worker thread; use as a context manager."""

    def __init__(self, workers: int | None = None, limits: Limits | None = None) -> None:
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.limits = limits or Limits()
        self._local = threading.local()
        self._all: list[_Zygote] = []
        self._lock = threading.Lock()

    def _zygote(self) -> _Zygote:
        zygote: _Zygote | None = getattr(self._local, "zygote", None)
        if zygote is None:
            zygote = _Zygote(self.limits)
            self._local.zygote = zygote
            with self._lock:
                self._all.append(zygote)
        return zygote

    def inspect(self, path: Path, kind: str) -> Report:
        return self._zygote().ask(path, kind)

    def inspect_many(self, jobs: Iterable[tuple[str, Path, str]]) -> Iterator[tuple[str, Report]]:
        """(key, report) for every (key, path, kind), as they finish."""
        todo = list(jobs)
        if not todo:
            return
        with ThreadPoolExecutor(min(self.workers, len(todo))) as pool:
            futures = {pool.submit(self.inspect, path, kind): key for key, path, kind in todo}
            for future, key in futures.items():
                yield key, future.result()

    def close(self) -> None:
        with self._lock:
            for zygote in self._all:
                zygote.close()
            self._all.clear()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    sys.exit(zygote_main(sys.argv[1]))
