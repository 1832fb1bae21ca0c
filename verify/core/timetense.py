"""Is a bare date in a sentence past or future? The tense of the nearest verb decides.

Why: "Friday" or "in March" alone says nothing about which one; news prose dates past events with them
("said Friday", "launched in March") while claims look ahead ("will ship in July"). The time resolver
reads underspecified dates in the direction this returns.
"""

from __future__ import annotations

import re

from verify.core.timepatterns import FLAGS

FUTURE_WORDS = {"will", "would", "shall", "going", "gonna", "expected", "expects", "expect", "plans", "plan",
                "planned", "planning", "scheduled", "slated", "set", "due", "could", "may", "might", "should",
                "can", "aims", "hopes", "intends", "upcoming", "proposed", "rumored", "rumoured", "until"}
PAST_WORDS = {"said", "was", "were", "had", "did", "been", "ago", "told", "wrote", "met", "held", "made", "gave",
              "took", "came", "went", "began", "sent", "saw", "spoke", "left", "won", "lost", "rose", "fell",
              "sold", "bought", "paid", "got", "found", "brought", "ran", "hit", "cut", "shut", "led", "grew",
              "struck", "became", "broke", "chose", "kept", "felt", "fought", "heard", "spent", "stood", "threw",
              "since"}
NOT_PAST = {"united", "limited", "based", "related", "advanced", "red", "hundred", "bed", "need"}


CLAUSE = re.compile(r"[.!?;,]\s|\b(?:that|which|who|and|but|while|because|if)\b", FLAGS)


def tense_before(text: str, begin: int) -> str:
    """"past" when the verb nearest to ``begin`` in its clause is in the past tense, else "future".

    News prose dates past events with bare weekdays and months ("said Friday", "launched in March",
    "On Wednesday, Apple introduced"); claims look ahead ("will ship in July"). The nearest tense
    marker before the expression decides (12 words); failing one, the first after it (8 words).
    """
    before = CLAUSE.split(text[max(0, begin - 160) : begin])[-1]
    words = re.findall(r"[a-z']+", before.lower())[-12:]
    marker = _nearest_tense(list(reversed(_with_previous(words))))
    if marker is None:
        after = re.sub(r"^[^\s,]*[\s,]*", "", text[begin : begin + 160])  # skip the expression's first word
        after = re.split(r"[.!?;]\s|\b(?:that|which|who|because|if)\b", after)[0]
        words = re.findall(r"[a-z']+", after.lower())[:8]
        marker = _nearest_tense(_with_previous(words))
    return marker or "future"


def _with_previous(words: list[str]) -> list[tuple[str, str]]:
    return list(zip(words, ["", *words], strict=False))


def _nearest_tense(pairs: list[tuple[str, str]]) -> str | None:
    for word, before in pairs:
        if word in FUTURE_WORDS or word.endswith("'ll"):
            return "future"
        passive = before in ("be", "being")  # "will be sold by March 3"
        if not passive and (word in PAST_WORDS or _looks_past(word)):
            return "past"
    return None


def _looks_past(word: str) -> bool:
    return word.endswith("ed") and len(word) >= 4 and not word.endswith("eed") and word not in NOT_PAST

