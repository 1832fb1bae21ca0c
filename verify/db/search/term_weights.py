"""Term weights for pair scores, read from the announcements' term index instead of re-indexing them.

The matcher weighs a shared word by its rarity among the most recent announcements, exactly as
`CandidateIndex(sample, aliases).idf` does. Building that index costs about 0.3 s per call for 3,000
announcements; the same numbers come from the stored postings (`announcement_terms`): plain document
frequencies by one grouped count over the sample's postings (bounded by the sample, however large the
store grows), and the part aliases add (a text naming "Facebook" also counts for "meta") by running
the alias book over only the texts that contain a word of one of the names concerned. Aliases are applied
when weighing, never stored, so an alias edit takes effect at once. Both counts are kept in the process
until any process adds, edits or deletes an announcement (`verify.db.cache.store_version`), so a warm call
reads one version token.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verify.core.bm25 import MAX_TERM, Collection, term_frequencies
from verify.core.candidates import CandidateIndex
from verify.core.entities import AliasBook
from verify.core.matching import AnnouncementText
from verify.core.normalize import tokenize
from verify.db.cache import Memo, store_version
from verify.db.models import Announcement, AnnouncementTerm


def recent_weights(session: Session, new: Sequence[AnnouncementText], terms: Iterable[str], book: AliasBook, *,
                   sample: int) -> Callable[[str], float]:
    """`CandidateIndex(most recent `sample` announcements + new, book).idf`, for `terms` (others on demand)."""
    recent = recent_sample(session, sample)
    outside = list({a.id: a for a in new if a.id not in recent.ids}.values())
    weigher = _Weigher(session, recent, outside, book)
    collection = Collection(len(recent.ids) + len(outside), 0.0)
    weights = {term: collection.idf(df) for term, df in weigher.frequencies(set(terms)).items()}

    def idf(term: str) -> float:
        if term not in weights:  # a term the caller did not announce: one more look-up, same answer
            weights[term] = collection.idf(weigher.frequencies({term})[term])
        return weights[term]

    return idf


class Sample:
    """The most recent announcements and their document frequencies: plain counts for every term, and per
    alias book the counts aliases add, for the terms asked so far."""

    def __init__(self, session: Session, size: int, newest: int):
        self.query = (select(Announcement.id).where(Announcement.id <= newest)
                      .order_by(Announcement.published.desc(), Announcement.id.desc()).limit(size))
        self.ids = frozenset(session.scalars(self.query))
        self.counts = dict(session.execute(select(AnnouncementTerm.term, func.count())
                                           .where(AnnouncementTerm.announcement_id.in_(self.query))
                                           .group_by(AnnouncementTerm.term)).all())
        self.extra: weakref.WeakKeyDictionary[AliasBook, dict[str, int]] = weakref.WeakKeyDictionary()
        self.newest, self._documents = newest, None

    def documents(self, session: Session) -> int:
        """How many announcements the store held as of this sample, counted on first need (a new claim's
        search needs it; a new announcement's weights do not)."""
        if self._documents is None:
            self._documents = session.scalar(select(func.count()).where(Announcement.id <= self.newest))
        return self._documents

    def average_length(self) -> float:
        """The sample's mean number of distinct terms per announcement."""
        return sum(self.counts.values()) / len(self.ids) if self.ids else 0.0


SAMPLES = 4  # samples kept (one per database in practice)
_SAMPLES: Memo[tuple, Sample] = Memo(SAMPLES)


def recent_sample(session: Session, size: int) -> Sample:
    """The sample as of the store's announcements now, kept in the process until an announcement is added,
    edited or deleted (by any process)."""
    version = store_version(session, "announcements")
    return _SAMPLES.get(version and (version, size), lambda: Sample(
        session, size, session.scalar(select(func.max(Announcement.id))) or 0))


class _Weigher:
    def __init__(self, session: Session, sample: Sample, outside: Sequence[AnnouncementText], book: AliasBook):
        self.session, self.sample, self.book = session, sample.query, book
        self.counts = sample.counts
        self.extra = sample.extra.setdefault(book, {})
        self.index = CandidateIndex(aliases=book)  # for its `terms`: tokens plus the names of aliases used
        self.outside = [set(self.index.terms(a.text)) for a in outside]
        self.surfaces = book.names_by_key()

    def frequencies(self, terms: set[str]) -> dict[str, int]:
        """How many texts of the sample (and the new announcements outside it) hold each term."""
        found = {term: self.counts.get(term[:MAX_TERM], 0) for term in terms}
        unknown = terms - self.extra.keys()
        if unknown:
            extra = self._through_aliases(unknown)
            self.extra.update((term, extra.get(term, 0)) for term in unknown)
        for term in terms:
            found[term] += self.extra[term]
        for held in self.outside:
            for term in terms & held:
                found[term] += 1
        return found

    def _through_aliases(self, terms: set[str]) -> dict[str, int]:
        """Sample texts that hold a term only because they name an alias of an entity whose canonical name
        has it: found among the texts holding a word of one of the entity's names, then checked exactly."""
        probes: set[str] = set()
        for key, names in self.surfaces.items():
            if terms & set(term_frequencies(key)):
                words = [set(term_frequencies(name)) for name in names]
                if not all(words):  # a name with no matching word ("AT&T"): no cheap filter, read them all
                    return self._count_extra(self.session.execute(
                        select(Announcement.id, Announcement.text).where(Announcement.id.in_(self.sample))), terms)
                probes.update(*words)
        if not probes:
            return {}
        texts = (select(Announcement.id, Announcement.text).where(Announcement.id.in_(
            select(AnnouncementTerm.announcement_id).where(AnnouncementTerm.term.in_(sorted(probes)),
                                                           AnnouncementTerm.announcement_id.in_(self.sample)))))
        return self._count_extra(self.session.execute(texts), terms)

    def _count_extra(self, rows, terms: set[str]) -> dict[str, int]:
        extra: dict[str, int] = {}
        for _, text in rows:
            for term in (set(self.index.terms(text)) - set(tokenize(text))) & terms:
                extra[term] = extra.get(term, 0) + 1
        return extra
