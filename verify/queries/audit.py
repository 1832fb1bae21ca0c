"""A claim's audit trail: every event, who did what when and why, with the evidence in one line.

`reveal=False` (the default) is for publication and non-editors: the claim's source and origin appear by
pseudonym when confidential, the claim's URL (which could name them) is left out, and a confidential
name written in the text, a reason or the evidence appears as its pseudonym.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from verify.core.confidential import mentions, redact, source_label
from verify.db.models import Event
from verify.db.repository import find_claim
from verify.queries.redaction import hidden_names, redact_value


@dataclass(frozen=True)
class AuditEntry:
    id: int
    kind: str
    recorded_at: datetime
    actor: str
    status: str | None
    effective_on: date | None
    reason: str | None
    summary: str
    evidence: dict | None


@dataclass(frozen=True)
class AuditTrail:
    claim: int
    external_id: str | None
    text: str
    source: str
    origin: str | None
    published: date
    url: str | None
    status: str
    events: list[AuditEntry] = field(default_factory=list)

    def to_dict(self) -> dict:
        return _iso(asdict(self))


def claim_audit(session: Session, claim_ref: str, *, reveal: bool = False) -> AuditTrail:
    claim = find_claim(session, claim_ref)
    source, origin = claim.source, claim.origin_source
    hidden = source.confidential or (origin is not None and origin.confidential)
    events = session.scalars(select(Event).where(Event.claim_id == claim.id).order_by(Event.id))
    trail = AuditTrail(
        claim=claim.id, external_id=claim.external_id, text=claim.text,
        source=source_label(source.name, source.confidential, source.id, reveal=reveal),
        origin=source_label(origin.name, origin.confidential, origin.id, reveal=reveal) if origin else None,
        published=claim.published, url=claim.url if reveal or not hidden else None, status=claim.status,
        events=[AuditEntry(id=event.id, kind=event.kind, recorded_at=event.recorded_at, actor=event.actor,
                           status=event.status, effective_on=event.effective_on, reason=event.reason,
                           summary=summarise(event.kind, event.evidence), evidence=event.evidence)
                for event in events],
    )
    return trail if reveal else _redacted(trail, hidden_names(session))


def _redacted(trail: AuditTrail, hidden) -> AuditTrail:
    """Confidential names written in the claim's text, reasons or evidence, shown by pseudonym."""
    if not hidden:
        return trail
    url = None if trail.url is None or mentions(trail.url, hidden) else trail.url
    events = [replace(entry, reason=redact(entry.reason, hidden), summary=redact(entry.summary, hidden),
                      evidence=redact_value(entry.evidence, hidden)) for entry in trail.events]
    return replace(trail, text=redact(trail.text, hidden), url=url, events=events)


def summarise(kind: str, evidence: dict | None) -> str:
    """The evidence an editor needs to judge the decision, in words."""
    evidence = evidence or {}
    if kind == "logged":
        return f"window {_window(evidence.get('window'))}"
    if kind == "window_corrected":
        return f"window {_window(evidence.get('before'))} -> {_window(evidence.get('after'))}"
    if kind.startswith("match_"):
        announcement = evidence.get("announcement") or {}
        verb = {"match_proposed": "proposed", "match_accepted": "accepted", "match_rejected": "rejected",
                "match_withdrawn": "withdrawn"}.get(kind, kind)
        verdict = evidence.get("verdict") or evidence.get("proposed_verdict")
        score = evidence.get("score")
        named = announcement.get("external_id") or announcement.get("id") or evidence.get("announcement_id")
        parts = [f"{verb} announcement {named}"]
        if announcement:
            parts[0] += f" ({announcement.get('issuer')}, {announcement.get('published')})"
        if score is not None:
            parts.append(f"score {float(score):.1f}, band {evidence.get('band')}")
        if verdict:
            parts.append(f"verdict {verdict}")
        if evidence.get("differs"):
            parts.append(f"differs: {evidence['differs']}")
        return "; ".join(parts)
    return ", ".join(f"{key}: {value}" for key, value in evidence.items())


def _window(window: dict | None) -> str:
    if not window or not window.get("end"):
        return "none"
    expression = f" ({window['expression']!r})" if window.get("expression") else ""
    return f"{window.get('start')}..{window['end']}{expression}"


def _iso(value):
    if isinstance(value, dict):
        return {key: _iso(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso(item) for item in value]
    return value.isoformat() if isinstance(value, date | datetime) else value
