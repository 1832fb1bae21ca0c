"""Chinese and Japanese text shares terms with English: the default aliases written in those scripts give their
English names ("特斯拉" -> tesla), and common newsroom words give their English words ("工厂" -> factory)."""

import pytest

from verify.core.normalize import tokenize
from verify.core.scripts import cjk_terms


@pytest.mark.parametrize(("text", "english"), [
    ("特斯拉将在柏林建设新工厂", {"tesla", "build", "factory"}),
    ("日産が新型電気自動車を発表", {"nissan", "electric", "vehicl", "announc"}),
    ("苹果公司拟以30亿美元收购一家芯片公司", {"appl", "acquir", "chip", "company"}),
    ("蚂蚁集团暂缓上市", {"ant", "group", "list", "ipo"}),
    ("ソニーの新型ゲーム機", {"sony", "consol", "new"}),
])
def test_names_and_common_words_in_chinese_or_japanese_give_english_terms(text, english):
    assert english <= set(tokenize(text))


def test_english_text_gets_no_glosses():
    assert tokenize("Tesla will build a new factory") == ["tesla", "build", "new", "factory"]


def test_a_name_that_romanises_to_its_english_name_gives_it_once():
    assert cjk_terms("华为") == ["华为", "huawei"]


def test_a_chinese_claim_and_its_english_announcement_now_share_their_content_words():
    claim = set(tokenize("消息称，特斯拉已与市政府达成协议，将在美国以外建设首家工厂"))
    release = set(tokenize("Tesla signs an agreement with the city government to build its first factory "
                           "outside the United States"))
    assert {"tesla", "agreement", "government", "build", "first", "factory", "outsid"} <= claim & release
