"""Benchmark: source scorecards over many claims, in SQL, on SQLite and PostgreSQL (run on demand).

    .venv/bin/python bench/bench_scorecards.py                       # 1,000,000 claims, 5,000 sources
    .venv/bin/python bench/bench_scorecards.py --claims 100000 --sources 500 --backend sqlite

Generates claims with origins, duplicates, windows and status events (bulk inserts; COPY on PostgreSQL),
then times `source_scorecards` (as of a date, and as recorded at a moment) against a baseline measured in
the same run: the same figures computed in Python from every claim and status event loaded into memory.
PostgreSQL comes from $VERIFY_TEST_POSTGRES_URL; the benchmark creates and drops its own database.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify.core import scoring  # noqa: E402
from verify.core import status as st  # noqa: E402
from verify.db import migrate  # noqa: E402
from verify.db.engine import make_engine, normalize_url, session_factory  # noqa: E402
from verify.db.models import Claim, Event, Source  # noqa: E402
from verify.queries.scorecards import source_scorecards  # noqa: E402

START = date(2020, 1, 1)
AS_OF = date(2022, 12, 31)
LOGGED = datetime(2023, 1, 1, tzinfo=UTC)
CHUNK = 50_000


def generate(claims: int, sources: int, seed: int = 7):
    """Rows for sources, claims and events, as plain tuples (reproducible)."""
    rng = random.Random(seed)
    source_rows = [(number, f"Source {number}", "person" if number % 3 else "outlet", number % 50 == 0, LOGGED)
                   for number in range(1, sources + 1)]
    claim_rows, event_rows = [], []
    event_id = 0
    for number in range(1, claims + 1):
        published = START + timedelta(days=rng.randrange(1000))
        window_end = published + timedelta(days=rng.randrange(10, 200)) if rng.random() < 0.8 else None
        origin = rng.randrange(1, sources + 1) if rng.random() < 0.1 else None
        duplicate = rng.randrange(1, number) if number > 1 and rng.random() < 0.2 else None
        confidence = rng.choice((None, 0.2, 0.35, 0.5, 0.7, 0.8, 0.95))
        claim_rows.append((number, f"k{number}", f"claim {number}", rng.randrange(1, sources + 1), origin,
                           published, "bench", LOGGED, confidence, window_end, False, duplicate, "pending"))
        event_id += 1
        event_rows.append((event_id, "logged", number, st.PENDING, published, LOGGED, "bench"))
        if rng.random() < 0.5:
            event_id += 1
            verdict = rng.choice((st.CONFIRMED, st.CONFIRMED, st.PARTLY_CONFIRMED, st.DENIED))
            settled = published + timedelta(days=rng.randrange(1, 400))
            event_rows.append((event_id, "match_accepted", number, verdict, settled,
                               LOGGED + timedelta(seconds=number), "bench"))
    return source_rows, claim_rows, event_rows


SOURCE_COLUMNS = ("id", "name", "kind", "confidential", "created_at")
CLAIM_COLUMNS = ("id", "dedupe_key", "text", "source_id", "origin_source_id", "published", "logged_by",
                 "logged_at", "confidence", "window_end", "window_by_hand", "duplicate_of_id", "status")
EVENT_COLUMNS = ("id", "kind", "claim_id", "status", "effective_on", "recorded_at", "actor")


def load(engine, rows) -> None:
    tables = ((Source, SOURCE_COLUMNS), (Claim, CLAIM_COLUMNS), (Event, EVENT_COLUMNS))
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            cursor = connection.connection.cursor()
            for (model, columns), batch in zip(tables, rows, strict=True):
                with cursor.copy(f"COPY {model.__tablename__} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            connection.execute(text("ANALYZE"))
        return
    with engine.begin() as connection:
        for (model, columns), batch in zip(tables, rows, strict=True):
            for start in range(0, len(batch), CHUNK):
                connection.execute(insert(model.__table__),
                                   [dict(zip(columns, row, strict=True)) for row in batch[start:start + CHUNK]])
        connection.execute(text("ANALYZE"))


def python_baseline(engine, as_of: date, weight: float = 0.5) -> dict[int, tuple]:
    """The same figures the slow way: every row into Python, statuses by verify.core.status."""
    changes = defaultdict(list)
    with engine.connect() as connection:
        for claim_id, status, effective_on, recorded_at, event_id in connection.execute(
                select(Event.claim_id, Event.status, Event.effective_on, Event.recorded_at, Event.id)
                .where(Event.status.is_not(None))):
            changes[claim_id].append(st.StatusChange(status, effective_on, recorded_at, event_id))
        claims = connection.execute(select(Claim.id, Claim.source_id, Claim.origin_source_id, Claim.published,
                                           Claim.window_end, Claim.confidence)).all()
    per_source = defaultdict(lambda: {"statuses": [], "brier": [], "leads": []})
    for claim_id, source_id, origin_id, published, window_end, confidence in claims:
        if published > as_of:
            continue
        visible = [change for change in changes[claim_id] if change.effective_on <= as_of]
        status = st.status_on(st.stored_status(visible), window_end, as_of)
        card = per_source[origin_id or source_id]
        card["statuses"].append(status)
        value = scoring.outcome(status, weight)
        if value is not None and confidence is not None:
            card["brier"].append((confidence, value))
        if status in scoring.CONFIRMATIONS:
            latest = max(visible, key=lambda change: change.sequence)
            card["leads"].append((latest.effective_on - published).days)
    result = {}
    for source_id, card in per_source.items():
        hits, resolved = scoring.hit_count(card["statuses"], weight)
        result[source_id] = (len(card["statuses"]), resolved, hits, scoring.wilson_interval(hits, resolved),
                             scoring.brier_score(card["brier"]), scoring.median(card["leads"]))
    return result


def timed(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def bench(name: str, url: str, rows, repeat: int) -> None:
    migrate.upgrade(url)
    engine = make_engine(url)
    began = time.perf_counter()
    load(engine, rows)
    print(f"[{name}] loaded {len(rows[1]):,} claims, {len(rows[2]):,} events, {len(rows[0]):,} sources "
          f"in {time.perf_counter() - began:.1f} s", flush=True)
    sessions = session_factory(engine)

    def board(recorded_by=None):
        with sessions() as session:
            return source_scorecards(session, as_of=AS_OF, recorded_by=recorded_by)

    sql_time, cards = timed(board, repeat)
    recorded_time, _ = timed(lambda: board(LOGGED + timedelta(seconds=len(rows[1]) // 2)), repeat)
    python_time, reference = timed(lambda: python_baseline(engine, AS_OF), 1)
    by_name = {card.source: card for card in cards}
    mismatches = sum(1 for source_id, (claims, resolved, hits, *_rest) in reference.items()
                     if (by_name[f"Source {source_id}"].claims, by_name[f"Source {source_id}"].resolved)
                     != (claims, resolved) or abs(by_name[f"Source {source_id}"].hits - hits) > 1e-6)
    print(f"[{name}] scorecards in SQL: {sql_time:.2f} s (median of {repeat}); with --recorded-at: "
          f"{recorded_time:.2f} s; Python baseline (load every row): {python_time:.2f} s; "
          f"ratio baseline/SQL: {python_time / sql_time:.1f}x; mismatching sources: {mismatches}", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=5_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    began = time.perf_counter()
    rows = generate(args.claims, args.sources)
    print(f"generated in {time.perf_counter() - began:.1f} s", flush=True)
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            bench("sqlite", f"sqlite:///{folder}/bench.db", rows, args.repeat)
    if args.backend in ("postgresql", "both"):
        base = os.environ.get("VERIFY_TEST_POSTGRES_URL")
        if not base:
            print("[postgresql] skipped: set VERIFY_TEST_POSTGRES_URL")
            return
        base = normalize_url(base)
        name = f"verify_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        try:
            bench("postgresql", make_url(base).set(database=name).render_as_string(hide_password=False), rows,
                  args.repeat)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            admin.dispose()


if __name__ == "__main__":
    main()
