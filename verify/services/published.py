"""Correcting a claim's publication date: an event, never a silent overwrite of history.

Why a service of its own: the date is what everything else is read against. The window is resolved from the
text again against the corrected date (unless an editor set it by hand), and the claim's pairs are
re-examined: an announcement now dated before the claim can no longer confirm it, so its proposal is
withdrawn, and an acceptance resting on it no longer settles the claim.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from verify.core import status as st
from verify.core.inputs import clean_text, dedupe_key, read_date
from verify.core.logging_checks import logging_warning
from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.core.time import resolve_window
from verify.db.models import Announcement, Claim, Event, Match
from verify.db.repository import find_claim, record_event
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput
from verify.services.followup import FollowUp
from verify.services.matching import match_claims, reference

log = logging.getLogger(__name__)


@dataclass
class DateCorrected:
    """What the correction changed, for the person who made it."""

    claim_id: int
    before: date
    after: date
    window: dict | None  # the window after the correction (start, end as ISO dates), None without one
    window_kept: bool  # set by hand, so not re-resolved
    withdrawn: list[str] = field(default_factory=list)  # announcements that no longer settle the claim
    status: str = st.PENDING
    warning: str | None = None  # the time now reads as past (see `logging_warning`)
    follow_up: FollowUp = field(default_factory=FollowUp)


def correct_published(uow: UnitOfWork, claim_ref: str, published: object, *, actor: Actor | str, now: datetime,
                      reason: object, hemisphere: str = "north",
                      settings: MatchSettings = MatchSettings()) -> DateCorrected:
    """Move the claim to its right publication date, with the reason kept in its history."""
    actor = require(actor, "correct_claim")
    reason = clean_text(reason, "reason for the correction")
    day = read_date(published, "published date", today=now.date())
    done = retry_on_conflict(lambda: _correct(uow, claim_ref, day, actor=actor, now=now, reason=reason,
                                              hemisphere=hemisphere))
    if done.status == st.PENDING:  # announcements published since the new date may now settle it
        done.follow_up = _rematch(uow, done.claim_id, now=now, settings=settings)
    return done


def _correct(uow: UnitOfWork, claim_ref: str, day: date, *, actor: str, now: datetime, reason: str,
             hemisphere: str) -> DateCorrected:
    with uow:
        session = uow.session
        claim = find_claim(session, claim_ref)
        if claim.published == day:
            raise InvalidInput(f"Claim {claim_ref} is already dated {day}: nothing to correct.")
        if claim.status == st.RETRACTED:
            raise Conflict(f"Claim {claim_ref} was retracted: its dates stay as they were.")
        _refuse_a_twin(session, claim, day, claim_ref)
        before, window_before = claim.published, _window(claim)
        claim.published, claim.dedupe_key = day, dedupe_key(claim.source.name, claim.text, day.isoformat())
        if not claim.window_by_hand:
            _set_window(claim, resolve_window(claim.text, day, hemisphere=hemisphere, language=claim.language))
        record_event(session, "published_corrected", actor=actor, now=now, claim=claim, reason=reason,
                     evidence={"before": before.isoformat(), "after": day.isoformat(), "window_before": window_before,
                               "window_after": _window(claim), "window_by_hand": claim.window_by_hand})
        withdrawn = _reexamine(session, claim, actor=actor, now=now)
        result = DateCorrected(claim.id, before, day, _window(claim) if claim.window_end else None,
                               claim.window_by_hand, withdrawn, claim.status,
                               logging_warning(claim.text, day, hemisphere=hemisphere, language=claim.language)
                               if not claim.window_by_hand else None)
        uow.commit()
        return result


def _refuse_a_twin(session, claim: Claim, day: date, claim_ref: str) -> None:
    key = dedupe_key(claim.source.name, claim.text, day.isoformat())
    twin = session.scalar(select(Claim.id).where(Claim.dedupe_key == key, Claim.id != claim.id))
    if twin is not None:
        raise Conflict(f"Claim {twin} has the same source and text and is dated {day}: claim {claim_ref} would "
                       f"repeat it. Retract one of them instead.")


def _reexamine(session, claim: Claim, *, actor: str, now: datetime) -> list[str]:
    """Withdraw the pairs whose announcement now predates the claim; if an acceptance was among them, the
    claim's status goes back to what its remaining acceptances say (pending when none is left)."""
    query = (select(Match, Announcement).join(Announcement, Match.announcement_id == Announcement.id)
             .where(Match.claim_id == claim.id, Match.decision != "rejected").order_by(Match.id))
    pairs = session.execute(query).all()
    withdrawn, settled = [], False
    for match, announcement in pairs:
        if announcement.published >= claim.published:
            continue
        was = match.decision
        match.decision, match.decided_by, match.decided_at = "rejected", actor, now
        settled = settled or was == "accepted"
        record_event(session, "match_withdrawn", actor=actor, now=now, claim=claim, match=match,
                     status=st.PENDING if was == "accepted" else None,
                     effective_on=announcement.published if was == "accepted" else None,
                     reason=f"Announcement {reference(announcement)} ({announcement.published}) predates the "
                            f"corrected publication date {claim.published}.",
                     evidence={"was": was, "verdict": match.verdict, "score": match.score, "band": match.band,
                               "announcement": {"id": announcement.id, "external_id": announcement.external_id,
                                                "issuer": announcement.issuer,
                                                "published": announcement.published.isoformat()}})
        withdrawn.append(reference(announcement))
    if settled:
        _restore_remaining(session, claim, actor=actor, now=now)
    return withdrawn


def _restore_remaining(session, claim: Claim, *, actor: str, now: datetime) -> None:
    """The latest acceptance still standing settles the claim again, from its own date."""
    latest = session.scalar(
        select(Event).join(Match, Event.match_id == Match.id)
        .where(Event.claim_id == claim.id, Event.kind == "match_accepted", Match.decision == "accepted")
        .order_by(Event.id.desc()).limit(1))
    if latest is not None:
        record_event(session, "status_restored", actor=actor, now=now, claim=claim, status=latest.status,
                     effective_on=latest.effective_on, reason="Still settled by an earlier acceptance.",
                     evidence={"match_id": latest.match_id})


def _rematch(uow: UnitOfWork, claim_id: int, *, now: datetime, settings: MatchSettings) -> FollowUp:
    """Like the follow-up of logging: the correction is committed, so a failure here is reported, not raised."""
    done = FollowUp()
    try:
        done.proposals = match_claims(uow, [claim_id], now=now, settings=settings)
    except Exception as error:  # the correction is stored; tell the user and keep going
        log.exception("matching claim %s after its date was corrected failed", claim_id)
        done.error = f"Corrected, but matching failed ({type(error).__name__}: {error}); run `verify match`."
    return done


def _set_window(claim: Claim, window) -> None:
    claim.window_start = window.start if window else None
    claim.window_end = window.end if window else None
    claim.window_granularity = window.granularity if window else None
    claim.window_expression = window.expression[:200] if window else None


def _window(claim: Claim) -> dict:
    return {"start": claim.window_start.isoformat() if claim.window_start else None,
            "end": claim.window_end.isoformat() if claim.window_end else None,
            "granularity": claim.window_granularity, "expression": claim.window_expression}
