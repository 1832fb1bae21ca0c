"""Backups of the embedded SQLite database, and restores that check what they put back.

Why SQLite's online backup API rather than copying the file: it copies a consistent snapshot while the
dashboard and the CLI keep reading and writing (a file copy can catch half of a WAL checkpoint), and a
restore written through it respects the locks of connections that are open at the time.
PostgreSQL has its own tools for this; we point to them rather than imitate them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from verify.db.engine import SQLITE_BUSY_TIMEOUT_MS, normalize_url
from verify.db.migrate import alembic_config
from verify.errors import Conflict, DatabaseError

POSTGRES_ADVICE = (
    "PostgreSQL databases are backed up with PostgreSQL's own tools: "
    "`pg_dump -Fc --dbname=URL --file=verify.dump` to back up, "
    "`pg_restore --clean --if-exists --no-owner --dbname=URL verify.dump` to restore (see README)."
)
SQLITE_HEADER = b"SQLite format 3\x00"
VERIFY_TABLES = {"sources", "claims", "announcements", "matches", "events"}


@dataclass(frozen=True)
class Copied:
    """What a backup or restore copied: the file, its schema revision, and this version's head."""

    path: Path
    revision: str
    head: str

    @property
    def needs_init(self) -> bool:
        return self.revision != self.head


def sqlite_path(url: str) -> Path:
    """The database file behind a URL; PostgreSQL and in-memory databases get a clear message instead."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() == "postgresql":
        raise DatabaseError(POSTGRES_ADVICE)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        raise DatabaseError(f"Only a SQLite database file can be backed up here, not {url!r}.")
    return Path(parsed.database).expanduser()


def backup(url: str, target: Path | str, *, force: bool = False) -> Copied:
    """Copy the live database to `target` as one self-contained file (written aside, then renamed)."""
    source, target = sqlite_path(url), Path(target).expanduser()
    if not source.is_file():
        raise DatabaseError(f"There is no database at {source} to back up: run `verify init` first.")
    if target.exists() and not force:
        raise Conflict(f"{target} exists already: choose another file, or pass --force to overwrite it.")
    if target.resolve() == source.resolve():
        raise Conflict("The backup cannot be written over the database itself: choose another file.")
    partial = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    with _open(source) as live, contextlib.closing(sqlite3.connect(partial)) as copy:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
    copied = _check_verify_database(partial, name=str(target))
    os.replace(partial, target)
    return Copied(target, copied.revision, copied.head)


def restore(url: str, backup_file: Path | str, *, force: bool = False) -> Copied:
    """Replace the database with a checked backup; refuse to overwrite one that holds data unless forced."""
    target, backup_file = sqlite_path(url), Path(backup_file).expanduser()
    checked = _check_verify_database(backup_file, name=str(backup_file))
    if _has_tables(target) and not force:
        raise Conflict(f"The database {target} already holds data: pass --force to replace it with "
                       f"{backup_file} (back it up first with `verify backup`).")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _open(backup_file) as saved, _open(target) as live:
        saved.backup(live)
    return Copied(target, checked.revision, checked.head)


def _check_verify_database(path: Path, *, name: str) -> Copied:
    """A readable SQLite file, intact, with verify's tables at a schema revision this version knows."""
    if not path.is_file():
        raise DatabaseError(f"{name}: no such file.")
    with open(path, "rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DatabaseError(f"{name} is not a SQLite database, so not a verify backup.")
    with _open(path) as connection:
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
            revisions = ([row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
                         if "alembic_version" in tables else [])
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"{name} cannot be read as a database: {error}.") from None
    if problems != ["ok"]:
        raise DatabaseError(f"{name} is damaged ({'; '.join(problems[:3])}): use another backup.")
    if len(revisions) != 1 or not VERIFY_TABLES.issubset(tables):
        raise DatabaseError(f"{name} is not a verify database (no verify tables or schema version).")
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = {script.revision for script in scripts.walk_revisions()}
    if revisions[0] not in known:
        raise DatabaseError(f"{name} is at schema {revisions[0]}, which this version of verify does not know: "
                            "restore it with the newer verify that wrote it.")
    return Copied(path, revisions[0], scripts.get_current_head())


def _has_tables(path: Path) -> bool:
    if not path.is_file() or path.stat().st_size == 0:
        return False
    try:
        with _open(path) as connection:
            return connection.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
    except sqlite3.DatabaseError:
        return True  # something that is not an empty database: never overwrite it silently


@contextlib.contextmanager
def _open(path: Path):
    try:
        connection = sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DatabaseError(f"Cannot open {path}: {error}.") from None
    try:
        yield connection
    finally:
        connection.close()
