"""A command pays at start only for what it uses: `verify --help` imports no database, date or model library,
and the choices an option offers are still read from their one home when the command is used (issue #18)."""

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from verify.cli import main

HEAVY = ("sqlalchemy", "alembic", "dateparser", "wordllama", "numpy", "streamlit", "feedparser", "trafilatura",
         "rapidfuzz", "bcrypt", "jwt", "yaml", "numba", "llvmlite")


def modules_after(*args: str) -> set[str]:
    """The modules a fresh process has imported after running `verify ARGS` in it."""
    code = ("import json, sys\nfrom click.testing import CliRunner\nfrom verify.cli import main\n"
            f"result = CliRunner().invoke(main, {list(args)!r})\nassert result.exit_code == 0, result.output\n"
            "print(json.dumps(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return set(json.loads(done.stdout))


def imported_after(*args: str) -> set[str]:
    """The top-level packages a fresh process has imported after running `verify ARGS` in it."""
    return {name.split(".")[0] for name in modules_after(*args)}


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["claim", "add", "--help"], ["claims", "--help"],
                                  ["alias", "add", "--help"], ["when", "--help"]])
def test_listing_the_commands_or_a_commands_options_imports_nothing_heavy(args):
    assert imported_after(*args) & set(HEAVY) == set()


def test_a_commands_help_shows_the_choices_read_from_their_home():
    runner = CliRunner()
    assert "org" in runner.invoke(main, ["alias", "add", "--help"]).output
    assert "editor" in runner.invoke(main, ["users", "add", "--help"]).output
    assert "auto_confirm" in runner.invoke(main, ["settings", "set", "--help"]).output
    assert "lower" in runner.invoke(main, ["sources", "--help"]).output


def test_a_choice_read_from_its_home_still_refuses_a_value_it_does_not_offer():
    result = CliRunner().invoke(main, ["users", "add", "Ada", "--role", "boss", "--file", "auth.yaml"])
    assert result.exit_code == 2 and "'boss' is not one of" in result.output


def test_every_command_shows_its_help():
    def commands(group: click.Group, path: list[str]):
        for name, command in group.commands.items():
            yield [*path, name]
            if isinstance(command, click.Group):
                yield from commands(command, [*path, name])

    for path in commands(main, []):
        result = CliRunner().invoke(main, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, (path, result.output)


def test_a_command_checks_the_schema_without_alembic_and_lists_claims_without_the_meaning_model(database_url):
    imported = imported_after("--db", database_url, "claims")
    assert "sqlalchemy" in imported and imported & {"alembic", "wordllama", "numpy", "tokenizers"} == set()


def test_adding_an_announcement_dated_in_iso_form_loads_neither_dateparser_nor_feedparser(database_url):
    """The date is read as the time rules read an ISO date first, and an announcement without an address needs
    no link canonicalisation; the new announcement is still matched (the meaning model is loaded)."""
    logged = CliRunner().invoke(main, ["--db", database_url, "--user", "ana", "claim", "add", "Xiaomi's first "
                                       "Leica-branded phone will launch in July", "--source", "XDA Developers",
                                       "--published", "2022-03-28"])
    assert logged.exit_code == 0, logged.output
    imported = imported_after("--db", database_url, "--user", "ana", "announce", "add", "Xiaomi and Leica announce "
                              "a strategic partnership", "--issuer", "Xiaomi", "--published", "2022-05-24")
    assert imported & {"dateparser", "feedparser", "numba"} == set()  # (numba: only re-matches at archive scale)
    assert {"sqlalchemy", "numpy", "tokenizers"} <= imported


def test_an_announcement_dated_in_words_and_with_an_address_still_has_both_read(database_url):
    from sqlalchemy import select

    from verify.db.engine import make_engine
    from verify.db.models import Announcement
    from verify.services.announcements import link_key

    imported = imported_after("--db", database_url, "--user", "ana", "announce", "add", "NVIDIA to acquire Mellanox",
                              "--issuer", "NVIDIA", "--published", "11 March 2019", "--url",
                              "https://www.nvidia.com/news/mellanox/?utm_source=x")
    assert {"dateparser", "feedparser"} <= imported
    engine = make_engine(database_url)
    with engine.connect() as connection:
        published, key = connection.execute(select(Announcement.published, Announcement.link_key)).one()
    engine.dispose()
    assert published.isoformat() == "2019-03-11"
    assert key == link_key("https://nvidia.com/news/mellanox") is not None


def test_a_command_imports_the_matcher_at_start_only_when_an_earlier_run_left_a_follow_up_owed(database_url):
    """Every command asks first whether anything is owed; most find nothing, and a listing then never loads the
    matcher's modules (a tenth of its start). A debt is still paid by the next command, whatever it is."""
    from datetime import UTC, datetime

    from verify.db.engine import make_engine, session_factory
    from verify.db.uow import UnitOfWork
    from verify.services.owed import owe, owed_follow_ups

    logged = CliRunner().invoke(main, ["--db", database_url, "--user", "ana", "claim", "add", "Xiaomi's first "
                                       "Leica-branded phone will launch in July", "--source", "XDA Developers",
                                       "--published", "2022-03-28"])
    assert logged.exit_code == 0, logged.output
    assert "verify.services.followup" not in modules_after("--db", database_url, "claims")
    engine = make_engine(database_url)
    uow = UnitOfWork(session_factory(engine))
    with uow:
        owe(uow.session, "claims", [1], now=datetime(2022, 3, 28, tzinfo=UTC))
        uow.commit()
    assert len(owed_follow_ups(uow)) == 1
    assert {"verify.services.followup", "verify.core.matching"} <= modules_after("--db", database_url, "claims")
    assert owed_follow_ups(uow) == []
    engine.dispose()
