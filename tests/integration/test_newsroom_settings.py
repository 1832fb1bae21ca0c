"""The auto band is a newsroom's choice, off by default, recorded with who switched it; even when on,
look-alikes and announcements dated before the rumor are never confirmed without review."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.factories import new_announcement, new_claim
from verify.core.matching import MatchSettings
from verify.db.models import Claim, Event, Match
from verify.errors import InvalidInput
from verify.services import log_claim, run_matcher
from verify.services.announcements import add_announcement_and_match
from verify.services.newsroom import auto_confirm, set_setting, show_settings

CLEAN_RUMOR = "Broadcom is in talks to acquire VMware"
CLEAN_ANNOUNCEMENT = "Broadcom to acquire VMware"


def statuses(sessions):
    with sessions() as session:
        return session.scalars(select(Claim.status)).all()


def test_auto_confirm_is_off_until_someone_switches_it_on(uow, sessions, now):
    with sessions() as session:
        assert auto_confirm(session) is False
        assert auto_confirm(session, default=True) is True  # the environment's default, never chosen
    assert set_setting(uow(), "auto_confirm", "on", actor="chief", now=now) == "on"
    with sessions() as session:
        assert auto_confirm(session, default=False) is True
        event = session.scalars(select(Event).where(Event.kind == "setting_changed")).one()
        assert (event.actor, event.evidence) == ("chief", {"key": "auto_confirm", "before": None, "after": "on"})
    set_setting(uow(), "auto_confirm", "off", actor="deputy", now=now)
    with sessions() as session:
        assert auto_confirm(session, default=True) is False  # a stored choice wins over the default
    shown = show_settings(uow())
    assert (shown[0]["key"], shown[0]["value"], shown[0]["changed_by"]) == ("auto_confirm", "off", "deputy")


def test_unknown_settings_and_values_are_refused(uow, now):
    with pytest.raises(InvalidInput, match="Unknown setting"):
        set_setting(uow(), "auto_publish", "on", actor="chief", now=now)
    with pytest.raises(InvalidInput, match="on or off"):
        set_setting(uow(), "auto_confirm", "maybe", actor="chief", now=now)


def log_clean_pair(uow, now):
    log_claim(uow(), new_claim(text=CLEAN_RUMOR, source="Bloomberg", published=date(2022, 5, 22)),
              actor="ana", now=now)
    return add_announcement_and_match(uow(), new_announcement(text=CLEAN_ANNOUNCEMENT, issuer="Broadcom",
                                                              published=date(2022, 5, 26)), actor="ed", now=now)


def test_with_auto_off_a_confident_pair_is_only_proposed(uow, sessions, now):
    added = log_clean_pair(uow, now)
    assert [row.decision for row in added.follow_up.proposals] == ["proposed"]
    assert statuses(sessions) == ["pending"]


def test_with_auto_on_a_confident_clean_pair_is_confirmed_by_the_matcher_with_evidence(uow, sessions, now):
    set_setting(uow(), "auto_confirm", "on", actor="chief", now=now)
    added = log_clean_pair(uow, now)
    assert [(row.band, row.decision) for row in added.follow_up.proposals] == [("auto", "accepted")]
    assert statuses(sessions) == ["confirmed"]
    with sessions() as session:
        event = session.scalars(select(Event).where(Event.kind == "match_accepted")).one()
        assert event.actor == "verify-matcher" and event.evidence["announcement"]["issuer"] == "Broadcom"
        assert event.effective_on == date(2022, 5, 26)


LOOK_ALIKES = [
    ("Intel is in talks to acquire Mellanox", date(2019, 1, 30), "NVIDIA to acquire Mellanox", date(2019, 3, 11)),
    ("Xiaomi and Leica will launch a co-branded phone in July", date(2022, 3, 28),
     "OnePlus and Hasselblad launch the OnePlus 10 Pro", date(2022, 3, 31)),
    ("Xiaomi and Leica will launch a co-branded phone in July", date(2022, 3, 28),
     "Xiaomi and Leica will launch a co-branded phone in July", date(2022, 3, 1)),
]


@pytest.mark.parametrize(("rumor", "said", "statement", "announced"), LOOK_ALIKES)
def test_a_look_alike_is_never_confirmed_without_review_even_with_auto_on(uow, sessions, now, rumor, said,
                                                                          statement, announced):
    set_setting(uow(), "auto_confirm", "on", actor="chief", now=now)
    log_claim(uow(), new_claim(text=rumor, published=said), actor="ana", now=now)
    add_announcement_and_match(uow(), new_announcement(text=statement, published=announced), actor="ed", now=now)
    run_matcher(uow(), now=now, settings=MatchSettings(auto_enabled=True))
    assert statuses(sessions) == ["pending"]
    with sessions() as session:
        assert session.scalars(select(Match).where(Match.decision == "accepted")).all() == []
