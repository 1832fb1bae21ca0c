"""Source statistics: hit counting, the Wilson interval, the Brier score, medians.

Pure functions over small values. The database computes the per-source sums (verify.queries.scorecards);
these turn sums into the figures shown, and serve as the reference the SQL is tested against.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from verify.core.status import CONFIRMED, DENIED, OVERDUE, PARTLY_CONFIRMED

CONFIRMATIONS = (CONFIRMED, PARTLY_CONFIRMED)
Z_95 = 1.959963984540054


def check_partial_weight(weight: float) -> float:
    """A partly confirmed claim is worth between a miss (0) and a hit (1)."""
    if not 0.0 <= weight <= 1.0 or math.isnan(weight):
        raise ValueError(f"The partial hit weight must be between 0 and 1, not {weight!r}.")
    return float(weight)


def outcome(status: str, partial_weight: float = 0.5) -> float | None:
    """How much a resolved claim counts as a hit: 1, the partial weight, or 0; None while unresolved."""
    if status == CONFIRMED:
        return 1.0
    if status == PARTLY_CONFIRMED:
        return partial_weight
    if status in (DENIED, OVERDUE):
        return 0.0
    return None


def hit_count(statuses: Iterable[str], partial_weight: float = 0.5) -> tuple[float, int]:
    """(hits, resolved) over claim statuses; pending and retracted claims count in neither."""
    outcomes = [value for value in (outcome(status, partial_weight) for status in statuses) if value is not None]
    return sum(outcomes), len(outcomes)


def wilson_interval(hits: float, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval: honest for small samples (never [0, 0] or [1, 1] after one claim).

    `hits` may be fractional (partly confirmed claims); None when nothing is resolved.
    """
    if n <= 0:
        return None
    p = hits / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    margin = z * math.sqrt(max(p * (1 - p) / n + z * z / (4 * n * n), 0.0)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


def brier_score(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean squared gap between stated confidence and outcome (0 is perfect, 0.25 a coin's shrug)."""
    squares = [(confidence - result) ** 2 for confidence, result in pairs]
    return sum(squares) / len(squares) if squares else None


def brier_from_sums(sum_of_squares: float | None, n: int) -> float | None:
    return None if not n else (sum_of_squares or 0.0) / n


def median(values: Sequence[float]) -> float | None:
    """The middle value; the mean of the two middle values for an even count; None for none."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def rate(hits: float, n: int) -> float | None:
    return hits / n if n else None


