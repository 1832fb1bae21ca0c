"""Writing systems: every script becomes matching terms, so a rumor in Cyrillic, Chinese or Japanese is not
invisible to the matcher.

- Letters of alphabetic scripts (Latin with diacritics, Cyrillic, Greek, Arabic, Hebrew, ...) are
  transliterated to ASCII with `anyascii` ("Сбербанк" -> "Sberbank", "Straße" -> "Strasse", "Łódź" ->
  "Lodz"): names written in another alphabet then meet the English press release that names them.
- Chinese and Japanese have no spaces. A run of Han characters gives its character pairs ("小米手机" -> 小米,
  米手, 手机): the words of Chinese are mostly two characters long, so a pair index finds them without a
  dictionary, and a stray pair costs little under BM25. Each pair also gives its pinyin ("xiaomi", "huawei",
  "baidu"): many Chinese brands are known abroad by exactly that. A run of katakana (how Japanese writes
  foreign names) gives itself and its romanisation ("トヨタ" -> "toyota"). Hiragana is grammar (particles,
  endings) and gives nothing. Hangul words are space-separated; each gives itself and its romanisation.
- Names that do not transliterate (特斯拉 is Tesla, 日産 is Nissan) come from the alias book: a Chinese,
  Japanese or Korean alias of the default book (`verify.core.data.world_aliases`) also gives its English
  name's words as terms, and so do the common newsroom words of `verify.core.data.glossary` ("协议" ->
  agreement, "工厂" -> factory): the press release in English shares them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KATAKANA = "\u30a0-\u30ff\u31f0-\u31ff"
_HIRAGANA = "\u3040-\u309f"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
CJK = f"{_HAN}{_KATAKANA}{_HIRAGANA}{_HANGUL}"
CJK_RUN = re.compile(f"[{CJK}]+")
_PIECES = re.compile(f"(?P<han>[{_HAN}]+)|(?P<kana>[{_KATAKANA}]+)|(?P<hangul>[{_HANGUL}]+)|[{_HIRAGANA}]+")


def is_cjk(char: str) -> bool:
    return bool(CJK_RUN.fullmatch(char))


def transliterate(text: str) -> str:
    """ASCII for every letter outside ASCII and outside Chinese, Japanese and Korean, which stay as written
    (they become terms through `cjk_terms`), as do symbols. Accents go ("Nestlé" -> "Nestle")."""
    if text.isascii():
        return text
    return "".join(char if char.isascii() or is_cjk(char) or not _letter(char) else _ascii(char) for char in text)


def _letter(char: str) -> bool:
    """Letters and the accents that go with them; symbols ("€", "£") and punctuation stay as written."""
    return char.isalpha() or unicodedata.combining(char) > 0


@lru_cache(maxsize=4096)
def _ascii(char: str) -> str:
    if unicodedata.combining(char):
        return ""
    return anyascii(char)


def cjk_terms(run: str) -> list[str]:
    """The matching terms of a run of Chinese, Japanese or Korean characters (see the module's notes)."""
    terms: list[str] = []
    for piece in _PIECES.finditer(run):
        text = piece.group(0)
        if piece.group("han"):
            pairs = [text] if len(text) == 1 else [text[i:i + 2] for i in range(len(text) - 1)]
            for pair in pairs:
                terms.append(pair)
                terms.append(_romanised(pair))
        elif piece.group("kana") or piece.group("hangul"):
            terms.append(text)
            terms.append(_romanised(text))
    words, english = _glosses()
    glossed = [word for found in words.finditer(run) for word in english[found.group(0)]]
    terms.extend(word for word in dict.fromkeys(glossed) if word not in terms)  # "华为" gives huawei once
    return [t for t in terms if t]


@lru_cache(maxsize=1)
def _glosses() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """The pattern of the glossary's words and the default aliases written in these scripts, longest first,
    and the English words each gives (read once, at first use)."""
    from verify.core.data.glossary import GLOSSARY
    from verify.core.data.world_aliases import WORLD_ALIASES

    english = {word: tuple(meaning.split()) for word, meaning in GLOSSARY.items()}
    for name, entry in WORLD_ALIASES.items():
        for alias in entry["aliases"]:
            if CJK_RUN.fullmatch(alias):
                english.setdefault(alias, tuple(re.findall(r"[a-z0-9]+", anyascii(name).lower())))
    return re.compile("|".join(sorted(map(re.escape, english), key=len, reverse=True))), english


@lru_cache(maxsize=65536)
def _romanised(text: str) -> str:
    """Lower-case ASCII letters and digits of a transliteration ("XiaoMi" -> "xiaomi"), '' if none."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())
