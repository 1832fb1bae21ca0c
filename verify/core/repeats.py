"""When a rumor being logged is already stored: the same report again (blocked), or another outlet's repeat.

- The same report: the same source, the same publication date and a near-identical text. Logging it again
  would only make a copy that goes overdue beside its original, so it is refused with a link to the stored
  claim (or logged as an explicit repeat, if the reporter insists).
- A repeat: the same rumor, told by someone else or on another day. It is offered as "a repeat of ..." so
  scorecards credit whoever reported first.
- A group of repeats has one head, its first report (by publication date, then by id: the order logged), and
  every link points at a head, never at another repeat (`first_report`, `head_id`, `should_link`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

SAME_REPORT_SIMILARITY = 90.0
REPEAT_SIMILARITY = 70.0  # the duplicate linker's threshold (verify.services.duplicates.THRESHOLD)


def is_same_report(similarity: float, *, same_source: bool, published: date, stored_published: date) -> bool:
    return same_source and published == stored_published and similarity >= SAME_REPORT_SIMILARITY


def is_repeat(similarity: float) -> bool:
    return similarity >= REPEAT_SIMILARITY


def rank_stored(similar: list[dict], *, source_id: int | None, published: date) -> list[dict]:
    """The stored claims beside the one being logged, the same report first, then by similarity; each
    marked `same_report` or `repeat`."""
    marked = []
    for row in similar:
        same = is_same_report(row["similarity"], same_source=source_id is not None and row["source_id"] == source_id,
                              published=published, stored_published=row["published"])
        marked.append({**row, "same_report": same, "repeat": not same and is_repeat(row["similarity"])})
    return sorted(marked, key=lambda row: (not row["same_report"], -row["similarity"], row["id"]))


class Report(Protocol):
    """A stored claim as the head rules read it."""

    id: int
    published: date
    duplicate_of_id: int | None


R = TypeVar("R", bound=Report)


def report_order(report: Report) -> tuple[date, int]:
    """Who reported first: the earlier publication date, then the earlier logged (smaller id)."""
    return report.published, report.id


def first_report(reports: Iterable[R]) -> R:
    return min(reports, key=report_order)


def head_id(report: Report) -> int:
    """The head a link to this report points at: its own original when it is itself a repeat (links point at
    first reports only, so one step is enough)."""
    return report.duplicate_of_id or report.id


def should_link(member: Report, head: Report, *, current: Report | None, new: bool,
                ever_unlinked: bool) -> bool:
    """Whether to point `member` at `head`: never the head itself, nor one already pointing at it, nor a claim
    an editor once unlinked; a new claim always, an older one only when unlinked or when `head` reported
    before the head it points at now."""
    if member.id == head.id or member.duplicate_of_id == head.id or ever_unlinked:
        return False
    return new or current is None or report_order(head) < report_order(current)
