"""The matcher: which announcements confirm (or deny) which claims, with a score an editor can read.

A pair's score (0-100) is a weighted mean of parts, each 0-100 and kept in `Proposal.parts`:
  text      IDF-weighted overlap of normalised tokens (a shared "Mellanox" counts, a shared "will" does not);
  coverage  how much of the lighter text the other holds; fuzzy: rapidfuzz over the terms;
  meaning   cosine of the two texts' meaning vectors, when the caller passes an `embed` function
            (paraphrases that share no words; the core never loads a model itself);
  entities  how many of the claim's organisations, products and people the announcement names;
  time      whether the announcement came after the claim, inside or near its window.
Hard rules then override the sum: an announcement dated before the claim never confirms it, nor does one
whose actor differs ("NVIDIA to acquire Mellanox" for "Intel to acquire Mellanox") or that names only other
known companies: such pairs keep `conflict_factor` of their score and are discarded.
Weights and thresholds come from `eval/matching_eval.py`.
"""

from __future__ import annotations

import functools
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from verify.core.amounts import Quantity, quantities, quantity_difference
from verify.core.candidates import CandidateIndex
from verify.core.denials import Stance, stance
from verify.core.details import (
    Details,
    feature_difference,
    partner_difference,
    place_difference,
    read_details,
)
from verify.core.entities import AliasBook, Entity, clean_for_entities, find_entities
from verify.core.evidence import PART, PairFacts, evidence_in, likelihood
from verify.core.normalize import normalize, strip_noise, terms_of
from verify.core.products import NO_PRODUCTS, Products, product_difference, products
from verify.core.verdicts import (
    Mentions,
    Roles,
    day_difference,
    judge,
    organisation_conflict,
    product_variant,
    role_conflict,
    roles,
    scope_difference,
    target_conflict,
    timing_difference,
)

BANDS = ("auto", "review", "discard")
GRACE = timedelta(days=2)  # dates typed a day off, time zones: an announcement earlier still never confirms
VERDICTS = ("confirmed", "partly_confirmed", "denied")


@dataclass(frozen=True)
class ClaimText:
    id: int
    text: str
    published: date
    window_start: date | None = None
    window_end: date | None = None


@dataclass(frozen=True)
class AnnouncementText:
    id: int
    text: str
    published: date
    issuer: str = ""


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds and weights, tuned on the rumors development set (real rumors, the announcements that
    settled them and decoys) with CheckThat! 2022 2A (tweets vs fact-checks) as the check that nothing
    regresses: `eval/judgment_tune.py` prints both for a grid of settings. Against the weights tuned on
    CheckThat! alone (text .6, meaning .15, time .1 flat for a year, review 20), the rumors set's wrong
    proposals per claim fell from 1.34 to about 0.55 at the same recall@5 (.923), mostly from the time
    curve (a confirmation comes soon after the rumor) and from showing only proposals near the claim's best
    (`within_reach`); CheckThat! 2A's ranking held (MRR@5 dev .895 -> .925, dev-test .933 -> .932 in the
    same harness). Entities as a soft part now help a little (.1) beside coverage (.2); they also act
    through the hard rules (actor and organisation conflicts). Parts with no weight are still shown: an
    editor reads them as evidence."""

    auto_enabled: bool = False
    auto_threshold: float = 65.0
    review_threshold: float = 18.0
    require_after: bool = True  # an announcement before the claim never confirms it (relax only for evaluation)
    grace_days: int = 14  # how late after the claim's window an announcement still confirms it in full
    recency_half_life_days: int = 90  # without a window, the time part halves every this many days
    late_half_life_days: int = 90  # with one, it halves every this many days past its end (and the grace)
    relative_cut: float = 0.8  # a claim's proposals under this share of its best score are not shown
    review_evidence: float = 0.18  # beside a claim's best, a pair is shown only this likely (`verify.core.evidence`)
    text_weight: float = 0.6
    coverage_weight: float = 0.2
    fuzzy_weight: float = 0.0  # shown in parts; no weight once meaning was there
    entity_weight: float = 0.1
    time_weight: float = 0.2
    meaning_weight: float = 0.15  # counts only when texts carry meaning vectors (`embed`)
    conflict_factor: float = 0.5  # a different actor keeps only this share of the score
    candidates: int = 50  # how many index hits per claim are scored in full
    pool: int = 200  # index hits shortlisted by words, meaning and time before that (see `shortlist`)


@dataclass(frozen=True)
class Proposal:
    claim_id: int
    announcement_id: int
    score: float
    band: str
    verdict: str
    differs: str | None
    parts: dict[str, float]

    def to_dict(self) -> dict:
        """As `dataclasses.asdict` gives it (the fields in order, a copy of the parts), without its generic
        deep copy: every stored proposal's event holds one, and asdict took as long as storing the rows."""
        return {"claim_id": self.claim_id, "announcement_id": self.announcement_id, "score": self.score,
                "band": self.band, "verdict": self.verdict, "differs": self.differs, "parts": dict(self.parts)}


@dataclass(frozen=True)
class Analysis:
    """What the matcher reads from one text, computed once per text."""

    terms: frozenset[str]
    joined: str  # the terms in text order, for rapidfuzz
    padded: str  # " normalised text " for whole-name lookups
    entities: tuple[Entity, ...]
    roles: Roles
    stance: Stance  # denial, nothing-changes, plan only: read once here (see `verify.core.denials`)
    money: tuple[Quantity, ...] = ()  # amounts and head counts, read once here rather than once per pair
    vector: Sequence[float] | None = None  # unit-length meaning vector, when an `embed` function is given
    products: Products = NO_PRODUCTS  # models and product names (see `verify.core.products`)
    details: Details = Details()  # partners, features, places (see `verify.core.details`)

    @functools.cached_property
    def mentions(self) -> Mentions:
        """Its words and entity keys, for the checks of what one text names of the other: built once per text."""
        return Mentions(self.terms, frozenset(e.key for e in self.entities))


Embed = Callable[[Sequence[str]], Sequence[Sequence[float]]]


@dataclass(frozen=True)
class Glance:
    """The cheap part of an analysis, its terms and meaning vector: enough to shortlist candidates."""

    terms: frozenset[str]
    vector: Sequence[float] | None = None


def analyse(text: str, aliases: AliasBook, vector: Sequence[float] | None = None) -> Analysis:
    normal, cleaned = normalize(text), clean_for_entities(text)
    entities = tuple(find_entities(text, aliases, cleaned=cleaned))
    ordered = terms_of(normal)
    return Analysis(frozenset(ordered), " ".join(ordered), f" {normal} ", entities,
                    roles(cleaned, entities), stance(text), quantities(text), vector,
                    products(text), read_details(text, entities))


def _vectors(texts: Sequence[str], embed: Embed | None) -> list:
    """Meaning vectors in one batch, from the texts without links, handles and the post's signature (noise
    that pulls every post's vector the same way); Nones without `embed`."""
    return list(embed([strip_noise(t) for t in texts])) if embed is not None and texts else [None] * len(texts)


def analyse_all(texts: Sequence[str], aliases: AliasBook, embed: Embed | None = None) -> list[Analysis]:
    """Analyses of many texts, their meaning vectors computed in one batch."""
    return [analyse(text, aliases, vector) for text, vector in zip(texts, _vectors(texts, embed), strict=True)]


def glance_all(texts: Sequence[str], embed: Embed | None = None) -> list[Glance]:
    """Glances of many texts: a sixth of an analysis's cost (no entities, roles, amounts or denials)."""
    return [Glance(frozenset(terms_of(normalize(text))), vector)
            for text, vector in zip(texts, _vectors(texts, embed), strict=True)]


def _uniform(_: str) -> float:
    return 1.0


def _weights(a: Analysis, b: Analysis, idf: Callable[[str], float]) -> tuple[float, float, float]:
    """The weight of each text's terms and of the terms they share: both text parts read these sums."""
    return sum(map(idf, a.terms)), sum(map(idf, b.terms)), sum(map(idf, a.terms & b.terms))


def _dice(weights: tuple[float, float, float]) -> float:
    total = weights[0] + weights[1]
    return 100.0 * 2 * weights[2] / total if total else 0.0


def _coverage(weights: tuple[float, float, float]) -> float:
    lighter = min(weights[0], weights[1])
    return 100.0 * weights[2] / lighter if lighter else 0.0


def text_similarity(a: Analysis, b: Analysis, idf: Callable[[str], float] = _uniform) -> float:
    """Weighted Dice over distinct terms: shared weight over the two texts' mean weight, 0-100."""
    return _dice(_weights(a, b, idf))


def coverage(a: Analysis, b: Analysis, idf: Callable[[str], float] = _uniform) -> float:
    """Share of the lighter text's weight found in the other, 0-100: a short statement inside a long,
    noisy post is fully covered even though Dice is low."""
    return _coverage(_weights(a, b, idf))


def fuzzy_similarity(a: Analysis, b: Analysis) -> float:
    """rapidfuzz token_set_ratio over the normalised terms: tolerant of spelling, blind to word weight."""
    return fuzz.token_set_ratio(a.joined, b.joined)


def meaning_similarity(a: Analysis, b: Analysis) -> float | None:
    """Cosine of the two unit meaning vectors as 0-100 (opposites count as 0); None without vectors."""
    if a.vector is None or b.vector is None:
        return None
    return max(0.0, min(100.0, 100.0 * math.fsum(map(operator.mul, a.vector, b.vector))))


def entity_agreement(claim: Analysis, announcement: Analysis) -> float | None:
    """Share of the claim's named entities that the announcement names too (products by their line: a
    sibling model counts in part); None when the claim names nothing."""
    if not claim.entities:
        return None
    keys = {e.key for e in announcement.entities}
    products = [e.key for e in announcement.entities if e.kind == "product"]
    found = total = 0.0
    for entity in claim.entities:
        weight = 0.5 if entity.kind == "other" else 1.0
        total += weight
        if entity.key in keys or f" {entity.key} " in announcement.padded:
            found += weight
        elif entity.kind == "product" and any(p.split()[0] == entity.key.split()[0] for p in products):
            found += 0.6 * weight
    return 100.0 * found / total


def time_agreement(claim: ClaimText, published: date, settings: MatchSettings) -> float:
    """How well the announcement's date fits the claim, 0-100: 100 from the claim to the end of its window
    (plus `grace_days`), then halving every `late_half_life_days`; without a window, halving every
    `recency_half_life_days` from the claim's date (confirmations come soon after a rumor; a look-alike years
    later does not). 0 before the claim unless `require_after` is off (then distance counts either way)."""
    days = (published - claim.published).days
    if days < 0 and settings.require_after:
        return 0.0
    if claim.window_end is not None and days >= 0:
        late = (published - claim.window_end).days - settings.grace_days
        return 100.0 if late <= 0 else 100.0 * 0.5 ** (late / settings.late_half_life_days)
    return 100.0 * 0.5 ** (abs(days) / settings.recency_half_life_days)


def _names(*analyses: Analysis) -> dict[str, str]:
    return {e.key: e.name for a in analyses for e in a.entities}


def _differs(claim: ClaimText, announcement: AnnouncementText, ca: Analysis, aa: Analysis,
             settings: MatchSettings) -> tuple[str | None, bool]:
    """The first detail that differs, and whether it is a different actor (a look-alike, not a partial)."""
    conflict = (role_conflict(ca.roles, aa.roles, _names(ca, aa), ca.mentions, aa.mentions)
                or target_conflict(ca.roles, aa.roles, _names(ca, aa), ca.mentions, aa.mentions)
                or organisation_conflict(ca.entities, aa.entities, aa.padded))
    if conflict:
        return conflict, True
    detail = (quantity_difference(ca.money, aa.money)
              or scope_difference(ca.roles, ca.entities, claim.text, announcement.text)
              or product_variant(ca.entities, aa.entities, aa.padded)
              or product_difference(ca.products, aa.products, ca.terms, aa.terms)
              or partner_difference(ca.details, aa.details, ca.padded, aa.padded)
              or feature_difference(ca.details, aa.padded, aa.terms)
              or place_difference(ca.details, aa.details, ca.padded, aa.padded)
              or day_difference(claim.text, claim.window_start, claim.window_end, announcement.published)
              or timing_difference(claim.window_start, claim.window_end, announcement.published,
                                   settings.grace_days))
    return detail, False


def pair_facts(claim: ClaimText, announcement: AnnouncementText, ca: Analysis, aa: Analysis, score: float,
               parts: dict[str, float], verdict: str, differs: str | None) -> PairFacts:
    """What `verify.core.evidence` weighs about a scored pair."""
    late = None if claim.window_end is None else max(0, (announcement.published - claim.window_end).days)
    return PairFacts(score, parts, (announcement.published - claim.published).days, late, verdict, differs,
                     aa.stance.plan_only, aa.stance.talks, ca.stance.talks, _unnamed(ca, aa), _unnamed(aa, ca),
                     len(ca.entities))


def _unnamed(one: Analysis, other: Analysis) -> int:
    """How many of one text's entities the other text does not write."""
    return sum(1 for e in one.entities if not other.mentions.names(e.key) and f" {e.key} " not in other.padded)


def _band(score: float, verdict: str, *, blocked: bool, may_auto: bool, settings: MatchSettings) -> str:
    """Auto only for a clean confirmation with auto enabled; everything else a person sees or nobody does."""
    if blocked or score < settings.review_threshold:
        return "discard"
    if settings.auto_enabled and may_auto and verdict == "confirmed" and score >= settings.auto_threshold:
        return "auto"
    return "review"


def combine(parts: dict[str, float], settings: MatchSettings) -> float:
    """The weighted mean of the parts present (before the hard rules): without meaning vectors the other
    parts share its weight, so a score stays on the same 0-100 scale."""
    weights = {"text": settings.text_weight, "coverage": settings.coverage_weight,
               "fuzzy": settings.fuzzy_weight, "entities": settings.entity_weight, "time": settings.time_weight,
               "meaning": settings.meaning_weight}
    present = {k: w for k, w in weights.items() if k in parts}
    return sum(w * parts[k] for k, w in present.items()) / (sum(present.values()) or 1.0)


def prescore(claim: ClaimText, published: date, ca: Analysis | Glance, aa: Analysis | Glance,
             settings: MatchSettings, idf: Callable[[str], float] = _uniform) -> float:
    """The score from the cheap parts alone (text, meaning, time), to shortlist candidates."""
    parts = {"text": _dice(_weights(ca, aa, idf)), "time": time_agreement(claim, published, settings)}
    meaning = meaning_similarity(ca, aa)
    if meaning is not None:
        parts["meaning"] = meaning
    return combine(parts, settings)


def shortlist(claim: ClaimText, ca: Analysis, pool: Sequence[tuple[AnnouncementText, Analysis | Glance]],
              settings: MatchSettings, idf: Callable[[str], float] = _uniform, top: int = 0) -> list[int]:
    """The ids of the best `settings.candidates` (or `top`, if more are shown) of a pool of index hits (in
    index order) by `prescore`.

    Why a pool deeper than the candidates: the confirming check is often past BM25's 50th hit when it says
    the same thing in other words, and scoring 200 hits in full costs four times as much. On CLEF 2A (R@5
    over the claims whose check came after them), 50 hits shortlisted from 200 against the first 50: train
    .944 -> .952, dev .943 -> .958, dev-test .980 -> .985; a pool of 300 or 400 (with the earlier
    weights), shortlisting by words alone, or by BM25, does no better.
    """
    keep = max(settings.candidates, top)
    if len(pool) <= keep:
        return [announcement.id for announcement, _ in pool]
    ranked = sorted(range(len(pool)), key=lambda i: (-prescore(claim, pool[i][0].published, ca, pool[i][1],
                                                               settings, idf), i))
    return [pool[i][0].id for i in ranked[:keep]]


def best_proposals(claim: ClaimText, ca: Analysis, chosen: Sequence[tuple[AnnouncementText, Analysis]],
                   settings: MatchSettings, idf: Callable[[str], float], top: int) -> list[Proposal]:
    """The claim's best `top` pairs among the chosen announcements, discarded ones and those out of reach of
    the best (`within_reach`) left out; ties by announcement id, so every matching path ranks alike."""
    found = [score_analysed(claim, announcement, ca, aa, settings, idf) for announcement, aa in chosen]
    ranked = sorted((p for p in found if p.band != "discard"), key=lambda p: (-p.score, p.announcement_id))
    best = ranked[0].score if ranked else 0.0
    return [p for p in ranked if shown_beside(p, best, settings)][:top]


def within_reach(score: float, best: float, settings: MatchSettings) -> bool:
    """A claim's proposal is worth an editor's look only near the claim's best one: on the rumors development
    set the decoys (the same company's other product that day, a rival's deal) mostly trail the confirmation,
    and showing only those within `relative_cut` of the best halved the wrong proposals per claim."""
    return score >= settings.relative_cut * best


def evidence_of(proposal: Proposal) -> float:
    """A proposal's likelihood as stored in its parts (0-100); proposals stored before it existed count as
    likely, so nothing already shown disappears for want of a figure."""
    stored = evidence_in(proposal.parts)
    return 100.0 if stored is None else stored


def shown_beside(proposal: Proposal, best: float, settings: MatchSettings) -> bool:
    """Whether a claim's proposal is shown, its best one scoring `best`: near the best (`within_reach`), and
    either the best itself or likely enough (`review_evidence`). The claim's best is kept whatever its
    likelihood, so a claim never loses its only lead; beside it, the unlikely pairs (the same company's other
    news, the rival's deal) are the wrong proposals an editor wades through: on the rumors development set
    this floor took them from .51 to .29 per claim, recall@5 .985 -> .977 (cross-validated, see
    `eval/fit_evidence.py`)."""
    return within_reach(proposal.score, best, settings) and (
        proposal.score >= best or evidence_of(proposal) >= 100.0 * settings.review_evidence)


def score_analysed(claim: ClaimText, announcement: AnnouncementText, ca: Analysis, aa: Analysis,
                   settings: MatchSettings, idf: Callable[[str], float] = _uniform) -> Proposal:
    """Score a pair whose texts are already analysed (the batch path); see `score_pair`."""
    weights = _weights(ca, aa, idf)
    text = _dice(weights)
    entities = entity_agreement(ca, aa)
    parts = {"text": round(text, 1), "coverage": round(_coverage(weights), 1),
             "fuzzy": round(fuzzy_similarity(ca, aa), 1),
             "entities": round(text if entities is None else entities, 1),
             "time": round(time_agreement(claim, announcement.published, settings), 1)}
    meaning = meaning_similarity(ca, aa)
    if meaning is not None:
        parts["meaning"] = round(meaning, 1)
    score = combine(parts, settings)
    differs, conflict = _differs(claim, announcement, ca, aa, settings)
    too_early = settings.require_after and announcement.published < claim.published
    if conflict or too_early:
        score *= settings.conflict_factor
    said, differs = judge(ca.stance, aa.stance, differs)
    score = round(score, 1)
    band = _band(score, said, blocked=too_early or conflict, may_auto=not (conflict or aa.stance.plan_only),
                 settings=settings)
    if band != "discard":  # a discarded pair is never shown: its likelihood would be read by nobody
        parts[PART] = round(100.0 * likelihood(pair_facts(claim, announcement, ca, aa, score, parts, said,
                                                                differs)), 1)
    return Proposal(claim.id, announcement.id, score, band, said, differs, parts)


def score_pair(claim: ClaimText, announcement: AnnouncementText, *, settings: MatchSettings = MatchSettings(),
               aliases: AliasBook | None = None, idf: Callable[[str], float] | None = None,
               embed: Embed | None = None) -> Proposal:
    """Score one pair. Without `idf` (e.g. `CandidateIndex.idf`) every word weighs the same; without `embed`
    there is no meaning part."""
    book = aliases if aliases is not None else AliasBook.default()
    ca, aa = analyse_all([claim.text, announcement.text], book, embed)
    return score_analysed(claim, announcement, ca, aa, settings, idf or _uniform)


def propose_matches(claims: Sequence[ClaimText], announcements: Sequence[AnnouncementText], *,
                    settings: MatchSettings = MatchSettings(), aliases: AliasBook | None = None, top: int = 5,
                    exclude: frozenset[tuple[int, int]] = frozenset(), workers: int = 1,
                    embed: Embed | None = None) -> list[Proposal]:
    """For each claim, its best `top` non-discarded proposals, best first (ties by announcement id);
    pairs in `exclude` (rejected by an editor) are never proposed. Claims are matched in blocks against one
    term index over the announcements (`verify.core.rematch`); with `workers` > 1 the blocks are split across
    that many processes, with the same result in the same order. `embed` adds the meaning part (it must be
    picklable when `workers` > 1 and processes cannot be forked)."""
    from verify.core.rematch import in_claim_order, match_in_blocks  # they build on this module

    book = aliases if aliases is not None else AliasBook.default()
    return in_claim_order(claims, [proposal for block in match_in_blocks(
        claims, announcements, settings=settings, book=book, top=top, exclude=exclude, workers=workers,
        embed=embed) for proposal in block])


def find_duplicates(claims: Sequence[ClaimText], *, threshold: float = 70.0,
                    aliases: AliasBook | None = None) -> list[tuple[int, int, float]]:
    """Pairs of claims that report the same rumor, as (earlier id, later id, similarity 0-100), ordered by
    the earlier claim's publication: the first reporter comes first, for source scoring."""
    book = aliases if aliases is not None else AliasBook.default()
    index = CandidateIndex(claims, book)
    by_id = {c.id: c for c in claims}
    analysed = {c.id: analyse(c.text, book) for c in claims}
    pairs: dict[tuple[int, int], float] = {}
    for claim in claims:
        for other_id, _ in index.search(claim.text, k=20):
            first, second = sorted((claim, by_id[other_id]), key=lambda c: (c.published, c.id))
            if other_id == claim.id or (first.id, second.id) in pairs:
                continue
            similarity = claim_similarity(analysed[first.id], analysed[second.id], index.idf)
            if similarity >= threshold:
                pairs[(first.id, second.id)] = similarity
    order = sorted(pairs, key=lambda p: (by_id[p[0]].published, p[0], by_id[p[1]].published, p[1]))
    return [(a, b, pairs[(a, b)]) for a, b in order]


def claim_similarity(a: Analysis, b: Analysis, idf: Callable[[str], float] = _uniform) -> float:
    """Text similarity, held down when the two claims name different actors or entities."""
    text = text_similarity(a, b, idf)
    agree = [v for v in (entity_agreement(a, b), entity_agreement(b, a)) if v is not None]
    entities = min(agree) if agree else text
    if role_conflict(a.roles, b.roles, {}):
        entities = 0.0
    return round(0.7 * text + 0.3 * entities, 1)
