"""Term indexes over the claims and the announcements (`claim_terms`, `announcement_terms`, each claim's
`term_count`), so matching a new announcement reads only the postings of its own terms instead of indexing
every open claim, and the recent announcements that weigh terms, on each call.

The backfill is a data step here rather than a service step: the schema and its contents then arrive
together (no half-indexed database between `verify init` and a first use), on SQLite and PostgreSQL alike,
inside the migration's transaction. It depends on one pure, stable function, `term_frequencies` (the
core's `tokenize`, cut to `MAX_TERM`), which is exactly what the model listeners write for new rows; the
tables it writes through are defined here, not taken from the app's models. Should tokenizing ever change,
a later migration calls `backfill` again, after emptying the two tables, to rebuild the indexes.

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
announcements = sa.table("announcements", sa.column("id", sa.Integer), sa.column("text", sa.Text))


def postings_table(name: str, owner: str) -> sa.Table:
    return sa.table(name, sa.column("term", sa.String), sa.column(f"{owner}_id", sa.Integer),
                    sa.column("tf", sa.Integer))


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("term_count", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_claims_term_count", "claims", ["term_count"])
    for name, owner, parent in (("claim_terms", "claim", "claims"),
                                ("announcement_terms", "announcement", "announcements")):
        op.create_table(
            name,
            sa.Column("term", sa.String(MAX_TERM), nullable=False),
            sa.Column(f"{owner}_id", sa.Integer, sa.ForeignKey(f"{parent}.id", ondelete="CASCADE"),
                      nullable=False),
            sa.Column("tf", sa.Integer, nullable=False),
            sa.PrimaryKeyConstraint("term", f"{owner}_id"),
            sqlite_with_rowid=False,
        )
        op.create_index(f"ix_{name}_{owner}_id", name, [f"{owner}_id"])
    backfill(op.get_bind())


def backfill(connection) -> None:
    """Index every stored claim and announcement; claims also get their `term_count`."""
    for rows, postings, owner in ((claims, postings_table("claim_terms", "claim"), "claim"),
                                  (announcements, postings_table("announcement_terms", "announcement"),
                                   "announcement")):
        for batch in _batches(connection, rows):
            found = {row_id: term_frequencies(text) for row_id, text in batch}
            values = [{f"{owner}_id": row_id, "term": term, "tf": tf}
                      for row_id, frequencies in found.items() for term, tf in frequencies.items()]
            if values:
                connection.execute(postings.insert(), values)
            if rows is claims:
                connection.execute(claims.update().where(claims.c.id == sa.bindparam("id_"))
                                   .values(term_count=sa.bindparam("count")),
                                   [{"id_": row_id, "count": len(f)} for row_id, f in found.items()])


def _batches(connection, rows: sa.TableClause):
    """(id, text) a batch at a time; keyset paging keeps memory flat on a large store."""
    query = sa.select(rows.c.id, rows.c.text).order_by(rows.c.id).limit(BATCH)
    while batch := connection.execute(query).all():
        yield batch
        query = query.where(rows.c.id > batch[-1][0])


def downgrade() -> None:
    for name, owner in (("announcement_terms", "announcement"), ("claim_terms", "claim")):
        op.drop_index(f"ix_{name}_{owner}_id", name)
        op.drop_table(name)
    op.drop_index("ix_claims_term_count", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("term_count")
