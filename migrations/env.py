"""Alembic environment: one code path for SQLite and PostgreSQL, offline mode for SQL scripts."""

import logging

from alembic import context

from verify.config import load_settings
from verify.db.engine import make_engine, normalize_url
from verify.db.models import Base

config = context.config
target_metadata = Base.metadata
if config.cmd_opts is not None:
    # The `alembic` command has no alembic.ini to set up logging: say which migrations run, as its template does.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-5.5s [%(name)s] %(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)


def database_url() -> str:
    """`verify init` passes the URL; the plain `alembic` command (configured by pyproject.toml, with no
    alembic.ini and so no [alembic] section to read) takes it from the environment."""
    passed = config.get_section(config.config_ini_section, {}).get("sqlalchemy.url")
    return normalize_url(passed or load_settings().database_url)


def run_offline() -> None:
    url = database_url()
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(database_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations copy and drop tables that other rows refer to: SQLite must not enforce foreign
        # keys meanwhile (the pragma is ignored inside a transaction, so it is set before), and we check
        # afterwards that every reference still holds.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=sqlite, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
        if broken:
            raise RuntimeError(f"The migration left rows pointing at missing rows: {broken[:5]}")


if context.is_offline_mode():
    run_offline()
else:
    run_online()
