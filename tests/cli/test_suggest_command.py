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
    assert (second["origin"], second["confidence"]) == (None, 0.7)  # unnamed sources: the outlet answers for them


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


ORBIT = ("Orbital Motors is expected to announce a $2 billion battery plant in Ohio next month, "
         "people familiar with the matter said.\n\nThe plant could employ 1,500 workers, one of the people said.\n")


@pytest.fixture
def orbit(tmp_path):
    path = tmp_path / "orbit.txt"
    path.write_text(ORBIT)
    return str(path)


def test_an_announcement_already_stored_is_named_as_a_possible_outcome_with_the_link_to_make(run, orbit):
    run("announce", "add", "Orbital Motors announces a $2 billion battery plant in Ohio",
        "--issuer", "Orbital Motors", "--published", "2022-06-14", "--external-id", "ORB-1")
    result = json.loads(run("suggest", orbit, "--published", "2022-05-02", "--json").output)
    plant = result["suggestions"][0]
    [found] = [a for a in plant["stored"]["announcements"] if a["announcement"] == "ORB-1"]
    assert found["issuer"] == "Orbital Motors" and found["proposed_verdict"] in {"confirmed", "partly_confirmed"}
    assert {"kind": "outcome", "announcement": "ORB-1", "proposed_verdict": found["proposed_verdict"],
            "band": found["band"], "claim": None, "review": None} in plant["stored"]["links"]
    text = run("suggest", orbit, "--published", "2022-05-02").output
    assert "already stored: announcement ORB-1 (Orbital Motors, 2022-06-14) may settle it - proposed verdict" in text
    assert "not reviewed" in text and "to link: log it (--log --pick 1)" in text
    picked = json.loads(run("suggest", orbit, "--published", "2022-05-02", "--pick", "2", "--json").output)
    [workers] = picked["suggestions"]
    assert workers["number"] == 2 and workers["sentence"].startswith("The plant could employ")
    assert workers["stored"]["claims"] == [] and "links" in workers["stored"]
    assert claims(run) == []


def test_the_same_rumor_already_logged_is_named_and_the_review_command_given(run, orbit):
    run("announce", "add", "Orbital Motors announces a $2 billion battery plant in Ohio",
        "--issuer", "Orbital Motors", "--published", "2022-06-14", "--external-id", "ORB-1")
    run("claim", "add", "Orbital Motors is expected to announce a $2 billion battery plant in Ohio next month",
        "--source", "Detroit Wire", "--published", "2022-04-28", "--external-id", "DW-7")
    result = json.loads(run("suggest", orbit, "--published", "2022-05-02", "--json").output)
    stored = result["suggestions"][0]["stored"]
    assert stored["claims"][0]["claim"] == "DW-7" and stored["claims"][0]["repeat"] is True
    assert {"kind": "repeat", "claim": "DW-7", "status": "pending"} in stored["links"]
    text = run("suggest", orbit, "--published", "2022-05-02").output
    assert "already logged: claim DW-7 (Detroit Wire, 2022-04-28, pending)" in text
    assert "to link: verify review DW-7 ORB-1 --accept|--partly|--deny|--reject" in text


def test_without_a_database_suggestions_still_come_and_say_nothing_was_checked(tmp_path, orbit):
    from click.testing import CliRunner

    from verify.cli import main
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'none.db'}", "suggest", orbit,
                                       "--published", "2022-05-02", "--json"])
    assert result.exit_code == 0
    assert "stored announcements and claims not checked" in result.output
    payload = json.loads(result.output[result.output.index("{"):])
    assert [s["stored"] for s in payload["suggestions"]] == [None, None]
    assert json.loads(CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'none.db'}", "suggest", orbit,
                                                "--published", "2022-05-02", "--json", "--no-stored"]).output)
