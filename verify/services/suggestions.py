"""Suggested claims from an article, and logging the ones a reporter accepts.

Why a service: suggestions are not claims until a person accepts them. Logging the accepted ones is one
user action, so it is one transaction: every chosen suggestion is checked first (same rules as
`log_claim`), then all are written, or none. Suggestions already logged (same source, text and date) are
reported back, not stored twice.

Before anything is logged, `stored_outcomes` says what the store already holds for each suggestion: the
announcements the matcher would propose for it (the same search and scores as a newly logged claim gets,
nothing written) and the claims already logged that report the same rumor. These are proposals for a
person to review: a proposed "confirmed" is never shown as a fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from verify.core.attribution import credited_origin
from verify.core.claim_input import NewClaim, check_claim
from verify.core.matching import ClaimText, MatchSettings
from verify.core.permissions import Actor, require
from verify.core.suggest import Suggestion
from verify.db.models import Announcement, Claim
from verify.db.repository import one_of
from verify.db.uow import UnitOfWork
from verify.errors import Conflict, InvalidInput
from verify.queries.claim_detail import similar_claims
from verify.services.claims import add_claim
from verify.services.duplicates import THRESHOLD as REPEAT
from verify.services.followup import FollowUp, after_claims
from verify.services.matching import proposals_for_texts, reference


@dataclass
class SuggestionLog:
    """Which suggestions (numbered from 1, as shown) became which claims, and which were already logged."""

    logged: dict[int, int] = field(default_factory=dict)
    already_logged: list[int] = field(default_factory=list)
    follow_up: FollowUp = field(default_factory=FollowUp)


@dataclass(frozen=True)
class StoredAnnouncement:
    """An announcement already stored that the matcher would propose for a suggestion: a proposal to review."""

    announcement: str
    issuer: str
    published: date
    text: str
    score: float
    band: str
    proposed_verdict: str
    differs: str | None

    def to_dict(self) -> dict:
        return {**self.__dict__, "published": self.published.isoformat()}


@dataclass(frozen=True)
class StoredClaim:
    """A claim already logged that reads like the suggestion; `repeat` when logging would link it as one."""

    claim: str
    text: str
    source: str
    published: date
    status: str
    similarity: float
    repeat: bool

    def to_dict(self) -> dict:
        return {**self.__dict__, "published": self.published.isoformat()}


@dataclass(frozen=True)
class StoredOutcome:
    """What the store already holds for one suggestion."""

    announcements: list[StoredAnnouncement]
    claims: list[StoredClaim]

    @property
    def repeat_of(self) -> StoredClaim | None:
        """The claim already logged that this suggestion repeats (the most similar), if any."""
        return next((claim for claim in self.claims if claim.repeat), None)

    def links(self) -> list[dict]:
        """The links to propose: the repeat, and each stored announcement as a possible outcome, with the
        review command when the claim is already logged (else logging the suggestion proposes it)."""
        repeat = self.repeat_of
        found = [{"kind": "repeat", "claim": repeat.claim, "status": repeat.status}] if repeat else []
        return found + [{"kind": "outcome", "announcement": a.announcement, "proposed_verdict": a.proposed_verdict,
                         "band": a.band, "claim": repeat.claim if repeat else None,
                         "review": f"verify review {repeat.claim} {a.announcement}" if repeat else None}
                        for a in self.announcements]

    def to_dict(self) -> dict:
        return {"announcements": [a.to_dict() for a in self.announcements],
                "claims": [c.to_dict() for c in self.claims], "links": self.links()}


def stored_outcomes(uow: UnitOfWork, suggestions: Sequence[Suggestion | Mapping], *, published: date, top: int = 3,
                    reveal_confidential: bool = False) -> list[StoredOutcome]:
    """For each suggestion (or its `to_dict()`), the stored announcements the matcher proposes for it (best
    first, at most `top`) and the claims already logged that report the same rumor. Reads only."""
    items = [item.to_dict() if isinstance(item, Suggestion) else item for item in suggestions]
    drafts = [ClaimText(number, item["sentence"], published, *_window_days(item.get("window")))
              for number, item in enumerate(items, 1)]
    if not drafts:
        return []
    proposals = proposals_for_texts(uow, drafts, top=top)
    with uow:
        session = uow.session
        announcements = {row.id: row for among in one_of(session, Announcement.id,
                                                         sorted({p.announcement_id for p in proposals}))
                         for row in session.scalars(select(Announcement).where(among))}
        similar = [similar_claims(session, draft.text, limit=top, reveal_confidential=reveal_confidential)
                   for draft in drafts]
        references = {row.id: reference(row) for among in one_of(
            session, Claim.id, sorted({c["id"] for found in similar for c in found}))
            for row in session.scalars(select(Claim).where(among))}
        stored = [(p.claim_id, _stored_announcement(p, announcements[p.announcement_id])) for p in proposals]
    return [StoredOutcome([found for number, found in stored if number == draft.id],
                          [StoredClaim(references[c["id"]], c["text"], c["source"], c["published"], c["status"],
                                       round(c["similarity"], 1), c["similarity"] >= REPEAT) for c in found])
            for draft, found in zip(drafts, similar, strict=True)]


def _window_days(window: Mapping | None) -> tuple[date | None, date | None]:
    return _day((window or {}).get("start")), _day((window or {}).get("end"))


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) else None


def _stored_announcement(proposal, row: Announcement) -> StoredAnnouncement:
    return StoredAnnouncement(reference(row), row.issuer, row.published, row.text, round(proposal.score, 1),
                              proposal.band, proposal.verdict, proposal.differs)


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
                    url: object, actor: Actor | str, now: datetime, pick: str | Sequence[int] | None = None,
                    hemisphere: str = "north", settings: MatchSettings = MatchSettings()) -> SuggestionLog:
    """Log the picked suggestions as claims: the article's source, date and URL, the suggestion's confidence,
    and the source the article attributes it to as the claim's origin."""
    actor = require(actor, "log_claim")
    numbers = pick_suggestions(len(suggestions), pick)
    checked = {number: check_claim(claim_from_suggestion(suggestions[number - 1], source, published, url),
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
    report.follow_up = after_claims(uow, list(report.logged.values()), now=now, settings=settings)
    return report


def claim_from_suggestion(suggestion: Suggestion | Mapping, source: object, published: object,
                          url: object) -> NewClaim:
    """The claim a suggestion (or its `to_dict()`) becomes: the article's source, date and URL, the suggested
    confidence, and the source the article credits as its origin (unless that is the outlet itself, or nobody
    in particular: "people familiar with the matter")."""
    item = suggestion.to_dict() if isinstance(suggestion, Suggestion) else suggestion
    origin = credited_origin(item.get("attributed_to"))  # unnamed people are the outlet's to answer for
    if origin and isinstance(source, str) and _same_name(origin, source):
        origin = None  # the outlet speaking for itself is its own source, not an origin
    return NewClaim(text=item["sentence"], source=source, published=published, url=url,
                    confidence=item["confidence"], origin=origin)


def _same_name(origin: str, source: str) -> bool:
    """"Digital Chat Station" and "Weibo tipster Digital Chat Station" name the same account."""
    a, b = " ".join(origin.casefold().split()), " ".join(source.casefold().split())
    return bool(a) and bool(b) and (a in b or b in a)
