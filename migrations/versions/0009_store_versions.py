"""Store versions: one token per part of the store that processes cache (`aliases`, `announcements`),
changed by database triggers on every write to it, whoever writes (another process, a bulk path, SQL by
hand), so a cache keyed on the token sees another process's alias edit, new announcement or edited text.

- SQLite: row triggers set a fresh random token at once, inside the writing transaction; a rolled-back
  write leaves behind a token nobody will see again.
- PostgreSQL: a deferred constraint trigger adds one to the counter at commit, once per transaction (a
  transaction-local flag), so writers hold the row's lock only while committing; readers add their own
  transaction id when they have written (`verify.db.cache.store_version`).
Tokens start random, so two databases created at the same address never share one.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = {"entity_aliases": "aliases", "announcements": "announcements"}
ACTIONS = ("insert", "update", "delete")
BUMP = """CREATE OR REPLACE FUNCTION store_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('verify.bumped_' || TG_ARGV[0], true), '') <> '1' THEN
        PERFORM set_config('verify.bumped_' || TG_ARGV[0], '1', true);
        UPDATE store_versions SET version = version + 1 WHERE name = TG_ARGV[0];
    END IF;
    RETURN NULL;
END $$"""


def upgrade() -> None:
    versions = op.create_table(
        "store_versions",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_versions")),
    )
    op.bulk_insert(versions, [{"name": name, "version": secrets.randbits(62)} for name in TABLES.values()])
    if op.get_bind().dialect.name == "sqlite":
        for table, name in TABLES.items():
            for action in ACTIONS:
                op.execute(f"CREATE TRIGGER {table}_{action}_version AFTER {action.upper()} ON {table} BEGIN "  # noqa: S608
                           f"UPDATE store_versions SET version = random() WHERE name = '{name}'; END")  # (our names)
        return
    op.execute(BUMP)
    for table, name in TABLES.items():
        op.execute(f"CREATE CONSTRAINT TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION store_version_bump('{name}')")
        op.execute(f"CREATE TRIGGER {table}_truncate_version AFTER TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION store_version_bump('{name}')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in TABLES:
            for action in ACTIONS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{action}_version")
    else:
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_truncate_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS store_version_bump()")
    op.drop_table("store_versions")
