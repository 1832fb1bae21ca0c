"""Checks on a claim as it is logged that a reporter should hear about before it reaches the board.

Why: a claim whose time points to the past ("closed the deal last week") cannot be confirmed in its window;
stored silently it would show as overdue the moment it is logged. The reporter is told instead. One pure
rule, so the CLI, the import and the dashboard's preview say the same thing.
"""

from __future__ import annotations

from datetime import date

from verify.core.timewindow import TimeWindow, find_windows, resolve_window


def past_time_warning(text: str, published: date, *, hemisphere: str = "north") -> str | None:
    """A sentence for the reporter when the claim's time reads as past on its publication date, else None.

    Two cases: the resolved window ends before the claim was published (it would be overdue at once), or
    no window is resolved while every time expression found ended before publication (no deadline is set
    and the claim is about the past).
    """
    window = resolve_window(text, published, hemisphere=hemisphere)
    if window is not None:
        return _ended_before(window, published) if window.end < published else None
    past = [w for w in find_windows(text, published, hemisphere=hemisphere) if w.end < published]
    if not past:
        return None
    return (f"The claim only names past times ({', '.join(_quoted(w) for w in past)}), all before it was "
            f"published on {published.isoformat()}: it reads as past, so no deadline is set. Check the "
            "wording and the publication date, or set a window by hand on the claim.")


def _ended_before(window: TimeWindow, published: date) -> str:
    return (f"The claim's time ({_quoted(window)}) ended before it was published on {published.isoformat()}: "
            "it reads as past and would show as overdue at once. Check the wording and the publication "
            "date, or correct the window by hand.")


def _quoted(window: TimeWindow) -> str:
    span = window.start.isoformat() if window.start == window.end else f"{window.start} to {window.end}"
    return f"\u201c{window.expression}\u201d, {span}"
