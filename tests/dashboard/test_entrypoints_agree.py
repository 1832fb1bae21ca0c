"""The CLI and the dashboard call the same services: the same action stores the same rows from either."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from tests.dashboard.conftest import EDITOR
from tests.dashboard.test_claim import button, decide, lookup
from verify.cli import main
from verify.db.models import Claim, Event, Match

DETAIL = "model: 12 Ultra rumored, 12S Ultra announced"


def cli(database_url, *args):
    result = CliRunner().invoke(main, ["--db", database_url, "--user", EDITOR, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def stored(sessions, reference, kind):
    """What an action wrote for a claim, without the ids, times and scores that differ between two pairs."""
    with sessions() as session:
        claim = session.scalars(select(Claim).where(Claim.external_id == reference)).one()
        event = session.scalars(select(Event).where(Event.claim_id == claim.id, Event.kind == kind)).one()
        match = session.get(Match, event.match_id) if event.match_id else None
        evidence = {key: value for key, value in event.evidence.items()
                    if key not in ("score", "band", "parts", "announcement", "proposed_verdict", "proposed_differs",
                                   "before", "window_before", "window_after")}
        return ((event.kind, event.actor, event.status, event.reason, evidence, claim.status),
                match and (match.decision, match.decided_by, match.verdict, match.differs))


def test_a_partly_confirmed_decision_stores_the_same_rows_from_the_cli_and_the_dashboard(
        open_page, demo, database_url, sessions):
    cli(database_url, "review", "demo-c1", "demo-a2", "--partly", "--detail", DETAIL, "--note", "launch", "--force")
    app = decide(lookup(open_page("claim"), "demo-c2"), "demo-a2", "partly", detail=DETAIL, note="launch")
    if app.warning:  # the matcher may not have proposed this pair: confirm, as --force did
        button(app, "Yes, record it").click().run()
    assert stored(sessions, "demo-c1", "match_accepted")[0][:4] == stored(sessions, "demo-c2", "match_accepted")[0][:4]
    assert stored(sessions, "demo-c1", "match_accepted")[1] == stored(sessions, "demo-c2", "match_accepted")[1]
    assert stored(sessions, "demo-c1", "match_accepted")[0][4]["differs"] == DETAIL


def test_a_publication_date_correction_stores_the_same_rows_from_the_cli_and_the_dashboard(
        open_page, demo, database_url, sessions):
    cli(database_url, "claim", "published", "demo-c5", "2019-02-01", "--reason", "the print date")
    app = lookup(open_page("claim"), "demo-c6")
    app.text_input(key="published_date").input("2020-08-01")
    app.text_input(key="published_reason").input("the print date")
    button(app, "Save the date").click().run()
    by_cli, by_dashboard = stored(sessions, "demo-c5", "published_corrected"), stored(sessions, "demo-c6",
                                                                                     "published_corrected")
    assert by_cli[0][:4] == by_dashboard[0][:4] == ("published_corrected", EDITOR, None, "the print date")
    assert set(by_cli[0][4]) == set(by_dashboard[0][4]) and by_cli[1] is by_dashboard[1] is None
