"""Time expressions in a claim -> the window of dates it speaks of, read against its publication date.

Pure: no clock, no I/O; ``published`` is always an argument. An English, table-driven layer
(``timeexpr``) finds expressions with regexes and computes most of them itself; dateparser only reads
the spans it found that carry a written date ("March 28, 2022", "3 days ago"), cached, since one call
costs far more than all the regexes. Claims in German, French, Spanish, Chinese and Japanese
(``language.detect_language``) are first glossed into English time words (``timelanguages``, ``timecjk``).

Reading (``find_windows``; ``TimeWindow.granularity``):
- day, week (ISO, Monday to Sunday), month, quarter, half, season (meteorological: northern summer =
  June to August, winter = December to February; ``hemisphere="south"`` flips them), year: the grain
  of the period named. "early / mid / late" and "the beginning / middle / end of" narrow the window
  to a third (days 1-10 / 11-20 / 21-end of a month, Jan-Apr / May-Aug / Sep-Dec of a year) and keep
  the grain: "at the end of March" is March 21-31, granularity "month".
- by: an open-ended deadline, start = published, end = the deadline. "by / until / no later than X"
  ends when X ends ("by the end of March", "by March": March 31); "before / ahead of X" the day before
  X starts ("before Christmas": Dec 24); "within N days", "in the coming weeks", "later this year" too.
  "A few" units, as in "within weeks", "in the coming months": 7 days, 6 weeks, 6 months, 3 years.
- Underspecified dates prefer the future: "in July" said in October is next July, "in March" said in
  March is this March, "Friday" the coming Friday (or the same day), "next Friday" the Friday of next
  week. A past-tense verb near them ("said Friday", "launched in March") reads them in the past.
- Events (``timeevents``) and fiscal years (``timefiscal``) have their own modules.

The claim's window (``resolve_window``) applies the newsroom conventions on top: see its docstring and
the README's "Time windows".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateparser.date import DateDataParser

from verify.core.language import detect_language
from verify.core.prescan import RuleFilter
from verify.core.time import spans as cal
from verify.core.time.expressions import FLAGS, PART_BEFORE, RULES, Context, Found
from verify.core.time.languages import DATE_ORDERS, GLOSSARIES, gloss
from verify.core.time.tense import tense_before
from verify.core.time.typed_dates import malformed_date
from verify.errors import InvalidDate

GRANULARITIES = ("day", "week", "month", "quarter", "half", "season", "year", "by")


@dataclass(frozen=True)
class TimeWindow:
    start: date  # inclusive
    end: date  # inclusive
    granularity: str  # one of GRANULARITIES
    expression: str  # the text that was read, as it appears in the claim
    note: str | None = None  # a doubt worth showing: "11.06.2019 read as 11 June 2019 (day first)..."
    reading: str | None = None  # how a non-English expression was read, in English ("the first half of next year")

    def to_dict(self) -> dict:
        found = {"expression": self.expression, "start": self.start.isoformat(),
                 "end": self.end.isoformat(), "granularity": self.granularity}
        return found | {key: value for key, value in (("note", self.note), ("reading", self.reading)) if value}


@dataclass(frozen=True)
class Located:
    """One window found, where its expression starts, and the tense of the clause around it."""

    begin: int
    window: TimeWindow
    direction: str  # "future" or "past"


def resolve_window(text: str, published: date, *, hemisphere: str = "north", language: str | None = None,
                   date_order: str | None = None) -> TimeWindow | None:
    """The window the claim speaks of, or None when it names no time for what it predicts.

    Rules (the conventions in the README's "Time windows"): a time read in the past tense ("said Friday", "launched in
    March") or that ended before ``published`` sets no window; a window that contains the publication
    date starts on it ("this July" said on July 6 = July 6-31); of the rest, a window that contains
    another gives way to it (the most specific promise: "in July, perhaps on July 15"); windows that
    overlap keep their overlap ("at MWC next month"); separate ones are steps, read from the first to the
    last ("unveiled in March, on sale in May"). ``language`` (detected when None) picks the words read;
    ``date_order`` ("DMY" or "MDY") overrides the language's reading of numeric dates like 03/04/2023.
    """
    located = locate_windows(text, published, hemisphere=hemisphere, language=language, date_order=date_order)
    ahead = [item for item in located if item.window.end >= published
             and (item.direction != "past" or item.window.start > published)]  # "in 2027" is ahead, whatever the verb
    return _combine(text, [_from_publication(item, published) for item in _without_conditions(text, ahead)])


CONDITION = re.compile(r"\bonce\b[^,;.!?:]*\Z", re.I)


def _without_conditions(text: str, ahead: list[Located]) -> list[Located]:
    """Times in a condition ("will join this summer, once his release clause drops on July 1") say when the
    condition is met, not when the claimed thing happens: they give way to the claim's own time when it names
    one (a condition alone still sets the window: "once approved on July 1")."""
    own = [item for item in ahead if not CONDITION.search(text, max(0, item.begin - 80), item.begin)]
    return own or ahead


def reads_as_past(text: str, published: date, *, hemisphere: str = "north", language: str | None = None) -> bool:
    """True when the claim names a time, but only in the past ("The company confirmed the deal on Tuesday").

    Then ``resolve_window`` gives None although a time was written: the reporter should check whether
    the sentence is a claim about what comes at all. A reporting time alone ("..., sources said on
    Monday") or a sentence with a future word ("will", "expected", "plans") does not count as past.
    """
    located = locate_windows(text, published, hemisphere=hemisphere, language=language)
    if not located or resolve_window(text, published, hemisphere=hemisphere, language=language) is not None:
        return False
    if language in (None, "en") and FUTURE_MARKER.search(text):
        return False
    return any(not REPORTING.search(text, max(0, item.begin - 40), item.begin) for item in located)


FUTURE_MARKER = re.compile(r"\b(?:will|would|shall|could|might|expected|expects|plans?|planning|scheduled|slated|"
                           r"set\s+to|due\s+to|aims?\s+to|going\s+to|is\s+said\s+to|are\s+said\s+to)\b|'ll\b", re.I)
REPORTING = re.compile(r"\b(?:said|says|told|reported|announced|wrote|stated|added|noted|according\s+to)\b"
                       r"(?:\s+[\w']+){0,4}\s+(?:on|in|at|late|early|last)?\s*\Z", re.I)


def _from_publication(item: Located, published: date) -> TimeWindow:
    """A window that contains the publication date starts on it: a claim cannot be overdue for the past."""
    window = item.window
    return replace(window, start=published) if window.start < published <= window.end else window


def _combine(text: str, windows: list[TimeWindow]) -> TimeWindow | None:
    specific = [w for w in windows if not any(_contains(w, other) for other in windows if other is not w)]
    distinct = list({(w.start, w.end): w for w in specific}.values())
    if len(distinct) <= 1:
        return distinct[0] if distinct else None
    ordered = sorted(distinct, key=lambda w: text.find(w.expression))
    first, last = ordered[0], ordered[-1]
    overlap = max(w.start for w in distinct), min(w.end for w in distinct)
    begin, end = text.find(first.expression), text.find(last.expression) + len(last.expression)
    expression = text[begin:end] if 0 <= begin < end else first.expression
    notes = "; ".join(w.note for w in distinct if w.note) or None
    if overlap[0] <= overlap[1]:  # "at MWC next month": the days both name
        return TimeWindow(overlap[0], overlap[1], min(distinct, key=_days).granularity, expression, notes)
    start, end_day = min(w.start for w in distinct), max(w.end for w in distinct)  # steps: first to last
    if (end_day - start).days > MAX_STEPS_DAYS:  # "the largest cuts in five years ... as soon as next week"
        return min(distinct, key=_days)
    return TimeWindow(start, end_day, max(distinct, key=lambda w: w.end).granularity, expression, notes)


MAX_STEPS_DAYS = 2 * 366  # steps further apart than this are not one plan: keep the most specific


def _days(window: TimeWindow) -> int:
    return (window.end - window.start).days


def _contains(outer: TimeWindow, inner: TimeWindow) -> bool:
    return (outer.start <= inner.start and inner.end <= outer.end
            and (outer.start, outer.end) != (inner.start, inner.end))


def find_windows(text: str, published: date, *, hemisphere: str = "north", language: str | None = None,
                 date_order: str | None = None) -> list[TimeWindow]:
    """Every time expression found, in text order, read as written (past ones too; no clipping)."""
    located = locate_windows(text, published, hemisphere=hemisphere, language=language, date_order=date_order)
    return [item.window for item in located]


def locate_windows(text: str, published: date, *, hemisphere: str = "north", language: str | None = None,
                   date_order: str | None = None) -> list[Located]:
    """Every time expression found, with where it starts and the tense around it, in text order.

    Text in another language is first glossed into English time words (``timelanguages``), then read by
    the same English rules; each window keeps the original words as ``expression`` and the gloss as
    ``reading``. Memoised for the last few thousand texts: a claim being logged or imported is read up to
    four times (its window, then the past-time checks of `logging_warning`), each read costs about 0.06 ms
    (0.4 ms before the pre-scan of ``prescan`` skipped the rules a text cannot match).
    """
    if not text or not text.strip():
        return []
    return list(_located(text, published, hemisphere, language or detect_language(text), date_order))


# Letters that case-blind matching reads as ASCII ones ("Wedneſday" matches the weekday rule) while the rules'
# tables are keyed in ASCII: written as those ASCII letters first, one for one, so positions stay the same.
_CASE_BLIND = str.maketrans({"ſ": "s", "K": "K", "İ": "I", "ı": "i"})


@functools.lru_cache(maxsize=4096)
def _located(text: str, published: date, hemisphere: str, language: str,
             date_order: str | None) -> tuple[Located, ...]:
    text = text.translate(_CASE_BLIND)
    if language == "en" or language not in GLOSSARIES:
        return tuple(_merge(_english(text, published, hemisphere, "en", date_order)))
    glossed = gloss(text, language)
    located = []
    for item in _english(glossed.text, published, hemisphere, language, date_order):
        begin, end = glossed.original(item.begin, item.begin + len(item.window.expression))
        reading = item.window.expression if text[begin:end] != item.window.expression else None
        window = replace(item.window, expression=text[begin:end], reading=reading)
        located.append(Located(begin, window, item.direction))
    return tuple(_merge(located))


def _merge(located: list[Located]) -> list[Located]:
    """Drop windows inside longer ones; keep text order."""
    kept: list[Located] = []
    for item in sorted(located, key=lambda item: -len(item.window.expression)):
        end = item.begin + len(item.window.expression)
        if item.window.expression and all(end <= other.begin or item.begin >= other.begin + len(other.window.expression)
                                          for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda item: item.begin)


def _english(text: str, published: date, hemisphere: str, language: str, date_order: str | None) -> list[Located]:
    order = date_order or DATE_ORDERS.get(language, "MDY")
    candidates = []
    for rank, ((pattern, handler), can_match) in enumerate(zip(RULES, _rule_filter().may_match(text), strict=True)):
        if not can_match:  # the rule cannot match: its scan is skipped (`prescan`)
            continue
        for match in pattern.finditer(text):
            ctx = Context(published, hemisphere, tense_before(text, match.start()), order, language,
                          date_order is not None)
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
            windows.append(Located(found.end - len(window.expression), window, ctx.direction))
    return windows


@functools.cache
def _rule_filter() -> RuleFilter:
    """The words each rule's matches always contain, worked out once, when the first text is read."""
    return RuleFilter([pattern for pattern, _ in RULES])


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
AROUND = re.compile(r"\bthe\s+(?P<unit>week|day)\s+(?P<side>after|before)\s+(?:the\s+)?\Z", FLAGS)
# "before markets open on Monday": the event is on that day, so the day itself is the deadline.
BEFORE_AN_OPENING = re.compile(r"\b(?P<w>before|ahead\s+of)\s+(?:the\s+)?(?:[a-z]+\s+){1,2}(?:opens?|opening|starts?|"
                               r"begins?|resumes?)\s+(?:on\s+)?\Z", FLAGS)


def _with_modifiers(text: str, found: Found, ctx: Context) -> TimeWindow:
    """Apply what stands just before the expression: "early", "the end of", "later", "by", "before"."""
    (start, end), granularity, begin = found.span, found.granularity, found.begin
    around = AROUND.search(text, max(0, begin - 30), begin)
    if around and granularity == "day" and start == end:  # "the week after Thanksgiving"
        shift = timedelta(days=7 if around.group("unit").lower() == "week" else 1)
        day = start + shift if around.group("side").lower() == "after" else start - shift
        (start, end) = cal.week_span(day) if around.group("unit").lower() == "week" else (day, day)
        granularity, begin = ("week" if around.group("unit").lower() == "week" else "day"), around.start()
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
    opening = BEFORE_AN_OPENING.search(text, max(0, begin - 40), begin)
    if opening and granularity == "day":
        return TimeWindow(min(ctx.published, end), end, "by", text[opening.start() : found.end], found.note)
    deadline = DEADLINE.search(text, max(0, begin - 30), begin)
    if deadline and granularity != "by":
        word = deadline.group("w").lower().split()[0]
        ends_with_period = part is not None and part.group("edge") and part.group("edge").lower() in ("end", "close")
        if word in BEFORE_START and not ends_with_period:
            end = start - timedelta(days=1)
        start, granularity, begin = min(ctx.published, end), "by", deadline.start()
    return TimeWindow(start, end, granularity, text[begin : found.end], found.note)


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
    return replace(found, span=span, granularity=granularity, parse=None) if span else None


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
