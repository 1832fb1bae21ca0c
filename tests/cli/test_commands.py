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


def test_each_bad_line_of_an_import_reads_as_one_sentence(run, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("text,source,published\nA rumor,,2022-01-02\nAnother,,2022-01-03\n", encoding="utf-8")
    failed = run("import", "claims", str(path), ok=False)
    message = " ".join(failed.output.split())
    assert "line 2: The source is empty: it is required; line 3:" in message
    assert ".." not in message and ".;" not in message


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


def test_logging_a_claim_whose_time_is_past_prints_a_warning_line(run):
    result = run("claim", "add", "The chipmaker closed the takeover last week, bankers said", "--source", "Wire",
                 "--published", "2022-06-15")
    assert "Logged claim 1." in result.output
    assert "Warning: The claim only names past times (“last week”" in result.output
    assert "reads as past" in result.output
    ahead = run("claim", "add", "The chipmaker will close the takeover next month", "--source", "Wire",
                "--published", "2022-06-15")
    assert "Warning" not in ahead.output


def test_importing_claims_warns_by_line_about_those_whose_time_is_past(run, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("text,source,published\nThe plant opens next month,Src,2022-06-15\n"
                    "The league approved the sale in Q1 2021,Src,2022-06-15\n", encoding="utf-8")
    result = run("import", "claims", str(path))
    assert "Imported 2 new claims" in result.output
    assert "Warning: line 3:" in result.output and "line 2" not in result.output


def test_correcting_the_publication_date_reports_the_new_window_and_is_in_the_audit(run):
    run("claim", "add", "The carmaker will open its battery plant next month", "--source", "Wire",
        "--published", "2022-03-28")
    out = run("claim", "published", "1", "2 May 2022", "--reason", "the print date").output
    assert "Claim 1 now dated 2022-05-02 (was 2022-03-28); window 2022-06-01..2022-06-30." in out
    rows = json.loads(run("claims", "--json").output)
    assert (rows[0]["published"], rows[0]["window_end"]) == ("2022-05-02", "2022-06-30")
    assert "the print date" in run("audit", "1").output


def test_correcting_the_publication_date_without_a_reason_or_to_the_future_is_refused(run):
    run("claim", "add", "The plant opens next month", "--source", "Wire", "--published", "2022-03-28")
    assert run("claim", "published", "1", "2022-04-01", ok=False).exit_code == 2  # --reason is required
    future = run("claim", "published", "1", "2999-01-01", "--reason", "typo", ok=False)
    assert future.exit_code == 2 and "in the future" in future.output and "Traceback" not in future.output
