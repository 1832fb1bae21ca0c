"""Alembic environment: one code path for SQLite and PostgreSQL, offline mode for SQL scripts."""

from alembic import context

from verify.config import load_settings
from verify.db.engine import make_engine, normalize_url
from verify.db.models import Base

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    """`verify init` passes the URL; the plain `alembic` command takes it from the environment."""
    return normalize_url(config.get_main_option("sqlalchemy.url") or load_settings().database_url)


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
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
