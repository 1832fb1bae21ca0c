from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify.db.models import Event, Match, Source
from verify.errors import Conflict, InvalidInput, NotFound
from verify.queries.audit import claim_audit
from verify.queries.claimreview import claim_reviews
from verify.services import add_announcement, log_claim
from verify.services.matching import accept
from verify.services.sources import add_source, edit_source


def test_adding_a_confidential_source_records_an_event_without_its_name(uow, sessions, now):
    source_id = add_source(uow(), "Deep Throat", kind="person", confidential=True, actor="ed", now=now)
    with sessions() as session:
        source = session.get(Source, source_id)
        event = session.scalars(select(Event).where(Event.source_id == source_id)).one()
    assert (source.name, source.kind, source.confidential) == ("Deep Throat", "person", True)
    assert (event.kind, event.actor, event.evidence) == ("source_added", "ed", {"kind": "person",
                                                                                "confidential": True})
    assert "Deep Throat" not in str(event.evidence) + str(event.reason)


def test_every_edit_is_an_event_with_the_actor_and_what_changed(uow, sessions, now):
    log_claim(uow(), new_claim(source="Old Name"), actor="ana", now=now)
    later = now + timedelta(hours=1)
    edit_source(uow(), "Old Name", rename="New Name", kind="person", actor="ed", now=later, reason="typo")
    edit_source(uow(), "New Name", confidential=True, actor="bo", now=later)
    with sessions() as session:
        source = session.scalars(select(Source)).one()
        events = session.scalars(select(Event).where(Event.kind == "source_changed").order_by(Event.id)).all()
    assert (source.name, source.kind, source.confidential) == ("New Name", "person", True)
    assert [(event.actor, event.evidence) for event in events] == [
        ("ed", {"renamed": True, "kind": {"before": "outlet", "after": "person"}}),
        ("bo", {"confidential": {"before": False, "after": True}}),
    ]
    assert events[0].reason == "typo"


def test_source_mistakes_are_clear_errors(uow, now):
    add_source(uow(), "A", actor="ed", now=now)
    add_source(uow(), "B", actor="ed", now=now)
    with pytest.raises(Conflict):
        add_source(uow(), "A", actor="ed", now=now)
    with pytest.raises(Conflict):
        edit_source(uow(), "A", rename="B", actor="ed", now=now)
    with pytest.raises(InvalidInput, match="Nothing to change"):
        edit_source(uow(), "A", kind="outlet", actor="ed", now=now)
    with pytest.raises(NotFound):
        edit_source(uow(), "Nobody", kind="person", actor="ed", now=now)
    with pytest.raises(InvalidInput, match="unknown"):
        add_source(uow(), "C", kind="blog", actor="ed", now=now)


def _confirm(uow, claim_id, on, now):
    announcement_id = add_announcement(uow(), new_announcement(published=on), actor="ed", now=now)
    with uow() as work:
        match = work.session.scalar(select(Match).where(Match.claim_id == claim_id,
                                                        Match.announcement_id == announcement_id))
        if match is None:  # the matcher may already have proposed the pair when the announcement came in
            match = Match(claim_id=claim_id, announcement_id=announcement_id, score=88.0, band="review",
                          verdict="confirmed", differs=None, parts={}, decision="proposed", proposed_at=now)
            work.session.add(match)
            work.session.flush()
        accept(work.session, match, actor="ed", now=now, verdict="confirmed", note="press release")
        work.commit()


def test_the_audit_trail_tells_who_did_what_when_and_why(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(url="https://secret.example/post"), actor="ana", now=now)
    _confirm(uow, claim_id, date(2022, 5, 24), now)
    with sessions() as session:
        trail = claim_audit(session, str(claim_id))
    steps = [(entry.kind, entry.actor) for entry in trail.events if entry.kind != "match_proposed"]
    assert steps == [("logged", "ana"), ("match_accepted", "ed")]
    assert trail.events[0].summary.startswith("window 2022-07-01..2022-07-31")
    accepted = trail.events[-1]
    assert "accepted announcement" in accepted.summary and accepted.reason == "press release"
    assert trail.to_dict()["events"][-1]["effective_on"] == "2022-05-24"


def test_the_public_audit_and_claimreview_never_name_a_confidential_source(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(source="Secret Insider", url="https://secret-insider.example/x"),
                         actor="ana", now=now)
    edit_source(uow(), "Secret Insider", confidential=True, actor="ed", now=now)
    _confirm(uow, claim_id, date(2022, 5, 24), now)
    with sessions() as session:
        trail = claim_audit(session, str(claim_id), reveal=False)
        reviews = claim_reviews(session, as_of=date(2022, 8, 31), newsroom="The Ledger",
                                newsroom_url="https://ledger.example")
    for public in (str(trail.to_dict()), str(reviews)):
        assert "Secret Insider" not in public and "secret-insider" not in public
    assert trail.source.startswith("Confidential source #")
    assert reviews[0]["itemReviewed"]["author"]["name"] == trail.source


def test_claimreview_has_the_fields_aggregators_read(uow, sessions, now):
    claim_id = log_claim(uow(), new_claim(url="https://xda.example/leica", confidence=0.7), actor="ana",
                         now=now)
    log_claim(uow(), new_claim(text="A phone will launch in May", external_id="may"), actor="ana", now=now)
    log_claim(uow(), new_claim(text="A phone will launch in December"), actor="ana", now=now)
    _confirm(uow, claim_id, date(2022, 5, 24), now)
    with sessions() as session:
        reviews = claim_reviews(session, as_of=date(2022, 8, 31), newsroom="The Ledger",
                                newsroom_url="https://ledger.example/")
    assert len(reviews) == 2  # the December claim is still pending: no review
    confirmed, overdue = reviews
    assert confirmed["@context"] == "https://schema.org" and confirmed["@type"] == "ClaimReview"
    assert confirmed["url"] == f"https://ledger.example/claims/{claim_id}"
    assert confirmed["claimReviewed"].startswith("Xiaomi's first Leica")
    assert confirmed["datePublished"] == "2022-05-24"
    assert confirmed["author"] == {"@type": "Organization", "name": "The Ledger", "url": "https://ledger.example/"}
    assert confirmed["itemReviewed"] == {
        "@type": "Claim", "author": {"@type": "Organization", "name": "XDA Developers"},
        "datePublished": "2022-03-28",
        "appearance": {"@type": "CreativeWork", "url": "https://xda.example/leica"},
        "firstAppearance": {"@type": "CreativeWork", "url": "https://xda.example/leica"},
    }
    assert confirmed["reviewRating"] == {"@type": "Rating", "ratingValue": 4, "bestRating": 4, "worstRating": 1,
                                         "alternateName": "True: confirmed"}
    assert overdue["reviewRating"]["ratingValue"] == 2 and overdue["datePublished"] == "2022-06-01"
    for review in reviews:
        rating = review["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
