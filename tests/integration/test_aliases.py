"""The alias book users edit: every change an event, stored aliases change what the matcher sees."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify.db.aliases import alias_book
from verify.db.models import EntityAlias, Event
from verify.errors import Conflict, InvalidInput, NotFound
from verify.queries.aliases import list_aliases
from verify.queries.claim_detail import similar_claims
from verify.services import log_claim, run_matcher
from verify.services.aliases import add_alias, learn_aliases, remove_alias
from verify.services.announcements import add_announcement_and_match

NICKNAME_RUMOR = "Team Green is in talks to acquire Arm"
ANNOUNCED = "NVIDIA to acquire Arm"


def test_an_alias_added_turns_a_look_alike_into_a_match(uow, now):
    log_claim(uow(), new_claim(text=NICKNAME_RUMOR, published=date(2020, 7, 20)), actor="ana", now=now)
    add_announcement_and_match(uow(), new_announcement(text=ANNOUNCED, issuer="NVIDIA",
                                                       published=date(2020, 9, 13)), actor="ed", now=now)
    assert run_matcher(uow(), now=now) == []
    add_alias(uow(), "Team Green", "NVIDIA", actor="ed", now=now)
    rows = run_matcher(uow(), now=now)
    assert [(row.verdict, row.differs) for row in rows] == [("confirmed", None)]


def test_adding_and_removing_an_alias_are_events_with_the_actor(uow, sessions, now):
    add_alias(uow(), "Team Green", "NVIDIA", kind="org", actor="ed", now=now)
    with sessions() as session:
        assert alias_book(session).canonical("team green") == "nvidia"
        assert [row["alias"] for row in list_aliases(session)] == ["Team Green"]
    remove_alias(uow(), "Team Green", actor="mo", now=now)
    with sessions() as session:
        assert session.scalars(select(EntityAlias)).all() == []
        events = session.scalars(select(Event).order_by(Event.id)).all()
        assert [(e.kind, e.actor, e.evidence["alias"]) for e in events] == [
            ("alias_added", "ed", "Team Green"), ("alias_removed", "mo", "Team Green")]


def test_alias_mistakes_are_clear_errors(uow, now):
    add_alias(uow(), "Team Green", "NVIDIA", actor="ed", now=now)
    with pytest.raises(Conflict, match="already names 'NVIDIA'"):
        add_alias(uow(), "Team Green", "AMD", actor="ed", now=now)
    with pytest.raises(InvalidInput, match="kind"):
        add_alias(uow(), "Big Blue", "IBM", kind="company", actor="ed", now=now)
    with pytest.raises(InvalidInput, match="canonical name itself"):
        add_alias(uow(), "IBM", "ibm", actor="ed", now=now)
    with pytest.raises(NotFound, match="No stored alias"):
        remove_alias(uow(), "Nobody", actor="ed", now=now)


def test_the_defaults_are_listed_only_when_asked(sessions):
    with sessions() as session:
        assert list_aliases(session) == []
        defaults = list_aliases(session, include_defaults=True)
    assert defaults and {row["origin"] for row in defaults} == {"default"}


def test_learnt_aliases_are_proposals_until_saved(uow, sessions, now):
    for day, text in enumerate(["The Federal Trade Commission reviews the deal", "The FTC reviews the deal",
                                "Federal Trade Commission staff object", "FTC staff object"], start=1):
        log_claim(uow(), new_claim(text=text, source=f"S{day}", published=date(2022, 3, day)), actor="ana",
                  now=now, follow_up=False)
    proposed = learn_aliases(uow(), actor="ed", now=now)
    assert ("FTC", "Federal Trade Commission") in {(p.alias, p.canonical) for p in proposed}
    with sessions() as session:
        assert session.scalars(select(EntityAlias)).all() == []
    learn_aliases(uow(), actor="ed", now=now, save=True)
    with sessions() as session:
        stored = session.scalars(select(EntityAlias).where(EntityAlias.alias == "FTC")).one()
        assert (stored.canonical, stored.origin, stored.added_by) == ("Federal Trade Commission", "learnt", "ed")
    assert "FTC" not in {p.alias for p in learn_aliases(uow(), actor="ed", now=now)}


def test_similar_claims_know_the_stored_aliases_as_the_duplicate_linker_does(uow, sessions, now):
    log_claim(uow(), new_claim(text="NVIDIA is in talks to acquire Arm", published=date(2020, 7, 20)),
              actor="ana", now=now)
    with sessions() as session:
        assert similar_claims(session, NICKNAME_RUMOR, threshold=70.0) == []
    add_alias(uow(), "Team Green", "NVIDIA", actor="ed", now=now)
    with sessions() as session:
        assert [row["text"] for row in similar_claims(session, NICKNAME_RUMOR, threshold=70.0)] == [
            "NVIDIA is in talks to acquire Arm"]
