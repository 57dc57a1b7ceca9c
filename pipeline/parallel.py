"""Run a per-item function over many item folders, on every core when it pays off.

Used by `dip check` and by the site plugin. Each worker process builds its own `Context`
(schema compiled once per process); results come back in folder order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from .item import Context
from .project import Config

T = TypeVar("T")
# Below this many items a process pool costs more than it saves.
PARALLEL_MIN_ITEMS = 1500

_WORKER_CTX: Context | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_CTX
    _WORKER_CTX = Context.create(config)


def _run_chunk(fn: Callable[[Context, Path], T], folders: list[Path]) -> list[T]:
    assert _WORKER_CTX is not None
    return [fn(_WORKER_CTX, f) for f in folders]


def map_items(
    ctx: Context,
    folders: Sequence[Path],
    fn: Callable[[Context, Path], T],
    jobs: int | None = None,
) -> Iterator[T]:
    """`fn(ctx, folder)` for every folder; `fn` must be a module-level function."""
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(folders) < PARALLEL_MIN_ITEMS:
        for folder in folders:
            yield fn(ctx, folder)
        return
    size = max(200, len(folders) // (workers * 4))
    chunks = [list(folders[i : i + size]) for i in range(0, len(folders), size)]
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(ctx.config,)) as pool:
        for result in pool.map(_run_chunk, [fn] * len(chunks), chunks):
            yield from result
