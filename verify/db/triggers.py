"""Database triggers that make a table append-only on SQLite and PostgreSQL.

Migrations create them (`forbid_changes`); `verify init` puts back any that went missing (someone dropped
them by hand, or a restored file lacked them) and `verify restore` refuses a backup without them, since a
table without its triggers may have had its history edited.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, Engine, inspect, text

APPEND_ONLY_TABLES = ("events",)


def _message(table: str) -> str:
    return f"{table} are append-only: add a new event instead of changing or deleting one"


def sqlite_trigger_names(table: str) -> tuple[str, ...]:
    return (f"{table}_no_update", f"{table}_no_delete")


def _create_statements(dialect: str, table: str) -> list[str]:
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{_message(table)}'); END" for action in ("UPDATE", "DELETE")]
    return [
        f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{_message(table)}'; END $$",
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()",
    ]


def forbid_changes(table: str) -> None:
    for statement in _create_statements(op.get_bind().dialect.name, table):
        op.execute(statement)


def allow_changes(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")


def unprotected_tables(connection: Connection) -> list[str]:
    """The append-only tables that exist but lack (or have disabled) their triggers."""
    present = set(inspect(connection).get_table_names())
    missing = []
    for table in (name for name in APPEND_ONLY_TABLES if name in present):
        if connection.dialect.name == "sqlite":
            found = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                "AND tbl_name = :table"), {"table": table}))
            if not set(sqlite_trigger_names(table)) <= found:
                missing.append(table)
        else:
            enabled = connection.scalar(text(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(:table) "
                "AND tgname = :name AND tgenabled <> 'D'"), {"table": table, "name": f"{table}_append_only"})
            if not enabled:
                missing.append(table)
    return missing


def restore_append_only(engine: Engine) -> list[str]:
    """Put back the missing triggers; returns the tables that needed it (usually none)."""
    with engine.begin() as connection:
        missing = unprotected_tables(connection)
        for table in missing:  # (on PostgreSQL a disabled trigger is dropped and created anew, enabled)
            for statement in _create_statements(connection.dialect.name, table):
                connection.exec_driver_sql(statement)
    return missing
