"""Benchmark: `verify import claims` of a newsroom's archive through the CLI, on SQLite and PostgreSQL, against
a raw `executemany` of the same rows measured in the same run (run on demand).

    .venv/bin/python bench/bench_import.py                       # 100,000 claims, 20,000 announcements
    .venv/bin/python bench/bench_import.py --claims 10000 --announcements 2000 --sqlite-only

Data is synthetic and seeded (`bench_matching.generate`: companies, products, deals, months), with 300
outlets and a share of claims repeated by another outlet a few days later (near-duplicates to link). For
each database, in a fresh database (PostgreSQL: a throw-away database created and dropped on the server
`--postgres` names):
  1. `verify import announcements` of the announcements (timed, reported);
  2. `verify import claims` through the CLI entry (in-process `CliRunner`), with the seconds per phase the
     command prints (reading, checking, writing, linking, matching);
  3. the same import again: everything already stored (a resumed run's cost);
  4. the floor, in another fresh database: the same claim rows (windows included), their term postings and
     their "logged" events, prepared beforehand, written with the driver's own `executemany`, untimed
     preparation excluded. The ratio compares the import's reading + checking + writing (rows, windows,
     term index, events) with this floor; linking and matching come on top and are printed apart.
`--rows-only` leaves the follow-up owed (as a process stopped right after the commit would): the rows alone,
for the 100,000-claim run on a busy machine; the follow-up is then measured at a smaller scale.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matching import generate  # noqa: E402

from verify.cli import main as verify  # noqa: E402
from verify.config import usable_cores  # noqa: E402
from verify.core.claim_input import NewClaim, check_claim  # noqa: E402
from verify.db.engine import normalize_url  # noqa: E402
from verify.services.bulk_rows import prepare_claim  # noqa: E402
from verify.services.followup import FollowUp  # noqa: E402

NOW = datetime(2023, 6, 1, 12, 0, tzinfo=UTC)
TOOK = re.compile(r"Took ([\d.]+) s \(([^)]*)\)")


def rows(n_claims: int, n_announcements: int, seed: int) -> tuple[list[dict], list[dict]]:
    claims, announcements, _ = generate(n_claims, n_announcements, seed)
    rng = random.Random(seed + 1)
    outlets = [f"Outlet {n}" for n in range(300)]
    claim_rows = []
    for claim in claims:
        repeat = claim_rows and rng.random() < 0.05
        source = claim_rows[rng.randrange(len(claim_rows))] if repeat else None
        claim_rows.append({
            "text": source["text"] if source else claim.text, "source": rng.choice(outlets),
            "published": ((datetime.fromisoformat(source["published"]).date() + timedelta(days=rng.randint(1, 9)))
                          if source else claim.published).isoformat(),
            "external_id": f"bench-c{claim.id}"})
    announcement_rows = [{"text": a.text, "issuer": a.text.split()[0], "published": a.published.isoformat(),
                          "external_id": f"bench-a{a.id}"} for a in announcements]
    return claim_rows, announcement_rows


def write_jsonl(path: Path, items: list[dict]) -> Path:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


def cli(url: str, *args: str) -> tuple[float, str]:
    began = time.perf_counter()
    result = CliRunner().invoke(verify, ["--db", url, "--user", "bench", *args])
    seconds = time.perf_counter() - began
    if result.exit_code != 0:
        raise SystemExit(f"verify {' '.join(args)} failed ({result.exit_code}): {result.output[-2000:]}")
    return seconds, result.output


def phases(output: str) -> dict[str, float]:
    found = TOOK.search(output)
    return {name: float(seconds.split()[0]) for name, seconds in
            (part.rsplit(" ", 2)[0:2] for part in found.group(2).split(", "))} if found else {}


class Databases:
    """Fresh databases: SQLite files in a temporary folder, PostgreSQL databases dropped at the end."""

    def __init__(self, folder: Path, postgres: str | None):
        self.folder, self.postgres, self.made = folder, postgres, []

    def fresh(self, backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.folder / f'{uuid.uuid4().hex[:8]}.db'}"
        name = f"bench_import_{uuid.uuid4().hex[:10]}"
        admin = create_engine(normalize_url(self.postgres), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        self.made.append(name)
        return make_url(normalize_url(self.postgres)).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.made:
            return
        admin = create_engine(normalize_url(self.postgres), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for name in self.made:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def floor_rows(claim_rows: list[dict]) -> tuple[list[tuple], list[tuple], list[tuple], list[str]]:
    """The rows the import writes (claims with windows, postings, events), prepared outside the timing."""
    sources = sorted({row["source"] for row in claim_rows})
    source_ids = {name: i for i, name in enumerate(sources, start=1)}
    claims, terms, events = [], [], []
    for claim_id, row in enumerate(claim_rows, start=1):
        item = check_claim(NewClaim(text=row["text"], source=row["source"], published=row["published"],
                                    external_id=row["external_id"]), today=NOW.date())
        prepared = prepare_claim(item, hemisphere="north")
        window = prepared.window
        claims.append((claim_id, item.external_id, item.key, item.text, source_ids[item.source], None,
                       item.published.isoformat(), None, "bench", NOW.isoformat(" "), None, None,
                       window.start.isoformat() if window else None, window.end.isoformat() if window else None,
                       window.granularity if window else None, window.expression[:200] if window else None,
                       False, prepared.language, False, None, "pending", len(prepared.terms)))
        terms.extend((term, claim_id, tf) for term, tf in prepared.terms.items())
        events.append(("logged", claim_id, None, source_ids[item.source], "pending", item.published.isoformat(),
                       NOW.isoformat(" "), "bench", None,
                       json.dumps({"window": window.to_dict() if window else None, "language": prepared.language})))
    return claims, terms, events, sources


CLAIM_COLUMNS = ("id, external_id, dedupe_key, text, source_id, origin_source_id, published, url, logged_by, "
                 "logged_at, confidence, confidence_label, window_start, window_end, window_granularity, "
                 "window_expression, window_by_hand, language, language_by_hand, duplicate_of_id, status, "
                 "term_count")
EVENT_COLUMNS = "kind, claim_id, match_id, source_id, status, effective_on, recorded_at, actor, reason, evidence"


def statement(table: str, columns: str, mark: str) -> str:
    """An INSERT of this module's constant table and column names."""
    marks = ", ".join([mark] * len(columns.split(",")))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608


def raw_floor(url: str, prepared) -> float:
    """Seconds to write the prepared rows with the driver's executemany, in one transaction."""
    claims, terms, events, sources = prepared
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database)
        mark = "?"
    else:
        import psycopg

        connection = psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
        mark = "%s"
    cursor = connection.cursor()
    cursor.executemany(statement("sources", "id, name, kind, confidential, created_at, name_key", mark),
                       [(i, name, "outlet", False, NOW.isoformat(" "), name.casefold())
                        for i, name in enumerate(sources, start=1)])
    connection.commit()
    began = time.perf_counter()
    cursor.executemany(statement("claims", CLAIM_COLUMNS, mark), claims)
    cursor.executemany(statement("claim_terms", "term, claim_id, tf", mark), terms)
    cursor.executemany(statement("events", EVENT_COLUMNS, mark), events)
    connection.commit()
    seconds = time.perf_counter() - began
    connection.close()
    return seconds


def run(backend: str, databases: Databases, files: tuple[Path, Path], prepared, n_claims: int,
        rows_only: bool) -> None:
    url = databases.fresh(backend)
    cli(url, "init")
    announced, _ = cli(url, "import", "announcements", str(files[0]))
    if rows_only:  # the follow-up is left owed, as if the process stopped right after the commit
        with patch("verify.services.imports.after_claims", lambda *args, **kwargs: FollowUp()):
            total, output = cli(url, "import", "claims", str(files[1]))
    else:
        total, output = cli(url, "import", "claims", str(files[1]))
    split = phases(output)
    again, _ = cli(url, "import", "claims", str(files[1])) if not rows_only else (float("nan"), "")
    floor_url = databases.fresh(backend)
    cli(floor_url, "init")
    floor = raw_floor(floor_url, prepared)
    rows_part = sum(split.get(name, 0.0) for name in ("reading", "checking", "writing"))
    print(f"\n{backend}: {n_claims:,} claims (load average {os.getloadavg()[0]:.1f} after the runs, "
          f"{usable_cores()} usable cores)")
    print(f"  import announcements (CLI)        {announced:8.1f} s")
    print(f"  import claims (CLI, whole)        {total:8.1f} s")
    for name, seconds in split.items():
        print(f"    {name:<31} {seconds:8.1f} s")
    print(f"  rows + windows + terms + events   {rows_part:8.1f} s  (reading + checking + writing)")
    print(f"  raw executemany floor             {floor:8.2f} s")
    print(f"  ratio to the floor                {rows_part / floor:8.1f}x  (whole command: {total / floor:.1f}x)")
    if not rows_only:  # (with --rows-only the follow-up is owed: a second run would do it, not skip the rows)
        print(f"  same file again (all stored)      {again:8.1f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--announcements", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--rows-only", action="store_true",
                        help="leave the follow-up (linking, matching) owed: time the rows alone")
    args = parser.parse_args(argv)
    claim_rows, announcement_rows = rows(args.claims, args.announcements, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        files = (write_jsonl(Path(folder) / "announcements.jsonl", announcement_rows),
                 write_jsonl(Path(folder) / "claims.jsonl", claim_rows))
        began = time.perf_counter()
        prepared = floor_rows(claim_rows)
        print(f"prepared the floor's rows in {time.perf_counter() - began:.1f} s (not timed below); "
              f"{len(prepared[1]):,} postings. The machine is shared: figures are noisy.")
        databases = Databases(Path(folder), None if args.sqlite_only else args.postgres)
        try:
            for backend in ("sqlite", *(() if args.sqlite_only else ("postgresql",))):
                run(backend, databases, files, prepared, args.claims, args.rows_only)
        finally:
            databases.drop_all()
    print(f"\npeak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
