"""The English, table-driven layer of the time resolver: regexes for the forms reporters use.

Each rule finds a *core* period ("March", "Q3 2022", "next year", "this fall", "Christmas") and returns
its span; ``timewindow`` then reads what stands just before it ("early", "the end of", "by", "before",
"later") so the forms compose instead of multiplying. Numeric and day-and-month dates are only *found*
here; the caller hands those spans to dateparser (``Found.parse``), which knows their many formats.

The handlers live in ``timeperiods`` (named periods) and ``timedays`` (days and counted spans), the shared
regex pieces and helpers in ``timepatterns``; this module is the table that ties patterns to handlers.
"""

from __future__ import annotations

from verify.core.caseless import Caseless
from verify.core.time import spans as cal
from verify.core.time.days import (
    dated,
    day_of_month,
    day_range,
    days_of_month,
    deadline,
    iso_date,
    nth_weekday,
    numeric_date,
    point_ahead,
    recent,
    relative_day,
    weekday,
)
from verify.core.time.events import (
    EVENT_PATTERN,
    GAMES_PATTERN,
    HOLIDAY_SEASON,
    TRANSFER,
    event,
    games,
    holiday_season,
    transfer_deadline,
)
from verify.core.time.fiscal import FISCAL_PATTERN, fiscal
from verify.core.time.patterns import (
    FLAGS,
    LAST,
    MONTH,
    NEXT,
    ORDINALS,
    PART_BEFORE,
    QTY,
    QUALIFIER,
    THIS,
    UNIT,
    WEEKDAY,
    YEAR,
    Context,
    Found,
    Handler,
    alternatives,
)
from verify.core.time.periods import (
    abbreviation,
    half,
    holiday,
    holiday_pattern,
    month,
    quarter,
    relative_period,
    season,
    weekend,
    year,
)

__all__ = ["FLAGS", "PART_BEFORE", "RULES", "Context", "Found"]


_YEAR_OF = rf"(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?:the\s+)?(?P<rel>this|next|last|current|following)\s+year))"
_ORD = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_DAY = r"(?P<day>[0-3]?\d(?:st|nd|rd|th)?|" + "|".join(w for w in ORDINALS if w.isalpha()) + r")"
_WD_WORD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?"
_WD = rf"(?:{_WD_WORD},?\s+)"
_LAST = _DAY.replace("?P<day>", "?P<last>")
_MONTH_TO = MONTH.replace("?P<month>", "?P<month_to>")
_TO = r"\s*(?:-|–|to|thru|through|until|till)\s*"
_HOLIDAYS = "|".join(holiday_pattern(k) for k in sorted(cal.HOLIDAYS, key=len, reverse=True))

# (pattern, handler). Where two matches overlap, the longer wins, then the earlier rule.
RULES: list[tuple[Caseless, Handler]] = [(Caseless(p, FLAGS), h) for p, h in [
    (r"\b\d{4}-\d{1,2}-\d{1,2}\b", iso_date),
    (r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})\b(?!\.?\d)", numeric_date),
    (alternatives(r"\b\d{1,2}/\d{1,2}\b(?![/\d])(?P<fraction>\s+of\b)?",
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
                  rf"\b(?:the\s+)?(?P<ord>first|second|1st|2nd|latter|back)\s+half(?:{_YEAR_OF}|\s+of\s+the\s+year)",
                  rf"\b(?:in|during)\s+the\s+(?P<ord>first|second|latter|back)\s+half\b(?:\s+(?P<year>{YEAR}))?"
                  r"(?![\s-]+(?:of|time)\b)"),
     half),
    (rf"{QUALIFIER}\b(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>{YEAR}))?", season),
    (rf"{QUALIFIER}\b(?P<h>{_HOLIDAYS})\b{_YEAR_OF}?", holiday),
    (rf"(?<![\d$€£.,])\b(?P<year>{YEAR})(?:\s*[-–/]\s*(?P<to>(?:19|20)?\d{{2}})|\s+or\s+(?P<to1>{YEAR}))?\b"
     r"(?!\s*%|[.,]\d)", year),
    (rf"(?:(?:the\s+)?(?P<q>{NEXT}|{THIS}|{LAST})\s+|the\s+)?\b(?P<unit>week|month|quarter|qtr|year|yr)\b"
     r"(?P<after>\s+after\s+next)?(?P<end>[- ]end\b)?", relative_period),
    (r"\b(?P<e>[EB])O(?P<u>[DWMQY])\b", abbreviation),
    (r"(?:\b(?P<q>this|next|coming|following|last|past|previous)\s+|\b(?:at|over|on|during)\s+the\s+)weekend\b",
     weekend),
    (rf"(?:\b(?P<q>this|next|last|coming|past)\s+)?\b{WEEKDAY}(?:\s+(?P<after>after\s+next)"
     rf"|\s+(?:of\s+)?(?P<wq>this|next|last)\s+week)?", weekday),
    (r"\b(?:from\s+|on\s+)?the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\s*(?:to|-|–|through|and)\s*(?:the\s+)?"
     r"(?P<last>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of|in)\s|\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
     days_of_month),
    (r"\b(?:on\s+)?the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
     rf"(?:\s+(?:day\s+)?of\s+(?:the\s+)?(?P<q>{NEXT}|{THIS}|{LAST})\s+month)?", day_of_month),
    (alternatives(rf"\b(?:within|in\s+less\s+than|in\s+under)\s+(?:the\s+(?:next|coming)\s+)?(?:{QTY}\s+)?{UNIT}",
                  rf"\b(?:(?:in|over|during|within)\s+)?the\s+(?:next|coming|following|upcoming)\s+(?:{QTY}\s+)?{UNIT}",
                  rf"\b(?:next|coming)\s+{QTY}\s+{UNIT}"), deadline),
    (alternatives(rf"\bin\s+{QTY}\s+{UNIT}(?!\s+ago)(?:'?s?\s+time)?",
                  rf"\b{QTY}\s+{UNIT}\s+(?:from\s+(?:now|today)|hence)"), point_ahead),
    (rf"\b(?:the\s+)?(?:last|past|previous)\s+{QTY}\s+{UNIT}", recent),
    (FISCAL_PATTERN, fiscal),
    (EVENT_PATTERN, event),
    (GAMES_PATTERN, games),
    (HOLIDAY_SEASON, holiday_season),
    (TRANSFER, transfer_deadline),
]]
