"""One user action, one unit of work, one transaction: nothing is written unless `commit()` is called."""

from __future__ import annotations

import random
import time

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from verify.db.engine import WRITE_LOCK_OPTION
from verify.db.retry import DEADLINE, lost_a_race
from verify.errors import DatabaseError


class UnitOfWork:
    """Wraps a session; leaving the block without `commit()` rolls everything back.

    On SQLite a writing unit of work starts with the write lock (BEGIN IMMEDIATE), so concurrent writers
    take turns instead of failing halfway. Each attempt waits up to SQLite's busy timeout; with eight
    writers on a busy machine a writer can lose that race several times in a row, so it asks again (the
    transaction has done nothing yet, so asking again is always safe) until DEADLINE. `read_only()` gives
    a unit of work that never takes the lock: readers must not queue behind writers (WAL lets them read).
    """

    def __init__(self, sessions: sessionmaker[Session], *, write: bool = True):
        self._sessions = sessions
        self._write = write
        self.session: Session

    def read_only(self) -> UnitOfWork:
        """The same database, for a unit of work that only reads (it must not commit)."""
        return UnitOfWork(self._sessions, write=False)

    def __enter__(self) -> UnitOfWork:
        started = time.monotonic()
        for attempt in range(10_000):
            self.session = self._sessions()
            try:
                if self._write and self.session.get_bind().dialect.name == "sqlite":
                    self.session.connection(execution_options={WRITE_LOCK_OPTION: True})
                return self
            except OperationalError as error:
                self.session.close()
                waited = time.monotonic() - started
                if not lost_a_race(error):
                    raise
                if waited >= DEADLINE:
                    raise _busy(waited) from None
            except BaseException:
                self.session.close()
                raise
            time.sleep(min(0.05 * 2 ** min(attempt, 5), 1.0) * (0.5 + random.random()))  # noqa: S311
        raise _busy(time.monotonic() - started)

    def __exit__(self, *exc_info) -> None:
        self.session.rollback()
        self.session.close()

    def reader(self) -> Session:
        """A session for a read that takes no write lock (a long job's one snapshot): writers never wait on it."""
        return self._sessions()

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()


def _busy(waited: float) -> DatabaseError:
    return DatabaseError(f"The database stayed busy for {waited:.0f} s: another program holds it locked. "
                         "Try again later.")
