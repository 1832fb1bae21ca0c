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
import stat
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from verify.db.engine import SQLITE_BUSY_TIMEOUT_MS, normalize_url
from verify.db.migrate import alembic_config
from verify.db.triggers import APPEND_ONLY_TABLES, sqlite_trigger_names
from verify.errors import Conflict, DatabaseError, InvalidInput

POSTGRES_ADVICE = (
    "PostgreSQL databases are backed up with PostgreSQL's own tools: "
    "`pg_dump -Fc --dbname=URL --file=verify.dump` to back up, "
    "`pg_restore --clean --if-exists --no-owner --dbname=URL verify.dump` to restore (see README)."
)
SQLITE_HEADER = b"SQLite format 3\x00"
VERIFY_TABLES = {"sources", "claims", "announcements", "matches", "events"}
LIVE_SUFFIXES = ("", "-wal", "-shm", "-journal")  # every file SQLite keeps for one database


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
    _refuse_live_files(source, target)
    _refuse_special(target)
    if target.exists() and not force:
        raise Conflict(f"{target} exists already: choose another file, or pass --force to overwrite it.")
    if not target.parent.is_dir():
        raise InvalidInput(f"Cannot write the backup {target}: the folder {target.parent} does not exist; "
                           "create it first.")
    partial = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    try:
        with _open(source) as live, contextlib.closing(sqlite3.connect(partial)) as copy:
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        copied = _check_verify_database(partial, name=str(target))
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:  # a full disk, a folder we may not write: nothing left behind
        raise DatabaseError(f"Cannot write the backup {target}: {error}; nothing was written.") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return Copied(target, copied.revision, copied.head)


def restore(url: str, backup_file: Path | str, *, force: bool = False) -> Copied:
    """Replace the database with a checked backup; refuse to overwrite one that holds data unless forced."""
    target, backup_file = sqlite_path(url), Path(backup_file).expanduser()
    _refuse_live_files(target, backup_file, verb="restored from")
    _refuse_special(target)
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
            triggers = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='trigger' "
                                                             "AND sql LIKE '%RAISE(ABORT%'")}
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            revisions = ([row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
                         if "alembic_version" in tables else [])
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"{name} cannot be read as a database: {error}.") from None
    if problems != ["ok"]:
        raise DatabaseError(f"{name} is damaged ({'; '.join(problems[:3])}): use another backup.")
    if len(revisions) != 1 or not VERIFY_TABLES.issubset(tables):
        raise DatabaseError(f"{name} is not a verify database (no verify tables or schema version).")
    unguarded = [table for table in sorted(APPEND_ONLY_TABLES)
                 if table in tables and not set(sqlite_trigger_names(table)) <= triggers]
    if unguarded:
        raise DatabaseError(f"{name} lacks the triggers that keep {', '.join(unguarded)} append-only, so its "
                            "audit trail may have been edited: use another backup.")
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = {script.revision for script in scripts.walk_revisions()}
    if revisions[0] not in known:
        raise DatabaseError(f"{name} is at schema {revisions[0]}, which this version of verify does not know: "
                            "restore it with the newer verify that wrote it.")
    return Copied(path, revisions[0], scripts.get_current_head())


def _refuse_live_files(database: Path, other: Path, *, verb: str = "written over") -> None:
    """The database, its -wal, -shm and -journal files are one live whole: no backup is written over (or
    read from) any of them, under whatever name or link they are reached."""
    for suffix in LIVE_SUFFIXES:
        live = database.with_name(database.name + suffix)
        if _same_file(live, other):
            what = "the database itself" if not suffix else f"the database's {suffix} file"
            raise Conflict(f"{other} is {what} ({live}): a backup cannot be {verb} it; choose another file.")


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    return a.expanduser().resolve() == b.expanduser().resolve()


def _refuse_special(path: Path) -> None:
    """Only a regular file is ever replaced: never a device, a FIFO, a socket or a folder, even with --force."""
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = ("a folder" if stat.S_ISDIR(mode) else "a device" if stat.S_ISBLK(mode) or stat.S_ISCHR(mode)
                    else "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "not a regular file")
            raise Conflict(f"{path} is {kind}, never replaced by verify (not even with --force): "
                           "choose a regular file.")


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
