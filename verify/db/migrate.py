"""Alembic, driven from code: `verify init` and the tests upgrade through here."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError

from verify.db.engine import make_engine
from verify.errors import DatabaseError

if TYPE_CHECKING:  # Alembic is imported where it runs: checking the schema (every command's start) needs none
    from alembic.config import Config


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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(url), revision)


def head_revision(url: str) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise DatabaseError(f"Cannot open the database {engine.url!r}: {error.orig}") from None


def ensure_current(engine: Engine) -> None:
    """Fail with a clear message, not an SQL error, when the schema is missing or old."""
    current = stored_revision(engine)
    head = shipped_head() or head_revision(engine.url.render_as_string(hide_password=False))
    if current != head:
        state = "has no verify tables yet" if current is None else f"is at schema {current}, not {head}"
        raise DatabaseError(f"The database {engine.url!r} {state}. Run `verify init` to create or upgrade it.")


def stored_revision(engine: Engine) -> str | None:
    """`current_revision`, read with one query: every command checks it before its first read."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.scalar(text("SELECT version_num FROM alembic_version"))
    except OperationalError as error:
        raise DatabaseError(f"Cannot open the database {engine.url!r}: {error.orig}") from None


def shipped_head() -> str | None:
    """The head revision, read from the migration files' `revision` and `down_revision` lines without
    running them: Alembic imports every migration to find it, a tenth of a second at each command's start.
    None when the files do not say it plainly (a merge, another syntax): then ask Alembic.
    tests/integration/test_migrations.py holds it equal to Alembic's head."""
    revisions, parents = set(), set()
    for path in (migrations_folder() / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision = "(\w+)"$', source, re.MULTILINE)
        down = re.search(r'^down_revision = (?:"(\w+)"|None)$', source, re.MULTILINE)
        if revision is None or down is None:
            return None
        revisions.add(revision[1])
        parents.add(down[1])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def initialise(url: str) -> str | None:
    """Create or upgrade the database; return the revision it is now at."""
    upgrade(url)
    return current_revision(make_engine(url))
