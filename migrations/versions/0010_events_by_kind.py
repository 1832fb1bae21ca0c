"""An index on the events' kind (`ix_events_kind_id`): every command asks, when it first opens the database,
which follow-ups an earlier run still owes (`verify.services.followup.owed_follow_ups`: the events of two
kinds), and without it both questions read every event, tens of milliseconds per 100,000 events on SQLite at
each command's start, growing with the newsroom's history (issue #18). Events are append-only, so the index
costs only its share of each insert.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_kind_id", "events", ["kind", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_kind_id", table_name="events")
