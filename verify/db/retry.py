"""Run a unit of work again when another process got there first.

Why: two people importing the same file, or creating the same new source, at the same moment both check
"not stored yet" and both insert; the database's unique constraints keep one row and the loser's transaction
fails with an IntegrityError (or, on a busy SQLite file, "database is locked"; on PostgreSQL a serialization
failure or deadlock). The loser's transaction was rolled back whole, so running the same service call again
is safe, and the second run sees the winner's rows: an import counts them as already stored, a duplicate
claim is refused with the usual Conflict. A user never sees the raw database error.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from verify.errors import Conflict, DatabaseError

T = TypeVar("T")
ATTEMPTS = 5
FIRST_PAUSE = 0.05
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


def retry_on_conflict(call: Callable[[], T], *, attempts: int = ATTEMPTS, pause: float = FIRST_PAUSE) -> T:
    """`call()` must be one whole unit of work (a service call), so a failed attempt left nothing behind."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except DBAPIError as error:
            if not lost_a_race(error):
                raise
            if attempt == attempts:
                raise _clear(error, attempts) from None
            time.sleep(pause * 2 ** (attempt - 1) * (0.5 + random.random()))  # noqa: S311 - jitter only
    raise AssertionError("unreachable")


def _clear(error: DBAPIError, attempts: int) -> Exception:
    if isinstance(error, IntegrityError):
        return Conflict(f"Someone else was storing the same rows at the same moment, {attempts} times in a row: "
                        "run the command again; what they stored is kept and nothing is added twice.")
    return DatabaseError(f"The database stayed busy after {attempts} attempts: another program holds it "
                         "locked. Try again in a moment.")
