"""The claims' term index (`claim_terms`, and each claim's `term_count`), so matching a new announcement reads
only the postings of its own terms instead of rebuilding an index over every open claim.

The backfill is a data step here rather than a service step: the schema and its contents then arrive
together (no half-indexed database between `verify init` and a first use), on SQLite and PostgreSQL alike,
inside the migration's transaction. It depends on one pure, stable function, `term_frequencies` (the
core's `tokenize`, cut to `MAX_TERM`), which is exactly what the model listeners write for new claims; the
table definitions it writes through are its own, not the app's models. Should tokenizing ever change,
a later migration re-runs the same backfill (`backfill`) to rebuild the index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from verify.core.bm25 import MAX_TERM, term_frequencies

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 2000

claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                  sa.column("term_count", sa.Integer))
claim_terms = sa.table("claim_terms", sa.column("term", sa.String), sa.column("claim_id", sa.Integer),
                       sa.column("tf", sa.Integer))


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("term_count", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "claim_terms",
        sa.Column("term", sa.String(MAX_TERM), nullable=False),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tf", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("term", "claim_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_claim_terms_claim_id", "claim_terms", ["claim_id"])
    backfill(op.get_bind())


def backfill(connection) -> None:
    """Index every stored claim, a batch at a time (keyset paging keeps memory flat on a large store)."""
    last = 0
    while True:
        batch = connection.execute(sa.select(claims.c.id, claims.c.text).where(claims.c.id > last)
                                   .order_by(claims.c.id).limit(BATCH)).all()
        if not batch:
            return
        postings, counts = [], []
        for claim_id, text in batch:
            frequencies = term_frequencies(text)
            postings.extend({"claim_id": claim_id, "term": term, "tf": tf} for term, tf in frequencies.items())
            counts.append({"id_": claim_id, "count": len(frequencies)})
        if postings:
            connection.execute(claim_terms.insert(), postings)
        connection.execute(claims.update().where(claims.c.id == sa.bindparam("id_"))
                           .values(term_count=sa.bindparam("count")), counts)
        last = batch[-1][0]


def downgrade() -> None:
    op.drop_index("ix_claim_terms_claim_id", "claim_terms")
    op.drop_table("claim_terms")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("term_count")
