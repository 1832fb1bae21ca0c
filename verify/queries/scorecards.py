"""Source scorecards as of a date (and as recorded at a moment), computed in the database.

Counting rules (the public contract of `verify sources --json`):
- A claim is credited to its origin when it cites one (claims.origin_source_id), else to its source.
  The outlet that published a cited claim is not scored on it; its card counts it as `amplified`, and the
  origin's card counts it in `claims` and also in `cited` (claims that reached print through others).
- Retracted claims count nowhere, on any as-of date (a retraction says it was logged by mistake), once
  the retraction is recorded (by `recorded_by`, when given).
  A claim counts once `published <= as_of` (and, with `recorded_by`,
  once logged by then). Its status is the latest status event with effective_on <= as_of (and
  recorded_at <= recorded_by); pending becomes overdue when the window closed before as_of.
- resolved = confirmed + partly confirmed + denied + overdue; hits = confirmed + weight * partly confirmed.
- brier: over resolved claims with a stated confidence (outcome 1, the weight, or 0); `brier_n` of them.
- median_lead_days: days from publication to the confirming announcement (the status event's
  effective_on) over confirmed and partly confirmed claims; `lead_n` of them.
- first_reports: claims that repeat no earlier claim (duplicate_of_id is null); `repeats` the others.
- Fairness (verify.core.fairness): an open claim with a proposal awaiting review (review band, announced by
  as_of) counts as `awaiting_review`, never as overdue; a linked repeat counts in `claims` and `repeats` only
  (its outcome is its original's); `too_few` says fewer than fairness.MIN_RESOLVED resolved claims.
With `recorded_by`, a window corrected later is read back from the first later correction's evidence.
Names and confidentiality are today's: a source made confidential later stays protected in old boards.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import Date, Float, Integer, and_, case, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from verify.core import fairness, scoring
from verify.core import status as st
from verify.core.confidential import source_label
from verify.db.models import Announcement, Claim, Event, Match, Source
from verify.queries.rules import is_overdue_sql

SORTS = ("lower", "rate", "claims", "name")


@dataclass(frozen=True)
class Scorecard:
    source: str
    kind: str
    confidential: bool
    claims: int
    resolved: int
    confirmed: int
    partly_confirmed: int
    denied: int
    overdue: int
    pending: int
    awaiting_review: int
    hits: float
    hit_rate: float | None
    hit_rate_low: float | None
    hit_rate_high: float | None
    brier: float | None
    brier_n: int
    median_lead_days: float | None
    lead_n: int
    first_reports: int
    repeats: int
    cited: int
    amplified: int
    too_few: bool
    calibration: str

    def to_dict(self) -> dict:
        return asdict(self)


class days_between(FunctionElement):  # noqa: N801 - reads as the SQL function it renders
    """Whole days from the second date to the first: date subtraction on PostgreSQL, julianday on SQLite."""

    type = Integer()
    inherit_cache = True


class as_date(FunctionElement):  # noqa: N801
    """An ISO date string read as a date: a cast on PostgreSQL; SQLite stores dates as ISO text already."""

    type = Date()
    inherit_cache = True


@compiles(days_between)
def _days_between(element, compiler, **kw):
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({later} - {earlier})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(as_date)
def _as_date(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(as_date, "sqlite")
def _as_date_sqlite(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


def claim_outcomes(as_of: date, recorded_by: datetime | None = None):
    """One row per counted claim: whom it credits, its status on `as_of`, its outcome and lead time."""
    latest_ids = select(Event.claim_id, func.max(Event.id).label("event_id")).where(
        Event.status.is_not(None), Event.effective_on <= as_of)
    if recorded_by is not None:
        latest_ids = latest_ids.where(Event.recorded_at <= recorded_by)
    retracted = select(Event.claim_id).where(Event.status == st.RETRACTED)
    if recorded_by is not None:
        retracted = retracted.where(Event.recorded_at <= recorded_by)
    latest_ids = latest_ids.group_by(Event.claim_id).subquery("latest_ids")
    latest = aliased(Event, name="latest")
    query = (select(Claim).join(latest_ids, latest_ids.c.claim_id == Claim.id)
             .join(latest, latest.id == latest_ids.c.event_id)
             .where(Claim.published <= as_of, Claim.id.not_in(retracted)))
    window_end = Claim.window_end
    if recorded_by is not None:
        query, window_end = _window_end_at(query.where(Claim.logged_at <= recorded_by), recorded_by)
    stored = latest.status
    undecided = Match.decision == "proposed"
    if recorded_by is not None:  # as the queue stood then: proposed by then, decided (if ever) later
        undecided = and_(Match.proposed_at <= recorded_by, or_(undecided, Match.decided_at > recorded_by))
    awaiting = (select(Match.id).join(Announcement, Announcement.id == Match.announcement_id)
                .where(Match.claim_id == Claim.id, undecided, Match.band == "review",
                       Announcement.published <= as_of))
    status = case((and_(stored == st.PENDING, awaiting.exists()), literal(fairness.AWAITING_REVIEW)),
                  (is_overdue_sql(stored, window_end, as_of), literal(st.OVERDUE)), else_=stored)
    return query.with_only_columns(
        Claim.id.label("claim_id"),
        func.coalesce(Claim.origin_source_id, Claim.source_id).label("credited"),
        Claim.source_id.label("publisher"),
        and_(Claim.origin_source_id.is_not(None), Claim.origin_source_id != Claim.source_id).label("cited"),
        status.label("status"),
        Claim.confidence.label("confidence"),
        Claim.duplicate_of_id.is_(None).label("first"),
        days_between(latest.effective_on, Claim.published).label("lead"),
        latest.effective_on.label("effective_on"), latest.recorded_at.label("decided_at"),
        window_end.label("window_end"),
    ).subquery("claim_outcomes")


def _window_end_at(query, recorded_by: datetime):
    """The window as held at `recorded_by`: the `before` of the first correction recorded after it."""
    first_fix = (select(Event.claim_id, func.min(Event.id).label("event_id"))
                 .where(Event.kind == "window_corrected", Event.recorded_at > recorded_by)
                 .group_by(Event.claim_id).subquery("first_fix"))
    fix = aliased(Event, name="fix")
    query = (query.outerjoin(first_fix, first_fix.c.claim_id == Claim.id)
             .outerjoin(fix, fix.id == first_fix.c.event_id))
    held = case((fix.id.is_not(None), as_date(fix.evidence["before"]["end"].as_string())),
                else_=Claim.window_end)
    return query, held


def scorecard_statement(as_of: date, recorded_by: datetime | None = None, partial_weight: float = 0.5):
    """One statement: per-claim outcomes, then GROUP BY source for the sums, the amplified counts and the
    median lead (a window function: the middle one or two rows per source, on SQLite and PostgreSQL)."""
    weight = literal(scoring.check_partial_weight(partial_weight), Float)
    rows = claim_outcomes(as_of, recorded_by)
    counted = select(rows).where(rows.c.status != st.RETRACTED).cte("counted")
    resolved = and_(counted.c.first, counted.c.status.in_(st.RESOLVED))
    result = case((~counted.c.first, literal(0.0, Float)), (counted.c.status == st.CONFIRMED, literal(1.0, Float)),
                  (counted.c.status == st.PARTLY_CONFIRMED, weight), else_=literal(0.0, Float))
    scored = and_(resolved, counted.c.confidence.is_not(None))
    confirmation = and_(counted.c.first, counted.c.status.in_(scoring.CONFIRMATIONS))
    lead = case((confirmation, counted.c.lead))

    def tally(condition):
        return func.sum(case((condition, 1), else_=0))

    stats = select(
        counted.c.credited, func.count().label("claims"), tally(resolved).label("resolved"),
        *(tally(and_(counted.c.first, counted.c.status == name)).label(name)
          for name in (*st.RESOLVED, st.PENDING, fairness.AWAITING_REVIEW)),
        func.sum(result).label("hits"),
        tally(scored).label("brier_n"),
        func.sum(case((scored, (counted.c.confidence - result) * (counted.c.confidence - result)))
                 ).label("brier_sum"),
        func.count(lead).label("lead_n"), tally(counted.c.first).label("first_reports"),
        tally(counted.c.cited).label("cited"),
    ).group_by(counted.c.credited).subquery("stats")
    amplified = (select(counted.c.publisher, func.count().label("amplified")).where(counted.c.cited)
                 .group_by(counted.c.publisher).subquery("amplifiers"))
    ranked = select(
        counted.c.credited, counted.c.lead,
        func.row_number().over(partition_by=counted.c.credited, order_by=counted.c.lead).label("position"),
        func.count().over(partition_by=counted.c.credited).label("total"),
    ).where(confirmation).subquery("ranked_leads")
    medians = (select(ranked.c.credited, func.avg(ranked.c.lead).label("median_lead"))
               .where(ranked.c.position * 2 >= ranked.c.total, ranked.c.position * 2 <= ranked.c.total + 2)
               .group_by(ranked.c.credited).subquery("medians"))
    query = (select(Source.id, Source.name, Source.kind, Source.confidential, stats, amplified.c.amplified,
                    medians.c.median_lead)
             .outerjoin(stats, stats.c.credited == Source.id)
             .outerjoin(amplified, amplified.c.publisher == Source.id)
             .outerjoin(medians, medians.c.credited == Source.id))
    if recorded_by is not None:
        query = query.where(Source.created_at <= recorded_by)
    return query


def source_scorecards(session: Session, *, as_of: date, recorded_by: datetime | None = None,
                      partial_weight: float = 0.5, reveal: bool = False, sort: str = "lower") -> list[Scorecard]:
    """Every source's scorecard. Confidential sources appear by pseudonym unless `reveal` (editors only)."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    rows = session.execute(scorecard_statement(as_of, recorded_by, partial_weight)).mappings()
    cards = [_card(row, reveal=reveal) for row in rows]
    return sort_scorecards(cards, sort)


def _card(row, *, reveal: bool) -> Scorecard:
    def count(key: str) -> int:
        return int(row[key] or 0)

    hits, resolved = float(row["hits"] or 0.0), count("resolved")
    interval = scoring.wilson_interval(hits, resolved)
    median = row["median_lead"]
    return Scorecard(
        source=source_label(row["name"], row["confidential"], row["id"], reveal=reveal), kind=row["kind"],
        confidential=bool(row["confidential"]), claims=count("claims"), resolved=resolved,
        confirmed=count("confirmed"), partly_confirmed=count("partly_confirmed"), denied=count("denied"),
        overdue=count("overdue"), pending=count("pending"),
        awaiting_review=count(fairness.AWAITING_REVIEW), hits=round(hits, 6),
        hit_rate=_round(scoring.rate(hits, resolved)),
        hit_rate_low=_round(interval[0]) if interval else None,
        hit_rate_high=_round(interval[1]) if interval else None,
        brier=_round(scoring.brier_from_sums(row["brier_sum"], count("brier_n"))), brier_n=count("brier_n"),
        median_lead_days=None if median is None else float(median), lead_n=count("lead_n"),
        first_reports=count("first_reports"), repeats=count("claims") - count("first_reports"),
        cited=count("cited"), amplified=count("amplified"), too_few=fairness.too_few_to_judge(resolved),
        calibration=fairness.calibration_words(scoring.brier_from_sums(row["brier_sum"], count("brier_n")),
                                               count("brier_n")),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def sort_scorecards(cards: list[Scorecard], sort: str = "lower") -> list[Scorecard]:
    """Rank by what the evidence supports; ties and names go by the shown label, never a hidden name."""
    def missing_last(value):
        return (value is None, -(value or 0.0))

    keys = {
        "lower": lambda card: (*missing_last(card.hit_rate_low), -card.resolved, card.source.casefold()),
        "rate": lambda card: (*missing_last(card.hit_rate), -card.resolved, card.source.casefold()),
        "claims": lambda card: (-card.claims, card.source.casefold()),
        "name": lambda card: card.source.casefold(),
    }
    return sorted(cards, key=keys[sort])


def source_record(session: Session, source_id: int, *, as_of: date, limit: int = 500) -> list[dict]:
    """The claims a source's scorecard counts on `as_of` (credited to it, published by then, not retracted),
    newest first, each with the status the scorecard gives it then: its record follows the as-of date."""
    rows = claim_outcomes(as_of)
    query = (select(Claim.id, Claim.text, Claim.published, rows.c.window_end, rows.c.status, rows.c.first)
             .join(rows, rows.c.claim_id == Claim.id).where(rows.c.credited == source_id)
             .order_by(Claim.published.desc(), Claim.id.desc()).limit(limit))
    return [{"id": claim_id, "text": text, "published": published, "window_end": window_end, "status": status,
             "repeat": not first} for claim_id, text, published, window_end, status, first in session.execute(query)]
