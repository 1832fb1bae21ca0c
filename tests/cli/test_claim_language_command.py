"""`verify claim add --language`, `verify claim language`, and claims in other scripts kept as written by
`verify claims --json` and `verify export`."""

import csv
import io
import json

CHINESE = "消息称，华为新款折叠屏手机将于明年上半年发布，售价约一万元"
TERSE_FRENCH = "iPhone 17 Air : sortie fin septembre"


def test_a_chinese_claim_is_listed_and_exported_as_written(run):
    run("claim", "add", CHINESE, "--source", "微博爆料人", "--published", "2024-03-05")
    [row] = json.loads(run("claims", "--json").output)
    assert (row["text"], row["source"]) == (CHINESE, "微博爆料人")
    assert (row["window_start"], row["window_end"]) == ("2025-01-01", "2025-06-30")
    [exported] = [json.loads(line) for line in run("export", "claims").output.splitlines()]
    assert (exported["text"], exported["language"]) == (CHINESE, "zh")
    assert CHINESE in run("export", "claims", "--format", "csv").output
    [csv_row] = csv.DictReader(io.StringIO(run("export", "claims", "--format", "csv").output))
    assert (csv_row["text"], csv_row["source"], csv_row["language"]) == (CHINESE, "微博爆料人", "zh")


def test_setting_a_claims_language_prints_the_window_read_again(run):
    run("claim", "add", TERSE_FRENCH, "--source", "Le Parisien", "--published", "2024-06-03")
    done = run("claim", "language", "1", "fr", "--reason", "French outlet")
    assert "Claim 1 now read as fr (was en); window 2024-09-21..2024-09-30." in done.output
    [row] = json.loads(run("claims", "--json").output)
    assert row["window_end"] == "2024-09-30"
    audit = run("audit", "1").output
    assert "French outlet" in audit


def test_a_language_can_be_given_when_logging(run):
    run("claim", "add", TERSE_FRENCH, "--source", "Le Parisien", "--published", "2024-06-03", "--language", "fr")
    [exported] = [json.loads(line) for line in run("export", "claims").output.splitlines()]
    assert (exported["language"], exported["window_end"]) == ("fr", "2024-09-30")


def test_an_unknown_language_is_refused_by_the_command(run):
    run("claim", "add", TERSE_FRENCH, "--source", "Le Parisien", "--published", "2024-06-03")
    result = run("claim", "language", "1", "klingon", "--reason", "why not", ok=False)
    assert result.exit_code != 0 and "klingon" in result.output
