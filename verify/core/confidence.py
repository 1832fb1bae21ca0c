"""Stated confidence: a number from 0 to 1, a percentage, or the words reporters use.

The scale for words (also used for suggested claims):
  0.95 "confirmed by sources", "all but confirmed", "almost certain(ly)", "virtually certain"
  0.80 "very likely", "highly likely", "strongly expected"
  0.70 "likely", "expected", "probable"
  0.50 "possible", "may", "might", "could", "unclear", "50/50"
  0.35 "rumored", "rumoured", "speculation", "unconfirmed"
  0.20 "unlikely", "doubtful", "long shot"
"""

from __future__ import annotations

import re

from verify.errors import InvalidInput

WORD_SCALE: tuple[tuple[float, tuple[str, ...]], ...] = (
    (0.95, ("confirmed by sources", "all but confirmed", "almost certain", "virtually certain", "near certain")),
    (0.20, ("unlikely", "doubtful", "long shot", "improbable")),
    (0.80, ("very likely", "highly likely", "strongly expected", "highly probable")),
    (0.70, ("likely", "expected", "probable")),
    (0.50, ("possible", "may", "might", "could", "unclear", "50/50", "toss-up")),
    (0.35, ("rumored", "rumoured", "speculation", "speculative", "unconfirmed")),
)


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
