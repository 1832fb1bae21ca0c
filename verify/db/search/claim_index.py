"""Searching the claims' term index (`claim_terms`) for the open claims a text can settle.

A cold process reads only what one search needs: the collection's size and mean length, the document
frequencies of the query's terms, the postings of its rare terms, and the common terms' postings among the
claims already found (`verify.core.bm25.search` decides which). The rows themselves are written by the
listeners in `verify.db.models`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy import Select, func, literal, select
from sqlalchemy.orm import Session, aliased

from verify.core import bm25
from verify.core import status as st
from verify.db.models import Claim, ClaimTerm
from verify.db.repository import counts_by, one_of


def open_claims(session: Session, terms: Sequence[str], *, until: date, k: int = 50,
                budget: int = 5000) -> list[tuple[int, float]]:
    """The `k` open claims published by `until` that BM25 ranks best for these terms, best first.

    Term rarity and mean length are measured over every claim in the index, settled ones too: those counts
    are single index reads, where counting open claims only would visit each posting's claim (tens of
    milliseconds for a common word at 100k claims). Which claims can be returned is restricted exactly.
    """
    collection = _collection(session)
    if not collection.documents:
        return []

    def postings(term: str) -> dict[int, tuple[int, int]]:
        rows = session.execute(postings_statement(term, until))
        return {claim_id: (tf, length) for claim_id, tf, length in rows if length is not None}

    def among(rest: Sequence[str], claim_ids: Sequence[int]) -> Iterable[tuple[int, str, int]]:
        with _planned_for_these_values(session):
            for terms in one_of(session, ClaimTerm.term, rest):
                for claims in one_of(session, ClaimTerm.claim_id, claim_ids):
                    yield from session.execute(select(ClaimTerm.claim_id, ClaimTerm.term, ClaimTerm.tf)
                                               .where(terms, claims))

    return bm25.search(collection, counts_by(session, ClaimTerm.term, terms), postings=postings, among=among, k=k,
                       budget=budget)


def postings_statement(term: str, until: date) -> Select:
    """The term's postings with each claim's length, NULL where the claim cannot be returned (settled,
    retracted, or published after `until`). A lookup per posting, not a join: for a common term PostgreSQL
    would hash the whole claims table (40 ms at 100k claims, against 14 for 3,000 lookups in the tables, 4 in
    the indexes); SQLite runs both the same way. On PostgreSQL both parts come from indexes alone (migration
    0011): `tf` from the term index's key, the claim's date and length from the index of open claims,
    `ix_claims_open_postings`; the status is written into the statement, not bound, so that index serves even
    a plan PostgreSQL keeps for every value of the parameters (a prepared statement's generic plan)."""
    open_status = literal(st.PENDING, literal_execute=True)
    length = (select(Claim.term_count)
              .where(Claim.id == ClaimTerm.claim_id, Claim.status == open_status, Claim.published <= until)
              .scalar_subquery())
    return select(ClaimTerm.claim_id, ClaimTerm.tf, length).where(ClaimTerm.term == term)


@contextmanager
def _planned_for_these_values(session: Session) -> Iterator[None]:
    """Inside, PostgreSQL plans each statement for its values; after, as it did before. psycopg prepares a
    statement on its sixth run on a connection, and after five more PostgreSQL may keep one plan for any
    values: for "these terms among these claims" that plan walks the claims' index (it cannot know that
    thousands of claims are asked about, where reading the few terms' postings and hashing the claims is what
    fits), 20 to 50 ms instead of 3 at 100k claims, on every search of a long-lived process after its tenth.
    The setting is put back so that the caller's later statements keep their kept plans."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    before = session.execute(select(func.current_setting("plan_cache_mode"),
                                    func.set_config("plan_cache_mode", "force_custom_plan", True))).scalar()
    try:
        yield
    finally:
        session.execute(select(func.set_config("plan_cache_mode", before, True)))


def _collection(session: Session) -> bm25.Collection:
    """Counted once per state of the store: claims are only ever added (retracted and settled ones stay, and
    their texts are never edited), so the newest claim's id names it; a new claim counts again. The count
    reads the newest id in the same statement (one snapshot), so it is kept under the id it counted up to,
    and reads only the index on `term_count`: limiting it to a range of ids read the table instead (30 to
    60 ms at 100k claims, on the first call of a process)."""
    url = session.get_bind().url.render_as_string(hide_password=False)
    newest = session.scalar(select(func.max(Claim.id))) or 0
    found = _COLLECTIONS.get((url, newest))
    if found is None:
        counted_up_to = select(func.max(aliased(Claim).id)).scalar_subquery()
        counted, documents, length = session.execute(select(counted_up_to, func.count(), func.avg(Claim.term_count))
                                                     .select_from(Claim)).one()
        found = _COLLECTIONS[(url, counted or 0)] = bm25.Collection(documents, float(length or 0.0))
        while len(_COLLECTIONS) > 4:  # one database in practice; tests open many
            _COLLECTIONS.pop(next(iter(_COLLECTIONS)))
    return found


_COLLECTIONS: dict[tuple[str, int], bm25.Collection] = {}
