"""The bulk import writes what logging the same claims one by one writes (rows, term postings, events), in a
few statements per batch, and a run stopped halfway is finished by running it again, nothing twice."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import event, func, select

from verify.db.models import Announcement, AnnouncementTerm, Claim, ClaimTerm, Event, Source
from verify.errors import ImportRejected
from verify.services import (
    NewAnnouncement,
    NewClaim,
    add_announcement,
    bulk_prepare,
    bulk_rows,
    followup,
    import_announcements,
    import_claims,
    imports,
    log_claim,
)
from verify.services.followup import complete_owed, owed_follow_ups

CLAIMS = [
    {"text": "Xiaomi's first Leica-branded phone will launch in July", "source": "XDA Developers",
     "published": "2022-03-28", "external_id": "c1", "url": "https://example.com/a", "confidence": "likely"},
    {"text": "Broadcom is in talks to acquire VMware by the end of the year", "source": "xda developers",
     "published": "2022-05-22", "origin": "A person familiar", "confidence": "0.7"},
    {"text": "Apple will ship the car on 03/04/2023", "source": "Bloomberg", "published": "2022-09-01",
     "source_kind": "outlet"},
    {"text": "Die Firma bringt das Telefon im Juli auf den Markt", "source": "Heise", "published": "2022-03-01",
     "language": "de"},
    {"text": "The company confirmed the deal last week", "source": "Reuters", "published": "2022-06-01"},
    {"text": "Sony to unveil a new camera at CES next year", "source": "The Verge", "published": "2022-08-10",
     "external_id": "c6"},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def stored(uow) -> dict:
    """Everything a claim's import writes, keyed by what does not depend on row ids."""
    with uow() as unit:
        session = unit.session
        sources = {s.id: (s.name, s.kind, s.name_key) for s in session.scalars(select(Source))}
        claims = {c.id: c.dedupe_key for c in session.scalars(select(Claim))}
        columns = [c.key for c in Claim.__table__.columns if c.key not in ("id", "source_id", "origin_source_id")]
        return {
            "sources": sorted(sources.values()),
            "claims": sorted([(tuple(getattr(c, name) for name in columns), sources[c.source_id],
                               sources.get(c.origin_source_id)) for c in session.scalars(select(Claim))], key=repr),
            "postings": sorted((claims[t.claim_id], t.term, t.tf) for t in session.scalars(select(ClaimTerm))),
            "events": sorted([(claims.get(e.claim_id), e.kind, e.status, e.effective_on, e.recorded_at, e.actor,
                               e.reason, json.dumps(e.evidence, sort_keys=True), sources.get(e.source_id))
                              for e in session.scalars(select(Event)) if e.kind != "follow_up_owed"], key=repr),
        }


def test_the_bulk_import_writes_the_rows_postings_and_events_logging_one_by_one_writes(uow, other_uow, now,
                                                                                        tmp_path):
    report = import_claims(uow(), write_jsonl(tmp_path / "claims.jsonl", CLAIMS), actor="ana", now=now,
                           follow_up=False)
    for row in CLAIMS:
        log_claim(other_uow(), NewClaim(**{"source_kind": "outlet", **row}), actor="ana", now=now,
                  follow_up=False)
    bulk, one_by_one = stored(uow), stored(other_uow)
    assert len(report.added) == len(CLAIMS) and len(bulk["postings"]) > 30
    assert [name for name, _, _ in bulk["sources"]] == ["A person familiar", "Bloomberg", "Heise", "Reuters",
                                                         "The Verge", "XDA Developers"]
    assert bulk == one_by_one


def test_the_bulk_import_of_announcements_writes_the_rows_and_postings_adding_one_by_one_writes(
        uow, other_uow, now, tmp_path):
    rows = [{"text": "Xiaomi and Leica announce their first phone", "issuer": "Xiaomi", "published": "2022-07-04",
             "external_id": "a1"},
            {"text": "VMware agrees to be acquired by Broadcom", "source": "VMware", "published": "2022-05-26",
             "url": "https://example.com/v"}]
    import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", rows), actor="ed", now=now, follow_up=False)
    for row in rows:
        add_announcement(other_uow(), NewAnnouncement(text=row["text"], issuer=row.get("issuer") or row["source"],
                                                      published=row["published"], url=row.get("url"),
                                                      external_id=row.get("external_id")),
                         actor="ed", now=now, follow_up=False)

    def announced(unit_of_work):
        with unit_of_work() as unit:
            keys = {a.id: a.dedupe_key for a in unit.session.scalars(select(Announcement))}
            columns = [c.key for c in Announcement.__table__.columns if c.key != "id"]
            return (sorted([tuple(getattr(a, c) for c in columns) for a in unit.session.scalars(select(Announcement))],
                           key=repr),
                    sorted((keys[t.announcement_id], t.term, t.tf)
                           for t in unit.session.scalars(select(AnnouncementTerm))))

    assert announced(uow) == announced(other_uow) and announced(uow)[1]


def test_an_archive_is_written_with_a_few_statements_per_batch_not_several_per_claim(uow, engine, now, tmp_path):
    rows = [{"text": f"Maker {n} will launch the Gadget {n} phone in July", "source": f"Outlet {n % 7}",
             "published": "2022-03-01"} for n in range(400)]
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    report = import_claims(uow(), write_jsonl(tmp_path / "claims.jsonl", rows), actor="ana", now=now,
                           follow_up=False)
    assert len(report.added) == 400
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT")]
    assert len(statements) < 60 and len(inserts) < 30, (len(statements), len(inserts))


def test_an_import_stopped_while_writing_stores_nothing_and_the_same_import_then_writes_every_row_once(
        uow, sessions, now, tmp_path, monkeypatch):
    rows = [{"text": f"Maker {n} will launch the Gadget {n} phone in July", "source": "Wire",
             "published": "2022-03-01", **({"external_id": f"c{n}"} if n % 2 else {})} for n in range(7)]
    path = write_jsonl(tmp_path / "claims.jsonl", rows)
    monkeypatch.setattr(imports, "BATCH", 3)
    written = []

    def stopped_on_the_second_batch(session, batch, **kwargs):
        if written:
            raise KeyboardInterrupt
        written.append(len(batch))
        return bulk_rows.write_claims(session, batch, **kwargs)

    monkeypatch.setattr(imports, "write_claims", stopped_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        import_claims(uow(), path, actor="ana", now=now)
    assert written == [3] and owed_follow_ups(uow()) == []
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == 0
        assert session.scalar(select(func.count()).select_from(ClaimTerm)) == 0
    monkeypatch.setattr(imports, "write_claims", bulk_rows.write_claims)

    again = import_claims(uow(), path, actor="ana", now=now)
    assert (len(again.added), again.already_stored) == (7, 0)
    with sessions() as session:
        texts = session.scalars(select(Claim.text)).all()
        logged = session.scalar(select(func.count()).select_from(Event).where(Event.kind == "logged"))
    assert sorted(texts) == sorted(row["text"] for row in rows) and logged == 7
    assert owed_follow_ups(uow()) == []


def test_an_import_stopped_while_matching_is_finished_by_running_it_again_nothing_twice(uow, sessions, now,
                                                                                        tmp_path, monkeypatch):
    path = write_jsonl(tmp_path / "claims.jsonl", CLAIMS)
    with monkeypatch.context() as patch:
        def stopped(*args, **kwargs):
            raise KeyboardInterrupt

        patch.setattr(followup, "match_claims", stopped)
        with pytest.raises(KeyboardInterrupt):
            import_claims(uow(), path, actor="ana", now=now)
    assert len(owed_follow_ups(uow())) == 1
    complete_owed(uow(), now=now, actor="ana")  # what the next command does first
    again = import_claims(uow(), path, actor="ana", now=now)
    assert (len(again.added), again.already_stored) == (0, len(CLAIMS)) and owed_follow_ups(uow()) == []
    with sessions() as session:
        logged = session.scalar(select(func.count()).select_from(Event).where(Event.kind == "logged"))
        done = session.scalar(select(func.count()).select_from(Event).where(Event.kind == "follow_up_done"))
    assert logged == len(CLAIMS) and done == 1


def test_a_user_name_too_long_for_its_column_is_one_clear_error_and_nothing_is_written(uow, sessions, now,
                                                                                          tmp_path):
    path = write_jsonl(tmp_path / "claims.jsonl", CLAIMS[:2])
    with pytest.raises(Exception, match="user name .* is 101 characters long"):
        import_claims(uow(), path, actor="a" * 101, now=now)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Claim)) == 0


def prepared_by_two_workers(monkeypatch, *, chunk: int) -> None:
    """Even a small file's rows prepared by two worker processes, `chunk` rows at a time."""
    monkeypatch.setattr(bulk_prepare, "PARALLEL_FROM", 1)
    monkeypatch.setattr(bulk_prepare, "CHUNK", chunk)
    monkeypatch.setattr(bulk_prepare, "usable_cores", lambda: 2)


def test_windows_worked_out_in_worker_processes_store_the_same_rows_and_warnings(uow, other_uow, now, tmp_path,
                                                                                  monkeypatch):
    path = write_jsonl(tmp_path / "claims.jsonl", CLAIMS)
    serial = import_claims(other_uow(), path, actor="ana", now=now, follow_up=False)
    prepared_by_two_workers(monkeypatch, chunk=2)
    parallel = import_claims(uow(), path, actor="ana", now=now, follow_up=False)
    assert parallel.warnings == serial.warnings and len(parallel.warnings) >= 2
    assert stored(uow) == stored(other_uow)


def test_rows_checked_a_few_at_a_time_while_workers_prepare_store_what_one_pass_stores(uow, other_uow, now,
                                                                                     tmp_path, monkeypatch):
    bad = {"text": "", "source": "Reuters", "published": "2022-06-01"}
    path = write_jsonl(tmp_path / "claims.jsonl", [*CLAIMS[:3], bad, *CLAIMS[3:], CLAIMS[0]])
    for make in (uow, other_uow):  # two rows stored beforehand: counted as stored, not prepared again
        import_claims(make(), write_jsonl(tmp_path / "first.jsonl", [CLAIMS[1], CLAIMS[4]]), actor="ana", now=now,
                      follow_up=False)
    serial = import_claims(other_uow(), path, actor="ana", now=now, follow_up=False, skip_invalid=True)
    monkeypatch.setattr(imports, "STEP", 2)
    prepared_by_two_workers(monkeypatch, chunk=1)
    recorder = Recorder()
    stepped = import_claims(uow(), path, actor="ana", now=now, follow_up=False, skip_invalid=True, progress=recorder)
    assert (stepped.already_stored, stepped.problems, stepped.warnings) == \
        (serial.already_stored, serial.problems, serial.warnings)
    assert stepped.already_stored == 3 and len(stepped.problems) == 1 and len(stepped.added) == 4
    assert stored(uow) == stored(other_uow)
    assert all(done == total for _, total, done in recorder.phases), recorder.phases


def test_a_refused_file_stores_nothing_when_its_bad_row_comes_after_rows_sent_to_the_workers(uow, now, tmp_path,
                                                                                        monkeypatch):
    monkeypatch.setattr(imports, "STEP", 2)
    monkeypatch.setattr(bulk_prepare, "PARALLEL_FROM", 1)
    monkeypatch.setattr(bulk_prepare, "usable_cores", lambda: 2)
    path = write_jsonl(tmp_path / "claims.jsonl", [*CLAIMS, {"text": "x", "source": "", "published": "2022-06-01"}])
    with pytest.raises(ImportRejected, match="line 7"):
        import_claims(uow(), path, actor="ana", now=now)
    with uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Claim)) == 0


def test_the_first_rows_are_written_while_the_workers_still_prepare_the_last(uow, other_uow, now, tmp_path,
                                                                             monkeypatch):
    path = write_jsonl(tmp_path / "claims.jsonl", CLAIMS)
    serial = import_claims(other_uow(), path, actor="ana", now=now, follow_up=False)
    prepared_by_two_workers(monkeypatch, chunk=2)
    monkeypatch.setattr(imports, "BATCH", 2)
    steps = []
    joined = bulk_prepare._joined

    def taken(assemble, chunk, done):
        steps.append("prepared")
        return joined(assemble, chunk, done)

    def written(session, batch, **kwargs):
        steps.append("written")
        return bulk_rows.write_claims(session, batch, **kwargs)

    monkeypatch.setattr(bulk_prepare, "_joined", taken)
    monkeypatch.setattr(imports, "write_claims", written)
    streamed = import_claims(uow(), path, actor="ana", now=now, follow_up=False)
    assert steps == ["prepared", "written"] * 3
    assert streamed.warnings == serial.warnings and stored(uow) == stored(other_uow)


def test_prepared_rows_can_be_read_again_for_a_write_started_over_each_joined_to_its_row_once():
    joined = []

    class Counted:
        def phase(self, name, total):
            pass

        def advance(self, steps):
            joined.append(("advanced", steps))

    def assemble(item, result):
        joined.append(item)
        return (item, result)

    with bulk_prepare.Preparing(str.upper, Counted(), rows=5, parallel=False, assemble=assemble) as preparing:
        preparing.add(["a", "b", "c"])
        preparing.add(["d", "e"])
        first = list(preparing.in_order())
        again = list(preparing.in_order())
    assert first == again == [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E")]
    assert [step for step in joined if isinstance(step, str)] == ["a", "b", "c", "d", "e"]
    assert sum(steps for kind, steps in (s for s in joined if isinstance(s, tuple))) == 5


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities are POSIX")
def test_the_workers_preparing_rows_run_at_a_lower_priority_than_the_process_writing_them():
    class Silent:
        def phase(self, name, total):
            pass

        def advance(self, steps):
            pass

    rows = bulk_prepare.PARALLEL_FROM
    with bulk_prepare.Preparing(os.nice, Silent(), rows=rows) as preparing:  # os.nice(0): a process's niceness
        if preparing.pool is None:
            pytest.skip("one usable core: the rows are prepared in this process")
        preparing.add([0] * rows)
        niceness = set(preparing.in_order())
    assert niceness == {min(19, os.nice(0) + bulk_prepare.WORKER_NICENESS)}


class Recorder:
    """A progress listener that keeps, per phase, its announced total and the steps reported."""

    def __init__(self):
        self.phases: list[list] = []

    def phase(self, name, total):
        self.phases.append([name, total, 0])

    def advance(self, steps):
        self.phases[-1][2] += steps


def test_an_import_reports_each_phase_with_its_total_and_every_step_of_it(uow, now, tmp_path):
    recorder = Recorder()
    import_claims(uow(), write_jsonl(tmp_path / "claims.jsonl", CLAIMS), actor="ana", now=now, progress=recorder)
    assert [name for name, _, _ in recorder.phases] == ["reading", "checking", "writing", "linking", "matching"]
    assert all(done == total for _, total, done in recorder.phases), recorder.phases
