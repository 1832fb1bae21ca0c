"""Suggest the claims a reporter would log from an article.

Why: journalists will not retype a rumor piece or a press release. This proposes its forward-looking or
unconfirmed sentences, with the source the article names and the time window they point to, for a person
to accept or drop. Settled facts, opinions, questions and page boilerplate are not proposed.

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from verify.errors import VerifyError

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

_BOILERPLATE = re.compile(
    r"leave a (?:reply|comment)|share this|subscribe|newsletter|cookie|privacy policy|terms of (?:use|service)|"
    r"^(?:related|read (?:more|also)|also read|source|via|tags|image credit|featured image)\b|"
    r"follow us|sign (?:up|in)|all rights reserved|©|advertisement|click here|earn (?:a )?commission|"
    r"^about (?:the author|us)\b|\bis (?:a|an|the) (?:senior |staff |technical |managing )*"
    r"(?:writer|editor|reporter|journalist|contributor)\b|when (?:he|she|they)(?:'s|'re| is| are) not",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|reckon|can't wait|love)\b|\b(?:i|we)(?:'d| would) (?:love|like)\b|"
    r"in my (?:opinion|view)|\bpersonally\b|let us know|stay tuned|keep you posted|"
    r"\bwe(?:'ll| will) (?:update|keep|let)\b|\byou(?:'ll| will| can| should)\b",
    re.IGNORECASE,
)
_INDIRECT_QUESTION = re.compile(r"remains to be seen|(?:unclear|not clear|not known) (?:whether|if|when)",
                                re.IGNORECASE)
_SETTLED = re.compile(r"\b(?:announced|confirmed|launched|unveiled|released|introduced|debuted)\b|"
                      r"\bofficial(?:ly)?\b|\btoday\b|now available|went on sale", re.IGNORECASE)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\byet to|\bbe|\bun)\s*(?:been\s+)?$", re.IGNORECASE)
_NOT_PAST = re.compile(r"\b(?:is|are|am|will|won't|would|could|can|may|might|plans?|intends?|expects?|"
                       r"remains?|seems?|appears?|to be|going to)\b|'re\b|'ll\b", re.IGNORECASE)


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
    with `.to_dict()`, or None); by default `verify.core.timewindow.resolve_window`, when it exists.
    """
    resolver = resolve_window or _default_resolver()
    tracker, found, seen = _SourceTracker(), [], set()
    for paragraph in _paragraphs(text):
        tracker.new_paragraph()
        for sentence in _sentences(paragraph):
            source = tracker.source_for(sentence)
            hedges, confidence = _hedges(sentence)
            if confidence is None or not _is_claim_shaped(sentence) or sentence.lower() in seen:
                continue
            seen.add(sentence.lower())
            found.append(Suggestion(sentence, confidence, hedges, source, _entities(sentence),
                                    _window(resolver, sentence, published)))
    return found


def _is_claim_shaped(sentence: str) -> bool:
    """Statements only: questions, opinions, boilerplate and fragments are never claims."""
    return (len(sentence.split()) >= 4 and re.search(r"[.!][\"'”’)]*$", sentence) is not None
            and not _BOILERPLATE.search(sentence) and not _OPINION.search(sentence)
            and not _INDIRECT_QUESTION.search(sentence))


def _hedges(sentence: str) -> tuple[tuple[str, ...], float | None]:
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


def _default_resolver() -> WindowResolver:
    """The project's time-window resolver, imported late so this module works before it exists."""
    try:
        from verify.core.timewindow import resolve_window
    except ImportError:
        return lambda sentence, published: None
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


# Paragraphs and sentences ---------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
    "mt", "vs", "etc", "approx", "est", "dept", "gen", "gov", "sen", "rep", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "vol", "nos"
})
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9$])")


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs in pasted text; extracted HTML has one paragraph a line.

    Lines inside a paragraph are joined, which undoes hard wraps.
    """
    text = text.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _sentences(paragraph: str) -> list[str]:
    """Split at sentence ends, but not after "Inc.", "Dr.", "U.S." or "No. 1", nor inside "$7.5B"."""
    pieces, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        if m.group(0)[0] == "." and _is_abbreviation(paragraph[start:m.start()], paragraph[m.end():]):
            continue
        pieces.append(paragraph[start:m.end()].strip())
        start = m.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def _is_abbreviation(before: str, after: str) -> bool:
    word = re.search(r"[\w.]*$", before).group(0).lower()
    if word == "no":
        return after[:1].isdigit()
    return word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]|[a-z]", word) is not None


# Attribution -----------------------------------------------------------------------------------------------

_SOURCE_END = r"[^,;:()—–\"“”]+"
_ACCORDING = re.compile(rf"\b(?:according to|per(?=\s+(?-i:[A-Z])|\s+an?\s|\s+the\s)|via)\s+(?P<src>{_SOURCE_END})",
                        re.IGNORECASE)
_BY = re.compile(rf"\b(?:(?:leaked|shared|posted|spotted|tipped|reported|found|discovered|revealed) by|"
                 rf"(?:leak|report|post|tip|rumou?r|claim)s? (?:from|by))\s+(?P<src>{_SOURCE_END})", re.IGNORECASE)
_SAID_AFTER_QUOTE = re.compile(rf"[,\"”]\s+(?:said|says|wrote|told)\s+(?P<src>[A-Z]{_SOURCE_END})")
_SOURCE_VERB = re.compile(
    r"\b(?:reports?|reported|says?|said|claims?|claimed|told|tells|found|spotted|discovered|uncovered|shared|"
    r"posted|leaked|tipped|revealed|believes?|speculated|guessed|predicted|notes?|noted|writes?|wrote)\b",
    re.IGNORECASE,
)
_NOUN_PHRASE_END = re.compile(r"\s+(?:that|which|who|is|are|was|were|has|have|had|will|would|could|may|might|"
                              r"points?|shows?|says?|said|suggests?|claims?|indicates?|reveals?)\b.*$", re.I)
_LEADING = re.compile(r"^(?:when|while|after|before|as|since|because|if|although|though|whereas|and|but|so)\s+",
                      re.IGNORECASE)
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:also|now|previously|recently|first|earlier|exclusively|has|have))+$",
                              re.IGNORECASE)
_PRONOUNS = frozenset({"it", "he", "she", "they", "this", "that", "these", "those", "which", "who", "we", "i",
                       "you", "there"})
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|not|will|would|could|can|may|might|do|"
                        r"does|did|to)\b", re.IGNORECASE)
_SOURCE_NOUN = re.compile(r"\b(?:sources?|people|person|insiders?|leakers?|tipsters?|analysts?|reports?|fans|"
                          r"users?|members?|accounts?|executives?|employees?|officials?)\b", re.IGNORECASE)
_ANAPHORA = re.compile(r"(?:one of )?(?:the|this|that) (?:same )?(?:people|person|sources?|tipster|leaker|"
                       r"insiders?|account|report|publication|outlet|code|strings|leak)", re.IGNORECASE)
_ANONYMOUS = re.compile(r"\b(?:people|sources|persons?) (?:familiar with|close to|with knowledge of) [^,;.]+",
                        re.IGNORECASE)


class _SourceTracker:
    """Who the article named last, so "the tipster" gets a name and a follow-up sentence its source.

    A sentence without its own attribution takes the one from the two sentences before it in the same
    paragraph ("kacskrz found strings ... The code suggests the phone will launch in July").
    """

    def __init__(self) -> None:
        self.named: str | None = None
        self.recent: list[str | None] = []

    def new_paragraph(self) -> None:
        self.recent = []

    def source_for(self, sentence: str) -> str | None:
        own = _named_source(sentence)
        if own and _ANAPHORA.fullmatch(own):
            own = self.named or own
        elif own:
            self.named = own
        inherited = next((source for source in reversed(self.recent[-2:]) if source), None)
        self.recent.append(own)
        return own or inherited


def _named_source(sentence: str) -> str | None:
    """The source this sentence names, from the most explicit wording to the least."""
    for pattern in (_ACCORDING, _BY, _SAID_AFTER_QUOTE):
        m = pattern.search(sentence)
        if m:
            source = _clean(m.group("src"), pattern is not _ACCORDING)
            if source and source.split()[0].lower() not in _PRONOUNS:
                return source
    for m in _SOURCE_VERB.finditer(sentence):
        source = _subject(sentence[: m.start()])
        if source:
            return source
    m = _ANONYMOUS.search(sentence)
    return _clean(m.group(0), False) if m else None


def _clean(source: str, cut_at_verb: bool) -> str | None:
    source = re.sub(r"^(?:an? |the )?(?:new |recent )?(?:report|post|tweet|leak)s? (?:from|by|on|in) ", "",
                    source.strip(), flags=re.IGNORECASE)
    if cut_at_verb:
        source = _NOUN_PHRASE_END.sub("", source)
    source = source.strip().rstrip(".!?'’\" ")
    return source if 0 < len(source.split()) <= 10 else None


def _subject(before: str) -> str | None:
    """The noun phrase right before a reporting verb: "Bloomberg" in "..., Bloomberg reports"."""
    chunks = re.split(r"[,;:()—–\"“”]|\b(?:that|and|but)\b", before.rstrip())
    chunk = chunks[0] if before.rstrip().endswith(",") else chunks[-1]
    source = _TRAILING_ADVERB.sub("", _LEADING.sub("", chunk.strip()))
    words = source.split()
    if not words or len(words) > 8 or words[0].lower() in _PRONOUNS or _AUXILIARY.search(source):
        return None
    return source if re.search(r"[A-Z]", source) or _SOURCE_NOUN.search(source) else None


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
