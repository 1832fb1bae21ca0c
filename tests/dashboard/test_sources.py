"""Sources: the scorecards chart and table, a source's record, the as-of date, and protected names."""

from __future__ import annotations

from datetime import date

PROTECTED = "Supply-chain contact (protected)"


def test_without_claims_there_are_no_sources_yet(open_page):
    assert "No sources yet" in open_page("sources").info[0].value


def test_scorecards_show_as_a_chart_and_a_table(open_page, demo):
    app = open_page("sources")
    assert app.get("vega_lite_chart")
    cards = app.dataframe[0].value
    assert len(cards) == 9 and PROTECTED in set(cards["Source"])


def test_a_viewer_sees_protected_sources_by_pseudonym_only(open_page, demo):
    app = open_page("sources", role="viewer")
    sources = set(app.dataframe[0].value["Source"])
    assert PROTECTED not in sources and any(s.startswith("Confidential source #") for s in sources)
    assert PROTECTED not in repr(app.get("vega_lite_chart"))


def test_as_of_a_date_before_any_claim_nothing_is_rated(open_page, demo):
    app = open_page("sources")
    app.date_input[0].set_value(date(2018, 1, 1)).run()
    assert "nothing to rate" in app.info[0].value


def test_picking_a_source_shows_its_record(open_page, demo):
    app = open_page("sources")
    app.selectbox[0].select("Bloomberg").run()
    record = app.dataframe[1].value
    assert len(record) == 2 and all("VMware" in t or "Macs" in t for t in record["Claim"])


def test_the_leaderboard_says_too_few_to_judge_and_ranks_no_source_on_so_little(open_page, demo):
    cards = open_page("sources").dataframe[0].value
    assert {"Rank", "Hit rate", "Awaiting review", "Repeats", "Amplified", "Lead time", "Calibration"} <= set(
        cards.columns)
    resolved = cards[cards["Resolved"] > 0]
    assert len(resolved) and set(resolved["Rank"]) == {"too few"}
    assert set(cards[cards["Resolved"] == 0]["Rank"]) == {"—"} and not any(cards["Rank"].str.isdigit())


def test_the_scorecards_download_as_plain_csv(open_page, demo):
    app = open_page("sources")
    assert any(button.label == "Download the scorecards (CSV)" for button in app.get("download_button"))


def test_claimreview_json_ld_downloads_once_the_newsroom_is_named(open_page, demo):
    app = open_page("sources")
    assert not any("ClaimReview(s)" in button.label for button in app.get("download_button"))
    app.text_input(key="newsroom").input("The Ledger").run()
    app.text_input(key="newsroom_url").input("https://ledger.example").run()
    labels = [button.label for button in app.get("download_button")]
    assert any(label.startswith("Download ") and "ClaimReview(s)" in label for label in labels), labels
