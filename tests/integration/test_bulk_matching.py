"""Matching a large import's claims at once (the announcements loaded and indexed once) proposes, on a small
store, exactly what matching them claim by claim in the stored index proposes: the same pairs, scores,
bands and events."""

from __future__ import annotations

import gc
import json

from sqlalchemy import select

from tests.integration.test_match_claims_index import noise
from tests.integration.test_matching_service import load_demo_rows
from verify.core.collector import DEFERRED
from verify.db.models import Announcement, Claim, Event, Match
from verify.services import bulk_matching, followup, import_announcements, match_claims
from verify.services.followup import after_claims


def load(uow, now, tmp_path):
    load_demo_rows(uow, now, claims_first=False)
    path = tmp_path / "noise.jsonl"
    path.write_text("".join(json.dumps(noise(n)) + "\n" for n in range(120)), encoding="utf-8")
    import_announcements(uow(), path, actor="loader", now=now, follow_up=False)
    with uow() as unit:
        return list(unit.session.scalars(select(Claim.id).order_by(Claim.id)))


def proposals(uow) -> tuple[list, list]:
    """The stored matches and the matcher's events, by the rows' natural keys (not their ids)."""
    with uow() as unit:
        session = unit.session
        claims = dict(session.execute(select(Claim.id, Claim.dedupe_key)).all())
        announcements = dict(session.execute(select(Announcement.id, Announcement.dedupe_key)).all())
        matches = {m.id: (claims[m.claim_id], announcements[m.announcement_id])
                   for m in session.scalars(select(Match))}
        rows = sorted((claims[m.claim_id], announcements[m.announcement_id], m.score, m.band, m.verdict, m.differs,
                       json.dumps(m.parts, sort_keys=True), m.decision) for m in session.scalars(select(Match)))
        events = sorted((e.kind, claims[e.claim_id], matches[e.match_id], e.status, e.actor,
                         json.dumps(e.evidence, sort_keys=True))
                        for e in session.scalars(select(Event).where(Event.kind.like("match_%"))))
        return rows, events


def test_a_large_import_matched_at_once_proposes_what_claim_by_claim_matching_proposes(uow, other_uow, now,
                                                                                        tmp_path, monkeypatch):
    ids = load(uow, now, tmp_path)
    assert load(other_uow, now, tmp_path) == ids and len(ids) > 5
    for claim_id in ids:
        match_claims(uow(), [claim_id], now=now)

    def not_claim_by_claim(*args, **kwargs):
        raise AssertionError("a large batch is matched at once")

    monkeypatch.setattr(followup, "AT_ONCE", 3)
    monkeypatch.setattr(followup, "match_claims", not_claim_by_claim)
    done = after_claims(other_uow(), ids, now=now)
    assert done.error is None
    one_by_one, at_once = proposals(uow), proposals(other_uow)
    assert one_by_one[0] and at_once == one_by_one
    assert len(done.proposals) == len(one_by_one[0])


def test_a_large_import_reads_its_announcements_for_matching_without_full_garbage_collections(
        uow, now, tmp_path, thresholds_when_called):
    ids = load(uow, now, tmp_path)
    before = gc.get_threshold()
    seen = thresholds_when_called(bulk_matching, "_rows")
    assert bulk_matching.match_claims_at_once(uow(), ids, now=now)
    assert seen == [(before[0], before[1], DEFERRED)]
    assert gc.get_threshold() == before
