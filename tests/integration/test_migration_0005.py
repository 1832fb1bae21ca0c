"""Upgrading to 0005 rebuilds the term indexes with the words of glued hashtags, and keeps every row."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from tests.integration.test_migration_0004 import postings
from verify.core.bm25 import term_frequencies
from verify.db import migrate
from verify.db.engine import make_engine

WHEN = datetime(2022, 9, 1, tzinfo=UTC)
CLAIM = "Chains on the doors at the airport #fyrefestival #exumaairport"
ANNOUNCEMENT = "Fyre Festival organisers cancel the event in Exuma"


def test_upgrading_to_0005_indexes_the_words_of_glued_hashtags(empty_database_url):
    migrate.upgrade(empty_database_url, "0004")
    engine = make_engine(empty_database_url)
    try:
        meta = sa.MetaData()
        sources, claims, announcements = (sa.Table(name, meta, autoload_with=engine)
                                          for name in ("sources", "claims", "announcements"))
        with engine.begin() as connection:
            connection.execute(sources.insert(), [{"id": 1, "name": "XDA", "kind": "outlet",
                                                   "confidential": False, "created_at": WHEN}])
            connection.execute(claims.insert(), [{
                "id": 1, "dedupe_key": "c1", "text": CLAIM, "source_id": 1, "published": date(2017, 4, 28),
                "logged_by": "ana", "logged_at": WHEN, "window_by_hand": False, "status": "pending"}])
            connection.execute(announcements.insert(), [{
                "id": 1, "dedupe_key": "a1", "text": ANNOUNCEMENT, "issuer": "X", "published": date(2017, 4, 29),
                "added_by": "ed", "added_at": WHEN}])
            # postings as the tokenizer before 0005 wrote them: the hashtags whole, without their words
            old = {"chain": 1, "door": 1, "airport": 1, "fyrefestival": 1, "exumaairport": 1}
            connection.execute(sa.table("claim_terms", sa.column("claim_id"), sa.column("term"),
                                        sa.column("tf")).insert(),
                               [{"claim_id": 1, "term": term, "tf": tf} for term, tf in old.items()])
        migrate.upgrade(empty_database_url)
        with engine.connect() as connection:
            rebuilt = postings(connection, "claim_terms", "claim")
            assert rebuilt == {1: dict(term_frequencies(CLAIM))}
            assert set(term_frequencies("fyre festival exuma")) <= set(rebuilt[1])
            assert postings(connection, "announcement_terms", "announcement") == {
                1: dict(term_frequencies(ANNOUNCEMENT))}
            assert connection.execute(sa.text("SELECT term_count FROM claims")).scalar_one() == len(rebuilt[1])
        migrate.downgrade(empty_database_url, "0004")
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT text FROM claims")).scalar_one() == CLAIM
            assert postings(connection, "claim_terms", "claim") == rebuilt
    finally:
        engine.dispose()
