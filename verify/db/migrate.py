"""Alembic, driven from code: `verify init` and the tests upgrade through here."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from verify.db.engine import make_engine
from verify.errors import DatabaseError


def migrations_folder() -> Path:
    """The schema's migrations, shipped inside the package as `verify.migrations` (see pyproject.toml).

    Alembic reads them as files, so the package must be installed as a folder, as pip does (not zipped).
    """
    folder = files("verify.migrations")
    if not isinstance(folder, Path) or not (folder / "env.py").is_file():
        raise DatabaseError(f"The schema's migrations are missing from this installation of verify ({folder}): "
                            "reinstall it with pip.")
    return folder


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise DatabaseError(f"Cannot open the database {engine.url!r}: {error.orig}") from None


def ensure_current(engine: Engine) -> None:
    """Fail with a clear message, not an SQL error, when the schema is missing or old."""
    current = current_revision(engine)
    head = head_revision(engine.url.render_as_string(hide_password=False))
    if current != head:
        state = "has no verify tables yet" if current is None else f"is at schema {current}, not {head}"
        raise DatabaseError(f"The database {engine.url!r} {state}. Run `verify init` to create or upgrade it.")


def initialise(url: str) -> str | None:
    """Create or upgrade the database; return the revision it is now at."""
    upgrade(url)
    return current_revision(make_engine(url))
