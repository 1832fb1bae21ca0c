"""How sure a sentence is, from its hedging words: the suggested confidence of a claim.

Why: a reporter logging a rumor states a confidence; the article already says it in words ("is expected
to", "could", "reportedly"), so the suggestion reads it from there and the reporter only corrects it.

Confidence comes from the hedging words of the sentence, each kind read on the one scale of words
(verify.core.confidence.LEVELS, the scale a reporter's typed words use):

| kind        | cue words (examples)                                              | level       | confidence |
|-------------|-------------------------------------------------------------------|-------------|-----------:|
| certain     | "almost certainly", "all but confirmed", "is certain to"          | certain     |       0.95 |
| expected    | "is expected to", "is likely to", "is poised to", "on track to"   | likely      |        0.7 |
| intent      | "will", "plans to", "is set to", "is scheduled to", "slated to"   | likely      |        0.7 |
| reported    | "reportedly", "is said to", "tipped", "leaked", "claims"          | reported    |        0.6 |
| attributed  | "according to", "sources say", "people familiar with", "analysts" | reported    |        0.6 |
| possible    | "could", "may", "might", "possibly", "potentially"                | possible    |        0.5 |
| rumored     | "rumored", "rumours", "unconfirmed"                               | rumored     |       0.35 |
| speculation | "speculation", "speculated", "guessed"                            | rumored     |       0.35 |
| unlikely    | "unlikely"                                                        | unlikely    |        0.2 |

Hedges compound, so the weakest of certain/expected/possible/rumored/speculation/unlikely decides
("reportedly could" is 0.5). Without one, a report or an attribution gives 0.6 (someone says so), and a
bare "will" gives 0.7.
A plan whose clause also states a settled fact ("confirmed that the keynote will stream live") is an
announcement, not a claim; one in a clause of its own ("confirmed the event, and the company will show a
foldable there") is. A sentence only about the past is history: a story's verbs ("a hacker leaked videos"),
a rumor that was ("was rumored to"), what was expected by a past date, and a fact cited to a named source
("sold 191 million phones in 2021, according to Canalys") are not proposed; a past event told with
"reportedly" or credited to unnamed people ("has held talks, some of the people said") is a rumor.
"""

from __future__ import annotations

import re

from verify.core.attribution import UNNAMED_PEOPLE
from verify.core.confidence import LEVELS

LEVEL_OF = {"certain": "certain", "expected": "likely", "intent": "likely", "reported": "reported",
            "attributed": "reported", "possible": "possible", "rumored": "rumored", "speculation": "rumored",
            "unlikely": "unlikely"}
CONFIDENCE = {kind: LEVELS[level] for kind, level in LEVEL_OF.items()}
_MODAL = ("certain", "expected", "possible", "rumored", "speculation", "unlikely")
_UNSURE = {"possible", "rumored", "unlikely"}  # what "was rumored to" puts in the past

_RESULTS = r"(?:\s+(?:its|their|the))?(?:\s+[\w-]+)?\s+(?:results|earnings|profits?|loss(?:es)?|revenues?|sales)\b"
_CUES = {
    "certain": r"almost certainly|all but (?:confirmed|certain)|(?:is|are) (?:virtually )?certain to|"
               r"virtually certain|near-certain",
    "expected": r"(?:(?:is|are|was|were) )?(?:widely )?expected to|(?:is|are) likely to|\blikely\b|"
                r"(?:is|are) poised to|on track to",
    "intent": r"\bwill\b|'ll\b|\bwon't\b|plans? to|planning to|(?:is|are) set to|(?:is|are) scheduled to|"
              r"slated (?:to|for)|intends? to|(?:is|are) (?:going|preparing|gearing up|ready) to|"
              r"\b(?:hopes?|hoping|aims?|aiming|wants?|seeks?|seeking) to\b",
    "reported": r"reportedly|allegedly|purportedly|supposedly|(?:is|are) said to|\btipped\b|\bleak(?:s|ed)?\b|"
                r"\bclaim(?:s|ed)?\b|\bsuggest(?:s|ed|ing)?\b|"
                r"(?:is|are) (?:widely |also |now )?(?:believed|thought|understood|tipped) to",
    "attributed": r"according to|(?-i:\bI)(?:'m| am) told|\b(?:I|we)(?:'ve| have)? (?:heard|learned)\b|"
                  r"(?-i:\bI) understand\b|\bwe understand\b|\bper (?-i:(?:a|an|the|[A-Z])\b)|"
                  r"\b(?:sources?|insiders?)\b|"
                  r"(?:people|persons?) (?:familiar|close|with knowledge|briefed)|\b(?:tipsters?|leakers?|analysts?)\b|"
                  r"\b(?:the|two|three|four|several|some|senior|government|administration|unnamed|anonymous) "
                  r"(?:[\w.-]+ )?officials (?:said|say|says|told|added)\b|"
                  rf"\breport(?:s|ed)?\b(?!{_RESULTS})|"
                  r"\b(?:some|one|two|three|both|several|all) of the (?:people|persons?)\b|"
                  r"\bthe (?:people|persons?) (?:said|say|says|told|added)\b",
    "possible": r"\bcould\b|(?-i:\bmay\b)|\bmight\b|\bpossibl[ey]\b|\bpotential(?:ly)?\b",
    "rumored": r"\brumou?r(?:s|ed)?\b|\bunconfirmed\b",
    "unlikely": r"\bunlikely\b",
    "speculation": r"\bspeculat\w*|\bguess(?:ed|es)?\b",
}
_CUE_RES = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in _CUES.items()}
_SETTLED = re.compile(r"\b(?:announced|confirmed|launched|unveiled|released|introduced|debuted)\b|"
                      r"\bofficial(?:ly)?\b|\btoday\b|now available|went on sale", re.IGNORECASE)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\byet to|\bbe|\bun)\s*(?:been\s+)?$", re.IGNORECASE)
_NOT_PAST = re.compile(r"\b(?:is|are|am|will|won't|would|could|can|may|might|plans?|intends?|expects?|"
                       r"remains?|seems?|appears?|to be|going to|hopes?|wants?|aims?)\b|'re\b|'ll\b|"
                       r"\b(?:suggests?|indicates?|hints?|says|adds|notes|shows|points)\b|"
                       r"\b(?:show|point)(?= (?:to|that|a|an|the)\b)",
                       re.IGNORECASE)
# Words that mark the sentence itself as unconfirmed, even about the past ("reportedly ended last year");
# the other report words are verbs of the story ("a hacker leaked videos"), settled once in the past.
_HEDGING_ADVERB = re.compile(r"reportedly|allegedly|purportedly|supposedly|(?:is|are) said to|unconfirmed|"
                             r"\b(?:was|were|has been|have been) (?:leaked|tipped|spotted|revealed) by\b|"
                             r"(?:is|are) (?:widely |also |now )?(?:believed|thought|understood|tipped) to",
                             re.IGNORECASE)
_PAST_EXPECTATION = re.compile(r"\b(?:was|were|had been) (?:widely )?expected to(?: be)?\b", re.IGNORECASE)
_PAST_RUMOR = re.compile(r"\b(?:was|were|had been) (?:widely )?rumou?red\b", re.IGNORECASE)
# Clauses that stand on their own: a plan in one is not settled by an announcement in the other ("Novara
# confirmed the event, where it will show a foldable"). A colon introduces what was announced: not split.
_CLAUSE = re.compile(r";\s+|,\s+(?:and|but|while|whereas|where|at which)\s+", re.IGNORECASE)


def hedges_and_confidence(sentence: str) -> tuple[tuple[str, ...], float | None]:
    """The cue words found and the confidence they give, or None when the sentence is no claim."""
    words, kinds = _cues(sentence)
    if kinds & set(_MODAL):
        return words, min(CONFIDENCE[kind] for kind in kinds & set(_MODAL))
    if kinds & {"reported", "attributed"}:
        return words, CONFIDENCE["reported"]
    if "intent" in kinds and any(_CUE_RES["intent"].search(clause) and not _states_settled_fact(clause)
                                 for clause in _CLAUSE.split(sentence)):
        return words, CONFIDENCE["intent"]
    return words, None


def credits_someone(sentence: str) -> bool:
    """Whether the sentence passes on what others report, leak or guess, rather than the writer's own view."""
    return bool(_cues(sentence)[1] & {"reported", "attributed", "speculation"})


def _cues(sentence: str) -> tuple[tuple[str, ...], set[str]]:
    """The cue words in order of appearance, and the kinds of hedge that count."""
    found: list[tuple[int, str, str]] = []
    for kind, pattern in _CUE_RES.items():
        found += [(m.start(), kind, m.group(0).lower().strip()) for m in pattern.finditer(sentence)]
    kinds = {kind for _, kind, _ in found}
    if not _NOT_PAST.search(_PAST_EXPECTATION.sub(" ", sentence)) and not _HEDGING_ADVERB.search(sentence):
        kinds -= _settled_in_the_past(sentence)
    return tuple(dict.fromkeys(word for _, _, word in sorted(found))), kinds


def only_intent(sentence: str) -> bool:
    """A plan stated without any hedge or source ("X will ...", "X plans to ...")."""
    return _cues(sentence)[1] == {"intent"}


def _settled_in_the_past(sentence: str) -> set[str]:
    """The cues that do not make a sentence only about the past a claim: a story's verbs ("a hacker leaked
    videos"), a rumor that was ("was rumored to"), and a citation of a named source for a fact ("sold 191
    million phones, according to Canalys"). A past event credited to unnamed people is a rumor, and so is
    what was leaked by someone ("the price was tipped by a leaker")."""
    dropped = {"reported"}
    if _PAST_RUMOR.search(sentence):
        dropped |= _UNSURE
    if _PAST_EXPECTATION.search(sentence) and not UNNAMED_PEOPLE.search(sentence):
        dropped.add("expected")  # "was expected to be completed by 2022": what was expected, not what is
    if not UNNAMED_PEOPLE.search(sentence):
        dropped.add("attributed")
    return dropped


def _states_settled_fact(sentence: str) -> bool:
    """'announced', 'confirmed' and the like, unless negated or future ('has not confirmed', 'will be')."""
    return any(not _NEGATED.search(sentence[: m.start()]) for m in _SETTLED.finditer(sentence))
