"""Named events as windows: trade shows, Apple's fall event, the holiday season, the Olympics, the World Cup.

Why fixed ranges: a rumor says "at WWDC" or "at CES" long before the dates are announced, and an editor
sets the window the event usually takes (the ranges below, from the conventions in the README's "Time windows"). Events
with a known date (an Olympic opening ceremony, a World Cup kick-off) use it. A year written after the
name ("CES 2020") picks that year; otherwise the next one not yet over.
"""

from __future__ import annotations

import re
from datetime import date

from verify.core.time import spans as cal
from verify.core.time.patterns import Context, named_or_nearest

# name pattern -> ((first month, day), (last month, day)); acronyms must be written in capitals.
EVENTS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    r"(?-i:CES)|Consumer\s+Electronics\s+Show": ((1, 1), (1, 15)),
    r"(?-i:MWC)|Mobile\s+World\s+Congress": ((2, 15), (3, 10)),
    r"(?:Google(?:['’]s)?\s+)?(?-i:I/O)(?:\s+developer\s+conference)?": ((5, 1), (5, 31)),
    r"Computex": ((5, 20), (6, 10)),
    r"(?-i:WWDC)|Worldwide\s+Developers\s+Conference": ((6, 1), (6, 15)),
    r"(?-i:E3)(?:\s+(?:expo|show|conference))?": ((6, 1), (6, 20)),
    r"Xbox(?:\s+Games)?\s+Showcase": ((6, 1), (6, 15)),
    r"Gamescom": ((8, 15), (8, 31)),
    r"(?-i:IFA)": ((8, 25), (9, 15)),
    r"Apple['’]s\s+(?:annual\s+)?(?:fall|autumn|September|iPhone)\s+(?:\w+\s+)?event"
    r"|(?:the\s+)?(?:fall|autumn|September)\s+iPhone\s+(?:\w+\s+)?event": ((9, 1), (9, 30)),
    r"(?:Apple['’]s\s+)?holiday\s+quarter": ((10, 1), (12, 31)),
}
EVENT_PATTERN = r"\b(?P<event>" + "|".join(f"(?:{p})" for p in EVENTS) + r")(?:\s+(?P<year>(?:19|20)\d{2}))?\b"

OLYMPICS = {  # opening ceremonies: (season, city, day)
    ("summer", "beijing", date(2008, 8, 8)), ("summer", "london", date(2012, 7, 27)),
    ("summer", "rio", date(2016, 8, 5)), ("summer", "tokyo", date(2021, 7, 23)),
    ("summer", "paris", date(2024, 7, 26)), ("summer", "los angeles", date(2028, 7, 14)),
    ("summer", "brisbane", date(2032, 7, 23)), ("winter", "vancouver", date(2010, 2, 12)),
    ("winter", "sochi", date(2014, 2, 7)), ("winter", "pyeongchang", date(2018, 2, 9)),
    ("winter", "beijing", date(2022, 2, 4)), ("winter", "milan", date(2026, 2, 6)),
}
WORLD_CUP = (date(2010, 6, 11), date(2014, 6, 12), date(2018, 6, 14), date(2022, 11, 20), date(2026, 6, 11))
# Only after a preposition: "before the Paris Olympics open" names a time, "the Tokyo Olympics will be
# postponed" names the subject.
AFTER_PREPOSITION = "(?:" + "|".join(rf"(?<=\b{word}\s)" for word in (
    "at", "by", "to", "for", "before", "during", "of", "until", "after", "ahead of", "in time for")) + ")"
GAMES_PATTERN = (AFTER_PREPOSITION + r"(?:(?:the\s+)?(?:(?P<city>Paris|Tokyo|London|Rio|Beijing|Los\s+Angeles|Brisbane|"
                 r"Milan(?:[-\s]Cortina)?|"
                 r"Pyeongchang|Sochi|Vancouver)\s+|(?P<kind>Summer|Winter)\s+)?(?:Olympics|Olympic\s+Games)"
                 r"(?:\s+(?P<year>(?:19|20)\d{2}))?\b|(?<!rugby\s)(?<!cricket\s)(?<!women's\s)(?<!club\s)"
                 r"\b(?:the\s+)?(?:FIFA\s+)?(?P<cup>World\s+Cup)(?:\s+(?P<cupyear>(?:19|20)\d{2}))?\b)")
HOLIDAY_SEASON = (r"\b(?:(?P<by>in\s+time\s+for|by|before|ahead\s+of|until)\s+the\s+|(?P<this>this|the\s+coming)\s+|"
                  r"the\s+)holiday(?:s\b|\s+(?:shopping\s+)?season\b)")
TRANSFER = (r"\b(?:the\s+)?(?:summer\s+|january\s+|winter\s+)?transfer\s+"
            r"(?:deadline(?:\s+day)?|window\s+(?:closes|shuts))"
            r"|\b(?:for|from|ahead\s+of|before|in\s+time\s+for)\s+(?:the\s+)?(?:next|coming|upcoming)\s+season\b")


def event(m: re.Match, ctx: Context):
    name = m.group("event")
    (m1, d1), (m2, d2) = next(span for pattern, span in EVENTS.items() if re.fullmatch(pattern, name, re.I))
    span = named_or_nearest(lambda year: (date(year, m1, d1), date(year, m2, d2)), m, ctx)
    return span and (span, "quarter" if "quarter" in name.lower() else "day")


def games(m: re.Match, ctx: Context):
    """"the Paris Olympics", "the World Cup": the opening day of the next such event (or the year's)."""
    if m.group("cup"):
        days = list(WORLD_CUP)
        year = m.group("cupyear")
    else:
        city, kind = (m.group("city") or "").lower().split("-")[0].split(" cortina")[0], (m.group("kind") or "").lower()
        days = sorted(day for season, place, day in OLYMPICS
                      if (not city or place == city) and (not kind or season == kind))
        year = m.group("year")
    if year:
        days = [day for day in days if abs(day.year - int(year)) <= 1]  # Tokyo 2020 opened in 2021
        return days and ((days[0], days[0]), "day")
    ahead = [day for day in days if day >= ctx.published] if ctx.direction != "past" else []
    past = [day for day in days if day < ctx.published]
    day = ahead[0] if ahead else (past[-1] if past else None)
    return day and ((day, day), "day")


def holiday_season(m: re.Match, ctx: Context):
    """"in time for the holidays", "this holiday season": until December 31; "during the holiday season":
    November and December."""
    today = ctx.published
    year = today.year
    if m.group("by") or m.group("this"):
        return (today, date(year, 12, 31)), "by"
    span = cal.nearest(lambda y: (date(y, 11, 1), date(y, 12, 31)), today, "future")
    return span and (span, "season")


def transfer_deadline(m: re.Match, ctx: Context):
    """Football: the transfer window closes August 31 (and January 31); a coach "for next season" is due by
    August 31."""
    today = ctx.published
    closes = [date(y, mo, 31) for y in (today.year, today.year + 1) for mo in (1, 8)]
    if "season" in m.group(0).lower():
        closes = [day for day in closes if day.month == 8]
    day = min(day for day in closes if day >= today)
    return (today, day), "by"
