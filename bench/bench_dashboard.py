"""How fast the board is on a newsroom-sized database: first render and a filter change, with AppTest.

Run on demand:
    .venv/bin/python bench/bench_dashboard.py                      # 100,000 claims in a temporary SQLite file
    .venv/bin/python bench/bench_dashboard.py --claims 20000
    .venv/bin/python bench/bench_dashboard.py --db postgresql://postgres@127.0.0.1:5432/bench  # an EMPTY database

Targets: first render of the board under 2 s, a filter change under 0.5 s. The baseline, measured in the same
run, is what the first dashboard did: the unpaged `list_claims` query that loads every claim into Python.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import streamlit as st
from sqlalchemy import insert
from streamlit.testing.v1 import AppTest

from verify.core.bm25 import term_frequencies
from verify.db import migrate
from verify.db.engine import make_engine, session_factory
from verify.db.models import Announcement, Claim, ClaimTerm, Event, Match, Source
from verify.queries import BoardFilter, board_page, list_claims

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
COMPANIES = ["Apple", "Xiaomi", "Intel", "NVIDIA", "Microsoft", "Broadcom", "Samsung", "Google", "Amazon", "Meta"]
VERBS = ["will launch", "is in talks to acquire", "plans to announce", "could unveil", "is expected to ship"]
THINGS = ["a foldable phone", "a chip unit", "a car", "a new headset", "a cloud region", "an AI model"]
WHEN = ["in July", "next quarter", "by the end of the year", "this week", "in the second half of next year", ""]
NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)


def load(url: str, claims: int, seed: int = 7) -> None:
    """Bulk insert (one executemany per table): sources, claims with windows and statuses, matches."""
    rng = random.Random(seed)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(Source), [
            {"id": i, "name": f"Outlet {i}", "kind": "outlet", "confidential": i % 50 == 0, "created_at": NOW}
            for i in range(1, 201)])
        rows = []
        for i in range(1, claims + 1):
            published = date(2019, 1, 1) + timedelta(days=rng.randrange(2000))
            has_window = rng.random() < 0.8
            rows.append({
                "id": i, "dedupe_key": f"bench-{i}", "source_id": rng.randrange(1, 201), "published": published,
                "text": f"{rng.choice(COMPANIES)} {rng.choice(VERBS)} {rng.choice(THINGS)} {rng.choice(WHEN)} #{i}",
                "logged_by": "bench", "logged_at": NOW, "confidence": rng.choice([None, 0.35, 0.5, 0.7, 0.8]),
                "window_start": published if has_window else None,
                "window_end": published + timedelta(days=rng.randrange(7, 400)) if has_window else None,
                "window_by_hand": False,
                "status": rng.choices(["pending", "confirmed", "partly_confirmed", "denied", "retracted"],
                                      [60, 20, 5, 10, 5])[0],
            })
        connection.execute(insert(Claim), rows)
        # A bulk insert skips the ORM hook that fills the term index: fill it here (search and the company
        # list read it), as logging one claim at a time would have.
        postings = [{"claim_id": row["id"], "term": term, "tf": tf} for row in rows
                    for term, tf in term_frequencies(row["text"]).items()]
        for start in range(0, len(postings), 50_000):
            connection.execute(insert(ClaimTerm), postings[start:start + 50_000])
        # The events a real store holds: each claim logged (pending from its publication), each settled one
        # settled on a later day (so a board as of a past date replays them).
        events = [{"kind": "logged", "claim_id": row["id"], "status": "pending", "effective_on": row["published"],
                   "recorded_at": NOW, "actor": "bench"} for row in rows]
        events += [{"kind": "decided", "claim_id": row["id"], "status": row["status"],
                    "effective_on": row["published"] + timedelta(days=rng.randrange(1, 500)), "recorded_at": NOW,
                    "actor": "bench"} for row in rows if row["status"] != "pending"]
        for start in range(0, len(events), 50_000):
            connection.execute(insert(Event), events[start:start + 50_000])
        connection.execute(insert(Announcement), [
            {"id": i, "dedupe_key": f"bench-a{i}", "text": f"{rng.choice(COMPANIES)} announces {rng.choice(THINGS)}",
             "issuer": rng.choice(COMPANIES), "published": date(2020, 1, 1) + timedelta(days=i),
             "added_by": "bench", "added_at": NOW} for i in range(1, 1001)])
        connection.execute(insert(Match), [
            {"claim_id": claim_id, "announcement_id": rng.randrange(1, 1001), "score": rng.uniform(40, 95),
             "band": "review", "verdict": "confirmed", "parts": {"text": 50, "entities": 50, "time": 100},
             "decision": "proposed", "proposed_at": NOW}
            for claim_id in rng.sample(range(1, claims + 1), min(claims, 3000))])
    engine.dispose()


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def baseline(url: str, today: date) -> tuple[float, float, float]:
    """The unpaged query (every claim into Python) and the paged board query (today's, and a past date's),
    each alone."""
    engine = make_engine(url)
    sessions = session_factory(engine)
    with sessions() as session:
        unpaged = timed(lambda: list_claims(session, as_of=today, reveal_confidential=False))
        paged = timed(lambda: board_page(session, today=today, filters=BoardFilter()))
        past = timed(lambda: board_page(session, today=today, as_of=date(2022, 1, 1)))
    engine.dispose()
    return unpaged, paged, past


def run_app(url: str) -> dict[str, float]:
    os.environ.update(VERIFY_DATABASE_URL=url, VERIFY_USER="bench", VERIFY_DASHBOARD_ROLE="editor")
    app = AppTest.from_file(str(APP), default_timeout=120)
    figures = {"first render": timed(app.run)}
    assert not app.exception, app.exception
    # A past date on the default board (the events replayed), then back to today (cached by then).
    figures["as of 1 Jan 2022 (past date)"] = timed(app.date_input(key="as_of").set_value(date(2022, 1, 1)).run)
    app.date_input(key="as_of").set_value(date.today()).run()
    figures["filter: status overdue"] = timed(app.multiselect(key="statuses").select("overdue").run)
    figures["filter: search 'foldable'"] = timed(app.text_input(key="search").input("foldable").run)
    figures["filter: search misspelt 'foldabel'"] = timed(app.text_input(key="search").input("foldabel").run)
    figures["filter: company Xiaomi"] = timed(app.selectbox(key="entity").select("Xiaomi").run)
    figures["rerun, cached"] = timed(app.run)
    assert not app.exception, app.exception
    return figures


PAGES = ["board", "log_claim", "review", "claim", "announcements", "sources"]


def demo_pages(folder: Path) -> dict[str, float]:
    """Every page's first render on the demo data (the matcher's proposals made), each page a fresh session."""
    from verify.db.uow import UnitOfWork
    from verify.services import run_matcher
    from verify.services.demo import load_demo

    url = f"sqlite:///{folder / 'demo.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    load_demo(UnitOfWork(session_factory(engine)), now=datetime.now(UTC))
    run_matcher(UnitOfWork(session_factory(engine)), now=datetime.now(UTC))
    engine.dispose()
    os.environ.update(VERIFY_DATABASE_URL=url, VERIFY_USER="bench", VERIFY_DASHBOARD_ROLE="editor")
    figures = {}
    for page in PAGES:
        app = AppTest.from_file(str(APP), default_timeout=120)
        app.run()
        if page != "board":
            app.switch_page(f"app_pages/{page}.py")
        st.cache_data.clear()  # a first render reads the database, not what the previous page cached
        figures[page] = timed(app.run)
        assert not app.exception, app.exception
    return figures


def warm_up(folder: Path) -> None:
    """Import Streamlit, the app and verify once, on a tiny database, so the figures are about data."""
    url = f"sqlite:///{folder / 'warm.db'}"
    migrate.upgrade(url)
    os.environ["VERIFY_DATABASE_URL"] = url
    AppTest.from_file(str(APP), default_timeout=120).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", help="an empty database URL (default: a temporary SQLite file)")
    parser.add_argument("--pages-only", action="store_true", help="only every page's first render on the demo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warm_up(Path(folder))
        for page, seconds in demo_pages(Path(folder)).items():
            print(f"demo page {page:<14} first render {seconds:.3f} s  (target < 1 s: "
                  f"{'ok' if seconds < 1 else 'MISSED'})", flush=True)
        if args.pages_only:
            return
        url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(url)
        print(f"loading {args.claims:,} claims into {url.split('://')[0]} ...", flush=True)
        print(f"  bulk insert: {timed(lambda: load(url, args.claims)):.1f} s")
        warm_up(Path(folder))
        unpaged, paged, past = baseline(url, date.today())
        print(f"baseline, unpaged list_claims (the old board): {unpaged:.3f} s")
        print(f"paged board query alone:                       {paged:.3f} s")
        print(f"paged board query as of 1 Jan 2022 (replayed): {past:.3f} s")
        figures = run_app(url)
        for name, seconds in figures.items():
            target = 2.0 if name == "first render" else 0.5
            print(f"AppTest {name:<28} {seconds:.3f} s  (target < {target} s: "
                  f"{'ok' if seconds < target else 'MISSED'})")
        filters = [s for n, s in figures.items() if n.startswith("filter")]
        print(f"median filter change: {statistics.median(filters):.3f} s")


if __name__ == "__main__":
    main()
