"""On SQLite a writer waits its turn for the write lock for as long as it takes (up to the deadline), even
past SQLite's busy timeout, and a unit of work that only reads never waits for it at all.

Found by the eight-writer stress test: on a busy machine a `verify feed poll` waited more than the 30 s
busy timeout behind the other writers and ended with "unexpected OperationalError: database is locked";
its first step, and every command's check for owed follow-ups, only read, yet queued for the lock.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy.engine import make_url

from verify.db import engine as engines
from verify.db import uow as units
from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork
from verify.errors import DatabaseError
from verify.services.followup import owed_follow_ups


@pytest.fixture
def impatient(monkeypatch, tmp_path, sqlite_template):
    """A database whose busy timeout is 0.2 s, and a way to hold its write lock from another connection."""
    path = tmp_path / "verify.db"
    with sqlite3.connect(sqlite_template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    monkeypatch.setattr(engines, "SQLITE_BUSY_TIMEOUT_MS", 200)
    engine = make_engine(f"sqlite:///{path}")

    def hold_the_lock(seconds: float) -> threading.Thread:
        taken = threading.Event()

        def hold():
            connection = sqlite3.connect(make_url(str(engine.url)).database, isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
            taken.set()
            time.sleep(seconds)
            connection.execute("ROLLBACK")
            connection.close()

        thread = threading.Thread(target=hold)
        thread.start()
        taken.wait(5)
        return thread

    yield engine, hold_the_lock
    engine.dispose()


def test_a_writer_waits_past_the_busy_timeout_until_the_lock_is_free(impatient):
    engine, hold_the_lock = impatient
    holder = hold_the_lock(1.0)  # five busy timeouts
    started = time.monotonic()
    with UnitOfWork(session_factory(engine)) as uow:
        uow.session.connection().exec_driver_sql("CREATE TABLE probe (id INTEGER)")
        uow.commit()
    assert time.monotonic() - started >= 0.7
    holder.join()


def test_a_writer_still_locked_out_at_the_deadline_gets_one_clear_error(impatient, monkeypatch):
    engine, hold_the_lock = impatient
    monkeypatch.setattr(units, "DEADLINE", 0.5)
    holder = hold_the_lock(1.5)
    with pytest.raises(DatabaseError, match="stayed busy"), UnitOfWork(session_factory(engine)):
        pass
    holder.join()


def test_reading_what_is_owed_never_waits_for_the_write_lock(impatient):
    engine, hold_the_lock = impatient
    holder = hold_the_lock(1.5)
    started = time.monotonic()
    assert owed_follow_ups(UnitOfWork(session_factory(engine))) == []
    assert time.monotonic() - started < 0.5
    holder.join()
