"""Follow-ups owed and settled, as events: what `verify.services.followup` records and completes.

Apart from the follow-ups themselves so that every command can ask whether anything is owed (it asks first,
each time it opens the database) without importing the matcher: most commands find nothing owed, and the
matcher's modules were a tenth of a listing's start (`verify claims` 444 -> 399 ms, bench/bench_cold_start.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from verify.db.models import Event
from verify.db.repository import record_event
from verify.db.uow import UnitOfWork

OWED, DONE = "follow_up_owed", "follow_up_done"
SYSTEM_ACTOR = "verify"


def owe(session, kind: str, ids: Sequence[int], *, now: datetime, actor: str = SYSTEM_ACTOR) -> int:
    """Record, inside the writer's own transaction, that `ids` (claims or announcements) await their
    follow-up; returns the id to settle once it is done."""
    return record_event(session, OWED, actor=actor, now=now, evidence={kind: sorted(ids)}).id


def owed_follow_ups(uow: UnitOfWork) -> list[tuple[int, str, list[int]]]:
    """(owed event id, "claims" or "announcements", ids) for every follow-up not yet done, oldest first.
    Only reads: it never waits for the write lock (every command asks this first)."""
    with uow.read_only() as reading:
        owed = reading.session.execute(select(Event.id, Event.evidence).where(Event.kind == OWED)
                                       .order_by(Event.id)).all()
        if not owed:
            return []
        settled = {(evidence or {}).get("owed") for evidence in
                   reading.session.scalars(select(Event.evidence).where(Event.kind == DONE))}
    pending = []
    for event_id, evidence in owed:
        if event_id in settled:
            continue
        for kind in ("claims", "announcements"):
            if (evidence or {}).get(kind):
                pending.append((event_id, kind, [int(i) for i in evidence[kind]]))
    return pending
