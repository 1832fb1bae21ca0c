"""The English, table-driven layer of the time resolver: regexes for the forms reporters use.

Each rule finds a *core* period ("March", "Q3 2022", "next year", "this fall", "Christmas") and returns
its span; ``modifiers`` then reads what stands just before it ("early", "the end of", "by", "before",
"later") so the forms compose instead of multiplying. Numeric and day-and-month dates are only *found*
here; the caller hands those spans to dateparser (``Found.parse``), which knows their many formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from verify.core import timecalendar as cal
from verify.core.timecalendar import Span

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
# "A few" units, read as a deadline: "within weeks" = within 4 weeks, "in the coming months" = 3 months.
FEW = {"hour": 24, "day": 7, "week": 4, "month": 3, "year": 3}
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


@dataclass(frozen=True)
class Context:
    published: date
    hemisphere: str
    direction: str  # "future" or "past": how an underspecified date ("Friday", "in March") is read


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
    r"(?:\b(?P<part>early|mid|late)[\s-]+|\b(?:the\s+)?(?P<edge>beginning|start|middle|end|close)\s+of\s+(?:the\s+)?)\Z",
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


def _shift(span_for: Callable[[date], Span], today: date, q: str | None) -> Span:
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


def _periodic(span_for_year: Callable[[int], Span], match: re.Match, ctx: Context) -> Span | None:
    year = _year_of(match, ctx.published)
    if year is not None:
        return span_for_year(year)
    return cal.nearest(span_for_year, ctx.published, _qualifier(g(match, "q"), ctx.direction))


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
    span = _periodic(lambda year: cal.month_span(year, number), m, ctx)
    return span and (span, "month")


def quarter(m: re.Match, ctx: Context):
    number = int(g(m, "n") or 0) or ORDINALS[g(m, "ord").lower()]
    span = _periodic(lambda year: cal.quarter_span(year, number), m, ctx)
    return span and (span, "quarter")


def half(m: re.Match, ctx: Context):
    word = (g(m, "n") or g(m, "ord")).lower()
    number = 2 if word in ("2", "second", "2nd", "latter", "back") else 1
    span = _periodic(lambda year: cal.half_span(year, number), m, ctx)
    return span and (span, "half")


def season(m: re.Match, ctx: Context):
    name = m.group("s").lower()
    if name == "fall" and not (g(m, "q") or g(m, "year")):
        before = m.string[max(0, m.start() - 12) : m.start()]
        if not re.search(r"\b(in|by|until|before|during|the|early|mid|late|this)[\s-]+\Z", before, FLAGS):
            return None  # the verb "fall"
    span = _periodic(lambda year: cal.season_span(name, year, ctx.hemisphere), m, ctx)
    return span and (span, "season")


OTHER_NEW_YEARS = re.compile(r"\b(?:chinese|lunar|islamic|hijri|jewish|persian|parsi|hindu|thai|tamil|sikh|korean|vietnamese"
                             r"|orthodox|julian)\s+(?:lunar\s+)?\Z", FLAGS)


def holiday(m: re.Match, ctx: Context):
    if OTHER_NEW_YEARS.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # another calendar's new year (or Easter): not computed here
    key = re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))
    key = next(k for k in cal.HOLIDAYS if re.fullmatch(_holiday_pattern(k), key, FLAGS))
    day_for = cal.HOLIDAYS[key]
    span = _periodic(lambda year: (day_for(year), day_for(year)), m, ctx)
    return span and (span, "day")


def _holiday_pattern(name: str) -> str:
    return re.escape(name).replace("'s", "(?:'s|’s|s)?").replace(r"\ ", r"\s+")


COUNTED = re.compile(r"\s+[a-z]*[^\Wsiu]s\b")  # "2000 employees", not "2009 analysis"
PREPOSITION = re.compile(r"\b(?:in|by|since|until|till|of|from|to|for|before|after|during|through|early|mid|late|"
                         r"the|a|an|its|their|his|her|our|fiscal|year|season|spring|summer|fall|autumn|winter)[\s-]+\Z", FLAGS)


def year(m: re.Match, ctx: Context):
    """A year, or a range of years ("2023-24"); "2000 employees" is a count, not a year."""
    if COUNTED.match(m.string, m.end()) and not PREPOSITION.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    first = int(m.group("year"))
    to = m.group("to")
    if to:
        last = int(to) if len(to) == 4 else first // 100 * 100 + int(to)
        if last == first + 1 or (len(to) == 4 and first < last <= first + 10):
            return (date(first, 1, 1), date(last, 12, 31)), "year"
        return None
    return cal.year_span(first), "year"


PERIODS = {"week": cal.week_span, "month": lambda d: cal.month_span(d.year, d.month),
           "quarter": lambda d: cal.quarter_span(d.year, (d.month - 1) // 3 + 1),
           "half": lambda d: cal.half_span(d.year, (d.month - 1) // 6 + 1),
           "year": lambda d: cal.year_span(d.year)}


def relative_period(m: re.Match, ctx: Context):
    unit = {"qtr": "quarter", "yr": "year"}.get(m.group("unit").lower(), m.group("unit").lower())
    rest = REST_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
    if not m.group("q") and not m.group("end") and not part_before(m) and not rest:
        return None  # a bare "the year" is a time only in "the end of the year", "the rest of the year"
    base = ctx.published
    if (unit == "week" and (m.group("q") or "").lower() in THIS.split("|") and base.weekday() >= 5
            and ctx.direction == "future"):
        base += timedelta(days=7 - base.weekday())  # "this week" said on a weekend: the week ahead
    span = _shift(PERIODS[unit], base, m.group("q"))
    if m.group("after"):
        span = PERIODS[unit](span[1] + timedelta(days=1))
    if m.group("end"):
        span = cal.part_of_span(span, "late")
    return span, unit


def abbreviation(m: re.Match, ctx: Context):
    """EOD, EOM, EOQ, EOY and their "beginning of" twins, written in capitals."""
    if not m.group(0).isupper():
        return None
    unit = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}[m.group("u").upper()]
    if unit == "day":
        return (ctx.published, ctx.published), "day"
    return cal.part_of_span(PERIODS[unit](ctx.published), "late" if m.group("e") == "E" else "early"), unit


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


def day_of_month(m: re.Match, ctx: Context):
    """"The 15th": the coming one (this month's if not past, else next month's), or "of next month"."""
    number, today = int(m.group("day")), ctx.published
    if m.group("q"):
        start = _shift(PERIODS["month"], today, m.group("q"))[0]
        if number > cal.month_end(start.year, start.month).day:
            return None
        return (start.replace(day=number),) * 2, "day"
    direction = "past" if ctx.direction == "past" else "future"
    span = cal.nearest_in_months(lambda y, mo: (date(y, mo, number),) * 2, today, direction)
    return span and (span, "day")


def _quantity(text: str | None, unit: str) -> int:
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


def deadline(m: re.Match, ctx: Context):
    """"within weeks", "in the coming months", "over the next two years": from now until then."""
    unit = _unit(m)
    return (ctx.published, after(ctx.published, unit, _quantity(g(m, "qty"), unit))), "by"


def point_ahead(m: re.Match, ctx: Context):
    """"in two weeks", "three months from now": the day, month or year that far ahead."""
    unit = _unit(m)
    if unit == "hour":
        return None
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

    span = _periodic(span_for_year, m, ctx)
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
        span = _periodic(lambda year: span_for_month(year, number), m, ctx)
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


_YEAR_OF = rf"(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?:the\s+)?(?P<rel>this|next|last|current|following)\s+year))"
_ORD = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_DAY = r"(?P<day>[0-3]?\d(?:st|nd|rd|th)?|" + "|".join(w for w in ORDINALS if w.isalpha()) + r")"
_WD_WORD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?"
_WD = rf"(?:{_WD_WORD},?\s+)"
_LAST = _DAY.replace("?P<day>", "?P<last>")
_MONTH_TO = MONTH.replace("?P<month>", "?P<month_to>")
_TO = r"\s*(?:-|–|to|thru|through|until|till)\s*"
_HOLIDAYS = "|".join(_holiday_pattern(k) for k in sorted(cal.HOLIDAYS, key=len, reverse=True))

# (pattern, handler). Where two matches overlap, the longer wins, then the earlier rule.
RULES: list[tuple[re.Pattern, Handler]] = [(re.compile(p, FLAGS), h) for p, h in [
    (r"\b\d{4}-\d{1,2}-\d{1,2}\b", iso_date),
    (alternatives(r"\b\d{1,2}[/-]\d{1,2}[/-](?P<year>\d{4}|\d{2})\b(?![.\d])", r"\b\d{1,2}\.\d{1,2}\.(?P<year>\d{4})\b",
                  r"\b\d{1,2}/\d{1,2}\b(?![/\d])(?P<fraction>\s+of\b)?",
                  r"\b\d{1,2}/(?P<year>\d{4})\b", r"\b(?P<year>\d{4})[/-](?:0?[1-9]|1[0-2])\b(?![/-]\d)"), dated),
    (alternatives(
        rf"\b{_WD}?(?:the\s+)?{_DAY}\s*(?:of\s+|-|/)?{MONTH}(?:(?:,\s*|\s+|-|/)(?P<year>{YEAR}|'\d{{2}}))?",
        rf"\b{_WD}?{MONTH}\s*(?:the\s+)?{_DAY}(?![\d:])(?:,?\s+(?P<year>{YEAR}))?(?:,?\s+{_WD_WORD})?"), dated),
    (alternatives(rf"\b{MONTH}\s*{_DAY}{_TO}(?:{_MONTH_TO}\s*)?{_LAST}(?![\d:])(?:,?\s+(?P<year>{YEAR}))?",
                  rf"\b(?:the\s+)?{_DAY}{_TO}(?:the\s+)?{_LAST}\s+(?:of\s+)?{MONTH}(?:,?\s+(?P<year>{YEAR}))?"),
     day_range),
    (alternatives(rf"\b(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+{WEEKDAY}\s+"
                  rf"(?:of|in)\s+(?:{MONTH}(?:\s+(?P<year>{YEAR}))?|(?:the|this)\s+month)",
                  rf"\b(?:the\s+)?(?P<ord>last)\s+day\s+(?:of|in)\s+{MONTH}(?:\s+(?P<year>{YEAR}))?"), nth_weekday),
    (r"\b(?:the\s+day\s+(?:after|before)\s+)?(?:today|tomorrow|yesterday|tonight)\b", relative_day),
    (rf"\b{QTY}\s+{UNIT}\s+ago\b", relative_day),
    (rf"{QUALIFIER}\b{MONTH}(?:,?\s+(?P<year>{YEAR}))?(?!\s*\d)", month),
    (alternatives(rf"\bQ(?P<n>[1-4])(?:\s*(?:of\s+)?(?P<year>{YEAR}|'?\d{{2}}\b))?\b",
                  rf"\b(?P<year>{YEAR})\s*-?\s*Q(?P<n>[1-4])\b",
                  rf"\b(?P<n>[1-4])Q\s*(?P<year>{YEAR}|'?\d{{2}})\b",
                  rf"\b(?:the\s+)?{_ORD}(?:\s+(?:fiscal\s+|calendar\s+)?|-)(?:quarter|qtr)\b{_YEAR_OF}?"), quarter),
    (alternatives(rf"\bH(?P<n>[12])(?:\s*(?P<year>{YEAR}|'?\d{{2}}\b))?\b",
                  rf"\b(?P<n>[12])H\s*(?P<year>{YEAR}|'?\d{{2}})\b",
                  rf"\b(?:the\s+)?(?P<ord>first|second|1st|2nd|latter|back)\s+half(?:{_YEAR_OF}|\s+of\s+the\s+year)"),
     half),
    (rf"{QUALIFIER}\b(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>{YEAR}))?", season),
    (rf"{QUALIFIER}\b(?P<h>{_HOLIDAYS})\b{_YEAR_OF}?", holiday),
    (rf"(?<![\d$€£.,])\b(?P<year>{YEAR})(?:\s*[-–/]\s*(?P<to>(?:19|20)?\d{{2}}))?\b(?!\s*%|[.,]\d)", year),
    (rf"(?:(?:the\s+)?(?P<q>{NEXT}|{THIS}|{LAST})\s+|the\s+)?\b(?P<unit>week|month|quarter|qtr|year|yr)\b"
     r"(?P<after>\s+after\s+next)?(?P<end>[- ]end\b)?", relative_period),
    (r"\b(?P<e>[EB])O(?P<u>[DWMQY])\b", abbreviation),
    (rf"(?:\b(?P<q>this|next|last|coming|past)\s+)?\b{WEEKDAY}(?:\s+(?P<after>after\s+next)"
     rf"|\s+(?:of\s+)?(?P<wq>this|next|last)\s+week)?", weekday),
    (r"\b(?:on\s+)?the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
     rf"(?:\s+(?:day\s+)?of\s+(?:the\s+)?(?P<q>{NEXT}|{THIS}|{LAST})\s+month)?", day_of_month),
    (alternatives(rf"\b(?:within|in\s+less\s+than|in\s+under)\s+(?:the\s+(?:next|coming)\s+)?(?:{QTY}\s+)?{UNIT}",
                  rf"\b(?:(?:in|over|during|within)\s+)?the\s+(?:next|coming|following|upcoming)\s+(?:{QTY}\s+)?{UNIT}",
                  rf"\b(?:next|coming)\s+{QTY}\s+{UNIT}"), deadline),
    (alternatives(rf"\bin\s+{QTY}\s+{UNIT}(?!\s+ago)(?:'?s?\s+time)?",
                  rf"\b{QTY}\s+{UNIT}\s+(?:from\s+(?:now|today)|hence)"), point_ahead),
    (rf"\b(?:the\s+)?(?:last|past|previous)\s+{QTY}\s+{UNIT}", recent),
]]
