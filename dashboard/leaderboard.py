"""The sources leaderboard as a desk can publish it: short cells that fit a laptop's table (the detail is in
each column's help), one card per source on a phone, and a CSV with the figures as numbers.

Why short cells: at 1440 px the page has about 980 px for ten columns; a sentence in a cell ("100% of 1
(likely 21%–100%), too few to judge") was cut and readable only on hover. The rank column says "too few"
for a source the evidence cannot rank, so the hit rate cell needs only the rate and its likely range.
"""

from __future__ import annotations

import streamlit as st
from verify.dashboard.ui import EMPTY, percent, safe

from verify.core import fairness

PHONE_CSS = """<style>
@media (max-width: 640px) { .st-key-leaderboard_table { display: none; } }
@media (min-width: 641px) { .st-key-leaderboard_cards { display: none; } }
.st-key-leaderboard_cards .card { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin-bottom: 8px; }
.st-key-leaderboard_cards .meta { color: #555; font-size: 0.85rem; }
</style>"""


def ranked(cards: list[dict]) -> list[tuple[str, dict]]:
    """Each card with its rank: a number for sources the evidence can rank (in the scorecards' order),
    "too few" below fairness.MIN_RESOLVED resolved claims, a dash with nothing resolved."""
    judged = [card for card in cards if card["hit_rate"] is not None and not card["too_few"]]
    rest = [card for card in cards if card not in judged]
    return ([(str(number), card) for number, card in enumerate(judged, start=1)]
            + [("too few" if card["hit_rate"] is not None else EMPTY, card) for card in rest])


def hit_rate_cell(card: dict) -> str:
    """'80% (49–94%)': the rate and the range it likely lies in; n is the Resolved column."""
    if card["hit_rate"] is None:
        return EMPTY
    low, high = round(100 * card["hit_rate_low"]), round(100 * card["hit_rate_high"])
    return f"{percent(card['hit_rate'])} ({low}–{high}%)"


def lead_cell(card: dict) -> str:
    days = card["median_lead_days"]
    return EMPTY if days is None else f"{days:g} day{'' if days == 1 else 's'}"


def table_rows(cards: list[dict]) -> list[dict]:
    return [{"Rank": rank, "Source": card["source"], "Hit rate": hit_rate_cell(card), "Resolved": card["resolved"],
             "Claims": card["claims"], "Awaiting review": card["awaiting_review"], "Repeats": card["repeats"],
             "Amplified": card["amplified"], "Lead time": lead_cell(card), "Calibration": card["calibration"]}
            for rank, card in ranked(cards)]


def column_config() -> dict:
    """Widths that add up to the ~980 px a 1440 px screen leaves the table; every figure explained."""
    number = st.column_config.NumberColumn
    text = st.column_config.TextColumn
    return {
        "Rank": text(width=64, help=f"By the lower end of the likely range; below {fairness.MIN_RESOLVED} "
                                    "resolved claims a source is too few to judge and is not ranked"),
        "Source": text(width=170),
        "Hit rate": text(width=116, help="Share of resolved claims that came true (partly confirmed count "
                                         "half); in brackets the range it likely lies in (95% Wilson interval)"),
        "Resolved": number(width=70, help="n: claims confirmed, partly confirmed, denied, or overdue"),
        "Claims": number(width=58, help="Rumors credited to this source (as the origin when cited)"),
        "Awaiting review": number("Awaiting", width=70, help="A confirmation is proposed and waits for an "
                                                             "editor: not counted as a miss"),
        "Repeats": number(width=64, help="Claims logged as repeats of an earlier one: counted once, for the "
                                         "original"),
        "Amplified": number(width=72, help="Other sources' rumors this outlet published, citing them"),
        "Lead time": text(width=76, help="Median days between the source's report and the official "
                                         "announcement that confirmed it"),
        "Calibration": text(width=200, help="Did the confidence the source stated match what happened? (from "
                                            "the Brier score: 0 is perfect, 0.25 a coin toss)"),
    }


def phone_cards(cards: list[dict]) -> str:
    """One card per source for a phone: rank, name and the same figures in words."""
    out = []
    for rank, card in ranked(cards):
        rate = ("nothing resolved yet" if card["hit_rate"] is None else
                f"hit rate {hit_rate_cell(card)} of {card['resolved']} resolved"
                + (", too few to judge" if card["too_few"] else ""))
        lead = "" if card["median_lead_days"] is None else f" · {lead_cell(card)} ahead"
        meta = (f"{card['claims']} claim(s) · {card['awaiting_review']} awaiting review · "
                f"{card['repeats']} repeat(s) · {card['amplified']} amplified{lead} · "
                f"calibration: {card['calibration']}")
        head = f"{rank}. " if rank[0].isdigit() else ""
        out.append(f"<div class='card'><b>{safe(head + card['source'])}</b><div>{safe(rate)}</div>"
                   f"<div class='meta'>{safe(meta)}</div></div>")
    return "".join(out)


def csv_rows(cards: list[dict]) -> list[dict]:
    """The figures as numbers (no words to parse), for a spreadsheet or the newsroom's own page."""
    return [{"rank": rank, "source": card["source"], "hit_rate": card["hit_rate"],
             "likely_low": card["hit_rate_low"], "likely_high": card["hit_rate_high"], "resolved": card["resolved"],
             "too_few_to_judge": card["too_few"], "claims": card["claims"],
             "awaiting_review": card["awaiting_review"], "repeats": card["repeats"], "amplified": card["amplified"],
             "median_lead_days": card["median_lead_days"], "calibration": card["calibration"]}
            for rank, card in ranked(cards)]
