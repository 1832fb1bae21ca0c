"""Paragraphs and sentences of an article, as pasted text or as text extracted from a page.

Why not a full NLP tokenizer: the core stays on the standard library, and news prose needs only a few
exceptions ("Inc.", "U.S.", "No. 1", "$7.5B") to split well enough for a person to review.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset({
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
    "mt", "vs", "etc", "approx", "est", "dept", "gen", "gov", "sen", "rep", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "vol", "nos"
})
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9$])")


_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪–—]|\d{1,2}[.)])\s+")


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs in pasted text; extracted HTML has one paragraph a line.

    Lines inside a paragraph are joined, which undoes hard wraps; but a list item ("- ", "2. ") is a line of
    its own, without its marker: lists of links are headlines, and must not run into one another.
    """
    text = text.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    found = []
    for block in blocks:
        lines: list[str] = []
        for line in block.split("\n"):
            if _LIST_ITEM.match(line):
                found.extend(_joined(lines))
                found.extend(_joined([_LIST_ITEM.sub("", line)]))
                lines = []
            else:
                lines.append(line)
        found.extend(_joined(lines))
    return found


def _joined(lines: list[str]) -> list[str]:
    joined = " ".join(" ".join(lines).split())
    return [joined] if joined else []


def sentences(paragraph: str) -> list[str]:
    """Split at sentence ends, but not after "Inc.", "Dr.", "U.S." or "No. 1", nor inside "$7.5B"."""
    pieces, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        if m.group(0)[0] == "." and _is_abbreviation(paragraph[start:m.start()], paragraph[m.end():]):
            continue
        pieces.append(paragraph[start:m.end()].strip())
        start = m.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def _is_abbreviation(before: str, after: str) -> bool:
    word = re.search(r"[\w.]*$", before).group(0).lower()
    if word == "no":
        return after[:1].isdigit()
    return word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]|[a-z]", word) is not None
