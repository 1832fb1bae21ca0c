"""The board page: status words and counts, filters, the attention order, and confidential sources."""

from __future__ import annotations

import re
from datetime import date

from tests.factories import new_claim
from verify.services import log_claim

PROTECTED = "Supply-chain contact (protected)"


def table(app):
    return app.dataframe[0].value


def test_an_empty_board_says_how_to_start(open_page):
    app = open_page("board")
    assert "No claims yet" in app.info[0].value
    assert not app.dataframe


def test_the_board_shows_every_demo_claim_with_status_words_and_counts(open_page, demo):
    app = open_page("board")
    rows = table(app)
    assert len(rows) == 10
    assert list(rows.columns) == ["Status", "Claim", "Source", "Deadline", "Match strength",
                                  "Confirmed by, or best match"]
    assert all(any(word in status for word in ("Pending", "Overdue")) for status in rows["Status"])
    counts = dict(re.findall(r"(?:^|·&nbsp; )(.+?) \*\*([\d,]+)\*\*", app.markdown[0].value))
    assert int(counts["🟡 Pending"]) + int(counts["🟠 Overdue"]) == 10
    assert int(counts["⚖️ Needs review"]) > 0


def test_match_strength_is_said_in_words_with_the_number_every_page_shows(open_page, demo):
    shown = [cell for cell in table(open_page("board"))["Match strength"] if cell != "—"]
    assert shown and all(re.fullmatch(r"(strong|possible|weak) · \d{1,3}", cell) for cell in shown)


def test_a_misspelt_search_word_still_finds_the_claim(open_page, demo):
    app = open_page("board")
    app.text_input(key="search").input("Melanox aquire").run()
    assert list(table(app)["Claim"]) == ["Intel is in talks to acquire Mellanox Technologies for about $6 billion"]


def test_the_company_filter_lists_only_companies_some_claim_mentions(open_page, demo):
    choices = open_page("board").selectbox(key="entity").options
    assert "Xiaomi" in choices and "Intel" in choices and len(choices) < 40


def test_claims_with_matches_to_review_come_first(open_page, demo):
    statuses = list(table(open_page("board"))["Status"])
    flagged = [status.endswith("⚖️") for status in statuses]
    assert flagged == sorted(flagged, reverse=True) and flagged[0]


def test_the_status_filter_keeps_only_that_status(open_page, demo, uow, now):
    log_claim(uow(), new_claim(text="Globex will open a plant next decade", published=now.date()),
              actor="t", now=now)
    app = open_page("board")
    app.multiselect(key="statuses").select("pending").run()
    assert all("Pending" in status for status in table(app)["Status"])
    assert "Globex will open a plant next decade" in list(table(app)["Claim"])


def test_search_source_entity_and_dates_narrow_the_board(open_page, demo):
    app = open_page("board")
    app.text_input(key="search").input("Mellanox").run()
    assert list(table(app)["Claim"]) == ["Intel is in talks to acquire Mellanox Technologies for about $6 billion"]
    app.text_input(key="search").input("").run()
    app.selectbox(key="source").select("Bloomberg").run()
    assert all(source.startswith("Bloomberg, ") for source in table(app)["Source"]) and len(table(app)) == 2
    app.selectbox(key="source").select(None).run()
    app.selectbox(key="entity").select("Xiaomi").run()
    assert len(table(app)) == 4 and all("Xiaomi" in text for text in table(app)["Claim"])
    app.selectbox(key="entity").select(None).run()
    app.date_input(key="published").set_value((date(2020, 1, 1), date(2020, 12, 31))).run()
    assert {source[-4:] for source in table(app)["Source"]} == {"2020"}


def test_a_filter_that_keeps_nothing_says_so(open_page, demo):
    app = open_page("board")
    app.text_input(key="search").input("no such words anywhere").run()
    assert "No claim matches these filters" in app.info[0].value


def test_only_editors_see_a_protected_source_by_name(open_page, demo):
    assert any(source.startswith(PROTECTED) for source in table(open_page("board"))["Source"])
    sources = set(table(open_page("board", role="viewer"))["Source"])
    assert not any(PROTECTED in source for source in sources)
    assert PROTECTED not in sources
    assert any(source.startswith("Confidential source #") for source in sources)


def test_a_viewer_is_not_offered_to_log_a_rumor(open_page, demo):
    assert not open_page("board", role="viewer").get("page_link")
