"""`verify suggest`: numbered suggestions from an article, and --log writing exactly the picked claims."""

import json
from pathlib import Path

import pytest

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
XDA = str(ARTICLES / "xda_kacskrz_leica_strings.txt")
HANDSET = str(ARTICLES / "handset_daily_12_ultra_tipped.html")


def claims(run) -> list[dict]:
    return [json.loads(line) for line in run("export", "claims").output.splitlines()]


def test_the_suggestions_are_numbered_with_confidence_source_entities_and_window(run):
    output = run("suggest", XDA, "--published", "2022-03-29").output
    assert "1. The code suggests the Xiaomi 12 Ultra will launch in July" in output
    assert "confidence 0.6 (suggests, will); source: XDA Senior Member kacskrz" in output
    assert "entities: Xiaomi 12 Ultra, Leica; window: 2022-07-01..2022-07-31" in output
    assert "4. Sources familiar with the matter say Xiaomi is likely to announce the Leica deal" in output
    for not_a_claim in ("We'd love to see", "Leave a reply", "Subscribe", "strings mention"):
        assert not_a_claim not in output
    assert claims(run) == []


def test_log_writes_exactly_the_picked_claims_with_url_origin_and_confidence(run):
    output = run("suggest", XDA, "--published", "2022-03-29", "--source", "XDA Developers",
                 "--url", "https://xda.example/leica", "--log", "--pick", "1,4").output
    assert "Logged suggestion 1 as claim 1." in output and "Logged suggestion 4 as claim 2." in output
    first, second = claims(run)
    assert first["text"].startswith("The code suggests") and second["text"].startswith("Sources familiar")
    assert (first["source"], first["origin"], first["confidence"]) == ("XDA Developers",
                                                                        "XDA Senior Member kacskrz", 0.6)
    assert (first["url"], first["published"], first["window_end"]) == ("https://xda.example/leica",
                                                                        "2022-03-29", "2022-07-31")
    assert (second["origin"], second["confidence"]) == ("Sources familiar with the matter", 0.7)


def test_an_html_article_gives_its_own_url_and_date_and_a_second_log_duplicates_nothing(run):
    args = ["suggest", HANDSET, "--source", "Handset Daily", "--log", "--pick", "3", "--json"]
    result = json.loads(run(*args).output)
    assert result["article"]["published"] == "2022-04-12" and [row["number"] for row in result["suggestions"]] == [3]
    assert result["logged"] == [{"suggestion": 3, "claim": 1}]
    [claim] = claims(run)
    assert claim["url"] == "https://www.handsetdaily.example/news/xiaomi-12-ultra-leica-tipped-5401"
    assert claim["published"] == "2022-04-12" and claim["text"].startswith("According to the tipster")
    again = json.loads(run(*args).output)
    assert again["logged"] == [] and again["already_logged"] == [3] and len(claims(run)) == 1


@pytest.mark.parametrize(("args", "message"), [
    ([str(ARTICLES / "missing.txt")], "no such file"),
    (["JUNK", "--source", "X", "--log", "--published", "2022-03-29"], "looks like binary data"),
    ([XDA, "--log", "--published", "2022-03-29"], "--log needs the article's source"),
    ([XDA, "--source", "XDA", "--log"], "does not say when it was published"),
    ([XDA, "--source", "XDA", "--log", "--published", "2022-03-29", "--pick", "6"], "There is no suggestion 6"),
    ([XDA, "--source", "XDA", "--log", "--published", "2022-03-29", "--pick", "one"], "Cannot read the pick"),
    ([XDA, "--source", "XDA", "--log", "--published", "2030-01-01"], "in the future"),
])
def test_bad_input_is_one_clear_error_line_and_writes_nothing(run, tmp_path, args, message):
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 8)
    result = run("suggest", *[str(junk) if arg == "JUNK" else arg for arg in args], ok=False)
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith("Error: ") and message in result.output
    assert claims(run) == []
