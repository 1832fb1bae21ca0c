"""Running the matcher over stored claims and announcements, and keeping its proposals.

Two incremental paths keep matching interactive as the store grows: a new announcement is searched against
the open claims (BM25 over the stored term index, `claim_terms`, so a fresh process reads only the postings
of the announcement's terms), a new claim against the announcements that can still confirm it (published on
or after its date, less a small grace; BM25 over `announcement_terms`). Term weights come from the same
announcements a full run would weigh by on a small store (the most recent `WEIGHT_SAMPLE`, read from
`announcement_terms`), so there the incremental paths rank exactly as `run_matcher`, the full re-match, does.
New proposals and their events are written with one INSERT each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import select

from verify import semantic
from verify.core import bm25
from verify.core import status as st
from verify.core.collector import full_collections_deferred
from verify.core.entities import AliasBook
from verify.core.matching import (
    GRACE,
    AnnouncementText,
    ClaimText,
    MatchSettings,
    Proposal,
    analyse_all,
    best_proposals,
    glance_all,
    score_analysed,
    shortlist,
    shown_beside,
)
from verify.core.permissions import Actor, require
from verify.db.aliases import alias_book
from verify.db.models import Announcement, Claim, Match
from verify.db.repository import insert_returning_ids, one_of, record_event, record_events
from verify.db.search import claim_index, term_weights
from verify.db.search.announcement_index import announcements_since
from verify.db.search.memo import book_memo
from verify.db.uow import UnitOfWork
from verify.services.newsroom import effective_match_settings

MATCHER = "verify-matcher"
Progress = Callable[[str, int, int], None]  # (phase, done, total), as `verify.core.rematch` reports it
WEIGHT_SAMPLE = 3000  # the most recent announcements that set term weights (all of them on a small store)


@dataclass(frozen=True)
class ProposalRow:
    """A proposal as shown to people: references they can type back into `verify review`."""

    claim: str
    announcement: str
    score: float
    band: str
    verdict: str
    differs: str | None
    parts: dict
    claim_text: str
    announcement_text: str
    announcement_published: str
    decision: str = "proposed"

    def to_dict(self) -> dict:
        return asdict(self)


def reference(row: Claim | Announcement) -> str:
    return row.external_id or str(row.id)


def claim_text(row: Claim) -> ClaimText:
    return ClaimText(id=row.id, text=row.text, published=row.published,
                     window_start=row.window_start, window_end=row.window_end)


def announcement_text(row: Announcement) -> AnnouncementText:
    return AnnouncementText(id=row.id, text=row.text, published=row.published, issuer=row.issuer)


_ANNOUNCEMENT_COLUMNS = (Announcement.id, Announcement.text, Announcement.published, Announcement.issuer)


def run_matcher(uow: UnitOfWork, *, now: datetime, settings: MatchSettings = MatchSettings(), top: int = 5,
                workers: int = 1, progress: Progress | None = None,
                actor: Actor | str = "matcher") -> list[ProposalRow]:
    """Re-match every open claim against every announcement; store new proposals, auto-accept only when the
    newsroom allows. A batch job that writers do not wait for: everything is read in one short read (no
    write lock), matched outside any transaction (`workers` processes, the same result as one), and each
    block's proposals stored in a short transaction of its own. `progress(phase, done, total)` hears of the
    phases "index" (announcements) and "match" (claims). Running it again stores the same rows. The rows
    come back in the order of the claims' ids, each claim's best first. Running it is an editor's call
    (`actor`: the dashboard's signed-in person; a bare name is the local operator)."""
    require(actor, "review")
    from verify.core.rematch import match_in_blocks  # numpy: only for the commands that re-match

    with full_collections_deferred():  # every announcement read and held: no full pass over them meanwhile
        claims, announcements, decided, settings, book = _snapshot(uow, settings)
        rows: list[tuple[int, ProposalRow]] = []
        position = {c.id: i for i, c in enumerate(claims)}
        for block in match_in_blocks(claims, announcements, settings=settings, book=book, top=top,
                                     exclude=decided, workers=workers, embed=semantic.embed, progress=progress):
            if block:
                rows.extend((position[p.claim_id], row) for p, row in _store_block(uow, block, now=now))
        return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def _snapshot(uow: UnitOfWork, settings: MatchSettings):
    """The open claims, every announcement, the decided pairs, the newsroom's settings and alias book, read
    in one transaction that takes no write lock."""
    with uow.reader() as session, session.begin():
        claims = [claim_text(c) for c in session.scalars(
            select(Claim).where(Claim.status == st.PENDING).order_by(Claim.id))]
        announcements = [AnnouncementText(*row) for row in session.execute(
            select(*_ANNOUNCEMENT_COLUMNS).order_by(Announcement.id))]
        return claims, announcements, _decided(session), effective_match_settings(session, settings), \
            alias_book(session)


def _store_block(uow: UnitOfWork, proposals: list[Proposal], *,
                 now: datetime) -> list[tuple[Proposal, ProposalRow]]:
    """One block's proposals in one short transaction; a claim settled or retracted since the read keeps what
    it has (its proposals are dropped), and a pair decided since then is not touched (`_keep_all`)."""
    with uow:
        session = uow.session
        claims = {c.id: c for c in _rows(session, Claim, [p.claim_id for p in proposals])}
        still_open = [p for p in proposals if claims.get(p.claim_id) is not None
                      and claims[p.claim_id].status == st.PENDING]
        rows = _keep_all(session, still_open, now=now, claims=claims)
        uow.commit()
        return list(zip(still_open, rows, strict=True))


def match_claims(uow: UnitOfWork, claim_ids: Sequence[int], *, now: datetime,
                 settings: MatchSettings = MatchSettings(), top: int = 5) -> list[ProposalRow]:
    """Check newly logged claims against the announcements that can confirm them: the stored term index over
    the announcements finds, per claim, the best `pool` of those published since its date (less `GRACE`);
    they are shortlisted by their cheap parts as a full run does (`shortlist`), and only the shortlist is
    analysed and scored, with the weights of the recent sample."""
    with uow:
        session = uow.session
        rows = {c.id: c for c in _rows(session, Claim, claim_ids, Claim.status == st.PENDING)}
        if not rows:
            return []
        settings = effective_match_settings(session, settings)
        claims = [claim_text(c) for c in rows.values()]
        stored = {(m.claim_id, m.announcement_id): m for m in _matches_of(session, list(rows))}
        proposals = _propose_for_claims(session, claims, settings, top, lambda claim_id, announcement_id: getattr(
            stored.get((claim_id, announcement_id)), "decision", "proposed") == "proposed")
        result = _keep_all(session, proposals, now=now, claims=rows, stored=stored)
        uow.commit()
        return result


def proposals_for_texts(uow: UnitOfWork, claims: Sequence[ClaimText], *, settings: MatchSettings = MatchSettings(),
                        top: int = 5) -> list[Proposal]:
    """What `match_claims` would propose for claims not logged yet (a suggestion, a draft), best first per
    claim; nothing is written. The claims' ids are the caller's own keys."""
    with uow:
        session = uow.session
        return _propose_for_claims(session, list(claims), effective_match_settings(session, settings), top,
                                   lambda claim_id, announcement_id: True)


def _propose_for_claims(session, claims: list[ClaimText], settings: MatchSettings, top: int,
                        open_pair: Callable[[int, int], bool]) -> list[Proposal]:
    """The new-claim search and scoring of `match_claims`, over the pairs `open_pair` leaves open."""
    memo = book_memo(session)
    sample = term_weights.recent_sample(session, WEIGHT_SAMPLE)
    hits = {c.id: [i for i, _ in announcements_since(session, _query_terms(c.text, memo.book),
                                                      since=c.published - GRACE, sample=sample,
                                                      k=max(settings.pool, settings.candidates, top))
                   if open_pair(c.id, i)] for c in claims}
    found = {row.id: AnnouncementText(*row)
             for among in one_of(session, Announcement.id, sorted({i for h in hits.values() for i in h}))
             for row in session.execute(select(*_ANNOUNCEMENT_COLUMNS).where(among))}
    glanced = dict(zip(found, glance_all([a.text for a in found.values()], semantic.embed), strict=True))
    claimed = memo.analyse_all([c.text for c in claims], semantic.embed)
    terms = {t for a in [*glanced.values(), *claimed] for t in a.terms}
    idf = term_weights.recent_weights(session, [], terms, memo.book, sample=WEIGHT_SAMPLE)
    chosen = {c.id: shortlist(c, ca, [(found[i], glanced[i]) for i in hits[c.id]], settings, idf, top)
              for c, ca in zip(claims, claimed, strict=True)}
    wanted = sorted({i for ids in chosen.values() for i in ids})
    analysed = dict(zip(wanted, memo.analyse_all([found[i].text for i in wanted], semantic.embed), strict=True))
    proposals: list[Proposal] = []
    for claim, analysis in zip(claims, claimed, strict=True):
        proposals.extend(best_proposals(claim, analysis, [(found[i], analysed[i]) for i in chosen[claim.id]],
                                        settings, idf, top))
    return proposals


def match_announcements(uow: UnitOfWork, announcement_ids: Sequence[int], *, now: datetime,
                        settings: MatchSettings = MatchSettings(), top: int = 5) -> list[ProposalRow]:
    """Check newly added announcements against the open claims only: the stored term index over the claims
    finds the few each announcement can settle, and only those claims are loaded and scored."""
    with uow:
        session = uow.session
        rows = {a.id: a for a in _rows(session, Announcement, announcement_ids)}
        new = [announcement_text(a) for a in rows.values()]
        if not new:
            return []
        until = max(a.published for a in new) + GRACE
        settings = effective_match_settings(session, settings)
        memo = book_memo(session)
        book = memo.book
        hits = {a.id: claim_index.open_claims(session, _query_terms(a.text, book), until=until,
                                              k=max(settings.candidates, top)) for a in new}
        claim_rows = {c.id: c for c in _rows(session, Claim, [i for h in hits.values() for i, _ in h])}
        if not claim_rows:
            return []
        claims = {i: claim_text(c) for i, c in claim_rows.items()}
        analysed = dict(zip(claims, memo.analyse_all([c.text for c in claims.values()], semantic.embed),
                            strict=True))
        announced = dict(zip([a.id for a in new], analyse_all([a.text for a in new], book, semantic.embed),
                             strict=True))
        terms = {t for a in [*analysed.values(), *announced.values()] for t in a.terms}
        idf = term_weights.recent_weights(session, new, terms, book, sample=WEIGHT_SAMPLE)
        stored = {(m.claim_id, m.announcement_id): m for m in _matches_of(session, list(claims))}
        found: list[Proposal] = []
        for announcement in new:
            for claim_id, _ in hits[announcement.id]:
                match = stored.get((claim_id, announcement.id))
                if match is not None and match.decision != "proposed":
                    continue
                proposal = score_analysed(claims[claim_id], announcement, analysed[claim_id],
                                          announced[announcement.id], settings, idf)
                if proposal.band != "discard":
                    found.append(proposal)
        kept = _within_top(found, stored.values(), top, settings)
        result = _keep_all(session, kept, now=now, claims=claim_rows, announcements=rows, stored=stored)
        uow.commit()
        return result


def _query_terms(text: str, book: AliasBook) -> list[str]:
    """The text's terms, and for each known name in it the canonical name and every alias of it: claims are
    indexed by their own words only, so an alias added later still finds them ("Meta" -> "Facebook")."""
    names = book.names_by_key()
    keys = dict.fromkeys(entity.key for entity in book.find(text))
    return bm25.query_terms(text, [name for key in keys for name in [key, *names.get(key, ())]])


def _within_top(found: list[Proposal], stored: Iterable[Match], top: int,
                settings: MatchSettings) -> list[Proposal]:
    """Only pairs that are shown beside their claim's best (`shown_beside`, the stored proposals counted) and
    rank among its best `top`, as a full run would keep them; best first per claim."""
    claim_ids = sorted({p.claim_id for p in found})
    others: dict[int, list[tuple[float, int]]] = {}
    for match in stored:
        if match.decision == "proposed":
            others.setdefault(match.claim_id, []).append((-match.score, match.announcement_id))
    kept: list[Proposal] = []
    for claim_id in claim_ids:
        mine = sorted((p for p in found if p.claim_id == claim_id), key=lambda p: (-p.score, p.announcement_id))
        ours = {p.announcement_id for p in mine}
        theirs = [key for key in others.get(claim_id, []) if key[1] not in ours]
        best = max([-key[0] for key in theirs] + [p.score for p in mine], default=0.0)
        shown = [p for p in mine if shown_beside(p, best, settings)]
        ranked = sorted([*theirs, *((-p.score, p.announcement_id) for p in shown)])[:top]
        kept.extend(p for p in shown if (-p.score, p.announcement_id) in ranked)
    return kept


def _rows(session, model, ids: Sequence[int], *conditions) -> list:
    found = []
    for among in one_of(session, model.id, sorted(set(ids))):
        found.extend(session.scalars(select(model).where(among, *conditions).order_by(model.id)))
    return found


def _decided(session) -> frozenset[tuple[int, int]]:
    """Pairs an editor (or the auto band) already decided: never proposed again."""
    query = select(Match.claim_id, Match.announcement_id).where(Match.decision != "proposed")
    return frozenset(tuple(row) for row in session.execute(query))


def _keep_all(session, proposals: Sequence[Proposal], *, now: datetime, claims: dict | None = None,
              announcements: dict | None = None, stored: dict | None = None) -> list[ProposalRow]:
    """Store new proposals and refresh the open ones already stored, with one INSERT for the new rows and one
    for their events, in the order one at a time would write them (each `match_proposed`, then its auto
    acceptance). Rows the caller already loaded (`claims`, `announcements`, the claims' `stored` matches by
    pair) are not read again. The new rows go in as plain values, not through the unit of work's flush: a
    third of the time for 50 proposals, with the same rows and the same ids."""
    claims = _loaded(session, Claim, [p.claim_id for p in proposals], claims)
    announcements = _loaded(session, Announcement, [p.announcement_id for p in proposals], announcements)
    if stored is None:
        stored = {(m.claim_id, m.announcement_id): m for m in _matches_of(session, [p.claim_id for p in proposals])}
    fresh: dict[tuple[int, int], dict] = {}  # the new pairs' rows, in the order they are first proposed
    written: list[tuple[str, Proposal, tuple[int, int]]] = []
    for proposal in proposals:
        claim, pair = claims[proposal.claim_id], (proposal.claim_id, proposal.announcement_id)
        match, row = stored.get(pair), fresh.get(pair)
        if match is None and row is None:
            fresh[pair] = row = {"claim_id": claim.id, "announcement_id": proposal.announcement_id,
                                 "decision": "proposed", "proposed_at": now, "decided_by": None, "decided_at": None,
                                 **_scored(proposal)}
            written.append(("match_proposed", proposal, pair))
            if proposal.band == "auto" and claim.status == st.PENDING:
                row.update(decision="accepted", decided_by=MATCHER, decided_at=now)
                claim.status = proposal.verdict
                written.append(("match_accepted", proposal, pair))
        elif row is not None:
            if row["decision"] == "proposed":
                row.update(_scored(proposal))
        elif match.decision == "proposed":
            _update(match, proposal)
    session.flush()
    if fresh:  # the new rows as written, not as read back (SQLite returns a score of 48.0 as 48)
        ids = insert_returning_ids(session, Match, list(fresh.values()))
        # plain records of the rows just written (what the events and the rows returned read of them): an ORM
        # object each cost as much as writing it
        stored.update((pair, SimpleNamespace(id=i, **row)) for (pair, row), i in zip(fresh.items(), ids, strict=True))
    record_events(session, [_event(kind, proposal, stored[pair], announcements[pair[1]])
                            for kind, proposal, pair in written], now=now)
    return [_row(p, claims[p.claim_id], announcements[p.announcement_id],
                 stored[(p.claim_id, p.announcement_id)]) for p in proposals]


def _scored(proposal: Proposal) -> dict:
    """What `_update` sets on a stored pair, as column values."""
    return {"score": proposal.score, "band": proposal.band, "verdict": proposal.verdict,
            "differs": proposal.differs, "parts": dict(proposal.parts)}


AUTO_NOTE = "auto band: confident enough to confirm without review (newsroom setting)"


def _event(kind: str, proposal: Proposal, match: Match, announcement: Announcement) -> dict:
    """The row `record_event` would append for a new proposal, or for its auto acceptance (as `accept`)."""
    row = {"kind": kind, "actor": MATCHER, "claim_id": match.claim_id, "match_id": match.id, "source_id": None,
           "status": None, "effective_on": None, "reason": None}
    if kind == "match_proposed":
        return {**row, "evidence": proposal.to_dict()}
    return {**row, "status": proposal.verdict, "effective_on": announcement.published, "reason": AUTO_NOTE,
            "evidence": _evidence(match, proposal.verdict, announcement)}


def _row(proposal: Proposal, claim: Claim, announcement: Announcement, match: Match) -> ProposalRow:
    return ProposalRow(
        claim=reference(claim), announcement=reference(announcement), score=proposal.score,
        band=proposal.band, verdict=proposal.verdict, differs=proposal.differs, parts=dict(proposal.parts),
        claim_text=claim.text, announcement_text=announcement.text,
        announcement_published=announcement.published.isoformat(), decision=match.decision,
    )


def _loaded(session, model, ids: Sequence[int], rows: dict | None) -> dict:
    """`rows` (by id) plus those of `ids` not among them, read in one query per chunk."""
    found = dict(rows or {})
    found.update((row.id, row) for row in _rows(session, model, [i for i in ids if i not in found]))
    return found


def _matches_of(session, claim_ids: Sequence[int]) -> list[Match]:
    """Every stored pair of these claims (a few each): decided ones, open proposals, and pairs to refresh."""
    return [m for among in one_of(session, Match.claim_id, sorted(set(claim_ids)))
            for m in session.scalars(select(Match).where(among))]


def _update(match: Match, proposal: Proposal) -> None:
    match.score, match.band, match.verdict = proposal.score, proposal.band, proposal.verdict
    match.differs, match.parts = proposal.differs, dict(proposal.parts)


def accept(session, match: Match, *, actor: str, now: datetime, verdict: str, note: str | None) -> None:
    """The claim takes the verdict from the day the announcement was published."""
    match.decision, match.decided_by, match.decided_at = "accepted", actor, now
    record_event(session, "match_accepted", actor=actor, now=now, claim=match.claim, match=match,
                 status=verdict, effective_on=match.announcement.published, reason=note,
                 evidence=_evidence(match, verdict, match.announcement))


def reject(session, match: Match, *, actor: str, now: datetime, note: str | None) -> None:
    match.decision, match.decided_by, match.decided_at = "rejected", actor, now
    record_event(session, "match_rejected", actor=actor, now=now, claim=match.claim, match=match,
                 reason=note, evidence=_evidence(match, None, match.announcement))


def _evidence(match: Match, verdict: str | None, announcement: Announcement) -> dict:
    return {
        "score": match.score, "band": match.band, "proposed_verdict": match.verdict, "verdict": verdict,
        "differs": match.differs, "parts": match.parts, "announcement": announcement_evidence(announcement),
    }


def announcement_evidence(announcement: Announcement) -> dict:
    """The announcement as a decision's evidence keeps it, whatever happens to the row later."""
    return {"id": announcement.id, "external_id": announcement.external_id, "issuer": announcement.issuer,
            "published": announcement.published.isoformat(), "text": announcement.text, "url": announcement.url}


def proposals_for(rows: Sequence[ProposalRow], claim_ref: str) -> list[ProposalRow]:
    return [row for row in rows if row.claim == claim_ref]
