"""Checks on a claim as it is logged that a reporter should hear about before it reaches the board.

Why: a claim whose time points to the past ("closed the deal last week") cannot be confirmed in its window;
stored silently it would show as overdue the moment it is logged. The reporter is told instead. One pure
rule, so the CLI, the import and the dashboard's preview say the same thing.
"""

from __future__ import annotations

from datetime import date

from verify.core.time import TimeWindow, find_windows, reads_as_past, resolve_window


def past_time_warning(text: str, published: date, *, hemisphere: str = "north",
                      language: str | None = None) -> str | None:
    """A sentence for the reporter when the claim's time lies before its publication date, else None.

    The resolver never gives a window that ends before publication, so such a claim gets no deadline rather
    than showing as overdue at once; the reporter hears why: every time it names ended before it was
    published (a past event, or a future verb with a date already gone: a wrong date or a typo), or the time
    rules read it as past (`reads_as_past`).
    """
    return _past(text, published, resolve_window(text, published, hemisphere=hemisphere, language=language),
                 hemisphere, language)


def _past(text: str, published: date, window: TimeWindow | None, hemisphere: str, language: str | None) -> str | None:
    """`past_time_warning` with the claim's window already resolved."""
    if window is not None and window.end >= published:
        return None
    past = [w for w in find_windows(text, published, hemisphere=hemisphere, language=language) if w.end < published]
    if not past and not reads_as_past(text, published, hemisphere=hemisphere, language=language):
        return None
    named = f" ({', '.join(_quoted(w) for w in past)})" if past else ""
    return (f"The claim only names past times{named}, all before it was published on {published.isoformat()}: "
            "it reads as past, so no deadline is set. Check the wording and the publication date, or set a "
            "window by hand on the claim.")


def _quoted(window: TimeWindow) -> str:
    span = window.start.isoformat() if window.start == window.end else f"{window.start} to {window.end}"
    return f"\u201c{window.expression}\u201d, {span}"


def logging_warning(text: str, published: date, *, hemisphere: str = "north",
                    language: str | None = None) -> str | None:
    """What the reporter hears when a claim is logged, imported or re-dated: a time that lies in the past
    (`past_time_warning`), or else a date whose day and month read either way ("03/04/2023"), with the
    reading chosen, so a wrong one is corrected before the deadline counts."""
    window = resolve_window(text, published, hemisphere=hemisphere, language=language)  # once for both checks
    past = _past(text, published, window, hemisphere, language)
    if past:
        return past
    if window is not None and window.note:
        return (f"Check the date: {window.note}. If the other reading is meant, correct the window by hand "
                "on the claim.")
    return None
