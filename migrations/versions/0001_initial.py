"""Initial schema: sources, claims, announcements, matches and the append-only events.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from verify.db.triggers import allow_changes, forbid_changes

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("confidential", sa.Boolean, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.CheckConstraint("kind IN ('outlet', 'person')", name="kind"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("dedupe_key", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("origin_source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
        sa.Column("published", sa.Date, nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("logged_by", sa.String(100), nullable=False),
        sa.Column("logged_at", Timestamp, nullable=False),
        sa.Column("confidence", sa.Float, nullable=True),
        sa.Column("confidence_label", sa.String(100), nullable=True),
        sa.Column("window_start", sa.Date, nullable=True),
        sa.Column("window_end", sa.Date, nullable=True),
        sa.Column("window_granularity", sa.String(20), nullable=True),
        sa.Column("window_expression", sa.String(200), nullable=True),
        sa.Column("window_by_hand", sa.Boolean, nullable=False),
        sa.Column("duplicate_of_id", sa.Integer, sa.ForeignKey("claims.id"), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.CheckConstraint("confidence IS NULL OR (confidence >= 0 AND confidence <= 1)", name="confidence"),
        sa.UniqueConstraint("external_id"),
        sa.UniqueConstraint("dedupe_key"),
    )
    op.create_index("ix_claims_published", "claims", ["published"])
    op.create_index("ix_claims_status_window_end", "claims", ["status", "window_end"])
    op.create_index("ix_claims_source_id_published", "claims", ["source_id", "published"])
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("dedupe_key", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("published", sa.Date, nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("added_by", sa.String(100), nullable=False),
        sa.Column("added_at", Timestamp, nullable=False),
        sa.UniqueConstraint("external_id"),
        sa.UniqueConstraint("dedupe_key"),
    )
    op.create_index("ix_announcements_issuer", "announcements", ["issuer"])
    op.create_index("ix_announcements_published", "announcements", ["published"])
    op.create_table(
        "matches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("announcement_id", sa.Integer, sa.ForeignKey("announcements.id"), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("band", sa.String(20), nullable=False),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("differs", sa.Text, nullable=True),
        sa.Column("parts", sa.JSON, nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("proposed_at", Timestamp, nullable=False),
        sa.Column("decided_by", sa.String(100), nullable=True),
        sa.Column("decided_at", Timestamp, nullable=True),
        sa.CheckConstraint("decision IN ('proposed', 'accepted', 'rejected')", name="decision"),
        sa.UniqueConstraint("claim_id", "announcement_id", name="uq_matches_claim_announcement"),
    )
    op.create_index("ix_matches_announcement_id", "matches", ["announcement_id"])
    op.create_index("ix_matches_decision_claim_id", "matches", ["decision", "claim_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id"), nullable=True),
        sa.Column("match_id", sa.Integer, sa.ForeignKey("matches.id"), nullable=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=True),
        sa.Column("status", sa.String(20), nullable=True),
        sa.Column("effective_on", sa.Date, nullable=True),
        sa.Column("recorded_at", Timestamp, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("evidence", sa.JSON, nullable=True),
    )
    op.create_index("ix_events_claim_id_id", "events", ["claim_id", "id"])
    op.create_index("ix_events_recorded_at", "events", ["recorded_at"])
    forbid_changes("events")


def downgrade() -> None:
    allow_changes("events")
    op.drop_table("events")
    op.drop_table("matches")
    op.drop_table("announcements")
    op.drop_table("claims")
    op.drop_table("sources")
