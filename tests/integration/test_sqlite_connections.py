"""How verify's SQLite connections are set up (`verify.db.engine`)."""

import pytest
from sqlalchemy import text

from verify.db.engine import SQLITE_MMAP_BYTES


def test_a_sqlite_connection_reads_the_file_through_a_memory_map_and_keeps_wal_and_foreign_keys(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's connection settings")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA mmap_size")).scalar_one() == SQLITE_MMAP_BYTES
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
