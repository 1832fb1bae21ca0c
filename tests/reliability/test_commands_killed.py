"""SIGKILL at several points of `verify import claims`, `verify import announcements`, `verify match`,
`verify review` and `verify feed poll`, each the real command in its own process, on SQLite and PostgreSQL.

After every kill the database passes its consistency check, each action's rows are all there or none (an
import's file, a review's decision with its event, a feed's items), and the next run (the same command
again, or any command once the action itself was stored) completes what was left:
the outcome equals that of an uninterrupted run. The kill points are
placed around the uninterrupted run's first commit, measured first, so the test is repeatable.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
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
    write_files,
)
from verify.cli import main
from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork
from verify.services import import_announcements, import_claims, run_matcher

pytestmark = pytest.mark.slow
# Where the kills land, measured on the uninterrupted run: fractions of the time until its first commit
# (starting up, reading, writing), then fractions of the time after it (the follow-ups, exiting).
BEFORE_COMMIT, AFTER_COMMIT = (0.6, 0.9), (0.3, 0.7)
DECISIONS = ["--accept", "--deny", "--reject", "--partly"]
FEEDS = {f"/feed{n}.rss": feed_body(n, range(30 + 10 * n, 40 + 10 * n)) for n in range(3)}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def prepared(request, tmp_path_factory):
    """(copies, base URL, matched URL): claims and announcements stored but never matched, and the same
    after a full `verify match` (for reviews)."""
    folder = tmp_path_factory.mktemp(f"killed-{request.param}")
    copies = Copies(request.param, folder)
    base = copies.empty()
    assert CliRunner().invoke(main, ["--db", base, "init"]).exit_code == 0
    engine = make_engine(base)
    uow, now = (lambda: UnitOfWork(session_factory(engine))), datetime.now(UTC)
    import_claims(uow(), write_jsonl(folder / "c.jsonl", claim_rows(range(60), outlets=2, prefix="b")),
                  actor="setup", now=now, follow_up=False)
    import_announcements(uow(), write_jsonl(folder / "a.jsonl", announcement_rows(range(30), cities=1,
                                                                                    prefix="ba")),
                         actor="setup", now=now, follow_up=False)
    engine.dispose()
    matched = copies.copy(base)
    engine = make_engine(matched)
    run_matcher(UnitOfWork(session_factory(engine)), now=now)
    engine.dispose()
    yield copies, base, matched, write_files(folder)
    copies.drop_all()


def review_args(url: str, number: int) -> list[str]:
    """The number-th proposal's pair, with a decision that takes turns (accept, deny, reject, partly)."""
    engine = make_engine(url)
    with engine.connect() as connection:
        pairs = connection.exec_driver_sql(
            "SELECT c.external_id, a.external_id FROM matches m JOIN claims c ON c.id = m.claim_id "
            "JOIN announcements a ON a.id = m.announcement_id WHERE m.decision = 'proposed' "
            "ORDER BY c.external_id, a.external_id").all()
    engine.dispose()
    claim, announcement = pairs[number * 7 % len(pairs)]
    decision = DECISIONS[number % len(DECISIONS)]
    extra = ["--detail", "rumored July, launched later"] if decision == "--partly" else []
    return ["review", claim, announcement, decision, "--force", "--note", "killed test", *extra]


def start(url: str, args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([*VERIFY, "--db", url, "--user", "desk", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, VERIFY_LOG_FILE=os.devnull))


def finish(url: str, args: list[str], *, watch: bool = False) -> list[float]:
    """Run to the end; with `watch`, return when its first transaction committed (the events grew) and
    when it ended, in seconds from its start."""
    started = time.monotonic()
    process = start(url, args)
    committed = None
    if watch:
        engine = make_engine(url)
        first = _events(engine)
        while process.poll() is None and committed is None:
            if _events(engine) != first:
                committed = time.monotonic() - started
            time.sleep(0.02)
        engine.dispose()
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0 and "Traceback" not in out + err, (args, out, err)
    ended = time.monotonic() - started
    return [committed or ended, ended]


def _events(engine) -> int:
    with engine.connect() as connection:
        return connection.exec_driver_sql("SELECT count(*) FROM events").scalar_one()


def kill_points(committed: float, ended: float) -> list[float]:
    return ([committed * fraction for fraction in BEFORE_COMMIT]
            + [committed + (ended - committed) * fraction for fraction in AFTER_COMMIT])


def kill_at(url: str, args: list[str], seconds: float) -> None:
    process = start(url, args)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    time.sleep(0.2 if url.startswith("postgresql") else 0)  # the server notices the dead client's socket


def all_or_nothing(command: str, before: dict, after: dict, done: dict) -> str:
    """Which whole state the killed run left: "before" or "after" (the uninterrupted run's), per action."""
    rows = {"import claims": "claims", "import announcements": "announcements", "match": "matches",
            "review": "matches"}.get(command)
    if command == "review":
        states = [(s["matches"], s["statuses"]) for s in (before, done)]
        assert (after["matches"], after["statuses"]) in states, "a review wrote its decision without its event"
        assert after["events"] in (before["events"], done["events"])
        return ["before", "after"][states.index((after["matches"], after["statuses"]))]
    if command == "feed poll":
        for feed, count in after["by_feed"].items():
            assert count in (0, done["by_feed"][feed]), f"feed {feed}: {count} of {done['by_feed'][feed]} items"
        return {0: "before", len(done["by_feed"]): "after"}.get(sum(map(bool, after["by_feed"].values())),
                                                                  "some feeds")
    assert after["rows"][rows] in (before["rows"][rows], done["rows"][rows]), f"half the {rows} stored"
    if command == "match":
        assert after["matches"] in (before["matches"], done["matches"]), "half the proposals stored"
    return "before" if after["rows"][rows] == before["rows"][rows] and before["rows"][rows] != done["rows"][
        rows] else "after"


def state(url: str) -> dict:
    found = outcome(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        found["events"] = connection.exec_driver_sql(
            "SELECT count(*) FROM events WHERE kind IN ('match_accepted', 'match_rejected')").scalar_one()
        found["by_feed"] = dict(connection.exec_driver_sql(
            "SELECT f.url, count(a.id) FROM feeds f LEFT JOIN announcements a ON a.feed_id = f.id "
            "GROUP BY f.url").all())
    engine.dispose()
    return found


def same_work(found: dict, expected: dict) -> None:
    assert found["owed"] == [], "a follow-up is still owed"
    for key in ("rows", "matches", "links", "statuses"):
        assert found[key] == expected[key], key


@pytest.mark.parametrize("command", ["import claims", "import announcements", "match", "review", "feed poll"])
def test_a_command_killed_at_any_point_leaves_a_whole_database_and_the_next_run_completes_it(
        prepared, command, tmp_path):
    copies, base, matched, files = prepared
    with slow_newsroom(FEEDS, seconds=0.6) as newsroom:
        origin = copies.copy(matched if command == "review" else base)
        if command == "feed poll":
            add_feeds(origin, [newsroom + path for path in FEEDS])
        args = {"import claims": ["import", "claims", str(files["claims"])],
                "import announcements": ["import", "announcements", str(files["announcements"])],
                "match": ["match"], "feed poll": ["feed", "poll", "--timeout", "30"]}.get(command)
        reference = copies.copy(origin)
        committed, ended = finish(reference, args or review_args(origin, 0), watch=True)
        landed, before, done = [], state(origin), state(reference)
        for number, seconds in enumerate(kill_points(committed, ended)):
            work = args or review_args(origin, number)
            if not args:  # each review its own uninterrupted reference, run in this process (faster)
                expected = copies.copy(origin)
                assert CliRunner().invoke(main, ["--db", expected, "--user", "desk", *work]).exit_code == 0
                done = state(expected)
            killed = copies.copy(origin)
            kill_at(killed, work, seconds)
            assert problems(killed) == [], f"killed after {seconds:.2f} s: the database is damaged"
            landed.append(all_or_nothing(command, before, state(killed), done))
            # the next run: the same command again if it left nothing, else any command (it completes the
            # follow-ups owed; a review done twice would rightly be refused as already decided)
            finish(killed, ["claims", "--json"] if landed[-1] == "after" else work)
            assert problems(killed) == []
            same_work(state(killed), done)
    print(f"{command} on {copies.backend}: first commit at {committed:.1f} s, end at {ended:.1f} s; "
          f"the kills left {landed}")
