from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import new_claim
from verify.db.models import Claim, Event, Source
from verify.errors import Conflict, InvalidDate, InvalidInput
from verify.queries.preview import preview_claim
from verify.services import correct_window, import_claims, log_claim, retract_claim
from verify.services.claims import log_claim_and_match


def test_logging_a_claim_stores_it_with_its_window_and_a_first_event(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(confidence="all but confirmed", url="https://xda.example/leica"),
                         actor="ana", now=now)
    with sessions() as session:
        claim = session.get(Claim, claim_id)
        assert claim.source.name == "XDA Developers"
        assert claim.published == date(2022, 3, 28)
        assert (claim.window_start, claim.window_end) == (date(2022, 7, 1), date(2022, 7, 31))
        assert claim.confidence == pytest.approx(0.95) and claim.confidence_label == "all but confirmed"
        assert claim.status == "pending" and claim.logged_by == "ana"
        event = session.scalars(select(Event).where(Event.claim_id == claim_id)).one()
        assert (event.kind, event.status, event.effective_on) == ("logged", "pending", date(2022, 3, 28))


def test_natural_language_dates_are_read(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(published="28 March 2022"), actor="ana", now=now)
    with sessions() as session:
        assert session.get(Claim, claim_id).published == date(2022, 3, 28)


def test_the_same_claim_twice_is_refused_and_nothing_else_changes(uow, sessions, now):
    log_claim(uow(), new_claim(), actor="ana", now=now)
    with pytest.raises(Conflict, match="already logged"):
        log_claim(uow(), new_claim(), actor="bob", now=now)
    with sessions() as session:
        assert len(session.scalars(select(Claim)).all()) == 1
        assert len(session.scalars(select(Source)).all()) == 1


@pytest.mark.parametrize(("overrides", "error", "message"), [
    ({"text": "   "}, InvalidInput, "claim text is empty"),
    ({"source": ""}, InvalidInput, "source is empty"),
    ({"published": "the day after never"}, InvalidDate, "published date"),
    ({"published": date(2030, 1, 1)}, InvalidDate, "in the future"),
    ({"confidence": "1.7"}, InvalidInput, "out of range"),
    ({"confidence": "a hunch"}, InvalidInput, "Cannot read the confidence"),
    ({"url": "javascript:alert(1)"}, InvalidInput, "not a web address"),
    ({"text": "x" * 5001}, InvalidInput, "limit is 5,000"),
])
def test_bad_input_is_refused_with_a_clear_message_and_writes_nothing(uow, sessions, now, overrides, error,
                                                                      message):
    with pytest.raises(error, match=message):
        log_claim(uow(), new_claim(**overrides), actor="ana", now=now)
    with sessions() as session:
        assert session.scalars(select(Claim)).all() == []
        assert session.scalars(select(Event)).all() == []


def test_a_hand_correction_of_the_window_wins_and_is_recorded(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now)
    correct_window(uow(), str(claim_id), "2022-07-01", "2022-08-15", actor="ed", now=now, reason="July or so")
    with sessions() as session:
        claim = session.get(Claim, claim_id)
        assert (claim.window_end, claim.window_by_hand) == (date(2022, 8, 15), True)
        event = session.scalars(select(Event).where(Event.kind == "window_corrected")).one()
        assert event.evidence["before"]["end"] == "2022-07-31" and event.actor == "ed"


def test_retracting_keeps_the_claim_and_its_history(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(), actor="ana", now=now)
    retract_claim(uow(), str(claim_id), actor="ed", now=now, reason="logged by mistake")
    with sessions() as session:
        assert session.get(Claim, claim_id).status == "retracted"
        kinds = session.scalars(select(Event.kind).where(Event.claim_id == claim_id).order_by(Event.id)).all()
        assert kinds == ["logged", "retracted"]


PAST = "The chipmaker closed the takeover last week, two bankers said"


def test_logging_a_claim_whose_time_is_past_stores_it_and_says_so(uow, sessions, now):
    logged = log_claim_and_match(uow(), new_claim(text=PAST, published=date(2022, 6, 15)), actor="ana", now=now)
    assert logged.warning is not None and "last week" in logged.warning and "reads as past" in logged.warning
    with sessions() as session:
        assert session.get(Claim, logged.id).window_end is None  # no deadline already gone: never overdue at once
    assert log_claim_and_match(uow(), new_claim(), actor="ana", now=now).warning is None


def test_the_preview_warns_of_a_past_time_exactly_as_logging_does(uow, now):
    new = new_claim(text=PAST, published=date(2022, 6, 15))
    preview = preview_claim(uow(), new, today=now.date())
    assert preview.warning == log_claim_and_match(uow(), new, actor="ana", now=now).warning
    assert preview_claim(uow(), new_claim(), today=now.date()).warning is None


def test_an_import_lists_the_lines_whose_time_is_past(uow, now, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"text,source,published\n\"{PAST}\",Wire,2022-06-15\nThe plant opens next month,Wire,2022-06-15\n",
                    encoding="utf-8")
    report = import_claims(uow(), path, actor="ana", now=now)
    assert len(report.added) == 2
    assert [line for line, _ in report.warnings] == [2]
