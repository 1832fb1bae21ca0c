"""The cheap parts of many pairs in array form, and the bound that lets a claim's shortlist be scored in part.

A pair's full score is a weighted mean of parts (`combine`); its text, coverage, time and meaning parts come
from the term index and the meaning vectors, and only entities (and fuzzy, of no weight) need the full
analysis. Taking those at 100 bounds the score from above, and the hard rules only ever lower it. So a
claim's shortlist is scored best bound first, and once the next bound cannot reach what would still be shown
(the review threshold, `relative_cut` of the best so far, the `top`-th score so far), no later pair can: the
proposals are those of scoring the whole shortlist (`best_proposals`), for a fraction of the analyses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from verify.core.entities import AliasBook, Entity
from verify.core.matching import (
    Analysis,
    AnnouncementText,
    ClaimText,
    MatchSettings,
    Proposal,
    evidence_of,
    score_analysed,
    shown_beside,
)

MARGIN = 0.25  # parts and the score are rounded to a tenth: a bound this much higher is safe


@dataclass(frozen=True)
class CheapParts:
    """Per pair: the prescore that shortlists (as `prescore`) and the upper bound of the full score; and how
    much of the score one point of the entities part is (the bound takes entities at 100)."""

    prescore: np.ndarray
    upper: np.ndarray
    entity_share: float = 0.0

    def slice(self, at: np.ndarray) -> CheapParts:
        return CheapParts(self.prescore[at], self.upper[at], self.entity_share)


class EntityCeiling:
    """The most `entity_agreement` can give a claim against an announcement, read from the announcement's text
    alone (folded, lower case), with no analysis: an entity counts only when the text holds every word of one
    of the forms it can be named by (`AliasBook.forms`: a text naming it holds them, inside other words or
    not), a product in part when it holds a form of a product of the same line (the sibling model that
    `entity_agreement` counts at 0.6).

    Why: the bound that orders a claim's shortlist took entities at 100; most pairs scored in full then
    named another company and were not shown (64% of those scored in the benchmark re-match). Skipping a
    pair whose bound with this ceiling cannot reach what is shown leaves the proposals as they were."""

    def __init__(self, book: AliasBook):
        self.book = book
        self._forms: dict[tuple[str, str], tuple[list[tuple[str, ...]], list[tuple[str, ...]]]] = {}

    def __call__(self, entities: Sequence[Entity], text: str) -> float:
        if not entities:
            return 100.0  # the entities part is then the text part: no lower ceiling from names
        found = total = 0.0
        for entity in entities:
            weight = 0.5 if entity.kind == "other" else 1.0
            total += weight
            whole, line = self._forms_of(entity)
            if _holds(whole, text):
                found += weight
            elif _holds(line, text):
                found += 0.6 * weight
        return 100.0 * found / total

    def _forms_of(self, entity: Entity) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        found = self._forms.get((entity.key, entity.kind))
        if found is None:
            line: list[tuple[str, ...]] = []
            if entity.kind == "product" and entity.key.split():
                first = entity.key.split()[0]
                line = [(first,)] + [form for key in self.book.products_starting(first)
                                     for form in self.book.forms(key)]
            found = self._forms[(entity.key, entity.kind)] = (self.book.forms(entity.key), line)
        return found


def _holds(forms: Sequence[tuple[str, ...]], text: str) -> bool:
    return any(all(word in text for word in form) for form in forms)


TABLE_UP_TO = 1 << 16  # days: longer spans are computed pair by pair


def halvings(days: np.ndarray, half_life: float) -> np.ndarray:
    """`100 * 0.5 ** (days / half_life)` for whole numbers of days (at least 0), each distinct count computed
    once (a table up to the largest, read by index: a block of a re-match holds a hundred thousand pairs over a
    few thousand distinct counts; a quarter of the time). The very same numbers: the same operations on the
    same values."""
    span = int(days.max()) + 1 if len(days) else 0
    if span > TABLE_UP_TO or span > len(days):
        return 100.0 * np.power(0.5, days / half_life)
    return (100.0 * np.power(0.5, np.arange(span, dtype=days.dtype) / half_life))[days]


def time_parts(settings: MatchSettings, claims: Sequence[ClaimText], row: np.ndarray,
               published: np.ndarray) -> np.ndarray:
    """`time_agreement` for many pairs (claims by `row`, announcements by their date's ordinal)."""
    said = np.asarray([c.published.toordinal() for c in claims], dtype=np.int64)[row]
    ends = np.asarray([c.window_end.toordinal() if c.window_end else 0 for c in claims], dtype=np.int64)[row]
    has_end = np.asarray([c.window_end is not None for c in claims], dtype=bool)[row]
    days = published - said
    late = published - ends - settings.grace_days
    late = np.where(has_end & (late > 0), late, 0)  # (without a window, `late` is a date's ordinal: not read)
    windowed = np.where(late <= 0, 100.0, halvings(late, settings.late_half_life_days))
    recent = halvings(np.abs(days), settings.recency_half_life_days)
    found = np.where(has_end & (days >= 0), windowed, recent)
    return np.where((days < 0) & settings.require_after, 0.0, found)


def cheap_parts(settings: MatchSettings, claims: Sequence[ClaimText], row: np.ndarray, published: np.ndarray,
                claim_weight: np.ndarray, doc_weight: np.ndarray, shared: np.ndarray,
                meaning: np.ndarray | None) -> CheapParts:
    """The text (weighted Dice), coverage, time and meaning parts of many pairs, combined twice: as the
    shortlist's prescore, and with entities and fuzzy at their most as the full score's upper bound."""
    total = claim_weight + doc_weight
    text = np.divide(200.0 * shared, total, out=np.zeros_like(shared), where=total > 0)
    lighter = np.minimum(claim_weight, doc_weight)
    cover = np.divide(100.0 * shared, lighter, out=np.zeros_like(shared), where=lighter > 0)
    time = time_parts(settings, claims, row, published)
    s = settings
    pre_sum, pre_norm = s.text_weight * text + s.time_weight * time, s.text_weight + s.time_weight
    full_sum = (pre_sum + s.coverage_weight * cover + (s.fuzzy_weight + s.entity_weight) * 100.0)
    full_norm = pre_norm + s.coverage_weight + s.fuzzy_weight + s.entity_weight
    if meaning is not None:
        pre_sum, pre_norm = pre_sum + s.meaning_weight * meaning, pre_norm + s.meaning_weight
        full_sum, full_norm = full_sum + s.meaning_weight * meaning, full_norm + s.meaning_weight
    return CheapParts(pre_sum / (pre_norm or 1.0), full_sum / (full_norm or 1.0) + MARGIN,
                      s.entity_weight / (full_norm or 1.0))


class Source(Protocol):
    ids: np.ndarray  # each document's announcement id

    def announcement(self, d: int) -> AnnouncementText: ...

    def analysis(self, d: int) -> Analysis: ...

    def idf(self, term: str) -> float: ...

    def entity_ceiling(self, claim: Analysis, d: int) -> float: ...


def bounded_proposals(claim: ClaimText, claim_analysis: Callable[[], Analysis], docs: Sequence[int],
                      parts: CheapParts, source: Source, settings: MatchSettings, top: int) -> list[Proposal]:
    """The claim's best `top` proposals among the shortlisted documents, as `best_proposals` would give them,
    scoring in full only the pairs whose bound can still reach what is shown: pairs in the order of the
    bound with entities at 100 (none after the first that cannot reach), each skipped when its bound with
    the entities' ceiling cannot (a pair under what is shown never changes what is)."""
    upper = parts.upper.tolist()
    order = np.lexsort((source.ids[np.asarray(docs, dtype=np.int64)], -parts.upper)).tolist()
    found: list[Proposal] = []
    floor = _floor(found, settings, top)  # (it changes only when a proposal is found)
    for i in order:
        if upper[i] < floor:
            break
        ceiling = source.entity_ceiling(claim_analysis(), docs[i])
        if upper[i] - parts.entity_share * (100.0 - ceiling) < floor:
            continue
        announcement = source.announcement(docs[i])
        proposal = score_analysed(claim, announcement, claim_analysis(), source.analysis(docs[i]), settings,
                                  source.idf)
        if proposal.band != "discard":
            found.append(proposal)
            floor = _floor(found, settings, top)
    ranked = sorted(found, key=lambda p: (-p.score, p.announcement_id))
    best = ranked[0].score if ranked else 0.0
    return [p for p in ranked if shown_beside(p, best, settings)][:top]


def _floor(found: list[Proposal], settings: MatchSettings, top: int) -> float:
    """What a pair must reach to be shown beside those found: the review threshold, `relative_cut` of the
    best, and (once `top` likely ones are found, which are shown whatever comes) the `top`-th of those."""
    floor = settings.review_threshold
    if found:
        floor = max(floor, settings.relative_cut * max(p.score for p in found))
        likely = sorted((p.score for p in found if evidence_of(p) >= 100.0 * settings.review_evidence),
                        reverse=True)
        if len(likely) >= top:
            floor = max(floor, likely[top - 1])
    return floor
