"""When a rumor being logged is already stored: the same report again (blocked), or another outlet's repeat.

- The same report: the same source, the same publication date and a near-identical text. Logging it again
  would only make a copy that goes overdue beside its original, so it is refused with a link to the stored
  claim (or logged as an explicit repeat, if the reporter insists).
- A repeat: the same rumor, told by someone else or on another day. It is offered as "a repeat of ..." so
  scorecards credit whoever reported first.
"""

from __future__ import annotations

from datetime import date

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
