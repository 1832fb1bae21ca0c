"""Many rows into one table, handed to the driver at once: SQLite's `executemany`, PostgreSQL's `COPY`.

Why: `session.execute(insert(table), rows)` turns every row's dict into parameters through SQLAlchemy's
compiled statement (a few microseconds a row, more than SQLite takes to store it), and on PostgreSQL sends
multi-row INSERTs whose text the server parses again and again. An archive of 100,000 claims writes about
800,000 rows (claims, term postings, events). Here each value goes through its column type's own bind
processing, the very conversion SQLAlchemy applies (dates to ISO text on SQLite, moments to UTC, JSON to
text), so the rows stored are the same; only the per-row machinery around it is gone. The rows go into the
caller's transaction, on its connection.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter

from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

SQLITE_DEFAULT_CACHE = -2000  # SQLite's page cache, 2 MB (negative: in KiB), which verify leaves as it is
BULK_CACHE = "PRAGMA cache_size = -65536"  # 64 MB while an archive's rows are written
DEFAULT_CACHE = "PRAGMA cache_size = -2000"  # (SQLITE_DEFAULT_CACHE: a literal, as SQL is never formatted)


@contextmanager
def bulk_page_cache(session: Session) -> Iterator[None]:
    """On SQLite, a 64 MB page cache while the block writes many rows in the session's transaction, then
    SQLite's 2 MB again (before the commit: the pooled connection keeps no large cache).

    Why: an archive's claims go into a table with seven indexes, two of them on random keys (the dedupe
    hash), and its postings into a term-ordered tree; with 2 MB of cache, SQLite writes dirty pages out to
    the WAL and reads them back again and again within the one transaction. 64 MB held the writing of
    100,000 claims (an 85 MB database) to ~1.2 s less CPU of ~9 s. Nothing else changes: the same
    statements, the same rows, one transaction."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or \
            connection.exec_driver_sql("PRAGMA cache_size").scalar() != SQLITE_DEFAULT_CACHE:
        yield
        return
    connection.exec_driver_sql(BULK_CACHE)
    try:
        yield
    finally:
        connection.exec_driver_sql(DEFAULT_CACHE)


def insert_many(session: Session, table, rows: Sequence[dict]) -> None:
    """Insert `rows` (dicts with the same keys, column names of `table`) inside the session's transaction.
    Columns left out take their scalar Python default, as SQLAlchemy would give them, else the database's."""
    if rows:
        names = list(rows[0])
        values = itemgetter(*names)  # a row's values in the order of `names` (a tuple for two or more)
        insert_values(session, table, names, [values(row) for row in rows] if len(names) > 1 else
                      [(row[names[0]],) for row in rows])


def insert_values(session: Session, table, names: Sequence[str], values: Sequence[tuple]) -> None:
    """`insert_many` for rows given as tuples in the order of `names` (no dict per row: the term postings of
    an archive are most of its rows)."""
    if not values:
        return
    connection = session.connection()
    dialect = connection.dialect
    left_out = [column for column in table.columns if column.key not in names and column.default is not None]
    if (dialect.name != "sqlite" and (dialect.name, dialect.driver) != ("postgresql", "psycopg")
            or not all(column.default.is_scalar for column in left_out)):  # SQLAlchemy computes such defaults
        session.execute(insert(table), [dict(zip(names, row, strict=True)) for row in values])
        return
    columns = [table.columns[name] for name in names] + left_out
    if left_out:
        constant = tuple(column.default.arg for column in left_out)
        values = [(*row, *constant) for row in values]
    processing = [(i, _memoised(process) if column.type.hashable else process) for i, column in enumerate(columns)
                  if (process := column.type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    if processing:
        values = [_processed(row, processing) for row in values]
    if dialect.name == "postgresql":
        _copy(connection, table.name, [column.name for column in columns], values)
        return
    statement = insert(table).compile(dialect=dialect, column_keys=[column.key for column in columns])
    position = {column.key: i for i, column in enumerate(columns)}
    order = [position[key] for key in statement.positiontup]  # the statement's own order of its "?"
    if order != list(range(len(columns))):
        values = [tuple(row[i] for i in order) for row in values]
    connection.exec_driver_sql(statement.string, values)


def _copy(connection, table: str, columns: list[str], values: list[tuple]) -> None:
    """COPY on the connection's own driver connection, inside its transaction. The driver's errors come out
    as SQLAlchemy's, as for every other statement (a lost race on a unique key is an IntegrityError, which
    `retry_on_conflict` knows to retry)."""
    from psycopg import sql  # only on PostgreSQL: a SQLite process never loads the driver

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table),
                                                         sql.SQL(", ").join(map(sql.Identifier, columns)))
    dbapi = connection.dialect.loaded_dbapi
    try:
        with connection.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in values:
                copy.write_row(row)
    except dbapi.Error as error:
        raise DBAPIError.instance(str(statement), None, error, dbapi.Error, dialect=connection.dialect) from error


def _processed(row: tuple, processing: list) -> tuple:
    values = list(row)
    for i, process in processing:
        values[i] = process(values[i])
    return tuple(values)


def _memoised(process):
    """A column's bind processing, done once per distinct value of this batch (the import's moment, the few
    thousand publication dates): formatting a date as SQLite text costs more than storing it. Values that
    cannot be dict keys are processed every time, and columns of unhashable types (JSON documents) are not
    memoised at all (a failed look-up per row, 1.7 us, for nothing)."""
    done: dict = {}

    def processed(value):
        try:
            return done[type(value), value]
        except KeyError:
            result = done[type(value), value] = process(value)
            return result
        except TypeError:
            return process(value)

    return processed
