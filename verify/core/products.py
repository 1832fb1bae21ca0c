"""Which product an announcement names against the one a rumor names: a renamed product ("expected to be
called the Zephyr" -> "Aurora"), a re-numbered model ("Phone 8" -> "Phone X", "Windows 9" -> "Windows 10").

Read from the text's own capitalised words, not the alias book: a product not yet announced is in no list.
A model is a product line followed by a number or an edition word ("Galaxy S5", "Watch Pro", "Pixel 7a");
a bare line ("an iPhone for Verizon") names no model, and a more precise announced model ("iPhone 4",
"Windows 8 Pro") is no difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.core.normalize import fold, tokenize
from verify.core.prescan import LazyRuleFilter

_EDITIONS = r"(?:Pro|Ultra|Max|Plus|Mini|Lite|Air|SE|Edge|Fold|Flip|Note|Neo|Slim|Prime|Elite)"
_MODEL = re.compile(
    rf"\b(?P<line>[A-Z][a-z]+[A-Za-z]*|i[A-Z][a-z]+)\s+[\"']?(?P<model>(?:(?:\d{{1,3}}[A-Za-z]{{0,2}}|X[SR]?|[A-Z]\d{{1,3}}[a-z]?)"
    rf"(?:\s+{_EDITIONS})?)|{_EDITIONS})\b[\"']?(?![-.,]?\d|\s*(?:%|percent|per|million|billion|trillion|inch|GB|TB))")
_NOT_LINES = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar",
     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "q1", "q2", "q3", "q4", "the", "a", "an", "and",
     "or", "in", "on", "at", "by", "for", "of", "to", "from", "with", "article", "section", "chapter", "stage", "level",
     "phase", "version", "number", "no", "top", "group", "class", "series", "round", "week", "day", "year", "fiscal",
     "covid", "route", "interstate", "highway"])
_NAMING = re.compile(
    r"\b(?:called|dubbed|named|branded(?: as)?|sold as|marketed as|known as"
    r"|be called|to be named)\s+(?:the\s+)?[\"']?(?P<name>(?:[A-Z][\w-]*|i[A-Z]\w*)(?:\s+(?:[A-Z0-9][\w-]*))*)")
_CODENAME = re.compile(r"\bcode[- ]?(?:named|name[sd]?)\b(?:\s+\S+)?", re.IGNORECASE)  # never launched as is
_LAUNCH = re.compile(
    r"\b(?:unveil(?:s|ed)?|introduc(?:es|ed|ing)|announc(?:es|ed)|launch(?:es|ed)?|debut(?:s|ed)?|reveal(?:s|ed)?"
    r"|present(?:s|ed)?)\s+(?:the\s+|its\s+|a\s+new\s+)?(?P<name>(?:[A-Z][\w-]*|i[A-Z]\w*)"
    r"(?:\s+(?:[A-Z0-9][\w-]*))*)")


@dataclass(frozen=True)
class Models:
    """The models a text names, by product line (lower case): {"iphone": ("8", "X")}, with their surfaces."""

    by_line: dict[str, tuple[str, ...]]
    surfaces: dict[tuple[str, str], str]


_YEAR = re.compile(r"(?:19|20)\d\d")  # a year, not a model number


def models(text: str) -> Models:
    by_line: dict[str, list[str]] = {}
    surfaces: dict[tuple[str, str], str] = {}
    for match in _MODEL.finditer(fold(text)):
        line, model = match["line"].lower(), match["model"].lower()
        if line in _NOT_LINES or _YEAR.fullmatch(model):
            continue
        by_line.setdefault(line, []).append(model)
        surfaces.setdefault((line, model), match.group(0).replace('"', "").replace("'", ""))
    return Models({k: tuple(v) for k, v in by_line.items()}, surfaces)


def _same_model(wanted: str, got: str) -> bool:
    """The announced model is the rumored one, or a more precise form of it ("8" -> "8 pro")."""
    return got == wanted or got.startswith(wanted + " ")


def model_difference(claimed: Models, announced: Models) -> str | None:
    """A rumored model whose line the announcement names only with other models: "Windows 9" vs "Windows 10"."""
    for line, wanted_models in claimed.by_line.items():
        got = announced.by_line.get(line)
        if not got:
            continue
        for wanted in wanted_models:
            if not any(_same_model(wanted, g) for g in got):
                return (f"product: {claimed.surfaces[(line, wanted)]} rumored, "
                        f"{announced.surfaces[(line, got[0])]} announced")
    return None


def _rumored_name(folded: str, *, codename: bool, naming: bool) -> str | None:
    """The name a rumor says a product will carry: "expected to be called the Zephyr" -> "Zephyr" (`folded`:
    the text as `fold` gives it; `codename`, `naming`: whether those patterns may match it, `_PRESCAN`)."""
    if codename:  # (the naming pattern is run on what is left, whatever its words)
        folded, naming = _CODENAME.sub(" ", folded), True
    match = _NAMING.search(folded) if naming else None
    return match["name"] if match else None


def _announced_name(folded: str) -> str | None:
    """The name an announcement launches: "Northwind unveils Aurora, its ..." -> "Aurora"."""
    match = _LAUNCH.search(folded)
    return match["name"] if match else None


# The code-name, naming and launch patterns run only on a text holding the words they need (`prescan`):
# most texts hold none of the first two. Measured on 40,000 synthetic announcements: 8.1 -> 6.9 µs a text
# (the rumor texts of the development set: 17.4 -> 12.6), the same products.
_PRESCAN = LazyRuleFilter([_CODENAME, _NAMING, _LAUNCH])


@dataclass(frozen=True)
class Products:
    """What a text says of products, read once per text: its models, the name a rumor says a product will
    carry, the name an announcement launches."""

    models: Models
    rumored: str | None
    launched: str | None


NO_PRODUCTS = Products(Models({}, {}), None, None)


def products(text: str) -> Products:
    folded = fold(text)
    codename, naming, launch = _PRESCAN.may_match(folded)
    return Products(models(text), _rumored_name(folded, codename=codename, naming=naming),
                    _announced_name(folded) if launch else None)


def product_difference(claimed: Products, announced: Products, claim_terms: frozenset[str],
                       announced_terms: frozenset[str]) -> str | None:
    """A re-numbered model (`model_difference`) or a product launched under another name than the rumored
    one, which the announcement never uses."""
    found = model_difference(claimed.models, announced.models)
    if found or not claimed.rumored or not announced.launched:
        return found
    words = tokenize(claimed.rumored)
    if not words or all(w in announced_terms for w in words) or set(tokenize(announced.launched)) <= claim_terms:
        return None
    return f"product: {claimed.rumored} rumored, {announced.launched} announced"
