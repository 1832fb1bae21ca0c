"""The entities part's ceiling read from an announcement's text alone is never below what the full analysis
gives (a pair skipped on it could otherwise have been shown), and is lower when the firm is absent."""

import pytest

from verify.core.bounds import EntityCeiling
from verify.core.entities import AliasBook
from verify.core.matching import analyse, entity_agreement
from verify.core.normalize import fold

BOOK = AliasBook.default()
BOOK.add("Meta Platforms", ["Facebook", "FB"], kind="org")
BOOK.add("Yandex", ["Яндекс"], kind="org")
BOOK.add("Galaxy S23", ["GS23"], kind="product")
BOOK.add("Nestlé", ["Nestle"], kind="org")


def ceiling_and_truth(claim: str, announcement: str) -> tuple[float, float]:
    ca, aa = analyse(claim, BOOK), analyse(announcement, BOOK)
    return EntityCeiling(BOOK)(ca.entities, fold(announcement).lower()), entity_agreement(ca, aa) or 0.0


@pytest.mark.parametrize(("claim", "announcement"), [
    ("Facebook will buy Giphy next month", "Meta Platforms Inc. completes its acquisition of Giphy"),
    ("Meta to buy Giphy", "FB closes the Giphy deal"),
    ("Nestlé plans to sell its US candy arm", "NESTLE SA agrees the sale of its U.S. confectionery business"),
    ("Yandex will spin off its ride-hailing unit", "Яндекс объявляет о выделении такси"),
    ("Samsung's Galaxy S23 launches in February", "Samsung unveils GS23 and Galaxy S23 Ultra"),
    ("The Galaxy S24 will have a titanium frame", "Samsung introduces the Galaxy S23 with a new camera"),
    ("OnePlus Nord CE 3 coming in July", "#OnePlusNordCE3 is here: meet the new phone"),
    ("Xiaomi's Leica phone launches in July", "Xiaomi and Leica launch the Xiaomi 12S Ultra"),
    ("Nvidia to buy Arm for $40 billion", "NVIDIA Corporation to acquire Arm Limited from SoftBank"),
    ("Tim Cook says Apple will unveil a headset", "@tim_cook: Apple Vision Pro is here"),
    ("小米 will launch a car", "小米汽车正式发布"),
    ("Intel to acquire Mellanox", "Oracle announces a new cloud region in Madrid"),
    ("Apple is expected to introduce a MacBook Air", "Microsoft launches the Surface Laptop"),
])
def test_the_ceiling_is_never_below_the_entities_part_the_analysis_gives(claim, announcement):
    ceiling, truth = ceiling_and_truth(claim, announcement)
    assert ceiling + 1e-9 >= truth


@pytest.mark.parametrize(("claim", "announcement", "highest"), [
    ("Intel to acquire Mellanox", "Oracle announces a new cloud region in Madrid", 0.0),
    ("Intel to acquire Mellanox", "Intel reports record revenue", 50.0),
    ("The Galaxy S24 will have a titanium frame", "Samsung introduces the Galaxy S23 with a new camera", 60.0),
])
def test_the_ceiling_drops_when_the_announcement_does_not_name_the_claims_firms(claim, announcement, highest):
    ceiling, _ = ceiling_and_truth(claim, announcement)
    assert ceiling <= highest


def test_a_claim_naming_nobody_has_no_ceiling_below_the_top():
    assert EntityCeiling(BOOK)([], "anything at all") == 100.0
