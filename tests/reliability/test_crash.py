"""A `verify import` killed with SIGKILL in the middle of writing leaves the database exactly as it was
(one transaction: all or nothing), and running the same command again completes the import.

The killed process is the real command in its own process. We kill it once its write transaction has
begun: on SQLite when the write lock is held, on PostgreSQL when its backend holds a write lock on claims.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.factories import new_claim
from tests.reliability.helpers import VERIFY, claim_rows, counts, run_verify, snapshot, write_jsonl
from verify.services import log_claim

pytestmark = pytest.mark.slow
ROWS = 1_500  # a transaction of ~2 s to kill; the re-run also matches every new claim (slow: see report)


def _sqlite_writer_active(url: str) -> bool:
    connection = sqlite3.connect(make_url(url).database, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.rollback()
        return False
    except sqlite3.OperationalError:  # "database is locked": someone holds the write lock
        return True
    finally:
        connection.close()


def _postgres_writer_active(engine) -> bool:
    with engine.connect() as connection:
        return connection.execute(text(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() "
            "AND l.relation = 'claims'::regclass AND l.mode = 'RowExclusiveLock'")).scalar_one() > 0


def test_an_import_killed_mid_write_leaves_nothing_and_the_next_run_completes_it(
        database_url, engine, uow, now, tmp_path, backend):
    log_claim(uow(), new_claim(external_id="before"), actor="ana", now=now)
    before = snapshot(engine)
    path = write_jsonl(tmp_path / "big.jsonl", claim_rows(ROWS, prefix="big"))
    writing = ((lambda: _sqlite_writer_active(database_url)) if backend == "sqlite"
               else (lambda: _postgres_writer_active(engine)))

    process = subprocess.Popen([*VERIFY, "--db", database_url, "--user", "importer", "import", "claims",
                                str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not writing():
        assert process.poll() is None, f"the import ended before we saw it write: {process.communicate()}"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert process.returncode == -signal.SIGKILL

    if backend == "postgresql":  # the server aborts the dead client's transaction when its socket closes
        deadline = time.monotonic() + 10
        while _postgres_writer_active(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert snapshot(engine) == before, "a killed import left rows behind"

    finished = run_verify(database_url, "import", "claims", str(path), user="importer", timeout=240)
    assert finished.returncode == 0, finished.stderr
    assert f"Imported {ROWS} new claims; 0 already stored" in finished.stdout
    assert counts(engine)["claims"] == ROWS + 1
    with engine.connect() as connection:
        logged = connection.execute(text("SELECT count(*) FROM events WHERE kind = 'logged' "
                                         "AND actor = 'importer'")).scalar_one()
    assert logged == ROWS
