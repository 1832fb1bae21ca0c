"""Rebuild the term indexes: every script now gives matching terms (`verify.core.scripts`): letters of other
alphabets are transliterated ("Сбербанк" -> "sberbank", "Łódź" -> "lodz"), Chinese and Japanese give their
character pairs and their romanisation ("华为" -> "华为", "huawei"), katakana and Hangul words themselves and
their romanisation. Before, only [a-z0-9] counted: a claim in Chinese had no terms but its model numbers.

Postings written before this change lack those terms, so a new English announcement naming Huawei would not
find a claim logged earlier in Chinese. The indexes are emptied and rebuilt with 0004's `backfill`, in the
migration's transaction, as 0005 did. Downgrading keeps the rebuilt postings: the schema is unchanged and the
extra terms only add candidates.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0006"
down_revision = "0005"
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
