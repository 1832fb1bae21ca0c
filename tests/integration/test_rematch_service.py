"""`run_matcher`, the full re-match, as a batch job: stored a block at a time, the same rows when run again or
with more processes, and no writer kept waiting while it matches."""

import gc
import time

from sqlalchemy import func, select

from tests.factories import new_announcement, new_claim
from tests.integration.test_matching_service import full_run_rankings, load_demo_rows, stored_rankings
from verify.core import rematch
from verify.core import status as st
from verify.core.collector import DEFERRED
from verify.db.models import Claim, Event, Match
from verify.services import add_announcement, log_claim, matching, retract_claim, run_matcher


def stored(sessions):
    with sessions() as session:
        matches = session.execute(select(Match.claim_id, Match.announcement_id, Match.score, Match.band,
                                         Match.verdict, Match.decision).order_by(Match.id)).all()
        events = session.scalar(select(func.count()).select_from(Event))
    return matches, events


def test_proposals_stored_a_block_at_a_time_are_those_of_one_block_and_a_second_run_adds_nothing(
        uow, sessions, now, monkeypatch):
    load_demo_rows(uow, now, claims_first=True)
    whole = full_run_rankings(sessions)
    monkeypatch.setattr(rematch, "BLOCK", 2)
    rows = run_matcher(uow(), now=now)
    assert stored_rankings(sessions) == whole
    first = stored(sessions)
    assert run_matcher(uow(), now=now) == rows
    assert stored(sessions) == first
    assert rows


def test_more_worker_processes_store_the_same_rows(uow, sessions, now, monkeypatch):
    load_demo_rows(uow, now, claims_first=True)
    monkeypatch.setattr(rematch, "BLOCK", 3)
    rows = run_matcher(uow(), now=now, workers=2)
    first = stored(sessions)
    assert run_matcher(uow(), now=now, workers=1) == rows
    assert stored(sessions) == first


def test_a_writer_is_not_kept_waiting_while_the_full_rematch_matches(uow, sessions, now, monkeypatch):
    load_demo_rows(uow, now, claims_first=True)
    monkeypatch.setattr(rematch, "BLOCK", 2)
    waits = []

    def write_meanwhile(phase, done, total):
        if phase == "match" and done == 2:
            started = time.perf_counter()
            add_announcement(uow(), new_announcement(text="Lumora names a new chief executive"), actor="desk",
                             now=now, follow_up=False)
            waits.append(time.perf_counter() - started)

    run_matcher(uow(), now=now, progress=write_meanwhile)
    assert len(waits) == 1 and waits[0] < 2.0


def test_a_claim_retracted_while_the_rematch_ran_gets_no_new_proposal(uow, sessions, now):
    first = log_claim(uow(), new_claim(text="Intel in talks to acquire Mellanox"), actor="desk", now=now,
                      follow_up=False)
    add_announcement(uow(), new_announcement(text="Intel to acquire Mellanox"), actor="desk", now=now,
                     follow_up=False)

    def retract_meanwhile(phase, done, total):
        if phase == "match" and done == 0:
            retract_claim(uow(), str(first), actor="desk", now=now, reason="wrong story")

    assert run_matcher(uow(), now=now, progress=retract_meanwhile) == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Match)) == 0
        assert session.get(Claim, first).status != st.PENDING


def test_the_full_rematch_reads_and_holds_every_announcement_without_full_garbage_collections(
        uow, now, thresholds_when_called):
    load_demo_rows(uow, now, claims_first=True)
    before = gc.get_threshold()
    seen = thresholds_when_called(matching, "_snapshot")
    assert run_matcher(uow(), now=now)
    assert seen == [(before[0], before[1], DEFERRED)]
    assert gc.get_threshold() == before
