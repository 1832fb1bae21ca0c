"""What an announcement says about a claim beyond "same topic": a denial, a different actor, a detail that
differs (product variant, timing; amounts in `verify.core.amounts`). Each finding is worded for the editor who decides.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from verify.core.denials import Stance, denies, ends_talks
from verify.core.entities import Entity
from verify.core.normalize import fold, tokenize
from verify.core.prescan import LazyRuleFilter

_ROLE_VERB = re.compile(
    r"\b(?:acquir\w*|buy\w*|bought|purchas\w*|take[sn]? over|took over|takeover|merg\w*|partner\w*"
    r"|invest\w*|chosen|selected|picks?|picked|bid\w*|to own|stake in"
    r"|sign(?:s|ed|ing)?|transfer(?:s|red|ring)? of|appoint\w*|hir(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)


def judge(claim: Stance, announcement: Stance, differs: str | None) -> tuple[str, str | None]:
    """The verdict and the detail shown with it. Denied when the announcement denies the claim (see
    `denies`): a denial wins over any detail and is never read as a confirmation. Talks the claim spoke of
    and the announcement ends (or whose offer it withdraws) are partly confirmed ("outcome: ... ended"); so is
    an event claimed and only restated as a plan ("plans to launch later this year", a prototype): a plan
    claimed and restated is confirmed. Else partly confirmed when a detail differs, confirmed when none does."""
    if denies(claim, announcement):
        return "denied", None
    if ends_talks(claim, announcement):
        return "partly_confirmed", "outcome: talks or offer rumored, ended announced"
    if announcement.plan_only and not claim.plan_only and not differs:
        return "partly_confirmed", "plan: the announcement only restates a plan, nothing done yet"
    return ("partly_confirmed" if differs else "confirmed"), differs


def verdict(claim: Stance, announcement: Stance, differs: str | None) -> str:
    """`judge`'s verdict alone."""
    return judge(claim, announcement, differs)[0]


@dataclass(frozen=True)
class Roles:
    """Who acts and who is acted upon around the first deal verb (acquire, buy, merge, partner, invest)."""

    subjects: frozenset[str]
    objects: frozenset[str]

    @property
    def known(self) -> bool:
        return bool(self.subjects)


# The deal verb is looked for only in a text holding one of the words it needs (`prescan`): most texts hold
# none. Measured on 40,000 synthetic announcements: 5.2 -> 3.1 µs a text (the rumor texts of the development
# set: 8.6 -> 4.9), the same roles.
_PRESCAN = LazyRuleFilter([_ROLE_VERB])


def roles(cleaned_text: str, entities: Sequence[Entity]) -> Roles:
    """Actors before the deal verb are subjects, those after are objects; products play no role."""
    verb = _ROLE_VERB.search(cleaned_text) if _PRESCAN.may_match(cleaned_text)[0] else None
    if verb is None:
        return Roles(frozenset(), frozenset())
    actors = [e for e in entities if e.kind != "product"]
    return Roles(frozenset(e.key for e in actors if e.start < verb.start()),
                 frozenset(e.key for e in actors if e.start >= verb.end()))


def role_conflict(claim: Roles, announcement: Roles, names: dict[str, str],
                  claim_mentions: Mentions | None = None,
                  announcement_mentions: Mentions | None = None) -> str | None:
    """The claimed actor is not the announced one: "Intel to acquire Mellanox" vs "NVIDIA to acquire Mellanox".

    Given what each text mentions, an actor named anywhere in the other text is no conflict: roles read off
    noisy posts are often wrong ("PSA: every BANG you buy funds..." has no actor "PSA"), while a look-alike
    names an actor the claim never mentions and leaves the rumored one out.
    Returns the difference in words, or None when the roles agree or cannot be compared.
    """
    if not claim.known or not announcement.known or _same_actor(claim.subjects, announcement.subjects):
        return None
    if claim_mentions is not None and announcement_mentions is not None and (
            any(claim_mentions.names(key) for key in announcement.subjects)
            or any(announcement_mentions.names(key) for key in claim.subjects)):
        return None
    rumored = ", ".join(names.get(k, k) for k in sorted(claim.subjects))
    announced = ", ".join(names.get(k, k) for k in sorted(announcement.subjects))
    return f"actor: {rumored} rumored, {announced} announced"


def target_conflict(claim: Roles, announcement: Roles, names: dict[str, str], claim_mentions: Mentions,
                    announcement_mentions: Mentions) -> str | None:
    """The same buyer, another deal: "Google in talks to buy WhatsApp" vs "Google agrees to acquire Waze".

    Both texts name what the deal verb acts on (the target, the player, the partner), and neither text
    mentions the other's: a different deal of the same actor, not a partial confirmation of this one.
    Returns the difference in words, or None when the targets agree or cannot be compared.
    """
    if not claim.objects or not announcement.objects:
        return None
    if any(announcement_mentions.names(key) for key in claim.objects) or any(
            claim_mentions.names(key) for key in announcement.objects):
        return None
    rumored = ", ".join(names.get(k, k) for k in sorted(claim.objects))
    announced = ", ".join(names.get(k, k) for k in sorted(announcement.objects))
    return f"target: {rumored} rumored, {announced} announced"


@dataclass(frozen=True)
class Mentions:
    """What a text mentions: its matching words (`tokenize`) and the keys of the entities found in it."""

    words: frozenset[str]
    keys: frozenset[str]

    def names(self, key: str) -> bool:
        """The text names this entity: all its words occur, or one of its entities is a shorter form of it
        ("BANG" for "Bang Energy", as `_same_actor` reads "Trump" for "Donald Trump")."""
        parts, whole = _key_words(key)
        return (bool(parts) and all(p in self.words for p in parts)) or any(
            _key_words(k)[1] <= whole or same_name(k, key) for k in self.keys if k)


@functools.lru_cache(maxsize=1 << 16)
def _key_words(key: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """An entity key's matching words (`tokenize`) and its plain words: read once per key, not once per pair."""
    return tuple(tokenize(key)), frozenset(key.split())


def _same_actor(rumored: frozenset[str], announced: frozenset[str]) -> bool:
    """Some actor on both sides, by the same name or a shorter form of it ("Trump" for "Donald Trump")."""
    return any(_key_words(a)[1] <= _key_words(b)[1] or _key_words(b)[1] <= _key_words(a)[1] or same_name(a, b)
               for a in rumored for b in announced)


@functools.lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str) -> bool:
    """Two entity keys that write one name: spaced or glued ("exxon mobil", "exxonmobil"), or one the
    initials of the other ("ea", "electronic arts"; at least two words)."""
    if a.replace(" ", "") == b.replace(" ", ""):
        return True
    short, long = sorted((a, b), key=len)
    words = long.split()
    return " " not in short and len(words) >= 2 and short == "".join(w[0] for w in words)


def organisation_conflict(claim: Sequence[Entity], announcement: Sequence[Entity], padded: str) -> str | None:
    """Both texts name known organisations and none of the claim's is in the announcement: other companies,
    other event ("Xiaomi and Leica" rumored, "OnePlus and Hasselblad" announced), however alike the wording.

    Only alias-book names count: organisations guessed from capitals ("NOPE", "USA") are too noisy to veto.
    """
    wanted = [e for e in claim if e.kind == "org" and e.known]
    got = [e for e in announcement if e.kind == "org" and e.known]
    if not wanted or not got:
        return None
    got_keys = {e.key for e in got}
    if any(e.key in got_keys or f" {e.key} " in padded for e in wanted):
        return None
    rumored = ", ".join(e.name for e in wanted)
    announced = ", ".join(e.name for e in got)
    return f"organisations: {rumored} rumored, {announced} announced"


_PART_NOUN = (r"(?:business(?:es)?|units?|divisions?|arms?|operations|assets|subsidiar(?:y|ies)|brands?|segments?"
              r"|stakes?|portfolio|holdings)")
_PART_AFTER = re.compile(r"(?:'s|’s|'|’)\s+(?:[\w&-]+\s+){0,8}?" + _PART_NOUN + r"\b", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:(?:minority|majority|small|large|controlling|\d+(?:\.\d+)?\s?%)\s+)?"
                          r"(?:stake|portion|half) (?:of|in) (?:the )?$", re.IGNORECASE)


def _part_of(name: str, folded: str) -> str | None:
    """The part of a company a text names ("Lehman Brothers' North American businesses", "a stake in Arm"), or
    None when it speaks of the company itself."""
    for found in re.finditer(re.escape(name), folded, re.IGNORECASE):
        after = _PART_AFTER.match(folded, found.end())
        if after:
            return folded[found.start():after.end()]
        before = _PART_BEFORE.search(folded[max(0, found.start() - 30):found.start()])
        if before:
            return folded[found.start() - len(before.group(0)):found.end()]
    return None


def scope_difference(claim: Roles, entities: Sequence[Entity], claim_text: str, announcement_text: str) -> str | None:
    """A whole company rumored to be bought or merged, a part of it announced: "buy Lehman Brothers" against
    "acquire Lehman Brothers' North American investment banking businesses", "take over X" against "a stake in
    X". Read only for the company the claim's deal verb acts on first (its object, not a company named later in
    the sentence), and only when the claim itself names no part of it."""
    acted_on = sorted((e for e in entities if e.key in claim.objects), key=lambda e: e.start)
    if not acted_on:
        return None
    name = acted_on[0].name
    part = _part_of(name, fold(announcement_text))
    if part and _part_of(name, fold(claim_text)) is None:
        return f"scope: all of {name} rumored, {part} announced"
    return None


def product_variant(claim: Sequence[Entity], announcement: Sequence[Entity], padded: str = "") -> str | None:
    """A claimed product absent but a close sibling present: "Xiaomi 12 Ultra" vs "Xiaomi 12S Ultra".

    Given the announcement's normalised text (`padded`), a product named anywhere in it is not absent; and a
    more precise announced form of the claimed name ("iPhone" -> "iPhone 4") is no other product.
    """
    announced_keys = {e.key for e in announcement}
    for wanted in (e for e in claim if e.kind == "product" and e.key not in announced_keys
                   and f" {e.key} " not in padded):
        for got in (e for e in announcement if e.kind == "product" and not e.key.startswith(f"{wanted.key} ")):
            same_line = wanted.key.split()[0] == got.key.split()[0]
            if same_line and fuzz.ratio(wanted.key, got.key) >= 70:
                return f"product: {wanted.name} rumored, {got.name} announced"
    return None


def describe_window(start: date | None, end: date) -> str:
    """A window in an editor's words: "in July 2022", "between May 3, 2022 and June 1, 2022", "by June 1, 2022"."""
    if start and start.day == 1 and start.year == end.year and start.month == end.month \
            and (end + timedelta(days=1)).day == 1:
        return f"in {end:%B %Y}"
    if start:
        return f"between {_day(start)} and {_day(end)}"
    return f"by {_day(end)}"


def _day(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def timing_difference(window_start: date | None, window_end: date | None, published: date,
                      grace_days: int) -> str | None:
    """Announced after the claimed window plus a grace period: the event came, but late."""
    if window_end is None or published <= window_end + timedelta(days=grace_days):
        return None
    return f"timing: expected {describe_window(window_start, window_end)}, announced {_day(published)}"


_NOT_THE_DAY = re.compile(r"\b(?:as soon as|as early as|no later than|in time for|ahead of|within|or sooner"
                          r"|at the earliest|at the latest|or earlier)\b", re.IGNORECASE)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# German, French and Spanish months whose first letters are not the English ones ("18. Mai", "le 3 juin")
_MONTHS_ELSEWHERE = {"mai": 5, "okt": 10, "dez": 12, "fev": 2, "avr": 4, "juin": 6, "juil": 7, "aou": 8, "ene": 1,
                     "abr": 4, "ago": 8, "dic": 12}
_MONTH = (r"(?P<{}>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mai|Okt|Dez|Fev|Avr|Juin|Juil|Aou|Ene|Abr|Ago"
          r"|Dic)[a-z]*\.?")
_CALENDAR_DAY = re.compile(
    rf"\b{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MONTH.format('m2')}"
    r"|(?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*日", re.IGNORECASE)


def _written_days(text: str) -> set[tuple[int, int]]:
    """The (month, day) pairs a text writes out: "February 18", "18 Feb", "2月18日", "18. März", "18 de marzo"."""
    days = set()
    for m in _CALENDAR_DAY.finditer(fold(text)):
        month = (m["m1"] or m["m2"] or "").lower()
        number = (_MONTHS_ELSEWHERE.get(month[:4]) or _MONTHS_ELSEWHERE.get(month[:3])
                  or _MONTHS.index(month[:3]) + 1) if month else int(m["m3"])
        days.add((number, int(m["d1"] or m["d2"] or m["d3"])))
    return days


def day_difference(claim_text: str, window_start: date | None, window_end: date | None,
                   published: date) -> str | None:
    """A claim that names a calendar day ("on February 18") and an announcement two or more days away from it,
    before or after: the event came on another day. Not for "as soon as Monday" (an earlier day still
    confirms), nor for weekdays and holidays alone, whose reading is less sure than a written date: the
    window's day must be one the claim writes out."""
    if window_start is None or window_start != window_end or _NOT_THE_DAY.search(claim_text) \
            or (window_start.month, window_start.day) not in _written_days(claim_text):
        return None
    if abs((published - window_start).days) < 2:
        return None
    return f"date: {_day(window_start)} rumored, {_day(published)} announced"
