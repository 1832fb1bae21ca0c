import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from tests.factories import new_announcement, new_claim
from verify import queries
from verify.core import fairness, scoring
from verify.db.models import Announcement, Claim, Match
from verify.queries.scorecards import source_scorecards
from verify.services import add_announcement, correct_window, log_claim, retract_claim
from verify.services.matching import accept
from verify.services.sources import edit_source


def settle(uow, claim_id, status, on, now):
    """Record an editor's verdict from an announcement published `on` (the matcher's own score aside)."""
    announcement_id = add_announcement(uow(), new_announcement(text=f"Official statement {claim_id} {status}",
                                                               published=on), actor="ed", now=now)
    with uow() as work:
        match = work.session.scalar(select(Match).where(Match.claim_id == claim_id,
                                                        Match.announcement_id == announcement_id))
        if match is None:  # the matcher may already have proposed the pair when the announcement came in
            match = Match(claim_id=claim_id, announcement_id=announcement_id, score=90.0, band="review",
                          verdict=status, differs=None, parts={}, decision="proposed", proposed_at=now)
            work.session.add(match)
            work.session.flush()
        accept(work.session, match, actor="ed", now=now, verdict=status, note="test verdict")
        work.commit()


def propose(uow, claim_id, on, now):
    """A proposed confirmation, published `on`, waiting in the review queue."""
    announcement_id = add_announcement(uow(), new_announcement(text=f"Statement {claim_id} pending review",
                                                               published=on), actor="ed", now=now)
    with uow() as work:
        if work.session.scalar(select(Match).where(Match.claim_id == claim_id,
                                                   Match.announcement_id == announcement_id)) is None:
            work.session.add(Match(claim_id=claim_id, announcement_id=announcement_id, score=40.0, band="review",
                                   verdict="confirmed", differs=None, parts={}, decision="proposed",
                                   proposed_at=now))
        work.commit()


def claim(uow, now, source="Leaker", text="Phone launches in July", published=date(2022, 3, 1), **extra):
    return log_claim(uow(), new_claim(text=text, source=source, published=published, **extra), actor="ana",
                     now=now)


def board(sessions, **options):
    options.setdefault("as_of", date(2022, 8, 31))
    with sessions() as session:
        return {card.source: card for card in source_scorecards(session, **options)}


def test_a_scorecard_counts_hits_partly_as_half_and_gives_wilson_brier_and_median_lead(uow, sessions, now):
    confirmed = claim(uow, now, text="A launches in July", confidence=0.8)
    partly = claim(uow, now, text="B launches in July", confidence=0.6)
    denied = claim(uow, now, text="C launches in July")
    claim(uow, now, text="D launches in May")  # overdue on 2022-08-31
    claim(uow, now, text="E launches in December")  # still pending
    settle(uow, confirmed, "confirmed", date(2022, 3, 11), now)
    settle(uow, partly, "partly_confirmed", date(2022, 3, 21), now)
    settle(uow, denied, "denied", date(2022, 4, 1), now)
    card = board(sessions)["Leaker"]
    assert (card.claims, card.resolved, card.pending, card.overdue) == (5, 4, 1, 1)
    assert card.hits == 1.5 and card.hit_rate == pytest.approx(0.375)
    low, high = scoring.wilson_interval(1.5, 4)
    assert (card.hit_rate_low, card.hit_rate_high) == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))
    assert card.brier == pytest.approx(((0.8 - 1) ** 2 + (0.6 - 0.5) ** 2) / 2) and card.brier_n == 2
    assert card.median_lead_days == 15.0 and card.lead_n == 2
    assert (card.first_reports, card.repeats) == (5, 0)


def test_the_partial_hit_weight_is_an_argument(uow, sessions, now):
    settle(uow, claim(uow, now), "partly_confirmed", date(2022, 4, 1), now)
    assert board(sessions, partial_weight=1.0)["Leaker"].hits == 1.0
    assert board(sessions, partial_weight=0.0)["Leaker"].hits == 0.0
    with pytest.raises(ValueError, match="between 0 and 1"):
        board(sessions, partial_weight=2)


def test_nothing_resolved_gives_no_rate_no_brier_and_no_lead(uow, sessions, now):
    claim(uow, now, text="Launch in December", confidence=0.9)
    card = board(sessions)["Leaker"]
    assert (card.claims, card.resolved, card.hit_rate, card.hit_rate_low, card.brier, card.median_lead_days) == (
        1, 0, None, None, None, None)


def test_a_cited_claim_credits_its_origin_and_counts_the_outlet_as_an_amplifier(uow, sessions, now):
    cited = claim(uow, now, source="Big Outlet", origin="Original Leaker", text="Cited launch in July")
    claim(uow, now, source="Big Outlet", text="Own scoop in July")
    settle(uow, cited, "confirmed", date(2022, 4, 1), now)
    cards = board(sessions)
    assert (cards["Original Leaker"].claims, cards["Original Leaker"].confirmed, cards["Original Leaker"].cited) == (
        1, 1, 1)
    assert (cards["Big Outlet"].claims, cards["Big Outlet"].amplified, cards["Big Outlet"].confirmed) == (1, 1, 0)


def test_a_claim_repeating_an_earlier_one_is_a_repeat_and_the_earlier_a_first_report(uow, sessions, now):
    first = claim(uow, now, source="Scooper", published=date(2022, 3, 1))
    repeat = claim(uow, now, source="Follower", published=date(2022, 3, 5))
    with uow() as work:
        work.session.execute(update(Claim).where(Claim.id == repeat).values(duplicate_of_id=first))
        work.commit()
    cards = board(sessions)
    assert (cards["Scooper"].first_reports, cards["Scooper"].repeats) == (1, 0)
    assert (cards["Follower"].first_reports, cards["Follower"].repeats) == (0, 1)


def test_a_confirmation_waiting_in_the_review_queue_is_awaiting_review_not_a_miss(uow, sessions, now):
    waiting = claim(uow, now, text="Tablet launches in May")  # its window closed before 2022-08-31
    propose(uow, waiting, date(2022, 5, 20), now)
    card = board(sessions)["Leaker"]
    assert (card.awaiting_review, card.overdue, card.resolved, card.hit_rate) == (1, 0, 0, None)


def test_a_proposal_announced_after_the_as_of_date_does_not_hold_back_an_overdue_claim(uow, sessions, now):
    late = claim(uow, now, text="Tablet launches in May")
    propose(uow, late, date(2022, 8, 20), now)
    card = board(sessions, as_of=date(2022, 8, 10))["Leaker"]
    assert (card.awaiting_review, card.overdue) == (0, 1)


def test_a_linked_repeat_counts_for_its_original_only_and_never_halves_its_rate(uow, sessions, now):
    first = claim(uow, now, source="Scooper", text="Watch launches in July")
    again = claim(uow, now, source="Scooper", text="Watch launches in July, says Scooper",
                  published=date(2022, 3, 2))
    with uow() as work:
        work.session.execute(update(Claim).where(Claim.id == again).values(duplicate_of_id=first))
        work.commit()
    settle(uow, first, "confirmed", date(2022, 7, 10), now)
    card = board(sessions)["Scooper"]
    assert (card.claims, card.repeats, card.resolved, card.confirmed, card.hit_rate) == (2, 1, 1, 1, 1.0)


def test_a_source_with_fewer_resolved_claims_than_the_threshold_is_too_few_to_judge(uow, sessions, now):
    for number in range(fairness.MIN_RESOLVED):
        settle(uow, claim(uow, now, text=f"Model {number} launches in July"), "denied", date(2022, 7, 1), now)
        assert board(sessions)["Leaker"].too_few is (number + 1 < fairness.MIN_RESOLVED)


def test_retracted_claims_count_nowhere(uow, sessions, now):
    retract_claim(uow(), str(claim(uow, now)), actor="ana", now=now, reason="logged twice")
    assert board(sessions)["Leaker"].claims == 0


def test_the_same_as_of_date_gives_the_same_board_before_and_after_later_events(uow, sessions, now):
    settle(uow, claim(uow, now, text="Launch in July"), "confirmed", date(2022, 4, 1), now)
    claim(uow, now, text="Launch in March", source="Other")
    before = board(sessions, as_of=date(2022, 5, 1))
    later = claim(uow, now, text="Launch in May", published=date(2022, 4, 10))
    settle(uow, later, "denied", date(2022, 6, 1), now)
    claim(uow, now, text="Launch in August", published=date(2022, 6, 1))
    assert board(sessions, as_of=date(2022, 5, 1)) != before  # the claim of April 10 was published by then
    assert board(sessions, as_of=date(2022, 5, 1))["Leaker"].denied == 0
    assert board(sessions, as_of=date(2022, 4, 5)) == board(sessions, as_of=date(2022, 4, 5))
    frozen = board(sessions, as_of=date(2022, 4, 5))
    settle(uow, claim(uow, now, text="Launch in June", published=date(2022, 5, 2)), "confirmed",
           date(2022, 6, 2), now)
    assert board(sessions, as_of=date(2022, 4, 5)) == frozen


def test_a_claim_is_overdue_only_once_its_window_has_closed(uow, sessions, now):
    claim(uow, now, text="Launch in May")
    assert board(sessions, as_of=date(2022, 5, 31))["Leaker"].overdue == 0
    assert board(sessions, as_of=date(2022, 6, 1))["Leaker"].overdue == 1


def test_recorded_at_reproduces_an_earlier_board_after_corrections(uow, sessions, now):
    first_claim = claim(uow, now, text="Launch in May")
    other_claim = claim(uow, now, text="Launch in June", source="Other")
    published = board(sessions, recorded_by=now)
    assert (published["Leaker"].overdue, published["Other"].overdue) == (1, 1)
    later = now + timedelta(days=3)
    settle(uow, first_claim, "confirmed", date(2022, 5, 20), later)  # backdated: the announcement was missed
    correct_window(uow(), str(other_claim), None, "2022-12-31", actor="ed", now=later, reason="fiscal year")
    claim(uow, later, text="Launch in April", published=date(2022, 3, 2))
    corrected = board(sessions)
    assert (corrected["Leaker"].confirmed, corrected["Leaker"].claims, corrected["Other"].pending) == (1, 2, 1)
    assert board(sessions, recorded_by=now) == published
    assert board(sessions, recorded_by=later) == corrected


def test_a_confidential_source_is_shown_only_by_its_pseudonym_when_not_revealed(uow, sessions, now):
    claim(uow, now, source="Secret Person")
    edit_source(uow(), "Secret Person", confidential=True, actor="ed", now=now)
    with sessions() as session:
        source_id = session.scalar(select(Claim.source_id))
        hidden = source_scorecards(session, as_of=date(2022, 8, 31), reveal=False)
        shown = source_scorecards(session, as_of=date(2022, 8, 31), reveal=True)
    assert [card.source for card in hidden] == [f"Confidential source #{source_id}"]
    assert [card.source for card in shown] == ["Secret Person"]


def test_ranking_by_the_lower_bound_does_not_reward_one_lucky_hit(uow, sessions, now):
    settle(uow, claim(uow, now, source="Lucky"), "confirmed", date(2022, 4, 1), now)
    for number in range(10):
        claim_id = claim(uow, now, source="Steady", text=f"Launch {number} in July")
        settle(uow, claim_id, "confirmed" if number < 8 else "denied", date(2022, 4, 1), now)
    with sessions() as session:
        by_lower = [card.source for card in source_scorecards(session, as_of=date(2022, 8, 31))]
        by_rate = [card.source for card in source_scorecards(session, as_of=date(2022, 8, 31), sort="rate")]
    assert by_lower == ["Steady", "Lucky"] and by_rate == ["Lucky", "Steady"]


def test_the_sql_agrees_with_the_pure_statistics_on_random_histories(uow, sessions, now):
    rng = random.Random(5)
    sources = ["S1", "S2", "S3", "S4"]
    for number in range(60):
        published = date(2022, 1, 1) + timedelta(days=rng.randrange(150))
        claim_id = claim(uow, now, source=rng.choice(sources), text=f"Claim {number} launches in June",
                         published=published, confidence=rng.choice([None, 0.2, 0.5, 0.9]),
                         origin=rng.choice([None, None, None, "S1", "S4"]))
        if number and rng.random() < 0.15:  # some are linked repeats of an earlier claim
            with uow() as work:
                work.session.execute(update(Claim).where(Claim.id == claim_id).values(duplicate_of_id=claim_id - 1))
                work.commit()
        if rng.random() < 0.1:  # some wait in the review queue
            propose(uow, claim_id, published + timedelta(days=rng.randrange(1, 90)), now)
        elif rng.random() < 0.6:
            status = rng.choice(["confirmed", "partly_confirmed", "denied"])
            settle(uow, claim_id, status, published + timedelta(days=rng.randrange(1, 90)), now)
    for as_of in (date(2022, 3, 1), date(2022, 5, 15), date(2022, 8, 1)):
        expected = _reference_board(sessions, as_of, 0.5)
        actual = board(sessions, as_of=as_of)
        for name, (claims, hits, resolved, brier, lead) in expected.items():
            card = actual[name]
            assert (card.claims, card.resolved) == (claims, resolved)
            assert card.hits == pytest.approx(hits)
            assert card.brier == (None if brier is None else pytest.approx(brier, abs=1e-4))
            assert card.median_lead_days == lead


def _reference_board(sessions, as_of, weight):
    """The same figures the slow way: statuses from the Python rules, statistics from verify.core.scoring."""
    with sessions() as session:
        statuses = {row.id: row.status for row in queries.list_claims(session, as_of=as_of)}
        claims = session.execute(select(Claim).order_by(Claim.id)).scalars().all()
        names = {c.source_id: c.source.name for c in claims} | {
            c.origin_source_id: c.origin_source.name for c in claims if c.origin_source}
        settled = dict(session.execute(select(Match.claim_id, Announcement.published).join(Announcement)
                                       .where(Match.decision == "accepted")).all())
        awaiting = set(session.scalars(select(Match.claim_id).join(Announcement).where(
            Match.decision == "proposed", Match.band == "review", Announcement.published <= as_of)))
    per_source = {}
    for row in claims:
        if row.id not in statuses or statuses[row.id] == "retracted":
            continue
        per_source.setdefault(names[row.origin_source_id or row.source_id], []).append(row)
    result = {}
    for name, rows in per_source.items():
        counted = {row.id: fairness.counted_status(statuses[row.id], awaiting_review=row.id in awaiting,
                                                   repeat=row.duplicate_of_id is not None) for row in rows}
        outcomes = [(row, None if counted[row.id] is None else scoring.outcome(counted[row.id], weight))
                    for row in rows]
        hits, resolved = scoring.hit_count([status for status in counted.values() if status], weight)
        brier = scoring.brier_score([(row.confidence, value) for row, value in outcomes
                                     if value is not None and row.confidence is not None])
        leads = [(settled[row.id] - row.published).days for row, _ in outcomes
                 if counted[row.id] in scoring.CONFIRMATIONS]
        result[name] = (len(rows), hits, resolved, brier, scoring.median(leads))
    return result
