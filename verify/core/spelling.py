"""Search that forgives spelling: a typed word finds the stored words spelt nearly like it.

Pure: the caller passes the vocabulary (the term index's words starting like the typed one); rapidfuzz
judges closeness. Short words must match exactly: "ipad" must not find "ipod".
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

MIN_FUZZY_LENGTH = 5
MIN_SIMILARITY = 80.0


def close_spellings(word: str, vocabulary: Iterable[str]) -> set[str]:
    """The stored words that are the typed word or a likely misspelling of it (one or two letters off)."""
    vocabulary = list(vocabulary)
    found = {term for term in vocabulary if term == word}
    if len(word) < MIN_FUZZY_LENGTH:
        return found
    return found | {term for term in vocabulary if abs(len(term) - len(word)) <= 2
                    and fuzz.ratio(term, word) >= MIN_SIMILARITY}
