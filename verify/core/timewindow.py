"""Time expressions in a claim -> the window of dates it speaks of, read against its publication date.

Pure: no clock, no I/O; ``published`` is always an argument. An English, table-driven layer
(``timeexpr``) finds expressions with regexes and computes most of them itself; dateparser only reads
the spans it found that carry a written date ("March 28, 2022", "10/31/74", "3 days ago"), and, when the
English layer finds nothing, dates in other languages ("juillet 2022", "im Juli", "7月"). Its results
are cached, since one dateparser call costs far more than all the regexes.

Conventions (``TimeWindow.granularity``):
- day, week (ISO, Monday to Sunday), month, quarter, half, season (meteorological: northern summer =
  June to August, winter = December to February; ``hemisphere="south"`` flips them), year: the grain
  of the period named. "early / mid / late" and "the beginning / middle / end of" narrow the window
  to a third (days 1-10 / 11-20 / 21-end of a month, Jan-Apr / May-Aug / Sep-Dec of a year) and keep
  the grain: "at the end of March" is March 21-31, granularity "month".
- by: an open-ended deadline, start = published, end = the deadline. "by / until / no later than X"
  ends when X ends ("by the end of March", "by March": March 31); "before / ahead of X" the day before
  X starts ("before Christmas": Dec 24); "within N days", "in the coming weeks", "later this year" too.
  "A few" units, as in "within weeks", "in the coming months": 7 days, 4 weeks, 3 months, 3 years.
- Underspecified dates prefer the future: "in July" said in October is next July, "in March" said in
  March is this March, "Friday" the coming Friday (or the same day), "next Friday" the Friday of next
  week. A past-tense verb just before ("said Friday", "launched in March") reads them in the past.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from verify.core import timecalendar as cal
from verify.core.timeexpr import FLAGS, PART_BEFORE, RULES, Context, Found
from verify.core.timetense import tense_before
from verify.core.typed_dates import malformed_date
from verify.errors import InvalidDate

GRANULARITIES = ("day", "week", "month", "quarter", "half", "season", "year", "by")
OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "zh", "ja", "ru")


@dataclass(frozen=True)
class TimeWindow:
    start: date  # inclusive
    end: date  # inclusive
    granularity: str  # one of GRANULARITIES
    expression: str  # the text that was read, as it appears in the claim

    def to_dict(self) -> dict:
        return {"expression": self.expression, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "granularity": self.granularity}


def resolve_window(text: str, published: date, *, hemisphere: str = "north") -> TimeWindow | None:
    """The window the claim speaks of, or None when it names no time.

    Rule: among the expressions found, keep those that have not ended before ``published`` (the claim
    looks ahead), or all of them if none does; pick the narrowest window (fewest days: the most specific
    promise), the first in the text on a tie. So in "Reuters said Friday that the phone ships in July",
    July wins: "said Friday" is in the past.
    """
    windows = find_windows(text, published, hemisphere=hemisphere)
    ahead = [w for w in windows if w.end >= published] or windows
    return min(ahead, key=lambda w: (w.end - w.start).days, default=None)


def find_windows(text: str, published: date, *, hemisphere: str = "north") -> list[TimeWindow]:
    """Every time expression found, in text order (English first; other languages if none)."""
    if not text or not text.strip():
        return []
    english = _english(text, published, hemisphere)
    other = _other_languages(text, published) if not english or _mentions_other_language(text) else []
    return [window for _, window in _merge(english + other)]


def _merge(located: list[tuple[int, TimeWindow]]) -> list[tuple[int, TimeWindow]]:
    """Drop windows inside longer ones ("2022" in "juillet 2022"); keep text order."""
    located = sorted(located, key=lambda item: -len(item[1].expression))
    kept: list[tuple[int, TimeWindow]] = []
    for begin, window in located:
        end = begin + len(window.expression)
        if all(end <= b or begin >= b + len(w.expression) for b, w in kept):
            kept.append((begin, window))
    return sorted(kept, key=lambda item: item[0])


def _english(text: str, published: date, hemisphere: str) -> list[tuple[int, TimeWindow]]:
    candidates = []
    for rank, (pattern, handler) in enumerate(RULES):
        for match in pattern.finditer(text):
            ctx = Context(published, hemisphere, tense_before(text, match.start()))
            result = handler(match, ctx)
            if result is not None:
                found = result if isinstance(result, Found) else Found(match.start(), match.end(), *result)
                candidates.append((found, rank, ctx))
    windows = []
    for found, ctx in _without_overlaps(candidates):
        if found.parse is not None:
            found = _read_with_dateparser(found, ctx)
        if found is not None and found.span is not None:
            window = _with_modifiers(text, found, ctx)
            windows.append((found.end - len(window.expression), window))
    return windows


def _without_overlaps(candidates: list[tuple[Found, int, Context]]) -> list[tuple[Found, Context]]:
    """The longest match wins where matches overlap ("March 28, 2022" over "March" and "2022")."""
    kept: list[tuple[Found, Context]] = []
    for found, _rank, ctx in sorted(candidates, key=lambda c: (c[0].begin - c[0].end, c[0].begin, c[1])):
        if all(found.end <= other.begin or found.begin >= other.end for other, _ in kept):
            kept.append((found, ctx))
    return sorted(kept, key=lambda item: item[0].begin)


LATER = re.compile(r"\b(?P<w>later|earlier|(?:for\s+)?the\s+rest\s+of|the\s+remainder\s+of)\s+(?:in\s+)?\Z", FLAGS)
DEADLINE = re.compile(r"\b(?P<w>by|before|until|till|through|no\s+later\s+than|not\s+later\s+than|ahead\s+of|"
                      r"prior\s+to|in\s+time\s+for)\s+(?:the\s+)?\Z", FLAGS)
BEFORE_START = ("before", "ahead", "prior")


def _with_modifiers(text: str, found: Found, ctx: Context) -> TimeWindow:
    """Apply what stands just before the expression: "early", "the end of", "later", "by", "before"."""
    (start, end), granularity, begin = found.span, found.granularity, found.begin
    part = PART_BEFORE.search(text, max(0, begin - 30), begin)
    if part and granularity not in ("day", "by"):
        third = part.group("part") or {"middle": "mid", "end": "late", "close": "late"}.get(
            part.group("edge").lower(), "early")
        (start, end), begin = cal.part_of_span((start, end), third.lower()), part.start()
    later = LATER.search(text, max(0, begin - 30), begin)
    if later and start <= ctx.published <= end:
        if later.group("w").lower() == "earlier":
            start, end = start, max(start, ctx.published - timedelta(days=1))
        else:
            start, granularity = ctx.published, "by"
        begin = later.start()
    deadline = DEADLINE.search(text, max(0, begin - 30), begin)
    if deadline and granularity != "by":
        word = deadline.group("w").lower().split()[0]
        ends_with_period = part is not None and part.group("edge") and part.group("edge").lower() in ("end", "close")
        if word in BEFORE_START and not ends_with_period:
            end = start - timedelta(days=1)
        start, granularity, begin = min(ctx.published, end), "by", deadline.start()
    return TimeWindow(start, end, granularity, text[begin : found.end])


def _read_with_dateparser(found: Found, ctx: Context) -> Found | None:
    read = _dateparser_read(found.parse, ctx.published, ("en",))
    if read is None:
        return None
    day, period = read
    span = _period_span(day, period)
    if not found.has_year and period in ("day", "month"):
        direction = "past" if ctx.direction == "past" else "future"
        span = cal.nearest(lambda y: _period_span(day.replace(year=y), period), ctx.published, direction)
        weekday = WEEKDAY_WORD.search(found.parse)
        if weekday and period == "day":
            span = _year_where_weekday_fits(day, weekday.group(0), ctx.published) or span
    granularity = period if period in GRANULARITIES else "day"
    return Found(found.begin, found.end, span, granularity) if span else None


WEEKDAY_WORD = re.compile(r"\b(?:mon|tue|wed|thu|fri|sat|sun)", FLAGS)


def _year_where_weekday_fits(day: date, weekday: str, published: date) -> cal.Span | None:
    """"Sunday, Feb 10": the year, nearest to publication, in which Feb 10 is a Sunday."""
    number = next(n for name, n in cal.WEEKDAYS.items() if name.startswith(weekday.lower()))
    fits = []
    for year in range(published.year - 6, published.year + 7):
        try:
            candidate = day.replace(year=year)
        except ValueError:
            continue
        if candidate.weekday() == number:
            fits.append(candidate)
    best = min(fits, key=lambda d: abs((d - published).days), default=None)
    return (best, best) if best else None


def _period_span(day: date, period: str) -> cal.Span:
    if period == "week":
        return cal.week_span(day)
    if period == "month":
        return cal.month_span(day.year, day.month)
    if period == "year":
        return cal.year_span(day.year)
    return day, day


@functools.lru_cache(maxsize=8192)
def _dateparser_read(span: str, published: date, languages: tuple[str, ...] | None) -> tuple[date, str] | None:
    """dateparser on one short span, with the publication date as base: (date, period) or None."""
    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "current_period", "PREFER_DAY_OF_MONTH": "first"}
    data = DateDataParser(languages=list(languages) if languages else None, settings=settings).get_date_data(span)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


@functools.cache
def _other_language_words() -> frozenset[str]:
    """Month names in OTHER_LANGUAGES (from dateparser's own tables): the cheap pre-filter."""
    words = set()
    for language in OTHER_LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
        for month in ("january", "february", "march", "april", "may", "june", "july", "august",
                      "september", "october", "november", "december"):
            words.update(w.lower() for w in info.get(month, []) if len(w) >= 4 or not w.isascii())
    return frozenset(words - {"mars", "march", "june", "july", "april", "august"})


def _mentions_other_language(text: str) -> bool:
    lowered = text.lower()
    words = _other_language_words()
    return any(w in lowered for w in words if not w.isascii()) or bool(words & set(re.findall(r"\w+", lowered)))


def _other_languages(text: str, published: date) -> list[tuple[int, TimeWindow]]:
    """Dates in other languages, read as a day (a day was written) or a month, preferring the future."""
    if not _mentions_other_language(text):
        return []
    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "current_period"}
    windows, searched_from = [], 0
    for substring, _ in search_dates(text, languages=list(OTHER_LANGUAGES), settings=settings) or []:
        read = _dateparser_read(substring, published, OTHER_LANGUAGES)
        if read is None or read[1] not in ("day", "month", "year"):
            continue
        day, period = read
        span = _period_span(day, period)
        if period != "year" and not re.search(r"\d{4}", substring):
            span = cal.nearest(lambda y, d=day, p=period: _period_span(d.replace(year=y), p), published)
        begin = max(text.find(substring, searched_from), 0)
        searched_from = begin + len(substring)
        if span:
            windows.append((begin, TimeWindow(span[0], span[1], period, substring)))
    return windows


def parse_date(value: str, *, today: date) -> date:
    """A date typed by a user: ISO ("2022-03-28") or words ("28 March 2022", "yesterday", "3 days ago").

    A date without a year is the latest one on or before ``today``: users type dates of things seen.
    """
    typed = (value or "").strip()
    try:
        return date.fromisoformat(typed)
    except ValueError:
        pass
    if malformed_date(typed):
        raise InvalidDate(f"Cannot read the date {value!r}: {malformed_date(typed)}. "
                          "Type it as YYYY-MM-DD (2022-03-28) or in words: '28 March 2022'.")
    read = _dateparser_read(typed, today, ("en",)) or _dateparser_read(typed, today, None) if typed else None
    if read is None or not 1900 <= read[0].year <= 2200:
        raise InvalidDate(
            f"Cannot read the date {value!r}. Type it as YYYY-MM-DD (2022-03-28) or in words: "
            "'28 March 2022', 'March 28, 2022', 'yesterday', '3 days ago'."
        )
    day = read[0]
    if _calendar_date_without_year(typed) and read[1] == "day" and day > today:
        day = cal.nearest(lambda y: (day.replace(year=y),) * 2, today, "past")[0]
    return day


def _calendar_date_without_year(typed: str) -> bool:
    """"28 March" or "3/28" name a day of some year; "tomorrow" or "next Friday" name one day only."""
    if re.search(r"\d{4}", typed):
        return False
    months = "|".join(sorted(cal.MONTHS, key=len, reverse=True))
    return bool(re.search(rf"\b(?:{months})\b|\b\d{{1,2}}[/.]\d{{1,2}}\b", typed, re.IGNORECASE))
