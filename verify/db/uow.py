"""One user action, one unit of work, one transaction: nothing is written unless `commit()` is called."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from verify.db.engine import WRITE_LOCK_OPTION


class UnitOfWork:
    """Wraps a session; leaving the block without `commit()` rolls everything back.

    On SQLite the transaction starts with the write lock (BEGIN IMMEDIATE, waiting up to the busy timeout
    for another writer to finish), so concurrent writers take turns instead of failing halfway.
    """

    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        try:
            if self.session.get_bind().dialect.name == "sqlite":
                self.session.connection(execution_options={WRITE_LOCK_OPTION: True})
        except BaseException:
            self.session.close()
            raise
        return self

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
