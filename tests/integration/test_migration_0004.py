"""Upgrading a database that already holds claims and announcements indexes them all; downgrading removes the
indexes and keeps every row."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from verify.core.bm25 import term_frequencies
from verify.db import migrate
from verify.db.engine import make_engine

WHEN = datetime(2022, 9, 1, tzinfo=UTC)
CLAIMS = ["Xiaomi's first Leica-branded phone will launch in July", "Nvidia in talks to buy Arm for $40 billion",
          "Apple to unveil the iPhone 14 on 7 September, Apple fans say",
          *(f"Rumor {n}: model {n} ships in week {n % 52}" for n in range(2100))]  # more than one batch
ANNOUNCEMENTS = ["Xiaomi and Leica announce a strategic partnership", "NVIDIA to acquire Arm for $40 billion"]


def seed_at_0003(engine) -> None:
    meta = sa.MetaData()
    sources, claims, announcements = (sa.Table(name, meta, autoload_with=engine)
                                      for name in ("sources", "claims", "announcements"))
    with engine.begin() as connection:
        connection.execute(sources.insert(), [{"id": 1, "name": "XDA", "kind": "outlet", "confidential": False,
                                               "created_at": WHEN}])
        connection.execute(claims.insert(), [
            {"id": n, "dedupe_key": f"c{n}", "text": text, "source_id": 1, "published": date(2022, 3, 28),
             "logged_by": "ana", "logged_at": WHEN, "window_by_hand": False, "status": "pending"}
            for n, text in enumerate(CLAIMS, start=1)])
        connection.execute(announcements.insert(), [
            {"id": n, "dedupe_key": f"a{n}", "text": text, "issuer": "X", "published": date(2022, 5, 24),
             "added_by": "ed", "added_at": WHEN} for n, text in enumerate(ANNOUNCEMENTS, start=1)])


def postings(connection, table: str, owner: str) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = {}
    rows = sa.table(table, sa.column(f"{owner}_id"), sa.column("term"), sa.column("tf"))
    for row_id, term, tf in connection.execute(sa.select(rows)):
        found.setdefault(row_id, {})[term] = tf
    return found


@pytest.fixture
def upgraded_from_0003(empty_database_url):
    """A database seeded at 0003, then upgraded to head."""
    migrate.upgrade(empty_database_url, "0003")
    engine = make_engine(empty_database_url)
    try:
        seed_at_0003(engine)
        migrate.upgrade(empty_database_url)
        yield engine
    finally:
        engine.dispose()


def test_upgrading_from_0003_indexes_the_stored_claims_and_announcements(upgraded_from_0003):
    with upgraded_from_0003.connect() as connection:
        assert postings(connection, "claim_terms", "claim") == {
            n: dict(term_frequencies(text)) for n, text in enumerate(CLAIMS, start=1)}
        assert postings(connection, "announcement_terms", "announcement") == {
            n: dict(term_frequencies(text)) for n, text in enumerate(ANNOUNCEMENTS, start=1)}
        counts = dict(connection.execute(sa.text("SELECT id, term_count FROM claims")).all())
    assert counts == {n: len(term_frequencies(text)) for n, text in enumerate(CLAIMS, start=1)}


def test_downgrading_to_0003_drops_the_indexes_and_keeps_the_rows(upgraded_from_0003, empty_database_url):
    migrate.downgrade(empty_database_url, "0003")
    inspector = sa.inspect(upgraded_from_0003)
    assert not {"claim_terms", "announcement_terms"} & set(inspector.get_table_names())
    assert "term_count" not in {column["name"] for column in inspector.get_columns("claims")}
    with upgraded_from_0003.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM claims")).scalar_one() == len(CLAIMS)
