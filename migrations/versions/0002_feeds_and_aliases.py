"""Feeds, feed-item deduplication keys on announcements, and the editable alias book.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("added_at", Timestamp, nullable=False),
        sa.Column("etag", sa.String(500), nullable=True),
        sa.Column("modified", sa.String(100), nullable=True),
        sa.Column("last_polled_at", Timestamp, nullable=True),
        sa.Column("last_status", sa.String(20), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_poll_at", Timestamp, nullable=True),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("announcements") as batch:
        batch.add_column(sa.Column("feed_id", sa.Integer, nullable=True))
        batch.add_column(sa.Column("link_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("fingerprint", sa.String(64), nullable=True))
        batch.create_foreign_key("fk_announcements_feed_id_feeds", "feeds", ["feed_id"], ["id"])
        batch.create_unique_constraint("uq_announcements_link_key", ["link_key"])
        batch.create_unique_constraint("uq_announcements_fingerprint", ["fingerprint"])
    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.Column("canonical", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("added_at", Timestamp, nullable=False),
        sa.CheckConstraint("kind IN ('org', 'product', 'person', 'other')", name="kind"),
        sa.UniqueConstraint("alias"),
    )
    op.create_index("ix_entity_aliases_canonical", "entity_aliases", ["canonical"])


def downgrade() -> None:
    op.drop_index("ix_entity_aliases_canonical", "entity_aliases")
    op.drop_table("entity_aliases")
    with op.batch_alter_table("announcements") as batch:
        batch.drop_constraint("uq_announcements_fingerprint", type_="unique")
        batch.drop_constraint("uq_announcements_link_key", type_="unique")
        batch.drop_constraint("fk_announcements_feed_id_feeds", type_="foreignkey")
        batch.drop_column("fingerprint")
        batch.drop_column("link_key")
        batch.drop_column("feed_id")
    op.drop_table("feeds")
