"""Details a rumor names beyond its core that an announcement may not bear out: the partner ("a group led by
Western Digital" -> "a Bain Capital-led consortium"), a feature ("will add an iris scanner" -> "with a
fingerprint scanner"; "with 4K output" never mentioned), the place ("move the final to Wembley" -> "at the
Stade de France").

Each reader looks only where newsroom language puts such details (after "led by", "including", "will add",
"move ... to"), so that a confirmation which simply leaves out a background word is not flagged: a false
alarm makes an editor doubt a right match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verify.core.entities import Entity
from verify.core.normalize import STOP_WORDS, fold, normalize, stem
from verify.core.prescan import LazyRuleFilter

_PARTNER_CUE = re.compile(
    r"(?:\b(?:talks|deal|negotiations|discussions|agreement|alliance|venture|partner(?:s|ed|ing|ship)?|team(?:s|ed)?"
    r" up|work(?:s|ing)?|together)\s+with|\bincluding|\bled by|\bbacked by|\bjoined by|\balongside"
    r"|\bconsortium of|\bgroup of)\s+(?:the\s+)?$", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^[\w\s'.-]{0,25}?\b(?:reports?|reported|says?|said|has learned|writes|wrote|told)\b"
                          r"|^'s?\s+(?:report|sources)", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [stem(w) for w in normalize(text).split() if w not in STOP_WORDS]


def _named_in(entity: Entity, padded: str) -> bool:
    return f" {entity.key} " in padded or all(f" {w} " in padded for w in normalize(entity.name).split())


def _parties(entities: Sequence[Entity], folded: str, attributed: bool) -> tuple[Entity, ...]:
    """Organisations and people a text names as acting, not as the outlet that reports it (`attributed`: whether
    the text may say who reports it at all, `_PRESCAN`)."""
    return tuple(e for e in entities if e.kind != "product"
                 and not (attributed and _ATTRIBUTION.search(folded[e.start + len(e.name):])))


def partner_difference(claim: Details, announcement: Details, claim_padded: str,
                       announced_padded: str) -> str | None:
    """A partner the claim names ("with", "including", "led by") absent from an announcement that names one of
    the claim's other parties and a party the claim never mentions."""
    missing = [e for e in claim.partners if not _named_in(e, announced_padded)]
    if not missing or not any(_named_in(e, announced_padded) for e in claim.parties if e not in claim.partners):
        return None
    new = [e for e in announcement.parties if not _named_in(e, claim_padded)]
    if not new:
        return None
    return f"partner: {missing[0].name} rumored, {new[0].name} announced"


_FEATURE_VERB = re.compile(
    r"\b(?:will|would|to|could|should)\s+(?:also\s+)?(?:add|have|feature|include|support|come with|sport|pack"
    r"|boast)\s+(?:an?\s+|the\s+|its\s+|new\s+)*(?P<phrase>[\w-]+(?:\s+[\w-]+){0,3})"
    r"|(?:\b(?:launch\w*|ship(?:s|ped)?|arriv(?:es|ed|e)|come|comes|debut\w*|equipped|unveil\w*|releas\w*"
    r"|introduc\w*|show\w*)\s+(?:[\w'-]+\s+){0,5}?with\s+|(?-i:(?<=[A-Z0-9])[\w-]*\s+with\s+(?=[\w-]*\d|[A-Z])))"
    r"(?:an?\s+|the\s+)?(?P<phrase2>[\w-]+(?:\s+[\w-]+){0,3})", re.IGNORECASE)
_PHRASE_END = re.compile(
    r"\s+(?:and|or|to|for|that|which|when|in|at|on|by|from|as|alongside|according|but|while|after|before|than"
    r"|people|sources|with|so|next|this|later|early|its|the|a|an|is|are|was|were|will|would|could|coming|due"
    r"|expected|set|says?|said)\b.*$", re.IGNORECASE)
_GENERIC = frozenset({"new", "own", "more", "featur", "feature", "option", "support", "ability", "version",
                      "model", "design", "upgrad", "upgrade", "improv", "improved", "better", "bigger", "larger"})


def _feature_phrases(folded: str) -> tuple[str, ...]:
    out = []
    for match in _FEATURE_VERB.finditer(folded):
        phrase = _PHRASE_END.sub("", match["phrase"] or match["phrase2"] or "").strip(" ,.;:")
        if phrase:
            out.append(phrase)
    return tuple(out)


def feature_difference(claim: Details, announced_padded: str, announced_terms: frozenset[str]) -> str | None:
    """A feature the claim says the product will have ("will add an iris scanner", "launches with 4K output")
    that the announcement does not name: with the announced feature of the same kind when there is one
    ("fingerprint scanner"), else as not announced."""
    for phrase in claim.features:
        words = [w for w in _words(phrase) if w not in _GENERIC]
        if not words or all(w in announced_terms for w in words):
            continue
        head = normalize(phrase).split()[-1]
        same_kind = re.search(rf"\b((?:[\w-]+\s+){{1,2}}){re.escape(head)}\b", announced_padded)
        if same_kind and head not in STOP_WORDS and stem(head) in announced_terms:
            got = re.sub(r"^(?:an?|the|with|and|its)\s+", "", same_kind.group(0).strip(), flags=re.IGNORECASE)
            return f"feature: {phrase} rumored, {got} announced"
        if stem(head) not in announced_terms:
            return f"feature: {phrase} rumored, not in the announcement"
    return None


_PLACE = r"(?P<place>[A-Z][\w'-]+(?:[ -](?:de|do|da|del|di|of|la|le|[A-Z][\w'-]+)){0,4})"
_CLAIM_PLACE = re.compile(
    r"\b(?:mov(?:e|es|ed|ing)|relocat\w+|transfer\w*|switch\w*|shift\w*|host\w*|held|hold|play(?:ed)?|stag(?:e|ed)"
    r"|build|built|open(?:s|ed|ing)?|locat\w+|based)\b[^.;]{0,60}?\b(?:to|at|in)\s+(?:the\s+)?" + _PLACE
    + r"|" + _PLACE.replace("place", "place2") + r"\s+(?:is\s+|as\s+)?the\s+(?:front-?runner|favou?rite|likely"
    r" (?:host|venue|site|location))")
_ANNOUNCED_PLACE = re.compile(r"\b(?:to|at|in)\s+(?:the\s+)?" + _PLACE)


def place_difference(claim: Details, announcement: Details, claim_padded: str,
                     announced_padded: str) -> str | None:
    """The place a claim says something moves to or is held at, absent from an announcement that names
    another place: "to Wembley" rumored, "at the Stade de France" announced."""
    if not claim.place or f" {normalize(claim.place)} " in announced_padded:
        return None
    for got in announcement.places:
        if f" {normalize(got)} " not in claim_padded:
            return f"place: {claim.place} rumored, {got} announced"
    return None


@dataclass(frozen=True)
class Details:
    """What one text says of partners, features and places, read once per text by the matcher."""

    parties: tuple[Entity, ...] = ()
    partners: tuple[Entity, ...] = ()  # parties named after "led by", "including", "talks with"
    features: tuple[str, ...] = ()
    place: str | None = None  # where the text says something moves to or is held
    places: tuple[str, ...] = ()  # every place after "to", "at", "in"


# The attribution, partner, feature and claimed-place patterns run only on a text holding the words they need
# (`prescan`): the first two once per entity it names, the others over the whole text. Measured on 40,000
# synthetic announcements: 13.3 -> 6.9 µs a text (the rumor texts of the development set: 38 -> 22), the same details.
_PRESCAN = LazyRuleFilter([_ATTRIBUTION, _PARTNER_CUE, _FEATURE_VERB, _CLAIM_PLACE])


def read_details(text: str, entities: Sequence[Entity]) -> Details:
    folded = fold(text)
    attributed, partnered, featured, placed = _PRESCAN.may_match(folded)
    parties = _parties(entities, folded, attributed)
    match = _CLAIM_PLACE.search(folded) if placed else None
    partners = tuple(e for e in parties if _PARTNER_CUE.search(folded[:e.start])) if partnered else ()
    return Details(parties, partners, _feature_phrases(folded) if featured else (),
                   (match["place"] or match["place2"]) if match else None,
                   tuple(m["place"] for m in _ANNOUNCED_PLACE.finditer(folded)))
