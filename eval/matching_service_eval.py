"""Measure the matcher as the product runs it: CLEF CheckThat! 2022 Task 2A through the service layer.

`eval/matching_eval.py` scores the pure core; this script checks that the product path keeps those figures
and is fast enough: the Snopes pool and the tweets are written as import files and loaded with
`import_announcements` / `import_claims` into a fresh SQLite database, the newsroom's auto switch is turned
on with `set_setting`, near-duplicates are linked with `link_duplicates`, and the tweets are matched with
`match_claims` (first a few one at a time, as `verify claim add` does, then the rest in one batch). Prints,
per split: recall@1, recall@5, MRR, MAP@5, "R@5 after" (over the tweets whose check came on or after them,
the only ones the product may confirm), the auto band's precision and size, and each phase's seconds.

Only 2A (tweets vs Snopes checks published after them) is run. 2B is skipped: PolitiFact usually checked a
claim before the politician repeated it, and the product never looks at announcements published before a
claim (less a two-day grace), by design; the core evaluation covers 2B with `require_after=False`.

Undated Snopes checks (290) get the run's date (after every tweet), undated tweets 1900-01-01, as the core
evaluation does with its far past and far future. The expected answers (qrels) are read here to score,
never copied anywhere.

Usage:  .venv/bin/python eval/matching_service_eval.py [--data DIR] [--splits dev,dev-test] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clef import metrics, read_jsonl, read_qrels  # noqa: E402 - eval/ is on sys.path when run

from verify.core.matching import MatchSettings  # noqa: E402
from verify.db import migrate  # noqa: E402
from verify.db.engine import make_engine, session_factory  # noqa: E402
from verify.db.uow import UnitOfWork  # noqa: E402
from verify.services import import_announcements, import_claims, match_claims  # noqa: E402
from verify.services.duplicates import link_duplicates  # noqa: E402
from verify.services.newsroom import set_setting  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "claim_matching"
NOW = datetime(2023, 1, 1, 12, tzinfo=UTC)
ACTOR = "matching-service-eval"
RANK_DEPTH = 50  # proposals kept per query for MRR, as in the core evaluation
ONE_BY_ONE = 10  # tweets matched one at a time first: the latency of `verify claim add`


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def announcement_rows(targets: list[dict]) -> list[dict]:
    """Snopes checks as announcements: the claim checked plus the headline, as the core evaluation reads them."""
    return [{"external_id": t["id"], "text": f"{t['text']} {t.get('title') or ''}".strip(), "issuer": "Snopes",
             "published": (t.get("date") or NOW.date().isoformat())[:10]} for t in targets]


def claim_rows(queries: list[dict]) -> list[dict]:
    return [{"external_id": q["id"], "text": q["query"], "source": q["source"], "source_kind": "outlet",
             "published": (q.get("query_date") or "1900-01-01")[:10]} for q in queries]


class Timer:
    def __init__(self) -> None:
        self.phases: dict[str, float] = {}

    def run(self, name: str, action, *args, **kwargs):
        started = time.perf_counter()
        result = action(*args, **kwargs)
        self.phases[name] = time.perf_counter() - started
        return result

    def line(self) -> str:
        return "  ".join(f"{name} {seconds:.1f}s" for name, seconds in self.phases.items())


def evaluate_split(uow, folder: Path, split: str, queries: list[dict], qrels, dates: dict[str, str],
                   timer: Timer) -> dict:
    path = write_jsonl(folder / f"claims-{split}.jsonl", claim_rows(queries))
    report = timer.run(f"import {split}", import_claims, uow(), path, actor=ACTOR, now=NOW, skip_invalid=True,
                       follow_up=False)
    ids = report.added
    links = timer.run("link duplicates", link_duplicates, uow(), ids, now=NOW)
    started = time.perf_counter()
    rows = [row for claim_id in ids[:ONE_BY_ONE]
            for row in match_claims(uow(), [claim_id], now=NOW, settings=MatchSettings(), top=RANK_DEPTH)]
    timer.phases[f"match {min(ONE_BY_ONE, len(ids))} one by one"] = time.perf_counter() - started
    rows += timer.run(f"match {max(len(ids) - ONE_BY_ONE, 0)} in a batch", match_claims, uow(),
                      ids[ONE_BY_ONE:], now=NOW, settings=MatchSettings(), top=RANK_DEPTH)
    rankings: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        rankings[row.claim].append(row.announcement)
    relevant = {q["id"]: qrels[q["id"]] for q in queries if qrels.get(q["id"])}
    claimed = {q["id"]: (q.get("query_date") or "1900-01-01")[:10] for q in queries}
    after = {q for q, wanted in relevant.items()
             if all(dates.get(t, NOW.date().isoformat()) >= claimed[q] for t in wanted)}
    autos = [(row.claim, row.announcement) for row in rows if row.band == "auto"]
    right = sum(1 for claim, announcement in autos if announcement in relevant.get(claim, ()))
    return {"metrics": metrics(rankings, relevant, after), "queries": len(relevant), "auto_n": len(autos),
            "auto_precision": right / len(autos) if autos else float("nan"), "skipped": len(report.problems),
            "duplicates": len(links)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--splits", default="dev,dev-test")
    parser.add_argument("--keep", type=Path, help="write the database and import files here (default: a "
                                                  "temporary folder, removed afterwards)")
    args = parser.parse_args(argv)
    queries, targets = read_jsonl(args.data / "queries.jsonl"), read_jsonl(args.data / "targets.jsonl")
    qrels = read_qrels(args.data / "qrels.tsv")
    pool = [t for t in targets if t["pool"] == "ct22-2a-snopes"]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / "eval.db"
        database.unlink(missing_ok=True)
        url = f"sqlite:///{database}"
        timer = Timer()
        timer.run("migrate", migrate.upgrade, url)
        engine = make_engine(url)
        sessions = session_factory(engine)

        def uow() -> UnitOfWork:
            return UnitOfWork(sessions)

        path = write_jsonl(folder / "announcements.jsonl", announcement_rows(pool))
        imported = timer.run(f"import {len(pool)} announcements", import_announcements, uow(), path, actor=ACTOR,
                             now=NOW, skip_invalid=True)
        set_setting(uow(), "auto_confirm", "on", actor=ACTOR, now=NOW)
        print(f"2A pool: {len(imported.added)} Snopes checks stored ({imported.already_stored} same text and "
              f"date as another, {len(imported.problems)} refused); auto_confirm on; {timer.line()}")
        for split in args.splits.split(","):
            timer = Timer()
            split_queries = [q for q in queries if q["task"] == "CT22-2A-EN" and q["split"] == split]
            dates = {row["external_id"]: row["published"] for row in announcement_rows(pool)}
            result = evaluate_split(uow, folder, split, split_queries, qrels, dates, timer)
            found = dict(result["metrics"])
            counted = found.pop("n after")
            cells = "  ".join(f"{k} {v:.3f}" for k, v in found.items())
            print(f"2A {split:<8} n={result['queries']:<4} after={counted:<4} {cells}  "
                  f"auto {result['auto_precision']:.3f} of "
                  f"{result['auto_n']}  ({result['skipped']} refused, {result['duplicates']} linked as "
                  f"duplicates)\n    {timer.line()}")
        engine.dispose()


if __name__ == "__main__":
    main()
