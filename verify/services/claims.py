"""Logging claims, correcting their time window, retracting them (their publication date: `published`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select, update

from verify.core import status as st
from verify.core.claim_input import CheckedClaim, NewClaim, check_claim, read_language
from verify.core.inputs import clean_text, read_date
from verify.core.language import detect_language
from verify.core.logging_checks import logging_warning
from verify.core.matching import MatchSettings
from verify.core.permissions import Actor, require
from verify.core.time import resolve_window
from verify.db.models import Claim
from verify.db.repository import find_claim, get_or_create_source, record_event
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidDate, InvalidInput
from verify.services.followup import FollowUp, after_claims


def add_claim(session, claim: CheckedClaim, *, actor: str, now: datetime, hemisphere: str = "north") -> Claim:
    """Store one checked claim with its resolved window and its first event (inside the caller's transaction)."""
    source = get_or_create_source(session, claim.source, kind=claim.source_kind, now=now)
    origin = get_or_create_source(session, claim.origin, kind="person", now=now) if claim.origin else None
    language = claim.language or detect_language(claim.text)
    window = resolve_window(claim.text, claim.published, hemisphere=hemisphere, language=language)
    row = Claim(
        external_id=claim.external_id, dedupe_key=claim.key, text=claim.text, source=source,
        origin_source=origin, published=claim.published, url=claim.url, logged_by=actor, logged_at=now,
        confidence=claim.confidence, confidence_label=claim.confidence_label,
        window_start=window.start if window else None, window_end=window.end if window else None,
        window_granularity=window.granularity if window else None,
        window_expression=window.expression[:200] if window else None,
        window_by_hand=False, language=language, language_by_hand=claim.language is not None, status=st.PENDING,
    )
    session.add(row)
    session.flush()
    record_event(session, "logged", actor=actor, now=now, claim=row, source=source, status=st.PENDING,
                 effective_on=claim.published,
                 evidence={"window": window.to_dict() if window else None, "language": language})
    return row


def log_claim(uow: UnitOfWork, new: NewClaim, *, actor: Actor | str, now: datetime, hemisphere: str = "north",
              follow_up: bool = True, settings: MatchSettings = MatchSettings()) -> int:
    """Log one rumor; an identical one (same external id, or same source, text and date) is refused."""
    actor = require(actor, "log_claim")
    return log_claim_and_match(uow, new, actor=actor, now=now, hemisphere=hemisphere, follow_up=follow_up,
                               settings=settings).id


@dataclass(frozen=True)
class Logged:
    """A stored row's id, and what its follow-up found (near-duplicates, proposals, or an error)."""

    id: int
    follow_up: FollowUp
    warning: str | None = None  # the claim's time reads as past (`logging_warning`): say so to the reporter


def log_claim_and_match(uow: UnitOfWork, new: NewClaim, *, actor: Actor | str, now: datetime, hemisphere: str = "north",
                        follow_up: bool = True, settings: MatchSettings = MatchSettings()) -> Logged:
    """`log_claim`, then (once the claim is committed) link near-duplicates and look for announcements."""
    actor = require(actor, "log_claim")
    claim = check_claim(new, today=now.date())

    def store() -> int:
        with uow:
            if _already_logged(uow.session, claim):
                raise Conflict(
                    "This claim is already logged (same external id, or same source, text and date): "
                    "`verify claims --source` shows it."
                )
            row = add_claim(uow.session, claim, actor=actor, now=now, hemisphere=hemisphere)
            uow.commit()
            return row.id

    # A unique violation here means another writer got in between (the same claim, or the same new
    # source): the retry sees their row and answers accordingly, instead of losing this claim.
    claim_id = retry_on_conflict(store)
    done = after_claims(uow, [claim_id], now=now, settings=settings) if follow_up else FollowUp()
    return Logged(claim_id, done, logging_warning(claim.text, claim.published, hemisphere=hemisphere,
                                                        language=claim.language))


def correct_window(uow: UnitOfWork, claim_ref: str, start: object, end: object, *, actor: Actor | str,
                   now: datetime, reason: str | None = None) -> None:
    """A reporter's correction wins over the resolver, and is kept in the history."""
    actor = require(actor, "correct_claim")
    today = now.date()
    first = read_date(start, "window start", today=date.max) if start is not None else None
    last = read_date(end, "window end", today=date.max)
    if first is not None and first > last:
        raise InvalidDate(f"The window starts {first} after it ends {last}: swap them.")
    with uow:
        claim = find_claim(uow.session, claim_ref)
        before = _window(claim)
        claim.window_start, claim.window_end = first or claim.published, last
        claim.window_granularity, claim.window_expression, claim.window_by_hand = "day", "set by hand", True
        record_event(uow.session, "window_corrected", actor=actor, now=now, claim=claim, reason=reason,
                     evidence={"before": before, "after": _window(claim), "on": today.isoformat()})
        uow.commit()


@dataclass(frozen=True)
class LanguageSet:
    """What setting a claim's language changed, for the person who set it."""

    claim_id: int
    before: str | None
    after: str
    window: dict | None  # the window read again in the new language (start, end as ISO dates), None without one
    window_kept: bool  # the window was set by hand, so it was not read again


def set_language(uow: UnitOfWork, claim_ref: str, language: object, *, actor: Actor | str, now: datetime,
                 reason: object, hemisphere: str = "north") -> LanguageSet:
    """An editor says which language a claim is written in (detection guesses from short texts, and can be
    wrong); the window is read again in that language unless it was set by hand. Kept in the history."""
    actor = require(actor, "correct_claim")
    language, reason = read_language(language), clean_text(reason, "reason for the language")
    with uow:
        claim = find_claim(uow.session, claim_ref)
        if claim.status == st.RETRACTED:
            raise Conflict(f"Claim {claim_ref} was retracted: it stays as it was.")
        if claim.language == language and claim.language_by_hand:
            raise InvalidInput(f"Claim {claim_ref} is already set to {language}: nothing to change.")
        before, window_before = claim.language, _window(claim)
        claim.language, claim.language_by_hand = language, True
        if not claim.window_by_hand:
            found = resolve_window(claim.text, claim.published, hemisphere=hemisphere, language=language)
            claim.window_start, claim.window_end = (found.start, found.end) if found else (None, None)
            claim.window_granularity = found.granularity if found else None
            claim.window_expression = found.expression[:200] if found else None
        record_event(uow.session, "language_set", actor=actor, now=now, claim=claim, reason=reason,
                     evidence={"before": before, "after": language, "window_before": window_before,
                               "window_after": _window(claim), "window_by_hand": claim.window_by_hand})
        result = LanguageSet(claim.id, before, language, _window(claim) if claim.window_end else None,
                             claim.window_by_hand)
        uow.commit()
        return result


def retract_claim(uow: UnitOfWork, claim_ref: str, *, actor: Actor | str, now: datetime, reason: str) -> None:
    """A claim logged by mistake is retracted, never deleted: its history stays."""
    actor = require(actor, "correct_claim")
    reason = clean_text(reason, "reason for retracting")
    retry_on_conflict(lambda: _retract(uow, claim_ref, actor=actor, now=now, reason=reason))


def _retract(uow: UnitOfWork, claim_ref: str, *, actor: str, now: datetime, reason: str) -> None:
    with uow:
        claim = find_claim(uow.session, claim_ref)
        # Compare-and-set in the database, so two people retracting at once record one retraction.
        moved = uow.session.execute(
            update(Claim).where(Claim.id == claim.id, Claim.status != st.RETRACTED)
            .values(status=st.RETRACTED).execution_options(synchronize_session=False))
        if moved.rowcount != 1:
            raise Conflict(f"Claim {claim.id} is already retracted.")
        record_event(uow.session, "retracted", actor=actor, now=now, claim=claim, status=st.RETRACTED,
                     effective_on=now.date(), reason=reason)
        uow.commit()


def _already_logged(session, claim: CheckedClaim) -> bool:
    same = Claim.dedupe_key == claim.key
    if claim.external_id:
        same = or_(same, Claim.external_id == claim.external_id)
    return session.scalar(select(Claim.id).where(same).limit(1)) is not None


def _window(claim: Claim) -> dict:
    return {
        "start": claim.window_start.isoformat() if claim.window_start else None,
        "end": claim.window_end.isoformat() if claim.window_end else None,
        "granularity": claim.window_granularity,
        "expression": claim.window_expression,
    }

