"""Is a bare date in a sentence past or future? The tense of the nearest verb decides.

Why: "Friday" or "in March" alone says nothing about which one; news prose dates past events with them
("said Friday", "launched in March") while claims look ahead ("will ship in July"). The time resolver
reads underspecified dates in the direction this returns.
"""

from __future__ import annotations

import re

from verify.core.time.patterns import FLAGS

FUTURE_WORDS = {"will", "would", "shall", "going", "gonna", "expected", "expects", "expect", "plans", "plan",
                "planned", "planning", "scheduled", "slated", "set", "due", "could", "may", "might", "should",
                "can", "aims", "hopes", "intends", "wants", "seeks", "targets", "upcoming", "proposed", "rumored",
                "rumoured", "until", "now"}
PAST_WORDS = {"said", "was", "were", "had", "did", "been", "ago", "told", "wrote", "met", "held", "made", "gave",
              "took", "came", "went", "began", "sent", "saw", "spoke", "left", "won", "lost", "rose", "fell",
              "sold", "bought", "paid", "got", "found", "brought", "ran", "hit", "cut", "shut", "led", "grew",
              "struck", "became", "broke", "chose", "kept", "felt", "fought", "heard", "spent", "stood", "threw",
              "since"}
NOT_PAST = {"united", "limited", "based", "related", "advanced", "red", "hundred", "bed", "need"}
# Words after which an -ed word is an adjective ("a leaked memo", "the long-awaited update"), not a verb.
DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "your", "this", "these", "those", "newly",
               "recently", "widely", "much", "highly", "long", "most", "more", "some", "any", "no", "of"}
PRESENT_BE = {"is", "are", "be", "being", "'s", "am"}
CONDITIONS = {"once", "unless", "when"}
MODALS = {"will", "would", "could", "should", "may", "might", "can", "must", "shall"}  # "would cut"
SAME_AS_BASE = {"cut", "hit", "shut", "set", "put", "let", "cost", "spread", "quit", "bet", "hurt", "read"}
LINKS = {"in", "on", "at", "by", "to", "for", "from", "with", "as", "into", "its", "their", "the", "a", "an", "it",
         "them", "his", "her", "our", "this", "last", "earlier", "up", "out", "off", "over", "down"}


CLAUSE = re.compile(r"[.!?;,]\s|\b(?:that|which|who|and|but|while|because|if)\b", FLAGS)


def tense_before(text: str, begin: int) -> str:
    """"past" when the verb nearest to ``begin`` in its clause is in the past tense, else "future".

    News prose dates past events with bare weekdays and months ("said Friday", "launched in March",
    "On Wednesday, Apple introduced"); claims look ahead ("will ship in July"). The nearest tense
    marker before the expression decides (12 words); failing one, the first after it (8 words).
    """
    before = CLAUSE.split(text[max(0, begin - 160) : begin])[-1]
    words = WORDS.findall(before.lower())[-12:]
    marker = _nearest_tense(list(reversed(_with_previous(words))), backwards=True)
    if marker is None:
        after = re.sub(r"^[^\s,]*", "", text[begin : begin + 160])  # skip the expression's first word
        # Across a comma only when the time opens the sentence ("On Wednesday, Apple introduced"); else
        # "ships on Friday, Bloomberg reported" would read the reporting verb as the claim's tense.
        opens_sentence = not before.strip() or bool(INTRODUCTION.match(before))
        if opens_sentence:
            after = re.sub(r"^[\s,]+", " ", after)
        stops = r"[.!?;]\s|\b(?:that|which|who|because|if|according)\b" + ("" if opens_sentence else r"|[,–—]|\s-\s")
        after = re.split(stops, after, flags=FLAGS)[0]
        words = WORDS.findall(after.lower())[:8]
        marker = _nearest_tense(_with_previous(words))
    return marker or "future"


INTRODUCTION = re.compile(r"\s*(?:on|in|at|by|from|since|during|after|before|late|early|earlier|later|last|this)\b",
                          FLAGS)
WORDS = re.compile(r"(?:[^\W\d_]|['’])+(?:-(?:[^\W\d_]|['’])+)*")  # "présenté" is one word, not "pr" + "sent"


def _with_previous(words: list[str]) -> list[tuple[str, str, str]]:
    """(word, the word before, the word after), adverbs left out ("will be heavily promoted")."""
    words = [w for w in words if not (w.endswith("ly") and len(w) > 4)]
    return list(zip(words, ["", *words], [*words[1:], ""], strict=False))


def _nearest_tense(triples: list[tuple[str, str, str]], backwards: bool = False) -> str | None:
    for word, before, after in triples:
        if word in FUTURE_WORDS or word.endswith("'ll"):
            return "past" if before == "had" else "future"  # "had planned to list in 2019"
        if word == "said" and before in PRESENT_BE:
            return "future"  # "is said to debut on August 7": a rumor about what comes
        if before in MODALS or (before == "to" and word in SAME_AS_BASE):
            return "future"  # "would cut", "plans to cut"
        passive = before in PRESENT_BE  # "will be sold by March 3", "is delayed to May"
        # "a leaked memo", "Elop's leaked memo", "Leaked invitations point to" (but "which unveiled its")
        # "closes once approved on July 1": a participle after "once", "unless" or "when" is a condition
        adjective = before in DETERMINERS or before in CONDITIONS or before.endswith(("'s", "’s")) or (
            backwards and not before and after and after not in LINKS)
        if word in PAST_WORDS and not passive:
            return "past"
        if _looks_past(word) and not passive and not adjective:
            return "past"
    return None


def _looks_past(word: str) -> bool:
    return (word.endswith("ed") and "-" not in word and len(word) >= 4 and not word.endswith("eed")
            and word not in NOT_PAST)

