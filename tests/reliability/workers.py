"""Work done in other processes for the concurrency tests: each process opens its own engine, waits at a
barrier so all start together, and reports plain outcomes (never an exception object) through a queue."""

from __future__ import annotations

import multiprocessing
import time
import traceback
from datetime import UTC, datetime

from verify.db.engine import make_engine, session_factory
from verify.db.uow import UnitOfWork
from verify.errors import VerifyError

CONTEXT = multiprocessing.get_context("fork")


def run_together(job, argument_lists: list[tuple], *, timeout: float = 60) -> list[list[tuple]]:
    """Run `job(database_url_and_args..., uow_factory)` in one process per argument list, all at once.

    Returns, per process, the list of outcomes the job reported: ("ok", value), ("refused", message) for a
    VerifyError, ("crash", traceback) for anything else.
    """
    barrier = CONTEXT.Barrier(len(argument_lists))
    results = CONTEXT.Queue()
    processes = [CONTEXT.Process(target=_worker, args=(index, job, args, barrier, results))
                 for index, args in enumerate(argument_lists)]
    for process in processes:
        process.start()
    outcomes: dict[int, list[tuple]] = {}
    deadline = time.monotonic() + timeout
    while len(outcomes) < len(processes) and time.monotonic() < deadline:
        try:
            index, reported = results.get(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:  # noqa: BLE001 - queue.Empty: the deadline decides
            break
        outcomes[index] = reported
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
    assert len(outcomes) == len(processes), f"only {len(outcomes)} of {len(processes)} processes finished"
    return [outcomes[index] for index in range(len(processes))]


def _worker(index, job, args, barrier, results) -> None:
    database_url, *rest = args
    engine = make_engine(database_url)
    sessions = session_factory(engine)
    reported: list[tuple] = []

    def attempt(call):
        try:
            reported.append(("ok", call()))
        except VerifyError as error:
            reported.append(("refused", str(error)))
        except Exception:  # noqa: BLE001 - a crash is what the tests look for
            reported.append(("crash", traceback.format_exc(limit=3)))

    barrier.wait(30)
    try:
        job(lambda: UnitOfWork(sessions), attempt, *rest)
    finally:
        engine.dispose()
        results.put((index, reported))


def now() -> datetime:
    return datetime.now(UTC)
