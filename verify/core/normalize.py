"""Text normalisation for matching: one canonical form for the many ways people write the same thing.

Rumors and press releases differ in surface form far more than in content: curly quotes, "$7.5B" against
"7.5 billion dollars", "Nvidia Corporation" against "NVIDIA", tweet debris (links, handles, the embed
signature). Matching compares what is left after these differences are removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from verify.core.scripts import CJK, CJK_RUN, cjk_terms, transliterate

STOP_WORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
     "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
     "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
     "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
     "itself", "just", "let", "me", "more", "most", "my", "myself", "no", "nor", "not", "of", "off", "on", "once",
     "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some",
     "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
     "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
     "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
     "rt", "via", "amp", "s", "t"]
)
"""Words too common to say what a text is about. Negations stay in the raw text for denial detection."""

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")

_SIGNATURE = re.compile(
    r"[-\u2014\u2013]+\s*(?P<author>[^\u2014\n]{0,80}?)\s*\(@\w+\)\s+[A-Z][a-z]+\.? \d{1,2},? \d{4}\s*$")
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"@(\w+)")  # also handles glued together: "@a@b"
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")  # zero-width and direction marks
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_RETWEET = re.compile(r"^\s*RT\s+@\w+:?\s*|^\s*RT:?\s+")


def fold(text: str) -> str:
    """Unicode to plain ASCII-like text: NFKC, straight quotes, one dash, letters of other alphabets
    transliterated and accents dropped ("Nestlé" = "Nestle", "Сбербанк" = "Sberbank"); Chinese, Japanese and
    Korean stay as written (`verify.core.scripts`), and so do symbols ("€", "£")."""
    if text.isascii():
        return text  # nothing to fold: the common case, and the matcher folds every text several times
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)
    return transliterate(_DASHES.sub("-", text))


def split_camel(word: str) -> str:
    """'BlackLivesMatter' -> 'Black Lives Matter', so a hashtag matches the words it glues together.

    Words with at most two capitals stay whole: they are usually names ('TikTok', 'OnePlus').
    """
    if sum(c.isupper() for c in word) <= 2:
        return word
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word)


def split_words(word: str) -> str:
    """Every word glued into a hashtag or handle: 'FakeNews' -> 'Fake News', 'Rob_Rogers' -> 'Rob Rogers',
    'realDonaldTrump' -> 'real Donald Trump', 'Tokyo2020' -> 'Tokyo 2020' (for matching terms only).
    A long piece with no capitals to split at keeps its words beside it: 'krystinamartelli' ->
    'krystinamartelli krystina martelli' (see `glued_words`)."""
    word = word.replace("_", " ")
    word = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", word)
    word = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", word)
    return " ".join(piece for part in word.split() for piece in (part, *glued_words(part)))


GLUED_MIN = 8  # shorter pieces are nearly always one word ("Brexit", "antifa")


@lru_cache(maxsize=65536)  # the same hashtags recur across posts; a segmentation costs ~0.5 ms
def glued_words(piece: str) -> tuple[str, ...]:
    """The words of a piece typed without spaces or capitals ('fyrefestival' -> ('fyre', 'festival')), by
    wordsegment's English word and word-pair frequencies; () when it reads as one word. Measured on CLEF
    CheckThat! 2A train: R@5 0.915 -> 0.918 ('#krystinamartelli', '#exumaairport' found their checks)."""
    if len(piece) < GLUED_MIN or not piece.isalpha():
        return ()
    words = _segmenter()(piece)
    return tuple(words) if len(words) > 1 and min(map(len, words)) > 1 else ()


@lru_cache(maxsize=1)
def _segmenter():
    """wordsegment's tables load once per process, and only when a text has a long glued piece (~0.25 s,
    ~90 MB): most announcements never need them."""
    import wordsegment

    wordsegment.load()
    return wordsegment.segment


def strip_noise(text: str, *, keep_names: bool = False) -> str:
    """Remove what social posts add around the claim: the embed signature, links, @handles, '#', 'RT'.

    Hashtag words are kept (split at capitals): '#TikTokBan' carries the claim's subject. With
    `keep_names` (the terms that match texts, not the entities), handles become the words they glue together
    and the signature keeps its author's name: a fact check is often about who posted
    ("— Corey Feldman (@Corey_Feldman) March 28, 2018" is checked as "Corey Feldman was stabbed"), and
    hashtags are split fully ("#FakeNews" -> "Fake News").
    """
    # Each pattern is run only on a text holding what every match of it holds ("(@", "@", "#", "RT", a link's
    # "//", "www." or "twitter.com/"): most texts are plain prose, and these scans were a third of reading one.
    text = fold(text).rstrip()
    if "(@" in text:
        author = " "
        signature = _SIGNATURE.search(text)
        if signature and keep_names:
            author = f" {signature['author'].strip(' .')} "
        text = _SIGNATURE.sub(author, text)
    if "//" in text or "www." in text.lower() or "twitter.com/" in text.lower():
        text = _URL.sub(" ", text)
    if "RT" in text:
        text = _RETWEET.sub("", text)
    if "@" in text:
        text = _HANDLE.sub((lambda m: f" {split_words(m.group(1))} ") if keep_names else " ", text)
    if "#" in text:
        text = _HASHTAG.sub(lambda m: (split_words if keep_names else split_camel)(m.group(1)), text)
    return " ".join(text.split())  # (`str.split` and `re`'s \s know the same whitespace)


# --- amounts ---------------------------------------------------------------------------------------------

_CURRENCY_WORDS = {
    "us$": "usd", "$": "usd", "usd": "usd", "dollar": "usd", "dollars": "usd", "us dollars": "usd",
    "€": "eur", "eur": "eur", "euro": "eur", "euros": "eur",
    "£": "gbp", "gbp": "gbp", "pound": "gbp", "pounds": "gbp", "pounds sterling": "gbp",
    "¥": "jpy", "jpy": "jpy", "yen": "jpy", "yuan": "cny", "cny": "cny", "rmb": "cny",
    "inr": "inr", "rupee": "inr", "rupees": "inr", "rs": "inr", "rs.": "inr",
}
_SCALES = {"k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "million": 10**6,
           "b": 10**9, "bn": 10**9, "billion": 10**9, "t": 10**12, "tn": 10**12, "trillion": 10**12}
AMOUNT = re.compile(  # an amount as English writes it: "$7.5B", "US$7,500 million", "10 billion yuan"
    r"(?<![\w.])(?P<pre>US\$|\$|€|£|¥|(?:USD|EUR|GBP|JPY|CNY|RMB|INR|Rs\.?)\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<letter>[kKmMbBtT]|bn|mn|tn|Bn|Mn)\b|\s?-?(?P<word>thousand|million|billion|trillion|mln)\b)?"
    r"(?:\s(?P<suf>(?:US |U\.S\. )?dollars?|euros?|pounds(?: sterling)?|yuan|yen|rupees?|USD|EUR|GBP|JPY|CNY|RMB)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """A number found in text, with its currency if any; `surface` is how the text wrote it."""

    value: Decimal
    currency: str  # "" for plain numbers
    surface: str

    @property
    def token(self) -> str:
        """The canonical token: 'usd:7500000000' for money, '7500000000' for a scaled plain number."""
        number = format(self.value.normalize(), "f")
        return f"{self.currency}:{number}" if self.currency else number


def _currency(pre: str | None, suf: str | None) -> str:
    for part in (pre, suf):
        if part:
            key = _SPACES.sub(" ", part.strip().lower()).replace("u.s. ", "us ").replace("us dollar", "dollar")
            return _CURRENCY_WORDS.get(key, _CURRENCY_WORDS.get(key.rstrip("."), ""))
    return ""


def _amount_from(match: re.Match) -> Amount | None:
    pre, suf, letter, word = match["pre"], match["suf"], match["letter"], match["word"]
    currency = _currency(pre, suf)
    if letter and not currency:
        return None  # "10m" is ten metres, "5G" a network: only "$10m" is money
    if not currency and not word:
        return None
    try:
        value = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:
        return None
    scale = (letter or word or "").lower()
    value *= _SCALES.get(scale, 1)
    return Amount(value=value, currency=currency, surface=match.group(0).strip())


def find_amounts(text: str) -> list[Amount]:
    """Money and scaled numbers in the text, in order ("$3.2 billion", "7,500 million yuan")."""
    return [amount for amount, _, _ in amounts_with_spans(fold(text))]


def amounts_with_spans(folded: str) -> list[tuple[Amount, int, int]]:
    """`find_amounts` over text already folded, each with where it starts and ends: the words around an
    amount say what it counts (per share, a month, "more than")."""
    found = ((_amount_from(m), m.start(), m.end()) for m in AMOUNT.finditer(folded))
    return [(amount, start, end) for amount, start, end in found if amount is not None]


def canonical_amounts(text: str) -> str:
    """Replace each amount by its canonical token, so "$7.5B" and "US$7,500 million" read the same."""

    def replace(match: re.Match) -> str:
        amount = _amount_from(match)
        return f" {amount.token} " if amount else match.group(0)

    return AMOUNT.sub(replace, text) if _DIGIT.search(text) else text  # every amount has a digit


# --- names -----------------------------------------------------------------------------------------------

_SUFFIX_ANY_CASE = r"Inc|Incorporated|Corp|Corporation|Ltd|Limited|GmbH|plc|LLC|L\.L\.C|Holdings|Co\.,? Ltd"
_SUFFIX_CASED = r"Co|AG|S\.A|SA|SE|N\.V|NV|Pty|LP|S\.p\.A|SpA|KK|K\.K|AB|ASA|Oyj"
_COMPANY_SUFFIX = re.compile(
    rf"(?<=[A-Za-z0-9&)])(?:,?\s+(?:(?i:{_SUFFIX_ANY_CASE})|(?:{_SUFFIX_CASED}))\.?)+(?=[\s,;:!?)'\"]|$|\.)"
)
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)", re.IGNORECASE)


# Every legal form stripped comes right after a space and is followed by a stop, a space or the end: a text
# without one such (most texts) is not scanned position by position with the lookbehind. Measured on 40,000
# synthetic announcements: 2.5 -> 1.3 µs a text (the rumor texts of the development set: 7.3 -> 3.9).
_SUFFIX_AFTER_SPACE = re.compile(rf"\s(?:(?i:{_SUFFIX_ANY_CASE})|(?:{_SUFFIX_CASED}))(?=[\s,;:!?)'\".]|$)")


def strip_company_suffixes(text: str) -> str:
    """'Nvidia Corporation' -> 'Nvidia', 'Siemens AG' -> 'Siemens': the legal form never tells companies apart."""
    return _COMPANY_SUFFIX.sub("", text) if _SUFFIX_AFTER_SPACE.search(text) else text


def strip_possessives(text: str) -> str:
    """"TikTok's" -> "TikTok", "users'" -> "users"."""
    return _POSSESSIVE.sub("", text) if "'" in text else text


# --- tokens ----------------------------------------------------------------------------------------------

_TOKEN = re.compile(rf"[a-z]{{3}}:\d+(?:\.\d+)?|[a-z0-9]+|[{CJK}]+")


@lru_cache(maxsize=65536)  # a newsroom's vocabulary is small: an archive's import stems the same words again
def stem(token: str) -> str:
    """A light English stemmer (plurals, -ed, -ing, final e) so "acquires", "acquired", "acquire" agree.

    Deliberately weak: a strong stemmer merges product names and brands.
    """
    if len(token) <= 3 or not token.isalpha():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ss", "us", "is")):
        return token
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)]
            break
    return token.rstrip("e") if len(token) > 3 else token


def normalize(text: str) -> str:
    """The whole pipeline as one lower-case string: noise, Unicode, amounts, legal suffixes, possessives."""
    text = strip_noise(text, keep_names=True)
    text = canonical_amounts(text)
    text = strip_company_suffixes(text)
    text = strip_possessives(text)
    if text.isascii():  # no Chinese, Japanese or Korean to split into terms: a fifth of the time saved
        return " ".join(_TOKEN.findall(text.lower()))
    return " ".join(term for token in _TOKEN.findall(text.lower())
                    for term in (cjk_terms(token) if CJK_RUN.match(token) else (token,)))


def terms_of(normal: str) -> list[str]:
    """The matching tokens of a text already normalised (`normalize`): stop words dropped, lightly stemmed."""
    return [stem(w) for w in normal.split() if w not in STOP_WORDS]


def tokenize(text: str, *, keep_stop_words: bool = False, stemmed: bool = True) -> list[str]:
    """Matching tokens of a text, in order: normalised, stop words dropped, lightly stemmed."""
    if stemmed and not keep_stop_words:
        return terms_of(normalize(text))
    words = normalize(text).split()
    if not keep_stop_words:
        words = [w for w in words if w not in STOP_WORDS]
    return [stem(w) for w in words] if stemmed else words
