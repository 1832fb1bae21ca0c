import json

LEICA = "Xiaomi's first Leica-branded phone will launch in July"
PR = "Xiaomi and Leica announce a strategic partnership; the first co-engineered flagship will be released in July 2022"


def _pair(run):
    run("claim", "add", LEICA, "--source", "XDA Developers", "--published", "2022-03-28", "--external-id", "rumor")
    run("announce", "add", PR, "--issuer", "Xiaomi", "--published", "2022-05-24", "--external-id", "pr")


def _events(run, kind):
    return [e for e in map(json.loads, run("export", "events").output.splitlines()) if e["kind"] == kind]


def test_an_editor_records_partly_confirmed_with_the_detail_typed(run):
    _pair(run)
    out = run("review", "rumor", "pr", "--partly", "--detail", "model: 12 Ultra rumored, 12S Ultra announced",
              "--note", "launch event").output
    assert "claim rumor is now partly confirmed" in out
    event = _events(run, "match_accepted")[0]
    assert (event["status"], event["reason"]) == ("partly_confirmed", "launch event")
    rows = json.loads(run("claims", "--json").output)
    assert rows[0]["status"] == "partly_confirmed"


def test_partly_without_a_detail_is_refused_with_an_example_of_one(run):
    _pair(run)
    result = run("review", "rumor", "pr", "--partly", ok=False)
    assert result.exit_code == 2 and "needs the detail that differs" in result.output
    assert "Traceback" not in result.output and _events(run, "match_accepted") == []


def test_a_detail_alone_means_partly_confirmed(run):
    _pair(run)
    assert "partly confirmed" in run("review", "rumor", "pr", "--detail", "date: July rumored, August").output


def test_deny_records_a_denial_whatever_the_matcher_proposed(run):
    _pair(run)
    assert "is now denied" in run("review", "rumor", "pr", "--deny").output
    assert json.loads(run("claims", "--json").output)[0]["status"] == "denied"


def test_an_unproposed_pair_is_refused_with_how_to_force_it_then_forced(run):
    _pair(run)
    run("announce", "add", "Oracle opens a cloud region in Madrid", "--issuer", "Oracle",
        "--published", "2022-06-01", "--external-id", "cloud")
    refused = run("review", "rumor", "cloud", "--confirm", ok=False)
    assert refused.exit_code == 3 and "never proposed" in refused.output and "--force" in refused.output
    assert json.loads(run("claims", "--json", "--as-of", "2022-07-01").output)[0]["status"] == "pending"
    assert "is now confirmed" in run("review", "rumor", "cloud", "--confirm", "--force").output


def test_review_without_a_decision_says_which_options_exist(run):
    result = run("review", "1", "2", ok=False)
    assert result.exit_code == 2 and "--partly --detail" in result.output
