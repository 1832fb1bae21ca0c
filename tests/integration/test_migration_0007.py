"""Upgrading to 0007 gives every claim already stored the language detected from its text and rebuilds the
term indexes (Chinese text gains the English words of its names and common words); downgrading drops the
column and keeps every claim and posting."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from tests.integration.test_migration_0004 import postings
from verify.core.bm25 import term_frequencies
from verify.db import migrate
from verify.db.engine import make_engine

WHEN = datetime(2023, 5, 1, tzinfo=UTC)
TEXTS = {1: "Apple will unveil a foldable iPad next spring, according to people familiar",
         2: "消息称，华为新款折叠屏手机将于下月发布",
         3: "BMW soll den neuen i3 im Herbst vorstellen, heißt es in der Branche",
         4: "ソニーは来年春に新型ゲーム機を発表する見込み"}


def test_upgrading_to_0007_stores_each_claims_detected_language(empty_database_url):
    migrate.upgrade(empty_database_url, "0006")
    engine = make_engine(empty_database_url)
    try:
        meta = sa.MetaData()
        sources, claims, terms = (sa.Table(name, meta, autoload_with=engine)
                                  for name in ("sources", "claims", "claim_terms"))
        with engine.begin() as connection:
            connection.execute(sources.insert(), [{"id": 1, "name": "Leaker", "kind": "person",
                                                   "confidential": False, "created_at": WHEN}])
            connection.execute(claims.insert(), [{
                "id": claim_id, "dedupe_key": f"c{claim_id}", "text": text, "source_id": 1,
                "published": date(2023, 5, 2), "logged_by": "ana", "logged_at": WHEN, "window_by_hand": False,
                "status": "pending"} for claim_id, text in TEXTS.items()])
            connection.execute(terms.insert(), [{"term": "华为", "claim_id": 2, "tf": 1}])
        migrate.upgrade(empty_database_url)
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT id, language, language_by_hand FROM claims ORDER BY id"))
            assert [(row[0], row[1], bool(row[2])) for row in rows] == [
                (1, "en", False), (2, "zh", False), (3, "de", False), (4, "ja", False)]
            rebuilt = postings(connection, "claim_terms", "claim")
            assert rebuilt == {claim_id: dict(term_frequencies(text)) for claim_id, text in TEXTS.items()}
            assert {"华为", "huawei", "phon", "foldabl"} <= set(rebuilt[2])  # 手机 = phone, 折叠屏 = foldable
            assert {"sony", "consol"} <= set(rebuilt[4])  # ソニー = Sony, ゲーム機 = console
        migrate.downgrade(empty_database_url, "0006")
        with engine.connect() as connection:
            assert "language" not in {column["name"] for column in sa.inspect(connection).get_columns("claims")}
            texts = dict(connection.execute(sa.text("SELECT id, text FROM claims")).all())
            assert texts == TEXTS
            # rebuilding the claims table on SQLite must not cascade to the term index
            assert postings(connection, "claim_terms", "claim") == rebuilt
    finally:
        engine.dispose()
