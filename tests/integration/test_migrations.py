import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from verify.db import migrate
from verify.db.engine import make_engine
from verify.errors import DatabaseError

TABLES = {"sources", "claims", "announcements", "matches", "events"}


def tables(url):
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_round_trips(empty_database_url):
    migrate.upgrade(empty_database_url)
    assert tables(empty_database_url) >= TABLES
    migrate.downgrade(empty_database_url, "base")
    assert tables(empty_database_url) == set()
    migrate.upgrade(empty_database_url)
    assert tables(empty_database_url) >= TABLES


def test_models_and_migrations_agree(database_url):
    command.check(migrate.alembic_config(database_url))


def test_events_cannot_be_updated_or_deleted(engine, uow, now):
    from tests.factories import new_claim
    from verify.services import log_claim

    log_claim(uow(), new_claim(), actor="ana", now=now)
    for statement in ("UPDATE events SET actor = 'mallory'", "DELETE FROM events"):
        with engine.connect() as connection, pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM events")).scalar_one() == "ana"


def test_a_database_that_was_never_initialised_gets_a_clear_error(empty_database_url):
    engine = make_engine(empty_database_url)
    with pytest.raises(DatabaseError, match="verify init"):
        migrate.ensure_current(engine)
    engine.dispose()


def test_the_head_read_from_the_migration_files_is_alembics_head():
    assert migrate.shipped_head() == migrate.head_revision("sqlite://") is not None


def test_the_follow_ups_owed_are_found_through_the_kind_index_not_by_reading_every_event(engine):
    """Every command asks this when it opens the database (`owed_follow_ups`): it must not grow with history."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan is checked on SQLite, whose planner uses an index whenever one fits")
    with engine.connect() as connection:
        for kind in ("follow_up_owed", "follow_up_done"):
            plan = connection.execute(text("EXPLAIN QUERY PLAN SELECT id, evidence FROM events WHERE kind = :kind "
                                           "ORDER BY id"), {"kind": kind}).all()
            assert any("ix_events_kind_id" in row[-1] for row in plan), plan
