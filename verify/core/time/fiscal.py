"""Fiscal years and quarters, turned into calendar months by the company the claim names.

Why: "in its fiscal first quarter of 2024" is October to December 2023 for Apple and January to March 2024
for a company whose fiscal year is the calendar year; reading it as calendar Q1 2024 would leave an Apple
claim overdue three months late. Years are named by the calendar year they end in (Apple, Microsoft,
NVIDIA, Walmart, the U.S. federal government) or, in Japan, the year they start in (2025年度 = April 2025 -
March 2026). A company not listed here keeps the calendar year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from verify.core.time import spans as cal
from verify.core.time.patterns import MONTH, ORDINALS, YEAR, Context
from verify.core.time.spans import Span


@dataclass(frozen=True)
class FiscalYear:
    first_month: int  # the month the fiscal year starts in
    named_by_end: bool  # FY2024 ends in 2024 (True) or starts in 2024 (False)

    def start_year(self, fiscal: int) -> int:
        return fiscal - 1 if self.named_by_end and self.first_month != 1 else fiscal

    def year(self, fiscal: int) -> Span:
        return cal.months_span(self.start_year(fiscal), self.first_month, 12)

    def quarter(self, fiscal: int, number: int) -> Span:
        index = self.start_year(fiscal) * 12 + self.first_month - 1 + 3 * (number - 1)
        return cal.months_span(index // 12, index % 12 + 1, 3)

    def containing(self, day: date) -> int:
        start_year = day.year if day.month >= self.first_month else day.year - 1
        return start_year + 1 if self.named_by_end and self.first_month != 1 else start_year


CALENDAR = FiscalYear(1, True)
JAPANESE = FiscalYear(4, False)
# Who keeps which fiscal year; the first name found in the claim decides.
COMPANIES: list[tuple[str, FiscalYear]] = [
    (r"apple", FiscalYear(10, True)),
    (r"microsoft", FiscalYear(7, True)),
    (r"nvidia|walmart|wal-mart", FiscalYear(2, True)),
    (r"pentagon|defen[cs]e\s+department|department\s+of\s+defen[cs]e|federal|congress|u\.?s\.?\s+government|"
     r"white\s+house|\bcbo\b|\bomb\b", FiscalYear(10, True)),
    (r"sony|toyota|panasonic|nintendo|softbank|honda|nissan|hitachi|toshiba|sharp|mitsubishi|\bntt\b|kddi|fujitsu|"
     r"\bnec\b|mazda|subaru|suzuki|seven\s*&\s*i|japan|japanese|tokyo", JAPANESE),
]

_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_FY = rf"(?:fiscal(?:\s+year)?|FY)\s*'?(?P<fy>{YEAR}|\d{{2}})\b"
FISCAL_PATTERNS = [
    rf"\b(?P<by>(?:before|by|until)\s+the\s+end\s+of\s+|within\s+)?(?:its\s+|the\s+)?{_FY}",
    rf"\b(?:its\s+|the\s+)?fiscal\s+{_ORD}[\s-]+quarter(?:\s+(?:of\s+)?(?:fiscal\s+(?:year\s+)?)?(?P<year>{YEAR}))?",
    rf"\b(?:its\s+|the\s+)?{_ORD}\s+fiscal\s+quarter(?:\s+(?:of\s+)?(?P<year>{YEAR}))?",
    rf"\b(?:its\s+|the\s+)?{_ORD}[\s-]+quarter\s+of\s+(?:its\s+|the\s+)?{_FY}",
    rf"\b(?:fiscal\s+|FY\s*)Q(?P<n>[1-4])(?:\s+(?P<year>{YEAR}))?\b",
    rf"\bQ(?P<n>[1-4])\s+(?:of\s+)?{_FY}",
    r"\b(?P<by>(?:before|by|until)\s+the\s+end\s+of\s+|within\s+)?(?:its\s+|the\s+)?(?P<rel>current|this|next|coming)"
    r"\s+fiscal\s+year\b",
    rf"\b(?P<by>(?:before|by|until)\s+the\s+end\s+of\s+|within\s+)?(?:its\s+|the\s+)?fiscal\s+year\s+(?:that\s+|which\s+)?"
    rf"(?P<edge>ending|ended|ends|starting|started|starts|beginning|begins)\s+(?:in\s+)?{MONTH}\s+(?P<year>{YEAR})",
]


def _numbered(pattern: str, i: int) -> str:
    """Each alternative's groups get its number (Python forbids a group name twice in one pattern)."""
    return "(?:" + re.sub(r"[(][?]P<(\w+)>", lambda m: f"(?P<{m.group(1)}{i}>", pattern) + ")"


FISCAL_PATTERN = "|".join(_numbered(p, i) for i, p in enumerate(FISCAL_PATTERNS))


def fiscal_year_of(text: str, language: str = "en") -> FiscalYear:
    if language == "ja":
        return JAPANESE
    lowered = text.lower()
    found = [(m.start(), fy) for pattern, fy in COMPANIES for m in [re.search(pattern, lowered)] if m]
    return min(found, key=lambda item: item[0])[1] if found else CALENDAR


def fiscal(m: re.Match, ctx: Context):
    groups = {re.sub(r"\d+$", "", k): v for k, v in m.groupdict().items() if v is not None}
    fy = fiscal_year_of(m.string, ctx.language)
    today = ctx.published
    if "edge" in groups:
        month, year = cal.MONTHS[groups["month"].lower().rstrip(".")], int(groups["year"])
        ending = groups["edge"].lower().startswith("end")
        first = date(year, month, 1) if not ending else cal.add_months(date(year, month, 1), -11)
        span = cal.months_span(first.year, first.month, 12)
    elif "rel" in groups:
        current = fy.containing(today)
        span = fy.year(current + (1 if groups["rel"].lower() in ("next", "coming") else 0))
    else:
        number = int(groups.get("n") or 0) or ORDINALS.get((groups.get("ord") or "").lower())
        named = groups.get("fy") or groups.get("year")
        fiscal_year = (int(named) if len(named) == 4 else 2000 + int(named)) if named else None
        if number and fiscal_year is None:
            candidates = [fy.quarter(year, number) for year in range(today.year - 1, today.year + 3)]
            span = next((s for s in candidates if s[1] >= today), candidates[-1])
        elif number:
            span = fy.quarter(fiscal_year, number)
        else:
            span = fy.year(fiscal_year)
    if groups.get("by"):
        end = span[1] if not groups["by"].lower().startswith("before") or "end" in groups["by"].lower() else \
            span[0] - timedelta(days=1)
        return (min(today, end), end), "by"
    return span, "quarter" if (span[1] - span[0]).days < 100 else "year"
