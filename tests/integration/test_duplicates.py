"""Near-duplicate claims are linked to the first report, so source scoring can credit who was first."""
from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import new_claim
from verify.db.models import Claim, Event
from verify.errors import Conflict
from verify.queries.duplicates import duplicate_pairs
from verify.services import log_claim
from verify.services.claims import log_claim_and_match
from verify.services.duplicates import link_as_repeat, link_duplicates, unlink_claim

FIRST = "Xiaomi's first Leica-branded phone will launch in July, according to code in the camera app"
REPEAT = "Xiaomi's first Leica-branded phone to launch in July, according to camera app code"


def log(uow, now, text, source, published, ref):
    return log_claim_and_match(uow(), new_claim(text=text, source=source, published=published,
                                                external_id=ref), actor="ana", now=now)


def duplicate_of(sessions, claim_id):
    with sessions() as session:
        return session.get(Claim, claim_id).duplicate_of_id


def test_logging_a_near_duplicate_links_it_to_the_first_report(uow, sessions, now):
    first = log(uow, now, FIRST, "XDA Developers", date(2022, 3, 28), "c1")
    repeat = log(uow, now, REPEAT, "Some Blog", date(2022, 3, 30), "c2")
    assert duplicate_of(sessions, repeat.id) == first.id and duplicate_of(sessions, first.id) is None
    assert [(link.claim, link.duplicate_of) for link in repeat.follow_up.duplicates] == [(repeat.id, first.id)]
    with sessions() as session:
        event = session.scalars(select(Event).where(Event.kind == "duplicate_linked")).one()
        assert event.claim_id == repeat.id and event.evidence["similarity"] >= 70
    pairs = duplicate_pairs(sessions())
    assert [(p["claim"], p["duplicate_of"]) for p in pairs] == [("c2", "c1")]
    assert pairs[0]["first_source"] == "XDA Developers"


def test_an_earlier_report_logged_later_becomes_the_first(uow, sessions, now):
    late = log(uow, now, REPEAT, "Some Blog", date(2022, 3, 30), "late")
    early = log(uow, now, FIRST, "XDA Developers", date(2022, 3, 28), "early")
    assert duplicate_of(sessions, late.id) == early.id and duplicate_of(sessions, early.id) is None


def test_every_repeat_points_at_the_earliest_report_never_at_another_repeat(uow, sessions, now):
    first = log(uow, now, FIRST, "XDA Developers", date(2022, 3, 28), "a")
    second = log(uow, now, REPEAT, "Some Blog", date(2022, 3, 30), "b")
    third = log(uow, now, REPEAT + " again", "Third Blog", date(2022, 4, 2), "c")
    assert duplicate_of(sessions, second.id) == first.id == duplicate_of(sessions, third.id)


def test_a_look_alike_rumor_is_not_a_duplicate(uow, sessions, now):
    log(uow, now, "Intel is in talks to acquire Mellanox", "CNBC", date(2019, 1, 30), "intel")
    other = log(uow, now, "NVIDIA is in talks to acquire Mellanox", "Calcalist", date(2019, 2, 4), "nvidia")
    assert duplicate_of(sessions, other.id) is None


def test_an_editor_unlinks_a_wrong_link_and_it_is_never_made_again(uow, sessions, now):
    first = log(uow, now, FIRST, "XDA Developers", date(2022, 3, 28), "c1")
    repeat = log(uow, now, REPEAT, "Some Blog", date(2022, 3, 30), "c2")
    assert unlink_claim(uow(), "c2", actor="ed", now=now, reason="a different phone") == first.id
    assert duplicate_of(sessions, repeat.id) is None
    assert link_duplicates(uow(), [repeat.id], now=now) == []
    log(uow, now, FIRST, "Earlier Blog", date(2022, 3, 27), "c0")
    assert duplicate_of(sessions, repeat.id) is None
    with sessions() as session:
        event = session.scalars(select(Event).where(Event.kind == "duplicate_unlinked")).one()
        assert (event.actor, event.reason) == ("ed", "a different phone")


def test_a_claim_logged_as_a_repeat_points_at_the_first_report_and_the_history_says_who(uow, sessions, now):
    first = log_claim(uow(), new_claim(text="Initech will cut 500 jobs in June", source="Paper A"),
                      actor="ana", now=now, follow_up=False)
    second = log_claim(uow(), new_claim(text="Initech to cut jobs soon", source="Paper B"), actor="ana",
                       now=now, follow_up=False)
    third = log_claim(uow(), new_claim(text="Initech layoffs coming", source="Paper C"), actor="ana", now=now,
                      follow_up=False)
    assert link_as_repeat(uow(), str(second), str(first), actor="ben", now=now) == first
    assert link_as_repeat(uow(), str(third), str(second), actor="ben", now=now) == first  # never a chain
    with sessions() as session:
        assert session.get(Claim, third).duplicate_of_id == first
        event = session.scalars(select(Event).where(Event.kind == "duplicate_linked", Event.claim_id == third)).one()
        assert (event.actor, event.evidence["duplicate_of"]) == ("ben", first)
    with pytest.raises(Conflict):
        link_as_repeat(uow(), str(first), str(first), actor="ben", now=now)
