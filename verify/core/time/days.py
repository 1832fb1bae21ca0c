"""Rule handlers for days and for spans counted from the publication date.

Weekdays, "the 15th", day ranges, "the first Monday of May", "within weeks", "in two weeks", "the past
two weeks". Dates written with a day number are only *found* here (``Found.parse``); dateparser reads
them in ``timewindow``. The rule table is in ``timeexpr``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from verify.core.time import spans as cal
from verify.core.time.patterns import (
    FEW,
    FLAGS,
    LAST,
    NUMBERS,
    ORDINALS,
    PERIODS,
    Context,
    Found,
    g,
    named_or_nearest,
    this_next_or_last,
)
from verify.core.time.spans import Span


def weekday(m: re.Match, ctx: Context):
    number = cal.WEEKDAYS[m.group("wd").lower()]
    today = ctx.published
    q, week = (m.group("q") or "").lower(), (m.group("wq") or "").lower()
    if week or q == "next":
        monday = cal.week_span(today)[0] + timedelta(days={"next": 7, "last": -7}.get(week or q, 0))
        return (monday + timedelta(days=number),) * 2, "day"
    if q in LAST.split("|"):
        day = today - timedelta(days=(today.weekday() - number - 1) % 7 + 1)
    elif ctx.direction == "past" and not q:
        day = today - timedelta(days=(today.weekday() - number) % 7)
    else:
        day = today + timedelta(days=(number - today.weekday()) % 7)
    if m.group("after"):
        day += timedelta(days=7)
    return (day, day), "day"


def days_of_month(m: re.Match, ctx: Context):
    """"from the 18th to the 19th": the coming month in which both days fall (as ``day_of_month``)."""
    first, last = int(m.group("day")), int(m.group("last"))
    if last < first:
        return None
    direction = "past" if ctx.direction == "past" else "future"
    span = cal.nearest_in_months(lambda y, mo: (date(y, mo, first), date(y, mo, last)), ctx.published, direction)
    return span and (span, "day")


def day_of_month(m: re.Match, ctx: Context):
    """"The 15th": the coming one (this month's if not past, else next month's), or "of next month"."""
    number, today = int(m.group("day")), ctx.published
    if m.group("q"):
        start = this_next_or_last(PERIODS["month"], today, m.group("q"))[0]
        if number > cal.month_end(start.year, start.month).day:
            return None
        return (start.replace(day=number),) * 2, "day"
    direction = "past" if ctx.direction == "past" else "future"
    span = cal.nearest_in_months(lambda y, mo: (date(y, mo, number),) * 2, today, direction)
    return span and (span, "day")


def _quantity(text: str | None, unit: str, written: str = "s") -> int:
    """How many units: a number, "a few" (``FEW``), or one when the unit is singular ("the next year")."""
    if not text and not written.lower().rstrip().endswith("s"):
        return 1
    if not text or text.lower() in ("a few", "few", "several"):
        return FEW[unit]
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def after(day: date, unit: str, count: int) -> date:
    """``count`` units after ``day`` (negative: before); hours round up to whole days."""
    if unit == "hour":
        return day + timedelta(days=-(-count // 24))
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    return cal.add_months(day, count * (12 if unit == "year" else 1))


def _unit(m: re.Match) -> str:
    unit = g(m, "unit").lower()
    return {"yr": "year"}.get(unit, unit)


RELATIVE_TO_EVENT = re.compile(r"\s+(?:of|after|following|from)\s+(?!now\b|today\b|publication\b)", FLAGS)


def deadline(m: re.Match, ctx: Context):
    """"within weeks", "in the coming months", "over the next two years": from now until then."""
    unit = _unit(m)
    if not g(m, "qty") and not re.match(r"(?:in|over|during|within|next|coming)\b", m.group(0), FLAGS) and not \
            m.group(0).lower().rstrip().endswith("s"):
        return None  # "the next day": the day after something else, not a span from publication
    if RELATIVE_TO_EVENT.match(m.string, m.end()):
        return None  # "within 30 days of closing": counted from another event, not from publication
    count = _quantity(g(m, "qty"), unit, m.group(0))
    return (ctx.published, after(ctx.published, unit, count)), "by"


def point_ahead(m: re.Match, ctx: Context):
    """"in two weeks", "three months from now": the day, month or year that far ahead."""
    unit = _unit(m)
    if unit == "hour":
        return None
    if not g(m, "qty") or g(m, "qty").lower() in ("a few", "few", "several"):
        return deadline(m, ctx)  # "in a few weeks": any time until then
    day = after(ctx.published, unit, _quantity(g(m, "qty"), unit))
    if unit in ("day", "week"):
        return (day, day), "day"
    return PERIODS[unit](day), unit


def recent(m: re.Match, ctx: Context):
    """"the past two weeks": the stretch that ends on the publication day."""
    unit = _unit(m)
    start = after(ctx.published, unit, -_quantity(g(m, "qty"), unit))
    return (start, ctx.published), "day" if unit == "hour" else unit


def dated(m: re.Match, ctx: Context):
    """Spans with a day number, or numeric dates: found here, parsed by dateparser (see timewindow)."""
    text = m.group(0)
    for word, number in ORDINALS.items():
        if word.isalpha() and word != "final":
            text = re.sub(rf"\b{word}\b", str(number), text, flags=FLAGS)
    if g(m, "fraction"):
        return None  # "1/2 of the staff"
    return Found(m.start(), m.end(), None, "day", parse=re.sub(r"\s+", " ", text), has_year=bool(g(m, "year")))


def _day_number(text: str) -> int:
    word = text.lower()
    return ORDINALS[word] if word in ORDINALS else int(re.match(r"\d+", word).group(0))


def day_range(m: re.Match, ctx: Context):
    """"July 13-15", "from the 13th to the 15th of July", "Aug 8 - Aug 12": one window of days."""
    first, last = _day_number(g(m, "day")), _day_number(g(m, "last"))
    start_month = cal.MONTHS[g(m, "month").lower().rstrip(".")]
    end_month = cal.MONTHS[(g(m, "month_to") or g(m, "month")).lower().rstrip(".")]

    def span_for_year(year: int) -> Span:
        start, end = date(year, start_month, first), date(year, end_month, last)
        if end < start:
            raise ValueError("a range that runs backwards")
        return start, end

    span = named_or_nearest(span_for_year, m, ctx)
    return span and (span, "day")


def nth_weekday(m: re.Match, ctx: Context):
    """"the first Monday of May", "the last Friday in October 2015", "the last day of March"."""
    word = g(m, "ord").lower()
    n = -1 if word == "last" else ORDINALS.get(word) or int(word[0])
    wd = g(m, "wd")

    def span_for_month(year: int, month: int) -> Span:
        if wd is None:
            day = cal.month_end(year, month)
        else:
            day = cal.nth_weekday(year, month, cal.WEEKDAYS[wd.lower()], n)
            if day.month != month:
                raise ValueError("no fifth such weekday")
        return day, day

    if g(m, "month"):
        number = cal.MONTHS[g(m, "month").lower().rstrip(".")]
        span = named_or_nearest(lambda year: span_for_month(year, number), m, ctx)
    else:
        span = span_for_month(ctx.published.year, ctx.published.month)
    return span and (span, "day")


def relative_day(m: re.Match, ctx: Context):
    """"tomorrow", "three weeks ago": dateparser reads these against the publication date as is."""
    return Found(m.start(), m.end(), None, "day", parse=re.sub(r"\s+", " ", m.group(0)), has_year=True)


def iso_date(m: re.Match, ctx: Context):
    try:
        day = date(*map(int, m.group(0).split("-")))
    except ValueError:
        return None
    return (day, day), "day"


def numeric_date(m: re.Match, ctx: Context):
    """"11.06.2019", "03/04/2023", "10-31-74": day and month in the order of the claim's language.

    A part above 12 settles the order; otherwise dots are read day first (no American writes them), slashes
    and dashes by ``ctx.date_order`` (American English month first; German, French, Spanish day first),
    and the window carries a note saying how it was read, unless the order is a newsroom setting.
    """
    if m.group("sep") == "." and len(m.group("year")) < 4:
        return None  # "Version 1.2.10"
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    if year < 100:
        year += 2000 if year <= ctx.published.year % 100 + 10 else 1900
    order = "DMY" if m.group("sep") == "." and not ctx.order_given else ctx.date_order
    if a > 12 >= b:
        order = "DMY"
    elif b > 12 >= a:
        order = "MDY"
    day_first = order == "DMY"
    day, month = (a, b) if day_first else (b, a)
    try:
        read = date(year, month, day)
    except ValueError:
        return None
    note = None
    if a <= 12 and b <= 12 and a != b and not ctx.order_given:
        other = date(year, day, month)
        note = (f"{m.group(0)} read as {read.day} {read:%B %Y} ({'day' if day_first else 'month'} first); "
                f"could be {other.day} {other:%B %Y}")
    return Found(m.start(), m.end(), (read, read), "day", note=note)
