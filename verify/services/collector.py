"""Python's full garbage collections put off while an import builds its rows.

Why: an archive's import keeps every row it reads, checks and prepares until the commit (about ten objects a
claim: a million for 100,000 claims). Each of those allocations counts towards the collector's thresholds,
and every full collection walks all the objects alive, so the longer the import, the longer each pass: about
a dozen full passes took 3.5 s of the parent process's 18 s CPU for 100,000 claims (bench/bench_import.py),
for no garbage (the rows are plain values, not cycles). Young collections keep running, so short-lived cycles
(the database layer makes some) are still freed as they go; what reaches the oldest generation meanwhile is
collected by the first full pass after the import, as it would have been anyway.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFERRED = 1_000_000  # the oldest generation's threshold while deferred: no full pass within an import

_lock = threading.Lock()
_held = 0  # imports running in this process (the dashboard's threads may run two at once)
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
