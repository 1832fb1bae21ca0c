"""Benchmark: matching one new announcement against N open claims through the service, on SQLite and
PostgreSQL (run on demand).

    .venv/bin/python bench/bench_matching_service.py                   # 100,000 claims, SQLite
    .venv/bin/python bench/bench_matching_service.py --claims 5000 --postgres postgresql://postgres@127.0.0.1:5432/test

Claims and announcements come from `bench_matching.generate` (seeded). They are stored through the ORM in
batches (`session.add_all`, no events and no per-claim follow-up, so 100k claims load in a minute or two):
the term index is written by the same `Claim` listeners that every service path goes through. Each run
then measures, in fresh processes (nothing cached in memory; the OS file cache stays warm):
  - `match_announcements` for one new announcement: cold (the first call in a new process) and warm (later
    calls in that process), median and p95;
  - the old approach in the same run: an in-memory `CandidateIndex` over every open claim, built per call
    (loading the claims, indexing, searching, scoring; nothing stored), and the ratio;
  - candidate agreement: the share of the old index's top 50 the stored index also returns, and how often
    each finds the planted claim the announcement confirms;
  - the space the term index takes (table and index), against the whole database;
  - `match_claims` for a backdated claim (every stored announcement published after it): the stored
    announcement index, cold and warm, against the old in-memory index over every announcement since the
    claim's date, and whether both propose the same announcements.
`--keep DIR` builds each database once and times a fresh copy of it on every run (migrated to this code's
schema first). `--baseline DIR` also times another copy of the code (e.g. `git worktree add /tmp/verify-before
<commit>`) on a twin of the database at that code's own schema (so an index this code adds is measured, not
lent to the baseline), in fresh processes interleaved with this code's, and prints both with their ratio and
the term index's size in each (issue #18).
PostgreSQL: `--postgres URL` names a server where the benchmark may create (and then drops) a database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, os.environ.get("VERIFY_BENCH_CODE") or str(Path(__file__).resolve().parents[1]))
import verify  # noqa: E402, F401 - first, from the code chosen above (bench_matching puts this checkout first)

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matching import generate  # noqa: E402

from verify import semantic  # noqa: E402
from verify.core import status as st  # noqa: E402
from verify.core.candidates import CandidateIndex  # noqa: E402
from verify.core.inputs import dedupe_key  # noqa: E402
from verify.core.matching import (  # noqa: E402
    AnnouncementText,
    MatchSettings,
    analyse,
    propose_matches,
    score_analysed,
)
from verify.db import migrate  # noqa: E402
from verify.db.aliases import alias_book  # noqa: E402
from verify.db.engine import make_engine, normalize_url, session_factory  # noqa: E402
from verify.db.models import Announcement, Claim, Source  # noqa: E402
from verify.db.search import claim_index, term_weights  # noqa: E402
from verify.db.uow import UnitOfWork  # noqa: E402
from verify.services import matching  # noqa: E402

NOW = datetime(2023, 6, 1, tzinfo=UTC)
BACKDATED = date(2022, 1, 2)  # before every generated announcement
BATCH = 5000


def build(url: str, n_claims: int, n_announcements: int, seed: int, timed: int,
          backdated: int) -> tuple[list[int], dict, list[list[int]]]:
    """A migrated database with the claims and background announcements; returns the ids of the announcements
    to time (stored, but never matched yet), planted confirmations first, and the backdated claims to time
    (the text of a claim a stored announcement confirms, dated at the start of the data, so that every
    announcement is published after it), each with the id of that announcement."""
    migrate.upgrade(url)
    claims, announcements, planted = generate(n_claims, n_announcements + timed * 4, seed)
    engine = make_engine(url)
    sessions = session_factory(engine)
    started = time.perf_counter()
    with sessions() as session:
        source = Source(name="Bench wire", kind="outlet", confidential=False, created_at=NOW)
        session.add(source)
        session.flush()
        for start in range(0, len(claims), BATCH):
            session.add_all(Claim(id=c.id + 1, dedupe_key=dedupe_key("bench", c.id), text=c.text, source_id=source.id,
                                  published=c.published, logged_by="bench", logged_at=NOW, status=st.PENDING,
                                  window_by_hand=False) for c in claims[start:start + BATCH])
            session.commit()
        session.add_all(Announcement(id=a.id + 1, dedupe_key=dedupe_key("bench-a", a.id), text=a.text,
                                     issuer="Bench", published=a.published, added_by="bench", added_at=NOW)
                        for a in announcements)
        session.commit()
        early = [(j, target) for j, target in planted.items() if j < n_announcements][:backdated]
        session.add_all(Claim(id=n_claims + 1 + b, dedupe_key=dedupe_key("bench-backdated", b),
                              text=claims[target].text, source_id=source.id, published=BACKDATED, logged_by="bench",
                              logged_at=NOW, status=st.PENDING, window_by_hand=False)
                        for b, (_, target) in enumerate(early))
        session.commit()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    print(f"  stored {n_claims:,} claims and {len(announcements):,} announcements through the ORM in "
          f"{time.perf_counter() - started:.0f}s")
    rng = random.Random(seed + 1)
    confirming = [j for j in planted if j >= n_announcements][:timed]
    noise = [j for j in range(n_announcements, len(announcements)) if j not in planted]
    chosen = confirming + rng.sample(noise, min(len(noise), max(1, timed // 4)))
    return ([j + 1 for j in chosen], {j + 1: planted[j] + 1 for j in confirming},
            [[n_claims + 1 + b, j + 1] for b, (j, _) in enumerate(early)])


def term_index_size(url: str) -> tuple[int, int, int]:
    """Bytes taken by the term index (table and its indexes), by the index of open claims that a search reads
    beside it (`ix_claims_open_postings`, 0 where the schema has none), and by the whole database."""
    engine = make_engine(url)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            terms = connection.execute(text("SELECT pg_total_relation_size('claim_terms')")).scalar_one()
            claims = connection.execute(text("SELECT pg_relation_size(to_regclass('ix_claims_open_postings'))")
                                        ).scalar_one()
            total = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        else:
            terms = connection.execute(text("SELECT sum(pgsize) FROM dbstat WHERE name IN "
                                            "('claim_terms', 'ix_claim_terms_claim_id')")).scalar_one()
            claims = connection.execute(text("SELECT sum(pgsize) FROM dbstat WHERE name = 'ix_claims_open_postings'")
                                        ).scalar_one()
            total = connection.execute(text("SELECT page_count * page_size FROM pragma_page_count(), "
                                            "pragma_page_size()")).scalar_one()
    engine.dispose()
    return int(terms or 0), int(claims or 0), int(total)


def old_way(sessions, announcement_id: int, settings: MatchSettings) -> tuple[list[int], list[int]]:
    """The approach before the term index: every open claim loaded and indexed in memory for each call."""
    with sessions() as session:
        announcement = matching.announcement_text(session.get(Announcement, announcement_id))
        until = announcement.published + matching.GRACE
        claims = {c.id: matching.claim_text(c) for c in session.scalars(
            select(Claim).where(Claim.status == st.PENDING, Claim.published <= until))}
        book = alias_book(session)
        weights = CandidateIndex([*weight_sample(session), announcement], book)
        hits = [claim_id for claim_id, _ in CandidateIndex(claims.values(), book).search(announcement.text,
                                                                                          k=settings.candidates)]
        aa = analyse(announcement.text, book)
        proposals = [score_analysed(claims[i], announcement, analyse(claims[i].text, book), aa, settings,
                                    weights.idf) for i in hits]
        return hits, [p.claim_id for p in sorted(proposals, key=lambda p: (-p.score, p.claim_id))
                      if p.band != "discard"]


COLUMNS = (Announcement.id, Announcement.text, Announcement.published, Announcement.issuer)


def weight_sample(session) -> list[AnnouncementText]:
    """The announcements that set term weights: the most recent `WEIGHT_SAMPLE`."""
    query = (select(*COLUMNS).order_by(Announcement.published.desc(), Announcement.id.desc())
             .limit(matching.WEIGHT_SAMPLE))
    return [AnnouncementText(*row) for row in session.execute(query)]


def old_match_claim(sessions, claim_id: int) -> list[int]:
    """How `match_claims` worked before the announcement term index: every announcement published since the
    claim (less the grace) and the recent sample indexed in memory per call (nothing stored)."""
    with sessions() as session:
        claim = matching.claim_text(session.get(Claim, claim_id))
        pool = {a.id: a for a in weight_sample(session)}
        pool.update((row.id, AnnouncementText(*row)) for row in session.execute(
            select(*COLUMNS).where(Announcement.published >= claim.published - matching.GRACE)))
        proposals = propose_matches([claim], list(pool.values()), aliases=alias_book(session), top=5,
                                    embed=semantic.embed)
        return [p.announcement_id for p in proposals]


def new_candidates(sessions, announcement_id: int, settings: MatchSettings) -> tuple[list[int], float, float]:
    """The stored index's candidates, and the time the search and the term weights take alone."""
    with sessions() as session:
        announcement = session.get(Announcement, announcement_id)
        book = alias_book(session)
        started = time.perf_counter()
        terms = matching._query_terms(announcement.text, book)
        found = [i for i, _ in claim_index.open_claims(session, terms, until=announcement.published + matching.GRACE,
                                                       k=settings.candidates)]
        searched = time.perf_counter()
        term_weights.recent_weights(session, [matching.announcement_text(announcement)], terms, book,
                                          sample=matching.WEIGHT_SAMPLE)
        return found, searched - started, time.perf_counter() - searched


def measure(url: str, ids: list[int], mode: str) -> dict:
    """Run in a fresh process: time the calls, the first one cold."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    settings, times, cpu, out = MatchSettings(), [], [], {}
    for announcement_id in ids:
        started, used = time.perf_counter(), time.process_time()
        if mode == "new":
            rows = matching.match_announcements(UnitOfWork(sessions), [announcement_id], now=NOW)
            out[announcement_id] = [row.claim for row in rows]
        elif mode == "claims":
            rows = matching.match_claims(UnitOfWork(sessions), [announcement_id], now=NOW)
            out[announcement_id] = [int(row.announcement) for row in rows]
        elif mode == "claims-old":
            out[announcement_id] = old_match_claim(sessions, announcement_id)
        else:
            out[announcement_id] = old_way(sessions, announcement_id, settings)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    if mode == "new":
        for announcement_id in ids:
            found, search, weights = new_candidates(sessions, announcement_id, settings)
            out[announcement_id] = {"proposed": out[announcement_id], "candidates": found, "search": search,
                                    "weights": weights}
    engine.dispose()
    return {"times": times, "cpu": cpu, "found": out}


def in_fresh_process(url: str, ids: list[int], mode: str, code: Path | None = None) -> dict:
    """`measure` in a new Python process; `code`: another copy of verify to import instead of this one."""
    command = [sys.executable, __file__, "--measure", url, "--mode", mode, "--ids", ",".join(map(str, ids))]
    env = dict(os.environ, VERIFY_BENCH_CODE=str(code)) if code else None
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout.splitlines()[-1])


def ms(values: list[float]) -> str:
    values = sorted(v * 1000 for v in values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return f"median {statistics.median(values):,.1f} ms, p95 {p95:,.1f} ms (n={len(values)})"


def ratio(before: list[float], after: list[float]) -> str:
    times = statistics.median(before) / statistics.median(after)
    return f"{times:.2f}x faster" if times >= 1 else f"{1 / times:.2f}x slower"


def run(url: str, args, their_url: str | None = None) -> None:
    """Time this code on `url` and, with `--baseline`, the baseline code on `their_url` (its own schema)."""
    ids, planted, backdated = args.prepared
    for name, at in [("", url)] + ([(" (baseline's schema)", their_url)] if their_url else []):
        terms, claims, total = term_index_size(at)
        engine = make_engine(at)
        revision = migrate.stored_revision(engine)
        engine.dispose()
        print(f"  term index{name}, schema {revision}: {terms / 2**20:,.1f} MB of {total / 2**20:,.1f} MB "
              f"({100 * terms / total:.0f}% of the database, {terms / args.claims:,.0f} bytes per claim); "
              f"index of open claims: {claims / 2**20:,.1f} MB")
    cold, warm, found = [], [], {}
    before = {"cold": [], "warm": [], "cold_cpu": [], "warm_cpu": [], "same": [], "paired": []}
    cold_cpu, warm_cpu = [], []
    per_process = max(1, len(ids) // args.processes)
    for number, start in enumerate(range(0, len(ids), per_process)):
        chunk = ids[start:start + per_process]
        # Each code writes its proposals to its own database; which goes first alternates, so neither is
        # always the one timed while the other has just loaded the machine.
        codes = [("ours", url, None), ("theirs", their_url, args.baseline)] if args.baseline else [("ours", url, None)]
        results = {name: in_fresh_process(at, chunk, "new", code)
                   for name, at, code in (reversed(codes) if number % 2 else codes)}
        ours = results["ours"]
        cold.append(ours["times"][0])
        warm.extend(ours["times"][1:])
        cold_cpu.append(ours["cpu"][0])
        warm_cpu.extend(ours["cpu"][1:])
        found.update({int(k): v for k, v in ours["found"].items()})
        if args.baseline:
            theirs = results["theirs"]
            before["cold"].append(theirs["times"][0])
            before["warm"].extend(theirs["times"][1:])
            before["cold_cpu"].append(theirs["cpu"][0])
            before["warm_cpu"].extend(theirs["cpu"][1:])
            # The same announcement at the same place in its process, timed by both codes one after the other.
            before["paired"].extend(t / o for t, o in zip(theirs["times"][1:], ours["times"][1:], strict=True))
            before["same"].extend(theirs["found"][k]["proposed"] == v["proposed"] for k, v in ours["found"].items())
    old_ids = ids[:args.old]
    old = in_fresh_process(url, old_ids, "old")
    print(f"  new, cold (first call in a process): {ms(cold)}")
    if warm:
        print(f"  new, warm (later calls):             {ms(warm)}")
    print(f"  CPU time of the same calls (steadier than wall time on a shared machine): cold {ms(cold_cpu)}"
          + (f"; warm {ms(warm_cpu)}" if warm else ""))
    if args.baseline:
        print(f"  baseline code ({args.baseline}), same announcements, interleaved (its own copy of the database):")
        print(f"    same proposals (claims, in order) as this code: {sum(before['same'])}/{len(before['same'])}")
        print(f"    cold: {ms(before['cold'])}; this code is {ratio(before['cold'], cold)}")
        print(f"    cold CPU: {ms(before['cold_cpu'])}; this code is {ratio(before['cold_cpu'], cold_cpu)}")
        if warm:
            print(f"    warm: {ms(before['warm'])}; this code is {ratio(before['warm'], warm)}")
            print(f"    warm CPU: {ms(before['warm_cpu'])}; this code is {ratio(before['warm_cpu'], warm_cpu)}")
            paired = sorted(before["paired"])
            print(f"    warm, paired by announcement: baseline / this code, median {statistics.median(paired):.2f}, "
                  f"middle half {paired[len(paired) // 4]:.2f} to {paired[3 * len(paired) // 4]:.2f}")
    print(f"  of which, warm: index search {ms([f['search'] for f in found.values()])}; term weights "
          f"{ms([f['weights'] for f in found.values()])} (the rest: loading, analysing and scoring the "
          f"{MatchSettings().candidates} candidates, storing the proposals)")
    print(f"  old, index built per call:           {ms(old['times'])}")
    print(f"  old / new (medians): cold {statistics.median(old['times']) / statistics.median(cold):,.0f}x"
          + (f", warm {statistics.median(old['times']) / statistics.median(warm):,.0f}x" if warm else ""))
    claim_ids = [claim_id for claim_id, _ in backdated]
    if claim_ids:
        report_claims(url, claim_ids, dict(backdated), args)
    overlap = [len(set(old["found"][str(i)][0]) & set(found[i]["candidates"])) / max(1, len(old["found"][str(i)][0]))
               for i in old_ids]
    print(f"  candidates: the stored index returns {statistics.mean(overlap):.3f} of the old index's top 50"
          f" (over {len(old_ids)} announcements)")
    hits_new = sum(1 for i, c in planted.items() if c in found[i]["candidates"])
    hits_old = sum(1 for i in old_ids if i in planted and planted[i] in old["found"][str(i)][0])
    print(f"  planted claim among the candidates: stored index {hits_new}/{len(planted)}; old index "
          f"{hits_old}/{sum(1 for i in old_ids if i in planted)}")


def report_claims(url: str, claim_ids: list[int], confirming: dict[int, int], args) -> None:
    """`match_claims` for backdated claims (every stored announcement is published after them): the stored
    announcement index against the old in-memory index, in fresh processes, and whether both propose the same."""
    cold, warm, new = [], [], {}
    per_process = max(1, len(claim_ids) // max(1, args.processes // 2))
    for start in range(0, len(claim_ids), per_process):
        result = in_fresh_process(url, claim_ids[start:start + per_process], "claims")
        cold.append(result["times"][0])
        warm.extend(result["times"][1:])
        new.update({int(k): v for k, v in result["found"].items()})
    old = in_fresh_process(url, claim_ids[:args.old], "claims-old")
    print(f"  match_claims, one backdated claim against {args.announcements:,} announcements:")
    print(f"    new, cold: {ms(cold)}")
    if warm:
        print(f"    new, warm: {ms(warm)}")
    print(f"    old, in-memory index per call: {ms(old['times'])}")
    same = sum(1 for i, found in old["found"].items() if found == new[int(i)])
    top = sum(1 for i, found in old["found"].items() if found[:1] == new[int(i)][:1])
    print(f"    same proposals as the old way: {same}/{len(old['found'])} (same best: {top}); the confirming "
          f"announcement proposed: new {sum(1 for i in claim_ids if confirming[i] in new[i])}/{len(claim_ids)}, "
          f"old {sum(1 for i, found in old['found'].items() if confirming[int(i)] in found)}/{len(old['found'])}")


def postgres_database(base: str) -> str:
    base = normalize_url(base)
    name = f"verify_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def build_from(url: str, args) -> tuple[list[int], dict, list[list[int]]]:
    return build(url, args.claims, args.announcements, args.seed, args.timed, args.backdated)


def kept_name(args) -> str:
    return f"bench_{args.claims}_{args.announcements}_{args.timed}_{args.backdated}_{args.seed}"


def sqlite_copy(args, url: str) -> tuple[list[int], dict, list[list[int]]]:
    """`--keep`: build the database once into that folder, then time a fresh copy of it on every run."""
    kept, meta = args.keep / f"{kept_name(args)}.db", args.keep / f"{kept_name(args)}.json"
    if not meta.exists():
        args.keep.mkdir(parents=True, exist_ok=True)
        kept.unlink(missing_ok=True)
        meta.write_text(json.dumps(build_from(f"sqlite:///{kept}", args)))
    with sqlite3.connect(kept) as source, sqlite3.connect(make_url(url).database) as target:
        source.backup(target)
    return loaded(meta)


def postgres_copy(args) -> tuple[str, tuple[list[int], dict, list[list[int]]]]:
    """`--keep` on PostgreSQL: a template database built once (named after the sizes), copied per run."""
    base, name = normalize_url(args.postgres), f"verify_{kept_name(args)}"
    meta = args.keep / f"{name}.json"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
    if not exists or not meta.exists():
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            connection.execute(text(f"CREATE DATABASE {name}"))
        args.keep.mkdir(parents=True, exist_ok=True)
        meta.write_text(json.dumps(build_from(make_url(base).set(database=name).render_as_string(False), args)))
    copy = f"verify_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {copy} TEMPLATE {name}"))
    admin.dispose()
    return make_url(base).set(database=copy).render_as_string(hide_password=False), loaded(meta)


def loaded(meta: Path) -> tuple[list[int], dict, list[list[int]]]:
    ids, planted, backdated = json.loads(meta.read_text())
    return ids, {int(k): v for k, v in planted.items()}, backdated


def at_schemas(url: str, args) -> str | None:
    """Bring the database to this code's schema; with `--baseline`, return a twin of it at the baseline code's
    schema (this code's migrations downgrade it), else None."""
    migrate.upgrade(url)
    if not args.baseline:
        return None
    # Read from the baseline's own files: its `verify.migrations` would resolve to this checkout's folder
    # when this one is the installed (editable) copy.
    theirs = ScriptDirectory(str(args.baseline / "migrations")).get_current_head()
    if make_url(url).get_backend_name() == "sqlite":
        twin = url.replace(".db", "-baseline.db")
        with sqlite3.connect(make_url(url).database) as source, sqlite3.connect(make_url(twin).database) as target:
            source.backup(target)
    else:
        twin = make_url(url).set(database=f"{make_url(url).database}_baseline").render_as_string(hide_password=False)
        admin = create_engine(normalize_url(args.postgres), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {make_url(twin).database} TEMPLATE {make_url(url).database}"))
        admin.dispose()
    if theirs != migrate.shipped_head():
        migrate.downgrade(twin, theirs)
    return twin


def drop_postgres_database(base: str, url: str) -> None:
    admin = create_engine(normalize_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)"))
    admin.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="open claims stored (default 100,000)")
    parser.add_argument("--announcements", type=int, default=20_000,
                        help="stored announcements (the weights; what a backdated claim is searched against)")
    parser.add_argument("--backdated", type=int, default=10, help="backdated claims matched through the service")
    parser.add_argument("--timed", type=int, default=40, help="new announcements matched through the service")
    parser.add_argument("--processes", type=int, default=10, help="fresh processes for the timed ones")
    parser.add_argument("--old", type=int, default=5, help="announcements timed the old way")
    parser.add_argument("--postgres", metavar="URL", help="also run on PostgreSQL (a server, not a database)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build each database once (SQLite file in DIR, PostgreSQL template database) and "
                             "time a fresh copy of it on every run")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="another copy of the code, timed beside this one (new announcements only)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="new", help=argparse.SUPPRESS)
    parser.add_argument("--ids", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, [int(i) for i in args.ids.split(",")], args.mode)))
        return
    if args.claims < 1 or args.timed < 1 or args.processes < 1 or args.old < 1:
        parser.error("--claims, --timed, --processes and --old must be at least 1")
    with tempfile.TemporaryDirectory() as folder:
        print(f"SQLite, {args.claims:,} open claims:")
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        args.prepared = sqlite_copy(args, url) if args.keep else build_from(url, args)
        run(url, args, at_schemas(url, args))
    if args.postgres:
        if args.keep:
            url, args.prepared = postgres_copy(args)
        else:
            url = postgres_database(args.postgres)
        their_url = None
        try:
            print(f"PostgreSQL, {args.claims:,} open claims:")
            if not args.keep:
                args.prepared = build_from(url, args)
            their_url = at_schemas(url, args)
            run(url, args, their_url)
        finally:
            for at in filter(None, (url, their_url)):
                drop_postgres_database(args.postgres, at)


if __name__ == "__main__":
    main()
