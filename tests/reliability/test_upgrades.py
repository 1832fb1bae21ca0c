"""Upgrading from every released schema to head keeps every row, and downgrading back keeps that schema's
rows. Parametrised over migrations/versions, so a new migration is covered without editing this file.

Rows are written with plain SQL (SQLAlchemy Core over the tables as they are at that revision), not the
models, which only know the newest schema.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, MetaData, String, Text, select

from verify.db import migrate
from verify.db.engine import make_engine

pytestmark = pytest.mark.slow
REVISIONS = [script.revision for script in reversed(list(
    ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).walk_revisions()))]
ROWS_PER_TABLE = 3
# Values that CHECK constraints require; anything else gets a generic value of its type.
CONSTRAINED = {"kind": {"sources": "outlet", "entity_aliases": "org"}, "decision": {"matches": "proposed"},
               "confidence": {"claims": 0.5}}
# The term indexes are derived from the texts, and a migration may rebuild them (0005 does, when tokenizing
# changed): they are compared nowhere here; tests/integration/test_migration_000[45].py check their content.
# The store versions are tokens that triggers change on every write (tests/integration/test_caches_*).
DERIVED_TABLES = {"claim_terms", "announcement_terms", "store_versions"}
DERIVED_COLUMNS = {("claims", "term_count")}


def _value(table, column, number: int):
    if column.name in CONSTRAINED and table.name in CONSTRAINED[column.name]:
        return CONSTRAINED[column.name][table.name]
    if column.foreign_keys:
        return None if column.name == "duplicate_of_id" else number  # row n points to row n
    kind = type(column.type)
    if issubclass(kind, Boolean):
        return number % 2 == 0
    if issubclass(kind, Integer):
        return number
    if issubclass(kind, Float):
        return number / 10
    if issubclass(kind, DateTime):
        return datetime(2022, 3, number, 12, 30, tzinfo=UTC)
    if issubclass(kind, Date):
        return date(2022, 3, number)
    if issubclass(kind, JSON):
        return {"row": number, "text": "naïve «quoted»"}
    if issubclass(kind, String | Text):
        width = getattr(column.type, "length", None) or 50
        return f"{table.name}.{column.name} #{number} ✓"[:width]
    raise AssertionError(f"add a value for {table.name}.{column.name} ({column.type}) to test_upgrades")


def _fill(engine) -> None:
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [{column.name: _value(table, column, number) for column in table.columns}
                    for number in range(1, ROWS_PER_TABLE + 1)]
            connection.execute(table.insert(), rows)


def _read(engine, columns_of: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    metadata = MetaData()
    metadata.reflect(engine)
    names = columns_of or {name: [c.name for c in table.columns if (name, c.name) not in DERIVED_COLUMNS]
                           for name, table in metadata.tables.items()
                           if name != "alembic_version" and name not in DERIVED_TABLES}
    with engine.connect() as connection:
        return {name: [tuple(row) for row in connection.execute(
            select(*(metadata.tables[name].c[column] for column in columns))
            .order_by(*metadata.tables[name].primary_key.columns))]
            for name, columns in names.items()}


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrading_to_head_and_back_keeps_every_row(empty_database_url, revision):
    migrate.upgrade(empty_database_url, revision)
    engine = make_engine(empty_database_url)
    try:
        _fill(engine)
        stored = _read(engine)
        columns_of = {name: _columns(engine, name) for name in stored}
        assert all(len(rows) == ROWS_PER_TABLE for rows in stored.values())

        migrate.upgrade(empty_database_url, "head")
        engine.dispose()
        assert _read(engine, columns_of) == stored, f"upgrading from {revision} to head changed rows"

        migrate.downgrade(empty_database_url, revision)
        engine.dispose()
        assert _read(engine) == stored, f"downgrading back to {revision} changed rows"
    finally:
        engine.dispose()


def _columns(engine, name: str) -> list[str]:
    metadata = MetaData()
    metadata.reflect(engine, only=[name])
    return [column.name for column in metadata.tables[name].columns if (name, column.name) not in DERIVED_COLUMNS]


def test_every_revision_is_listed():
    assert REVISIONS[0] == "0001" and len(REVISIONS) == len(set(REVISIONS)) >= 2
