"""Python's full garbage collections put off while a batch job holds many objects: an import building its rows, a
re-match holding every announcement.

Why: an archive's import keeps every row it reads, checks and prepares until the commit (about ten objects a
claim: a million for 100,000 claims). Each of those allocations counts towards the collector's thresholds, and
every full collection walks all the objects alive, so the longer the import, the longer each pass: about a dozen
full passes took 3.5 s of the parent process's 18 s CPU for 100,000 claims (bench/bench_import.py), for no
garbage (the rows are plain values, not cycles). A re-match holds a million announcements and what the index
keeps of them, and its workers, forked with all of it, add their analyses: each full pass walked it all, 0.7 to
1.8 s, nine times per worker, for nothing found after the first (bench/bench_rematch.py, at a million
announcements); reading them for it is no better (a million announcement records made with 100,000 objects alive:
3.1 s, eight full passes taking 1.4 s of it, against 1.6 s deferred). Young collections keep running, so
short-lived cycles (the database layer makes some) are still freed as they go; what reaches the oldest generation
meanwhile is collected by the first full pass after the job, as it would have been anyway. Worker processes
forked inside the block inherit its thresholds and keep them until they end.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFERRED = 1_000_000  # the oldest generation's threshold while deferred: no full pass within a batch job

_lock = threading.Lock()
_held = 0  # batch jobs running in this process (the dashboard's threads may run two at once)
_saved: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    """No full collection inside the block (nor in other threads meanwhile); the thresholds are as before
    once the last of the blocks running at once has ended."""
    global _held, _saved
    with _lock:
        if _held == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], DEFERRED)
        _held += 1
    try:
        yield
    finally:
        with _lock:
            _held -= 1
            if _held == 0:
                gc.set_threshold(*_saved)


def settled() -> None:
    """Everything the process holds now lives as long as it does (the modules, the meaning model, the database
    layer): moved out of the collector's sight (`gc.freeze`), so that a later full collection walks only what
    came after.

    Why: in a process that has matched once (about 100,000 objects alive), each full collection walked them
    all, 50-65 ms, and one landed in a warm call every few calls: that call took twice as long as the others
    (one new announcement against 100,000 claims, bench/bench_matching_service.py; a gen-2 pass measured with
    `gc.callbacks`). Frozen objects are still freed when nothing refers to them; only cycles among them would
    stay, and they are what the process held at that moment, once."""
    gc.freeze()
