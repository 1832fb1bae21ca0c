"""Fixtures the integration tests share beyond the root conftest."""

from __future__ import annotations

import pytest

from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork


@pytest.fixture
def other_uow(twin_url):
    """Units of work on a second migrated database of the same backend, for the same work done another way."""
    engine = make_engine(twin_url)
    yield lambda: UnitOfWork(session_factory(engine))
    engine.dispose()
