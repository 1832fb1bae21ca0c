"""A moment recorded in the newsroom's zone is stored as the same instant on SQLite (which keeps no zone)
and PostgreSQL, so the CLI and the dashboard, or two newsrooms' machines, order events alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select

from verify.db.models import Event
from verify.db.repository import record_event

BERLIN_SUMMER = timezone(timedelta(hours=2))


def test_a_moment_with_a_zone_reads_back_as_the_same_instant_in_utc(sessions):
    local = datetime(2024, 7, 1, 9, 0, tzinfo=BERLIN_SUMMER)
    with sessions() as session:
        record_event(session, "note", actor="ada", now=local, evidence={})
        session.commit()
    with sessions() as session:
        stored = session.scalar(select(Event.recorded_at).where(Event.kind == "note"))
    assert stored == local and stored.tzinfo is not None and stored.utcoffset() == timedelta(0)


def test_moments_from_two_zones_are_ordered_by_instant_in_sql(sessions):
    earlier_in_berlin = datetime(2024, 7, 1, 10, 0, tzinfo=BERLIN_SUMMER)  # 08:00 UTC
    later_in_utc = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)
    with sessions() as session:
        record_event(session, "note", actor="later", now=later_in_utc, evidence={})
        record_event(session, "note", actor="earlier", now=earlier_in_berlin, evidence={})
        session.commit()
    with sessions() as session:
        assert list(session.scalars(select(Event.actor).order_by(Event.recorded_at))) == ["earlier", "later"]
        assert list(session.scalars(select(Event.actor).where(
            Event.recorded_at < datetime(2024, 7, 1, 8, 30, tzinfo=UTC)))) == ["earlier"]
