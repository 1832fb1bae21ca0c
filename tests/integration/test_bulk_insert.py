"""Rows handed to the driver at once (SQLite executemany, PostgreSQL COPY) are stored exactly as SQLAlchemy's
own INSERT stores them: dates, moments, JSON, flags, texts with tabs and backslashes, NULLs and defaults."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import IntegrityError

from verify.db.bulk_insert import insert_many, insert_values
from verify.db.models import Event, Source
from verify.db.retry import lost_a_race

AWKWARD = ["plain", "tab\there", "back\\slash", "new\nline", "quote ' and \"", "é ü 中文", "\\N", ""]


def source_rows(prefix: str) -> list[dict]:
    moments = [datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=UTC), datetime(2024, 3, 1, 9, 0),  # naive = UTC
               datetime(2024, 3, 1, 23, 0, tzinfo=timezone(timedelta(hours=-5)))]
    return [{"name": f"{prefix} {i} {word}", "confidential": bool(i % 3), "created_at": moments[i % 3],
             "name_key": None if i % 2 else word} for i, word in enumerate(AWKWARD)]  # kind left out: its default


def event_rows(source_ids: list[int]) -> list[tuple]:
    return [("logged", None, None, source_id, "pending" if i % 2 else None, date(2024, 1 + i % 12, 28),
             datetime(2024, 5, 1, 8, i, tzinfo=UTC), "ana", AWKWARD[i % len(AWKWARD)] or None,
             {"window": {"start": "2024-07-01", "note": AWKWARD[i % len(AWKWARD)]}, "n": i} if i % 4 else None)
            for i, source_id in enumerate(source_ids)]


EVENT_COLUMNS = ("kind", "claim_id", "match_id", "source_id", "status", "effective_on", "recorded_at", "actor",
                 "reason", "evidence")


def stored(session, table, order_by: str) -> list[tuple]:
    """The raw stored values, as the database gives them back as text (what either way of inserting left)."""
    columns = [column.name for column in table.columns if column.name != "id"]
    casts = ", ".join(f"CAST({name} AS TEXT)" for name in columns)
    return [tuple(row) for row in session.execute(text(f"SELECT {casts} FROM {table.name} ORDER BY {order_by}"))]  # noqa: S608


def test_rows_handed_to_the_driver_are_stored_as_sqlalchemy_stores_them(uow):
    with uow() as unit:
        session = unit.session
        session.execute(insert(Source.__table__), source_rows("orm"))
        insert_many(session, Source.__table__, source_rows("bulk"))
        ids = dict(session.execute(select(Source.name, Source.id)).all())
        by_way = {way: [ids[row["name"]] for row in source_rows(way)] for way in ("orm", "bulk")}
        session.execute(insert(Event.__table__), [dict(zip(EVENT_COLUMNS, row, strict=True))
                                                  for row in event_rows(by_way["orm"])])
        insert_values(session, Event.__table__, EVENT_COLUMNS, event_rows(by_way["bulk"]))
        unit.commit()
    with uow() as unit:
        sources = stored(unit.session, Source.__table__, "id")
        events = stored(unit.session, Event.__table__, "id")
    half = len(AWKWARD)
    assert [row[1:] for row in sources[:half]] == [row[1:] for row in sources[half:]]  # all but the name
    assert [row[0].replace("orm", "bulk", 1) for row in sources[:half]] == [row[0] for row in sources[half:]]
    assert {row[1] for row in sources[half:]} == {"outlet"}  # the column's default, given to the bulk rows too
    orm_events, bulk_events = events[:half], events[half:]
    assert [row[:3] + row[4:] for row in orm_events] == [row[:3] + row[4:] for row in bulk_events]
    assert len(bulk_events) == half


def test_no_rows_write_nothing(uow):
    with uow() as unit:
        insert_many(unit.session, Source.__table__, [])
        insert_values(unit.session, Event.__table__, EVENT_COLUMNS, [])
        unit.commit()
    with uow() as unit:
        assert unit.session.scalar(select(Source.id)) is None


def test_a_row_that_breaks_a_unique_key_is_sqlalchemys_integrity_error_so_a_lost_race_is_retried(uow):
    with uow() as unit:
        insert_many(unit.session, Source.__table__, source_rows("taken")[:1])
        unit.commit()
    with pytest.raises(IntegrityError) as raised, uow() as unit:
        insert_many(unit.session, Source.__table__, source_rows("taken")[:1])
    assert lost_a_race(raised.value)


def test_rows_of_a_single_column_are_inserted_as_rows_of_several_are(sessions):
    table = Table("one_column_rows", MetaData(), Column("name", String(20)))
    with sessions() as session:
        table.create(session.connection())
        insert_many(session, table, [{"name": "a"}, {"name": "tab\there"}])
        assert sorted(session.scalars(select(table.c.name))) == ["a", "tab\there"]
        session.rollback()
