"""The same actor's other deal is a look-alike, not a partial confirmation: another target, another player."""

from datetime import date

import pytest

from verify.core.matching import AnnouncementText, ClaimText, MatchSettings, score_pair

RUMOR_DAY = date(2023, 3, 1)
LATER = date(2023, 3, 20)


def proposal(rumor: str, statement: str):
    return score_pair(ClaimText(1, rumor, RUMOR_DAY), AnnouncementText(2, statement, LATER),
                      settings=MatchSettings(auto_enabled=True))


@pytest.mark.parametrize(("rumor", "statement"), [
    ("Contoso is in talks to buy Fabrikam for about $2 billion", "Contoso agrees to acquire Northwind Traders"),
    ("Riverside United are preparing a bid for Marco Valli", "Riverside United complete the signing of Tom Brandt"),
    ("Harbor City FC will appoint Elena Ruiz as head coach", "Harbor City FC appoint Paul Grant as head coach"),
])
def test_the_same_actors_deal_with_another_target_is_discarded(rumor, statement):
    found = proposal(rumor, statement)
    assert found.band == "discard" and found.differs.startswith("target:")


@pytest.mark.parametrize(("rumor", "statement"), [
    ("Contoso is in talks to buy Fabrikam", "Contoso agrees to acquire Fabrikam for $2.1 billion"),
    ("Riverside United are preparing a bid for Marco Valli", "Marco Valli joins Riverside United on a four-year deal"),
])
def test_the_same_target_named_either_way_is_no_conflict(rumor, statement):
    assert not (proposal(rumor, statement).differs or "").startswith("target:")


@pytest.mark.parametrize(("rumor", "statement"), [
    ("Exxon Mobil is in talks to acquire Pioneer Natural Resources",
     "ExxonMobil to acquire Pioneer Natural Resources for $59.5 billion"),
    ("Electronic Arts is nearing a deal to be bought by a group of investors",
     "EA enters into a definitive agreement to be acquired by a group of investors"),
])
def test_one_actor_written_spaced_glued_or_as_initials_is_no_conflict(rumor, statement):
    found = proposal(rumor, statement)
    assert found.band != "discard" and not (found.differs or "").startswith(("actor:", "target:"))
