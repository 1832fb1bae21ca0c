"""A source's record on the sources page follows the page's as-of date, as its scorecard does."""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import new_announcement, new_claim
from verify.queries.scorecards import source_record
from verify.services import add_announcement, log_claim, review_match

LATER_RUMOR = "Xiaomi will sell a Leica tablet by December"


@pytest.fixture
def confirmed_in_may(uow, now):
    """XDA's Leica rumor (28 March 2022) confirmed by the announcement of 24 May; its tablet rumor of 1 June."""
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now, follow_up=False)
    announced = add_announcement(uow(), new_announcement(), actor="ana", now=now, follow_up=False)
    review_match(uow(), str(claim_id), str(announced), "confirm", actor="ed", now=now, force=True)
    log_claim(uow(), new_claim(text=LATER_RUMOR, published=date(2022, 6, 1)), actor="ana", now=now,
              follow_up=False)
    return claim_id


def test_the_record_gives_each_claim_its_status_on_the_date(confirmed_in_may, sessions):
    with sessions() as session:
        before = source_record(session, 1, as_of=date(2022, 5, 23))
        after = source_record(session, 1, as_of=date(2022, 9, 1))
    assert [(row["id"], row["status"]) for row in before] == [(confirmed_in_may, "pending")]
    assert [row["status"] for row in after] == ["pending", "confirmed"]  # newest first


def record_on(open_page, as_of: date | None):
    app = open_page("sources")
    if as_of is not None:
        app.date_input[0].set_value(as_of).run()
    app.selectbox(key="record_source").select("XDA Developers").run()
    assert not app.exception, app.exception
    return app


def test_the_sources_page_shows_a_source_s_record_as_of_its_date(open_page, confirmed_in_may):
    app = record_on(open_page, date(2022, 5, 23))
    record = app.dataframe[1].value
    assert list(record["Status"]) == ["🟡 Pending"] and list(record["Claim"]) == [new_claim().text]
    app = record_on(open_page, None)
    record = app.dataframe[1].value
    assert list(record["Status"]) == ["🟠 Overdue", "🟢 Confirmed"]  # "by December" 2022 has long passed
    assert list(record["Claim"]) == [LATER_RUMOR, new_claim().text]


def test_before_a_source_s_first_claim_its_record_says_so(open_page, confirmed_in_may):
    app = record_on(open_page, date(2022, 1, 1))
    assert len(app.dataframe) == 1 and any("had been published by 1 January 2022" in c.value for c in app.caption)
