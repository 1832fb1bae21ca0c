"""Presentation helpers shared by the pages: safe text in Markdown, status words and colours, highlights.

Claim text, source names and announcement text are untrusted. `safe` turns every character that could
mean something to Markdown or HTML (brackets, asterisks, colons of links and directives, angle brackets,
dollar signs...) into a numeric character reference, so it can only ever display as itself.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import streamlit as st

from verify.core.status import LABELS, OPEN
from verify.core.strength import strength

STATUS_BADGE = {  # a colour and a word: readable at a glance and without colour vision
    "pending": "🟡 Pending",
    "overdue": "🟠 Overdue",
    "confirmed": "🟢 Confirmed",
    "partly_confirmed": "🔵 Partly confirmed",
    "denied": "🔴 Denied",
    "retracted": "⚪ Retracted",
}
STATUS_COLOUR = {"pending": "#d4a20b", "overdue": "#e8590c", "confirmed": "#2b8a3e",
                 "partly_confirmed": "#1c7ed6", "denied": "#c92a2a", "retracted": "#868e96"}
VERDICT_WORDS = {"confirmed": "confirms it", "partly_confirmed": "confirms it in part", "denied": "denies it"}
DECISION_WORDS = {"proposed": "⚖️ to review", "accepted": "✅ accepted", "rejected": "❌ rejected"}
EMPTY = "—"  # what an empty cell shows: Streamlit's own default is the word "None"


def table(rows: list[dict], **options):
    """st.dataframe as every page wants it: full width, no index, and a dash (not "None") in empty cells."""
    return st.dataframe(rows, **{"hide_index": True, "width": "stretch", "placeholder": EMPTY, **options})


def safe(text: object) -> str:
    """Untrusted text, made inert for st.markdown (letters, digits and spaces pass; the rest are entities)."""
    value = "" if text is None else str(text)
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in value)


MARKUP = set("\\`*_{}[]()<>#+!|~$&:")


def plain(text: object) -> str:
    """A message that may quote user input (an error), inert for st.markdown but still readable in the source."""
    return "".join(f"&#{ord(c)};" if c in MARKUP else c for c in str(text))


def highlight(text: str, spans: list[tuple[int, int]] | list[list[int]]) -> str:
    """Markdown for `text` with the given character spans marked; everything else made inert by `safe`."""
    out, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        out.append(safe(text[cursor:start]))
        out.append(f":orange-background[**{safe(text[start:end])}**]")
        cursor = end
    out.append(safe(text[cursor:]))
    return "".join(out)


def status_badge(status: str) -> str:
    return STATUS_BADGE.get(status, LABELS.get(status, status))


def page_picker(total: int, page_size: int, page_number: int, state_key: str) -> None:
    """A page number under a long list, shown only when there is more than one page; picking one reruns."""
    pages = max(1, -(-total // page_size))
    if pages > 1:
        new_page = st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=page_number)
        if new_page != page_number:
            st.session_state[state_key] = int(new_page)
            st.rerun()


def deadline_phrase(status: str, days: int | None) -> str:
    """The deadline of an open claim ('12 days left'); a settled claim has none left to watch."""
    return days_phrase(days) if status in OPEN else "settled"


def days_phrase(days: int | None) -> str:
    """'12 days left', 'due today', '40 days overdue', or 'no deadline'."""
    if days is None:
        return "no deadline"
    if days == 0:
        return "due today"
    if days > 0:
        return f"{days:,} day{'s' if days != 1 else ''} left"
    return f"{-days:,} day{'s' if days != -1 else ''} past"


GRAIN_WORDS = {"day": "a day", "week": "a week", "month": "a month", "quarter": "a quarter", "half": "half a year",
               "season": "a season", "year": "a year", "by": "a deadline"}


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def window_phrase(start: date | str | None, end: date | str | None, expression: str | None = None) -> str:
    """A compact window: '1–31 Jul 2022', '28 Mar 2022 – 31 Dec 2023', '14 Sep 2020'."""
    if end is None:
        return "no time named"
    last = _day(end)
    first = _day(start) if start else last
    if first == last:
        span = f"{last:%-d %b %Y}"
    elif (first.year, first.month) == (last.year, last.month):
        span = f"{first:%-d}–{last:%-d %b %Y}"
    elif first.year == last.year:
        span = f"{first:%-d %b} – {last:%-d %b %Y}"
    else:
        span = f"{first:%-d %b %Y} – {last:%-d %b %Y}"
    return f"{span} (“{expression}”)" if expression else span


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


STRENGTH_COLOUR = {"strong": "#2b8a3e", "possible": "#b07d00", "weak": "#868e96"}


def strength_words(score: float | None, evidence: float | None = None) -> str:
    """'strong · 62': the word a journalist reads first (from the pair's likelihood when it has one), the
    score the review queue shows too."""
    if score is None:
        return EMPTY
    found = strength(score, evidence)
    return f"{found.word} · {found.score}"


def status_words(status: str) -> str:
    """The status as plain words (exports, messages): the board's word without its coloured dot."""
    return LABELS.get(status, status)


def csv_text(rows: list[dict]) -> str:
    """Rows as CSV for a spreadsheet: plain words only, so no emoji or markup reaches a download."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({key: "" if value is None else value for key, value in row.items()} for row in rows)
    return out.getvalue()
