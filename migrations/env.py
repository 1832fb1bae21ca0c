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
    """Every pending migration in ONE transaction, on both databases: interrupted at any point (an error, a
    SIGKILL, a power cut), the database keeps the schema it had, and the next `verify init` starts again."""
    if connection.dialect.name == "sqlite":
        _run_sqlite(connection)
        return
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True,
                      transaction_per_migration=False)
    with context.begin_transaction():
        context.run_migrations()


def _run_sqlite(connection) -> None:
    """SQLite can roll back DDL, but Python's sqlite3 driver neither opens a transaction before DDL nor keeps
    one across it, and Alembic treats SQLite as non-transactional (it commits after each migration). So the
    driver is put in autocommit mode and the transaction is ours: BEGIN IMMEDIATE (the write lock, taken up
    front) before the first migration, COMMIT after the last, ROLLBACK on any error.

    Batch migrations copy and drop tables that other rows refer to: foreign keys are not enforced meanwhile
    (the pragma is ignored inside a transaction, so it is set before), and every reference is checked
    before the commit.
    """
    if connection.in_transaction():
        connection.commit()
    driver = connection.connection.driver_connection
    isolation = driver.isolation_level
    driver.isolation_level = None  # the driver sends no BEGIN or COMMIT of its own
    try:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                              compare_type=True, transactional_ddl=True, transaction_per_migration=False)
            with context.begin_transaction():  # already in ours: Alembic adds no transaction of its own
                context.run_migrations()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"The migration left rows pointing at missing rows: {broken[:5]}")
        except BaseException:
            connection.exec_driver_sql("ROLLBACK")
            raise
        connection.exec_driver_sql("COMMIT")
    finally:
        if connection.in_transaction():
            connection.rollback()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        driver.isolation_level = isolation


if context.is_offline_mode():
    run_offline()
else:
    run_online()
