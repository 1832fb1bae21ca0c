"""The time a claim speaks of: phrases -> windows, deadlines and dates typed by people.

One public entry over the rules behind it: `spans` (calendar arithmetic), `patterns`, `days`, `periods`,
`events` (WWDC, CES, the holidays), `fiscal` (fiscal years by company), `expressions` (the ordered rule
list), `languages` and `cjk` (phrases in other languages), `tense` (past or future), `typed_dates` (dates
that must be refused) and `window` (choosing and combining what was found).
"""

from verify.core.time.window import (
    GRANULARITIES,
    TimeWindow,
    find_windows,
    locate_windows,
    parse_date,
    reads_as_past,
    resolve_window,
)

__all__ = ["GRANULARITIES", "TimeWindow", "find_windows", "locate_windows", "parse_date", "reads_as_past",
           "resolve_window"]
