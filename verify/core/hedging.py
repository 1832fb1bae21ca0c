"""How sure a sentence is, from its hedging words: the suggested confidence of a claim.

Why: a reporter logging a rumor states a confidence; the article already says it in words ("is expected
to", "could", "reportedly"), so the suggestion reads it from there and the reporter only corrects it.

Confidence comes from the hedging words of the sentence:

| kind        | cue words (examples)                                              | confidence |
|-------------|-------------------------------------------------------------------|-----------:|
| certain     | "almost certainly", "all but confirmed", "is certain to"          |        0.9 |
| expected    | "is expected to", "is likely to", "is poised to", "on track to"   |        0.7 |
| intent      | "will", "plans to", "is set to", "is scheduled to", "slated to"   |        0.7 |
| reported    | "reportedly", "is said to", "tipped", "leaked", "claims"          |        0.6 |
| attributed  | "according to", "sources say", "people familiar with", "per X"    |        0.6 |
| possible    | "rumored", "could", "may", "might", "possibly", "unconfirmed"     |        0.4 |
| speculation | "speculation", "speculated", "guessed"                            |        0.3 |

Hedges compound, so the weakest of certain/expected/possible/speculation decides ("reportedly could" is
0.4). Without one, a report or an attribution gives 0.6 (someone says so), and a bare "will" gives 0.7.
A sentence whose only cue is intent and that also states a settled fact ("announced", "confirmed",
"launched") is an announcement, not a claim; a sourced sentence only about the past ("sold 191 million
phones in 2021, according to Canalys") is a fact with a citation. Neither is proposed.
"""

from __future__ import annotations

import re

CONFIDENCE = {"certain": 0.9, "expected": 0.7, "intent": 0.7, "reported": 0.6, "attributed": 0.6,
              "possible": 0.4, "speculation": 0.3}
_MODAL = ("certain", "expected", "possible", "speculation")

_CUES = {
    "certain": r"almost certainly|all but (?:confirmed|certain)|(?:is|are) (?:virtually )?certain to|"
               r"virtually certain|near-certain",
    "expected": r"(?:(?:is|are|was|were) )?(?:widely )?expected to|(?:is|are) likely to|\blikely\b|"
                r"(?:is|are) poised to|on track to",
    "intent": r"\bwill\b|'ll\b|\bwon't\b|plans? to|planning to|(?:is|are) set to|(?:is|are) scheduled to|"
              r"slated (?:to|for)|intends? to|(?:is|are) (?:going|preparing|gearing up) to",
    "reported": r"reportedly|allegedly|purportedly|supposedly|(?:is|are) said to|\btipped\b|\bleak(?:s|ed)?\b|"
                r"\bclaim(?:s|ed)?\b|\bsuggest(?:s|ed|ing)?\b",
    "attributed": r"according to|\bper (?-i:(?:a|an|the|[A-Z])\b)|\b(?:sources?|insiders?)\b|"
                  r"people (?:familiar|close|with knowledge)|\btipster\b|\bleaker\b|\breport(?:s|ed)?\b",
    "possible": r"\brumou?r(?:s|ed)?\b|\bcould\b|(?-i:\bmay\b)|\bmight\b|\bpossibl[ey]\b|\bpotential(?:ly)?\b|"
                r"\bunconfirmed\b",
    "speculation": r"\bspeculat\w*|\bguess(?:ed|es)?\b",
}
_CUE_RES = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _CUES.items()}
_SETTLED = re.compile(r"\b(?:announced|confirmed|launched|unveiled|released|introduced|debuted)\b|"
                      r"\bofficial(?:ly)?\b|\btoday\b|now available|went on sale", re.IGNORECASE)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\byet to|\bbe|\bun)\s*(?:been\s+)?$", re.IGNORECASE)
_NOT_PAST = re.compile(r"\b(?:is|are|am|will|won't|would|could|can|may|might|plans?|intends?|expects?|"
                       r"remains?|seems?|appears?|to be|going to)\b|'re\b|'ll\b", re.IGNORECASE)



def hedges_and_confidence(sentence: str) -> tuple[tuple[str, ...], float | None]:
    """The cue words found and the confidence they give, or None when the sentence is no claim."""
    found: list[tuple[int, str, str]] = []
    for kind, pattern in _CUE_RES.items():
        found += [(m.start(), kind, m.group(0).lower().strip()) for m in pattern.finditer(sentence)]
    kinds = {kind for _, kind, _ in found}
    words = tuple(dict.fromkeys(word for _, _, word in sorted(found)))
    if kinds & set(_MODAL):
        return words, min(CONFIDENCE[kind] for kind in kinds & set(_MODAL))
    if "reported" in kinds or ("attributed" in kinds and (_NOT_PAST.search(sentence))):
        return words, CONFIDENCE["reported"]
    if "intent" in kinds and not _states_settled_fact(sentence):
        return words, CONFIDENCE["intent"]
    return words, None


def _states_settled_fact(sentence: str) -> bool:
    """'announced', 'confirmed' and the like, unless negated or future ('has not confirmed', 'will be')."""
    return any(not _NEGATED.search(sentence[: m.start()]) for m in _SETTLED.finditer(sentence))
