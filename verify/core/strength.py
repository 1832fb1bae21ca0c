"""A proposal's strength in words a journalist reads: strong, possible, weak.

The word comes from the pair's likelihood (`verify.core.evidence`, stored as the "evidence" part, 0-100) when
it has one, else from its score (proposals stored before the likelihood existed). The thresholds are
measured, not guessed: among the proposals shown on the rumors development set (likelihoods cross-validated
by claim, `eval/fit_evidence.py`), those at least 50% likely were right about 88% of the time, 25-50% about
78%, under 25% about 40%; by score alone, 45 or more about 89%, 25 to 45 about 78%, below 25 rarely. One home
for the words, so the board, the review queue, the claim page and `verify match` never disagree (nor round
differently). The number shown is always the score, which ranks a claim's proposals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

STRONG_FROM = 45.0
POSSIBLE_FROM = 25.0
LIKELY_FROM = 50.0  # evidence (0-100) for "strong"
PLAUSIBLE_FROM = 25.0  # evidence for "possible"


@dataclass(frozen=True)
class Strength:
    word: str  # "strong" | "possible" | "weak"
    score: int  # the score as every page shows it: rounded half up, 0-100
    meaning: str  # one sentence for a tooltip


MEANINGS = {
    "strong": "Strong: proposals like this were right about 9 times in 10 in our tests.",
    "possible": "Possible: proposals like this were right about 3 times in 4; read both texts.",
    "weak": "Weak: proposals like this were right less than half the time; treat as a lead, not evidence.",
}


def shown_score(score: float) -> int:
    """The one rounding every page uses (half up, clamped to 0-100)."""
    if score is None or math.isnan(score):
        return 0
    return int(min(100.0, max(0.0, math.floor(score + 0.5))))


def strength(score: float | None, evidence: float | None = None) -> Strength:
    """The words for a proposal: from its likelihood (`evidence`, 0-100) when known, else from its rounded
    score, so that a proposal stored before likelihoods existed reads as it always did."""
    shown = shown_score(score if score is not None else 0.0)
    if evidence is not None and not math.isnan(evidence):
        word = _word(evidence, LIKELY_FROM, PLAUSIBLE_FROM)
    else:
        word = _word(shown, STRONG_FROM, POSSIBLE_FROM)
    return Strength(word=word, score=shown, meaning=MEANINGS[word])


def _word(value: float, strong_from: float, possible_from: float) -> str:
    return "strong" if value >= strong_from else "possible" if value >= possible_from else "weak"
