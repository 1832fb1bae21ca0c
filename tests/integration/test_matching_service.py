"""Incremental matching in the product: the same ranking as a full run on small data, only open claims,
rejected pairs never back, and a matching failure never loses what was logged."""

from datetime import date
from importlib.resources import as_file, files

import pytest
from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify import semantic
from verify.core.entities import AliasBook
from verify.core.matching import propose_matches
from verify.db.models import Announcement, Claim, Match
from verify.services import followup as followup_module
from verify.services import (
    import_announcements,
    import_claims,
    log_claim,
    match_announcements,
    match_claims,
    review_match,
    run_matcher,
)
from verify.services.announcements import add_announcement_and_match
from verify.services.claims import log_claim_and_match
from verify.services.matching import announcement_text, claim_text


def load_demo_rows(uow, now, *, claims_first: bool):
    """The demo files, stored without any follow-up, in either order."""
    demo = files("verify") / "demo"
    with as_file(demo / "claims.jsonl") as claims, as_file(demo / "announcements.jsonl") as announcements:
        steps = [(import_claims, claims), (import_announcements, announcements)]
        for importer, path in steps if claims_first else reversed(steps):
            importer(uow(), path, actor="loader", now=now, follow_up=False)


def full_run_rankings(sessions) -> dict[int, list[tuple[int, float]]]:
    """What a full re-match ranks, computed by the pure core over everything stored (with meaning vectors,
    as the product runs it)."""
    with sessions() as session:
        claims = [claim_text(c) for c in session.scalars(select(Claim))]
        announcements = [announcement_text(a) for a in session.scalars(select(Announcement))]
    ranked: dict[int, list[tuple[int, float]]] = {}
    for p in propose_matches(claims, announcements, aliases=AliasBook.default(), top=5, embed=semantic.embed):
        ranked.setdefault(p.claim_id, []).append((p.announcement_id, p.score))
    return ranked


def stored_rankings(sessions, top=5) -> dict[int, list[tuple[int, float]]]:
    with sessions() as session:
        rows = session.execute(select(Match.claim_id, Match.announcement_id, Match.score)
                               .order_by(Match.claim_id, Match.score.desc(), Match.announcement_id)).all()
    ranked: dict[int, list[tuple[int, float]]] = {}
    for claim_id, announcement_id, score in rows:
        ranked.setdefault(claim_id, []).append((announcement_id, score))
    return {claim_id: pairs[:top] for claim_id, pairs in ranked.items()}


def test_announcements_arriving_one_by_one_rank_as_a_full_run(uow, sessions, now):
    load_demo_rows(uow, now, claims_first=True)
    expected = full_run_rankings(sessions)
    with sessions() as session:
        ids = list(session.scalars(select(Announcement.id).order_by(Announcement.id)))
    for announcement_id in ids:
        match_announcements(uow(), [announcement_id], now=now)
    assert expected and stored_rankings(sessions) == expected


def test_claims_arriving_one_by_one_rank_as_a_full_run(uow, sessions, now):
    load_demo_rows(uow, now, claims_first=False)
    expected = full_run_rankings(sessions)
    with sessions() as session:
        ids = list(session.scalars(select(Claim.id).order_by(Claim.id)))
    for claim_id in ids:
        match_claims(uow(), [claim_id], now=now)
    assert expected and stored_rankings(sessions) == expected


def test_the_full_run_stores_what_the_core_ranks(uow, sessions, now):
    load_demo_rows(uow, now, claims_first=True)
    expected = full_run_rankings(sessions)
    run_matcher(uow(), now=now)
    assert stored_rankings(sessions) == expected


def test_top_bounds_the_proposals_kept_per_claim(uow, sessions, now):
    load_demo_rows(uow, now, claims_first=True)
    with sessions() as session:
        ids = list(session.scalars(select(Announcement.id)))
    rows = match_announcements(uow(), ids, now=now, top=1)
    claims = [row.claim for row in rows]
    assert rows and len(claims) == len(set(claims))


def test_logging_a_claim_proposes_the_announcement_that_confirms_it(uow, now):
    add_announcement_and_match(uow(), new_announcement(external_id="leica-pr"), actor="ed", now=now)
    logged = log_claim_and_match(uow(), new_claim(external_id="leica-rumor"), actor="ana", now=now)
    assert [(row.claim, row.announcement) for row in logged.follow_up.proposals] == [("leica-rumor", "leica-pr")]
    assert logged.follow_up.error is None


def test_a_new_announcement_is_checked_against_open_claims_only(uow, sessions, now):
    log_claim(uow(), new_claim(external_id="open"), actor="ana", now=now)
    log_claim(uow(), new_claim(external_id="closed", text="Xiaomi and Leica will team up on a phone in July",
                               source="Other"), actor="ana", now=now)
    from verify.services import retract_claim
    retract_claim(uow(), "closed", actor="ana", now=now, reason="logged by mistake")
    added = add_announcement_and_match(uow(), new_announcement(), actor="ed", now=now)
    assert {row.claim for row in added.follow_up.proposals} == {"open"}


def test_an_announcement_before_the_rumor_is_never_proposed(uow, now):
    log_claim(uow(), new_claim(), actor="ana", now=now)
    added = add_announcement_and_match(uow(), new_announcement(published=date(2022, 1, 5)), actor="ed", now=now)
    assert added.follow_up.proposals == []


def test_a_rejected_pair_is_never_proposed_again_by_any_path(uow, now):
    log_claim(uow(), new_claim(external_id="rumor"), actor="ana", now=now)
    added = add_announcement_and_match(uow(), new_announcement(external_id="pr"), actor="ed", now=now)
    assert added.follow_up.proposals
    review_match(uow(), "rumor", "pr", "reject", actor="ed", now=now, note="another phone")
    with uow() as work:
        claim_id = work.session.scalar(select(Claim.id))
    assert match_claims(uow(), [claim_id], now=now) == []
    assert match_announcements(uow(), [added.id], now=now) == []
    assert run_matcher(uow(), now=now) == []


def test_a_matching_failure_never_loses_the_logged_claim(uow, sessions, now, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(followup_module, "match_claims", broken)
    logged = log_claim_and_match(uow(), new_claim(), actor="ana", now=now)
    assert "matching failed" in logged.follow_up.error and "verify match" in logged.follow_up.error
    with sessions() as session:
        assert session.get(Claim, logged.id).text == new_claim().text


@pytest.mark.parametrize("follow_up", [True, False])
def test_imports_match_the_added_rows_unless_told_not_to(uow, now, tmp_path, follow_up):
    add_announcement_and_match(uow(), new_announcement(), actor="ed", now=now)
    path = tmp_path / "claims.jsonl"
    path.write_text('{"text": "Xiaomi\'s first Leica-branded phone will launch in July", "source": "XDA", '
                    '"published": "2022-03-28", "external_id": "x1"}\n', encoding="utf-8")
    report = import_claims(uow(), path, actor="ana", now=now, follow_up=follow_up)
    assert report.added and bool(report.follow_up.proposals) is follow_up
