"""Claim text, announcements and source names with HTML, links and emphasis are shown as plain text on every
dashboard page: no element that renders markdown (markdown, captions, headings, alerts) carries an unescaped
`<script` or a rendered `](http` link."""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import open_app
from tests.factories import new_announcement, new_claim
from verify.services import add_announcement, log_claim, run_matcher

HOSTILE = "<script>alert(1)</script> [click](http://evil.example) **bold** launches in July"
PAGES = ["board", "review", "announcements", "sources", "claim", "log_claim"]

pytestmark = pytest.mark.slow


@pytest.fixture
def hostile_data(uow, now):
    log_claim(uow(), new_claim(text=HOSTILE, source="<b>Outlet</b> [x](http://evil.example)",
                               external_id="hostile"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(text=f"Xiaomi: {HOSTILE}", issuer="<i>Xiaomi</i>"),
                     actor="ana", now=now)
    run_matcher(uow(), now=now)


@pytest.mark.parametrize("page", PAGES)
def test_untrusted_text_is_never_rendered_as_markup(database_url, hostile_data, monkeypatch, page):
    monkeypatch.setenv("VERIFY_DATABASE_URL", database_url)
    monkeypatch.setenv("VERIFY_USER", "Ada Editor")
    monkeypatch.setenv("VERIFY_DASHBOARD_ROLE", "editor")
    app = open_app(page)
    rendered = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
    shown = [str(element.value) for kind in rendered for element in getattr(app, kind)]
    for value in shown:
        assert "<script" not in value.lower(), (page, value)
        assert "](http" not in value, (page, value)
    if page == "board":  # shown, verbatim, in a table cell: plain text
        assert any("<script>alert(1)</script>" in table.value.to_string(max_colwidth=None)
                   for table in app.dataframe)
