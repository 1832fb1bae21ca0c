"""One application behind both entrypoints: the same newsroom action, typed into the CLI on one database and
into the dashboard (AppTest) on its twin, stores the same rows and events; the same settings give the same
scorecards. Ids, times and the database itself are all that may differ."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.dashboard.conftest import EDITOR
from tests.dashboard.test_log_claim import fill
from verify.cli import main
from verify.db.engine import make_engine, session_factory
from verify.db.models import Announcement, Claim, Event, Match, Source
from verify.db.uow import UnitOfWork
from verify.services import run_matcher
from verify.services.demo import load_demo

ARTICLE = """Initech plans an Ohio battery plant

Initech is planning to open its first battery plant in Ohio this summer, according to the Columbus Ledger.

The company was founded in 1998."""
CLAIM_COLUMNS = ("text", "url", "published", "confidence", "status", "window_start", "window_end", "window_expression",
                 "window_granularity", "language", "logged_by", "external_id")


@pytest.fixture
def twin(twin_url):
    engine = make_engine(twin_url)
    yield session_factory(engine)
    engine.dispose()


def cli(url, *args, env=None):
    result = CliRunner().invoke(main, ["--db", url, "--user", EDITOR, *args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def claims(sessions) -> list[tuple]:
    with sessions() as session:
        rows = session.scalars(select(Claim).order_by(Claim.id)).all()
        return [tuple(getattr(row, column) for column in CLAIM_COLUMNS)
                + (row.source.name, row.origin_source.name if row.origin_source else None) for row in rows]


def events(sessions, *, leave=("score", "parts")) -> list[tuple]:
    """Every event, in order, by kind, actor, status, reason and evidence (without ids and scores)."""
    with sessions() as session:
        rows = session.scalars(select(Event).order_by(Event.id)).all()
        return [(row.kind, row.actor, row.status, row.reason,
                 {k: v for k, v in (row.evidence or {}).items() if k not in leave and not k.endswith("_id")})
                for row in rows]


def matches(sessions) -> list[tuple]:
    with sessions() as session:
        rows = session.execute(select(Claim.external_id, Claim.text, Announcement.text, Match.decision, Match.verdict,
                                      Match.band, Match.differs, Match.decided_by)
                               .join(Claim, Claim.id == Match.claim_id)
                               .join(Announcement, Announcement.id == Match.announcement_id)
                               .order_by(Claim.text, Announcement.text)).all()
        return [tuple(row) for row in rows]


def with_demo(url, now):
    engine = make_engine(url)
    try:
        load_demo(UnitOfWork(session_factory(engine)), now=now)
        run_matcher(UnitOfWork(session_factory(engine)), now=now)
    finally:
        engine.dispose()


def test_logging_a_claim_stores_the_same_rows_from_the_cli_and_the_dashboard(open_page, sessions, twin_url, twin):
    cli(twin_url, "claim", "add", "Globex will open a battery plant in Ohio in July", "--source", "Globe Gazette",
        "--published", "2022-03-28", "--url", "https://gazette.example/ohio", "--confidence", "0.7")
    app = fill(open_page("log_claim"), url="https://gazette.example/ohio")
    next(b for b in app.button if b.label == "Log this rumor").click().run()
    assert claims(sessions) == claims(twin) and len(claims(sessions)) == 1
    assert events(sessions) == events(twin)


def test_logging_from_an_article_credits_the_same_origin_from_the_cli_and_the_dashboard(
        open_page, sessions, twin_url, twin, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cli(twin_url, "suggest", str(article), "--source", "The Verge", "--published", "2022-03-28",
        "--url", "https://verge.example/initech", "--log", "--pick", "1")
    app = open_page("log_claim")
    app.text_area(key="article_text").input(ARTICLE)
    app.text_input(key="article_outlet").input("The Verge")
    app.text_input(key="article_published").input("2022-03-28")
    app.text_input(key="article_url").input("https://verge.example/initech")
    next(b for b in app.button if b.label == "Suggest claims").click().run()
    next(b for b in app.button if b.label == "Log this claim").click().run()
    stored = claims(sessions)
    assert stored == claims(twin) and len(stored) == 1
    assert stored[0][-1] == "Columbus Ledger"  # the origin the article names, in both
    assert events(sessions) == events(twin)


def test_adding_an_announcement_matches_it_once_and_stores_the_same_rows(open_page, demo, now, sessions, twin_url,
                                                                         twin):
    with_demo(twin_url, now)
    text, issuer, day = "Broadcom completes its acquisition of VMware", "Broadcom", "2023-11-22"
    cli(twin_url, "announce", "add", text, "--issuer", issuer, "--published", day)
    app = open_page("announcements")
    app.text_area(key="announcement_text").input(text)
    app.text_input(key="announcement_issuer").input(issuer)
    app.text_input(key="announcement_published").input(day)
    next(b for b in app.button if b.label == "Add and match").click().run()
    assert matches(sessions) == matches(twin)
    assert events(sessions, leave=("score", "parts", "recorded")) == events(twin, leave=("score", "parts", "recorded"))


def test_accepting_a_proposal_stores_the_same_rows_from_the_cli_and_the_review_queue(open_page, demo, now, sessions,
                                                                                      twin_url, twin):
    with_demo(twin_url, now)
    with sessions() as session:
        claim_ref, announcement_ref, match_id = session.execute(
            select(Claim.external_id, Announcement.external_id, Match.id)
            .join(Claim, Claim.id == Match.claim_id).join(Announcement, Announcement.id == Match.announcement_id)
            .where(Match.decision == "proposed", Match.band == "review")
            .order_by(Match.score.desc(), Match.id)).first()
    cli(twin_url, "review", claim_ref, announcement_ref, "--accept", "--note", "official release")
    app = open_page("review")
    app.text_input(key=f"note_{match_id}").input("official release")
    next(b for b in app.button if b.label == "✅ Accept").click().run()
    assert matches(sessions) == matches(twin)
    assert claims(sessions) == claims(twin)
    assert events(sessions) == events(twin)


def test_the_scorecards_read_the_same_from_the_cli_and_the_dashboard_with_the_newsrooms_weight(
        open_page, dashboard_env, database_url, uow, now):
    load_demo(uow(), now=now, decided=True)
    dashboard_env.setenv("VERIFY_PARTIAL_HIT_WEIGHT", "0.25")
    by_cli = {card["source"]: card for card in json.loads(cli(
        database_url, "sources", "--json", "--show-confidential", env={"VERIFY_PARTIAL_HIT_WEIGHT": "0.25"}))}
    board = open_page("sources").dataframe[0].value
    assert set(board["Source"]) == set(by_cli)
    rated = {row["Source"]: (row["Hit rate"], row["Resolved"]) for _, row in board.iterrows()
             if by_cli[row["Source"]]["hit_rate"]}
    assert rated, "the demo decides some claims"
    for source, (words, resolved) in rated.items():
        card = by_cli[source]
        assert words.startswith(f"{round(100 * card['hit_rate'])}% ") and resolved == card["resolved"], (
            source, words, card)
    with UnitOfWork(session_factory(make_engine(database_url))) as unit:
        partly = unit.session.scalars(select(Source.name).join(Claim, Claim.source_id == Source.id)
                                      .where(Claim.status == "partly_confirmed")).all()
    assert partly, "the demo has a partly confirmed claim, which the weight counts as a quarter of a hit"
