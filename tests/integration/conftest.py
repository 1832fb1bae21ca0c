"""Fixtures the integration tests share beyond the root conftest."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import create_postgres_database, drop_postgres_database, postgres_base_url
from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork


@pytest.fixture
def other_uow(backend, tmp_path, request):
    """A second migrated database on the same backend, for the same work done another way."""
    if backend == "sqlite":
        path = tmp_path / "other.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = create_postgres_database(postgres_base_url(), template=request.getfixturevalue("postgres_template"))
    engine = make_engine(url)
    yield lambda: UnitOfWork(session_factory(engine))
    engine.dispose()
    if backend != "sqlite":
        drop_postgres_database(postgres_base_url(), url)
