"""One user action, one unit of work, one transaction: nothing is written unless `commit()` is called."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """Wraps a session; leaving the block without `commit()` rolls everything back."""

    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        return self

    def __exit__(self, *exc_info) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()
