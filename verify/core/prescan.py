"""Which patterns can match a text at all: the words each one needs, looked for in one pass, so most costly
scans are skipped.

Why: reading a claim's time scans it with every rule of `time.expressions.RULES` (28 regexes whose optional
leading words make each scan slow: most of the time spent importing an archive), yet most claims name one
time or none; and reading a statement's stance (`denials`) searches it with 17 patterns, most of which find
nothing in most texts. Every match of a rule contains one of a few fixed words ("spring", "summer", ... for
the seasons) or a digit; a text without any of them cannot match, so the rule is not run on it. The words
are worked out from each rule's own regex (its parsed form), never written by hand: a rule edited or added
keeps a correct test, and a rule whose form names nothing it always needs is simply always run. The test
is only ever looser than the rule (plain substrings, no word boundaries), so what is found is exactly what
running every rule finds.
"""

from __future__ import annotations

import re
from itertools import product

import ahocorasick

from verify.core.caseless import folded

try:  # the parser `re` itself compiles with (Python 3.11+); without it every rule is simply run
    from re import _constants as sre
    from re import _parser
except ImportError:  # pragma: no cover
    sre = _parser = None

DIGIT = "\\d"  # a required digit: any Unicode digit, as `\d` reads it
MAX_CHOICES = 256  # a run of words with more spellings than this is not worth testing for
MAX_TESTS = 3  # the most selective sets of words kept per rule
ANY_DIGIT = re.compile(r"\d")

Needs = tuple[frozenset[str], ...]  # a match contains at least one word of every set


def rule_needs(pattern: re.Pattern) -> Needs:
    """What every match of the pattern contains: a word of each set (no set: nothing known, always run it)."""
    if _parser is None:
        return ()
    return tuple(frozenset(words) for words in _needs(_parser.parse(pattern.pattern, pattern.flags)))


def may_match(needs: Needs, text: str, lowered: str) -> bool:
    """False only when the text (`lowered` = `folded(text)`) lacks every word of one of the sets: then the
    rule cannot match it."""
    return all(any(ANY_DIGIT.search(text) if word == DIGIT else word in lowered for word in words)
               for words in needs)


class RuleFilter:
    """`may_match` for a list of rules at once, in one pass over the text: every word any rule needs is looked
    for together (an Aho-Corasick automaton, `pyahocorasick`: overlapping finds, so a word inside another
    is found too), each word found marks the sets of words it belongs to, and a rule runs when each of its
    sets is marked. Sets and rules are bits of an integer. Measured on 20,000 claims: 20 -> 4.4 µs a text
    (a regex search per set of words before: 28 of them a text)."""

    def __init__(self, patterns: list[re.Pattern]):
        needs = [rule_needs(pattern) for pattern in patterns]
        distinct = list(dict.fromkeys(words for rule in needs for words in rule))
        self.rules = [sum(1 << distinct.index(words) for words in rule) for rule in needs]
        self.digit = sum(1 << at for at, words in enumerate(distinct) if DIGIT in words)
        marks: dict[str, int] = {}
        for at, words in enumerate(distinct):
            for word in words - {DIGIT}:
                marks[word] = marks.get(word, 0) | 1 << at
        self.words = _automaton(marks)

    def may_match(self, text: str) -> list[bool]:
        """For each rule, whether it can match the text (False: it cannot, skip it)."""
        found = self.digit if self.digit and ANY_DIGIT.search(text) else 0
        if self.words is not None:
            for _end, marks in self.words.iter(folded(text)):
                found |= marks
        return [rule & found == rule for rule in self.rules]


class LazyRuleFilter:
    """`RuleFilter.may_match` for the patterns a reader runs over every text, the filter built only once the
    process has read `build_from` texts: building it costs milliseconds (18 for the denial patterns), which a
    one-off command reading a few texts would pay for nothing. Until then every pattern runs; what is found
    is the same either way."""

    def __init__(self, patterns: list[re.Pattern], build_from: int = 256):
        self.patterns, self.build_from = list(patterns), build_from
        self.read = 0
        self.built: RuleFilter | None = None

    def may_match(self, text: str) -> list[bool]:
        if self.built is None:
            if self.read < self.build_from:
                self.read += 1
                return [True] * len(self.patterns)
            self.built = RuleFilter(self.patterns)
        return self.built.may_match(text)


def _automaton(marks: dict[str, int]):
    """The words to look for, each with its marks (None: no word at all)."""
    if not marks:
        return None
    automaton = ahocorasick.Automaton()
    for word, mark in marks.items():
        automaton.add_word(word, mark)
    automaton.make_automaton()
    return automaton


def _needs(items) -> list[set[str]]:
    """Sets of words, each of which every match of this sequence contains one of, the most selective first."""
    found: list[set[str]] = []
    run: set[str] = {""}  # the spellings of the fixed part read so far (a word, a choice of words)

    def consider(candidate: set[str]) -> None:
        if "" not in candidate and not any(_oddly_cased(word) for word in candidate):
            found.append({word if word == DIGIT else word.lower() for word in candidate})

    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is not None and len(run) * len(spelled) <= MAX_CHOICES:
            run = {before + after for before, after in product(run, spelled)}
            continue
        consider(run)
        run = spelled if spelled is not None else {""}
        if spelled is None:
            found.extend(_needs_within(op, av))
    consider(run)
    distinct = {frozenset(words): words for words in found}.values()
    return sorted(distinct, key=_selectivity, reverse=True)[:MAX_TESTS]


def _needs_within(op, av) -> list[set[str]]:
    """What a group, an alternation or a repeat always needs, when it is not a fixed set of spellings."""
    if op is sre.SUBPATTERN:
        return _needs(av[-1])
    if op is sre.BRANCH:  # one set from each branch joined: the best sets, then the second best, ...
        branches = [_needs(branch) for branch in av[1]]
        return [set().union(*(needs[rank] for needs in branches)) for rank in range(min(map(len, branches)))]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needs(av[2])
    if op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return [{DIGIT}]
    return []


def _spellings(op, av) -> set[str] | None:
    """Every text this node can match, when they are few and fixed (a word, a choice of words, an optional
    word); zero-width tests (\\b, \\Z) match the empty text. None otherwise."""
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.AT:
        return {""}
    if op is sre.IN and all(kind in (sre.LITERAL, sre.RANGE) for kind, _ in av):  # [abc], [1-4]
        chars = {chr(code) for kind, value in av
                 for code in ((value,) if kind is sre.LITERAL else range(value[0], value[1] + 1))}
        return chars if len(chars) <= 16 else None
    if op is sre.SUBPATTERN:
        return _sequence_spellings(av[-1])
    if op is sre.BRANCH:
        branches = [_sequence_spellings(branch) for branch in av[1]]
        return set().union(*branches) if all(branch is not None for branch in branches) else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[1] == 1:
        inner = _sequence_spellings(av[2])
        return None if inner is None else inner | ({""} if av[0] == 0 else set())
    return None


def _sequence_spellings(items) -> set[str] | None:
    spellings = {""}
    for op, av in items:
        spelled = _spellings(op, av)
        if spelled is None or len(spellings) * len(spelled) > MAX_CHOICES:
            return None
        spellings = {before + after for before, after in product(spellings, spelled)}
    return spellings


def _oddly_cased(word: str) -> bool:
    """A word with a cased letter outside ASCII: IGNORECASE may match it with letters `folded` does not give
    (the rules' words have none; such a word is not relied on)."""
    return word != DIGIT and any(not char.isascii() and char.lower() != char.upper() for char in word)


def _selectivity(words: set[str]) -> tuple[float, int]:
    """Longer words are rarer in prose; a digit (in most claims: "$2 billion", "iPhone 15") counts as less than
    any one character. Fewer words break ties."""
    return min(0.5 if word == DIGIT else len(word) for word in words), -len(words)
