"""How likely a proposed pair is the announcement that settles the claim: a calibrated strength of evidence.

The score (0-100, `verify.core.matching`) ranks a claim's candidates; it is not a probability, and the same
company's other news that week often scores as high as the confirmation. This module turns what the matcher
already read about a pair (the score's parts, the dates, the verdict, the detail that differs, the entities
one text names and the other does not) into the probability that the pair is right, with a logistic model
fitted by `eval/fit_evidence.py` on the rumors development set and CheckThat! 2A train (the figures it
printed are beside `COEFFICIENTS`). The coefficients are plain numbers here, read in the order of `FEATURES`.

Stored with a proposal's parts as "evidence" (0-100). Beside a claim's best proposal, a pair is shown only when
it reaches `MatchSettings.review_evidence` (`verify.core.matching.shown_beside`): that drops most of the decoys
the score alone kept, without ever leaving a claim with no lead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

PART = "evidence"  # the key of a proposal's parts that holds its likelihood (0-100)
# The kinds of differing detail the model tells apart, by the first word of `differs`; other first words are
# amounts, which name their unit ("amount", "price", "stake", ...), and some kinds read as a neighbour.
DIFFERS = ("actor", "amount", "product", "partner", "feature", "place", "date", "timing", "outcome", "plan")
_READ_AS = {"target": "actor", "organisations": "actor", "scope": "product"}
FEATURES = (
    "score", "text", "coverage", "fuzzy", "entities", "time", "meaning", "has_meaning",
    "days_after", "days_late", "same_day", "denied", "plan_only", "talks_announced", "talks_claimed",
    "names_missing", "names_new", "names_claimed",
    *(f"differs_{kind}" for kind in DIFFERS),
)
_CAP_DAYS = 1095  # three years: later than that, every look-alike is as unlikely


@dataclass(frozen=True)
class PairFacts:
    """What the matcher read about one pair, in the units the model expects (see `features`)."""

    score: float
    parts: dict[str, float]
    days_after: int  # announcement's date minus the claim's
    days_late: int | None  # past the claim's window end (0 inside it); None without a window
    verdict: str
    differs: str | None
    plan_only: bool
    talks_announced: bool
    talks_claimed: bool
    names_missing: int  # the claim's names the announcement does not write
    names_new: int  # the announcement's names the claim does not write
    names_claimed: int


def _log_days(days: int) -> float:
    return math.log1p(min(max(days, 0), _CAP_DAYS)) / math.log1p(_CAP_DAYS)


def features(facts: PairFacts) -> tuple[float, ...]:
    """The model's inputs, each about 0-1, in the order of `FEATURES`."""
    parts = facts.parts
    kind = (facts.differs or "").split(":", 1)[0]
    kind = _READ_AS.get(kind, kind if kind in DIFFERS or not kind else "amount")
    head = (
        facts.score / 100, parts.get("text", 0.0) / 100, parts.get("coverage", 0.0) / 100,
        parts.get("fuzzy", 0.0) / 100, parts.get("entities", 0.0) / 100, parts.get("time", 0.0) / 100,
        parts.get("meaning", 0.0) / 100, float("meaning" in parts),
        _log_days(facts.days_after), _log_days(facts.days_late or 0), float(facts.days_after == 0),
        float(facts.verdict == "denied"), float(facts.plan_only), float(facts.talks_announced),
        float(facts.talks_claimed),
        min(facts.names_missing, 4) / 4, min(facts.names_new, 4) / 4, min(facts.names_claimed, 5) / 5,
    )
    return head + tuple(float(kind == name) for name in DIFFERS)


def evidence_in(parts: dict | None) -> float | None:
    """The likelihood stored among a proposal's parts, or None for a proposal stored before it existed."""
    value = (parts or {}).get(PART)
    return float(value) if isinstance(value, (int, float)) else None


def likelihood(facts: PairFacts, coefficients: tuple[float, ...] | None = None) -> float:
    """The probability (0-1) that the pair is the claim's confirming, partly confirming or denying announcement."""
    weights = COEFFICIENTS if coefficients is None else coefficients
    z = weights[-1] + math.fsum(w * x for w, x in zip(weights[:-1], features(facts), strict=True))
    return 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0


# Fitted by `eval/fit_evidence.py` (L2 1.0, a CheckThat! train pair weighing 0.1 of a rumors pair): 1,462 rumors
# pairs (174 right) and 9,970 CheckThat! train pairs (944 right). Cross-validated on rumors by claim, with the
# floor 0.18 beside a claim's best: recall@5 .985 -> .977, MRR .937 -> .935, wrong proposals per claim .506 ->
# .287 (end to end through score.py: .506 -> .287 at recall@5 .977); CheckThat! 2A MRR@5 dev .927 -> .925,
# dev-test .930 -> .926 (one and two weak pairs at ranks 2-3). The last number is the intercept.
COEFFICIENTS: tuple[float, ...] = (
    2.4069,  # score
    2.4607,  # text
    3.7765,  # coverage
    2.1877,  # fuzzy
    1.2340,  # entities
    1.1524,  # time
    2.8596,  # meaning
    0.0000,  # has_meaning
    -2.7089,  # days_after
    -1.0302,  # days_late
    0.1614,  # same_day
    0.7538,  # denied
    -0.2779,  # plan_only
    0.7582,  # talks_announced
    0.9007,  # talks_claimed
    -1.0255,  # names_missing
    -0.6822,  # names_new
    0.8035,  # names_claimed
    0.0000,  # differs_actor
    1.1682,  # differs_amount
    0.3757,  # differs_product
    0.4144,  # differs_partner
    -0.3330,  # differs_feature
    0.6138,  # differs_place
    -0.3792,  # differs_date
    -0.0887,  # differs_timing
    -0.1476,  # differs_outcome
    -0.5187,  # differs_plan
    -5.7335,  # intercept
)
