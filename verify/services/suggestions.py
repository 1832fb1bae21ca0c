"""Suggested claims from an article, and logging the ones a reporter accepts.

Why a service: suggestions are not claims until a person accepts them. Logging the accepted ones is one
user action, so it is one transaction: every chosen suggestion is checked first (same rules as
`log_claim`), then all are written, or none. Suggestions already logged (same source, text and date) are
reported back, not stored twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from verify.core.suggest import Suggestion
from verify.db.models import Claim
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput
from verify.services.claims import NewClaim, add_claim, check_claim
from verify.services.followup import FollowUp, after_claims


@dataclass
class SuggestionLog:
    """Which suggestions (numbered from 1, as shown) became which claims, and which were already logged."""

    logged: dict[int, int] = field(default_factory=dict)
    already_logged: list[int] = field(default_factory=list)
    follow_up: FollowUp = field(default_factory=FollowUp)


def pick_suggestions(count: int, pick: str | Sequence[int] | None) -> list[int]:
    """The numbers (from 1) the reporter chose, "1,3" or [1, 3]; all of them when nothing was picked."""
    if pick is None:
        return list(range(1, count + 1))
    if isinstance(pick, str):
        parts = [part.strip() for part in pick.split(",") if part.strip()]
        if not parts or not all(part.isdigit() for part in parts):
            raise InvalidInput(f"Cannot read the pick {pick!r}: give suggestion numbers such as 1,3.")
        pick = [int(part) for part in parts]
    wrong = [number for number in pick if not 1 <= number <= count]
    if wrong:
        shown = f"1-{count}" if count else "none"
        raise InvalidInput(f"There is no suggestion {wrong[0]}: this article has {count} ({shown}).")
    return list(dict.fromkeys(pick))


def log_suggestions(uow: UnitOfWork, suggestions: Sequence[Suggestion], *, source: object, published: date,
                    url: object, actor: str, now: datetime, pick: str | Sequence[int] | None = None,
                    hemisphere: str = "north") -> SuggestionLog:
    """Log the picked suggestions as claims: the article's source, date and URL, the suggestion's confidence,
    and the source the article attributes it to as the claim's origin."""
    numbers = pick_suggestions(len(suggestions), pick)
    checked = {number: check_claim(_new_claim(suggestions[number - 1], source, published, url),
                                   today=now.date()) for number in numbers}
    report = SuggestionLog()
    with uow:
        stored = set(uow.session.scalars(
            select(Claim.dedupe_key).where(Claim.dedupe_key.in_([claim.key for claim in checked.values()]))))
        try:
            for number, claim in checked.items():
                if claim.key in stored:
                    report.already_logged.append(number)
                    continue
                row = add_claim(uow.session, claim, actor=actor, now=now, hemisphere=hemisphere)
                report.logged[number] = row.id
                stored.add(claim.key)
            uow.commit()
        except IntegrityError:
            raise Conflict("Someone logged some of these claims at the same time; nothing was logged. "
                           "Run the command again: claims already logged are then skipped.") from None
    # Like any logged claim: linked to earlier reports of the same rumor, and matched against announcements.
    report.follow_up = after_claims(uow, list(report.logged.values()), now=now)
    return report


def _new_claim(suggestion: Suggestion, source: object, published: date, url: object) -> NewClaim:
    origin = suggestion.attributed_to
    if origin and isinstance(source, str) and _same_name(origin, source):
        origin = None  # the outlet speaking for itself is its own source, not an origin
    return NewClaim(text=suggestion.sentence, source=source, published=published, url=url,
                    confidence=suggestion.confidence, origin=origin)


def _same_name(origin: str, source: str) -> bool:
    """"Digital Chat Station" and "Weibo tipster Digital Chat Station" name the same account."""
    a, b = " ".join(origin.casefold().split()), " ".join(source.casefold().split())
    return bool(a) and bool(b) and (a in b or b in a)
