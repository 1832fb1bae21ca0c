"""Calendar arithmetic for time windows: periods, seasons, holidays, and "the nearest one".

Every function returns a ``Span`` (first day, last day, both inclusive) so the expression layer can
compose them ("by" + "the end of" + "March") without knowing how each period is computed.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable
from datetime import date, timedelta

Span = tuple[date, date]

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
} | {"sept": 9}
WEEKDAYS = {calendar.day_name[number].lower(): number for number in range(7)}

# Thirds of a month (days) and of a year (months): the newsroom reading of early / mid / late.
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
PART_WEEKDAYS = {"early": (0, 2), "mid": (2, 4), "late": (4, 6)}

# Meteorological seasons of the northern hemisphere, as (first month, number of months).
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
SOUTHERN = {"spring": "fall", "summer": "winter", "fall": "spring", "autumn": "spring", "winter": "summer"}


@functools.lru_cache(maxsize=4096)
def month_end(year: int, month: int) -> date:
    """Memoised: finding the nearest "March" steps through 19 years of months for every claim that names one."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> Span:
    return date(year, month, 1), month_end(year, month)


def months_span(year: int, first_month: int, count: int) -> Span:
    """``count`` whole months from ``first_month`` of ``year``, rolling into later years."""
    last = year * 12 + first_month - 1 + count - 1
    return date(year, first_month, 1), month_end(last // 12, last % 12 + 1)


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clipped to the month's end (Jan 31 + 1 month = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_span(year: int, quarter: int) -> Span:
    return months_span(year, 3 * quarter - 2, 3)


def half_span(year: int, half: int) -> Span:
    return months_span(year, 6 * half - 5, 6)


def year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def week_span(day: date) -> Span:
    """The ISO week (Monday to Sunday) that contains ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def season_span(season: str, year: int, hemisphere: str = "north") -> Span:
    """Meteorological season that *starts* in ``year`` (northern winter 2022 = Dec 2022 to Feb 2023).

    The southern hemisphere has the opposite season in the same months (southern summer = Dec to Feb).
    """
    first_month = SEASONS[SOUTHERN[season] if hemisphere == "south" else season]
    return months_span(year, first_month, 3)


def part_of_month(span: Span, part: str) -> Span:
    first, last = PART_DAYS[part]
    start = span[0].replace(day=first)
    return start, min(span[1], start.replace(day=min(last, span[1].day)))


def part_of_span(span: Span, part: str) -> Span:
    """Early / mid / late third of a month, a week or a year (a quarter or half: split in three)."""
    start, end = span
    length = (end - start).days + 1
    if length <= 7:
        first, last = PART_WEEKDAYS[part]
        return start + timedelta(days=first), start + timedelta(days=last)
    if length <= 31:
        return part_of_month(span, part)
    if length >= 365:
        first, last = PART_MONTHS[part]
        return months_span(start.year, first, last - first + 1)
    months = round(length / 30.4)
    third = max(1, months // 3)
    offset = {"early": 0, "mid": third, "late": months - third}[part]
    index = start.year * 12 + start.month - 1 + offset
    return months_span(index // 12, index % 12 + 1, third)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month; n = -1 is the last one."""
    if n < 0:
        last = month_end(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _easter_offset(days: int) -> Callable[[int], date]:
    return lambda year: easter(year) + timedelta(days=days)


def _nth(month: int, weekday: int, n: int, shift: int = 0) -> Callable[[int], date]:
    return lambda year: nth_weekday(year, month, weekday, n) + timedelta(days=shift)


# Chinese (lunar) New Year, from published calendars: the first day of the first lunar month.
LUNAR_NEW_YEAR = {year: date(year, month, day) for year, month, day in [
    (2000, 2, 5), (2001, 1, 24), (2002, 2, 12), (2003, 2, 1), (2004, 1, 22), (2005, 2, 9), (2006, 1, 29),
    (2007, 2, 18), (2008, 2, 7), (2009, 1, 26), (2010, 2, 14), (2011, 2, 3), (2012, 1, 23), (2013, 2, 10),
    (2014, 1, 31), (2015, 2, 19), (2016, 2, 8), (2017, 1, 28), (2018, 2, 16), (2019, 2, 5), (2020, 1, 25),
    (2021, 2, 12), (2022, 2, 1), (2023, 1, 22), (2024, 2, 10), (2025, 1, 29), (2026, 2, 17), (2027, 2, 6),
    (2028, 1, 26), (2029, 2, 13), (2030, 2, 3)]}


def lunar_new_year(year: int) -> date:
    if year not in LUNAR_NEW_YEAR:
        raise ValueError("no lunar calendar for that year")
    return LUNAR_NEW_YEAR[year]


# Holidays whose date is cheap to compute (US dates where countries differ, e.g. Thanksgiving).
# Lunar and lunisolar holidays (Eid, Diwali, Passover) are left out; Chinese New Year comes from a table.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "chinese new year": lunar_new_year,
    "lunar new year": lunar_new_year,
    "singles' day": _fixed(11, 11),
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "xmas": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "new year's eve": _fixed(12, 31),
    "new year's day": _fixed(1, 1),
    "new year": _fixed(1, 1),
    "valentine's day": _fixed(2, 14),
    "st patrick's day": _fixed(3, 17),
    "halloween": _fixed(10, 31),
    "independence day": _fixed(7, 4),
    "easter": easter,
    "easter sunday": easter,
    "easter monday": _easter_offset(1),
    "good friday": _easter_offset(-2),
    "palm sunday": _easter_offset(-7),
    "pentecost": _easter_offset(49),
    "thanksgiving": _nth(11, 3, 4),
    "black friday": _nth(11, 3, 4, shift=1),
    "cyber monday": _nth(11, 3, 4, shift=4),
    "memorial day": _nth(5, 0, -1),
    "labor day": _nth(9, 0, 1),
    "mother's day": _nth(5, 6, 2),
    "father's day": _nth(6, 6, 3),
    "martin luther king day": _nth(1, 0, 3),
}


def nearest(span_for_year: Callable[[int], Span], today: date, direction: str = "future") -> Span | None:
    """The occurrence of a yearly period that a reporter most likely means.

    ``future``: the first one that has not ended by ``today`` ("in March" said in March is this March);
    ``next``: the first that starts after ``today`` ("next March" said in March is next year's);
    ``past``: the last that has started by ``today``; ``last``: the last that ended before ``today``.
    Years without the period (Feb 29) are skipped.
    """
    years = range(today.year - 9, today.year + 10)
    return _choose([_safe(span_for_year, year) for year in years], today, direction)


def nearest_in_months(span_for_month: Callable[[int, int], Span], today: date, direction: str) -> Span | None:
    """Like ``nearest`` for a period that recurs monthly ("the 15th"); months without it are skipped."""
    keys = [divmod(today.year * 12 + today.month - 1 + k, 12) for k in range(-13, 14)]
    return _choose([_safe(lambda key: span_for_month(key[0], key[1] + 1), key) for key in keys], today, direction)


TESTS = {
    "future": lambda span, today: span[1] >= today,
    "next": lambda span, today: span[0] > today,
    "past": lambda span, today: span[0] <= today,
    "last": lambda span, today: span[1] < today,
}


def _choose(spans: list[Span | None], today: date, direction: str) -> Span | None:
    matching = [s for s in spans if s is not None and TESTS[direction](s, today)]
    if not matching:
        return None
    return matching[0] if direction in ("future", "next") else matching[-1]


def _safe(span_for, key) -> Span | None:
    try:
        return span_for(key)
    except (ValueError, OverflowError):
        return None
