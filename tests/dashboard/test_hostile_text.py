"""Hostile claim text and source names, logged through the dashboard itself, are shown as plain text on every
page: nothing that renders Markdown (bodies, headings, alerts, widget labels and help) carries an unescaped
`<script`, `<img`, `](http` or `](javascript`; the raw text appears only in tables and plain-text elements."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import PAGES, walk
from tests.factories import new_announcement
from verify.services import add_announcement, run_matcher

TEXT = "<script>alert(1)</script> [click](http://evil.example) **bold** <img src=x onerror=alert(1)>"
SOURCE = "<b>Evil</b> [x](javascript:alert(1))"
UNSAFE = ("<script", "<img", "](http", "](javascript")
PLAIN = {"Dataframe", "Text", "Code", "Json", "TextInput", "TextArea", "Selectbox", "Multiselect"}


@pytest.fixture
def hostile(open_page, uow):
    """The claim logged on the Log a rumor page, then an announcement in the same words so it is matched."""
    app = open_page("log_claim")
    app.text_area(key="claim_text").input(TEXT)
    app.text_input(key="new_source").input(SOURCE)
    app.text_input(key="claim_published").input("2022-03-28")
    next(b for b in app.button if b.label == "Preview").click().run()
    assert_inert(app, "preview")
    next(b for b in app.button if b.label == "Log this rumor").click().run()
    assert not app.exception, app.exception
    assert_inert(app, "logged")
    now = datetime.now(UTC)  # the dashboard logged the claim at the real time; the matcher ignores later ones
    add_announcement(uow(), new_announcement(text=TEXT, issuer=SOURCE, published="2022-04-01"), actor="ana", now=now)
    run_matcher(uow(), now=now)


def markdown_of(node) -> list[str]:
    """What Streamlit renders as Markdown in this node: bodies, labels and help texts (not option lists)."""
    proto = getattr(node, "proto", None)
    if proto is None or type(node).__name__ in PLAIN and not hasattr(proto, "label"):
        return []
    return [getattr(proto, field) for field in ("body", "label", "help")
            if field in type(proto).DESCRIPTOR.fields_by_name and isinstance(getattr(proto, field), str)]


def assert_inert(app: AppTest, where: str) -> None:
    for node in walk(app):
        for value in markdown_of(node):
            assert not any(mark in value.lower() for mark in UNSAFE), (where, type(node).__name__, value)


@pytest.mark.parametrize("page", PAGES)
def test_hostile_text_never_renders_as_markup(open_page, hostile, page):
    app = open_page(page)
    if page == "claim":
        app.text_input(key="claim_lookup").input("1").run()
    if page == "sources":
        picker = next(box for box in app.selectbox if box.label == "Source")
        picker.set_value(next(option for option in picker.options if "Evil" in option)).run()
    assert not app.exception, app.exception
    assert_inert(app, page)
    everything = " ".join(html.unescape(str(getattr(node, "proto", ""))) + (
        node.value.to_csv() if type(node).__name__ == "Dataframe" else "") for node in walk(app))
    if page in ("board", "claim", "review", "sources"):  # still shown, as itself (review highlights words)
        assert "<b>Evil</b>" in everything and (page == "review" or "<script>alert(1)</script>" in everything)

