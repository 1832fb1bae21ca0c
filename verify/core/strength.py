"""A proposal's score (0-100) in words a journalist reads: strong, possible, weak.

The thresholds are measured, not guessed: on the development data, shown proposals scoring 45 or more were
right about 85-100% of the time, 25 to 45 about 50-85%, below 25 rarely. One home for the words, so the
board, the review queue, the claim page and `verify match` never disagree (nor round differently).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

STRONG_FROM = 45.0
POSSIBLE_FROM = 25.0


@dataclass(frozen=True)
class Strength:
    word: str  # "strong" | "possible" | "weak"
    score: int  # the score as every page shows it: rounded half up, 0-100
    meaning: str  # one sentence for a tooltip


MEANINGS = {
    "strong": "Strong: proposals this strong were right about 85-100% of the time.",
    "possible": "Possible: proposals this strong were right about half to 85% of the time; read both texts.",
    "weak": "Weak: proposals this weak were rarely right; treat as a lead, not evidence.",
}


def shown_score(score: float) -> int:
    """The one rounding every page uses (half up, clamped to 0-100)."""
    if score is None or math.isnan(score):
        return 0
    return int(min(100.0, max(0.0, math.floor(score + 0.5))))


def strength(score: float | None) -> Strength:
    """The words for a proposal's score; the rounded score decides, so the shown number and word agree."""
    shown = shown_score(score if score is not None else 0.0)
    word = "strong" if shown >= STRONG_FROM else "possible" if shown >= POSSIBLE_FROM else "weak"
    return Strength(word=word, score=shown, meaning=MEANINGS[word])
