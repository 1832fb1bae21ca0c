"""Linking a whole import's near-duplicates at once makes the same links, with the same history, as the
linker did claim object by claim object (kept here as the reference), including earlier reports logged
later, repeats of repeats, and links an editor undid."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from verify.core import status as st
from verify.core.candidates import CandidateIndex
from verify.core.matching import ClaimText, analyse, claim_similarity
from verify.db.aliases import alias_book
from verify.db.models import Claim, Event
from verify.services import bulk_duplicates, import_claims
from verify.services.bulk_duplicates import CANDIDATES
from verify.services.duplicates import LOOKBACK, THRESHOLD, link_duplicates, unlink_claim

STORED = [
    ("s1", "Gadget Co will launch the Gadget 7 phone with a periscope camera in July", "Wire", "2022-03-01"),
    ("s2", "Gadget Co plans a Gadget 7 phone with a periscope camera for July", "Echo", "2022-03-05"),
    ("s3", "Orbit Labs will ship the Orbit 3 tablet with a stylus in October", "Desk", "2022-05-01"),
    ("s4", "Orbit Labs to ship the Orbit 3 tablet with a stylus in October", "Echo", "2022-05-03"),
]
NEW = [
    ("n1", "Gadget Co will launch its Gadget 7 phone with a periscope camera in July", "Desk", "2022-02-20"),
    ("n2", "Rotor Motors is set to unveil the Rotor X electric pickup in August", "Desk", "2022-04-01"),
    ("n3", "Rotor Motors set to unveil the Rotor X electric pickup in August, sources say", "Wire", "2022-04-03"),
    ("n4", "Rotor Motors is set to unveil the Rotor Y electric sedan in August", "Echo", "2022-04-04"),
    ("n5", "Orbit Labs will ship its Orbit 3 tablet with a stylus in October", "Wire", "2022-05-06"),
    ("n6", "Gadget Co will launch the Gadget 7 phone with a periscope camera in July, says a supplier", "Post",
     "2022-03-02"),
]


def write(path, rows):
    path.write_text("".join(json.dumps({"external_id": e, "text": t, "source": s, "published": p}) + "\n"
                            for e, t, s, p in rows), encoding="utf-8")
    return path


def links_as_before(session, claim_ids, threshold=THRESHOLD):
    """The linker as it was before the bulk path (ORM objects, every pair analysed), without writing:
    (claim, first report, similarity, the link it had before) in the order it linked them."""
    new = [session.get(Claim, i) for i in sorted(set(claim_ids))]
    new = sorted((c for c in new if c is not None and c.status != st.RETRACTED), key=lambda c: (c.published, c.id))
    book = alias_book(session)
    pool = {c.id: c for c in session.scalars(select(Claim).where(
        Claim.published >= new[0].published - LOOKBACK, Claim.published <= new[-1].published + LOOKBACK,
        Claim.status != st.RETRACTED))}
    index = CandidateIndex((ClaimText(c.id, c.text, c.published) for c in pool.values()), book)
    unlinked = set(session.scalars(select(Event.claim_id).where(Event.kind == "duplicate_unlinked")))
    analysed = {}

    def similarity(a, b):
        for c in (a, b):
            if c.id not in analysed:
                analysed[c.id] = analyse(c.text, book)
        return claim_similarity(analysed[a.id], analysed[b.id], index.idf)

    links = []
    for claim in new:
        hits = [pool[i] for i, _ in index.search(claim.text, k=CANDIDATES) if i != claim.id]
        group = [c for c in hits if similarity(claim, c) >= threshold]
        if not group:
            continue
        first = min([claim, *group], key=lambda c: (c.published, c.id))
        root = session.get(Claim, first.duplicate_of_id) if first.duplicate_of_id else first
        for member in [claim, *group]:
            if member.id == root.id or member.duplicate_of_id == root.id or member.id in unlinked:
                continue
            current = session.get(Claim, member.duplicate_of_id) if member.duplicate_of_id else None
            if member is claim or current is None or (root.published, root.id) < (current.published, current.id):
                links.append((member.id, root.id, similarity(member, first), member.duplicate_of_id))
                member.duplicate_of_id = root.id
    return links


@pytest.mark.parametrize("workers", [1, 2])
def test_linking_an_import_at_once_makes_the_links_and_history_the_claim_by_claim_linker_made(
        uow, sessions, now, tmp_path, monkeypatch, workers):
    stored = import_claims(uow(), write(tmp_path / "stored.jsonl", STORED), actor="ana", now=now,
                           follow_up=False).added
    link_duplicates(uow(), stored, now=now)
    unlink_claim(uow(), "s4", actor="ed", now=now, reason="a different tablet")
    later = now + timedelta(hours=1)
    added = import_claims(uow(), write(tmp_path / "new.jsonl", NEW), actor="ana", now=later,
                          follow_up=False).added
    monkeypatch.setattr(bulk_duplicates, "PARALLEL_FROM", 1)  # with 2 workers, the searches run in two processes
    monkeypatch.setattr(bulk_duplicates, "CHUNK", 2)
    monkeypatch.setattr(bulk_duplicates, "usable_cores", lambda: workers)
    with sessions() as session:
        expected = links_as_before(session, added)
        session.rollback()
    made = link_duplicates(uow(), added, now=later)
    assert [(link.claim, link.duplicate_of, link.similarity) for link in made] == [e[:3] for e in expected]
    assert len(expected) >= 4 and any(before is not None for *_, before in expected)
    with sessions() as session:
        events = session.scalars(select(Event).where(Event.kind == "duplicate_linked",
                                                     Event.recorded_at == _aware_or_naive(session, later))
                                 .order_by(Event.id)).all()
        by_id = {c.id: c for c in session.scalars(select(Claim))}
    assert [(e.claim_id, e.evidence["duplicate_of"], e.evidence["similarity"], e.evidence["before"])
            for e in events] == expected
    assert all(e.actor == "verify-matcher" and e.reason.startswith("repeats claim ") for e in events)
    final = {claim: root for claim, root, _, _ in expected}
    assert all(by_id[claim].duplicate_of_id == root for claim, root in final.items())
    assert by_id[_id(by_id, "s4")].duplicate_of_id is None  # undone by an editor: never linked again


def _id(by_id, external_id):
    return next(i for i, c in by_id.items() if c.external_id == external_id)


def _aware_or_naive(session, moment: datetime):
    return moment if session.get_bind().dialect.name == "postgresql" else moment.replace(tzinfo=None)
