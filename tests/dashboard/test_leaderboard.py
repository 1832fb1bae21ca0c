"""The leaderboard fits a laptop and a phone: short cells (the detail in each column's help), a rank that
says "too few" rather than a sentence in the hit rate, one card per source on a phone, a CSV of numbers."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import asdict
from datetime import date, timedelta

import pytest
from verify.dashboard.leaderboard import csv_rows
from verify.dashboard.ui import csv_text

from tests.factories import new_announcement, new_claim
from verify.core import fairness
from verify.queries.scorecards import source_scorecards
from verify.services import add_announcement, log_claim, review_match


@pytest.fixture
def ranked_sources(uow, now):
    """Reuters right on every one of MIN_RESOLVED claims (confirmed); Bloomberg right on one claim only."""
    for number in range(fairness.MIN_RESOLVED + 1):
        source = "Reuters" if number < fairness.MIN_RESOLVED else "Bloomberg"
        published = date(2022, 3, 1) + timedelta(days=number)
        claim_id = log_claim(uow(), new_claim(text=f"Xiaomi will ship gadget number {number} in July", source=source,
                                              published=published, confidence="0.8"),
                             actor="ana", now=now, follow_up=False)
        announced = add_announcement(uow(), new_announcement(text=f"Xiaomi ships gadget number {number}",
                                                             published=published + timedelta(days=30)),
                                     actor="ana", now=now, follow_up=False)
        review_match(uow(), str(claim_id), str(announced), "confirm", actor="ed", now=now, force=True)


def test_every_cell_is_short_and_the_rank_says_who_is_too_few_to_judge(open_page, ranked_sources):
    app = open_page("sources")
    cards = app.dataframe[0].value
    rows = {row["Source"]: row for _, row in cards.iterrows()}
    assert rows["Reuters"]["Rank"] == "1" and rows["Bloomberg"]["Rank"] == "too few"
    assert rows["Reuters"]["Hit rate"].startswith("100% (") and rows["Reuters"]["Resolved"] == fairness.MIN_RESOLVED
    assert rows["Reuters"]["Lead time"] == "30 days"
    longest = {column: max(len(str(cell)) for cell in cards[column]) for column in ("Hit rate", "Lead time", "Rank")}
    assert longest == {"Hit rate": len("100% (57–100%)"), "Lead time": len("30 days"), "Rank": len("too few")}


def test_every_column_of_the_leaderboard_explains_itself(open_page, ranked_sources):
    config = str(open_page("sources").dataframe[0].proto)
    for phrase in ("95% Wilson interval", "too few to judge", "Brier score", "not counted as a miss",
                   "official announcement"):
        assert phrase in config, phrase


def test_on_a_phone_each_source_is_a_card_in_the_table_s_order(open_page, ranked_sources):
    app = open_page("sources")
    cards = next(node.proto.body for node in app.get("html") if "class='card'" in node.proto.body)
    cards = html.unescape(cards)
    assert cards.index("1. Reuters") < cards.index("Bloomberg")
    assert "hit rate 100% (57–100%) of 5 resolved<" in cards
    assert "hit rate 100% (21–100%) of 1 resolved, too few to judge" in cards


def test_the_scorecards_csv_holds_numbers_not_words(ranked_sources, sessions, now):
    with sessions() as session:
        cards = [asdict(card) for card in source_scorecards(session, as_of=now.date())]
    rows = {row["source"]: row for row in csv.DictReader(io.StringIO(csv_text(csv_rows(cards))))}
    assert (rows["Reuters"]["rank"], rows["Reuters"]["hit_rate"], rows["Reuters"]["resolved"]) == ("1", "1.0", "5")
    assert float(rows["Reuters"]["likely_low"]) < 1 and rows["Bloomberg"]["too_few_to_judge"] == "True"


CHARACTER_PX, CELL_PADDING_PX, WRAPPING_ROW_PX = 7.5, 17, 64  # 14 px Source Sans; glide wraps above 4rem


def test_every_leaderboard_cell_fits_its_column_without_hovering(open_page, ranked_sources):
    """A cell fits when its text, at a generous 7.5 px a character, fits its column's width on one line, or
    on two when the rows are tall enough for the table to wrap (and the text has a space to wrap at)."""
    table = open_page("sources").dataframe[0]
    widths = {name: column["width"] for name, column in json.loads(table.proto.columns).items()
              if not column.get("hidden")}
    lines = 2 if table.proto.row_height > WRAPPING_ROW_PX else 1
    for name, cells in table.value.items():
        for cell in map(str, cells):
            room = widths[name] - CELL_PADDING_PX
            needed = (max(len(word) for word in cell.split()) if lines > 1 else 0, len(cell) / lines)
            assert max(needed) * CHARACTER_PX <= room, f"{name}: {cell!r} is cut in {widths[name]} px"
    assert sum(widths.values()) <= 980  # what a 1440 px screen leaves the table beside the sidebar
