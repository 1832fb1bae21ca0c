"""Eight writers at once, with every core kept busy by a spinning process: `verify import claims` and
`verify import announcements` of overlapping files, single claims (`verify claim add`), reviews and two
overlapping `verify feed poll`s, each the real command in its own process, on SQLite and PostgreSQL.

Every command finishes (exit 0), none prints a traceback, the row counts are exact, no follow-up is left
owed, and the proposals of each claim's own product equal those of the same commands run one at a time
(see `own_product` for why not the weak ones across products).
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from tests.reliability.helpers import VERIFY, write_jsonl
from tests.reliability.workload import (
    Copies,
    add_feeds,
    announcement_rows,
    claim_rows,
    feed_body,
    outcome,
    problems,
    slow_newsroom,
)
from verify.cli import main
from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork
from verify.services import import_announcements, import_claims, run_matcher

pytestmark = pytest.mark.slow
FEEDS = {f"/feed{n}.rss": feed_body(n, range(30 + 8 * n, 38 + 8 * n)) for n in range(2)}
REVIEWED = range(55, 60)  # products only the reviews touch: a review never changes what another writer matches


@pytest.fixture(params=["sqlite", "postgresql"])
def newsroom(request, tmp_path):
    """(copies, base URL, the eight writers' commands): claims of every product, announcements of the
    reviewed ones with their proposals, two feeds on a local server."""
    copies = Copies(request.param, tmp_path)
    base = copies.empty()
    assert CliRunner().invoke(main, ["--db", base, "init"]).exit_code == 0
    engine = make_engine(base)
    uow, now = (lambda: UnitOfWork(session_factory(engine))), datetime.now(UTC)
    import_claims(uow(), write_jsonl(tmp_path / "c.jsonl", claim_rows(range(60), outlets=2, prefix="b")),
                  actor="setup", now=now, follow_up=False)
    import_announcements(uow(), write_jsonl(tmp_path / "a.jsonl", announcement_rows(REVIEWED, cities=1,
                                                                                      prefix="ba")),
                         actor="setup", now=now, follow_up=False)
    run_matcher(uow(), now=now)
    engine.dispose()
    with slow_newsroom(FEEDS, seconds=0.2) as server:
        add_feeds(base, [server + path for path in FEEDS])
        yield copies, base, writers(tmp_path)
    copies.drop_all()


def writers(folder) -> list[list[list[str]]]:
    """Each writer's commands, run one after another; the writers run all at once."""
    def claims(products, prefix):
        return write_jsonl(folder / f"{prefix}.jsonl",
                           claim_rows(products, outlets=3, prefix="n", day=10, says="reports"))

    def announcements(products, prefix):
        return write_jsonl(folder / f"{prefix}.jsonl", announcement_rows(products, cities=2, prefix="na"))

    def one(number, product):
        return ["claim", "add", f"Maker {number} will launch the Model {product} in July", "--source",
                f"Tipster {number}", "--published", "2022-03-20", "--external-id", f"single{number}"]

    def review(product, decision, *extra):
        return ["review", f"b{product}-0", f"ba{product}-0", decision, "--force", "--note", "stress", *extra]

    return [
        [["import", "claims", str(claims(range(0, 15), "c1"))], one(1, 101)],
        [["import", "claims", str(claims(range(10, 25), "c2"))], one(2, 102)],  # overlaps the first
        [["import", "announcements", str(announcements(range(0, 12), "a1"))], ["feed", "poll"]],
        [["import", "announcements", str(announcements(range(8, 20), "a2"))], one(3, 103)],  # overlaps
        [review(55, "--accept"), review(56, "--deny")],
        [review(57, "--reject"), review(58, "--partly", "--detail", "rumored July, came in August")],
        [["feed", "poll"], one(4, 104)],  # polls the same feeds as the third writer
        [one(5, 105), ["import", "claims", str(claims(range(20, 30), "c3"))]],  # overlaps the second
    ]


def run_writer(url: str, commands: list[list[str]]) -> list[tuple[list[str], int, str]]:
    done = []
    for args in commands:
        result = subprocess.run([*VERIFY, "--db", url, "--user", "desk", *args], capture_output=True, text=True,
                                timeout=600,
                                env=dict(os.environ, VERIFY_LOG_FILE=os.environ.get("HARD_LOG", os.devnull)))
        done.append((args, result.returncode, result.stdout + result.stderr))
    return done


def one_at_a_time(url: str, commands: list[list[list[str]]]) -> None:
    for writer in commands:
        for args in writer:
            result = CliRunner().invoke(main, ["--db", url, "--user", "desk", *args])
            assert result.exit_code == 0, (args, result.output)


def own_product(found: dict) -> set[tuple[str, str]]:
    """The proposals of each claim's own product (its maker is the first word of both texts). Only these
    are compared: the matcher also proposes weak pairs across products, and which of those a claim keeps
    (the best five at the time) depends on the order claims and announcements arrive in, even one at a
    time (in order and in reverse: 1313 and 1080 proposals, 905 in common; their own product's: 242 = 242).
    """
    return {(claim, announcement) for claim, announcement, *_ in found["matches"]
            if claim.split()[0] == announcement.split()[0]}


def test_eight_writers_on_a_busy_machine_all_finish_with_exact_counts_and_every_follow_up(newsroom):
    copies, base, commands = newsroom
    together, sequential = copies.copy(base), copies.copy(base)
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 2)]
    try:
        with ThreadPoolExecutor(len(commands)) as pool:
            results = [run for runs in pool.map(lambda writer: run_writer(together, writer), commands)
                       for run in runs]
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
    assert [(args, code, output) for args, code, output in results if code or "Traceback" in output] == []

    one_at_a_time(sequential, commands)
    found, expected = outcome(together), outcome(sequential)
    assert problems(together) == []
    assert found["owed"] == [] and expected["owed"] == []
    distinct = len(range(0, 30)) * 3 + 5  # the three claim files' products, three outlets each, and 5 singles
    found["rows"].pop("matches"), expected["rows"].pop("matches")  # (the weak proposals: see own_product)
    assert found["rows"]["claims"] == 120 + distinct and found["rows"] == expected["rows"]
    assert found["rows"]["announcements"] == len(REVIEWED) + 20 * 2 + 16
    assert own_product(found) == own_product(expected) and len(own_product(found)) > 200
    assert found["statuses"] == expected["statuses"]
