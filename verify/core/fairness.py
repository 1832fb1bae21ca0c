"""The scorecard's fairness rules: what counts against a source, and when there is too little to judge.

- A claim whose proposed confirmation waits in the review queue is "awaiting review", never a miss: the
  newsroom, not the source, is late.
- A linked repeat (a claim logged as a repeat of an earlier one) counts for its original only: logging the
  same rumor twice never doubles (or halves) anyone's record.
- Below MIN_RESOLVED resolved claims a hit rate is shown with "too few to judge", never as a ranking fact.
The SQL in verify.queries.scorecards computes the same; a test holds the two together.
"""

from __future__ import annotations

from verify.core import status as st

AWAITING_REVIEW = "awaiting_review"
MIN_RESOLVED = 5


def counted_status(status: str, *, awaiting_review: bool, repeat: bool) -> str | None:
    """The status a scorecard counts for this claim; None when it counts nowhere (repeats, retractions)."""
    if repeat or status == st.RETRACTED:
        return None
    if status in st.OPEN and awaiting_review:
        return AWAITING_REVIEW
    return status


def too_few_to_judge(resolved: int) -> bool:
    return resolved < MIN_RESOLVED


def calibration_words(brier: float | None, n: int) -> str:
    """The Brier score said plainly: how well a source's stated confidence matched what happened."""
    if brier is None or n == 0:
        return "no stated confidence to check"
    if n < MIN_RESOLVED:
        return "too few to judge"
    if brier <= 0.1:
        return "well calibrated"
    if brier <= 0.2:
        return "fairly calibrated"
    if brier <= 0.3:
        return "no better than a coin"
    return "poorly calibrated"
