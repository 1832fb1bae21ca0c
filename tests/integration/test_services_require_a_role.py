"""Permissions live in the services: every write refuses a role that may not do it, and writes nothing,
whichever entrypoint called it (a page that forgot to hide a button, a script)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from verify.core.permissions import Actor, NotAllowed
from verify.db.models import Announcement, Claim, EntityAlias, Event, Feed, Match, Source
from verify.services import NewAnnouncement, NewClaim, add_announcement, log_claim, review_match
from verify.services.aliases import add_alias
from verify.services.claims import correct_window, retract_claim
from verify.services.duplicates import link_as_repeat
from verify.services.feeds import add_feed, poll_feeds
from verify.services.newsroom import set_setting
from verify.services.published import correct_published
from verify.services.review import undo_decision
from verify.services.sources import edit_source

VIEWER, REPORTER, EDITOR = Actor("Vic Viewer", "viewer"), Actor("Rae Reporter", "reporter"), Actor("Ed", "editor")
TABLES = (Claim, Announcement, Match, Event, Source, Feed, EntityAlias)


def counts(sessions) -> dict:
    with sessions() as session:
        return {table.__name__: session.scalar(select(func.count()).select_from(table)) for table in TABLES}


@pytest.fixture
def stored(uow, now):
    """One claim and the announcement that confirms it, proposed as a match."""
    log_claim(uow(), NewClaim(text="Initech will open a factory in Ohio in July", source="Gazette",
                              published="2022-03-01"), actor=EDITOR, now=now)
    add_announcement(uow(), NewAnnouncement(text="Initech opens its Ohio factory", issuer="Initech",
                                            published="2022-07-10"), actor=EDITOR, now=now)


def writes(uow, now, sessions):
    """Every write use case, as an entrypoint would call it for `actor`."""
    with sessions() as session:
        match_id = session.scalar(select(Match.id))
    return {
        "log a claim": lambda actor: log_claim(uow(), NewClaim(
            text="Globex will list its shares in 2023", source="Wire", published="2022-04-01"), actor=actor, now=now),
        "add an announcement": lambda actor: add_announcement(uow(), NewAnnouncement(
            text="Globex lists its shares", issuer="Globex", published="2023-02-01"), actor=actor, now=now),
        "add a feed": lambda actor: add_feed(uow(), "https://globex.example/news.xml", issuer="Globex",
                                             actor=actor, now=now),
        "poll feeds": lambda actor: poll_feeds(uow, now=now, actor=actor, fetch=_never),
        "review a match": lambda actor: review_match(uow(), "1", "1", "accept", actor=actor, now=now, force=True),
        "undo a decision": lambda actor: undo_decision(uow(), match_id or 1, actor=actor, now=now),
        "correct a window": lambda actor: correct_window(uow(), "1", None, date(2022, 8, 31), actor=actor, now=now),
        "correct a date": lambda actor: correct_published(uow(), "1", "2022-03-02", actor=actor, now=now,
                                                          reason="print date"),
        "retract a claim": lambda actor: retract_claim(uow(), "1", actor=actor, now=now, reason="wrong outlet"),
        "link a repeat": lambda actor: link_as_repeat(uow(), "1", "1", actor=actor, now=now),
        "edit a source": lambda actor: edit_source(uow(), "Gazette", kind="person", actor=actor, now=now),
        "add an alias": lambda actor: add_alias(uow(), "IT", "Initech", actor=actor, now=now),
        "change a setting": lambda actor: set_setting(uow(), "auto_confirm", "on", actor=actor, now=now),
    }


def _never(url, **kwargs):
    raise AssertionError("a refused poll must not fetch anything")


REPORTERS_MAY = {"log a claim", "add an announcement", "add a feed", "poll feeds", "link a repeat"}


@pytest.mark.parametrize("action", ["log a claim", "add an announcement", "add a feed", "poll feeds", "review a match",
                                    "undo a decision", "correct a window", "correct a date", "retract a claim",
                                    "link a repeat", "edit a source", "add an alias", "change a setting"])
def test_a_viewer_is_refused_every_write_and_nothing_is_stored(stored, uow, now, sessions, action):
    before = counts(sessions)
    with pytest.raises(NotAllowed, match="Vic Viewer \\(viewer\\) may not"):
        writes(uow, now, sessions)[action](VIEWER)
    assert counts(sessions) == before


@pytest.mark.parametrize("action", ["review a match", "undo a decision", "correct a window", "correct a date",
                                    "retract a claim", "edit a source", "add an alias", "change a setting"])
def test_a_reporter_is_refused_what_only_editors_do_and_nothing_is_stored(stored, uow, now, sessions, action):
    assert action not in REPORTERS_MAY
    before = counts(sessions)
    with pytest.raises(NotAllowed, match="Rae Reporter \\(reporter\\) may not"):
        writes(uow, now, sessions)[action](REPORTER)
    assert counts(sessions) == before


def test_a_reporter_logs_and_the_event_records_their_name(stored, uow, now, sessions):
    claim_id = writes(uow, now, sessions)["log a claim"](REPORTER)
    with sessions() as session:
        assert session.scalar(select(Event.actor).where(Event.claim_id == claim_id, Event.kind == "logged")) == \
            "Rae Reporter"


def test_only_an_editor_runs_the_full_re_match(stored, uow, now, sessions):
    from verify.services import run_matcher

    before = counts(sessions)
    for actor in (VIEWER, REPORTER):
        with pytest.raises(NotAllowed, match="may not review matches"):
            run_matcher(uow(), now=now, actor=actor)
    assert counts(sessions) == before
    run_matcher(uow(), now=now, actor=EDITOR)
