import json

from click.testing import CliRunner

from verify.cli import main


def test_a_reporter_logs_a_claim_and_sees_it_listed(run):
    run("claim", "add", "Xiaomi's first Leica-branded phone will launch in July", "--source", "XDA Developers",
        "--published", "28 March 2022", "--confidence", "likely")
    rows = json.loads(run("claims", "--json", "--as-of", "2022-04-01").output)
    assert rows[0]["source"] == "XDA Developers" and rows[0]["status"] == "pending"
    assert rows[0]["window_end"] == "2022-07-31"
    assert "Pending" in run("claims", "--as-of", "2022-04-01").output


def test_a_user_mistake_is_one_line_on_stderr_and_a_non_zero_exit(run):
    result = run("claim", "add", "Something", "--source", "X", "--published", "someday soonish", ok=False)
    assert result.exit_code == 2
    assert result.output.startswith("Error: The published date") and "Traceback" not in result.output


def test_demo_then_match_then_review_end_to_end(run):
    run("demo")
    assert "0 new claims" in run("demo").output
    proposals = json.loads(run("match", "--json").output)
    keys = {"claim", "announcement", "score", "verdict", "band", "differs", "parts"}
    assert proposals and all(keys <= set(row) for row in proposals)
    pair = next(row for row in proposals if row["claim"] == "demo-c7")
    assert pair["announcement"] == "demo-a8"
    assert "confirmed" in run("review", "demo-c7", "demo-a8", "--accept", "--note", "press release").output
    events = [json.loads(line) for line in run("export", "events").output.splitlines()]
    accepted = [event for event in events if event["kind"] == "match_accepted"]
    assert accepted[0]["actor"] == "ana" and accepted[0]["reason"] == "press release"


def test_exports_never_show_a_confidential_source_by_name(run):
    run("demo")
    for table in ("claims", "events"):
        for file_format in ("jsonl", "csv"):
            output = run("export", table, "--format", file_format).output
            assert "Supply-chain contact" not in output
    assert "Confidential source #" in run("export", "claims").output


def test_import_reports_bad_lines_and_skip_invalid_keeps_the_good(run, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("text,source,published\nA rumor,Src,2022-01-02\nAnother,Src,32/13/2022\n", encoding="utf-8")
    failed = run("import", "claims", str(path), ok=False)
    assert failed.exit_code == 2 and "line 3" in failed.output
    assert "Imported 1 new claims" in run("import", "claims", str(path), "--skip-invalid").output


def test_when_prints_the_resolved_window_as_json(run):
    result = json.loads(run("when", "launch in July", "--published", "2022-03-28", "--json").output)
    assert result == {"expression": result["expression"], "start": "2022-07-01", "end": "2022-07-31",
                      "granularity": "month"}


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name, command in main.commands.items():
        subcommands = getattr(command, "commands", {name: command})
        for sub in subcommands.values():
            if getattr(sub, "commands", None):
                continue
            assert "Example" in (sub.help or ""), f"{name} {sub.name} has no example"
        assert runner.invoke(main, [name, "--help"]).exit_code == 0


def test_the_decided_demo_records_its_decisions_through_review_and_stays_idempotent(run):
    first = run("demo", "--decided").output
    assert "claim demo-c7 is confirmed by announcement demo-a8" in first
    assert "claim demo-c2 is partly confirmed" in first
    assert "demo-editor" not in run("demo", "--decided").output  # nothing decided twice
    rows = {row["external_id"]: row["status"] for row in json.loads(run("claims", "--json").output)}
    assert rows["demo-c1"] == "confirmed" and rows["demo-c2"] == "partly_confirmed"
    assert rows["demo-c10"] == "overdue" and rows["demo-c5"] == "pending"
    events = [json.loads(line) for line in run("export", "events").output.splitlines()]
    assert {event["actor"] for event in events if event["kind"] == "match_accepted"} == {"demo-editor"}
