"""Logging suggested claims: only the picked ones, with the article's source, date and URL, in one transaction."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tests.factories import new_announcement, new_claim
from verify.core.suggest import suggest_claims
from verify.db.models import Claim, Event, Source
from verify.errors import InvalidDate, InvalidInput
from verify.ingest.articles import read_article
from verify.services.announcements import add_announcement
from verify.services.claims import log_claim
from verify.services.suggestions import log_suggestions, pick_suggestions, stored_outcomes

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
XDA_URL = "https://www.xda-developers.example/xiaomi-12-ultra-leica-strings/"


@pytest.fixture
def xda():
    article = read_article(ARTICLES / "xda_kacskrz_leica_strings.txt")
    return suggest_claims(article.text, date(2022, 3, 29))


def log(uow, now, suggestions, **options):
    values = {"source": "XDA Developers", "published": date(2022, 3, 29), "url": XDA_URL}
    return log_suggestions(uow(), suggestions, actor="ana", now=now, **{**values, **options})


def stored_claims(sessions):
    origin = aliased(Source)
    with sessions() as session:
        query = (select(Claim, Source.name, origin.name).join(Source, Claim.source_id == Source.id)
                 .outerjoin(origin, Claim.origin_source_id == origin.id).order_by(Claim.id))
        return session.execute(query).all()


def claim_count(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(Claim))


def test_only_the_picked_suggestions_become_claims_with_url_origin_and_confidence(uow, sessions, now, xda):
    report = log(uow, now, xda, pick="1,4")
    rows = stored_claims(sessions)
    assert list(report.logged) == [1, 4] and [claim.id for claim, _, _ in rows] == list(report.logged.values())
    first, source, origin = rows[0]
    assert first.text == xda[0].sentence and first.text.startswith("The code suggests the Xiaomi 12 Ultra")
    assert (source, origin) == ("XDA Developers", "XDA Senior Member kacskrz")
    assert (first.url, first.published, first.confidence) == (XDA_URL, date(2022, 3, 29), 0.6)
    assert (first.window_start, first.window_end) == (date(2022, 7, 1), date(2022, 7, 31))
    # "Sources familiar with the matter" name nobody to score: the outlet answers for them, no origin
    assert (rows[1][0].confidence, rows[1][2]) == (0.7, None)


def test_without_a_pick_every_suggestion_is_logged_each_with_its_logged_event(uow, sessions, now, xda):
    report = log(uow, now, xda)
    assert len(report.logged) == len(xda) == claim_count(sessions)
    with sessions() as session:
        kinds = session.scalars(select(Event.kind)).all()
    assert kinds == ["logged"] * len(xda)


def test_a_suggestion_without_an_attributed_source_has_no_origin(uow, sessions, now, xda):
    unattributed = next(number for number, item in enumerate(xda, 1) if item.attributed_to is None)
    log(uow, now, xda, pick=[unattributed])
    [(claim, _, origin)] = stored_claims(sessions)
    assert origin is None and claim.origin_source_id is None


def test_suggestions_already_logged_are_reported_not_logged_twice(uow, sessions, now, xda):
    log(uow, now, xda, pick="1")
    again = log(uow, now, xda, pick="1,2")
    assert again.already_logged == [1] and list(again.logged) == [2]
    assert claim_count(sessions) == 2


@pytest.mark.parametrize(("pick", "message"), [
    ("9", r"There is no suggestion 9: this article has 5 \(1-5\)"),
    ("0", "There is no suggestion 0"),
    ("1,x", "Cannot read the pick"),
    ("", "Cannot read the pick"),
])
def test_a_bad_pick_is_a_clear_error_and_writes_nothing(uow, sessions, now, xda, pick, message):
    with pytest.raises(InvalidInput, match=message):
        log(uow, now, xda, pick=pick)
    assert claim_count(sessions) == 0


def test_one_bad_value_rejects_the_whole_batch(uow, sessions, now, xda):
    with pytest.raises(InvalidDate, match="in the future"):
        log(uow, now, xda, published=date(2030, 1, 1))
    with pytest.raises(InvalidInput, match="not a web address"):
        log(uow, now, xda, url="xda-developers.example/article")
    with pytest.raises(InvalidInput, match="source is empty"):
        log(uow, now, xda, source=" ")
    assert claim_count(sessions) == 0


def test_the_outlet_credited_for_its_own_report_is_not_its_own_origin(uow, sessions, now):
    article = read_article(ARTICLES / "weibo_leak_12s_ultra_launch.txt")
    suggestions = suggest_claims(article.text, date(2022, 6, 20))
    log(uow, now, suggestions, source="Prolific Weibo tipster Digital Chat Station", pick="1",
        published=date(2022, 6, 20), url=None)
    [(_, source, origin)] = stored_claims(sessions)
    assert source == "Prolific Weibo tipster Digital Chat Station" and origin is None


def test_picks_are_read_from_text_or_numbers_in_order_once_each():
    assert pick_suggestions(3, None) == [1, 2, 3]
    assert pick_suggestions(3, " 3, 1,3 ") == [3, 1]
    assert pick_suggestions(3, [2]) == [2]


# What the store already holds for a suggestion -------------------------------------------------------------

ORBIT = ("Orbital Motors is expected to announce a $2 billion battery plant in Ohio next month, "
         "people familiar with the matter said.\n\nThe plant could employ 1,500 workers, one of the people said.")


def orbit_suggestions():
    return suggest_claims(ORBIT, date(2022, 5, 2))


def add(uow, now, **values):
    return add_announcement(uow(), new_announcement(**values), actor="ana", now=now)


def test_an_announcement_already_stored_is_proposed_for_the_suggestion_it_settles(uow, sessions, now):
    add(uow, now, text="Orbital Motors announces a $2 billion battery plant in Ohio", issuer="Orbital Motors",
        published=date(2022, 6, 14), external_id="ORB-1")
    add(uow, now, text="Harbor Foods opens a bakery in Maine", issuer="Harbor Foods", published=date(2022, 6, 1))
    plant, workers = stored_outcomes(uow(), orbit_suggestions(), published=date(2022, 5, 2))
    [found] = plant.announcements
    assert (found.announcement, found.issuer, found.published) == ("ORB-1", "Orbital Motors", date(2022, 6, 14))
    assert found.proposed_verdict in {"confirmed", "partly_confirmed"} and found.band != "auto"
    assert found.to_dict()["published"] == "2022-06-14"
    assert all(a.announcement != "ORB-1" or a.score < found.score for a in workers.announcements)
    assert claim_count(sessions) == 0  # reading only: nothing logged, nothing proposed
    with sessions() as session:
        assert session.scalars(select(Event.kind)).all() == []


def test_an_announcement_published_before_the_article_is_not_its_outcome(uow, now):
    add(uow, now, text="Orbital Motors announces a $2 billion battery plant in Ohio", issuer="Orbital Motors",
        published=date(2022, 3, 1))
    assert [o.announcements for o in stored_outcomes(uow(), orbit_suggestions(), published=date(2022, 5, 2))] == [
        [], []]


def test_the_same_rumor_already_logged_is_named_and_proposed_as_a_repeat(uow, now):
    first = log_claim(uow(), new_claim(text="Orbital Motors is expected to announce a $2 billion battery plant "
                                            "in Ohio next month", source="Detroit Wire",
                                       published=date(2022, 4, 28)), actor="ana", now=now, follow_up=False)
    plant, workers = stored_outcomes(uow(), orbit_suggestions(), published=date(2022, 5, 2))
    [known] = plant.claims
    assert (known.claim, known.source, known.status, known.repeat) == (str(first), "Detroit Wire", "pending", True)
    assert workers.claims == [] or not workers.claims[0].repeat


def test_an_empty_store_and_no_suggestions_give_nothing(uow):
    assert [o.to_dict() for o in stored_outcomes(uow(), orbit_suggestions(), published=date(2022, 5, 2))] == [
        {"announcements": [], "claims": [], "links": []}] * 2
    assert stored_outcomes(uow(), [], published=date(2022, 5, 2)) == []


def test_the_links_proposed_name_the_repeat_and_the_review_to_make(uow, now):
    add(uow, now, text="Orbital Motors announces a $2 billion battery plant in Ohio", issuer="Orbital Motors",
        published=date(2022, 6, 14), external_id="ORB-1")
    plant, _ = stored_outcomes(uow(), orbit_suggestions(), published=date(2022, 5, 2))
    assert plant.links()[0] == {"kind": "outcome", "announcement": "ORB-1",
                                "proposed_verdict": plant.announcements[0].proposed_verdict,
                                "band": plant.announcements[0].band, "claim": None, "review": None}
    log_claim(uow(), new_claim(text="Orbital Motors is expected to announce a $2 billion battery plant in Ohio "
                                    "next month", source="Detroit Wire", published=date(2022, 4, 28),
                               external_id="DW-7"), actor="ana", now=now)
    plant, _ = stored_outcomes(uow(), orbit_suggestions(), published=date(2022, 5, 2))
    assert plant.links()[:2] == [
        {"kind": "repeat", "claim": "DW-7", "status": "pending"},
        {"kind": "outcome", "announcement": "ORB-1", "proposed_verdict": plant.announcements[0].proposed_verdict,
         "band": plant.announcements[0].band, "claim": "DW-7", "review": "verify review DW-7 ORB-1"}]
