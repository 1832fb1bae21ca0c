"""The board as of a past date: its SQL replay of the events agrees with the Python rule (verify.core.status,
through `verify claims --as-of`'s query) on claims settled before, on and after the date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.factories import new_announcement, new_claim
from verify import queries
from verify.queries import BoardFilter, board_page
from verify.services import add_announcement, log_claim, retract_claim, review_match

DAY = date(2022, 6, 15)  # the date the board is read as of


@pytest.fixture
def settled(uow, now):
    """Claims settled before, on and after DAY, one retracted after it, one published after it, and open
    claims whose window closed before DAY or after it. Returns {name: claim id}."""
    def claim(name, published, when="in July"):
        return log_claim(uow(), new_claim(text=f"Rumor {name}: Xiaomi will ship gadget {name} {when}",
                                          published=published), actor="ana", now=now, follow_up=False)

    def settle(claim_id, published, decision):
        announced = add_announcement(uow(), new_announcement(text=f"Xiaomi statement {claim_id}",
                                                             published=published), actor="ana", now=now,
                                     follow_up=False)
        review_match(uow(), str(claim_id), str(announced), decision, actor="ed", now=now, force=True)

    ids = {name: claim(name, date(2022, 3, 1)) for name in ("before", "on", "after", "denied_on", "retracted")}
    settle(ids["before"], DAY - timedelta(days=20), "confirm")
    settle(ids["on"], DAY, "confirm")
    settle(ids["after"], DAY + timedelta(days=10), "confirm")
    settle(ids["denied_on"], DAY, "deny")
    retract_claim(uow(), str(ids["retracted"]), actor="ed", now=now, reason="logged by mistake")
    ids["overdue"] = claim("overdue", date(2022, 3, 1), when="in May")
    ids["open"] = claim("open", date(2022, 3, 1), when="in August")
    ids["later"] = claim("later", DAY + timedelta(days=1))
    return ids


@pytest.mark.parametrize("as_of", [DAY - timedelta(days=1), DAY, DAY + timedelta(days=1), date(2022, 8, 20)])
def test_the_board_as_of_a_date_agrees_with_the_python_rule(settled, sessions, now, as_of):
    with sessions() as session:
        board = board_page(session, today=now.date(), as_of=as_of, limit=100)
        by_rule = {row.id: row.status for row in queries.list_claims(session, as_of=as_of)}
    assert {row["id"]: row["status"] for row in board.rows} == by_rule
    assert board.total == len(by_rule) and board.as_of == as_of
    assert sum(board.counts[status] for status in set(by_rule.values())) == len(by_rule)


def test_a_claim_confirmed_later_is_open_then_and_one_published_later_is_not_shown(settled, sessions, now):
    with sessions() as session:
        board = {row["id"]: row for row in board_page(session, today=now.date(), as_of=DAY, limit=100).rows}
        today = {row["id"]: row for row in board_page(session, today=now.date(), limit=100).rows}
    assert board[settled["after"]]["status"] == "pending" and today[settled["after"]]["status"] == "confirmed"
    assert board[settled["on"]]["status"] == "confirmed" and board[settled["denied_on"]]["status"] == "denied"
    assert board[settled["retracted"]]["status"] == "pending" and today[settled["retracted"]]["status"] == "retracted"
    assert board[settled["overdue"]]["status"] == "overdue"
    assert board[settled["after"]]["best_match"] is None  # announced after the date: not on that day's board
    assert settled["later"] not in board and settled["later"] in today
    assert board[settled["open"]]["days_to_deadline"] == (date(2022, 8, 31) - DAY).days


def test_a_status_filter_on_a_past_date_keeps_the_claims_in_that_status_then(settled, sessions, now):
    with sessions() as session:
        confirmed = board_page(session, today=now.date(), as_of=DAY, filters=BoardFilter(statuses=("confirmed",)))
        pending = board_page(session, today=now.date(), as_of=DAY, filters=BoardFilter(statuses=("pending",)))
    assert {row["id"] for row in confirmed.rows} == {settled["before"], settled["on"]}
    assert {row["id"] for row in pending.rows} == {settled["after"], settled["retracted"], settled["open"]}


def test_a_proposal_for_an_announcement_made_after_the_date_needs_no_review_then(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now, follow_up=False)
    add_announcement(uow(), new_announcement(published=date(2022, 5, 24)), actor="ana", now=now)
    with sessions() as session:
        before = board_page(session, today=now.date(), as_of=date(2022, 5, 23))
        on = board_page(session, today=now.date(), as_of=date(2022, 5, 24))
    assert [row["id"] for row in before.rows] == [row["id"] for row in on.rows] == [claim_id]
    assert (before.rows[0]["needs_review"], before.rows[0]["best_match"], before.counts["needs_review"]) == (
        False, None, 0)
    assert on.rows[0]["needs_review"] and on.counts["needs_review"] == 1


@pytest.fixture
def confirmed_in_may(uow, now):
    """The Leica rumor (28 March 2022), confirmed by the announcement of 24 May; another rumor of 1 June."""
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now, follow_up=False)
    announced = add_announcement(uow(), new_announcement(), actor="ana", now=now, follow_up=False)
    review_match(uow(), str(claim_id), str(announced), "confirm", actor="ed", now=now, force=True)
    log_claim(uow(), new_claim(text="Xiaomi will sell a Leica tablet by December", published=date(2022, 6, 1)),
              actor="ana", now=now, follow_up=False)


def test_the_board_is_today_s_by_default_and_says_so(open_page, confirmed_in_may):
    app = open_page("board")
    assert app.date_input(key="as_of").value == date.today()
    assert not [box for box in app.info if "as it stood" in box.value]
    assert "Confirmed" in " ".join(app.dataframe[0].value["Status"]) and len(app.dataframe[0].value) == 2


def test_the_board_as_of_an_earlier_date_shows_the_statuses_then_with_a_note(open_page, confirmed_in_may):
    app = open_page("board")
    app.date_input(key="as_of").set_value(date(2022, 5, 23)).run()
    rows = app.dataframe[0].value
    assert list(rows["Claim"]) == [new_claim().text] and list(rows["Status"]) == ["🟡 Pending"]
    assert list(rows["Confirmed by, or best match"]) == ["—"]
    assert any("as it stood on 23 May 2022" in box.value for box in app.info)
    app.date_input(key="as_of").set_value(date(2022, 5, 24)).run()
    assert list(app.dataframe[0].value["Status"]) == ["🟢 Confirmed"]
