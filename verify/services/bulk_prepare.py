"""Working out many rows' windows and terms on every core the process may use, while the rows are still
being checked.

Why: reading a claim's time window and terms is the costliest step of an import that is not the
database's (about 0.1 ms a claim since the time rules' pre-scan, 0.4 ms before: 10 s for an archive of
100,000 on one core), and checking the rows (dates, texts, keys) is the next (about 0.05 ms a claim, in this
process). Each claim is read on its own, so each chunk of checked rows goes to the worker processes as soon as
it is checked, and comes back in order, as plain values joined to the items the parent holds: the same rows,
sooner, the checking and the reading done at the same time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from verify.config import usable_cores

PARALLEL_FROM = 2_000  # fewer rows are read in this process: starting workers would cost more than it saves
CHUNK = 500  # rows per task: the progress bar moves, and a slow chunk does not idle the other workers


class Preparing:
    """`[prepare(item) for item in items]` over items given a chunk at a time (`add`), in order (`results`);
    `prepare` must be picklable (a module-level function or a `functools.partial` of one) when `rows` (how
    many the file has) reach `PARALLEL_FROM`. `parallel=False` for cheap work (an announcement's terms), not
    worth the workers. With `assemble`, each result is `assemble(item, prepare(item))`: the workers send back
    only what they worked out, and the parent joins it to the item it already holds. Use it as a context
    manager: leaving it early (a file refused) stops the workers."""

    def __init__(self, prepare: Callable, progress, *, rows: int, parallel: bool = True,
                 assemble: Callable | None = None):
        self.prepare, self.progress, self.assemble = prepare, progress, assemble
        workers = min(usable_cores(), -(-rows // CHUNK))
        self.pool = ProcessPoolExecutor(workers) if parallel and workers >= 2 and rows >= PARALLEL_FROM else None
        self.waiting: list[Sequence] = []
        self.done: list[tuple[Sequence, Future | list]] = []

    def __enter__(self) -> Preparing:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, items: Sequence) -> None:
        """Items to prepare, sent on in chunks of `CHUNK`."""
        for start in range(0, len(items), CHUNK):
            chunk = items[start:start + CHUNK]
            if self.pool is None:
                self.done.append((chunk, _prepare_chunk(self.prepare, chunk)))
                self.progress.advance(len(chunk))
            else:
                self.done.append((chunk, self.pool.submit(_prepare_chunk, self.prepare, chunk)))

    def results(self) -> list:
        """Every item's result, in the order they were added."""
        prepared: list = []
        for chunk, done in self.done:
            if isinstance(done, Future):
                done = done.result()
                self.progress.advance(len(chunk))
            prepared.extend(_joined(self.assemble, chunk, done))
        return prepared


def _prepare_chunk(prepare: Callable, chunk: Sequence) -> list:
    return [prepare(item) for item in chunk]


def _joined(assemble: Callable | None, chunk: Sequence, done: list) -> list:
    return done if assemble is None else [assemble(item, result) for item, result in zip(chunk, done, strict=True)]
