"""Several processes writing at once, on SQLite (WAL, busy timeout) and PostgreSQL: no lost write, no
duplicate row, no raw database error reaching a user, events in order.

Each test starts real processes (fork) that wait at a barrier and then call the services together. The
services are wrapped in `retry_on_conflict` where a race ends in a unique-constraint error, as the entry
points should (see verify/db/retry.py); the tests at the end force the races deterministically.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

import verify.db.repository as repository
import verify.services.claims as claim_services
import verify.services.review as review_services
from tests.factories import new_announcement, new_claim
from tests.reliability.helpers import claim_rows, counts, write_jsonl
from tests.reliability.workers import now, run_together
from verify.db.retry import retry_on_conflict
from verify.errors import Conflict
from verify.services import (
    add_announcement,
    correct_window,
    import_claims,
    log_claim,
    retract_claim,
    review_match,
    run_matcher,
)
from verify.services.sources import add_source

pytestmark = pytest.mark.slow
PROCESSES = 4


def _import(uow, attempt, path):
    def run():
        report = import_claims(uow(), path, actor="importer", now=now())
        return len(report.added), report.already_stored
    attempt(lambda: retry_on_conflict(run))


def _log(uow, attempt, text, source):
    attempt(lambda: retry_on_conflict(
        lambda: log_claim(uow(), new_claim(text=text, source=source), actor="reporter", now=now())))


def _announce(uow, attempt, external_id):
    attempt(lambda: retry_on_conflict(
        lambda: add_announcement(uow(), new_announcement(external_id=external_id), actor="desk", now=now())))


def _review(uow, attempt, claim, announcement, decision="accept"):
    attempt(lambda: retry_on_conflict(
        lambda: review_match(uow(), claim, announcement, decision, actor="editor", now=now(), force=True)))


def events_of_kind(engine) -> Counter:
    with engine.connect() as connection:
        return Counter(dict(connection.execute(text("SELECT kind, count(*) FROM events GROUP BY kind")).all()))


def crashes(outcomes):
    return [detail for process in outcomes for kind, detail in process if kind == "crash"]


def test_the_same_file_imported_by_several_processes_at_once_is_stored_once(database_url, engine, tmp_path):
    path = write_jsonl(tmp_path / "claims.jsonl", claim_rows(300))
    outcomes = run_together(_import, [(database_url, path)] * PROCESSES)
    assert crashes(outcomes) == []
    reports = sorted(detail for (kind, detail), in outcomes)
    assert reports == [(0, 300)] * (PROCESSES - 1) + [(300, 0)]  # one added all; the others were told
    assert counts(engine)["claims"] == events_of_kind(engine)["logged"] == 300


def test_the_same_claim_logged_by_several_processes_at_once_is_one_row(database_url, engine):
    outcomes = run_together(_log, [(database_url, "Xiaomi's Leica phone launches in July", "XDA")] * PROCESSES)
    kinds = Counter(kind for (kind, _), in outcomes)
    assert kinds == {"ok": 1, "refused": PROCESSES - 1}
    assert all("already logged" in detail for (kind, detail), in outcomes if kind == "refused")
    assert counts(engine)["claims"] == 1


def test_the_same_announcement_added_by_several_processes_at_once_is_one_row(database_url, engine):
    outcomes = run_together(_announce, [(database_url, "press-1")] * PROCESSES)
    assert Counter(kind for (kind, _), in outcomes) == {"ok": 1, "refused": PROCESSES - 1}
    assert counts(engine)["announcements"] == 1


def test_editors_deciding_an_unproposed_pair_at_once_get_one_decision(database_url, engine, uow, now):
    log_claim(uow(), new_claim(external_id="c"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(text="Oracle opens a cloud region in Madrid", issuer="Oracle",
                                             external_id="a"), actor="ana", now=now)
    assert counts(engine)["matches"] == 0  # nobody proposed this pair: the editors' decisions create it
    outcomes = run_together(_review, [(database_url, "c", "a", "reject")] * PROCESSES)
    assert Counter(kind for (kind, _), in outcomes) == {"ok": 1, "refused": PROCESSES - 1}
    assert counts(engine)["matches"] == 1
    assert events_of_kind(engine)["match_rejected"] == 1


# The stress test: every process logs claims, adds announcements, imports a file, reviews pairs.
OPERATIONS = 50


def _mixed(uow, attempt, worker, path):
    for number in range(OPERATIONS):
        kind = number % 5
        if kind in (0, 1):
            _log(uow, attempt, f"Worker {worker} rumor {number}: launch in July", f"Outlet {number % 7}")
        elif kind == 2:
            attempt(lambda n=number: retry_on_conflict(lambda: add_announcement(
                uow(), new_announcement(text=f"Announcement {worker}-{n}", external_id=f"a{worker}-{n}"),
                actor="desk", now=now())))
        elif kind == 3:
            _import(uow, attempt, path)  # the same shared file from every process
        else:
            _review(uow, attempt, f"s{worker}-{number}", "shared")


def _event_order_violations(engine) -> list:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT claim_id, id, recorded_at FROM events WHERE claim_id IS NOT NULL "
                                       "ORDER BY claim_id, id")).all()
    violations, last = [], {}
    for claim_id, event_id, recorded in rows:
        if claim_id in last and recorded < last[claim_id]:
            violations.append((claim_id, event_id))
        last[claim_id] = recorded
    return violations


def test_stress_four_processes_times_fifty_mixed_operations(database_url, engine, uow, tmp_path, backend):
    day = datetime(2022, 9, 1, tzinfo=UTC)
    add_announcement(uow(), new_announcement(external_id="shared"), actor="desk", now=day)
    for worker in range(PROCESSES):
        for number in range(4, OPERATIONS, 5):
            log_claim(uow(), new_claim(text=f"Setup {worker}-{number} in July", external_id=f"s{worker}-{number}"),
                      actor="setup", now=day)
    for outlet in range(7):  # existing sources: a new source's race is forced by a test below
        add_source(uow(), f"Outlet {outlet}", actor="setup", now=day)
    run_matcher(uow(), now=day)
    before, events_before = counts(engine), events_of_kind(engine)
    path = write_jsonl(tmp_path / "shared.jsonl", claim_rows(40, prefix="shared"))

    started = time.perf_counter()
    outcomes = run_together(_mixed, [(database_url, worker, path) for worker in range(PROCESSES)], timeout=120)
    elapsed = time.perf_counter() - started
    total = sum(len(process) for process in outcomes)
    errors = [detail for process in outcomes for kind, detail in process if kind != "ok"]
    print(f"\nstress on {backend}: {total} operations by {PROCESSES} processes in {elapsed:.1f} s "
          f"({total / elapsed:.0f} operations/s), {len(errors)} errors")
    assert total == PROCESSES * OPERATIONS
    assert errors == []
    after = counts(engine)
    logged = PROCESSES * OPERATIONS * 2 // 5
    assert after["claims"] - before["claims"] == logged + 40
    assert after["announcements"] - before["announcements"] == PROCESSES * OPERATIONS // 5
    reviews = PROCESSES * OPERATIONS // 5
    events = events_of_kind(engine) - events_before
    assert (events["logged"], events["match_accepted"]) == (logged + 40, reviews)
    with engine.connect() as connection:
        decided = connection.execute(text("SELECT count(*) FROM matches WHERE decision = 'accepted'")).scalar()
    assert decided == reviews
    assert after["sources"] == 9  # the setup's, "Outlet 0".."Outlet 6", and the file's "Wire", each once
    assert _event_order_violations(engine) == []


# Races made deterministic: the second writer acts between the first's read and its write; the services
# guard their writes with compare-and-set updates and retries, so the first writer gets a clear answer.
# On SQLite a unit of work holds the write lock from its start (BEGIN IMMEDIATE), so a second writer waits
# for the first to finish and this interleaving cannot happen there: PostgreSQL only.

def _postgresql_only(backend):
    if backend == "sqlite":
        pytest.skip("SQLite writers take turns from the start of their transaction (BEGIN IMMEDIATE)")

def test_two_retractions_of_one_claim_at_once_record_one(backend, database_url, engine, uow, now, monkeypatch):
    _postgresql_only(backend)
    log_claim(uow(), new_claim(external_id="c"), actor="ana", now=now)
    real_find = claim_services.find_claim
    interleaved = []

    def find_then_let_the_other_writer_in(session, reference):
        claim = real_find(session, reference)
        if not interleaved:
            interleaved.append(True)
            retract_claim(uow(), "c", actor="bob", now=now, reason="duplicate")
        return claim

    monkeypatch.setattr(claim_services, "find_claim", find_then_let_the_other_writer_in)
    with pytest.raises(Conflict):
        retract_claim(uow(), "c", actor="ana", now=now, reason="logged twice")


def test_two_editors_deciding_a_proposed_pair_at_once_get_one_decision(backend, database_url, engine, uow, now,
                                                                        monkeypatch):
    _postgresql_only(backend)
    log_claim(uow(), new_claim(external_id="c"), actor="ana", now=now)
    add_announcement(uow(), new_announcement(external_id="a"), actor="ana", now=now)
    run_matcher(uow(), now=now)
    real_find = review_services.find_match
    interleaved = []

    def find_then_let_the_other_editor_in(session, claim, announcement):
        match = real_find(session, claim, announcement)
        if not interleaved:
            interleaved.append(True)
            review_match(uow(), "c", "a", "reject", actor="bob", now=now)
        return match

    monkeypatch.setattr(review_services, "find_match", find_then_let_the_other_editor_in)
    with pytest.raises(Conflict):
        review_match(uow(), "c", "a", "accept", actor="ana", now=now)


def test_two_new_claims_from_one_new_source_at_once_are_both_logged(backend, database_url, engine, uow, now,
                                                                     monkeypatch):
    _postgresql_only(backend)
    real_named = repository.source_named
    interleaved = []

    def not_yet_then_created_by_another(session, name):
        if not interleaved:
            interleaved.append(True)
            log_claim(uow(), new_claim(text="The other reporter's rumor", source="New outlet"), actor="bob",
                      now=now)
            return None
        return real_named(session, name)

    monkeypatch.setattr(repository, "source_named", not_yet_then_created_by_another)
    log_claim(uow(), new_claim(source="New outlet"), actor="ana", now=now)
    assert counts(engine)["claims"] == 2


def test_events_of_a_claim_are_recorded_in_order_even_when_an_action_waited(engine, uow, now):
    log_claim(uow(), new_claim(external_id="c"), actor="ana", now=now)
    later, earlier = now.replace(hour=13), now.replace(hour=12, minute=30)
    correct_window(uow(), "c", None, "2022-12-31", actor="bob", now=later)
    retract_claim(uow(), "c", actor="ana", now=earlier, reason="started before bob's edit, committed after")
    assert _event_order_violations(engine) == []


def test_a_batch_of_events_that_waited_for_a_claim_is_recorded_after_the_events_of_the_writer_it_waited_for(
        engine, uow):
    """A batch (a new announcement's proposals) waits for a claim another action holds; once that action
    commits, its events are read afresh: the batch's are recorded after them, not at its own earlier time."""
    day = datetime(2022, 9, 1, 12, 0, tzinfo=UTC)
    log_claim(uow(), new_claim(external_id="c"), actor="ana", now=day)
    with engine.connect() as connection:
        claim_id = connection.execute(text("SELECT id FROM claims WHERE external_id = 'c'")).scalar_one()

    def row() -> dict:
        return {"kind": "note_added", "actor": "desk", "claim_id": claim_id, "match_id": None, "source_id": None,
                "status": None, "effective_on": None, "reason": "test", "evidence": None}

    holding, release, failures = threading.Event(), threading.Event(), []

    def first_writer():
        try:
            work = uow()
            with work:
                repository.record_events(work.session, [row()], now=day.replace(hour=13))
                holding.set()
                release.wait(10)
                work.commit()
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
            holding.set()

    writer = threading.Thread(target=first_writer)
    writer.start()
    assert holding.wait(10)
    threading.Timer(0.5, release.set).start()  # the batch below waits for the claim meanwhile
    work = uow()
    with work:
        repository.record_events(work.session, [row(), row()], now=day.replace(hour=12, minute=30))
        work.commit()
    writer.join(10)
    assert failures == []
    assert _event_order_violations(engine) == []
