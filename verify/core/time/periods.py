"""Rule handlers for named periods: months, quarters, halves, seasons, holidays, years, "next week", "EOY".

Each takes the regex match and the reading context and returns (span, granularity), or None when the
words turn out not to be a time ("may" the verb, "2000 employees"). The rule table is in ``timeexpr``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from verify.core.time import spans as cal
from verify.core.time.patterns import (
    FLAGS,
    ORDINALS,
    PERIODS,
    REST_BEFORE,
    THIS,
    Context,
    g,
    named_or_nearest,
    part_before,
    this_next_or_last,
)


def month(m: re.Match, ctx: Context):
    name = g(m, "month")
    if name.lower() in ("may", "march", "mar") and not (g(m, "q") or g(m, "year")):
        before = m.string[max(0, m.start() - 12) : m.start()]
        preposition = re.search(r"\b(in|by|until|since|of|before|after|during|from|to|through|early|mid|late)[\s-]+\Z",
                                before, FLAGS)
        sentence_start = not before.strip() or before.rstrip()[-1] in ".!?\"'"
        capitalised = name[0].isupper() and not (name.lower() == "may" and sentence_start)
        if not (preposition or capitalised):
            return None  # the verbs "may" and "march"
    number = cal.MONTHS[name.lower().rstrip(".")]
    span = named_or_nearest(lambda year: cal.month_span(year, number), m, ctx)
    return span and (span, "month")


def quarter(m: re.Match, ctx: Context):
    number = int(g(m, "n") or 0) or ORDINALS[g(m, "ord").lower()]
    span = named_or_nearest(lambda year: cal.quarter_span(year, number), m, ctx)
    return span and (span, "quarter")


def half(m: re.Match, ctx: Context):
    word = (g(m, "n") or g(m, "ord")).lower()
    number = 2 if word in ("2", "second", "2nd", "latter", "back") else 1
    span = named_or_nearest(lambda year: cal.half_span(year, number), m, ctx)
    return span and (span, "half")


def season(m: re.Match, ctx: Context):
    name = m.group("s").lower()
    if name == "fall" and not (g(m, "q") or g(m, "year")):
        before = m.string[max(0, m.start() - 12) : m.start()]
        if not re.search(r"\b(in|by|until|before|during|the|early|mid|late|this)[\s-]+\Z", before, FLAGS):
            return None  # the verb "fall"
    span = named_or_nearest(lambda year: cal.season_span(name, year, ctx.hemisphere), m, ctx)
    return span and (span, "season")


OTHER_NEW_YEARS = re.compile(r"\b(?:chinese|lunar|islamic|hijri|jewish|persian|parsi|hindu|thai|tamil|sikh|korean"
                             r"|vietnamese|orthodox|julian)\s+(?:lunar\s+)?\Z", FLAGS)


def holiday(m: re.Match, ctx: Context):
    if OTHER_NEW_YEARS.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # another calendar's new year (or Easter): not computed here
    key = re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))
    key = next(k for k in cal.HOLIDAYS if re.fullmatch(holiday_pattern(k), key, FLAGS))
    day_for = cal.HOLIDAYS[key]
    span = named_or_nearest(lambda year: (day_for(year), day_for(year)), m, ctx)
    return span and (span, "day")


def holiday_pattern(name: str) -> str:
    return re.escape(name).replace("'s", "(?:'s|’s|s)?").replace(r"\ ", r"\s+")


COUNTED = re.compile(r"\s+[a-z]*[^\Wsiu]s\b")  # "2000 employees", not "2009 analysis"
PREPOSITION = re.compile(r"\b(?:in|by|since|until|till|of|from|to|for|before|after|during|through|early|mid|late|"
                         r"the|a|an|its|their|his|her|our|fiscal|year|season|spring|summer|fall|autumn|winter)[\s-]+\Z",
                         FLAGS)


NAMED_BY_YEAR = re.compile(r"\b(?:version|edition|model|release|v|windows|office|ios|android|no\.?|number|#)\s*\Z",
                           FLAGS)


def year(m: re.Match, ctx: Context):
    """A year, or a range of years ("2023-24"); "2000 employees" is a count, not a year."""
    if COUNTED.match(m.string, m.end()) and not PREPOSITION.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    if NAMED_BY_YEAR.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # "Version 2025", "the Model 2000": a name, not a time
    first = int(m.group("year"))
    to = m.group("to") or m.group("to1")
    if to:
        last = int(to) if len(to) == 4 else first // 100 * 100 + int(to)
        if last == first + 1 or (len(to) == 4 and first < last <= first + 10):
            return (date(first, 1, 1), date(last, 12, 31)), "year"
        return None
    return cal.year_span(first), "year"



def relative_period(m: re.Match, ctx: Context):
    unit = {"qtr": "quarter", "yr": "year"}.get(m.group("unit").lower(), m.group("unit").lower())
    rest = REST_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
    if not m.group("q") and not m.group("end") and not part_before(m) and not rest and not m.group("after"):
        return None  # a bare "the year" is a time only in "the end of the year", "the rest of the year"
    q = m.group("q") or ("next" if m.group("after") else None)  # "the week after next"
    base = ctx.published
    if (unit == "week" and (m.group("q") or "").lower() in THIS.split("|") and base.weekday() >= 5
            and ctx.direction == "future"):
        base += timedelta(days=7 - base.weekday())  # "this week" said on a weekend: the week ahead
    span = this_next_or_last(PERIODS[unit], base, q)
    if m.group("after"):
        span = PERIODS[unit](span[1] + timedelta(days=1))
    if m.group("end"):
        span = cal.part_of_span(span, "late")
    return span, unit


def weekend(m: re.Match, ctx: Context):
    """"This weekend": the coming Saturday and Sunday (the current one when said on a weekend);
    "next weekend" the one after."""
    today = ctx.published
    saturday = today + timedelta(days=(5 - today.weekday()) % 7) if today.weekday() < 5 else today - timedelta(
        days=today.weekday() - 5)
    if (m.group("q") or "").lower() in ("next", "following"):
        saturday += timedelta(days=7)
    elif (m.group("q") or "").lower() in ("last", "past", "previous"):
        saturday -= timedelta(days=7)
    return (saturday, saturday + timedelta(days=1)), "day"


def abbreviation(m: re.Match, ctx: Context):
    """EOD, EOM, EOQ, EOY and their "beginning of" twins, written in capitals."""
    if not m.group(0).isupper():
        return None
    unit = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}[m.group("u").upper()]
    if unit == "day":
        return (ctx.published, ctx.published), "day"
    return cal.part_of_span(PERIODS[unit](ctx.published), "late" if m.group("e") == "E" else "early"), unit
