"""SIGKILL at random points of `verify init` upgrading an older SQLite database (0003 -> head): the database
is never bricked. It is left at the previous schema or at head, never between, and the next `verify init`
completes the upgrade.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import MetaData

from tests.reliability.helpers import VERIFY
from verify.db import migrate
from verify.db.engine import make_engine

pytestmark = pytest.mark.slow
CLAIMS = 1500
KILLS = 8


@pytest.fixture(scope="module")
def old_database(tmp_path_factory):
    """A database at schema 0003 with enough claims that the upgrade's backfills take a while."""
    path = tmp_path_factory.mktemp("old") / "old.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url, "0003")
    engine = make_engine(url)
    tables = MetaData()
    tables.reflect(engine)
    now = datetime(2022, 3, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(tables.tables["sources"].insert(), [
            {"id": 1, "name": "Wire", "kind": "outlet", "confidential": False, "created_at": now}])
        connection.execute(tables.tables["claims"].insert(), [
            {"id": n, "text": f"Rumor {n}: Nordwind will launch the model {n} phone in July with Leica",
             "source_id": 1, "published": date(2022, 3, 1), "logged_by": "ana", "logged_at": now,
             "status": "pending", "dedupe_key": f"k{n}", "window_by_hand": False} for n in range(1, CLAIMS + 1)])
    engine.dispose()
    return path


def _state(path) -> tuple[str, str, set[str], set[str]]:
    with sqlite3.connect(path) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(claims)")}
    return check, revision, tables, columns


def _timed_init(path) -> float:
    started = time.monotonic()
    subprocess.run([*VERIFY, "--db", f"sqlite:///{path}", "init"], check=True, capture_output=True, timeout=300)
    return time.monotonic() - started


def test_a_killed_upgrade_leaves_the_old_schema_or_the_new_one_and_the_next_init_completes_it(old_database,
                                                                                              tmp_path):
    head = migrate.head_revision("sqlite://")
    probe = tmp_path / "probe.db"
    shutil.copy(old_database, probe)
    duration = _timed_init(probe)
    rng = random.Random(int(os.environ.get("VERIFY_KILL_SEED", "19")))
    seen = set()
    for number in range(KILLS):
        path = tmp_path / f"killed{number}.db"
        shutil.copy(old_database, path)
        process = subprocess.Popen([*VERIFY, "--db", f"sqlite:///{path}", "init"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 0.95) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        check, revision, tables, columns = _state(path)
        assert check == "ok"
        assert revision in {"0003", head}, f"kill {number}: left at {revision}"
        if revision == "0003":  # nothing of the later migrations applied
            assert "term_count" not in columns and "claim_terms" not in tables, f"kill {number}: half upgraded"
        seen.add(revision)
        done = subprocess.run([*VERIFY, "--db", f"sqlite:///{path}", "init"], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        check, revision, tables, columns = _state(path)
        assert (check, revision) == ("ok", head) and "term_count" in columns
        with sqlite3.connect(path) as connection:
            assert connection.execute("SELECT count(*) FROM claims").fetchone()[0] == CLAIMS
    assert "0003" in seen  # at least one kill landed inside the upgrade
