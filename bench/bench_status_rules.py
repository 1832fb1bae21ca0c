"""What the one "overdue" rule in SQL (verify.queries.rules) costs against the hand-written copies it replaced.

Run on demand:
    .venv/bin/python bench/bench_status_rules.py                  # 100,000 claims in a temporary SQLite file
    .venv/bin/python bench/bench_status_rules.py --claims 20000 --db postgresql://postgres@127.0.0.1:5432/bench

The baseline, measured in the same run on the same data, is the board's former inline expression
(`pending and window_end < today`, no explicit NULL test). Figures: the per-status counts (GROUP BY the
shown status) and the "overdue" filter, each the median of --repeat runs; the ratio is new / baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import and_, case, func, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dashboard import load  # noqa: E402 - the board benchmark's newsroom-sized data

from verify.core import status as st  # noqa: E402
from verify.db import migrate  # noqa: E402
from verify.db.engine import make_engine, session_factory  # noqa: E402
from verify.db.models import Claim  # noqa: E402
from verify.queries.rules import status_is_sql, status_on_sql  # noqa: E402

TODAY = date(2022, 6, 1)


def former_status():
    return case((and_(Claim.status == st.PENDING, Claim.window_end < TODAY), st.OVERDUE), else_=Claim.status)


def former_overdue():
    return and_(Claim.status == st.PENDING, Claim.window_end < TODAY)


def statements() -> dict[str, tuple]:
    shared = status_on_sql(Claim.status, Claim.window_end, TODAY).label("shown")
    former = former_status().label("shown")
    return {
        "counts by status": (select(former, func.count()).group_by(former),
                             select(shared, func.count()).group_by(shared)),
        "filter overdue": (select(func.count()).select_from(Claim).where(former_overdue()),
                           select(func.count()).select_from(Claim).where(
                               status_is_sql(st.OVERDUE, Claim.status, Claim.window_end, TODAY))),
    }


def median_seconds(session, statement, repeat: int) -> tuple[float, list]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = sorted(session.execute(statement).all())
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--db", help="an empty database URL (default: a temporary SQLite file)")
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.db or f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(url)
        load(url, options.claims)
        engine = make_engine(url)
        with session_factory(engine)() as session:
            print(f"{options.claims:,} claims on {engine.dialect.name}, as of {TODAY}, median of {options.repeat}")
            for name, (former, shared) in statements().items():
                before, before_rows = median_seconds(session, former, options.repeat)
                after, after_rows = median_seconds(session, shared, options.repeat)
                assert before_rows == after_rows, (name, before_rows, after_rows)
                print(f"  {name:18} former {before * 1000:8.1f} ms   shared rule {after * 1000:8.1f} ms   "
                      f"ratio {after / before:5.2f}")
        engine.dispose()


if __name__ == "__main__":
    main()
