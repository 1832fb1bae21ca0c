"""Run a unit of work again when another process got there first.

Why: two people importing the same file, or creating the same new source, at the same moment both check
"not stored yet" and both insert; the database's unique constraints keep one row and the loser's transaction
fails with an IntegrityError (or, on a busy SQLite file, "database is locked"; on PostgreSQL a serialization
failure or deadlock). The loser's transaction was rolled back whole, so running the same service call again
is safe, and the second run sees the winner's rows: an import counts them as already stored, a duplicate
claim is refused with the usual Conflict. A user never sees the raw database error.

A lost unique-key race resolves on the next attempt (or on one of the next few, when several writers
insert the same keys), so it is retried ATTEMPTS times at most (a key that keeps clashing is a conflict).
A busy database, a serialization failure or a deadlock only means "not yet":
those are retried with growing pauses (at most MAX_PAUSE apart) for as long as it takes, up to DEADLINE
seconds, so eight importers on PostgreSQL all finish instead of giving up after five tries.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from verify.errors import Conflict, DatabaseError

T = TypeVar("T")
ATTEMPTS = 20  # lost unique-key races in a row: with 8 writers a loser can meet 7 winners, one after another
FIRST_PAUSE = 0.05
MAX_PAUSE = 2.0
DEADLINE = 600.0
UNIQUE_VIOLATION = "23505"
RETRYABLE_STATES = {"40001", "40P01"}  # serialization failure, deadlock detected
SQLITE_BUSY_WORDS = ("database is locked", "database is busy", "database table is locked")


def lost_a_race(error: BaseException) -> bool:
    """True for the errors a concurrent writer causes, which a fresh attempt resolves."""
    if not isinstance(error, DBAPIError):
        return False
    state = getattr(error.orig, "sqlstate", None)
    message = str(error.orig).lower()
    if isinstance(error, IntegrityError):
        return state == UNIQUE_VIOLATION or "unique constraint failed" in message
    if state in RETRYABLE_STATES:
        return True
    return isinstance(error, OperationalError) and any(words in message for words in SQLITE_BUSY_WORDS)


def retry_on_conflict(call: Callable[[], T], *, attempts: int = ATTEMPTS, pause: float = FIRST_PAUSE,
                      deadline: float = DEADLINE) -> T:
    """`call()` must be one whole unit of work (a service call), so a failed attempt left nothing behind.

    `attempts` bounds the retries of a lost unique-key race; `deadline` (seconds) bounds the waiting for a
    busy database, a serialization failure or a deadlock."""
    started = time.monotonic()
    races = 0
    for attempt in itertools.count(1):
        try:
            return call()
        except DBAPIError as error:
            if not lost_a_race(error):
                raise
            races += isinstance(error, IntegrityError)
            waited = time.monotonic() - started
            if races >= attempts or waited >= deadline:
                raise _clear(error, attempt, waited) from None
            wait = min(pause * 2 ** min(attempt - 1, 16), MAX_PAUSE) * (0.5 + random.random())  # noqa: S311
            time.sleep(min(wait, max(deadline - waited, 0.0)))
    raise AssertionError("unreachable")


def _clear(error: DBAPIError, attempts: int, waited: float) -> Exception:
    if isinstance(error, IntegrityError):
        return Conflict(f"Someone else was storing the same rows at the same moment, {attempts} times in a row: "
                        "run the command again; what they stored is kept and nothing is added twice.")
    return DatabaseError(f"The database stayed busy for {waited:.0f} s ({attempts} attempts): another program "
                         "holds it locked. Try again later.")
