"""Engines and sessions for SQLite (embedded) and PostgreSQL (multi-user)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from verify.errors import DatabaseError

SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_LOCK_OPTION = "verify_write_lock"


def normalize_url(url: str) -> str:
    """Accept the plain `postgresql://` URLs people paste, and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"Cannot read the database URL {url!r}. Use sqlite:///path/to/verify.db "
            "or postgresql://user@host:5432/dbname."
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise DatabaseError(f"Unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL.")


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        # WAL lets the dashboard read while the CLI writes; the busy timeout turns
        # "database is locked" into a short wait; SQLite leaves foreign keys off unless asked.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _take_the_write_lock(connection):
        # A unit of work that reads first and writes later must not start as a deferred transaction: when
        # it comes to write while another process holds the lock, SQLite fails at once ("database is
        # locked") instead of waiting, since waiting could deadlock two readers. BEGIN IMMEDIATE takes the
        # write lock up front, so the busy timeout applies and writers queue. Readers are not blocked (WAL).
        if connection.get_execution_options().get(WRITE_LOCK_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
