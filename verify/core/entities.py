"""Organisations, products and people named in a text, and the alias book that tells which names are one.

Two texts about the same event name the same actors; two look-alikes ("Intel to buy Mellanox", "NVIDIA to
buy Mellanox") differ exactly there. So the matcher compares entities, found two ways: the alias book
(names people maintain) and capitalised phrases (names nobody listed yet).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from verify.core.caseless import folded
from verify.core.data.default_aliases import DEFAULT_ALIASES
from verify.core.normalize import STOP_WORDS, fold, strip_company_suffixes, strip_noise, strip_possessives
from verify.core.scripts import CJK, CJK_RUN

KINDS = ("org", "product", "person", "other")

COMMON_WORDS = STOP_WORDS | frozenset(
    ["according", "add", "announce", "announced", "announces", "announcement", "anyone", "appear", "best", "big",
     "biggest", "breaking", "check", "coming", "company", "confirmed", "confirms", "deal", "denies", "denied", "did",
     "does", "don't", "even", "every", "everyone", "exclusive", "expected", "finally", "first", "get", "good", "great",
     "here", "huge", "including", "it's", "just", "last", "latest", "launch", "launched", "launches", "like", "look",
     "major", "many", "maybe", "more", "much", "must", "need", "never", "new", "news", "next", "nothing", "now",
     "official", "officially", "one", "people", "please", "plan", "plans", "president", "really", "report",
     "reportedly", "reports", "rumor", "rumored", "rumors", "rumour", "rumours", "said", "say", "says", "see", "should",
     "source", "sources", "soon", "still", "take", "thanks", "that's", "there's", "they're", "think", "today", "told",
     "tomorrow", "two", "update", "video", "watch", "we're", "well", "what's", "why", "yes", "yesterday",
     "analyst", "analysts", "ask", "buyers", "call", "critics", "customers", "dear", "experts", "fans", "insiders",
     "investors", "leaked", "leaker", "leakers", "leaks", "let", "lawmakers", "market", "markets", "officials",
     "owners", "phones", "plus", "rivals", "share", "shares", "stock", "stocks", "tech", "thank", "users", "wait"]
)
"""Words that are capitalised only because they start a sentence or a headline; never entities alone."""

_CALENDAR = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "q1", "q2", "q3", "q4", "h1", "h2"]
)
_PERSON_TITLES = frozenset(["ceo", "cfo", "cto", "chairman", "chairwoman", "founder", "president", "minister",
                            "senator", "mr", "mrs", "ms", "dr"])
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]*")
_LOWER_SAFE_MIN = 5  # an alias this long may match in lower case ("nvidia"); shorter ones are too ambiguous
_AMBIGUOUS_WORDS = frozenset(["apple", "amazon", "meta", "oracle", "target", "shell", "visa", "square", "block", "snap",
                              "alphabet"])


@dataclass(frozen=True)
class Entity:
    """A name found in a text: `key` compares (canonical, lower case), `name` is shown, `start` orders roles."""

    key: str
    name: str
    kind: str
    start: int = 0
    known: bool = False  # from the alias book, not guessed from capitals


def _words(form: str) -> tuple[str, ...]:
    """The words of a lower-case name as `entity_key` splits them."""
    return tuple(re.findall(rf"[a-z0-9&]+|[{CJK}]+", form))


@lru_cache(maxsize=65_536)  # a newsroom names the same firms again and again: each key costs 4 µs to make
def entity_key(name: str) -> str:
    """The comparison form of a name: lower case, no legal suffix, no possessive, no punctuation."""
    text = fold(strip_possessives(strip_company_suffixes(name))).lower()
    return " ".join(re.findall(rf"[a-z0-9&]+|[{CJK}]+", text))


class AliasBook:
    """Canonical names and their aliases, from plain data the caller passes (editable, storable).

    `data` maps a canonical name to either a list of aliases or {"kind": ..., "aliases": [...]}.
    """

    def __init__(self, data: Mapping[str, object] | None = None):
        self._kinds: dict[str, str] = {}
        self._names: dict[str, str] = {}  # key -> canonical display name
        self._canonical: dict[str, str] = {}  # alias key -> canonical key
        self._surfaces: dict[str, str] = {}  # alias as written -> canonical key
        self._folded: dict[str, str] = {}  # alias as texts are searched (`fold`: "Яндекс" is "Yandeks") -> key
        for canonical, entry in (data or {}).items():
            kind, aliases = _read_entry(entry)
            self.add(canonical, aliases, kind=kind)
        self._pattern: re.Pattern | None = None
        self._finder_made: tuple | None = None  # (`_finder`,) once made
        self._by_key: dict[str, list[str]] | None = None
        self._forms: dict[str, list[tuple[str, ...]]] | None = None

    @classmethod
    def default(cls) -> AliasBook:
        """The shipped list of well-known technology companies."""
        return cls(DEFAULT_ALIASES)

    def add(self, canonical: str, aliases: Iterable[str] = (), *, kind: str = "org") -> None:
        """Register a canonical name and its aliases (later entries win on conflicts)."""
        if kind not in KINDS:
            raise ValueError(f"unknown entity kind {kind!r}; expected one of {', '.join(KINDS)}")
        key = entity_key(canonical)
        self._kinds[key], self._names[key] = kind, canonical
        for surface in (canonical, *aliases):
            self._canonical[entity_key(surface)] = key
            self._surfaces[strip_company_suffixes(surface)] = key
            searched = _searchable(surface)
            if searched:
                self._folded[searched] = key
        self._pattern = self._by_key = self._forms = self._finder_made = None

    def to_data(self) -> dict[str, dict[str, object]]:
        """The book as plain data, the same shape the constructor reads."""
        out: dict[str, dict[str, object]] = {}
        for key, name in self._names.items():
            aliases = sorted(s for s, k in self._surfaces.items() if k == key and s != name)
            out[name] = {"kind": self._kinds[key], "aliases": aliases}
        return out

    def names_by_key(self) -> dict[str, list[str]]:
        """Every name each entity goes by (canonical first, then its aliases), by entity key: what a search
        for a known name also looks for. Kept until the next `add`; read it, don't change it."""
        if self._by_key is None:
            self._by_key = {}
            for canonical, entry in self.to_data().items():
                self._by_key.setdefault(entity_key(canonical), []).extend([canonical, *entry["aliases"]])
        return self._by_key

    def forms(self, key: str) -> list[tuple[str, ...]]:
        """Every way a text can name the entity `key`, each as the words (lower case, folded) a text naming it
        that way holds, inside other words or not: its key, the keys of its aliases, the forms its names are
        searched by. A text that holds none of them whole cannot name the entity (`verify.core.bounds` reads
        this to skip pairs whose entities cannot agree). An entity the book does not know has its key only."""
        if self._forms is None:
            forms: dict[str, set[tuple[str, ...]]] = {}
            for alias, canonical in self._canonical.items():
                forms.setdefault(canonical, set()).add(_words(alias))
            for searched, canonical in self._folded.items():
                forms.setdefault(canonical, set()).add(_words(searched.lower()))
            for canonical in self._names:
                forms.setdefault(canonical, set()).add(_words(canonical))
            self._forms = {k: sorted(v) for k, v in forms.items()}
        return self._forms.get(key) or [_words(key)]

    def products_starting(self, word: str) -> list[str]:
        """The keys of the book's products whose key starts with this word ("galaxy" for "galaxy s23")."""
        return [key for key, kind in self._kinds.items() if kind == "product" and key.split()[:1] == [word]]

    def canonical(self, name: str) -> str | None:
        """The canonical key of a name, or None when the book does not know it."""
        return self._canonical.get(entity_key(name))

    def display(self, key: str) -> str:
        return self._names.get(key, key)

    def kind(self, key: str) -> str | None:
        return self._kinds.get(key)

    def find(self, text: str) -> list[Entity]:
        """Every known name in the text (after noise and suffix removal), as canonical entities."""
        return self._scan(clean_for_entities(text))[0]

    def _scan(self, cleaned: str) -> tuple[list[Entity], list[tuple[int, int]]]:
        """The known names in a cleaned text, and the spans the book's names cover (one scan for both)."""
        found, covered = [], []
        for start, end in self._names_in(cleaned):
            covered.append((start, end))
            name = cleaned[start:end]
            key = self._folded.get(name) or self._canonical.get(entity_key(name))
            if key:
                found.append(Entity(key, self._names[key], self._kinds[key], start, known=True))
        return found, covered

    def _names_in(self, cleaned: str) -> Iterator[tuple[int, int]]:
        """The spans `_compiled().finditer` finds, found sooner: the automaton (`_finder`) gives every place
        where some name's letters stand (as `folded` lower-cases them); only there are the names tried, each
        with its own pattern, in the big pattern's order; the first that matches is the big pattern's match at
        that place, and the next is looked for after it. The big alternation tries each of its names (621 in
        the shipped book) at every character: 30 -> 2.2 µs a text (synthetic and development-set texts)."""
        finder = self._finder()
        if finder is None:
            yield from (match.span() for match in self._compiled().finditer(cleaned))
            return
        automaton, alternatives, patterns = finder
        places: dict[int, list[int]] = {}
        for end, (length, ranks) in automaton.iter(folded(cleaned)):
            places.setdefault(end + 1 - length, []).extend(ranks)
        after = 0
        for start in sorted(places):
            if start < after:
                continue
            for rank in sorted(places[start]):
                pattern = patterns[rank]
                if pattern is None:  # compiled the first time it is tried (all 621 of the shipped book's at once
                    pattern = patterns[rank] = re.compile(alternatives[rank].source)  # cost a command 18 ms)
                match = pattern.match(cleaned, start)
                if match:
                    yield match.span()
                    after = match.end()
                    break

    def _alternatives(self) -> list[_Alternative]:
        """The big pattern's alternatives, in its order: the book's names (as written, in capitals, and
        case-blind when long enough), each between non-word characters, then the Chinese and Japanese names,
        bare (no spaces around them to look for)."""
        bounded: dict[str, _Alternative] = {}
        bare: dict[str, _Alternative] = {}
        for surface in self._folded:
            if CJK_RUN.search(surface):
                bare[re.escape(surface)] = _Alternative(surface, blind=False, bounded=False)
                continue
            for written in (surface, surface.upper()):
                bounded[re.escape(written)] = _Alternative(written, blind=False, bounded=True)
            if len(surface) >= _LOWER_SAFE_MIN and surface.lower() not in _AMBIGUOUS_WORDS:
                bounded["(?i:" + re.escape(surface) + ")"] = _Alternative(surface, blind=True, bounded=True)
        return [alternatives[form] for alternatives in (bounded, bare)
                for form in sorted(alternatives, key=lambda f: (-len(f), f))]

    def _compiled(self) -> re.Pattern:
        if self._pattern is None:
            alternatives = self._alternatives()
            bounded = "|".join(a.form for a in alternatives if a.bounded) or "(?!)"
            bare = "|".join(a.form for a in alternatives if not a.bounded) or "(?!)"
            self._pattern = re.compile(rf"{_BOUNDED.format(bounded)}|{bare}")
        return self._pattern

    def _finder(self) -> tuple[object, list[_Alternative], list[re.Pattern | None]] | None:
        """An automaton of every alternative's letters as `folded` spells them (each giving their length and
        the ranks of the alternatives spelled so), the alternatives, and each one's own pattern once made
        (`_names_in` compiles it when first tried). None (the big pattern is run) when a case-blind name has
        a letter outside ASCII: `folded` pairs only ASCII letters with every letter they match case-blind."""
        if self._finder_made is None:
            alternatives = self._alternatives()
            spelled: dict[str, list[int]] = {}
            for rank, alternative in enumerate(alternatives):
                spelled.setdefault(folded(alternative.letters), []).append(rank)
            if not spelled or any(a.blind and not a.letters.isascii() for a in alternatives):
                self._finder_made = (None,)
            else:
                automaton = ahocorasick.Automaton()
                for letters, ranks in spelled.items():
                    automaton.add_word(letters, (len(letters), tuple(ranks)))
                automaton.make_automaton()
                self._finder_made = ((automaton, alternatives, [None] * len(alternatives)),)
        return self._finder_made[0]


@dataclass(frozen=True)
class _Alternative:
    """One way the alias book's big pattern finds a name: these letters, as written or case-blind, between
    non-word characters or bare."""

    letters: str
    blind: bool
    bounded: bool

    @property
    def form(self) -> str:
        return f"(?i:{re.escape(self.letters)})" if self.blind else re.escape(self.letters)

    @property
    def source(self) -> str:
        """Its own pattern, alone."""
        return _BOUNDED.format(self.form) if self.bounded else self.form


_BOUNDED = r"(?<![\w&])(?:{})(?![\w&])"  # a name between non-word characters ("&" is a word's: "AT&T")


def newsroom_alias_book(stored: Iterable[tuple[str, str, str]]) -> AliasBook:
    """The one way a newsroom's book is built: the shipped defaults, then its stored aliases (canonical, alias,
    kind) in the order they were stored, so later ones win and an editor's correction overrides a default."""
    book = AliasBook.default()
    for canonical, alias, kind in stored:
        book.add(canonical, [alias], kind=kind)
    return book

def _searchable(surface: str) -> str:
    """How a name is looked for in texts: folded, without its legal suffix, unless that leaves a single
    letter ("X Corp" is looked for whole: a bare "X" is everywhere, "Ally X", "Model X")."""
    stripped = fold(strip_company_suffixes(surface)).strip()
    if len(stripped) >= 2 or CJK_RUN.search(stripped):
        return stripped
    whole = fold(surface).strip()
    return whole if len(whole) >= 2 else ""


def _read_entry(entry: object) -> tuple[str, list[str]]:
    if isinstance(entry, Mapping):
        return str(entry.get("kind", "org")), [str(a) for a in entry.get("aliases", ())]
    if isinstance(entry, str):
        return "org", [entry]
    return "org", [str(a) for a in entry or ()]


def clean_for_entities(text: str) -> str:
    """The text entities are read from: tweet noise, legal suffixes and possessives removed, case kept."""
    return strip_possessives(strip_company_suffixes(strip_noise(text)))


# --- capitalised phrases ---------------------------------------------------------------------------------

_NEVER_NAMES = COMMON_WORDS | _CALENDAR | _PERSON_TITLES


def _is_name_word(word: str, lower_elsewhere: set[str], shouting: bool) -> bool:
    """A word that can be part of a name: capitalised, CamelCase ('iPhone') or alphanumeric ('12S', 'M2')."""
    low = word.lower()
    if low in _NEVER_NAMES:
        return False
    if word.isalpha():  # (the words are ASCII: `_WORD`) most are letters only
        has_digit, has_alpha = False, True
    else:  # letters, digits and "&", the first not "&": what is left without "&" is letters, digits or both
        rest = word.replace("&", "")
        has_digit, has_alpha = not rest.isalpha(), not rest.isdigit()
    if has_digit and has_alpha:
        return True
    if not word[0].isupper():
        return word[1:] != low[1:]  # a capital further on: iPhone, eBay
    if shouting and word.isupper() and len(word) > 4:
        return False  # SHOUTING, not an acronym
    return low not in lower_elsewhere


Word = tuple[str, int, int]  # a word of a text, where it starts and ends


def _joins_of(current: list[int], words: list[Word], i: int, starts: Callable[[], set[int]]) -> bool:
    """"Bank of America" is one name; "Critics of FTC" at a sentence start is not."""
    if not current or (len(current) == 1 and words[current[0]][1] in starts()):
        return False
    return i + 1 < len(words) and words[i + 1][0][:1].isupper()


def _sentence_starts(text: str) -> set[int]:
    return {0} | {m.end() for m in re.finditer(r"[.!?:;\"]\s+|\n+", text)}


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int


def extract_phrases(text: str) -> list[Phrase]:
    """Sequences of name words ("Xiaomi 12S Ultra", "TikTok", "Bank of America") in a cleaned text.

    Numbers continue a phrase but never start one; a word capitalised only because it starts a sentence
    is skipped when it is a common word, or when the same text also uses it in lower case.
    """
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]  # (plain tuples: read many times)
    lower_elsewhere = {word for word, _, _ in words if word.islower()}
    shouting = sum(word.isupper() and len(word) > 3 for word, _, _ in words) >= 3
    found_starts: list[set[int]] = []

    def starts() -> set[int]:  # read only when a word's place is asked (seldom)
        if not found_starts:
            found_starts.append(_sentence_starts(text))
        return found_starts[0]

    phrases: list[Phrase] = []
    current: list[int] = []  # the phrase's words so far (their places in `words`)

    def close() -> None:
        while current and words[current[-1]][0].isdigit() and len(words[current[-1]][0]) == 4:
            current.pop()  # a trailing year is a date, not a model number
        if current and not words[current[0]][0].isdigit():
            start = words[current[0]][1]
            phrases.append(Phrase(text[start:words[current[-1]][2]], start))
        current.clear()

    for i, (word, start, _) in enumerate(words):
        if current and text[words[i - 1][2]:start] not in (" ", "-"):
            close()
        if _is_name_word(word, lower_elsewhere, shouting) or (current and word.isdigit()):
            if not current and word.lower() in lower_elsewhere and start in starts():
                continue
            current.append(i)
        elif word == "of" and _joins_of(current, words, i, starts):
            current.append(i)
        elif current:
            close()
    close()
    return [p for p in phrases if not p.text.endswith(" of") and len(p.text) > 1]  # "U" of "U.S." names nobody


def _guess_kind(phrase: str, preceding: str, aliases: AliasBook) -> str:
    words = phrase.split()
    if any(any(c.isdigit() for c in w) for w in words) or (phrase[0].islower() and len(words) >= 1):
        return "product"
    if len(words) > 1 and aliases.canonical(words[0]) and aliases.kind(aliases.canonical(words[0])) == "org":
        return "product"  # "Google Pixel", "Xiaomi Mix"
    if preceding.split()[-1:] and preceding.split()[-1].lower() in _PERSON_TITLES:
        return "person"
    if len(words) == 1 and any(c.isupper() for c in phrase[1:]):
        return "org"  # TikTok, OnePlus, IBM
    return "other"


def find_entities(text: str, aliases: AliasBook | None = None, *, cleaned: str | None = None) -> list[Entity]:
    """Known names from the alias book, then the other capitalised phrases, in text order, no repeats.
    `cleaned`: the text's `clean_for_entities`, when the caller has it already."""
    book = aliases if aliases is not None else AliasBook.default()
    cleaned = clean_for_entities(text) if cleaned is None else cleaned
    entities: dict[str, Entity] = {}
    known, covered = book._scan(cleaned)
    for entity in known:
        entities.setdefault(entity.key, entity)
    for phrase in extract_phrases(cleaned):
        key = book.canonical(phrase.text) or entity_key(phrase.text)
        end = phrase.start + len(phrase.text)
        if not key or key in entities or any(a <= phrase.start and end <= b for a, b in covered):
            continue
        kind = book.kind(key) or _guess_kind(phrase.text, cleaned[: phrase.start], book)
        entities[key] = Entity(key, book.display(key) if book.kind(key) else phrase.text, kind, phrase.start)
    return sorted(entities.values(), key=lambda e: (e.start, e.key))


# --- learning from data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class AliasProposal:
    """A suggested alias for an editor to accept or reject: why, and how often the data showed it."""

    canonical: str
    alias: str
    count: int
    reason: str


def frequent_phrases(texts: Iterable[str], *, min_count: int = 2) -> list[tuple[str, int]]:
    """Capitalised phrases seen at least `min_count` times, most frequent first: names nobody listed yet."""
    counts = Counter(p.text for t in texts for p in extract_phrases(clean_for_entities(t)))
    return sorted(((p, n) for p, n in counts.items() if n >= min_count), key=lambda pn: (-pn[1], pn[0]))


_ORG_TAIL = frozenset(["corporation", "corp", "group", "technologies", "technology", "motors", "platforms", "systems",
                       "labs", "electronics", "semiconductor", "holdings", "inc", "company"])


def propose_aliases(texts: Iterable[str], *, min_count: int = 2) -> list[AliasProposal]:
    """Aliases the data suggests: acronyms ("Securities and Exchange Commission" / "SEC"), spelled-out forms
    ("Nvidia Technologies" / "Nvidia") and case variants ("NVIDIA" / "Nvidia")."""
    counts = dict(frequent_phrases(texts, min_count=min_count))
    proposals: dict[tuple[str, str], AliasProposal] = {}
    by_lower: dict[str, list[str]] = {}
    for phrase in counts:
        by_lower.setdefault(phrase.lower(), []).append(phrase)
    for phrase, count in counts.items():
        words = phrase.split()
        initials = "".join(w[0] for w in words if w[0].isupper())
        if len(words) > 1 and len(initials) >= 2 and initials in counts:
            proposals[(phrase, initials)] = AliasProposal(phrase, initials, counts[initials], "acronym")
        if len(words) > 1 and words[-1].lower() in _ORG_TAIL and " ".join(words[:-1]) in counts:
            short = " ".join(words[:-1])
            proposals[(short, phrase)] = AliasProposal(short, phrase, count, "company name with its tail")
    for variants in by_lower.values():
        ranked = sorted(variants, key=lambda v: (-counts[v], v))
        for alias in ranked[1:]:
            proposals[(ranked[0], alias)] = AliasProposal(ranked[0], alias, counts[alias], "case variant")
    return sorted(proposals.values(), key=lambda p: (-p.count, p.canonical, p.alias))
