"""AppTest fixtures: the real dashboard on a real database (SQLite and PostgreSQL), chosen by environment.

Nothing of ours is patched: the app reads $VERIFY_DATABASE_URL, $VERIFY_USER and $VERIFY_DASHBOARD_ROLE,
exactly as `verify dashboard` sets them.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from verify.db.models import Announcement, Claim, Event, Feed, Match, Source
from verify.services import run_matcher
from verify.services.demo import load_demo

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
EDITOR = "Ada Editor"


@pytest.fixture
def dashboard_env(monkeypatch, database_url):
    monkeypatch.setenv("VERIFY_DATABASE_URL", database_url)
    monkeypatch.setenv("VERIFY_USER", EDITOR)
    monkeypatch.setenv("VERIFY_DASHBOARD_ROLE", "editor")
    return monkeypatch


@pytest.fixture
def demo(uow, now):
    """The demo data with the matcher's proposals, as a newsroom would have it after `verify match`."""
    load_demo(uow(), now=now)
    run_matcher(uow(), now=now)


@pytest.fixture
def open_page(dashboard_env):
    """`open_page("review")` runs the app on that page and returns the AppTest to drive it."""
    def run(page: str, *, role: str = "editor") -> AppTest:
        dashboard_env.setenv("VERIFY_DASHBOARD_ROLE", role)
        return open_app(page)
    return run


def open_app(page: str = "board", *, session_state: dict | None = None) -> AppTest:
    """The real app on `page` (the board, or a file of dashboard/app_pages/), run once without errors."""
    app = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (session_state or {}).items():
        app.session_state[key] = value
    app.run()
    if page != "board":
        app.switch_page(f"app_pages/{page}.py")
        app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def events(sessions):
    """`events(kind)`: the stored events of one kind, oldest first, read straight from the table."""
    def read(kind: str) -> list[Event]:
        with sessions() as session:
            return list(session.scalars(select(Event).where(Event.kind == kind).order_by(Event.id)))
    return read


PAGES = ["board", "log_claim", "review", "claim", "announcements", "sources"]
CONFIDENTIAL = "Supply-chain contact (protected)"  # the demo's protected source (claim demo-c4)


def walk(app: AppTest):
    """Every element and block on the page (main area and sidebar), depth first."""
    def nodes(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from nodes(child)
    yield from nodes(app.main)
    yield from nodes(app.sidebar)


def shown_text(node) -> str:
    """All a node can show: its protobuf (labels, bodies, options, chart specs) and a table's cells, with
    character references decoded (ui.safe writes every punctuation mark as one)."""
    text = str(getattr(node, "proto", ""))
    if type(node).__name__ == "Dataframe":
        text += node.value.to_csv()
    return html.unescape(text)


def forms(app: AppTest) -> set[str]:
    return {node.proto.form.form_id for node in walk(app) if getattr(node, "type", None) == "form"}


def buttons(app: AppTest) -> set[str]:
    return {button.label for button in app.button}


@pytest.fixture
def row_counts(sessions):
    """`row_counts()`: rows in every table a dashboard write could touch, to compare before and after."""
    def count() -> dict[str, int]:
        with sessions() as session:
            counts = {model.__name__: session.scalar(select(func.count()).select_from(model))
                      for model in (Announcement, Claim, Event, Feed, Match, Source)}
            counts["decided"] = session.scalar(select(func.count()).select_from(Match)
                                               .where(Match.decision != "proposed"))
            return counts
    return count
