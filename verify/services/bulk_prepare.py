"""Working out many rows' windows and terms on every core the process may use.

Why: reading a claim's time window and terms is the costliest step of an import that is not the
database's (about 0.1 ms a claim since the time rules' pre-scan, 0.4 ms before: 10 s for an archive of
100,000 on one core). Each claim is read on its own, so chunks of them go to worker processes and come back
in order, as plain values joined to the items the parent holds: the same rows, sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from verify.config import usable_cores

PARALLEL_FROM = 2_000  # fewer rows are read in this process: starting workers would cost more than it saves
CHUNK = 500  # rows per task: the progress bar moves, and a slow chunk does not idle the other workers


def prepare_all(prepare: Callable, items: Sequence, progress, *, parallel: bool = True,
                assemble: Callable | None = None) -> list:
    """`[prepare(item) for item in items]`, in order; `prepare` must be picklable (a module-level function or
    a `functools.partial` of one) when the rows are many. `parallel=False` for cheap work (an announcement's
    terms), not worth the workers. With `assemble`, each result is `assemble(item, prepare(item))`: the
    workers send back only what they worked out, and the parent joins it to the item it already holds."""
    chunks = [items[start:start + CHUNK] for start in range(0, len(items), CHUNK)]
    workers = min(usable_cores(), len(chunks))
    prepared: list = []
    if not parallel or workers < 2 or len(items) < PARALLEL_FROM:
        for chunk in chunks:
            prepared.extend(_joined(assemble, chunk, _prepare_chunk(prepare, chunk)))
            progress.advance(len(chunk))
        return prepared
    with ProcessPoolExecutor(workers) as pool:
        for chunk, done in zip(chunks, pool.map(_prepare_chunk, [prepare] * len(chunks), chunks), strict=True):
            prepared.extend(_joined(assemble, chunk, done))
            progress.advance(len(chunk))
    return prepared


def _prepare_chunk(prepare: Callable, chunk: Sequence) -> list:
    return [prepare(item) for item in chunk]


def _joined(assemble: Callable | None, chunk: Sequence, done: list) -> list:
    return done if assemble is None else [assemble(item, result) for item, result in zip(chunk, done, strict=True)]
