"""Upgrading to 0006 rebuilds the term indexes with the terms of every script, and keeps every row."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from tests.integration.test_migration_0004 import postings
from verify.core.bm25 import term_frequencies
from verify.db import migrate
from verify.db.engine import make_engine

WHEN = datetime(2023, 5, 1, tzinfo=UTC)
CLAIM = "消息称，华为新款折叠屏手机将于下月发布"
ANNOUNCEMENT = "Huawei unveils its new foldable phone"


def test_upgrading_to_0006_gives_a_chinese_claim_its_terms(empty_database_url):
    migrate.upgrade(empty_database_url, "0005")
    engine = make_engine(empty_database_url)
    try:
        meta = sa.MetaData()
        sources, claims, announcements = (sa.Table(name, meta, autoload_with=engine)
                                          for name in ("sources", "claims", "announcements"))
        with engine.begin() as connection:
            connection.execute(sources.insert(), [{"id": 1, "name": "Weibo leaker", "kind": "person",
                                                   "confidential": False, "created_at": WHEN}])
            connection.execute(claims.insert(), [{
                "id": 1, "dedupe_key": "c1", "text": CLAIM, "source_id": 1, "published": date(2023, 5, 2),
                "logged_by": "ana", "logged_at": WHEN, "window_by_hand": False, "status": "pending"}])
            connection.execute(announcements.insert(), [{
                "id": 1, "dedupe_key": "a1", "text": ANNOUNCEMENT, "issuer": "Huawei",
                "published": date(2023, 6, 1), "added_by": "ed", "added_at": WHEN}])
            # 0005's tokenizer saw nothing in the Chinese text: no postings at all
        migrate.upgrade(empty_database_url)
        with engine.connect() as connection:
            rebuilt = postings(connection, "claim_terms", "claim")
            assert rebuilt == {1: dict(term_frequencies(CLAIM))}
            assert {"华为", "huawei"} <= set(rebuilt[1])
            assert postings(connection, "announcement_terms", "announcement") == {
                1: dict(term_frequencies(ANNOUNCEMENT))}
        migrate.downgrade(empty_database_url, "0005")
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT text FROM claims")).scalar_one() == CLAIM
            assert postings(connection, "claim_terms", "claim") == rebuilt
    finally:
        engine.dispose()
