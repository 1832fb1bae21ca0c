"""What happens after new claims or announcements are stored: duplicate linking and incremental matching.

Each runs in its own unit of work after the write has committed, so a failure here never loses what a
reporter logged; it is reported (and logged) instead of raised.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from verify.core.matching import MatchSettings
from verify.db.uow import UnitOfWork
from verify.services.duplicates import DuplicateLink, link_duplicates
from verify.services.matching import ProposalRow, match_announcements, match_claims

log = logging.getLogger(__name__)


@dataclass
class FollowUp:
    proposals: list[ProposalRow] = field(default_factory=list)
    duplicates: list[DuplicateLink] = field(default_factory=list)
    error: str | None = None


def after_claims(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                 settings: MatchSettings = MatchSettings(), top: int = 5) -> FollowUp:
    """Link near-duplicates first (a repeat is still matched: it may be the one confirmed), then match."""
    done = FollowUp()
    if not claim_ids:
        return done
    try:
        done.duplicates = link_duplicates(uow, claim_ids, now=now)
        done.proposals = match_claims(uow, claim_ids, now=now, settings=settings, top=top)
    except Exception as error:  # the claims are stored; tell the user and keep going
        log.exception("follow-up of claims %s failed", list(claim_ids)[:10])
        done.error = f"Stored, but matching failed ({type(error).__name__}: {error}); run `verify match`."
    return done


def after_announcements(uow: UnitOfWork, announcement_ids: Sequence[int], *, now: datetime,
                        settings: MatchSettings = MatchSettings(), top: int = 5) -> FollowUp:
    done = FollowUp()
    if not announcement_ids:
        return done
    try:
        done.proposals = match_announcements(uow, announcement_ids, now=now, settings=settings, top=top)
    except Exception as error:  # the announcements are stored; tell the user and keep going
        log.exception("follow-up of announcements %s failed", list(announcement_ids)[:10])
        done.error = f"Stored, but matching failed ({type(error).__name__}: {error}); run `verify match`."
    return done
