"""Writing many checked claims or announcements at once: the rows, their term-index postings and their
"logged" events, each kind with one multi-row INSERT per batch.

Why: through the unit of work, every claim was an object flushed on its own (its window resolved twice,
its postings written by a listener, its event flushed after it): about 3 ms a claim, five minutes for an
archive of 100,000. The rows written here are the ones `add_claim` and `add_announcement_row` write, column
for column (tests compare both paths), computed once per claim by `prepare_claim`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from verify.core import status as st
from verify.core.announcement_input import CheckedAnnouncement
from verify.core.bm25 import term_frequencies
from verify.core.claim_input import CheckedClaim
from verify.core.confidential import identity_key
from verify.core.language import detect_language
from verify.core.logging_checks import logging_warning
from verify.core.time import TimeWindow, resolve_window
from verify.db.bulk_insert import insert_many, insert_values
from verify.db.models import Announcement, AnnouncementTerm, Claim, ClaimTerm, Event, Source, check_user_value
from verify.db.repository import insert_returning_ids, one_of, present
from verify.services.announcements import link_key


@dataclass(frozen=True)
class PreparedClaim:
    """A checked claim with what storing it needs, worked out once: its language, window and terms."""

    item: CheckedClaim
    language: str
    window: TimeWindow | None
    terms: dict[str, int]  # term -> its count in the text (`term_frequencies`)
    warning: str | None
    key: str  # the item's dedupe key, hashed once


def prepare_claim(item: CheckedClaim, *, hemisphere: str) -> PreparedClaim:
    """The window is resolved once for the row and the reporter's warning: `logging_warning` can only speak
    when no window lies ahead or the window carries a note, so only then is it asked (and reads it again)."""
    return assemble_claim(item, claim_parts(item, hemisphere=hemisphere))


def claim_parts(item: CheckedClaim, *, hemisphere: str) -> tuple:
    """What `prepare_claim` works out, as plain values (language, window fields, terms, warning): what a
    worker process sends back, a fraction of the pickled objects (the item itself stays in the parent)."""
    language = item.language or detect_language(item.text)
    window = resolve_window(item.text, item.published, hemisphere=hemisphere, language=language)
    warning = None
    if window is None or window.note or window.end < item.published:
        warning = logging_warning(item.text, item.published, hemisphere=hemisphere, language=item.language)
    fields = (window.start, window.end, window.granularity, window.expression, window.note, window.reading) \
        if window else None
    return language, fields, dict(term_frequencies(item.text)), warning


def assemble_claim(item: CheckedClaim, parts: tuple) -> PreparedClaim:
    """The terms are kept as the plain dict a worker sent: copying each into a Counter cost the parent 0.4 s
    for 100,000 claims, and only the counts are read."""
    language, fields, terms, warning = parts
    return PreparedClaim(item, language, TimeWindow(*fields) if fields else None, terms, warning, item.key)


@dataclass(frozen=True)
class PreparedAnnouncement:
    item: CheckedAnnouncement
    terms: Counter[str]
    key: str


def prepare_announcement(item: CheckedAnnouncement) -> PreparedAnnouncement:
    return PreparedAnnouncement(item, term_frequencies(item.text), item.key)


def write_claims(session, batch: Sequence[PreparedClaim], *, actor: str, now: datetime) -> list[int]:
    """Store the batch (inside the caller's transaction) as `add_claim` would one by one; returns the ids in
    the batch's order."""
    check_user_value(Claim.__table__, "logged_by", actor)
    sources = SourceBook(session, [(name, kind) for c in batch for name, kind in
                                   ((c.item.source, c.item.source_kind), (c.item.origin, "person")) if name],
                         now=now)
    rows = [_claim_row(claim, sources, actor=actor, now=now) for claim in batch]
    ids = insert_returning_ids(session, Claim, rows)
    insert_values(session, ClaimTerm.__table__, ("term", "claim_id", "tf"),
                  [(term, i, tf) for i, claim in zip(ids, batch, strict=True) for term, tf in claim.terms.items()])
    _insert(session, Event, [_logged_event(i, row["source_id"], claim, actor=actor, now=now)
                             for i, row, claim in zip(ids, rows, batch, strict=True)])
    return ids


def write_announcements(session, batch: Sequence[PreparedAnnouncement], *, actor: str,
                        now: datetime) -> list[int]:
    """Store the batch as `add_announcement_row` would one by one (announcements have no event)."""
    check_user_value(Announcement.__table__, "added_by", actor)
    rows = [{"external_id": a.item.external_id, "dedupe_key": a.key, "text": a.item.text,
             "issuer": a.item.issuer, "published": a.item.published, "url": a.item.url, "added_by": actor,
             "added_at": now, "feed_id": None, "link_key": link_key(a.item.url), "fingerprint": None} for a in batch]
    ids = insert_returning_ids(session, Announcement, rows)
    insert_values(session, AnnouncementTerm.__table__, ("term", "announcement_id", "tf"),
                  [(term, i, tf) for i, a in zip(ids, batch, strict=True) for term, tf in a.terms.items()])
    return ids


def _claim_row(claim: PreparedClaim, sources: SourceBook, *, actor: str, now: datetime) -> dict:
    item, window = claim.item, claim.window
    return {
        "external_id": item.external_id, "dedupe_key": claim.key, "text": item.text,
        "source_id": sources.id_of(item.source),
        "origin_source_id": sources.id_of(item.origin) if item.origin else None,
        "published": item.published, "url": item.url, "logged_by": actor, "logged_at": now,
        "confidence": item.confidence, "confidence_label": item.confidence_label,
        "window_start": window.start if window else None, "window_end": window.end if window else None,
        "window_granularity": window.granularity if window else None,
        "window_expression": window.expression[:200] if window else None, "window_by_hand": False,
        "language": claim.language, "language_by_hand": item.language is not None,
        "duplicate_of_id": None, "status": st.PENDING, "term_count": len(claim.terms),
    }


def _logged_event(claim_id: int, source_id: int, claim: PreparedClaim, *, actor: str, now: datetime) -> dict:
    """The event `add_claim` records; a new claim has no earlier event, so it is recorded at `now`."""
    return {"kind": "logged", "claim_id": claim_id, "match_id": None, "source_id": source_id,
            "status": st.PENDING, "effective_on": claim.item.published, "recorded_at": now, "actor": actor,
            "reason": None, "evidence": {"window": claim.window.to_dict() if claim.window else None,
                                         "language": claim.language}}


class SourceBook:
    """`get_or_create_source` for a whole batch: the sources its names can find are read at once (by exact
    name, else by identity key, the lowest id first), and those it names first are created together, in the
    order they are named (one flush, not one per source)."""

    def __init__(self, session, named: Sequence[tuple[str, str]], *, now: datetime):
        self.by_name: dict[str, int] = {}
        by_key: dict[str, int] = {}
        names = sorted({name for name, _ in named})
        keys = sorted({key for name in names if (key := identity_key(name))})
        found = [row for column, values in ((Source.name, names), (Source.name_key, keys))
                 for among in one_of(session, column, values)
                 for row in session.execute(select(Source.id, Source.name, Source.name_key).where(among))]
        for source_id, name, key in sorted(set(found)):
            self.by_name.setdefault(name, source_id)
            if key:
                by_key.setdefault(key, source_id)
        created: dict[str, Source] = {}
        by_new_key: dict[str, Source] = {}
        for name, kind in named:
            if name in self.by_name or name in created:
                continue
            key = identity_key(name)
            if key and key in by_key:
                self.by_name[name] = by_key[key]
            elif key and key in by_new_key:
                created[name] = by_new_key[key]
            else:
                created[name] = Source(name=name, kind=kind, confidential=False, created_at=now)
                session.add(created[name])
                if key:
                    by_new_key[key] = created[name]
        if created:
            session.flush()
        self.by_name.update((name, source.id) for name, source in created.items())

    def id_of(self, name: str) -> int:
        return self.by_name[name]


def _insert(session, model, rows: list[dict]) -> None:
    insert_many(session, model.__table__, rows)


def stored_keys(session, model, external_ids: Sequence[str], keys: Sequence[str]) -> tuple[set[str], set[str]]:
    """Which of these external ids and dedupe keys are already stored (`present`: a query per IN list)."""
    return present(session, model.external_id, external_ids), present(session, model.dedupe_key, keys)
