"""`verify backup` and `verify restore`: a restored backup holds every row of every table, a backup taken
while another process writes is consistent, and a restore never overwrites data or takes a stranger's file
by accident."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy.exc
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from tests.factories import new_claim
from tests.reliability.helpers import counts, snapshot
from verify.cli import main
from verify.db import migrate
from verify.db.backup import backup, restore
from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork
from verify.errors import DatabaseError
from verify.services import log_claim, retract_claim, run_matcher
from verify.services.demo import load_demo


def cli(database_url: str, *args: str):
    return CliRunner().invoke(main, ["--db", database_url, "--user", "ana", *args], catch_exceptions=False)


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template):
    import shutil

    shutil.copy(sqlite_template, tmp_path / "live.db")
    return f"sqlite:///{tmp_path / 'live.db'}"


def test_a_restored_backup_holds_every_row_of_every_table(sqlite_url, tmp_path, now):
    engine = make_engine(sqlite_url)
    uow = lambda: UnitOfWork(session_factory(engine))  # noqa: E731
    load_demo(uow(), now=now)
    run_matcher(uow(), now=now)
    retract_claim(uow(), "demo-c1", actor="ana", now=now, reason="logged twice")
    before = snapshot(engine)
    assert all(before[table] for table in ("sources", "claims", "announcements", "matches", "events"))

    result = cli(sqlite_url, "backup", str(tmp_path / "saved.db"))
    assert result.exit_code == 0 and "Backed up" in result.output
    restored_url = f"sqlite:///{tmp_path / 'restored.db'}"
    result = cli(restored_url, "restore", str(tmp_path / "saved.db"))
    assert result.exit_code == 0, result.output
    assert "verify init" not in result.output
    restored = make_engine(restored_url)
    assert snapshot(restored) == before
    migrate.ensure_current(restored)
    engine.dispose()
    restored.dispose()


def test_restore_refuses_to_overwrite_data_without_force(sqlite_url, tmp_path, now):
    engine = make_engine(sqlite_url)
    log_claim(UnitOfWork(session_factory(engine)), new_claim(), actor="ana", now=now)
    assert cli(sqlite_url, "backup", str(tmp_path / "saved.db")).exit_code == 0
    log_claim(UnitOfWork(session_factory(engine)), new_claim(text="A second rumor"), actor="ana", now=now)

    refused = cli(sqlite_url, "restore", str(tmp_path / "saved.db"))
    assert refused.exit_code == 3 and "--force" in refused.output
    assert counts(engine)["claims"] == 2
    assert cli(sqlite_url, "restore", str(tmp_path / "saved.db"), "--force").exit_code == 0
    assert counts(engine)["claims"] == 1
    engine.dispose()


def test_backup_refuses_to_overwrite_a_file_without_force(sqlite_url, tmp_path):
    target = tmp_path / "saved.db"
    target.write_text("my notes")
    result = cli(sqlite_url, "backup", str(target))
    assert result.exit_code == 3 and "--force" in result.output
    assert target.read_text() == "my notes"
    assert cli(sqlite_url, "backup", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize("content, message", [
    (b"not a database at all", "not a SQLite database"),
    (None, "not a verify database"),
    (b"", "not a SQLite database"),
])
def test_restore_accepts_only_a_verify_database(tmp_path, content, message):
    stranger = tmp_path / "stranger.db"
    if content is None:
        with sqlite3.connect(stranger) as connection:
            connection.execute("CREATE TABLE claims (id INTEGER PRIMARY KEY)")
        connection.close()
    else:
        stranger.write_bytes(content)
    target = tmp_path / "new.db"
    result = cli(f"sqlite:///{target}", "restore", str(stranger))
    assert result.exit_code == 5 and message in result.output and "Traceback" not in result.output
    assert not target.exists() or target.stat().st_size == 0


def test_a_backup_from_a_newer_verify_is_refused(tmp_path, sqlite_url):
    saved = tmp_path / "saved.db"
    backup(sqlite_url, saved)
    with sqlite3.connect(saved) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    with pytest.raises(DatabaseError, match="9999.*does not know"):
        restore(f"sqlite:///{tmp_path / 'new.db'}", saved)


def test_a_backup_at_an_older_schema_is_restored_then_init_upgrades_it(tmp_path, now):
    old_url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate.upgrade(old_url, "0001")
    saved = tmp_path / "old-backup.db"
    backup(old_url, saved)
    new_url = f"sqlite:///{tmp_path / 'new.db'}"
    result = cli(new_url, "restore", str(saved))
    assert result.exit_code == 0 and "run verify init" in result.output
    assert cli(new_url, "init").exit_code == 0
    engine = make_engine(new_url)
    migrate.ensure_current(engine)
    engine.dispose()


def test_postgresql_backups_point_to_pg_dump_and_pg_restore():
    url = "postgresql://postgres@127.0.0.1:5432/anything"
    for command in ("backup", "restore"):
        result = cli(url, command, "somewhere.dump")
        assert result.exit_code == 5
        assert "pg_dump -Fc" in result.output and "pg_restore --clean" in result.output


def _keep_logging(url: str, started, stop) -> None:
    engine = make_engine(url)
    sessions = session_factory(engine)
    number = 0
    while not stop.is_set():
        log_claim(UnitOfWork(sessions), new_claim(text=f"Rumor number {number} for July"), actor="writer",
                  now=datetime.now(UTC))
        number += 1
        if number == 5:
            started.set()
    engine.dispose()


@pytest.mark.slow
def test_a_backup_taken_while_another_process_writes_is_consistent(sqlite_url, tmp_path):
    context = multiprocessing.get_context("fork")
    started, stop = context.Event(), context.Event()
    writer = context.Process(target=_keep_logging, args=(sqlite_url, started, stop))
    writer.start()
    try:
        assert started.wait(30), "the writer never started"
        copies = []
        for number in range(4):
            copies.append(backup(sqlite_url, tmp_path / f"during-{number}.db"))
            time.sleep(0.1)
    finally:
        stop.set()
        writer.join(30)
    assert writer.exitcode == 0
    seen = []
    for copy in copies:
        engine = make_engine(f"sqlite:///{copy.path}")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            claims = connection.exec_driver_sql("SELECT count(*) FROM claims").scalar_one()
            logged = connection.exec_driver_sql("SELECT count(*) FROM events WHERE kind = 'logged'").scalar_one()
        engine.dispose()
        assert claims == logged >= 5  # every claim with its event: no half-written transaction
        seen.append(claims)
    assert seen == sorted(seen) and seen[-1] > seen[0], f"the writer did not write during the backups: {seen}"


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_a_backup_is_never_written_over_any_file_of_the_live_database(sqlite_url, suffix):
    database = Path(make_url(sqlite_url).database)
    live = database.with_name(database.name + suffix)
    engine = make_engine(sqlite_url)
    with engine.connect():  # an open connection keeps -wal and -shm in place
        if not live.exists():
            live.write_bytes(b"")
        before = live.read_bytes()
        result = cli(sqlite_url, "backup", str(live), "--force")
        assert result.exit_code == 3 and "a backup cannot be written over" in result.output
        assert live.read_bytes() == before
    engine.dispose()


def test_a_backup_reached_through_a_link_to_the_wal_file_is_refused_too(sqlite_url, tmp_path):
    database = Path(make_url(sqlite_url).database)
    engine = make_engine(sqlite_url)
    with engine.connect():
        link = tmp_path / "innocent.db"
        link.symlink_to(database.with_name(database.name + "-wal"))
        result = cli(sqlite_url, "backup", str(link), "--force")
        assert result.exit_code == 3 and "-wal file" in result.output
    engine.dispose()


def test_a_fifo_or_a_device_is_never_replaced_even_with_force(sqlite_url, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for special in (fifo, Path("/dev/null")):
        result = cli(sqlite_url, "backup", str(special), "--force")
        assert result.exit_code == 3 and "never replaced" in result.output, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_restore_refuses_a_backup_whose_append_only_triggers_were_dropped(sqlite_url, tmp_path, now):
    engine = make_engine(sqlite_url)
    log_claim(UnitOfWork(session_factory(engine)), new_claim(), actor="ana", now=now)
    saved = tmp_path / "saved.db"
    backup(sqlite_url, saved)
    with sqlite3.connect(saved) as connection:
        connection.execute("DROP TRIGGER events_no_update")
        connection.execute("UPDATE events SET actor = 'someone else'")
    connection.close()
    before = snapshot(engine)
    result = cli(sqlite_url, "restore", str(saved), "--force")
    assert result.exit_code == 5 and "append-only" in result.output
    assert snapshot(engine) == before
    engine.dispose()


def test_restore_refuses_a_damaged_backup_before_replacing_anything(sqlite_url, tmp_path, now):
    engine = make_engine(sqlite_url)
    log_claim(UnitOfWork(session_factory(engine)), new_claim(), actor="ana", now=now)
    saved = tmp_path / "saved.db"
    backup(sqlite_url, saved)
    with sqlite3.connect(saved) as connection:
        page = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()[0]
    connection.close()
    data = bytearray(saved.read_bytes())
    start = (root - 1) * page
    data[start: start + 64] = b"\x0d" + b"\xff" * 63  # the claims table's first page: a broken b-tree header
    saved.write_bytes(bytes(data))
    before = snapshot(engine)
    result = cli(sqlite_url, "restore", str(saved), "--force")
    assert result.exit_code == 5 and "Traceback" not in result.output
    assert snapshot(engine) == before
    engine.dispose()


def test_init_puts_back_the_append_only_triggers_when_they_are_missing(sqlite_url, now):
    engine = make_engine(sqlite_url)
    log_claim(UnitOfWork(session_factory(engine)), new_claim(), actor="ana", now=now)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER events_no_update")
        connection.exec_driver_sql("DROP TRIGGER events_no_delete")
    result = cli(sqlite_url, "init")
    assert result.exit_code == 0 and "append-only" in result.output
    with pytest.raises(sqlalchemy.exc.IntegrityError), engine.begin() as connection:
        connection.exec_driver_sql("UPDATE events SET actor = 'someone else'")
    engine.dispose()


def test_a_backup_that_cannot_be_written_leaves_nothing_behind(sqlite_url, tmp_path, monkeypatch):
    def full_disk(path, **options):  # the copy was being written when the disk filled up
        assert path.exists()
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("verify.db.backup._check_verify_database", full_disk)
    result = cli(sqlite_url, "backup", str(tmp_path / "saved.db"))
    assert result.exit_code == 5 and "disk is full" in result.output and "nothing was written" in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["live.db"]


def test_init_puts_back_the_append_only_triggers_on_either_database(database_url, engine, backend):
    with engine.begin() as connection:
        if backend == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER events_no_update")
        else:
            connection.exec_driver_sql("DROP TRIGGER events_append_only ON events")
    result = cli(database_url, "init")
    assert result.exit_code == 0 and "append-only" in result.output
    log_claim(UnitOfWork(session_factory(engine)), new_claim(), actor="ana", now=datetime.now(UTC))
    with pytest.raises(sqlalchemy.exc.DatabaseError), engine.begin() as connection:
        connection.exec_driver_sql("UPDATE events SET actor = 'someone else'")
