"""Real databases for tests: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from $VERIFY_TEST_POSTGRES_URL (a server where we may create databases). Without it the
PostgreSQL variants are skipped locally; in CI (CI=true) a missing or unreachable server fails the run.
Each test gets a fresh database copied from a template migrated once per session, so tests are isolated
and parallel runs never collide.
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from verify.db import migrate
from verify.db.engine import make_engine, normalize_url, session_factory
from verify.db.uow import UnitOfWork

POSTGRES_VARIABLE = "VERIFY_TEST_POSTGRES_URL"
NOW = datetime(2022, 9, 1, 12, 0, tzinfo=UTC)
# Folders whose tests run the whole dashboard (AppTest), real processes (crash, concurrency, upgrades) or
# many generated inputs: `slow`, so `pytest -m "not slow"` is the quick loop (the pure core, services on real
# databases, the CLI). `scripts/test` and CI run everything.
SLOW_FOLDERS = {"dashboard", "reliability", "property"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = item.path.parent.name
        if folder in SLOW_FOLDERS or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


def postgres_base_url() -> str | None:
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test PostgreSQL: set {POSTGRES_VARIABLE}.")
        pytest.skip(f"PostgreSQL tests need {POSTGRES_VARIABLE} (set by .ci/run)")
    return normalize_url(url)


def _admin(base_url: str):
    return create_engine(base_url, isolation_level="AUTOCOMMIT")


def create_postgres_database(base_url: str, template: str | None = None) -> str:
    """A new database, empty or a copy of `template` (a database the tests made). PostgreSQL copies only an
    idle template: a session some test left open on it (a pooled connection, a killed command's backend not
    gone yet) is ended first, as the template is the tests' own."""
    name = f"verify_test_{uuid.uuid4().hex[:12]}"
    admin = _admin(base_url)
    try:
        with admin.connect() as connection:
            clause = f" TEMPLATE {template}" if template else ""
            if template:
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        "WHERE datname = :template AND pid <> pg_backend_pid()"),
                                   {"template": template})
            connection.execute(text(f"CREATE DATABASE {name}{clause}"))
    except Exception as error:  # noqa: BLE001 - any failure to reach the server must fail loudly
        pytest.fail(f"PostgreSQL at {base_url} is unreachable or refuses to create databases: {error}")
    finally:
        admin.dispose()
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(base_url: str, url: str) -> None:
    name = make_url(url).database
    admin = _admin(base_url)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(f"sqlite:///{path}")
    return str(path)


@pytest.fixture(scope="session")
def postgres_template():
    base = postgres_base_url()
    url = create_postgres_database(base)
    migrate.upgrade(url)
    yield make_url(url).database
    drop_postgres_database(base, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def empty_database_url(backend, tmp_path):
    """A database with no tables at all: for migration tests."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    base = postgres_base_url()
    url = create_postgres_database(base)
    yield url
    drop_postgres_database(base, url)


@contextmanager
def migrated_database(backend: str, path, request):
    """A migrated, empty verify database: a copy of the session's template (a file at `path` on SQLite)."""
    if backend == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    base = postgres_base_url()
    url = create_postgres_database(base, template=request.getfixturevalue("postgres_template"))
    try:
        yield url
    finally:
        drop_postgres_database(base, url)


@pytest.fixture
def database_url(backend, tmp_path, request):
    """A migrated, empty verify database on each backend."""
    with migrated_database(backend, tmp_path / "verify.db", request) as url:
        yield url


@pytest.fixture
def twin_url(backend, tmp_path, request):
    """Another migrated database on the same backend: the same work done another way, to compare."""
    with migrated_database(backend, tmp_path / "twin.db", request) as url:
        yield url


@pytest.fixture
def engine(database_url):
    built = make_engine(database_url)
    yield built
    built.dispose()


@pytest.fixture
def sessions(engine):
    return session_factory(engine)


@pytest.fixture
def uow(sessions):
    """A fresh unit of work for each call: `uow()`."""
    return lambda: UnitOfWork(sessions)


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def prescan_from(monkeypatch):
    """`prescan_from(module, build_from)`: the module's word pre-scan (`_PRESCAN`) replaced by one built once
    `build_from` texts are read (0: at once; a huge number: never, every pattern runs); returns it."""
    from verify.core.prescan import LazyRuleFilter

    def replace(module, build_from: int) -> LazyRuleFilter:
        prescan = LazyRuleFilter(module._PRESCAN.patterns, build_from=build_from)
        monkeypatch.setattr(module, "_PRESCAN", prescan)
        return prescan

    return replace
