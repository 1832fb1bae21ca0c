"""Who acted is recorded on every event a command writes (and on announcements, which record who added
them on the row): `--user NAME`, else $VERIFY_USER.

Events the matcher writes on its own after a command (proposals, near-duplicate links) carry the
matcher's name, `verify-matcher`, by design: no person decided them.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from tests.reliability.helpers import write_jsonl
from verify.cli import main
from verify.services.matching import MATCHER


def writing_commands(tmp_path):
    claims = write_jsonl(tmp_path / "claims.jsonl", [
        {"text": "Broadcom is in talks to buy VMware", "source": "Bloomberg", "published": "2022-05-22"}])
    announcements = write_jsonl(tmp_path / "announcements.jsonl", [
        {"text": "Broadcom to acquire VMware", "issuer": "Broadcom", "published": "2022-05-26"}])
    return [
        ["claim", "add", "Xiaomi's Leica phone launches in July", "--source", "XDA", "--published", "2022-03-28",
         "--external-id", "c1"],
        ["announce", "add", "Xiaomi and Leica announce a partnership", "--issuer", "Xiaomi", "--published",
         "2022-05-24", "--external-id", "a1"],
        ["review", "c1", "a1", "--reject", "--note", "not the phone"],
        ["claim", "window", "c1", "--end", "2022-12-31", "--reason", "means the year"],
        ["claim", "retract", "c1", "--reason", "logged twice"],
        ["import", "claims", str(claims)],
        ["import", "announcements", str(announcements)],
        ["source", "add", "Tipster", "--kind", "person"],
        ["source", "edit", "Tipster", "--confidential", "--reason", "asked us"],
    ]


@pytest.mark.parametrize("how", ["--user", "VERIFY_USER"])
def test_every_event_a_command_writes_names_the_acting_user(database_url, engine, tmp_path, how):
    runner = CliRunner()
    seen_kinds = set()
    for args in writing_commands(tmp_path):
        with engine.connect() as connection:
            last = connection.execute(text("SELECT coalesce(max(id), 0) FROM events")).scalar_one()
            last_announcement = connection.execute(text("SELECT coalesce(max(id), 0) FROM announcements")).scalar()
        if how == "--user":
            result = runner.invoke(main, ["--db", database_url, "--user", "carla", *args],
                                   env={"VERIFY_USER": "someone-else"})
        else:
            result = runner.invoke(main, ["--db", database_url, *args], env={"VERIFY_USER": "carla"})
        assert result.exit_code == 0, (args, result.output)
        with engine.connect() as connection:
            written = connection.execute(text("SELECT kind, actor FROM events WHERE id > :last"),
                                         {"last": last}).all()
            # Announcements are not claim history: the row itself records who added it.
            added = connection.execute(text("SELECT 'announcement_added', added_by FROM announcements "
                                            "WHERE id > :last"), {"last": last_announcement}).all()
        by_people = [(kind, actor) for kind, actor in [*written, *added] if actor != MATCHER]
        assert by_people, f"`verify {' '.join(args[:2])}` wrote nothing of its own"
        assert {actor for _, actor in by_people} == {"carla"}, (args, written)
        seen_kinds.update(kind for kind, _ in by_people)
    assert {"logged", "match_rejected", "window_corrected", "retracted"} <= seen_kinds
