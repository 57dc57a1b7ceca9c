"""`dip sikedip push`: read what Sikedip holds, plan, upload missing files, then items, then
withdrawals, and check the result by reading the list again.

Stateless: every run starts from the remote list, so a push killed at any point converges
when run again. An item counts as done only when Sikedip answered as the contract says and
the list read afterwards shows it.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .client import DeadlineExceeded, Sikedip, SikedipError
from .payload import Payload
from .plan import CREATE, UPDATE, WITHDRAW, Action, FileNeed, Plan, make_plan, needed_files

OK, FAILED, SKIPPED, PLANNED = "ok", "failed", "skipped", "planned"


@dataclass
class Result:
    id: str
    action: str
    outcome: str
    remote_hash: str | None = None  # what Sikedip holds after the push (or before, planned)
    message: str = ""


@dataclass
class PushReport:
    target: str
    dry_run: bool = False
    started: str = field(default_factory=lambda: _now())
    finished: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    files_needed: int = 0
    files_sent: int = 0
    bytes_sent: int = 0
    results: list[Result] = field(default_factory=list)
    unchanged: int = 0
    error: str | None = None  # what stopped the whole push
    interrupted: bool = False

    @property
    def complete(self) -> bool:
        """True only when everything planned is confirmed done."""
        return (
            self.error is None
            and not self.interrupted
            and all(r.outcome in (OK, PLANNED) for r in self.results)
        )

    def tally(self) -> dict[str, int]:
        out = {OK: 0, FAILED: 0, SKIPPED: 0}
        for r in self.results:
            if r.outcome in out:
                out[r.outcome] += 1
        return out


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Interrupted(Exception):
    pass


class _Runner:
    """Runs operations on a few threads; stops starting new ones once told to."""

    def __init__(self, workers: int, progress: Callable[[int], None] | None) -> None:
        self.workers = workers
        self.progress = progress
        self.stop = threading.Event()

    def run(self, tasks: dict[str, Callable[[], Any]], done: dict[str, Any]) -> None:
        """Fills `done` with {key: result or exception}; keys not run stay missing.
        Raises Interrupted after Ctrl+C/SIGTERM, with what finished already in `done`."""
        if not tasks:
            return

        def guarded(fn: Callable[[], Any]) -> Any:
            if self.stop.is_set():
                raise Interrupted()
            return fn()

        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="sikedip")
        futures: dict[Future[Any], str] = {pool.submit(guarded, fn): k for k, fn in tasks.items()}
        try:
            # One waiter for all futures (wait() in a loop is quadratic: 3 minutes of CPU
            # at 10,000 items). Ctrl+C / SIGTERM interrupt the lock wait in the main thread.
            for future in as_completed(futures):
                exc = future.exception()
                if not isinstance(exc, Interrupted):
                    done[futures[future]] = exc if exc is not None else future.result()
                if self.progress:
                    self.progress(1)
        except KeyboardInterrupt:
            self.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
            for future, key in futures.items():
                if future.done() and not future.cancelled():
                    exc = future.exception()
                    if not isinstance(exc, Interrupted):
                        done[key] = exc if exc is not None else future.result()
            raise Interrupted() from None
        pool.shutdown(wait=True)


def push(
    sikedip: Sikedip,
    payloads: list[Payload],
    content: Path,
    dry_run: bool = False,
    workers: int = 4,
    progress: Callable[[int], None] | None = None,
    on_plan: Callable[[Plan, list[FileNeed]], None] | None = None,
) -> PushReport:
    """Reconcile Sikedip with `payloads` (every item of the content, loaded without errors)."""
    report = PushReport(sikedip.target, dry_run)
    try:
        remote = sikedip.list_items()
    except SikedipError as exc:
        report.error = f"daftar item Sikedip tidak dapat dibaca: {exc}"
        report.finished = _now()
        return report
    plan = make_plan(payloads, remote)
    files = needed_files(plan, content)
    report.counts = plan.counts()
    report.unchanged = plan.unchanged
    report.files_needed = len(files)
    if on_plan:
        on_plan(plan, files)
    if dry_run:
        report.results = [
            Result(a.id, a.kind, PLANNED, a.remote_hash, _plan_note(a)) for a in plan.actions
        ]
        report.finished = _now()
        return report

    runner = _Runner(workers, progress)
    results: dict[str, Result] = {}
    try:
        blocked = _send_files(sikedip, runner, files, report)
        _send_items(sikedip, runner, plan, blocked, results)
        _send_withdrawals(sikedip, runner, plan, results)
    except Interrupted:
        report.interrupted = True
    for action in plan.actions:
        if action.id not in results:
            why = "dihentikan sebelum dikirim" if report.interrupted else "tidak dikirim"
            results[action.id] = Result(action.id, action.kind, SKIPPED, None, why)
    report.results = [results[a.id] for a in plan.actions]
    if not report.interrupted and any(r.outcome == OK for r in report.results):
        _confirm(sikedip, plan, report)
    report.finished = _now()
    return report


def _plan_note(action: Action) -> str:
    if action.kind == WITHDRAW:
        return action.alasan or ""
    return ""


def _outcome(exc: Exception) -> str:
    return SKIPPED if isinstance(exc, DeadlineExceeded) else FAILED


def _send_files(
    sikedip: Sikedip, runner: _Runner, files: list[FileNeed], report: PushReport
) -> dict[str, str]:
    """Upload attachments Sikedip lacks; returns {item id: why it cannot be sent}."""

    def send(need: FileNeed) -> bool:
        if sikedip.has_file(need.sha256, need.size):
            return False
        sikedip.put_file(need.sha256, need.path, need.size)
        return True

    answers: dict[str, Any] = {}
    runner.run({f.sha256: partial(send, f) for f in files}, answers)
    blocked: dict[str, str] = {}
    for need in files:
        answer = answers.get(need.sha256)
        if isinstance(answer, Exception) or answer is None:
            why = str(answer) if answer is not None else "tidak dikirim"
            for item_id in need.items:
                blocked.setdefault(item_id, f"lampiran {need.path.name} gagal diunggah: {why}")
        elif answer:
            report.files_sent += 1
            report.bytes_sent += need.size
    return blocked


def _send_items(
    sikedip: Sikedip,
    runner: _Runner,
    plan: Plan,
    blocked: dict[str, str],
    results: dict[str, Result],
) -> None:
    tasks: dict[str, Callable[[], Any]] = {}
    for action in plan.actions:
        if action.kind not in (CREATE, UPDATE):
            continue
        if action.id in blocked:
            results[action.id] = Result(action.id, action.kind, FAILED, None, blocked[action.id])
            continue
        payload = action.payload
        assert payload is not None
        key = str(uuid.uuid4())  # one key per operation, the same for each of its retries
        tasks[action.id] = partial(sikedip.put_item, payload, key)
    answers: dict[str, Any] = {}
    try:
        runner.run(tasks, answers)
    finally:
        _collect(plan, answers, results, (CREATE, UPDATE))


def _send_withdrawals(
    sikedip: Sikedip, runner: _Runner, plan: Plan, results: dict[str, Result]
) -> None:
    tasks: dict[str, Callable[[], Any]] = {}
    for action in plan.of(WITHDRAW):
        key = str(uuid.uuid4())
        alasan = action.alasan or ""
        tasks[action.id] = partial(sikedip.withdraw, action.id, alasan, key)
    answers: dict[str, Any] = {}
    try:
        runner.run(tasks, answers)
    finally:
        _collect(plan, answers, results, (WITHDRAW,))


def _collect(
    plan: Plan, answers: dict[str, Any], results: dict[str, Result], kinds: tuple[str, ...]
) -> None:
    for action in plan.actions:
        if action.kind not in kinds or action.id not in answers:
            continue
        answer = answers[action.id]
        if isinstance(answer, Exception):
            results[action.id] = Result(action.id, action.kind, _outcome(answer), None, str(answer))
        else:
            remote_hash = answer if isinstance(answer, str) else action.remote_hash
            results[action.id] = Result(action.id, action.kind, OK, remote_hash)


def _confirm(sikedip: Sikedip, plan: Plan, report: PushReport) -> None:
    """Read the list again: an operation counts only when Sikedip now shows it."""
    try:
        after = {r.id: r for r in sikedip.list_items()}
    except SikedipError as exc:
        report.error = f"hasil pengiriman tidak dapat dikonfirmasi: {exc}"
        return
    by_id = {a.id: a for a in plan.actions}
    for result in report.results:
        if result.outcome != OK:
            continue
        action = by_id[result.id]
        there = after.get(result.id)
        if action.kind == WITHDRAW:
            confirmed = there is None or there.status == "ditarik"
            if there is not None:
                result.remote_hash = there.hash
        else:
            assert action.payload is not None
            confirmed = (
                there is not None
                and there.status == "terbit"
                and there.hash == action.payload["hash"]
            )
        if not confirmed:
            result.outcome = FAILED
            result.message = "Sikedip menjawab berhasil, tetapi daftar itemnya tidak menunjukkannya"
