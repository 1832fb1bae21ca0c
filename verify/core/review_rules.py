"""What an editor may decide on a pair of a claim and an announcement, in which state: the review rules.

Why pure: the CLI, the dashboard and the tests must meet the same refusals with the same words, and a
rule read apart from the transaction that applies it can be tested as a table
(tests/unit/core/test_review_rules.py).
verify.services.review gathers the pair's state, asks these rules, and records what they allow.

Decisions: `accept` takes the matcher's verdict; `confirm`, `partly` (with the differing detail the editor
types) and `deny` set the verdict the editor chose; `reject` says the announcement does not settle the claim.
Settling a pair the matcher discarded or never proposed needs `force`: a slip of the finger there would
put a wrong "confirmed" on the board.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from verify.core import status as st
from verify.errors import Conflict, InvalidInput, NeedsConfirmation  # noqa: F401 - raised here

DECISIONS = ("accept", "confirm", "partly", "deny", "reject")
VERDICT_OF = {"confirm": st.CONFIRMED, "partly": st.PARTLY_CONFIRMED, "deny": st.DENIED}
DECISION_EVENTS = ("match_accepted", "match_rejected", "decision_undone")
MAX_DETAIL = 500
DETAIL_EXAMPLE = 'e.g. "amount: $13bn rumored, $14bn announced"'


@dataclass(frozen=True)
class PairState:
    """What the rules need to know of a pair, as plain values (refs as the editor typed them)."""

    claim_ref: str
    announcement_ref: str
    claim_published: date
    claim_status: str
    announcement_published: date
    decision: str | None = None  # the pair's row: proposed, accepted, rejected; None: never proposed
    decided_by: str | None = None
    decided_at: datetime | None = None


def check_decision(decision: str) -> None:
    if decision not in DECISIONS:
        raise InvalidInput(f"Unknown decision {decision!r}: use one of {', '.join(DECISIONS)}.")


def check_detail(decision: str, detail: str | None) -> None:
    """A differing detail goes with `partly`, and only with it."""
    if decision == "partly" and detail is None:
        raise InvalidInput(f"Partly confirmed needs the detail that differs, {DETAIL_EXAMPLE}.")
    if detail is not None and decision != "partly":
        raise InvalidInput("A differing detail goes with partly confirmed only: choose partly, or drop the "
                           "detail.")


def check_pair_open(pair: PairState, decision: str) -> None:
    """A pair is decided once; an earlier statement never settles a later rumor; a retracted claim is only
    ever rejected against."""
    if pair.decision not in (None, "proposed"):
        raise Conflict(f"Claim {pair.claim_ref} and announcement {pair.announcement_ref} were already "
                       f"{pair.decision} by {pair.decided_by} on {pair.decided_at:%Y-%m-%d}.")
    if decision != "reject" and pair.announcement_published < pair.claim_published:
        raise Conflict(f"Announcement {pair.announcement_ref} ({pair.announcement_published}) predates the "
                       f"claim ({pair.claim_published}): an earlier statement cannot confirm a later rumor.")
    if pair.claim_status == st.RETRACTED and decision != "reject":
        raise Conflict(f"Claim {pair.claim_ref} was retracted: it cannot be confirmed or denied.")


def is_forced(*, proposed: bool, band: str) -> bool:
    """Settling this pair overrides the matcher: it never proposed it, or discarded it."""
    return not proposed or band == "discard"


def check_confirmed(pair: PairState, decision: str, *, proposed: bool, band: str, score: float,
                    force: bool) -> None:
    """Settling a pair the matcher never proposed or discarded needs the editor's confirmation (`force`)."""
    if decision != "reject" and not force and is_forced(proposed=proposed, band=band):
        why = "never proposed" if not proposed else "discarded"
        raise NeedsConfirmation(
            f"The matcher {why} announcement {pair.announcement_ref} for claim {pair.claim_ref} (score "
            f"{score:.0f}/100): make sure it is the right pair, then confirm the decision.")


def settled_verdict(decision: str, *, proposed_verdict: str | None, proposed_differs: str | None,
                    detail: str | None, claim_ref: str) -> tuple[str | None, str | None]:
    """The verdict and differing detail the decision settles on (none for a rejection): the editor's verdict
    wins over the matcher's, and a partly confirmed verdict always names what differs."""
    if decision == "reject":
        return None, None
    if decision == "accept":
        if proposed_verdict == st.PARTLY_CONFIRMED and not proposed_differs:
            raise InvalidInput(f"The matcher proposes partly confirmed for claim {claim_ref} but names no "
                               f"differing detail: choose partly and type the detail, {DETAIL_EXAMPLE}.")
        return proposed_verdict, proposed_differs if proposed_verdict == st.PARTLY_CONFIRMED else None
    return VERDICT_OF[decision], detail


@dataclass(frozen=True)
class DecisionEvent:
    """A claim's event as the undo rule reads it."""

    id: int
    kind: str
    match_id: int | None
    status: str | None


def decision_to_undo(events: Sequence[DecisionEvent], match_id: int,
                     claim_ref: str) -> tuple[DecisionEvent, str]:
    """The latest decision on the claim, which must be this pair's and not itself an undo, and the status the
    claim had before it (pending when none). Only the latest decision can be undone: an older one has been
    built on since."""
    newest_first = sorted(events, key=lambda event: -event.id)
    latest = next((event for event in newest_first if event.kind in DECISION_EVENTS), None)
    if latest is None or latest.match_id != match_id or latest.kind == "decision_undone":
        raise Conflict(f"A later decision was made on claim {claim_ref}: only the latest decision can be "
                       "undone.")
    earlier = (event.status for event in newest_first if event.id < latest.id and event.status)
    before = next(earlier, st.PENDING)
    return latest, before
