"""What happens after new claims or announcements are stored: duplicate linking and incremental matching.

Each runs in its own unit of work after the write has committed, so a failure here never loses what a
reporter logged; it is reported (and logged) instead of raised. It is never dropped either: the write
records a "follow_up_owed" event in its own transaction (an import, a feed poll), or the failed follow-up
records one afterwards, and a "follow_up_done" event settles it. Whatever is still owed (a follow-up that
failed, or a process killed between its commit and its follow-up) is completed by the next command that
opens the database, and by `verify match`. Linking and matching are idempotent, so doing one twice (two
processes completing the same debt) adds nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from verify.core.matching import MatchSettings
from verify.db.repository import record_event
from verify.db.retry import retry_on_conflict
from verify.db.uow import UnitOfWork
from verify.services.matching import ProposalRow, match_announcements, match_claims
from verify.services.owed import DONE, SYSTEM_ACTOR, owe, owed_follow_ups

if TYPE_CHECKING:
    from verify.services.duplicates import DuplicateLink

log = logging.getLogger(__name__)
AT_ONCE = 200  # more new claims than this are matched at once (`match_claims_at_once`), not one by one
Owed = int | Sequence[int] | None  # the "follow_up_owed" event(s) the follow-up settles


@dataclass
class FollowUp:
    proposals: list[ProposalRow] = field(default_factory=list)
    duplicates: list[DuplicateLink] = field(default_factory=list)
    error: str | None = None


def after_claims(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                 settings: MatchSettings = MatchSettings(), top: int = 5, owed: Owed = None,
                 actor: str = SYSTEM_ACTOR, progress=None) -> FollowUp:
    """Link near-duplicates first (a repeat is still matched: it may be the one confirmed), then match:
    claim by claim in the stored index for a few, all at once against the announcements loaded once for
    more than `AT_ONCE` (an import)."""
    from verify.services.bulk_matching import match_claims_at_once  # claims only: a new announcement spares them
    from verify.services.duplicates import link_duplicates

    done = FollowUp()
    if not claim_ids:
        return done
    try:
        _phase(progress, "linking", len(claim_ids))
        done.duplicates = retry_on_conflict(lambda: link_duplicates(uow, claim_ids, now=now, progress=progress))
        _phase(progress, "matching", len(claim_ids))
        if len(claim_ids) > AT_ONCE:
            done.proposals = retry_on_conflict(lambda: match_claims_at_once(
                uow, claim_ids, now=now, settings=settings, top=top, progress=progress))
        else:
            done.proposals = retry_on_conflict(lambda: match_claims(uow, claim_ids, now=now,
                                                                    settings=settings, top=top))
            _advance(progress, len(claim_ids))
    except Exception as error:  # the claims are stored; tell the user and keep going
        log.exception("follow-up of claims %s failed", list(claim_ids)[:10])
        done.error = _failed(uow, "claims", claim_ids, error, now=now, owed=owed, actor=actor)
        return done
    _settle(uow, owed, now=now, actor=actor)
    return done


def after_announcements(uow: UnitOfWork, announcement_ids: Sequence[int], *, now: datetime,
                        settings: MatchSettings = MatchSettings(), top: int = 5,
                        owed: Owed = None, actor: str = SYSTEM_ACTOR, progress=None) -> FollowUp:
    done = FollowUp()
    if not announcement_ids:
        return done
    try:
        _phase(progress, "matching", len(announcement_ids))
        done.proposals = retry_on_conflict(lambda: match_announcements(uow, announcement_ids, now=now,
                                                                       settings=settings, top=top))
        _advance(progress, len(announcement_ids))
    except Exception as error:  # the announcements are stored; tell the user and keep going
        log.exception("follow-up of announcements %s failed", list(announcement_ids)[:10])
        done.error = _failed(uow, "announcements", announcement_ids, error, now=now, owed=owed, actor=actor)
        return done
    _settle(uow, owed, now=now, actor=actor)
    return done


def complete_owed(uow: UnitOfWork, *, now: datetime, settings: MatchSettings = MatchSettings(),
                  actor: str = SYSTEM_ACTOR) -> list[FollowUp]:
    """Do every follow-up still owed (as `actor`, the user whose command does it), one per kind: the debts
    of an import's batches are paid together (all its claims linked and matched at once). Each that
    succeeds is settled, one that fails stays owed."""
    debts: dict[str, tuple[list[int], list[int]]] = {}
    for event_id, kind, ids in owed_follow_ups(uow):
        events, all_ids = debts.setdefault(kind, ([], []))
        events.append(event_id)
        all_ids.extend(ids)
    done = []
    for kind, (events, ids) in debts.items():
        follow = after_claims if kind == "claims" else after_announcements
        done.append(follow(uow, list(dict.fromkeys(ids)), now=now, settings=settings,
                           owed=events[0] if len(events) == 1 else events, actor=actor))
    return done


def _phase(progress, name: str, total: int) -> None:
    if progress is not None:
        progress.phase(name, total)


def _advance(progress, steps: int) -> None:
    if progress is not None:
        progress.advance(steps)


def _settle(uow: UnitOfWork, owed: Owed, *, now: datetime, actor: str) -> None:
    """One "follow_up_done" event per debt paid (an import owes one per batch written)."""
    debts = [] if owed is None else [owed] if isinstance(owed, int) else list(owed)
    if not debts:
        return

    def settle():
        with uow:
            for debt in debts:
                record_event(uow.session, DONE, actor=actor, now=now, evidence={"owed": debt})
            uow.commit()

    try:
        retry_on_conflict(settle)
    except Exception:  # the work is done; at worst it is done again (idempotently) by the next command
        log.exception("could not mark follow-up %s as done", owed)


def _failed(uow: UnitOfWork, kind: str, ids: Sequence[int], error: Exception, *, now: datetime,
            owed: Owed, actor: str) -> str:
    """Keep the debt: record it if the write did not, so the next command (or `verify match`) does it."""
    if owed is None or (not isinstance(owed, int) and not list(owed)):
        def record():
            with uow:
                owe(uow.session, kind, ids, now=now, actor=actor)
                uow.commit()

        try:
            retry_on_conflict(record)
        except Exception:
            log.exception("could not record the follow-up owed for %s %s", kind, list(ids)[:10])
            return (f"Stored, but matching failed ({type(error).__name__}: {error}) and could not be queued: "
                    "run `verify match`.")
    return (f"Stored, but matching failed ({type(error).__name__}: {error}); it is queued and will be done by "
            "the next verify command, or now by `verify match`.")
