"""The full re-match's matcher as it was before issue 18 (commit d6f04a6), kept as the benchmark's baseline:
one `CandidateIndex` over the announcements, each claim searched in it one at a time, its pool shortlisted by
`prescore` and the shortlist scored in full."""

from __future__ import annotations

from collections.abc import Sequence

from verify.core.candidates import CandidateIndex
from verify.core.entities import AliasBook
from verify.core.matching import (
    Analysis,
    AnnouncementText,
    ClaimText,
    Embed,
    Glance,
    MatchSettings,
    Proposal,
    analyse,
    analyse_all,
    best_proposals,
    glance_all,
    shortlist,
)

GLANCE_BUDGET = 200_000
ANALYSIS_BUDGET = 200_000


class OldMatcher:
    """The index over the announcements and their analyses, built once and shared by every claim."""

    def __init__(self, announcements: Sequence[AnnouncementText], book: AliasBook, settings: MatchSettings,
                 top: int, exclude: frozenset[tuple[int, int]], embed: Embed | None = None):
        self.index = CandidateIndex(announcements, book)
        self.by_id = {a.id: a for a in announcements}
        self.book, self.settings, self.top, self.exclude, self.embed = book, settings, top, exclude, embed
        self.analysed: dict[int, Analysis] = {}
        self.glanced: dict[int, Glance] = {}  # hits seen in a pool but never scored in full

    def _cheap(self, hits: Sequence[int]) -> list[Analysis | Glance]:
        """Each hit's analysis if it has one, else its glance (made now if need be). Both caches are emptied
        when full, before use: a re-match over a million announcements would otherwise hold them all."""
        if len(self.glanced) + len(hits) > GLANCE_BUDGET:
            self.glanced.clear()
        if len(self.analysed) + len(hits) > ANALYSIS_BUDGET:
            self.analysed.clear()
        missing = [i for i in hits if i not in self.analysed and i not in self.glanced]
        self.glanced.update(zip(missing, glance_all([self.by_id[i].text for i in missing], self.embed), strict=True))
        return [self.analysed.get(i) or self.glanced[i] for i in hits]

    def match(self, claims: Sequence[ClaimText]) -> list[Proposal]:
        out: list[Proposal] = []
        for claim in claims:
            out.extend(self.best_for(claim))
        return out

    def best_for(self, claim: ClaimText) -> list[Proposal]:
        settings = self.settings
        hits = [announcement_id for announcement_id, _ in
                self.index.search(claim.text, k=max(settings.pool, settings.candidates, self.top))
                if (claim.id, announcement_id) not in self.exclude]
        [ca] = analyse_all([claim.text], self.book, self.embed)
        pool = list(zip([self.by_id[i] for i in hits], self._cheap(hits), strict=True))
        hits = shortlist(claim, ca, pool, settings, self.index.idf, self.top)
        for i in hits:
            if i not in self.analysed:
                self.analysed[i] = analyse(self.by_id[i].text, self.book, self.glanced.pop(i).vector)
        return best_proposals(claim, ca, [(self.by_id[i], self.analysed[i]) for i in hits], settings,
                              self.index.idf, self.top)


