"""Stated confidence: a number from 0 to 1, a percentage, or the words reporters use.

The one scale of words (`LEVELS`): what a reporter types is read with it here, and what an article says is
read with it by the suggester (verify.core.hedging), so the same words give the same number either way
(the Brier score compares these numbers with outcomes):
  0.95 certain      "confirmed by sources", "all but confirmed", "almost certain(ly)", "virtually certain"
  0.80 very likely  "very likely", "highly likely", "strongly expected"
  0.70 likely       "likely", "expected", "probable"
  0.60 reported     (articles only: "reportedly", "according to", "sources say")
  0.50 possible     "possible", "may", "might", "could", "unclear", "50/50"
  0.35 rumored      "rumored", "rumoured", "speculation", "unconfirmed"
  0.20 unlikely     "unlikely", "doubtful", "long shot"
"""

from __future__ import annotations

import re

from verify.errors import InvalidInput

LEVELS: dict[str, float] = {
    "certain": 0.95,
    "very likely": 0.80,
    "likely": 0.70,
    "reported": 0.60,
    "possible": 0.50,
    "rumored": 0.35,
    "unlikely": 0.20,
}

# The words a reporter may type for each level, in the order they are tried ("unlikely" before "likely",
# "very likely" before "likely").
TYPED_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("certain", ("confirmed by sources", "all but confirmed", "almost certain", "virtually certain",
                 "near certain")),
    ("unlikely", ("unlikely", "doubtful", "long shot", "improbable")),
    ("very likely", ("very likely", "highly likely", "strongly expected", "highly probable")),
    ("likely", ("likely", "expected", "probable")),
    ("possible", ("possible", "may", "might", "could", "unclear", "50/50", "toss-up")),
    ("rumored", ("rumored", "rumoured", "speculation", "speculative", "unconfirmed")),
)
WORD_SCALE: tuple[tuple[float, tuple[str, ...]], ...] = tuple(
    (LEVELS[level], words) for level, words in TYPED_WORDS)


def parse_confidence(value: str | float | None) -> tuple[float | None, str | None]:
    """Return (probability, the words as typed); (None, None) when nothing was given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _checked(float(value), str(value)), None
    text = str(value).strip()
    number = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%?)", text)
    if number:
        probability = float(number.group(1)) / (100 if number.group(2) else 1)
        return _checked(probability, text), None
    lowered = text.lower()
    for probability, phrases in WORD_SCALE:
        if any(re.search(rf"\b{re.escape(phrase)}\b", lowered) for phrase in phrases):
            return probability, text
    raise InvalidInput(
        f"Cannot read the confidence {text!r}: give a number from 0 to 1 (0.8), a percentage (80%), "
        "or words such as 'all but confirmed', 'likely', 'rumored'."
    )


def _checked(probability: float, typed: str) -> float:
    if not 0 <= probability <= 1:
        raise InvalidInput(f"The confidence {typed} is out of range: give a number from 0 to 1, or a percentage.")
    return probability
