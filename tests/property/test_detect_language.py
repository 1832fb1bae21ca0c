"""`detect_language` counts a text's stop words in one pass and skips the kana and Han searches for ASCII
text, and names the very language the per-language count names, for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from verify.core.language import HAN, KANA, LETTERS, STOP_WORDS, WORD, detect_language

WORDS = sorted({word for stop in STOP_WORDS.values() for word in stop}) + [
    "des", "Xiaomi", "d'ici", "l'année", "compañía", "ça", "über", "straße", "発表", "する", "中国", "公司", "2023",
    "DES", "Die", "—", ",", "'"]
texts = st.one_of(st.text(max_size=120), st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))


def counted_per_language(text: str) -> str:
    """The detection as it was written first: the stop words counted once per language."""
    if KANA.search(text or ""):
        return "ja"
    if len(HAN.findall(text or "")) >= 2:
        return "zh"
    words = WORD.findall((text or "").lower())
    counts = {language: sum(word in stop for word in words) for language, stop in STOP_WORDS.items()}
    for language, letters in LETTERS.items():
        counts[language] += min(2, len(letters.findall(text.lower())))
    best = max(counts, key=lambda language: (counts[language], language == "en"))
    return best if counts[best] > counts["en"] else "en"


@given(texts)
def test_detect_language_names_what_counting_per_language_names(text):
    assert detect_language(text) == counted_per_language(text)


def test_a_word_of_two_languages_counts_for_both():
    assert detect_language("des des des") == counted_per_language("des des des") == "de"  # a tie: first listed
    assert detect_language("le prix des produits") == "fr"
    assert detect_language("Der Preis des Autos") == "de"
