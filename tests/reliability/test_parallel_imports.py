"""Eight imports of overlapping files at once, on SQLite and PostgreSQL: every one finishes (no "gave up"),
every row is stored once, and every follow-up is done: the proposals and duplicate links equal those of the
same files imported one at a time."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tests.factories import new_announcement
from tests.reliability.helpers import counts, write_jsonl
from tests.reliability.workers import now, run_together
from verify.db import migrate
from verify.db.engine import make_engine, session_factory
from verify.db.models import Match
from verify.db.uow import UnitOfWork
from verify.services import add_announcement, import_claims
from verify.services.owed import owed_follow_ups

WRITERS = 8
OUTLETS = [f"Outlet {number}" for number in range(25)]
PRODUCTS = ["Gadget 7 phone", "Rotor X pickup", "Orbit 3 tablet", "Nimbus 5 laptop", "Pulse 2 watch",
            "Vega 9 camera", "Atlas 4 drone", "Lumen 8 speaker", "Quill 6 reader", "Halo 1 headset"]


def _files(tmp_path) -> list:
    """Writer i imports products i and i+1, each claimed by many outlets (in another order in each file):
    neighbours overlap, and their inserts cross."""
    files = []
    for writer in range(WRITERS):
        rows = [{"text": f"Maker will launch the {PRODUCTS[(writer + k) % len(PRODUCTS)]} in July, "
                         f"{outlet} says", "source": outlet, "published": "2022-03-0" + str(1 + k),
                 "external_id": f"{PRODUCTS[(writer + k) % len(PRODUCTS)]}|{outlet}"}
                for k in (0, 1) for outlet in OUTLETS]
        rows = rows if writer % 2 else rows[::-1]
        files.append(write_jsonl(tmp_path / f"claims-{writer}.jsonl", rows))
    return files


def _import(uow, attempt, path):
    attempt(lambda: len(import_claims(uow(), path, actor="importer", now=now()).added))


def _announce(engine):
    sessions = session_factory(engine)
    for number, product in enumerate(PRODUCTS[:6]):
        add_announcement(UnitOfWork(sessions), new_announcement(
            text=f"Maker launches the {product} today", issuer="Maker", published="2022-07-05",
            external_id=f"a{number}"), actor="desk", now=now())


def _outcome(engine) -> tuple:
    with engine.connect() as connection:
        claims = dict(connection.execute(text("SELECT id, external_id FROM claims")).all())
        pairs = {(claims[c], a) for c, a in connection.execute(select(Match.claim_id, Match.announcement_id))}
        links = {(claims[c], claims[d]) for c, d in connection.execute(
            text("SELECT id, duplicate_of_id FROM claims WHERE duplicate_of_id IS NOT NULL"))}
    return pairs, links


@pytest.mark.slow
def test_eight_parallel_imports_of_overlapping_files_all_finish_with_every_follow_up(
        database_url, engine, tmp_path, request):
    files = _files(tmp_path)
    _announce(engine)
    outcomes = run_together(_import, [(database_url, path) for path in files], timeout=300)
    kinds = [kind for process in outcomes for kind, _ in process]
    assert kinds == ["ok"] * WRITERS, outcomes
    distinct = {(writer + k) % len(PRODUCTS) for writer in range(WRITERS) for k in (0, 1)}
    assert counts(engine)["claims"] == len(OUTLETS) * len(distinct)
    assert sum(value for process in outcomes for _, value in process) == len(OUTLETS) * len(distinct)
    assert owed_follow_ups(UnitOfWork(session_factory(engine))) == []

    one_at_a_time = request.getfixturevalue("empty_database_url")
    migrate.upgrade(one_at_a_time)
    sequential = make_engine(one_at_a_time)
    _announce(sequential)
    for path in files:
        import_claims(UnitOfWork(session_factory(sequential)), path, actor="importer", now=now())
    expected = _outcome(sequential)
    sequential.dispose()
    assert expected[0], "the files were meant to give proposals"
    assert _outcome(engine)[0] == expected[0]
