"""Working out many rows' windows and terms on every core the process may use, while the rows are still
being checked.

Why: reading a claim's time window and terms is the costliest step of an import that is not the
database's (about 0.1 ms a claim since the time rules' pre-scan, 0.4 ms before: 10 s for an archive of
100,000 on one core), and checking the rows (dates, texts, keys) is the next (about 0.05 ms a claim, in this
process). Each claim is read on its own, so each chunk of checked rows goes to the worker processes as soon as
it is checked, and comes back in order, as plain values joined to the items the parent holds: the same rows,
sooner, the checking and the reading done at the same time. Once every row is checked, the first are written
while the workers still read the last (`in_order`: 18.1 -> 16.4 s for 100,000 claims on SQLite, 29.1 -> 24.8 s
on PostgreSQL, bench/bench_import.py, the same rows).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from verify.config import usable_cores

PARALLEL_FROM = 2_000  # fewer rows are read in this process: starting workers would cost more than it saves
CHUNK = 500  # rows per task: the progress bar moves, and a slow chunk does not idle the other workers


class Preparing:
    """`[prepare(item) for item in items]` over items given a chunk at a time (`add`), in order (`in_order`);
    `prepare` must be picklable (a module-level function or a `functools.partial` of one) when `rows` (how
    many the file has) reach `PARALLEL_FROM`. `parallel=False` for cheap work (an announcement's terms), not
    worth the workers. With `assemble`, each result is `assemble(item, prepare(item))`: the workers send back
    only what they worked out, and the parent joins it to the item it already holds. Use it as a context
    manager: leaving it early (a file refused) stops the workers."""

    def __init__(self, prepare: Callable, progress, *, rows: int, parallel: bool = True,
                 assemble: Callable | None = None):
        self.prepare, self.progress, self.assemble = prepare, progress, assemble
        workers = min(usable_cores(), -(-rows // CHUNK))
        self.pool = (ProcessPoolExecutor(workers, initializer=_behind_the_writer)
                     if parallel and workers >= 2 and rows >= PARALLEL_FROM else None)
        self.done: list[tuple[Sequence, Future | list]] = []
        self.joined: set[int] = set()  # chunks whose results are taken (and joined to their items)

    def __enter__(self) -> Preparing:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, items: Sequence) -> None:
        """Items to prepare, sent on in chunks of `CHUNK` (counted done once prepared here, or once handed to
        the workers: their wait shows where the results are taken, `in_order`)."""
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            if self.pool is None:
                self.done.append((chunk, _prepare_chunk(self.prepare, chunk)))
            else:
                self.done.append((chunk, self.pool.submit(_prepare_chunk, self.prepare, chunk)))
            self.progress.advance(len(chunk))

    def in_order(self) -> Iterator:
        """Every item's result, in the order they were added, each chunk's as soon as the workers have it (so
        the caller can write the first rows while the last are prepared). Can be read again: what was
        taken is kept (an import that lost a write conflict starts its transaction over)."""
        for at in range(len(self.done)):
            if at not in self.joined:
                chunk, done = self.done[at]
                made = done.result() if isinstance(done, Future) else done
                self.done[at] = (chunk, _joined(self.assemble, chunk, made))
                self.joined.add(at)
            yield from self.done[at][1]


WORKER_NICENESS = 10  # a worker's share of a core it shares with the writer: about a tenth (Linux's weights)


def _behind_the_writer() -> None:
    """A worker runs at a lower priority than the process that writes the rows: the import waits for the writer
    (the workers keep ahead of it), so on a machine with as many cores as workers, the writer should not lose
    its core to them. 100,000 claims on 2 cores: 10.3-11.5 -> 9.4-9.7 s, the workers still ahead but for the
    last chunk (bench/bench_import.py). Where priorities cannot be lowered, nothing changes."""
    with contextlib.suppress(AttributeError, OSError):  # no `os.nice` (Windows), or not permitted
        os.nice(WORKER_NICENESS)


def _prepare_chunk(prepare: Callable, chunk: Sequence) -> list:
    return [prepare(item) for item in chunk]


def _joined(assemble: Callable | None, chunk: Sequence, done: list) -> list:
    return done if assemble is None else [assemble(item, result) for item, result in zip(chunk, done, strict=True)]
