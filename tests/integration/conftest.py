"""Fixtures the integration tests share beyond the root conftest."""

from __future__ import annotations

import gc

import pytest

from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork


@pytest.fixture
def other_uow(twin_url):
    """Units of work on a second migrated database of the same backend, for the same work done another way."""
    engine = make_engine(twin_url)
    yield lambda: UnitOfWork(session_factory(engine))
    engine.dispose()


@pytest.fixture
def thresholds_when_called(monkeypatch):
    """`thresholds_when_called(module, name)`: a list that gets the garbage collector's thresholds each time
    `module.name` is called from then on."""

    def watch(module, name: str) -> list[tuple[int, int, int]]:
        seen, original = [], getattr(module, name)

        def watched(*args, **kwargs):
            seen.append(gc.get_threshold())
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)
        return seen

    return watch
