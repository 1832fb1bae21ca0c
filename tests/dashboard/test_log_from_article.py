"""Log a rumor, from an article: each suggestion says what the store already holds for it (an announcement
that may settle it, the same rumor already logged) as a proposal to review, never as a verdict."""

from __future__ import annotations

import html
from datetime import date

from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify.db.models import Claim
from verify.services.announcements import add_announcement
from verify.services.claims import log_claim

ARTICLE = ("Orbital Motors is expected to announce a $2 billion battery plant in Ohio next month, people "
           "familiar with the matter said.\n\nThe plant could employ 1,500 workers, one of the people said.")


def suggest(app, article=ARTICLE):
    app.text_area(key="article_text").input(article)
    app.text_input(key="article_outlet").input("Motor Weekly")
    app.text_input(key="article_published").input("2022-05-02")
    next(b for b in app.button if b.label == "Suggest claims").click().run()
    assert not app.exception, app.exception
    return app


def test_a_stored_announcement_is_shown_as_a_possible_outcome_to_review(open_page, uow, now):
    add_announcement(uow(), new_announcement(text="Orbital Motors announces a $2 billion battery plant in Ohio",
                                             issuer="Orbital Motors", published=date(2022, 6, 14),
                                             external_id="ORB-1"), actor="ana", now=now)
    app = suggest(open_page("log_claim"))
    notes = [html.unescape(info.value) for info in app.info]
    outcomes = [n for n in notes if "Orbital Motors announces" in n]
    assert outcomes
    for note in outcomes:
        assert "may settle this (not reviewed; the matcher proposes" in note
        assert "Log this claim to propose the link for review." in note
    assert not app.warning


def test_the_same_rumor_already_logged_is_named_with_the_review_to_make(open_page, uow, now):
    add_announcement(uow(), new_announcement(text="Orbital Motors announces a $2 billion battery plant in Ohio",
                                             issuer="Orbital Motors", published=date(2022, 6, 14),
                                             external_id="ORB-1"), actor="ana", now=now)
    log_claim(uow(), new_claim(text="Orbital Motors is expected to announce a $2 billion battery plant in Ohio "
                                    "next month", source="Detroit Wire", published=date(2022, 4, 28),
                               external_id="DW-7"), actor="ana", now=now)
    app = suggest(open_page("log_claim"))
    warnings = [html.unescape(w.value) for w in app.warning]
    assert any("Already logged: claim DW-7 by Detroit Wire" in w and "links it as a repeat" in w for w in warnings)
    assert any("review claim DW-7 with announcement ORB-1" in html.unescape(i.value) for i in app.info)


def test_a_logged_suggestion_credits_the_source_the_article_names_as_origin(open_page, sessions):
    app = suggest(open_page("log_claim"), ARTICLE.replace("people familiar with the matter said",
                                                          "according to the Harbor Ledger"))
    next(b for b in app.button if b.label == "Log this claim").click().run()
    with sessions() as session:
        [claim] = session.scalars(select(Claim)).all()
        assert claim.origin_source.name == "Harbor Ledger"
        assert claim.source.name == "Motor Weekly" and claim.confidence == 0.7


def test_unnamed_people_are_not_credited_as_an_origin_to_score(open_page, sessions):
    app = suggest(open_page("log_claim"))
    assert "attributed to people familiar with the matter" in "\n".join(c.value for c in app.caption)
    next(b for b in app.button if b.label == "Log this claim").click().run()
    with sessions() as session:
        [claim] = session.scalars(select(Claim)).all()
        assert claim.origin_source is None and claim.source.name == "Motor Weekly"
