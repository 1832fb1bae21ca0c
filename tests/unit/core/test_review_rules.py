"""The review rules as a table: what an editor may decide on a pair, in which state, and what it settles
on."""

from datetime import UTC, date, datetime

import pytest

from verify.core import review_rules as rules
from verify.errors import Conflict, InvalidInput

RUMOR_DAY, ANNOUNCED = date(2022, 3, 28), date(2022, 5, 24)


def pair(**changes) -> rules.PairState:
    values = {"claim_ref": "leica-rumor", "announcement_ref": "leica-pr", "claim_published": RUMOR_DAY,
              "claim_status": "pending", "announcement_published": ANNOUNCED, "decision": "proposed"}
    return rules.PairState(**{**values, **changes})


@pytest.mark.parametrize(("decision", "detail", "error"), [
    ("accept", None, None), ("confirm", None, None), ("deny", None, None), ("reject", None, None),
    ("partly", "amount: $13bn rumored, $14bn announced", None),
    ("partly", None, "needs the detail that differs"),
    ("confirm", "amount", "goes with partly confirmed only"),
    ("reject", "amount", "goes with partly confirmed only"),
])
def test_a_differing_detail_goes_with_partly_and_only_with_it(decision, detail, error):
    rules.check_decision(decision)
    if error is None:
        rules.check_detail(decision, detail)
    else:
        with pytest.raises(InvalidInput, match=error):
            rules.check_detail(decision, detail)


def test_an_unknown_decision_names_the_known_ones():
    with pytest.raises(InvalidInput, match="use one of accept, confirm, partly, deny, reject"):
        rules.check_decision("approve")


@pytest.mark.parametrize(("state", "decision", "error"), [
    (pair(), "confirm", None),
    (pair(decision=None), "confirm", None),
    (pair(decision="accepted", decided_by="ed", decided_at=datetime(2022, 6, 1, tzinfo=UTC)), "reject",
     "were already accepted by ed on 2022-06-01"),
    (pair(announcement_published=date(2022, 3, 1)), "confirm", "predates the claim"),
    (pair(announcement_published=date(2022, 3, 1)), "reject", None),
    (pair(claim_status="retracted"), "deny", "was retracted"),
    (pair(claim_status="retracted"), "reject", None),
    (pair(claim_status="confirmed"), "deny", None),  # a settled claim may be settled again by another pair
])
def test_a_pair_is_decided_once_never_by_an_earlier_statement_and_a_retraction_is_only_rejected(
        state, decision, error):
    if error is None:
        rules.check_pair_open(state, decision)
    else:
        with pytest.raises(Conflict, match=error):
            rules.check_pair_open(state, decision)


@pytest.mark.parametrize(("proposed", "band", "decision", "force", "refused"), [
    (True, "auto", "accept", False, None),
    (True, "review", "confirm", False, None),
    (True, "discard", "confirm", False, "discarded"),
    (True, "discard", "confirm", True, None),
    (False, "review", "deny", False, "never proposed"),
    (False, "review", "deny", True, None),
    (False, "discard", "reject", False, None),  # saying "not this one" needs no confirmation
])
def test_overriding_the_matcher_needs_the_editors_confirmation(proposed, band, decision, force, refused):
    def check():
        rules.check_confirmed(pair(), decision, proposed=proposed, band=band, score=41.6, force=force)
    if refused is None:
        check()
    else:
        expected = f"{refused} announcement leica-pr .* \\(score 42/100\\)"
        with pytest.raises(rules.NeedsConfirmation, match=expected):
            check()
    assert rules.is_forced(proposed=proposed, band=band) == (not proposed or band == "discard")


@pytest.mark.parametrize(("decision", "proposed", "detail", "settled"), [
    ("accept", ("confirmed", None), None, ("confirmed", None)),
    ("accept", ("partly_confirmed", "date: July"), None, ("partly_confirmed", "date: July")),
    ("accept", ("denied", "stale detail"), None, ("denied", None)),
    ("confirm", ("denied", None), None, ("confirmed", None)),  # the editor's verdict wins
    ("partly", ("confirmed", None), "amount", ("partly_confirmed", "amount")),
    ("deny", ("confirmed", None), None, ("denied", None)),
    ("reject", ("confirmed", None), None, (None, None)),
])
def test_the_editors_verdict_wins_and_accepting_takes_the_matchers(decision, proposed, detail, settled):
    assert rules.settled_verdict(decision, proposed_verdict=proposed[0], proposed_differs=proposed[1],
                                 detail=detail, claim_ref="leica-rumor") == settled


def test_accepting_a_partly_confirmed_proposal_without_its_detail_asks_for_it():
    with pytest.raises(InvalidInput, match="names no differing detail: choose partly"):
        rules.settled_verdict("accept", proposed_verdict="partly_confirmed", proposed_differs=None,
                              detail=None, claim_ref="leica-rumor")


def event(id_, kind, match_id=None, status=None):
    return rules.DecisionEvent(id_, kind, match_id, status)


LOGGED = event(1, "logged", status="pending")


@pytest.mark.parametrize(("events", "undone", "before"), [
    ([LOGGED, event(2, "match_accepted", 7, "confirmed")], 2, "pending"),
    ([LOGGED, event(2, "match_accepted", 7, "confirmed"), event(3, "note_added")], 2, "pending"),
    ([LOGGED, event(2, "match_accepted", 6, "denied"), event(3, "match_rejected", 7)], 3, "denied"),
    ([event(2, "match_accepted", 7, "confirmed")], 2, "pending"),
])
def test_the_latest_decision_is_undone_back_to_the_status_before_it(events, undone, before):
    latest, status = rules.decision_to_undo(list(reversed(events)), 7, "leica-rumor")
    assert (latest.id, status) == (undone, before)


@pytest.mark.parametrize("events", [
    [LOGGED],
    [LOGGED, event(2, "match_accepted", 7, "confirmed"), event(3, "match_rejected", 8)],
    [LOGGED, event(2, "match_accepted", 7, "confirmed"), event(3, "decision_undone", 7, "pending")],
])
def test_only_the_latest_decision_of_this_pair_can_be_undone(events):
    with pytest.raises(Conflict, match="only the latest decision can be undone"):
        rules.decision_to_undo(events, 7, "leica-rumor")
