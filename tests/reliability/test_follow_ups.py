"""A follow-up (duplicate linking, matching) is never lost: one that fails, or one whose process was killed
after the import's commit, is done by the next command, and the result equals an uninterrupted run."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from tests.reliability.helpers import write_jsonl
from verify.cli import main
from verify.db.engine import make_engine, session_factory
from verify.db.models import Match
from verify.db.uow import UnitOfWork
from verify.services import followup, import_claims
from verify.services.owed import owed_follow_ups

ANNOUNCEMENTS = [
    {"text": "Gadget Co launches the Gadget 7 phone with a periscope camera", "issuer": "Gadget Co",
     "published": "2022-07-05", "external_id": "a1"},
    {"text": "Rotor Motors unveils the Rotor X electric pickup", "issuer": "Rotor Motors",
     "published": "2022-08-10", "external_id": "a2"},
]
CLAIMS = [
    {"text": "Gadget Co will launch the Gadget 7 phone with a periscope camera in July", "source": "Wire",
     "published": "2022-03-01", "external_id": "c1"},
    {"text": "Rotor Motors is set to unveil the Rotor X electric pickup in August", "source": "Desk",
     "published": "2022-04-01", "external_id": "c2"},
    {"text": "Gadget Co plans a Gadget 7 phone with a periscope camera for July", "source": "Echo",
     "published": "2022-03-05", "external_id": "c3"},
]


def cli(database_url, *args):
    return CliRunner().invoke(main, ["--db", database_url, "--user", "ana", *args])


def proposals(engine) -> set[tuple[int, int]]:
    with engine.connect() as connection:
        return set(connection.execute(select(Match.claim_id, Match.announcement_id)).all())


def linked(engine) -> set[tuple[int, int]]:
    with engine.connect() as connection:
        return set(connection.execute(text("SELECT id, duplicate_of_id FROM claims "
                                           "WHERE duplicate_of_id IS NOT NULL")).all())


@pytest.fixture
def files(tmp_path):
    return (write_jsonl(tmp_path / "announcements.jsonl", ANNOUNCEMENTS),
            write_jsonl(tmp_path / "claims.jsonl", CLAIMS))


def reference(database_url, engine, files) -> tuple[set, set]:
    assert cli(database_url, "import", "announcements", str(files[0])).exit_code == 0
    assert cli(database_url, "import", "claims", str(files[1])).exit_code == 0
    return proposals(engine), linked(engine)


def test_an_import_killed_after_its_commit_is_followed_up_by_the_next_command(
        database_url, engine, files, now, monkeypatch, request):
    assert cli(database_url, "import", "announcements", str(files[0])).exit_code == 0
    with monkeypatch.context() as patch:
        def killed(*args, **kwargs):
            raise KeyboardInterrupt  # the process dies between the import's commit and its follow-up

        patch.setattr("verify.services.imports.after_claims", killed)
        with pytest.raises(KeyboardInterrupt):
            import_claims(UnitOfWork(session_factory(engine)), files[1], actor="ana", now=now)
    assert proposals(engine) == set() and len(owed_follow_ups(UnitOfWork(session_factory(engine)))) == 1

    again = cli(database_url, "import", "claims", str(files[1]))
    assert again.exit_code == 0 and "already stored" in again.output
    assert "Completed 1 follow-up(s) left by an earlier run" in again.output
    assert owed_follow_ups(UnitOfWork(session_factory(engine))) == []
    done, links = proposals(engine), linked(engine)
    assert done and links

    fresh = request.getfixturevalue("empty_database_url")  # the same work, never interrupted
    assert cli(fresh, "init").exit_code == 0
    other = make_engine(fresh)
    assert reference(fresh, other, files) == (done, links)
    other.dispose()


def test_a_follow_up_that_fails_is_queued_and_done_by_verify_match(database_url, engine, files, monkeypatch):
    assert cli(database_url, "import", "announcements", str(files[0])).exit_code == 0
    with monkeypatch.context() as patch:
        def locked(*args, **kwargs):
            raise OperationalError("SELECT", {}, Exception("disk I/O error"))

        patch.setattr(followup, "match_claims", locked)
        result = cli(database_url, "import", "claims", str(files[1]))
        assert result.exit_code == 0 and "queued" in result.output and "Traceback" not in result.output
    assert proposals(engine) == set()
    [(_, kind, ids)] = owed_follow_ups(UnitOfWork(session_factory(engine)))
    assert kind == "claims" and len(ids) == len(CLAIMS)
    assert cli(database_url, "match").exit_code == 0
    assert proposals(engine) and owed_follow_ups(UnitOfWork(session_factory(engine))) == []


def test_a_follow_up_still_failing_stays_owed_and_the_command_itself_still_works(database_url, engine, files,
                                                                                  monkeypatch):
    assert cli(database_url, "import", "announcements", str(files[0])).exit_code == 0

    def broken(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(followup, "match_claims", broken)
    assert cli(database_url, "import", "claims", str(files[1])).exit_code == 0
    listing = cli(database_url, "claims", "--json")
    assert listing.exit_code == 0 and "still failing" in listing.output
    assert len(owed_follow_ups(UnitOfWork(session_factory(engine)))) == 1
