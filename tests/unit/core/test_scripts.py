"""Every script gives matching terms: other alphabets transliterated, Chinese and Japanese segmented, names
across scripts known to the alias book."""

from datetime import date

import pytest

from verify.core.entities import AliasBook, entity_key
from verify.core.matching import AnnouncementText, ClaimText, MatchSettings, propose_matches
from verify.core.normalize import fold, tokenize
from verify.core.scripts import cjk_terms, transliterate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Straße Øresund Łódź", "Strasse Oresund Lodz"),
        ("Nestlé", "Nestle"),
        ("Сбербанк купит Яндекс", "Sberbank kupit Yandeks"),
        ("Ελλάδα", "Ellada"),
        ("华为 and ソニー stay", "华为 and ソニー stay"),
        ("€5 billion, £3bn, ¥100", "€5 billion, £3bn, ¥100"),  # symbols are not letters: amounts still read
    ],
)
def test_letters_of_every_alphabet_fold_to_ascii_while_chinese_and_japanese_stay(text, expected):
    assert fold(text) == expected


def test_transliteration_leaves_plain_ascii_untouched():
    assert transliterate("Intel to buy Mellanox") == "Intel to buy Mellanox"


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("华为", ["华为", "huawei"]),
        ("小米手机", ["小米", "xiaomi", "米手", "mishou", "手机", "shouji", "phone", "smartphone"]),  # 手机 = phone
        ("月", ["月", "yue"]),
        ("トヨタ", ["トヨタ", "toyota"]),
        ("の", []),  # hiragana is grammar
        ("삼성", ["삼성", "samseong", "samsung"]),  # the alias book's English name
    ],
)
def test_a_chinese_or_japanese_run_gives_its_pairs_and_their_romanisation(run, expected):
    assert cjk_terms(run) == expected


def test_a_chinese_claim_has_terms_beyond_its_model_numbers():
    terms = tokenize("消息称，华为Mate 60将于下月发布", stemmed=False)
    assert {"华为", "huawei", "发布", "mate", "60"} <= set(terms)


def test_a_cyrillic_claim_has_terms():
    assert tokenize("Сбербанк купит Яндекс") == ["sberbank", "kupit", "yandek"]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("据报道，特斯拉将在上海建厂", "tesla"),
        ("日産自動車とホンダが協議", "nissan"),
        ("Сбербанк и Яндекс", "yandex"),
        ("삼성전자 신제품", "samsung"),
        ("腾讯将收购", "tencent"),
    ],
)
def test_the_default_alias_book_knows_company_names_in_other_scripts(text, key):
    assert key in {entity.key for entity in AliasBook.default().find(text)}


def test_an_alias_in_another_script_can_be_added_by_hand():
    book = AliasBook({"Contoso": ["康拓索"]})
    assert [entity.key for entity in book.find("康拓索将发布新手机")] == ["contoso"]
    assert entity_key("康拓索") == "康拓索"


def test_a_chinese_rumor_finds_the_english_announcement_that_confirms_it():
    rumor = ClaimText(1, "消息人士称，腾讯正洽谈收购一家欧洲游戏公司，交易最快下周宣布。", date(2023, 3, 1))
    confirmation = AnnouncementText(10, "Tencent agrees to acquire a European game studio", date(2023, 3, 8))
    decoy = AnnouncementText(11, "Contoso opens a new office in Paris", date(2023, 3, 8))
    found = propose_matches([rumor], [confirmation, decoy], settings=MatchSettings(review_threshold=0.0))
    assert [p.announcement_id for p in found][:1] == [10]


def test_an_alias_that_is_a_single_letter_once_its_legal_suffix_goes_is_not_looked_for_bare():
    book = AliasBook({"Twitter": ["X Corp"]})
    assert book.find("The ROG Xbox Ally X handheld ships in October") == []
    assert book.canonical("X Corp") == "twitter"
