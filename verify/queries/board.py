"""The board: one page of claims, filtered, sorted and counted in the database.

Why here and not in the dashboard: a newsroom keeps 100,000 claims; only the page on screen may leave the
database, so filters, ordering, LIMIT/OFFSET and the per-status counts are all SQL (parameterised).
`overdue` is never stored: the core's rule, said in SQL by verify.queries.rules, computes it for `today`;
a past date's statuses are the events replayed (verify.queries.status_on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from verify.core import status as st
from verify.core.bm25 import term_frequencies
from verify.core.confidential import label_sort_key, source_label
from verify.core.entities import AliasBook
from verify.core.evidence import evidence_in
from verify.core.spelling import close_spellings
from verify.db.models import Announcement, Claim, ClaimTerm, Match, Source
from verify.queries.status_on import StatusOn, status_on

SORTS = {
    "deadline": "Deadline, soonest first",
    "newest": "Published, newest first",
    "oldest": "Published, oldest first",
    "logged": "Logged, most recent first",
    "score": "Best match score, highest first",
}


@dataclass(frozen=True)
class BoardFilter:
    """What a journalist narrows the board to; every field is optional."""

    statuses: tuple[str, ...] = ()
    source_id: int | None = None
    entity: str | None = None  # a canonical name from the alias book
    search: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    needs_review_only: bool = False


@dataclass(frozen=True)
class BoardPage:
    rows: list[dict]
    total: int
    counts: dict[str, int] = field(default_factory=dict)
    as_of: date | None = None  # set when the page shows a past date's board


def entity_names() -> list[str]:
    """The organisations and products the matcher knows by name (its alias book), for the entity filter."""
    return sorted(AliasBook.default().to_data(), key=str.casefold)


def mentioned_entities(session: Session) -> list[str]:
    """The alias book's names whose name or an alias some claim uses (by the term index: one query)."""
    book = AliasBook.default().to_data()
    first_terms = {}
    for name, entry in book.items():
        for said in [name, *entry.get("aliases", [])]:
            terms = list(term_frequencies(said))
            if terms:
                first_terms.setdefault(terms[0], set()).add(name)
    used = session.scalars(select(ClaimTerm.term).distinct().where(ClaimTerm.term.in_(sorted(first_terms))))
    return sorted({name for term in used for name in first_terms[term]}, key=str.casefold)


_WORD_BREAKS = "'’,.;:()\"-/!?"


def _words_of(text):
    """Text as ' word word ': lower case, punctuation turned into spaces, so LIKE '% name %' finds whole words."""
    for mark in _WORD_BREAKS:
        text = func.replace(text, mark, " ")
    return " " + func.lower(text) + " "


def _as_words(name: str) -> str:
    return " ".join("".join(" " if c in _WORD_BREAKS else c for c in name.lower()).split())


def _entity_condition(entity: str):
    """The claim names the entity or one of its aliases as whole words ("Mi" must not match "Microsoft")."""
    entry = AliasBook.default().to_data().get(entity)
    names = {_as_words(name) for name in [entity, *(entry or {}).get("aliases", [])]} - {""}
    words = _words_of(Claim.text)
    # The cheap substring test first: the whole-word test (eleven replace() calls) runs only where it passed.
    return or_(*(and_(Claim.text.icontains(name.split()[0], autoescape=True),
                      words.contains(f" {name} ", autoescape=True)) for name in sorted(names)))


def search_spellings(session: Session, search: str | None) -> tuple[tuple[str, ...], ...]:
    """Each searched word as the stored words spelt like it (the term index's vocabulary); a word nothing
    resembles makes the word search find nothing (the plain text search still runs)."""
    if not search or not search.strip():
        return ()
    out = []
    for word in term_frequencies(search):
        if session.scalar(select(ClaimTerm.term).where(ClaimTerm.term == word).limit(1)) is not None:
            out.append((word,))  # spelt as stored: no need to look further (one index probe)
            continue
        # A range on the index's leading column (LIKE with an escape would scan every posting).
        stored = session.scalars(select(ClaimTerm.term).distinct().where(
            ClaimTerm.term >= word[0], ClaimTerm.term < chr(ord(word[0]) + 1),
            func.length(ClaimTerm.term).between(len(word) - 2, len(word) + 2))).all()
        out.append(tuple(sorted(close_spellings(word, stored))) or (word,))
    return tuple(out)


def _conditions(filters: BoardFilter, seen: StatusOn, *, with_status: bool = True,
                spellings: tuple[tuple[str, ...], ...] | None = None) -> list:
    found = []
    if with_status and filters.statuses:
        found.append(or_(*(seen.condition(s) for s in filters.statuses)))
    if filters.source_id is not None:
        found.append(Claim.source_id == filters.source_id)
    if filters.entity:
        found.append(_entity_condition(filters.entity))
    if filters.search and filters.search.strip():
        term = filters.search.strip()
        by_words = [Claim.id.in_(select(ClaimTerm.claim_id).where(ClaimTerm.term.in_(choices)))
                    for choices in (spellings or ())]
        found.append(or_(Claim.text.icontains(term, autoescape=True), Claim.external_id == term,
                         *([and_(*by_words)] if by_words else [])))
    if filters.published_from:
        found.append(Claim.published >= filters.published_from)
    if filters.published_to:
        found.append(Claim.published <= filters.published_to)
    if filters.needs_review_only:
        found.append(seen.needs_review())
    return found


def _best_score(seen: StatusOn):
    best = select(func.max(Match.score)).where(Match.claim_id == Claim.id, Match.decision != "rejected")
    if seen.past:
        best = best.where(Announcement.id == Match.announcement_id, Announcement.published <= seen.day)
    return best.correlate(Claim).scalar_subquery()


def _order(sort: str, attention_first: bool, seen: StatusOn) -> list:
    keys = []
    if attention_first:
        keys += [case((seen.needs_review(), 0), else_=1), case((seen.condition(st.OVERDUE), 0), else_=1)]
    keys += {
        "deadline": [Claim.window_end.is_(None), Claim.window_end.asc()],
        "newest": [Claim.published.desc()],
        "oldest": [Claim.published.asc()],
        "logged": [Claim.logged_at.desc()],
        "score": [_best_score(seen).is_(None), _best_score(seen).desc()],
    }.get(sort, [Claim.published.desc()])
    return [*keys, Claim.id.desc()]


def board_page(session: Session, *, today: date, filters: BoardFilter = BoardFilter(), sort: str = "deadline",
               attention_first: bool = True, limit: int = 50, offset: int = 0,
               reveal_confidential: bool = False, as_of: date | None = None) -> BoardPage:
    """One page of the board, the number of claims the filters keep, and per-status counts (status aside).
    With `as_of` before today: the board as it stood on that date (verify.queries.status_on)."""
    seen = status_on(today, as_of)
    spellings = search_spellings(session, filters.search)
    query = seen.over_claims(
        select(Claim, Source, seen.effective.label("effective"), seen.needs_review().label("needs_review"))
        .join(Source, Claim.source_id == Source.id))
    query = (query.where(*_conditions(filters, seen, spellings=spellings))
             .order_by(*_order(sort, attention_first, seen)).limit(limit).offset(offset))
    found = session.execute(query).all()
    best = _best_matches(session, [claim.id for claim, *_ in found], seen)
    rows = [_row(claim, source, status, bool(review), best.get(claim.id), seen.day, reveal_confidential)
            for claim, source, status, review in found]
    counts = _counts(session, seen, filters, spellings)
    total = sum(counts[status] for status in (filters.statuses or st.STATUSES))  # the counts ignore statuses
    return BoardPage(rows=rows, total=total, counts=counts, as_of=seen.day if seen.past else None)


def status_counts(session: Session, *, today: date, filters: BoardFilter = BoardFilter(),
                  spellings: tuple[tuple[str, ...], ...] | None = None, as_of: date | None = None) -> dict[str, int]:
    """How many claims are in each status under the other filters, and how many await review: the board's
    at-a-glance line, in one scan."""
    spellings = search_spellings(session, filters.search) if spellings is None else spellings
    return _counts(session, status_on(today, as_of), filters, spellings)


def _counts(session: Session, seen: StatusOn, filters: BoardFilter, spellings) -> dict[str, int]:
    effective = seen.effective.label("effective")
    query = seen.over_claims(
        select(effective, func.count(), func.sum(case((seen.needs_review(), 1), else_=0))).select_from(Claim))
    query = query.where(*_conditions(filters, seen, with_status=False, spellings=spellings)).group_by(effective)
    counts = dict.fromkeys(st.STATUSES, 0)
    counts["needs_review"] = 0
    for status, count, reviewing in session.execute(query):
        counts[status] = count
        counts["needs_review"] += int(reviewing or 0)
    return counts


def _best_matches(session: Session, claim_ids: list[int], seen: StatusOn) -> dict[int, dict]:
    """Each claim's accepted announcement (what settled it), else its best undecided proposal (on a past day,
    among the announcements published by then): a handful of rows for the page on screen, not the table."""
    if not claim_ids:
        return {}
    query = (select(Match.claim_id, Match.score, Match.decision, Match.verdict, Announcement.text,
                    Announcement.issuer, Announcement.published, Match.parts)
             .join(Announcement, Match.announcement_id == Announcement.id)
             .where(Match.claim_id.in_(claim_ids), Match.decision != "rejected",
                    *([Announcement.published <= seen.day] if seen.past else []))
             .order_by(Match.claim_id, case((Match.decision == "accepted", 0), else_=1), Match.score.desc(),
                       Match.id))
    best: dict[int, dict] = {}
    for claim_id, score, decision, verdict, text, issuer, published, parts in session.execute(query):
        best.setdefault(claim_id, {"score": score, "evidence": evidence_in(parts), "decision": decision,
                                   "verdict": verdict, "text": text,
                                   "issuer": issuer, "published": published})
    return best


def _row(claim: Claim, source: Source, status: str, needs_review: bool, best: dict | None, today: date,
         reveal: bool) -> dict:
    return {
        "id": claim.id, "external_id": claim.external_id, "text": claim.text,
        "source": source_label(source.name, source.confidential, source.id, reveal=reveal),
        "published": claim.published, "logged_at": claim.logged_at, "status": status,
        "window_start": claim.window_start, "window_end": claim.window_end,
        "window_expression": claim.window_expression,
        "days_to_deadline": st.days_to_deadline(claim.window_end, today),
        "needs_review": needs_review,
        "best_score": best["score"] if best else None,
        "best_evidence": best["evidence"] if best else None,
        "best_match": f"{best['issuer']}: {best['text']}" if best else None,
        "best_decision": best["decision"] if best else None,
        "best_verdict": best["verdict"] if best else None,
        "best_published": best["published"] if best else None,
    }


def source_choices(session: Session, *, reveal_confidential: bool = False) -> list[dict]:
    """Sources for pickers: id, label (pseudonym unless revealed) and whether the real name is hidden."""
    rows = session.execute(select(Source.id, Source.name, Source.confidential))
    choices = [{"id": source_id, "label": source_label(name, confidential, source_id, reveal=reveal_confidential),
                "hidden": confidential and not reveal_confidential} for source_id, name, confidential in rows]
    return sorted(choices, key=lambda row: label_sort_key(row["label"]))  # never in the hidden names' order
