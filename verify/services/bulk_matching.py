"""Matching a whole import's claims at once: the announcements that can confirm any of them are loaded and
indexed once, and the full re-match's matcher (`match_in_blocks`) runs over all the new claims.

Why: `match_claims` searches the stored announcement index claim by claim (a query and a fresh shortlist
each), right for a claim logged by hand, but 25 minutes for an archive of 100,000. On a small store both
propose the same (a test holds it); on a large one this path weighs terms by every announcement it loaded,
as `verify match` does, where the claim-by-claim path weighs them by the most recent ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from verify import semantic
from verify.config import usable_cores
from verify.core import status as st
from verify.core.collector import full_collections_deferred
from verify.core.matching import AnnouncementText, MatchSettings
from verify.core.rematch import in_claim_order, match_in_blocks
from verify.db.aliases import alias_book
from verify.db.models import Announcement, Claim
from verify.db.uow import UnitOfWork
from verify.services.matching import (
    _ANNOUNCEMENT_COLUMNS,
    GRACE,
    ProposalRow,
    _keep_all,
    _matches_of,
    _rows,
    claim_text,
)
from verify.services.newsroom import effective_match_settings

KEEP = 2_000  # proposals stored per call of `_keep_all`: one INSERT ... RETURNING of many thousand rows is
# spliced back row by row by SQLAlchemy, quadratic in the rows (8 s for 10,000 on SQLite)


def match_claims_at_once(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                         settings: MatchSettings = MatchSettings(), top: int = 5,
                         progress=None) -> list[ProposalRow]:
    """`match_claims` for many claims: the announcements published since the earliest claim (less the grace)
    are read once; pairs an editor already decided are never proposed again; open ones are refreshed."""
    with uow, full_collections_deferred():  # (the announcements since the earliest claim: up to all of them)
        session = uow.session
        rows = {c.id: c for c in _rows(session, Claim, claim_ids, Claim.status == st.PENDING)}
        if not rows:
            return []
        settings = effective_match_settings(session, settings)
        since = min(c.published for c in rows.values()) - GRACE
        announcements = [AnnouncementText(*row) for row in session.execute(
            select(*_ANNOUNCEMENT_COLUMNS).where(Announcement.published >= since).order_by(Announcement.id))]
        stored = {(m.claim_id, m.announcement_id): m for m in _matches_of(session, list(rows))}
        decided = frozenset(pair for pair, match in stored.items() if match.decision != "proposed")
        book, claims = alias_book(session), [claim_text(c) for c in rows.values()]
        heard = [0]

        def tell(phase: str, done: int, total: int) -> None:
            if phase == "match" and progress is not None and done > heard[0]:
                progress.advance(done - heard[0])
                heard[0] = done

        # One matcher for all the claims (its index and the announcements' vectors made once), blocks matched
        # on every core; each claim's proposals depend on it alone, so they are those of a claim at a time.
        found = [p for block in match_in_blocks(claims, announcements, settings=settings, book=book, top=top,
                                                exclude=decided, workers=_workers(len(claims)),
                                                embed=semantic.embed, progress=tell) for p in block]
        proposals = in_claim_order(claims, found)
        result = []
        for first in range(0, len(proposals), KEEP):  # proposals come grouped by claim, best first
            result.extend(_keep_all(session, proposals[first:first + KEEP], now=now, claims=rows, stored=stored))
        uow.commit()
        return result


def _workers(claims: int) -> int:
    """Every core this process may use, for claims enough to repay starting them (the matcher gives the
    same proposals in the same order with any number)."""
    return max(1, min(usable_cores(), claims // 5_000))
