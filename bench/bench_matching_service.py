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
  - the space the term index takes (table and index), against the whole database.
PostgreSQL: `--postgres URL` names a server where the benchmark may create (and then drops) a database.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matching import generate  # noqa: E402

from verify.core import status as st  # noqa: E402
from verify.core.candidates import CandidateIndex  # noqa: E402
from verify.core.matching import MatchSettings, analyse, score_analysed  # noqa: E402
from verify.db import announcement_terms, claim_terms, migrate  # noqa: E402
from verify.db.engine import make_engine, normalize_url, session_factory  # noqa: E402
from verify.db.models import Announcement, Claim, Source  # noqa: E402
from verify.db.repository import dedupe_key  # noqa: E402
from verify.db.uow import UnitOfWork  # noqa: E402
from verify.services import matching  # noqa: E402
from verify.services.aliases import alias_book  # noqa: E402

NOW = datetime(2023, 6, 1, tzinfo=UTC)
BATCH = 5000


def build(url: str, n_claims: int, n_announcements: int, seed: int, timed: int) -> tuple[list[int], dict]:
    """A migrated database with the claims and background announcements; returns the ids of the announcements
    to time (stored, but never matched yet), planted confirmations first."""
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
    return [j + 1 for j in chosen], {j + 1: planted[j] + 1 for j in confirming}


def term_index_size(url: str) -> tuple[int, int]:
    """Bytes taken by the term index (table and its index), and by the whole database."""
    engine = make_engine(url)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            terms = connection.execute(text("SELECT pg_total_relation_size('claim_terms')")).scalar_one()
            total = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
        else:
            terms = connection.execute(text("SELECT sum(pgsize) FROM dbstat WHERE name IN "
                                            "('claim_terms', 'ix_claim_terms_claim_id')")).scalar_one()
            total = connection.execute(text("SELECT page_count * page_size FROM pragma_page_count(), "
                                            "pragma_page_size()")).scalar_one()
    engine.dispose()
    return int(terms or 0), int(total)


def old_way(sessions, announcement_id: int, settings: MatchSettings) -> tuple[list[int], list[int]]:
    """The approach before the term index: every open claim loaded and indexed in memory for each call."""
    with sessions() as session:
        announcement = matching.announcement_text(session.get(Announcement, announcement_id))
        until = announcement.published + matching.GRACE
        claims = {c.id: matching.claim_text(c) for c in session.scalars(
            select(Claim).where(Claim.status == st.PENDING, Claim.published <= until))}
        book = alias_book(session)
        weights = CandidateIndex([*matching._weight_sample(session), announcement], book)
        hits = [claim_id for claim_id, _ in CandidateIndex(claims.values(), book).search(announcement.text,
                                                                                          k=settings.candidates)]
        aa = analyse(announcement.text, book)
        proposals = [score_analysed(claims[i], announcement, analyse(claims[i].text, book), aa, settings,
                                    weights.idf) for i in hits]
        return hits, [p.claim_id for p in sorted(proposals, key=lambda p: (-p.score, p.claim_id))
                      if p.band != "discard"]


def new_candidates(sessions, announcement_id: int, settings: MatchSettings) -> tuple[list[int], float, float]:
    """The stored index's candidates, and the time the search and the term weights take alone."""
    with sessions() as session:
        announcement = session.get(Announcement, announcement_id)
        book = alias_book(session)
        started = time.perf_counter()
        terms = matching._query_terms(announcement.text, book)
        found = [i for i, _ in claim_terms.open_claims(session, terms, until=announcement.published + matching.GRACE,
                                                       k=settings.candidates)]
        searched = time.perf_counter()
        announcement_terms.recent_weights(session, [matching.announcement_text(announcement)], terms, book,
                                          sample=matching.WEIGHT_SAMPLE)
        return found, searched - started, time.perf_counter() - searched


def measure(url: str, ids: list[int], mode: str) -> dict:
    """Run in a fresh process: time the calls, the first one cold."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    settings, times, out = MatchSettings(), [], {}
    for announcement_id in ids:
        started = time.perf_counter()
        if mode == "new":
            rows = matching.match_announcements(UnitOfWork(sessions), [announcement_id], now=NOW)
            out[announcement_id] = [row.claim for row in rows]
        else:
            out[announcement_id] = old_way(sessions, announcement_id, settings)
        times.append(time.perf_counter() - started)
    if mode == "new":
        for announcement_id in ids:
            found, search, weights = new_candidates(sessions, announcement_id, settings)
            out[announcement_id] = {"proposed": out[announcement_id], "candidates": found, "search": search,
                                    "weights": weights}
    engine.dispose()
    return {"times": times, "found": out}


def in_fresh_process(url: str, ids: list[int], mode: str) -> dict:
    command = [sys.executable, __file__, "--measure", url, "--mode", mode, "--ids", ",".join(map(str, ids))]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def ms(values: list[float]) -> str:
    values = sorted(v * 1000 for v in values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return f"median {statistics.median(values):,.1f} ms, p95 {p95:,.1f} ms (n={len(values)})"


def run(url: str, args) -> None:
    ids, planted = args.prepared
    terms, total = term_index_size(url)
    print(f"  term index: {terms / 2**20:,.1f} MB of {total / 2**20:,.1f} MB "
          f"({100 * terms / total:.0f}% of the database, {terms / args.claims:,.0f} bytes per claim)")
    cold, warm, found = [], [], {}
    per_process = max(1, len(ids) // args.processes)
    for start in range(0, len(ids), per_process):
        result = in_fresh_process(url, ids[start:start + per_process], "new")
        cold.append(result["times"][0])
        warm.extend(result["times"][1:])
        found.update({int(k): v for k, v in result["found"].items()})
    old_ids = ids[:args.old]
    old = in_fresh_process(url, old_ids, "old")
    print(f"  new, cold (first call in a process): {ms(cold)}")
    if warm:
        print(f"  new, warm (later calls):             {ms(warm)}")
    print(f"  of which, warm: index search {ms([f['search'] for f in found.values()])}; term weights "
          f"{ms([f['weights'] for f in found.values()])} (the rest: loading, analysing and scoring the "
          f"{MatchSettings().candidates} candidates, storing the proposals)")
    print(f"  old, index built per call:           {ms(old['times'])}")
    print(f"  old / new (medians): cold {statistics.median(old['times']) / statistics.median(cold):,.0f}x"
          + (f", warm {statistics.median(old['times']) / statistics.median(warm):,.0f}x" if warm else ""))
    overlap = [len(set(old["found"][str(i)][0]) & set(found[i]["candidates"])) / max(1, len(old["found"][str(i)][0]))
               for i in old_ids]
    print(f"  candidates: the stored index returns {statistics.mean(overlap):.3f} of the old index's top 50"
          f" (over {len(old_ids)} announcements)")
    hits_new = sum(1 for i, c in planted.items() if c in found[i]["candidates"])
    hits_old = sum(1 for i in old_ids if i in planted and planted[i] in old["found"][str(i)][0])
    print(f"  planted claim among the candidates: stored index {hits_new}/{len(planted)}; old index "
          f"{hits_old}/{sum(1 for i in old_ids if i in planted)}")


def postgres_database(base: str) -> str:
    base = normalize_url(base)
    name = f"verify_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def build_from(url: str, args) -> tuple[list[int], dict]:
    return build(url, args.claims, args.announcements, args.seed, args.timed)


def kept_name(args) -> str:
    return f"bench_{args.claims}_{args.announcements}_{args.timed}_{args.seed}"


def sqlite_copy(args, url: str) -> tuple[list[int], dict]:
    """`--keep`: build the database once into that folder, then time a fresh copy of it on every run."""
    kept, meta = args.keep / f"{kept_name(args)}.db", args.keep / f"{kept_name(args)}.json"
    if not meta.exists():
        args.keep.mkdir(parents=True, exist_ok=True)
        kept.unlink(missing_ok=True)
        meta.write_text(json.dumps(build_from(f"sqlite:///{kept}", args)))
    with sqlite3.connect(kept) as source, sqlite3.connect(make_url(url).database) as target:
        source.backup(target)
    return loaded(meta)


def postgres_copy(args) -> tuple[str, tuple[list[int], dict]]:
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


def loaded(meta: Path) -> tuple[list[int], dict]:
    ids, planted = json.loads(meta.read_text())
    return ids, {int(k): v for k, v in planted.items()}


def drop_postgres_database(base: str, url: str) -> None:
    admin = create_engine(normalize_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {make_url(url).database} WITH (FORCE)"))
    admin.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000, help="open claims stored (default 100,000)")
    parser.add_argument("--announcements", type=int, default=3000, help="stored announcements (weights)")
    parser.add_argument("--timed", type=int, default=40, help="new announcements matched through the service")
    parser.add_argument("--processes", type=int, default=10, help="fresh processes for the timed ones")
    parser.add_argument("--old", type=int, default=5, help="announcements timed the old way")
    parser.add_argument("--postgres", metavar="URL", help="also run on PostgreSQL (a server, not a database)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build each database once (SQLite file in DIR, PostgreSQL template database) and "
                             "time a fresh copy of it on every run")
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
        run(url, args)
    if args.postgres:
        if args.keep:
            url, args.prepared = postgres_copy(args)
        else:
            url = postgres_database(args.postgres)
        try:
            print(f"PostgreSQL, {args.claims:,} open claims:")
            if not args.keep:
                args.prepared = build_from(url, args)
            run(url, args)
        finally:
            drop_postgres_database(args.postgres, url)


if __name__ == "__main__":
    main()
