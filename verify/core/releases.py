"""When two announcements are the same press release, so that it is stored once however it arrives.

A release reaches verify from its newsroom's feed, from a newswire's feed and from a journalist's import,
each worded a little differently ("strategic partnership" in one, "strategic cooperation" in the other).
Two announcements are the same release when:
- they have the same address once normalised (https, no "www.", no tracking parameters), whoever sent
  them: what feeds have always done (the unique `link_key`); or
- the same issuer (spelling, case and "Inc."/"Corporation" aside) published them on the same day, and their
  headlines (the first sentence) say it in near-identical words: at least SAME_WORDS of their content
  words shared (Jaccard, after stemming) and the very same numbers, so "first-quarter results" and
  "second-quarter results", or "Q1" and "Q2", on one day stay two releases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from verify.core.normalize import fold, strip_company_suffixes, tokenize

SAME_WORDS = 0.75
MIN_HEADLINE_WORDS = 4  # a shorter first sentence ("Xiaomi Corp.") takes the next one too
MAX_HEADLINE_WORDS = 40
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
NUMBER_WORDS = frozenset({"first", "second", "third", "fourth", "fifth", "one", "two", "three", "four", "five",
                          "six", "seven", "eight", "nine", "ten", "half", "quarter"})


@dataclass(frozen=True)
class Release:
    text: str
    issuer: str
    published: date


def issuer_key(issuer: str) -> str:
    """'Xiaomi Corporation', 'xiaomi' and 'XIAOMI Corp.' are one issuer."""
    return " ".join(strip_company_suffixes(fold(issuer)).casefold().split())


def headline_words(text: str) -> frozenset[str]:
    """The content words (stemmed) of the first sentence, or of the first sentences that make a headline."""
    words: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        words += tokenize(sentence)
        if len(words) >= MIN_HEADLINE_WORDS:
            break
    return frozenset(words[:MAX_HEADLINE_WORDS])


def _numbers(words: frozenset[str]) -> frozenset[str]:
    return frozenset(word for word in words if word in NUMBER_WORDS or any(c.isdigit() for c in word))


def same_headline(first: str, second: str) -> bool:
    a, b = headline_words(first), headline_words(second)
    if not a or not b or _numbers(a) != _numbers(b):
        return False
    return len(a & b) / len(a | b) >= SAME_WORDS


def same_release(first: Release, second: Release) -> bool:
    """Same issuer, same day, near-identical headline (addresses are compared by the caller, as keys)."""
    return (first.published == second.published and issuer_key(first.issuer) == issuer_key(second.issuer)
            and same_headline(first.text, second.text))
