"""Claims as of a date, and the rows of `verify export`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from verify.core import status as st
from verify.core.confidential import source_label
from verify.db.models import Announcement, Claim, Event, Source


@dataclass(frozen=True)
class ClaimRow:
    id: int
    external_id: str | None
    text: str
    source: str
    published: date
    url: str | None
    logged_by: str
    logged_at: datetime
    confidence: float | None
    window_start: date | None
    window_end: date | None
    window_granularity: str | None
    window_expression: str | None
    status: str
    days_to_deadline: int | None

    def to_dict(self) -> dict:
        row = asdict(self)
        for key, value in row.items():
            if isinstance(value, date | datetime):
                row[key] = value.isoformat()
        return row


def list_claims(session: Session, *, as_of: date, status: str | None = None, source: str | None = None,
                recorded_by: datetime | None = None, reveal_confidential: bool = True) -> list[ClaimRow]:
    """Claims published by `as_of`, with their status on that date (and as stored at `recorded_by`)."""
    query = (select(Claim, Source).join(Source, Claim.source_id == Source.id)
             .where(Claim.published <= as_of).order_by(Claim.published.desc(), Claim.id.desc()))
    if source:
        query = query.where(Source.name == source)
    if recorded_by is not None:
        query = query.where(Claim.logged_at <= recorded_by)
    pairs = session.execute(query).all()
    changes = _status_changes(session, as_of, recorded_by) if _needs_history(session, as_of, recorded_by) else None
    rows = []
    for claim, claim_source in pairs:
        stored = (claim.status if changes is None
                  else st.stored_status(changes.get(claim.id, ()), as_of=as_of, recorded_by=recorded_by))
        current = st.status_on(stored, claim.window_end, as_of)
        if status and current != status:
            continue
        rows.append(ClaimRow(
            id=claim.id, external_id=claim.external_id, text=claim.text,
            source=source_label(claim_source.name, claim_source.confidential, claim_source.id,
                                reveal=reveal_confidential),
            published=claim.published, url=claim.url, logged_by=claim.logged_by, logged_at=claim.logged_at,
            confidence=claim.confidence, window_start=claim.window_start, window_end=claim.window_end,
            window_granularity=claim.window_granularity, window_expression=claim.window_expression,
            status=current, days_to_deadline=st.days_to_deadline(claim.window_end, as_of),
        ))
    return rows


def _needs_history(session: Session, as_of: date, recorded_by: datetime | None) -> bool:
    """The stored status answers for today; a view of the past must replay the events."""
    if recorded_by is not None:
        return True
    latest = session.scalar(select(Event.effective_on).where(Event.status.is_not(None))
                            .order_by(Event.effective_on.desc()).limit(1))
    return latest is not None and latest > as_of


def _status_changes(session: Session, as_of: date, recorded_by: datetime | None):
    query = select(Event.claim_id, Event.status, Event.effective_on, Event.recorded_at, Event.id).where(
        Event.status.is_not(None), Event.effective_on <= as_of)
    if recorded_by is not None:
        query = query.where(Event.recorded_at <= recorded_by)
    changes: dict[int, list[st.StatusChange]] = defaultdict(list)
    for claim_id, status, effective_on, recorded_at, event_id in session.execute(query):
        changes[claim_id].append(st.StatusChange(status, effective_on, recorded_at, event_id))
    return changes


def export_rows(session: Session, table: str, *, reveal_confidential: bool = False) -> list[dict]:
    """Rows for `verify export`: confidential sources pseudonymised unless the reader may see them."""
    if table == "claims":
        origin = aliased(Source)
        query = (select(Claim, Source, origin).join(Source, Claim.source_id == Source.id)
                 .outerjoin(origin, Claim.origin_source_id == origin.id).order_by(Claim.id))
        return [_claim_export(claim, src, orig, reveal_confidential) for claim, src, orig in session.execute(query)]
    if table == "announcements":
        return [{
            "id": row.id, "external_id": row.external_id, "text": row.text, "issuer": row.issuer,
            "published": row.published.isoformat(), "url": row.url, "added_by": row.added_by,
            "added_at": row.added_at.isoformat(),
        } for row in session.scalars(select(Announcement).order_by(Announcement.id))]
    if table == "events":
        return [_event_export(row) for row in session.scalars(select(Event).order_by(Event.id))]
    raise ValueError(f"unknown table {table!r}")


def _claim_export(claim: Claim, source: Source, origin: Source | None, reveal: bool) -> dict:
    return {
        "id": claim.id, "external_id": claim.external_id, "text": claim.text,
        "source": source_label(source.name, source.confidential, source.id, reveal=reveal),
        "origin": source_label(origin.name, origin.confidential, origin.id, reveal=reveal) if origin else None,
        "published": claim.published.isoformat(), "url": claim.url, "logged_by": claim.logged_by,
        "logged_at": claim.logged_at.isoformat(), "confidence": claim.confidence,
        "window_start": claim.window_start.isoformat() if claim.window_start else None,
        "window_end": claim.window_end.isoformat() if claim.window_end else None,
        "window_granularity": claim.window_granularity, "status": claim.status, "language": claim.language,
    }


def _event_export(event: Event) -> dict:
    return {
        "id": event.id, "kind": event.kind, "claim_id": event.claim_id, "match_id": event.match_id,
        "status": event.status, "effective_on": event.effective_on.isoformat() if event.effective_on else None,
        "recorded_at": event.recorded_at.isoformat(), "actor": event.actor, "reason": event.reason,
        "evidence": event.evidence,
    }
