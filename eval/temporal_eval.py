"""Measure the time resolver on public gold data (TempEval-3, MEANTIME, Duckling's English corpus).

Usage: .venv/bin/python eval/temporal_eval.py [--data ../shared/eval/temporal/temporal.jsonl]

What is fair: verify reads whole claims, so the main figure runs ``find_windows`` over the *sentence*
(with the document date as publication date) and scores the window whose text overlaps the gold
expression; the sentence carries the tense a claim would carry. The "expression" column resolves the
gold expression alone, which is what the dateparser reference gets too.

Scoring: the gold value becomes a window (2013-03-22 day, 2013-03 month, 2013-Q3, 2013-H2, 2013-W11 ISO
week, 2013 year, 2013-SU season, "start/end" intervals whose end is exclusive). A hit is an equal window;
"loose" counts any overlap. With a TimeML ``mod`` (START, MID, END...) the gold stays at the value's
grain, so our window is widened to that grain before comparing. Values with no window (PRESENT_REF,
durations, XXXX-...) are counted as unscorable. Misses whose gold lies before the document date,
on expressions without a year, are reported apart: TimeML reads them in the past tense, verify prefers
the future. Never copy expected answers from here into code or tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateparser.date import DateDataParser  # noqa: E402

from verify.core.time import find_windows  # noqa: E402
from verify.core.time import spans as cal  # noqa: E402

DEFAULT_DATA = next((p for p in (Path(__file__).resolve().parents[n] / "shared" / "eval" / "temporal" / "temporal.jsonl"
                                 for n in (2, 3)) if p.exists()), Path("temporal.jsonl"))
SEASON_CODES = {"SP": "spring", "SU": "summer", "FA": "fall", "AU": "fall", "WI": "winter"}
Window = tuple[date, date]


def gold_window(value: str) -> tuple[Window, str] | None:
    """The gold value as (window, grain), or None when it names no window."""
    if "/" in value:
        start, end = (date.fromisoformat(part[:10]) for part in value.split("/"))
        return (start, max(start, end - timedelta(days=1))), "interval"
    patterns = [
        (r"(\d{4})-(\d{2})-(\d{2})", lambda y, m, d: (date(y, m, d), date(y, m, d)), "day"),
        (r"(\d{4})-W(\d{2})", lambda y, w: (date.fromisocalendar(y, w, 1), date.fromisocalendar(y, w, 7)), "week"),
        (r"(\d{4})-(\d{2})", cal.month_span, "month"),
        (r"(\d{4})-Q(\d)", cal.quarter_span, "quarter"),
        (r"(\d{4})-H(\d)", cal.half_span, "half"),
        (r"(\d{4})", cal.year_span, "year"),
    ]
    for pattern, make, grain in patterns:
        found = re.fullmatch(pattern, value)
        if found:
            return make(*map(int, found.groups())), grain
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value)
    if season:
        return cal.season_span(SEASON_CODES[season.group(2)], int(season.group(1))), "season"
    return None


def widened(window: Window, grain: str) -> Window:
    """Our window stretched to whole periods of the gold's grain (for TimeML values with a ``mod``)."""
    grow = {"month": lambda d: cal.month_span(d.year, d.month), "year": lambda d: cal.year_span(d.year),
            "quarter": lambda d: cal.quarter_span(d.year, (d.month - 1) // 3 + 1), "week": cal.week_span}
    if grain not in grow:
        return window
    return grow[grain](window[0])[0], grow[grain](window[1])[1]


def ours_in_sentence(row: dict) -> Window | None:
    """The window found in the sentence whose text overlaps the gold expression."""
    text, expression = row["text"], row["expression"]
    at = text.lower().find(expression.lower())
    for window in find_windows(text, date.fromisoformat(row["dct"])):
        begin = text.find(window.expression)
        if at < 0 or (begin < at + len(expression) and at < begin + len(window.expression)):
            return window.start, window.end
    return None


def ours_alone(row: dict) -> Window | None:
    published = date.fromisoformat(row["dct"])
    windows = find_windows(row["expression"], published)
    ahead = [w for w in windows if w.end >= published] or windows
    window = min(ahead, key=lambda w: (w.end - w.start).days, default=None)
    return (window.start, window.end) if window else None


def dateparser_alone(row: dict) -> Window | None:
    """The reference: dateparser with the document date as RELATIVE_BASE, its period as the grain."""
    base = datetime.fromisoformat(row["dct"])
    data = DateDataParser(settings={"RELATIVE_BASE": base}).get_date_data(row["expression"])
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    spans = {"week": cal.week_span, "month": lambda d: cal.month_span(d.year, d.month),
             "year": lambda d: cal.year_span(d.year)}
    return spans.get(data.period, lambda d: (d, d))(day)


SYSTEMS = {"ours (sentence)": ours_in_sentence, "ours (expression)": ours_alone, "dateparser alone": dateparser_alone}


def score(row: dict, gold: Window, grain: str, window: Window | None) -> tuple[bool, bool]:
    if window is None:
        return False, False
    if row.get("mod") and row["source"] != "duckling-en-corpus":
        window = widened(window, grain)
    return window == gold, window[0] <= gold[1] and gold[0] <= window[1]


def evaluate(rows: list[dict]) -> None:
    totals: dict[str, dict[tuple[str, str], Counter]] = {name: defaultdict(Counter) for name in SYSTEMS}
    past_misses, unscorable, timings = Counter(), Counter(), Counter()
    for row in rows:
        gold = gold_window(row["value"])
        if gold is None:
            unscorable[row["source"]] += 1
            continue
        relative = "relative" if not row.get("explicit_year") else "explicit"
        for name, system in SYSTEMS.items():
            started = time.perf_counter()
            hit, loose = score(row, *gold, system(row))
            timings[name] += time.perf_counter() - started
            keys = [("source", row["source"]), ("grain", gold[1]), ("year", relative), ("all", "all"),
                    (f"{relative} year", row["source"])]
            for key in keys:
                totals[name][key].update(n=1, hit=hit, loose=loose)
            past = gold[0][1] < date.fromisoformat(row["dct"]) and not row.get("explicit_year")
            if name == "ours (sentence)" and not hit and past:
                past_misses[row["source"]] += 1
    report(totals, past_misses, unscorable, timings)


def report(totals, past_misses, unscorable, timings) -> None:
    names = list(SYSTEMS)
    print(f"{'':32}{'n':>6}" + "".join(f"{name:>26}" for name in names))
    order = ["all", "source", "year", "relative year", "explicit year", "grain"]
    keys = sorted(totals[names[0]], key=lambda k: (order.index(k[0]), k[1]))
    for key in keys:
        n = totals[names[0]][key]["n"]
        cells = "".join(f"{_ratio(totals[name][key]):>26}" for name in names)
        print(f"{key[0] + ': ' + key[1]:32}{n:>6}{cells}")
    print("\ncells: exact hits / loose (overlapping) hits, as fractions of n")
    print("ours (sentence) misses whose gold lies in the past (no year written):", dict(past_misses))
    print("unscorable gold values (no window):", dict(unscorable))
    print("seconds per system:", {name: round(seconds, 2) for name, seconds in timings.items()})


def _ratio(counts: Counter) -> str:
    n = counts["n"] or 1
    return f"{counts['hit'] / n:.3f} / {counts['loose'] / n:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    evaluate(rows)
    print(f"{len(rows)} lines in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
