"""A claim written in Chinese (and a source named in Chinese) shows as written on the board, the claim page and
the review queue: the same characters, no mojibake, no romanisation in place of the text."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import pytest

from tests.dashboard.conftest import walk
from tests.factories import new_announcement, new_claim
from verify.services import add_announcement, log_claim, run_matcher

CLAIM = "消息称，华为新款折叠屏手机将于下个月发布，售价约1万元。"
SOURCE = "微博爆料人"
ANNOUNCEMENT = "Huawei unveils its new foldable phone, priced from 10,000 yuan."
# What UTF-8 read as Latin-1 (or a lost character) would show instead of the text
MOJIBAKE = ("\ufffd", "Ã", "å", "æ", "ç", "è", "é")


@pytest.fixture
def chinese_claim(uow):
    now = datetime.now(UTC)
    log_claim(uow(), new_claim(text=CLAIM, source=SOURCE, published="2024-04-10"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(text=ANNOUNCEMENT, issuer="Huawei", published="2024-05-08"),
                     actor="ana", now=now)
    run_matcher(uow(), now=now)


def shown(app) -> str:
    """Every text on the page as a reader sees it: Markdown bodies with their entities decoded, and cells."""
    parts = []
    for node in walk(app):
        proto = getattr(node, "proto", None)
        for field in ("body", "label", "value"):
            value = getattr(proto, field, None) if proto is not None else None
            if isinstance(value, str):
                parts.append(html.unescape(value))
        if type(node).__name__ == "Dataframe":
            parts.extend(str(cell) for cell in node.value.astype(str).to_numpy().ravel())
    return "\n".join(parts)


def assert_as_written(text: str) -> None:
    assert CLAIM in text and SOURCE in text
    assert not any(mark in text for mark in MOJIBAKE), [mark for mark in MOJIBAKE if mark in text]


def test_the_board_shows_a_chinese_claim_and_source_as_written(open_page, chinese_claim):
    app = open_page("board")
    rows = app.dataframe[0].value
    assert list(rows["Claim"]) == [CLAIM]
    assert SOURCE in list(rows["Source"])[0]
    assert_as_written(shown(app))


def test_the_claim_page_shows_a_chinese_claim_as_written(open_page, chinese_claim):
    app = open_page("claim")
    app.text_input(key="claim_lookup").input("1").run()
    assert not app.exception, app.exception
    heading = next(m.value for m in app.markdown if m.value.startswith("#### "))
    assert html.unescape(heading) == f"#### {CLAIM}"
    assert_as_written(shown(app))
    candidates = app.dataframe[1].value
    assert ANNOUNCEMENT in list(candidates["Announcement"])


def test_the_review_queue_shows_a_chinese_claim_as_written(open_page, chinese_claim):
    assert_as_written(shown(open_page("review")))
