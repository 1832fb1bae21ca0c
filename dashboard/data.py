"""The dashboard's only door to verify: a cached engine, cached plain-data reads, and units of work.

Every cached read takes the database URL as its first argument, so two databases (tests, or a switch of
$VERIFY_DATABASE_URL) never share cache entries. Reads live for a short ttl; `after_write` drops them all.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from datetime import date, datetime

import streamlit as st

from verify import queries
from verify.application import Application
from verify.config import DATABASE_URL_VARIABLE, load_settings
from verify.db.engine import make_engine, session_factory
from verify.db.migrate import ensure_current
from verify.db.uow import UnitOfWork
from verify.queries.claimreview import claim_reviews as claim_reviews_of
from verify.queries.redaction import URL_KEYS, hidden_names, redact_row, redact_value
from verify.queries.scorecards import source_record, source_scorecards

TTL = 20  # seconds: other people's writes show up within this


def database_url() -> str:
    return load_settings(os.environ.get(DATABASE_URL_VARIABLE)).database_url


def application() -> Application:
    """The application the CLI also builds, from the same settings: clock and zone, hemisphere, weights,
    matcher settings, the database. Settings are read on every run (a changed environment shows at once);
    the engine is shared."""
    app = Application.from_environment(os.environ.get(DATABASE_URL_VARIABLE))
    app._engine = engine(app.settings.database_url)
    return app


def now() -> datetime:
    """This moment in the newsroom's zone: what a reporter calls today is the newsroom's date (as in the CLI)."""
    return application().now()


@st.cache_resource(show_spinner=False)
def engine(url: str):
    built = make_engine(url)
    ensure_current(built)
    return built


def unit_of_work() -> UnitOfWork:
    return application().uow()


def after_write() -> None:
    """Everything cached may now be stale."""
    st.cache_data.clear()


def _session(url: str):
    return session_factory(engine(url))()


def _public(session, value, reveal: bool):
    """What a page may show: for anyone but an editor who asked, every confidential source's name, however
    spelled and wherever written (other claims' texts, notes, evidence), becomes its pseudonym, and a claim's
    address goes when its source or origin is shown by pseudonym (an address can name its source)."""
    if reveal:
        return value
    hidden = hidden_names(session)
    return _redacted(value, hidden) if hidden else value


def _redacted(value, hidden):
    if isinstance(value, dict):
        if "url" in value and ("source" in value or "origin" in value):
            return redact_row(value, hidden)
        return {key: redact_value(item, hidden) if key in URL_KEYS else _redacted(item, hidden)
                for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_redacted(item, hidden) for item in value)
    return redact_value(value, hidden)


@st.cache_data(ttl=TTL, show_spinner=False)
def board(url: str, today: date, filters: queries.BoardFilter, sort: str, attention_first: bool, limit: int,
          offset: int, reveal: bool, as_of: date | None = None) -> dict:
    """A page of the board; with `as_of` before today, the board as it stood on that date."""
    with _session(url) as session:
        page = queries.board_page(session, today=today, filters=filters, sort=sort,
                                  attention_first=attention_first, limit=limit, offset=offset,
                                  reveal_confidential=reveal, as_of=as_of)
        return _public(session, asdict(page), reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def sources(url: str, reveal: bool) -> list[dict]:
    with _session(url) as session:
        return queries.source_choices(session, reveal_confidential=reveal)


@st.cache_data(ttl=3600, show_spinner=False)
def entity_names() -> list[str]:
    return queries.entity_names()


@st.cache_data(ttl=TTL, show_spinner=False)
def mentioned_entities(url: str) -> list[str]:
    """The alias book's names some claim mentions (the board's company filter lists nothing else)."""
    with _session(url) as session:
        return queries.mentioned_entities(session)


@st.cache_data(ttl=TTL, show_spinner=False)
def review_queue(url: str, limit: int, offset: int, reveal: bool) -> tuple[list[dict], int]:
    with _session(url) as session:
        return (_public(session, queries.review_queue(session, limit=limit, offset=offset,
                                                      reveal_confidential=reveal), reveal),
                queries.review_queue_size(session))


@st.cache_data(ttl=TTL, show_spinner=False)
def claim(url: str, reference: str, today: date, reveal: bool) -> dict:
    with _session(url) as session:
        return _public(session, queries.claim_detail(session, reference, today=today, reveal_confidential=reveal),
                       reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def similar(url: str, text: str, exclude_id: int | None, reveal: bool) -> list[dict]:
    with _session(url) as session:
        return _public(session, queries.similar_claims(session, text, exclude_id=exclude_id,
                                                       reveal_confidential=reveal), reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def announcements(url: str, limit: int, offset: int, search: str | None = None,
                  reveal: bool = False) -> tuple[list[dict], int]:
    with _session(url) as session:
        return _public(session, queries.recent_announcements(session, limit=limit, offset=offset, search=search),
                       reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def announcement_matches(url: str, ids: tuple[int, ...], reveal: bool) -> list[dict]:
    with _session(url) as session:
        return _public(session, queries.matches_of_announcements(session, list(ids), reveal_confidential=reveal),
                       reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def scorecards(url: str, as_of: date, reveal: bool, partial_weight: float = 0.5) -> list[dict]:
    with _session(url) as session:
        cards = source_scorecards(session, as_of=as_of, reveal=reveal, partial_weight=partial_weight)
        return _public(session, [asdict(card) for card in cards], reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def claim_reviews(url: str, as_of: date, newsroom: str, newsroom_url: str) -> list[dict]:
    """ClaimReview JSON-LD for every claim resolved by `as_of` (protected sources by pseudonym)."""
    with _session(url) as session:
        return claim_reviews_of(session, as_of=as_of, newsroom=newsroom, newsroom_url=newsroom_url)


@st.cache_data(ttl=TTL, show_spinner=False)
def source_timeline(url: str, source_id: int, as_of: date, reveal: bool) -> list[dict]:
    """The claims a source's scorecard counts as of `as_of`, with their status then, newest first."""
    with _session(url) as session:
        return _public(session, source_record(session, source_id, as_of=as_of), reveal)


@st.cache_data(ttl=TTL, show_spinner=False)
def feeds(url: str) -> list[dict]:
    with _session(url) as session:
        return [asdict(row) for row in queries.list_feeds(session)]
