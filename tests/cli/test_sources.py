import json
import time
from datetime import UTC, datetime

import pytest

SECRET = "Supply-chain contact"  # the demo's confidential source
PUBLIC_KEYS = {"source", "claims", "resolved", "hits", "hit_rate", "hit_rate_low", "hit_rate_high", "brier",
               "median_lead_days", "first_reports"}


@pytest.fixture
def demo(run):
    run("demo")
    run("review", "demo-c4", "demo-a2", "--partly", "--detail", "sensor: named only at launch", "--note",
        "sensor named in the launch")
    run("claim", "add", "The 12S Ultra will ship with a one-inch sensor in July", "--source", "Gizmo Daily",
        "--origin", SECRET + " (protected)", "--published", "2022-06-12", "--url", "https://gizmo.example/1")
    return run


def test_sources_json_keeps_its_public_contract(demo):
    cards = json.loads(demo("sources", "--json", "--as-of", "2022-12-31", "--show-confidential").output)
    assert cards and all(set(card) >= PUBLIC_KEYS for card in cards)
    protected = next(card for card in cards if card["source"].startswith(SECRET))
    assert (protected["claims"], protected["cited"], protected["partly_confirmed"]) == (2, 1, 1)
    assert protected["hits"] == 0.5 and protected["hit_rate_low"] < 0.5 < protected["hit_rate_high"]
    gizmo = next(card for card in cards if card["source"] == "Gizmo Daily")
    assert (gizmo["claims"], gizmo["amplified"]) == (0, 1)


def test_no_confidential_name_leaves_the_database_in_any_public_output(demo, tmp_path):
    outputs = [
        demo("sources", "--public").output,
        demo("sources", "--json", "--public").output,
        demo("sources", "--public", "--sort", "name", "--as-of", "2022-07-01").output,
        demo("audit", "demo-c4", "--public").output,
        demo("audit", "demo-c4", "--public", "--json").output,
        demo("audit", "11", "--public", "--json").output,  # the claim that cites the protected source
    ]
    for file_format in ("csv", "json", "claimreview"):
        outputs.append(demo("sources", "export", "--format", file_format, "--newsroom", "The Ledger",
                            "--newsroom-url", "https://ledger.example").output)
        path = tmp_path / f"out.{file_format}"
        demo("sources", "export", "--format", file_format, "-o", str(path), "--newsroom", "The Ledger",
             "--newsroom-url", "https://ledger.example")
        outputs.append(path.read_text(encoding="utf-8"))
    for table in ("claims", "events"):
        for file_format in ("jsonl", "csv"):
            outputs.append(demo("export", table, "--format", file_format).output)
    assert all(SECRET not in output for output in outputs)
    assert "Confidential source #" in outputs[1]
    assert SECRET not in demo("sources").output + demo("audit", "11").output  # hidden by default
    assert SECRET in demo("sources", "--show-confidential").output  # editors who ask see names


def test_the_claimreview_export_credits_the_origin_by_pseudonym_without_the_citing_url(demo):
    reviews = json.loads(demo("sources", "export", "--format", "claimreview", "--newsroom", "The Ledger",
                              "--newsroom-url", "https://ledger.example").output)
    assert reviews and all(review["@type"] == "ClaimReview" for review in reviews)
    protected = [review for review in reviews
                 if review["itemReviewed"]["author"]["name"].startswith("Confidential source #")]
    assert protected and all("appearance" not in review["itemReviewed"] for review in protected)


def test_claimreview_without_a_newsroom_is_a_clear_error(demo):
    result = demo("sources", "export", "--format", "claimreview", ok=False)
    assert result.exit_code == 2 and "--newsroom" in result.output


def test_recorded_at_reproduces_the_published_board_after_a_correction(run):
    run("claim", "add", "The phone launches in May", "--source", "Leaker", "--published", "2022-03-01")
    run("announce", "add", "The phone is launched today", "--issuer", "Maker", "--published", "2022-05-20")
    published = run("sources", "--json", "--as-of", "2022-08-31").output
    moment = datetime.now(UTC).isoformat()
    time.sleep(0.05)
    run("review", "1", "1", "--partly", "--detail", "date: May rumored, May 20", "--note", "found later")
    run("claim", "add", "Another phone in April", "--source", "Leaker", "--published", "2022-03-05")
    assert run("sources", "--json", "--as-of", "2022-08-31").output != published
    assert run("sources", "--json", "--as-of", "2022-08-31", "--recorded-at", moment).output == published


def test_source_add_and_edit_from_the_command_line(run):
    assert "Added source" in run("source", "add", "Tipster", "--kind", "person", "--confidential").output
    assert "changed" in run("source", "edit", "Tipster", "--rename", "Tipster X", "--not-confidential").output
    events = [json.loads(line) for line in run("export", "events").output.splitlines()]
    assert [(event["kind"], event["actor"]) for event in events] == [("source_added", "ana"),
                                                                      ("source_changed", "ana")]
    assert run("source", "edit", "Nobody", "--kind", "person", ok=False).exit_code == 2


def test_a_bad_recorded_at_is_one_clear_line(run):
    result = run("sources", "--recorded-at", "yesterday-ish", ok=False)
    assert result.exit_code == 2 and result.output.startswith("Error: Cannot read the time")


def test_audit_prints_the_history(demo):
    output = demo("audit", "demo-c4").output
    assert "match_accepted" in output and "sensor named in the launch" in output and "ana" in output
