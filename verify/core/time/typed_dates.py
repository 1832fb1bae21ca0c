"""Dates typed or imported by people that must be refused rather than read as another date.

Why: a lenient reader turns "2022-13-01" into 13 January and "1e3" into 1 March; a claim filed under the
wrong day scores its source on the wrong window. A value shaped like a numeric date must be a real one, and
a token mixing digits and letters is refused unless it is an ordinal (28th), a clock time (10am) or ISO.
"""

from __future__ import annotations

import re
from datetime import date

_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", re.IGNORECASE)
_MIXED = re.compile(r"\b(?=\w*\d)(?=\w*[A-Za-z])\w+\b")
_ALLOWED_MIXED = re.compile(r"\d{1,2}(st|nd|rd|th|am|pm|h|d|w)|\d{1,2}:\d{2}(am|pm)", re.IGNORECASE)


def malformed_date(typed: str) -> str | None:
    """Why `typed` cannot be a date, or None when a reader may try it."""
    text = typed.strip()
    if _ISO_MOMENT.fullmatch(text):
        return None
    numeric = _YEAR_FIRST.fullmatch(text)
    if numeric:
        year, month, day = (int(part) for part in numeric.groups())
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        try:
            date(year, month, day)
        except ValueError:
            return f"there is no day {day} in month {month} of {year}"
        return None
    for token in _MIXED.findall(text):
        if not _ALLOWED_MIXED.fullmatch(token):
            return f"{token!r} mixes digits and letters"
    return None
