"""Time words in other languages, glossed into the English the time rules read.

Why a gloss and not a second set of rules: "Anfang nächsten Jahres", "a principios del año que viene" and
"明年年初" all mean "early next year", and the English layer already knows what that is (and composes it
with "by", "before", "the end of"). Each language is a table of (pattern, replacement); ``gloss`` replaces
what matches (the longest match where two overlap) and keeps a map back to the original text, so a
window still quotes the reporter's own words. Chinese and Japanese tables are in ``timecjk``.

Numeric dates are left as written; ``DATE_ORDERS`` says how the language orders day and month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Rule = tuple[str, str | Callable[[re.Match], str]]

DATE_ORDERS = {"en": "MDY", "de": "DMY", "fr": "DMY", "es": "DMY", "zh": "YMD", "ja": "YMD"}
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS_EN = ("first", "second", "third", "fourth")


@dataclass(frozen=True)
class Glossed:
    text: str  # the English gloss
    pieces: tuple[tuple[int, int, int, int], ...]  # (original begin, end, gloss begin, end) of each replacement

    def original(self, begin: int, end: int) -> tuple[int, int]:
        """The original span behind a span of the gloss (a replacement touched maps to all of it)."""
        return self._map(begin, at_end=False), self._map(end, at_end=True)

    def _map(self, position: int, at_end: bool) -> int:
        shift = 0
        for o_begin, o_end, g_begin, g_end in self.pieces:
            if g_begin < position < g_end or (position == g_begin and not at_end and g_begin < g_end) or (
                    position == g_end and at_end and g_begin < g_end):
                return o_end if at_end else o_begin
            if g_end <= position:
                shift = o_end - g_end
        return position + shift


def gloss(text: str, language: str) -> Glossed:
    """``text`` with the time words of ``language`` replaced by English ones."""
    found = []
    for rank, (pattern, replacement) in enumerate(compiled(language)):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), rank, match, replacement))
    chosen: list[tuple[int, int, str]] = []
    for begin, end, _rank, match, replacement in sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0])):
        if all(end <= b or begin >= e for b, e, _ in chosen):
            chosen.append((begin, end, replacement(match) if callable(replacement) else replacement))
    out, pieces, at = [], [], 0
    for begin, end, english in sorted(chosen):
        out.append(text[at:begin])
        g_begin = sum(map(len, out))
        out.append(english)
        pieces.append((begin, end, g_begin, g_begin + len(english)))
        at = end
    out.append(text[at:])
    return Glossed("".join(out), tuple(pieces))


def words(table: dict[str, str]) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, table), key=len, reverse=True)) + ")"


def lookup(table: dict[str, str], word: str | None) -> str:
    return table.get((word or "").lower(), word or "")


def template(text: str, **tables: dict[str, str]) -> Callable[[re.Match], str]:
    """A replacement that fills ``{group}`` with the group translated by the table of the same name."""
    def fill(match: re.Match) -> str:
        values = {k: lookup(tables.get(k.rstrip("0123456789"), {}), v) if v else ""
                  for k, v in match.groupdict().items()}
        return re.sub(r"\s+", " ", text.format(**values)).strip()
    return fill


def month_names(names: str) -> dict[str, str]:
    """"janvier février ..." (12 names, variants joined by /) -> {name: English month}."""
    return {variant.lower(): ENGLISH_MONTHS[i] for i, name in enumerate(names.split()) for variant in name.split("/")}


def weekday_names(names: str) -> dict[str, str]:
    return {variant.lower(): ENGLISH_WEEKDAYS[i] for i, name in enumerate(names.split()) for variant in name.split("/")}


NUMBERS = {"zwei": "two", "drei": "three", "vier": "four", "fünf": "five", "sechs": "six", "zehn": "ten",
           "deux": "two", "trois": "three", "quatre": "four", "cinq": "five", "six": "six", "dix": "ten",
           "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five", "seis": "six", "diez": "ten",
           "einen": "one", "einem": "one", "un": "one", "une": "one", "uno": "one", "una": "one"}
UNITS = {"tag": "days", "tage": "days", "tagen": "days", "woche": "weeks", "wochen": "weeks", "monat": "months",
         "monate": "months", "monaten": "months", "jahr": "years", "jahre": "years", "jahren": "years",
         "jour": "days", "jours": "days", "semaine": "weeks", "semaines": "weeks", "mois": "months", "an": "years",
         "ans": "years", "année": "years", "années": "years", "día": "days", "días": "days", "semana": "weeks",
         "semanas": "weeks", "mes": "months", "meses": "months", "año": "years", "años": "years"}
# "autumn", never "fall": the English rules read a bare "fall" as the verb.
SEASONS = {"frühjahr": "spring", "frühling": "spring", "sommer": "summer", "herbst": "autumn", "winter": "winter",
           "printemps": "spring", "été": "summer", "automne": "autumn", "hiver": "winter",
           "primavera": "spring", "verano": "summer", "otoño": "autumn", "invierno": "winter"}
ORDINAL = {"ersten": "first", "erste": "first", "zweiten": "second", "zweite": "second", "dritten": "third",
           "dritte": "third", "vierten": "fourth", "vierte": "fourth", "letzten": "fourth",
           "premier": "first", "première": "first", "1er": "first", "deuxième": "second", "second": "second",
           "seconde": "second", "troisième": "third", "quatrième": "fourth",
           "primer": "first", "primero": "first", "segundo": "second", "tercer": "third", "tercero": "third",
           "cuarto": "fourth"}
PART = {"anfang": "early", "beginn": "early", "mitte": "mid", "ende": "late", "début": "early", "mi": "mid",
        "fin": "late", "principios": "early", "comienzos": "early", "mediados": "mid", "finales": "late",
        "final": "late", "fines": "late"}

DE_MONTHS = month_names("Januar/Jänner/Jan. Februar/Feb. März April/Apr. Mai Juni Juli August/Aug. "
                        "September/Sept./Sep. Oktober/Okt. November/Nov. Dezember/Dez.")
DE_DAYS = weekday_names("Montag Dienstag Mittwoch Donnerstag Freitag Samstag/Sonnabend Sonntag")
FR_MONTHS = month_names("janvier février/fevrier mars avril mai juin juillet août/aout septembre octobre "
                        "novembre décembre/decembre")
FR_DAYS = weekday_names("lundi mardi mercredi jeudi vendredi samedi dimanche")
ES_MONTHS = month_names("enero febrero marzo abril mayo junio julio agosto septiembre/setiembre octubre "
                        "noviembre diciembre")
ES_DAYS = weekday_names("lunes martes miércoles/miercoles jueves viernes sábado/sabado domingo")
NUM = r"(?P<n>\d{1,3}|" + words(NUMBERS) + r")"


def _common(months: dict[str, str], days: dict[str, str]) -> dict[str, dict[str, str]]:
    return {"m": months, "d": days, "s": SEASONS, "o": ORDINAL, "p": PART, "n": NUMBERS, "u": UNITS}


def _german() -> list[Rule]:
    t = _common(DE_MONTHS, DE_DAYS)
    mon, day, season, ordinal = words(DE_MONTHS), words(DE_DAYS), words(SEASONS), words(ORDINAL)
    unit = r"(?P<u>Tagen?|Tage|Wochen?|Monaten?|Monate|Jahren?|Jahre)"
    return [
        (rf"\b(?P<a>\d{{1,2}})\.\s*(?P<m>{mon})(?:\s+(?P<y>\d{{4}}))?", template("{a} {m} {y}", **t)),
        (rf"\b(?P<p>Anfang|Beginn|Mitte|Ende)\s+(?P<m>{mon}|\d{{4}})\b", template("{p} {m}", **t)),
        (r"\b(?P<p>Anfang|Beginn|Mitte|Ende)\s+(?:des\s+)?(?:nächsten|kommenden)\s+Jahres\b",
         template("{p} next year", **t)),
        (r"\b(?:(?:Ende|Schluss)\s+(?:des|dieses|diesen)\s+Jahres|Jahresende)\b", "the end of the year"),
        (r"\b(?:Anfang|Beginn)\s+(?:des|dieses|diesen)\s+Jahres\b", "the beginning of the year"),
        (r"\bMitte\s+(?:des|dieses|diesen)\s+Jahres\b", "the middle of the year"),
        (r"\b(?:im\s+)?(?:nächsten|kommenden)\s+Jahr(?:es)?\b|\b(?:nächstes|kommendes)\s+Jahr\b", "next year"),
        (r"\b(?:in\s+)?(?:diesem|dieses|diesen)\s+Jahr(?:es)?\b", "this year"),
        (r"\bübernächste[n]?\s+Woche\b", "the week after next"),
        (r"\b(?:nächste|kommende)[n]?\s+Woche\b", "next week"),
        (r"\b(?:diese[rn]?)\s+Woche\b", "this week"),
        (r"\b(?:nächste|kommende)[nm]?\s+Monat\b", "next month"),
        (r"\b(?:diese[nm]?|dieses)\s+Monats?\b", "this month"),
        (rf"\b(?:im\s+)(?P<o>{ordinal})\s+Quartal\b", template("in the {o} quarter", **t)),
        (rf"\b(?P<o>{ordinal})\s+Quartal\b", template("the {o} quarter", **t)),
        (rf"\b(?:im\s+)(?P<o>{ordinal})\s+(?:Halbjahr|Jahreshälfte|Hälfte)\b", template("in the {o} half", **t)),
        (rf"\b(?P<o>{ordinal})\s+(?:Halbjahr|Jahreshälfte|Hälfte)\b", template("the {o} half", **t)),
        (rf"\b(?:im|in\s+diesem)\s+(?P<s>{season})\b", template("in {s}", **t)),
        (rf"\b(?:im\s+)?(?:nächsten|kommenden)\s+(?P<s>{season})\b", template("next {s}", **t)),
        (rf"\b(?:(?:das|dem|den)\s+)?(?P<s>{season})\b", template("{s}", **t)),
        (rf"\b(?:am\s+)?(?:nächsten|kommenden)\s+(?P<d>{day})\b", template("next {d}", **t)),
        (rf"\bam\s+(?P<d>{day})\b", template("on {d}", **t)),
        (rf"\b(?P<d>{day})\b", template("{d}", **t)),
        (rf"\b(?:im|in|ab)\s+(?P<m>{mon})", template("in {m}", **t)),
        (rf"\b(?P<m>{mon})(?=\s+\d{{4}})", template("{m}", **t)),
        (rf"\binnerhalb\s+(?:von\s+|der\s+)?(?:nächsten\s+)?{NUM}?\s*{unit}", template("within {n} {u}", **t)),
        (rf"\bin\s+den\s+(?:kommenden|nächsten)\s+{NUM}?\s*{unit}", template("in the coming {n} {u}", **t)),
        (rf"\bin\s+(?:wenigen|ein\s+paar)\s+{unit}", template("within {u}", **t)),
        (rf"\bvor\s+{NUM}\s+{unit}", template("{n} {u} ago", **t)),
        (rf"\bin\s+{NUM}\s+{unit}", template("in {n} {u}", **t)),
        (r"\bspätestens(?:\s+(?:im|am|bis|zum|in))?\b|\bbis\s+spätestens\b", "no later than"),
        (r"\bbis\s+(?:zum|zur)\b|\bbis\b", "by"),
        (r"\b(?:vor|noch\s+vor)\b", "before"),
        (r"\bWeihnachten\b", "Christmas"), (r"\bOstern\b", "Easter"),
        (r"(?-i:\bübermorgen\b)", "the day after tomorrow"), (r"(?-i:\bmorgen\b)", "tomorrow"),
        (r"\bheute\b", "today"), (r"\bgestern\b", "yesterday"),
        (r"\b(?:wurden?|waren?|hatten?)\b", "was"), (r"\bdass\b", "that"),
        (r"\b(?:an\s+)?(?:diese[mn]|am)\s+Wochenende\b", "this weekend"),
        (r"\b(?:am\s+)?(?:nächsten|kommenden)\s+Wochenende\b", "next weekend"),
        (r"\b(?:in\s+der|für\s+die)\s+(?:nächsten|kommenden)\s+Saison\b", "for next season"),
    ]


def _french() -> list[Rule]:
    t = _common(FR_MONTHS, FR_DAYS)
    mon, day, ordinal = words(FR_MONTHS), words(FR_DAYS), words(ORDINAL)
    season = r"(?P<s>printemps|été|automne|hiver)"
    unit = r"(?P<u>jours?|semaines?|mois|ans?|années?)"
    year_word = r"(?:l['’]année|l['’]an|année)"
    return [
        (rf"\b(?:le\s+)?(?P<a>\d{{1,2}}|1er)\s+(?P<m>{mon})(?:\s+(?P<y>\d{{4}}))?", template("on {a} {m} {y}", **t)),
        (rf"\b(?:d['’]ici|avant)\s+(?:à\s+)?(?:la\s+)?fin\s+(?:de\s+)?(?:{year_word}|d['’]année)",
         "by the end of the year"),
        (rf"\b(?:en\s+|à\s+la\s+|la\s+)?fin\s+(?:de\s+)?(?:{year_word}|d['’]année)", "the end of the year"),
        (rf"\b(?:en\s+|au\s+)?début\s+(?:de\s+)?(?:{year_word}|d['’]année)", "the beginning of the year"),
        (rf"\b(?:à\s+la\s+|en\s+|au\s+)?(?P<p>début|mi|fin)[\s-]+(?P<m>{mon}|\d{{4}})\b", template("{p} {m}", **t)),
        (rf"\b{year_word}\s+prochaine?\b|\bl['’]an\s+prochain\b", "next year"),
        (r"\bcette\s+année\b", "this year"),
        (r"\b(?:la\s+)?semaine\s+prochaine\b", "next week"), (r"\bcette\s+semaine\b", "this week"),
        (r"\b(?:le\s+)?mois\s+prochain\b", "next month"), (r"\bce\s+mois(?:-ci)?\b", "this month"),
        (rf"\b(?:au|le)\s+(?P<o>{ordinal})\s+trimestre\b", template("in the {o} quarter", **t)),
        (rf"\b(?:au|le)\s+(?P<o>{ordinal})\s+semestre\b", template("in the {o} half", **t)),
        (rf"\b(?P<o>{ordinal})\s+trimestre\b", template("the {o} quarter", **t)),
        (rf"\b(?P<o>{ordinal})\s+semestre\b", template("the {o} half", **t)),
        (rf"\b(?:au|le|l['’])\s*{season}\s+prochain\b", template("next {s}", **t)),
        (rf"\b(?:cet|ce)\s+{season}", template("this {s}", **t)),
        (rf"\b(?:au|en|à\s+l['’]|l['’])\s*{season}(?:\s+(?P<y>\d{{4}}))?", template("in {s} {y}", **t)),
        (rf"\b{season}\s+(?P<y>\d{{4}})", template("{s} {y}", **t)),
        (rf"\b(?:dès\s+|ce\s+)?(?P<d>{day})\s+prochain\b", template("next {d}", **t)),
        (rf"\b(?:dès\s+|le\s+)?(?P<d>{day})\b", template("on {d}", **t)),
        (rf"\b(?:en|dès|avant|d['’]ici)\s+(?P<m>{mon})\b", template("in {m}", **t)),
        (rf"\b(?P<m>{mon})(?=\s+\d{{4}})", template("{m}", **t)),
        (rf"\bdans\s+les\s+(?:prochaine?s|{NUM}\s+prochaine?s)\s+{unit}", template("in the coming {n} {u}", **t)),
        (rf"\bd['’]ici\s+(?:quelques|peu\s+de)\s+{unit}", template("within {u}", **t)),
        (rf"\b(?:d['’]ici|sous|en\s+moins\s+de)\s+{NUM}\s+{unit}", template("within {n} {u}", **t)),
        (rf"\bdans\s+{NUM}\s+{unit}", template("in {n} {u}", **t)),
        (r"\bd['’]ici\b|\bau\s+plus\s+tard\s+(?:en|le|à)\b", "by"), (r"\bavant\b", "before"),
        (r"\bNoël\b", "Christmas"), (r"\bPâques\b", "Easter"),
        (r"\bdemain\b", "tomorrow"), (r"\baujourd['’]hui\b", "today"), (r"\bhier\b", "yesterday"),
        (r"\b(?:a|ont|avait|avaient)\s+été\b|\bétait\b", "was"), (r"\bque\b|\bqu['’]", "that "),
        (r"\bce\s+week-?end\b", "this weekend"), (r"\ble\s+week-?end\s+prochain\b", "next weekend"),
        (r"\b(?:pour\s+)?la\s+saison\s+prochaine\b", "for next season"),
    ]


def _spanish() -> list[Rule]:
    t = _common(ES_MONTHS, ES_DAYS)
    mon, day, ordinal = words(ES_MONTHS), words(ES_DAYS), words(ORDINAL)
    season = r"(?P<s>primavera|verano|otoño|invierno)"
    unit = r"(?P<u>días?|semanas?|mes|meses|años?)"
    return [
        (rf"\b(?:el\s+)?(?P<a>\d{{1,2}})\s+de\s+(?P<m>{mon})(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?",
         template("on {a} {m} {y}", **t)),
        (r"\b(?:para|antes\s+de)\s+(?:el\s+)?(?:finales|final|fin|fines)\s+(?:de|del)\s+(?:este\s+)?año\b",
         "by the end of the year"),
        (r"\b(?:a|en)\s+(?:los\s+)?(?:finales|final|fin|fines)\s+(?:de|del)\s+(?:este\s+)?año\b",
         "at the end of the year"),
        (r"\b(?:a|en)\s+(?:los\s+)?(?:principios|comienzos|inicios)\s+(?:de|del)\s+(?:este\s+)?año\b",
         "at the beginning of the year"),
        (r"\ba\s+mediados\s+(?:de|del)\s+(?:este\s+)?año\b", "in the middle of the year"),
        (r"\b(?:a|para)\s+(?:los\s+)?(?P<p>principios|comienzos|mediados|finales|fines)\s+del\s+(?:próximo\s+año|año\s+que\s+viene)",
         template("{p} next year", **t)),
        (rf"\b(?:a|para)\s+(?:los\s+)?(?P<p>principios|comienzos|mediados|finales|fines)\s+de\s+(?P<m>{mon}|\d{{4}})\b",
         template("{p} {m}", **t)),
        (r"\b(?:el\s+)?(?:próximo\s+año|año\s+que\s+viene|año\s+próximo)\b", "next year"),
        (r"\beste\s+año\b", "this year"),
        (r"\b(?:el\s+)?(?:próximo\s+mes|mes\s+que\s+viene|mes\s+próximo)\b", "next month"),
        (r"\beste\s+mes\b", "this month"),
        (r"\b(?:la\s+)?(?:próxima\s+semana|semana\s+que\s+viene|semana\s+próxima)\b", "next week"),
        (r"\besta\s+semana\b", "this week"),
        (rf"\b(?:en\s+)?el\s+(?P<o>{ordinal})\s+trimestre\b", template("in the {o} quarter", **t)),
        (rf"\b(?:en\s+)?el\s+(?P<o>{ordinal})\s+semestre\b", template("in the {o} half", **t)),
        (rf"\b(?P<o>{ordinal})\s+trimestre\b", template("the {o} quarter", **t)),
        (rf"\b(?P<o>{ordinal})\s+semestre\b", template("the {o} half", **t)),
        (rf"\b(?:el\s+)?(?:próximo\s+{season}|{season.replace('?P<s>', '?P<s1>')}\s+que\s+viene)",
         template("next {s}{s1}", **t)),
        (rf"\best[ea]\s+{season}", template("this {s}", **t)),
        (rf"\b(?:en\s+(?:el\s+|la\s+)?)?{season}(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?", template("in {s} {y}", **t)),
        (rf"\b(?:el\s+)?(?:próximo\s+(?P<d>{day})|(?P<d1>{day})\s+(?:próximo|que\s+viene))",
         template("next {d}{d1}", **t)),
        (rf"\b(?:el\s+)?(?P<d>{day})\b", template("on {d}", **t)),
        (rf"\b(?:en|antes\s+de|hasta)\s+(?P<m>{mon})\b", template("in {m}", **t)),
        (rf"\b(?P<m>{mon})\s+(?:de|del)\s+(?P<y>\d{{4}})", template("{m} {y}", **t)),
        (rf"\ben\s+(?:las|los)\s+(?:próximas|próximos)\s+(?:{NUM}\s+)?{unit}", template("in the coming {n} {u}", **t)),
        (rf"\ben\s+(?:unas|unos|pocas|pocos)\s+{unit}", template("within {u}", **t)),
        (rf"\ben\s+(?:menos\s+de\s+)?{NUM}\s+{unit}|\bdentro\s+de\s+{NUM.replace('?P<n>', '?P<n1>')}\s+"
         rf"{unit.replace('?P<u>', '?P<u1>')}", template("in {n}{n1} {u}{u1}", **t)),
        (r"\bantes\s+(?:de|del)\b", "before"), (r"\bhasta\b", "until"),
        (r"\bNavidad(?:es)?\b", "Christmas"),
        (r"(?<!la\s)(?<!esta\s)(?<!por\s)\bmañana\b", "tomorrow"), (r"\bhoy\b", "today"), (r"\bayer\b", "yesterday"),
        (r"\b(?:fue|fueron|era|había|salió|anunció)\b", "was"), (r"\bque\b", "that"),
        (r"\beste\s+fin\s+de\s+semana\b", "this weekend"),
        (r"\b(?:el\s+)?próximo\s+fin\s+de\s+semana\b", "next weekend"),
        (r"\b(?:para\s+)?la\s+(?:próxima\s+temporada|temporada\s+que\s+viene)\b", "for next season"),
    ]


def _glossaries() -> dict[str, Callable[[], list[Rule]]]:
    from verify.core.time.cjk import chinese, japanese

    return {"de": _german, "fr": _french, "es": _spanish, "zh": chinese, "ja": japanese}


GLOSSARIES = ("de", "fr", "es", "zh", "ja")
_COMPILED: dict[str, list[tuple[re.Pattern, str | Callable[[re.Match], str]]]] = {}


def compiled(language: str) -> list[tuple[re.Pattern, str | Callable[[re.Match], str]]]:
    """The language's rules, compiled on first use (nothing runs at import time)."""
    if language not in _COMPILED:
        rules = _glossaries()[language]()
        _COMPILED[language] = [(re.compile(p, re.IGNORECASE), r) for p, r in rules]
    return _COMPILED[language]
