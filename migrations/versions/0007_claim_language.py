"""The language a claim is written in (`claims.language`: "en", "de", "fr", "es", "zh", "ja"), and whether an
editor set it by hand (`claims.language_by_hand`).

The time resolver reads a claim's words in its language ("im Herbst", "明年上半年"); storing the language
lets an editor correct a wrong detection once, and have every later re-reading of the window (a corrected
publication date, a language set by hand) use it. Existing claims get the language detected from their text
(`verify.core.language.detect_language`, the same rule a newly logged claim goes through), in batches.
Downgrading drops both columns: the language is only a cache of the text, bar the hand corrections, which
stay in the claims' history as `language_set` events.

The term indexes are rebuilt as well (0004's `backfill`, as 0006 did): Chinese, Japanese and Korean text now
also gives the English words of the default aliases written in those scripts ("特斯拉" -> tesla) and of the
common newsroom words of `verify.core.data.glossary` ("工厂" -> factory). Downgrading keeps those postings.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from verify.core.language import detect_language

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=True))
        batch.add_column(sa.Column("language_by_hand", sa.Boolean(), nullable=False, server_default=sa.false()))
    backfill(op.get_bind())
    op.execute("DELETE FROM claim_terms")
    op.execute("DELETE FROM announcement_terms")
    _term_indexes().backfill(op.get_bind())


def _term_indexes():
    """0004's module (its file name is not importable as a module name)."""
    spec = importlib.util.spec_from_file_location("term_indexes_0004",
                                                  Path(__file__).with_name("0004_term_indexes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def backfill(connection) -> None:
    """Detect the language of every claim that has none, BATCH rows at a time (keyset on the id)."""
    claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                      sa.column("language", sa.String))
    last = 0
    while True:
        rows = connection.execute(sa.select(claims.c.id, claims.c.text).where(claims.c.id > last,
                                  claims.c.language.is_(None)).order_by(claims.c.id).limit(BATCH)).all()
        if not rows:
            return
        connection.execute(sa.update(claims).where(claims.c.id == sa.bindparam("claim_id"))
                           .values(language=sa.bindparam("detected")),
                           [{"claim_id": claim_id, "detected": detect_language(text or "")} for claim_id, text in rows])
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("language_by_hand")
        batch.drop_column("language")
