"""The matcher's commands: the JSON contract of `verify match`, what writes print, duplicates, aliases and
newsroom settings."""

import json

CONTRACT = {"claim", "announcement", "score", "band", "verdict", "differs", "parts"}


def test_match_json_keeps_its_contract_and_uses_external_ids(run):
    run("demo")
    rows = json.loads(run("match", "--json").output)
    assert rows and all(set(row) >= CONTRACT for row in rows)
    assert all(row["claim"].startswith("demo-c") and row["announcement"].startswith("demo-a") for row in rows)
    assert all(isinstance(row["parts"], dict) and 0 <= row["score"] <= 100 for row in rows)


def test_match_top_bounds_the_proposals_per_claim(run):
    run("demo")
    rows = json.loads(run("match", "--top", "1", "--json").output)
    claims = [row["claim"] for row in rows]
    assert rows and len(claims) == len(set(claims))


def test_adding_an_announcement_prints_what_it_settles(run):
    run("claim", "add", "Broadcom is in talks to acquire VMware", "--source", "Bloomberg", "--published",
        "2022-05-22", "--external-id", "vmw")
    output = run("announce", "add", "Broadcom to acquire VMware", "--issuer", "Broadcom", "--published",
                 "2022-05-26").output
    assert "Proposed: claim vmw <- announcement" in output


def test_a_repeat_is_linked_listed_and_unlinked(run):
    run("claim", "add", "Xiaomi's first Leica-branded phone will launch in July", "--source", "XDA",
        "--published", "2022-03-28", "--external-id", "first")
    logged = run("claim", "add", "Xiaomi's first Leica-branded phone to launch in July", "--source", "Blog",
                 "--published", "2022-03-30", "--external-id", "again").output
    assert "repeats claim" in logged
    pairs = json.loads(run("duplicates", "--json").output)
    assert [(p["claim"], p["duplicate_of"]) for p in pairs] == [("again", "first")]
    assert "no longer linked" in run("claim", "unlink", "again", "--reason", "another phone").output
    assert json.loads(run("duplicates", "--json").output) == []
    assert run("claim", "unlink", "again", ok=False).exit_code == 3


def test_aliases_are_added_listed_learnt_and_removed(run):
    run("alias", "add", "Team Green", "--canonical", "NVIDIA", "--kind", "org")
    rows = json.loads(run("alias", "list", "--json").output)
    assert [(r["alias"], r["canonical"], r["origin"], r["added_by"]) for r in rows] == [
        ("Team Green", "NVIDIA", "user", "ana")]
    assert len(json.loads(run("alias", "list", "--defaults", "--json").output)) > 1
    assert run("alias", "learn").exit_code == 0
    run("alias", "remove", "Team Green")
    assert json.loads(run("alias", "list", "--json").output) == []
    assert run("alias", "remove", "Team Green", ok=False).output.startswith("Error: No stored alias")


def test_settings_show_and_set_auto_confirm(run):
    shown = json.loads(run("settings", "show", "--json").output)
    assert [(s["key"], s["value"], s["stored"]) for s in shown] == [("auto_confirm", "off", False)]
    assert "auto_confirm is now on" in run("settings", "set", "auto_confirm", "on").output
    shown = json.loads(run("settings", "show", "--json").output)
    assert (shown[0]["value"], shown[0]["changed_by"]) == ("on", "ana")
    assert run("settings", "set", "auto_confirm", "maybe", ok=False).exit_code == 2


def test_match_with_several_workers_lists_what_one_process_does(run):
    run("demo")
    many = json.loads(run("match", "--workers", "2", "--json").output)
    assert json.loads(run("match", "--workers", "1", "--json").output) == many
    assert many


def test_the_progress_bars_name_each_phase_of_the_rematch(capsys):
    from verify.cli.matching import PhaseBars

    bars = PhaseBars()
    for phase, done, total in [("index", 0, 10), ("index", 10, 10), ("match", 0, 4), ("match", 4, 4)]:
        bars(phase, done, total)
    bars.close()
    shown = capsys.readouterr().err
    assert "Indexing announcements" in shown and "Matching open claims" in shown
