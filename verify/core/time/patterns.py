"""The shared vocabulary of the time-expression rules: regex pieces, the match types, period helpers.

Why a module of its own: the rules for named periods (``timeperiods``) and for days and counted spans
(``timedays``) read the same words ("next", "Q3", "a few") and step through the calendar the same way;
keeping that here lets each handler module stay about its own forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from verify.core.time import spans as cal
from verify.core.time.spans import Span

FLAGS = re.IGNORECASE
MONTH = r"(?P<month>" + "|".join(sorted(cal.MONTHS, key=len, reverse=True)) + r")(?![a-z])\.?"
WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
YEAR = r"(?:19|20)\d{2}"
UNIT = r"(?P<unit>hour|day|week|month|year|yr)s?\b"
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}
QTY = r"(?P<qty>\d{1,3}|a few|few|several|a couple of|couple of|" + "|".join(NUMBERS) + r")"
# "A few" units, read as a deadline: "within days" = 7 days, "within weeks" = 6 weeks, "in the coming
# months" = 6 months (the newsroom reading: long enough that a story "in the coming weeks" is not overdue early).
FEW = {"hour": 24, "day": 7, "week": 6, "month": 6, "year": 3}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}
NEXT, THIS, LAST = "next|coming|upcoming|following", "this|current|present", "last|past|previous"
QUALIFIER = rf"(?:(?:the\s+)?(?P<q>{NEXT}|{THIS}|{LAST})\s+)?"


@dataclass(frozen=True)
class Found:
    """One expression found in the text: where it is, and its span (or a date string to parse)."""

    begin: int
    end: int
    span: Span | None
    granularity: str
    parse: str | None = None  # for dateparser: the span text, normalised
    has_year: bool = True
    note: str | None = None  # a doubt about the reading, shown to the reporter


@dataclass(frozen=True)
class Context:
    published: date
    hemisphere: str
    direction: str  # "future" or "past": how an underspecified date ("Friday", "in March") is read
    date_order: str = "MDY"  # how a numeric date whose parts could both be months is read: "DMY" or "MDY"
    language: str = "en"  # the claim's language (the gloss is English; fiscal years differ by country)
    order_given: bool = False  # the date order is a newsroom setting, not a guess from the language


Handler = Callable[[re.Match, Context], tuple[Span, str] | Found | None]


def g(m: re.Match, name: str) -> str | None:
    """A named group, wherever it is: alternatives of one rule number their groups (year, year1...)."""
    for key, value in m.groupdict().items():
        if value is not None and key.rstrip("0123456789") == name:
            return value
    return None


def alternatives(*patterns: str) -> str:
    """Join regex alternatives, renaming the groups of the i-th one (Python forbids repeated names)."""
    return "|".join(re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{i}>", p) if i else p for i, p in enumerate(patterns))


PART_BEFORE = re.compile(
    r"(?:\b(?P<part>early|mid|late)(?:[\s-]+|\s+in\s+(?:the\s+)?)|"
    r"\b(?:the\s+)?(?P<edge>beginning|start|middle|end|close)\s+of\s+(?:the\s+)?)\Z",
    FLAGS,
)


REST_BEFORE = re.compile(r"\b(?:rest|remainder)\s+of\s+\Z", FLAGS)


def part_before(m: re.Match) -> re.Match | None:
    """"early ", "mid-", "the end of " just before a match: they narrow it to a third of itself."""
    return PART_BEFORE.search(m.string, max(0, m.start() - 30), m.start())


def _qualifier(word: str | None, direction: str) -> str:
    """Map this/next/last to the ``nearest`` direction; no word means the context's direction."""
    if not word:
        return direction
    word = word.lower()
    return "next" if word in NEXT.split("|") else "last" if word in LAST.split("|") else "future"


def _year(text: str | None, today: date) -> int | None:
    """A written year; two digits ("Q3 '22") are this century's."""
    if not text:
        return None
    text = text.strip("'")
    return int(text) if len(text) == 4 else 2000 + int(text)


def this_next_or_last(span_for: Callable[[date], Span], today: date, q: str | None) -> Span:
    """This / next / last period of a kind, by stepping from the period that contains ``today``."""
    current = span_for(today)
    if q and q.lower() in NEXT.split("|"):
        return span_for(current[1] + timedelta(days=1))
    if q and q.lower() in LAST.split("|"):
        return span_for(current[0] - timedelta(days=1))
    return current


def _year_of(match: re.Match, today: date) -> int | None:
    """The year a period names: explicit ("of 2022"), relative ("of next year"), or None."""
    if g(match, "year"):
        return _year(g(match, "year"), today)
    rel = (g(match, "rel") or "").lower()
    if not rel:
        return None
    return today.year + (1 if rel.endswith(("next", "following")) else -1 if rel == "last" else 0)


def named_or_nearest(span_for_year: Callable[[int], Span], match: re.Match, ctx: Context) -> Span | None:
    """The period in the year the match names ("Q3 2022", "of next year"), else the nearest one in time."""
    year = _year_of(match, ctx.published)
    if year is not None:
        return span_for_year(year)
    return cal.nearest(span_for_year, ctx.published, _qualifier(g(match, "q"), ctx.direction))


# The period of each kind that contains a given day.
PERIODS = {"week": cal.week_span, "month": lambda d: cal.month_span(d.year, d.month),
           "quarter": lambda d: cal.quarter_span(d.year, (d.month - 1) // 3 + 1),
           "half": lambda d: cal.half_span(d.year, (d.month - 1) // 6 + 1),
           "year": lambda d: cal.year_span(d.year)}
