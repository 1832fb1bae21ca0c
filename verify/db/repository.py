"""Look-ups and the one way to append an event. Sessions come from the caller's unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, any_, bindparam, func, select, text
from sqlalchemy.orm import Session

from verify.core.confidential import identity_key
from verify.db.bulk_insert import insert_many
from verify.db.models import Announcement, Claim, Event, Match, Source
from verify.errors import NotFound

IN_LIST = 500  # ids or terms per IN list: well inside every backend's parameter limit


def chunks(values: list) -> list[list]:
    """`values` in slices of `IN_LIST`, one query each."""
    return [values[start:start + IN_LIST] for start in range(0, len(values), IN_LIST)]


def one_of(session: Session, column, values: Sequence) -> list[ColumnElement[bool]]:
    """`column IN values` as conditions, one query each. On PostgreSQL a single `column = ANY(array)`: one
    statement of fixed text however many values, so psycopg keeps its parsed form (it re-parses any statement
    with more than 50 parameters, milliseconds for a long IN list) and the server plans it once. Elsewhere IN
    lists of `IN_LIST`. (The generic ARRAY, which PostgreSQL's dialect adapts: importing its own would load
    every PostgreSQL driver module, asyncio among them, in each SQLite process.)"""
    values = list(values)
    if not values:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return [column == any_(bindparam(None, values, type_=ARRAY(column.type)))]
    return [column.in_(chunk) for chunk in chunks(values)]


def present(session: Session, column, values: Sequence) -> set:
    """Which of these values `column` holds (an import's external ids and dedupe keys: is the row stored?).
    On SQLite, for a column the driver reads and writes as it is (text), each IN list of `IN_LIST` goes
    straight to the driver as a statement SQLAlchemy compiled once per length: through `session.scalars`,
    expanding and caching the 500 parameters of each query cost three times what SQLite takes to answer it
    (2.5 s of an archive of 100,000 claims, looked up while checking and again while writing). Elsewhere,
    and for other types, `one_of`'s queries."""
    values = sorted(set(values))
    connection = session.connection()
    dialect = connection.dialect
    impl = column.type.dialect_impl(dialect)
    if dialect.name != "sqlite" or impl.bind_processor(dialect) or impl.result_processor(dialect, None):
        return {value for among in one_of(session, column, values) for value in session.scalars(select(column)
                                                                                                .where(among))}
    found: set = set()
    for chunk in chunks(values):
        found.update(value for (value,) in connection.exec_driver_sql(_in_list(dialect, column, len(chunk)),
                                                                      tuple(chunk)))
    return found


@lru_cache(maxsize=64)
def _in_list(dialect, column, count: int) -> str:
    """`SELECT column FROM its table WHERE column IN (?, ..., ?)` with `count` marks, as SQLAlchemy writes it."""
    statement = select(column).where(column.in_([None] * count))
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    return compiled.string


def counts_by(session: Session, column, values: Sequence) -> dict:
    """How many rows hold each of these values in `column` (absent when none): a term's document frequency
    is a count over its range of a term index's primary key."""
    found: dict = {}
    for among in one_of(session, column, sorted(set(values))):
        found.update(session.execute(select(column, func.count()).where(among).group_by(column)).all())
    return found


def source_named(session: Session, name: str) -> Source | None:
    """The source of this name, however it is spelled (case, accents, invisible or full-width characters)."""
    exact = session.scalar(select(Source).where(Source.name == name))
    if exact is not None:
        return exact
    key = identity_key(name)
    return session.scalar(select(Source).where(Source.name_key == key).order_by(Source.id).limit(1)) if key else None


def get_or_create_source(session: Session, name: str, *, kind: str, now: datetime) -> Source:
    source = source_named(session, name)
    if source is None:
        source = Source(name=name, kind=kind, confidential=False, created_at=now)
        session.add(source)
        session.flush()
    return source


def find_source(session: Session, reference: str) -> Source:
    source = source_named(session, reference)
    if source is None and reference.isdigit():
        source = session.get(Source, int(reference))
    if source is None:
        raise NotFound(f"No source named {reference!r}. `verify sources` lists them.")
    return source


def find_claim(session: Session, reference: str | int) -> Claim:
    """A claim by its external id, or by its number."""
    return _find(session, Claim, reference, "claim", "`verify claims` lists them with their ids")


def find_announcement(session: Session, reference: str | int) -> Announcement:
    return _find(session, Announcement, reference, "announcement", "`verify export announcements` lists them")


def _find(session: Session, model, reference: str | int, noun: str, hint: str):
    text = str(reference).strip()
    row = session.scalar(select(model).where(model.external_id == text))
    if row is None and text.isdigit():
        row = session.get(model, int(text))
    if row is None:
        raise NotFound(f"No {noun} with id or external id {text!r}: {hint}.")
    return row


def find_match(session: Session, claim: Claim, announcement: Announcement) -> Match | None:
    return session.scalar(
        select(Match).where(Match.claim_id == claim.id, Match.announcement_id == announcement.id)
    )


def record_event(session: Session, kind: str, *, actor: str, now: datetime, claim: Claim | None = None,
                 match: Match | None = None, source: Source | None = None, status: str | None = None,
                 effective_on: date | None = None, reason: str | None = None,
                 evidence: dict[str, Any] | None = None) -> Event:
    """Append to the audit trail; a status change also moves the claim's stored status."""
    recorded_at = _after_previous(session, claim, now) if claim is not None else now
    event = Event(
        kind=kind, actor=actor, recorded_at=recorded_at, status=status, effective_on=effective_on, reason=reason,
        evidence=evidence, claim_id=claim.id if claim else None, match_id=match.id if match else None,
        source_id=source.id if source else None,
    )
    session.add(event)
    if claim is not None and status is not None:
        claim.status = status
    session.flush()
    return event


def record_events(session: Session, rows: Sequence[dict[str, Any]], *, now: datetime) -> None:
    """Append many events (their column values, each with the same keys) with one INSERT, in the given order
    (a batch of proposals): the same rows as `record_event` one at a time, each claim locked once and its
    events recorded after its latest. Plain values, not objects: nothing reads them back in the action."""
    claim_ids = sorted({row["claim_id"] for row in rows if row["claim_id"] is not None})
    latest = _latest_recorded(session, claim_ids)
    for row in rows:
        row["recorded_at"] = _not_before(latest.get(row["claim_id"]), now) if row["claim_id"] is not None else now
    # the driver's own batch, as for the proposals' rows: for a new announcement's ~45 proposals on PostgreSQL,
    # this function took 4.8-5.7 ms a call with the ORM's bulk insert, 4.1-4.6 ms with this
    insert_many(session, Event.__table__, rows)


def insert_returning_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert many rows and return their ids in order. The ids are chosen first, so the rows go to the driver
    at once (`insert_many`): `INSERT ... RETURNING` in parameter order falls back on SQLite to one statement
    per row, and splices the results back in time quadratic in the rows (30 s for 10,000 proposals)."""
    if not rows:
        return []
    ids = _new_ids(session, model.__table__, len(rows))
    insert_many(session, model.__table__, [{"id": i, **row} for i, row in zip(ids, rows, strict=True)])
    return ids


def _new_ids(session: Session, table, count: int) -> list[int]:
    """PostgreSQL: taken from the id sequence (safe beside other writers). SQLite: after the highest id, as
    SQLite itself would number them; the unit of work holds the write lock from its start."""
    if session.get_bind().dialect.name == "postgresql":
        sequence = session.scalar(text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name})
        return sorted(session.scalars(text("SELECT nextval(:sequence) FROM generate_series(1, :count)"),
                                      {"sequence": sequence, "count": count}))
    start = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    return list(range(start, start + count))


def _after_previous(session: Session, claim: Claim, now: datetime) -> datetime:
    """A claim's events are recorded in order even when this action started before one that committed first
    (it waited for a lock): `--recorded-at` replays rely on it. The claim row is locked on PostgreSQL so two
    writers to one claim take turns; SQLite already lets one writer at a time."""
    return _not_before(_latest_recorded(session, [claim.id]).get(claim.id), now)


def _latest_recorded(session: Session, claim_ids: list[int]) -> dict[int, datetime]:
    """Lock the claims (in id order, so two writers never wait on each other crosswise) and read the time of
    each one's latest event."""
    latest: dict[int, datetime] = {}
    for among in one_of(session, Claim.id, claim_ids):
        session.execute(select(Claim.id).where(among).order_by(Claim.id).with_for_update())
    # read after the locks, in a statement of its own: on PostgreSQL a statement that waited for a lock still
    # reads from the snapshot it started with, so the events of the writer it waited for would be missed
    for among in one_of(session, Event.claim_id, claim_ids):
        latest.update(session.execute(select(Event.claim_id, func.max(Event.recorded_at))
                                      .where(among).group_by(Event.claim_id)).all())
    return latest


def _not_before(latest: datetime | None, now: datetime) -> datetime:
    if latest is None:
        return now
    if latest.tzinfo is None and now.tzinfo is not None:
        latest = latest.replace(tzinfo=now.tzinfo)
    return max(now, latest)
