"""Rebuild the term indexes: hashtags and handles typed without capitals now also index their words
("#fyrefestival" -> "fyrefestival", "fyre", "festival"; `verify.core.normalize.glued_words`).

Postings written before this change lack those words, so a new announcement's "festival" would not find a
claim logged earlier with "#fyrefestival". The indexes are emptied and rebuilt with 0004's `backfill`, in
the migration's transaction, as 0004 foresaw. Downgrading keeps the rebuilt postings: 0004's schema is
unchanged and the extra words only add candidates, so nothing is lost either way.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _term_indexes():
    """0004's module (its file name is not importable as a module name)."""
    spec = importlib.util.spec_from_file_location("term_indexes_0004",
                                                  Path(__file__).with_name("0004_term_indexes.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    op.execute("DELETE FROM claim_terms")
    op.execute("DELETE FROM announcement_terms")
    _term_indexes().backfill(op.get_bind())


def downgrade() -> None:
    pass
