"""Suggest the claims a reporter would log from an article.

Why: journalists will not retype a rumor piece or a press release. This proposes its forward-looking or
unconfirmed sentences, with the source the article names and the time window they point to, for a person
to accept or drop. Settled facts, opinions, questions and page boilerplate are not proposed.

Confidence comes from the sentence's hedging words (``hedging``, which holds the table and the rules for
settled history); the source from its attribution (``attribution``: the leaker or outlet credited, never
an executive quoted nearby); sentences from ``sentences``. Never proposed either: a company's statement of
its own plans ("Nissan said it is considering options") and a plan stated right after it, "no comment", a
results day or another scheduled event, the writer's own voice ("I", "your", an opinion piece's
predictions), unless the sentence also passes on what someone else reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from verify.core.attribution import SourceTracker, on_the_record, speaks_for_itself
from verify.core.hedging import CONFIDENCE, credits_someone, hedges_and_confidence, only_intent
from verify.core.sentences import paragraphs, sentences
from verify.errors import VerifyError

__all__ = ["CONFIDENCE", "Suggestion", "WindowResolver", "suggest_claims"]

_BOILERPLATE = re.compile(
    r"leave a (?:reply|comment)|share this|subscribe|newsletter|cookie|privacy policy|terms of (?:use|service)|"
    r"^(?:related|read (?:more|also)|also read|source|via|tags|image credit|featured image|filed under|"
    r"most (?:popular|read)|top stories|trending|welcome (?:to|back))\b|"
    r"follow us|sign (?:up|in)|all rights reserved|©|advertisement|click here|earn (?:a )?commission|"
    r"^about (?:the author|us)\b|\bis (?:a|an|the) (?:[\w-]+ ){0,3}"
    r"(?:writer|editor|reporter|journalist|contributor|correspondent|columnist)\b|"
    r"when (?:he|she|they)(?:'s|'re| is| are) not|"
    r"\bcomments? (?:are|is) (?:pre-?)?moderated|no reproduction|^(?:(?:additional )?reporting|editing|writing) by\b|"
    r"^write to\b|print edition|for subscribers|already a subscriber",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|reckon|can't wait|love)\b|\b(?:i|we)(?:'d| would) (?:love|like)\b|"
    r"in (?:my|our) (?:opinion|view)|\bpersonally\b|let us know|stay tuned|keep you posted|"
    r"\bwe(?:'ll| will) (?:update|keep|let)\b|\byou(?:'ll| will| can| should)\b",
    re.IGNORECASE,
)
# The writer speaking for themselves, or to the reader: opinion, unless they pass on what someone reports
# ("I'm told", "analysts say your next phone will cost more").
_FIRST_OR_SECOND_PERSON = re.compile(r"\byour\b|(?-i:(?:^|[\s\"“(])I(?:'m|'ve|'d|'ll)?\s)", re.IGNORECASE)
_INDIRECT_QUESTION = re.compile(r"remains to be seen|(?:unclear|not clear|not known) (?:whether|if|when)",
                                re.IGNORECASE)
# "X declined to comment" and its kin say only that nobody spoke: never a claim, whatever else they hedge.
_NO_COMMENT = re.compile(
    r"(?:declined|refused|decline|declines) to comment|did not (?:immediately )?(?:respond|reply|comment)|"
    r"(?:has|have|had) not (?:yet )?(?:commented|responded|replied)|could not (?:immediately )?be reached|"
    r"(?:does|do|did) not comment|unavailable for comment|no comment", re.IGNORECASE)
# A company's results day is on its published calendar: an official schedule, not a claim.
_RESULTS_DAY = re.compile(r"\b(?:reports?|to report|will report|posts?|to post)\s+(?:its |their )?"
                          r"(?:[\w-]+\s+){0,2}(?:results|earnings)\b", re.IGNORECASE)
# An event on the calendar ("the committee will hold a vote on Wednesday", "the fair runs from June 5 to 9"):
# an official schedule, unless someone is credited for it.
_SCHEDULE = re.compile(
    r"\b(?:will|is (?:scheduled|due|set) to|are (?:scheduled|due|set) to) (?:hold|host|convene) (?:a|an|its|their|the) "
    r"(?:[\w-]+ ){0,3}?(?:meeting|debate|vote|hearing|session|conference|summit|briefing|call|ceremony|keynote|"
    r"assembly|congress|election)s?\b|\b(?:runs|takes place|will run|will take place) (?:from|between) ",
    re.IGNORECASE)
# Opinion pieces say so at the top or the bottom; there the writer's own predictions are opinions.
_OPINION_PIECE = re.compile(r"^(?:opinion|commentary|column|editorial|op-ed)\s*(?:[|›>»:/–—-]|$)|"
                            r"reflects the (?:opinions?|views?) of|"
                            r"views expressed (?:here |are)|^this (?:column|op-ed|editorial)\b",
                            re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Suggestion:
    """One sentence worth logging as a claim, with what the article says about its source and timing."""

    sentence: str
    confidence: float
    hedges: tuple[str, ...]
    attributed_to: str | None
    entities: tuple[str, ...]
    window: dict | None

    def to_dict(self) -> dict:
        """Plain JSON-ready values, for the CLI and the dashboard."""
        window = None
        if self.window is not None:
            window = {k: v.isoformat() if isinstance(v, date) else v for k, v in self.window.items()}
        return {"sentence": self.sentence, "confidence": self.confidence, "hedges": list(self.hedges),
                "attributed_to": self.attributed_to, "entities": list(self.entities), "window": window}


WindowResolver = Callable[[str, date], object]


def suggest_claims(text: str, published: date, *, resolve_window: WindowResolver | None = None
                   ) -> list[Suggestion]:
    """The sentences of `text` a reporter would log as claims, in article order, each once.

    `resolve_window(sentence, published)` turns a sentence's time expression into a window (anything
    with `.to_dict()`, or None); by default `verify.core.time.resolve_window`.
    """
    resolver = resolve_window or _default_resolver()
    opinion_piece = _OPINION_PIECE.search(text) is not None
    tracker, found, seen = SourceTracker(), [], set()
    for paragraph in paragraphs(text):
        tracker.new_paragraph()
        on_record = False  # a plan stated right after a company's own statement is part of that statement
        for sentence in sentences(paragraph):
            source = tracker.source_for(sentence)
            hedges, confidence = hedges_and_confidence(sentence)
            plain_plan = confidence is not None and only_intent(sentence)
            keep = (confidence is not None and _is_claim_shaped(sentence) and sentence.lower() not in seen
                    and not speaks_for_itself(sentence) and not (plain_plan and on_record)
                    and not (opinion_piece and not credits_someone(sentence)))
            on_record = on_the_record(sentence) or (on_record and plain_plan)
            if not keep:
                continue
            seen.add(sentence.lower())
            found.append(Suggestion(sentence, confidence, hedges, source, _entities(sentence),
                                    _window(resolver, sentence, published)))
    return found


def _is_claim_shaped(sentence: str) -> bool:
    """Statements only: questions, opinions, boilerplate and fragments are never claims; nor are "no comment",
    a results day, a scheduled event or the writer's own voice, unless the sentence also passes on what
    someone else reports."""
    if len(sentence.split()) < 4 or not re.search(r"[.!][\"'”’)]*$", sentence):
        return False
    if any(pattern.search(sentence) for pattern in (_BOILERPLATE, _OPINION, _INDIRECT_QUESTION)):
        return False
    unless_credited = (_NO_COMMENT, _RESULTS_DAY, _SCHEDULE, _FIRST_OR_SECOND_PERSON)
    return not any(pattern.search(sentence) for pattern in unless_credited) or credits_someone(sentence)


def _default_resolver() -> WindowResolver:
    """The project's time-window resolver, imported on first use (the time rules compile lazily)."""
    from verify.core.time import resolve_window

    return resolve_window


def _window(resolver: WindowResolver, sentence: str, published: date) -> dict | None:
    """The sentence's time window as a dict; an unreadable time expression leaves it without one."""
    try:
        window = resolver(sentence, published)
    except (VerifyError, ValueError):
        return None
    if window is None:
        return None
    return window.to_dict() if hasattr(window, "to_dict") else dict(window)



# Entities --------------------------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z][\w'’&+]*(?:-[A-Z0-9]\w*)*|[a-z]+[A-Z]\w*)"
_ENTITY = re.compile(rf"(?<![\w$]){_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|\d[\w+]*(?![,.]\d)))*")
_NOT_NAMES = frozenset({
    "the", "a", "an", "according", "it", "this", "that", "these", "those", "in", "on", "at", "if", "but",
    "and", "however", "whatever", "when", "while", "as", "for", "with", "after", "before", "some", "its",
    "their", "his", "her", "our", "we", "i", "you", "he", "she", "they", "sources", "speculation",
    "rumors", "rumours", "leaked", "there", "here", "meanwhile", "also", "still"
})
_CALENDAR = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
})


def _entities(sentence: str) -> tuple[str, ...]:
    """Capitalised phrases, CamelCase and product names with numbers ("Xiaomi 12 Ultra"), without dates."""
    names = []
    for m in _ENTITY.finditer(sentence):
        words = [re.sub(r"['’]s$", "", word) for word in m.group(0).split()]
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        if words and words[0] not in _CALENDAR and len(" ".join(words)) > 1:
            names.append(" ".join(words))
    return tuple(dict.fromkeys(names))
