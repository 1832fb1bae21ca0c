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
from verify.db.repository import one_of


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
    alias book what aliases add (`_ThroughAliases`), for the terms and texts asked about so far."""

    def __init__(self, session: Session, size: int, newest: int):
        self.query = (select(Announcement.id).where(Announcement.id <= newest)
                      .order_by(Announcement.published.desc(), Announcement.id.desc()).limit(size))
        self.ids = frozenset(session.scalars(self.query))
        self.counts = dict(session.execute(select(AnnouncementTerm.term, func.count())
                                           .where(AnnouncementTerm.announcement_id.in_(self.query))
                                           .group_by(AnnouncementTerm.term)).all())
        self.extra: weakref.WeakKeyDictionary[AliasBook, _ThroughAliases] = weakref.WeakKeyDictionary()
        self.newest, self._documents = newest, None
        self._holding: dict[str, frozenset[int]] = {}

    def holding(self, session: Session, words: set[str]) -> set[int]:
        """The sample's announcements that hold any of these words. Each word's postings are read once per
        sample, by the term index's primary key, and kept to the sample here: asking the database for those
        among the sample visited every sample announcement once per word (25 ms for a few words)."""
        missing = sorted(words - self._holding.keys())
        if missing:
            found: dict[str, set[int]] = {word: set() for word in missing}
            for among in one_of(session, AnnouncementTerm.term, missing):
                for term, announcement_id in session.execute(select(AnnouncementTerm.term,
                                                                    AnnouncementTerm.announcement_id).where(among)):
                    if announcement_id in self.ids:
                        found[term].add(announcement_id)
            self._holding.update((word, frozenset(ids)) for word, ids in found.items())
        return set().union(*(self._holding[word] for word in words))

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
        self.session, self.sample = session, sample
        self.counts = sample.counts
        self.through = sample.extra.get(book)
        if self.through is None:
            self.through = sample.extra.setdefault(book, _ThroughAliases(book))
        self.index = CandidateIndex(aliases=book)  # for its `terms`: tokens plus the names of aliases used
        self.outside = [set(self.index.terms(a.text)) for a in outside]

    def frequencies(self, terms: set[str]) -> dict[str, int]:
        """How many texts of the sample (and the new announcements outside it) hold each term."""
        found = {term: self.counts.get(term[:MAX_TERM], 0) for term in terms}
        extra = self.through.by_term
        unknown = terms - extra.keys()
        if unknown:
            counted = self._through_aliases(unknown)
            extra.update((term, counted.get(term, 0)) for term in unknown)
        for term in terms:
            found[term] += extra[term]
        for held in self.outside:
            for term in terms & held:
                found[term] += 1
        return found

    def _through_aliases(self, terms: set[str]) -> dict[str, int]:
        """Sample texts that hold a term only because they name an alias of an entity whose canonical name
        has it: found among the texts holding a word of one of the entity's names, then checked exactly."""
        probes: set[str] = set()
        for key, key_terms in self.through.key_terms.items():
            if terms & key_terms:
                words = self.through.name_words(key)
                if not all(words):  # a name with no matching word ("AT&T"): no cheap filter, read them all
                    return self._count_extra(self.sample.ids, terms)
                probes.update(*words)
        if not probes:
            return {}
        return self._count_extra(self.sample.holding(self.session, probes), terms)

    def _count_extra(self, ids: Iterable[int], terms: set[str]) -> dict[str, int]:
        """How many of these sample texts each term is added to by aliases; each text is read and run through
        the alias book once per sample (the next announcement's terms ask about many of the same texts)."""
        ids = list(ids)
        by_text = self.through.by_text
        unread = sorted(i for i in ids if i not in by_text)
        for among in one_of(self.session, Announcement.id, unread):
            for announcement_id, text in self.session.execute(select(Announcement.id, Announcement.text)
                                                              .where(among)):
                by_text[announcement_id] = frozenset(set(self.index.terms(text)) - set(tokenize(text)))
        extra: dict[str, int] = {}
        for announcement_id in ids:
            for term in by_text[announcement_id] & terms:
                extra[term] = extra.get(term, 0) + 1
        return extra


class _ThroughAliases:
    """What one alias book adds to a sample's counts, kept with the sample: per term the texts that hold it only
    through an alias (for the terms asked so far), per text the terms aliases add to it (for the texts read so
    far), and the words of each entity's canonical name (its names' words on first need). Plain data only: a
    reference to the book would keep it, the key of the sample's weak map, alive."""

    def __init__(self, book: AliasBook):
        self.surfaces = book.names_by_key()
        self.key_terms = {key: set(term_frequencies(key)) for key in self.surfaces}
        self.by_term: dict[str, int] = {}
        self.by_text: dict[int, frozenset[str]] = {}
        self._words: dict[str, list[set[str]]] = {}

    def name_words(self, key: str) -> list[set[str]]:
        if key not in self._words:
            self._words[key] = [set(term_frequencies(name)) for name in self.surfaces[key]]
        return self._words[key]
