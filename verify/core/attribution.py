"""Who an article says a sentence comes from: "according to Bloomberg", "the tipster", "people familiar with".

Why: a rumor's source is what its scorecard counts, and articles name it once and then refer back to it.
"""

from __future__ import annotations

import re

_SOURCE_END = r"[^,;:()—–\"“”]+"
_ACCORDING = re.compile(rf"\b(?:according to|per(?=\s+(?-i:[A-Z])|\s+an?\s|\s+the\s)|via)\s+(?P<src>{_SOURCE_END})",
                        re.IGNORECASE)
_BY = re.compile(rf"\b(?:(?:leaked|shared|posted|spotted|tipped|reported|found|discovered|revealed) by|"
                 rf"(?:leak|report|post|tip|rumou?r|claim)s? (?:from|by))\s+(?P<src>{_SOURCE_END})", re.IGNORECASE)
# "appeared in a TENAA listing", "spotted in an FCC filing": the registry or database is the source.
_LISTING = re.compile(r"\b(?:in|on|from|by) (?:a|an|the) (?P<src>(?-i:[A-Z][\w&.-]*)(?: (?-i:[A-Z][\w&.-]*)){0,3}) "
                      r"(?:listing|filing|database|certification|benchmark)\b", re.IGNORECASE)
_WHERE_PUBLISHED = re.compile(
    r"^(?:an? |the )?(?:new |recent |separate )?(?:report|post|tweet|leak|listing|filing|note|video|story)s?"
    r"(?: \w+ly)?(?: (?:published|posted|shared|filed|made))? (?:from|by|on|in|at) ", re.IGNORECASE)
_ROLE = r"(?:leakers?|tipsters?|analysts?|insiders?|reporters?|journalists?|correspondents?|columnists?|researchers?)"
_ROLE_THEN_NAME = re.compile(
    rf"^(?:(?:a|an|the)\s+)?(?:[\w.'’-]+\s+){{0,3}}?{_ROLE}(?:\s+(?:at|from|with))?\s+"
    r"(?P<name>@?(?-i:[A-Z])[\w.'’@-]*(?:\s+(?-i:[A-Z0-9])[\w.'’-]*){0,3}"
    r"(?:\s+(?:of|at|from)\s+(?-i:[A-Z])[\w.'’&-]*(?:\s+(?-i:[A-Z0-9])[\w.'’&-]*){0,3})?)$", re.IGNORECASE)
_PERSON = re.compile(r"(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3}")
_SAID_AFTER_QUOTE = re.compile(rf"[,\"”]\s+(?:said|says|wrote|told)\s+(?P<src>[A-Z]{_SOURCE_END})")
_SOURCE_VERB = re.compile(
    r"\b(?:reports?|reported|says?|said|claims?|claimed|told|tells|found|spotted|discovered|uncovered|shared|"
    r"posted|leaked|tipped|revealed|believes?|speculated|guessed|predicted|notes?|noted|writes?|wrote|adds|added)\b"
    r"(?!(?:\s+(?:its|their|the))?(?:\s+[\w-]+)?\s+(?:results|earnings|profits?|loss(?:es)?|revenues?|sales)\b)",
    re.IGNORECASE,
)
_PEOPLE = (r"\b(?:sources?|insiders?)\b|(?:people|persons?) (?:familiar|close|with knowledge|briefed)|"
           r"\b(?:the|two|three|four|several|some|senior|government|administration|unnamed|anonymous) "
           r"(?:[\w.-]+ )?officials\b(?! (?:announced|confirmed))|"
           r"\b(?:some|one|two|three|both|several|all) of the (?:people|persons?)\b|"
           r"\bthe (?:people|persons?) (?:said|say|says|told|added)\b|"
           r"\b(?:multiple|several|separate|media|unconfirmed|press) reports\b")
_STATEMENT_VERB = re.compile(r"says?|said|told|tells|writes?|wrote|adds|added|notes?|noted|claims?|claimed",
                             re.IGNORECASE)
_HEARSAY_VERB = re.compile(r"\b(?:suggests?|indicates?|hints?|points?)\b")
UNNAMED_PEOPLE = re.compile(_PEOPLE, re.IGNORECASE)
UNNAMED_SOURCE = re.compile(rf"{_PEOPLE}|\b(?:leakers?|tipsters?)\b", re.IGNORECASE)
# Speakers on the record for their own organisation: what they say is a statement, not a leak to credit.
_ON_RECORD_TITLE = re.compile(
    r"\b(?:chief [\w-]+(?: officer)?|CEO|CFO|COO|CTO|chair(?:man|woman|person)?|president|spokes(?:man|woman|person)|"
    r"(?:co-)?founder|executives?|representatives?|(?:managing )?director|(?:the|a) company)\b", re.IGNORECASE)
_SAYS = re.compile(r"\b(?:has |have |had )?(?:said|says|told|confirmed|announced|stated|signal(?:l?ed|s))\b",
                   re.IGNORECASE)
# "Nissan said it is considering options": the speaker on its own plans. Not "Kuo said he expects Apple to",
# "Bloomberg said it had seen documents": what an analyst forecasts or an outlet found is a claim to credit.
_FOUND = r"(?:had|has|have) (?:seen|obtained|reviewed|learned|heard)|saw|obtained|reviewed|learned|heard"
_FORECAST = r"expects?|believes?|thinks?|predicts?|estimates?|sees?|anticipates?|forecasts?|understands?|hears?"
_SELF_STATEMENT = re.compile(
    r"\b(?:said|says|signal(?:l?ed|s)|indicated|confirmed|announced|stated|told(?: \w+){0,2}?)\s+(?:that\s+)?"
    rf"(?:(?:it|they|we)\b(?!['’])(?!\s+(?:now\s+|also\s+)?(?:{_FOUND})\b)|"
    rf"(?:he|she)\b(?!['’])(?!\s+(?:now\s+|also\s+)?(?:{_FOUND}|{_FORECAST}|(?:was|is|had been|has been) told)\b))",
    re.IGNORECASE)
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


def credited_origin(attribution: str | None) -> str | None:
    """The source a claim's attribution credits, to be scored as its origin, or None when it names nobody.

    "people familiar with the matter", "sources", "two officials" tell the reader the story is sourced,
    but a scorecard for "sources" would pool every unnamed person of every outlet: the outlet answers for
    them. A leading lower-case "the" belongs to the sentence, not the name ("according to the Wall Street
    Journal" credits Wall Street Journal; "The Verge" keeps its capital)."""
    name = " ".join((attribution or "").split())
    if not name or UNNAMED_PEOPLE.match(name):  # "sources at Apple" are still nobody in particular
        return None
    if all(word in _GENERIC or _SOURCE_NOUN.fullmatch(word) for word in name.lower().split()):
        return None  # "analysts", "the tipster" (when the article never named one)
    return re.sub(r"^the\s+(?=[A-Z0-9])", "", name)


_GENERIC = frozenset({"the", "a", "an", "some", "many", "several", "one", "two", "three", "other", "these",
                      "those", "of", "local", "industry", "online", "chinese", "korean", "japanese"})


def speaks_for_itself(sentence: str) -> bool:
    """A company or person telling of its own plans or state ("Nissan said it is considering options"): on
    the record, so no rumor, unless unnamed sources or leakers are cited too."""
    return bool(_SELF_STATEMENT.search(sentence)) and not UNNAMED_SOURCE.search(sentence)


def on_the_record(sentence: str) -> bool:
    """A statement by the company or its executives ("its chief executive has said ..."), or one for itself."""
    if UNNAMED_SOURCE.search(sentence):
        return False
    return speaks_for_itself(sentence) or bool(_SAYS.search(sentence) and _ON_RECORD_TITLE.search(sentence))


class SourceTracker:
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
        """An executive speaking on the record is the source of that sentence only: the next sentences are
        not theirs, and "the tipster" never means them."""
        own = _named_source(sentence)
        credited = own is not None and not on_the_record(sentence) and not _ON_RECORD_TITLE.search(own)
        if own and _ANAPHORA.fullmatch(own):
            own = self.named or own
        elif credited:
            self.named = own
        inherited = next((source for source in reversed(self.recent[-2:]) if source), None)
        self.recent.append(own if credited else None)
        return own or inherited


def _named_source(sentence: str) -> str | None:
    """The source this sentence names, from the most explicit wording to the least."""
    for pattern in (_ACCORDING, _BY, _SAID_AFTER_QUOTE, _LISTING):
        m = pattern.search(sentence)
        if m:
            source = _clean(m.group("src"), pattern is not _ACCORDING)
            if source and source.split()[0].lower() not in _PRONOUNS:
                return source
    speakers = [(source, m.group(0)) for m in _SOURCE_VERB.finditer(sentence)
                if (source := _subject(sentence[: m.start()]))]
    credited = [source for source, _ in speakers if not _ON_RECORD_TITLE.search(source)]
    quoted = [source for source, verb in speakers if _STATEMENT_VERB.fullmatch(verb)]
    if credited or quoted:  # a leaker or an outlet before an executive quoted in the same sentence; an
        return (credited or quoted)[0]  # executive only for what they said, not for a photo they posted
    hearsay = [source for m in _HEARSAY_VERB.finditer(sentence)
               if (source := _subject(sentence[: m.start()])) and _SOURCE_NOUN.search(source)]
    if hearsay:  # "reports in Portugal suggest": only a source noun, not "Leaked renders suggest"
        return hearsay[0]
    m = _ANONYMOUS.search(sentence)
    return _clean(m.group(0), True) if m else None


def _clean(source: str, cut_at_verb: bool) -> str | None:
    source = _WHERE_PUBLISHED.sub("", source.strip())
    if cut_at_verb:
        source = _NOUN_PHRASE_END.sub("", source)
    source = _name_of(source.strip().rstrip(".!?'’\" "))
    return source if 0 < len(source.split()) <= 10 else None


def _name_of(source: str) -> str:
    """The name a description gives: "serial leaker Ravi Okon" is Ravi Okon, "analysts at Canalys" Canalys."""
    m = _ROLE_THEN_NAME.match(source)
    return m.group("name") if m else source


def _subject(before: str) -> str | None:
    """The noun phrase right before a reporting verb: "Bloomberg" in "..., Bloomberg reports", "some fans" in
    "Some fans have gone further and guessed"."""
    chunks = re.split(r"[,;:()—–\"“”]|\b(?:that|and|but)\b", before.rstrip())
    chunk = chunks[0] if before.rstrip().endswith(",") else chunks[-1]
    if before.rstrip().endswith(",") and len(chunks) >= 3 and _PERSON.fullmatch(chunks[-2].strip()) and (
            _ON_RECORD_TITLE.search(chunk) or re.search(_ROLE, chunk, re.IGNORECASE)):
        chunk = chunks[-2]  # "Novara's founder, Lena Park, said": the person, not the title
    if not chunk.strip() and len(chunks) > 1 and re.search(r"\band\s*$", before):
        chunk = _AUXILIARY.split(chunks[-2])[0]  # the subject of both verbs
    source = _TRAILING_ADVERB.sub("", _LEADING.sub("", chunk.strip()))
    words = source.split()
    if not words or len(words) > 8 or words[0].lower() in _PRONOUNS or _AUXILIARY.search(source):
        return None
    if not (re.search(r"[A-Z]", source) or _SOURCE_NOUN.search(source)):
        return None
    return _name_of(source)
