"""An archive's rows are written with a 64 MB SQLite page cache, and the connection goes back to the pool with
SQLite's 2 MB again, whether the writing succeeded or failed; PostgreSQL is left as it is."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from verify.db.bulk_insert import bulk_page_cache, insert_many
from verify.db.models import Source


def cache_size(session) -> int | None:
    connection = session.connection()
    return connection.exec_driver_sql("PRAGMA cache_size").scalar() if connection.dialect.name == "sqlite" else None


def test_the_large_cache_holds_inside_the_block_only_and_the_rows_are_written(uow, now, backend):
    with uow() as unit:
        before = cache_size(unit.session)
        with bulk_page_cache(unit.session):
            assert cache_size(unit.session) == (-65536 if backend == "sqlite" else None)
            insert_many(unit.session, Source.__table__, [{"name": f"Outlet {i}", "kind": "outlet",
                                                         "confidential": False, "created_at": now}
                                                        for i in range(3)])
        assert cache_size(unit.session) == before == (-2000 if backend == "sqlite" else None)
        unit.commit()
    with uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Source)) == 3


def test_a_failed_write_also_leaves_the_default_cache(uow):
    with uow() as unit:
        before = cache_size(unit.session)
        with pytest.raises(RuntimeError), bulk_page_cache(unit.session):
            raise RuntimeError("a lost race")
        assert cache_size(unit.session) == before
