"""Sign-in and source identity.

- `sources.name_key`: the name as it counts for identity (case, accents, zero-width and full-width
  characters, extra spaces folded by `verify.core.confidential.identity_key`), filled for existing sources,
  so another spelling of a confidential source's name finds it instead of becoming a new public source.
- `sign_in_accounts`: per dashboard account, shared by every dashboard process: consecutive failures, a
  temporary lockout, the time before which sessions are revoked, and the password last seen.
- `sign_in_events`: every sign-in, failure, lockout and revocation.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from verify.core.confidential import identity_key

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("name_key", sa.String(200), nullable=True))
        batch.create_index("ix_sources_name_key", ["name_key"])
    bind = op.get_bind()
    sources = sa.table("sources", sa.column("id", sa.Integer), sa.column("name", sa.String),
                       sa.column("name_key", sa.String))
    for source_id, name in bind.execute(sa.select(sources.c.id, sources.c.name)).all():
        bind.execute(sources.update().where(sources.c.id == source_id).values(name_key=identity_key(name)[:200]))
    op.create_table(
        "sign_in_accounts",
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sessions_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("password_seen", sa.String(64), nullable=True),
    )
    op.create_table(
        "sign_in_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False),
        sa.Column("outcome", sa.String(30), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.String(200), nullable=True),
    )
    op.create_index("ix_sign_in_events_username", "sign_in_events", ["username"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_events_username", "sign_in_events")
    op.drop_table("sign_in_events")
    op.drop_table("sign_in_accounts")
    with op.batch_alter_table("sources") as batch:
        batch.drop_index("ix_sources_name_key")
        batch.drop_column("name_key")
