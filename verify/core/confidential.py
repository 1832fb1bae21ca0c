"""Confidential sources: the one pseudonym rule, the identity of a name however it is typed, and redaction.

A confidential source's public name is "Confidential source #N" where N is the source's id: its place in
the order sources were created, which says nothing of the name (never an alphabetical rank). Lists of
pseudonyms sort by that number too.

`identity_key` is what makes "Jane Doe", "JANE DOE", "Jané Doe", "Jane\u200b Doe" and "Ｊａｎｅ Doe" one
person: compatibility-normalised (full-width letters become plain ones), accents and other combining marks
dropped, invisible format characters (zero-width spaces, joiners, soft hyphens) removed, case folded,
punctuation and runs of spaces made one space.

`redact` finds such a name inside any text, however it is spelled there, and puts the pseudonym in its
place; the text around it is kept exactly as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

PSEUDONYM_PREFIX = "Confidential source #"
_PSEUDONYM = re.compile(rf"^{re.escape(PSEUDONYM_PREFIX)}(\d+)$")


def pseudonym(source_id: int) -> str:
    """A confidential source's public name: numbered by creation order, never by anything in the name."""
    return f"{PSEUDONYM_PREFIX}{int(source_id)}"


def source_label(name: str, confidential: bool, source_id: int, *, reveal: bool) -> str:
    """The name to show: the real one to those who may see it, else the pseudonym of a confidential source."""
    return name if reveal or not confidential else pseudonym(source_id)


def is_pseudonym(label: object) -> bool:
    """Whether a shown label is a pseudonym (what `pseudonym` makes), not a name."""
    return isinstance(label, str) and _PSEUDONYM.match(label) is not None


def label_sort_key(label: str) -> tuple:
    """Sort labels with pseudonyms by their number (after the named sources), never by a hidden name."""
    found = _PSEUDONYM.match(label or "")
    return (1, int(found.group(1)), "") if found else (0, 0, identity_key(label or ""))


def _fold_char(char: str) -> str:
    """One character as it counts for identity: '' (invisible or a mark), ' ' (a separator) or letters."""
    if unicodedata.category(char) in {"Cf", "Mn", "Me", "Cc"}:
        return "" if unicodedata.category(char) != "Cc" else " "
    out = []
    for part in unicodedata.normalize("NFKD", char):
        category = unicodedata.category(part)
        if category in {"Cf", "Mn", "Me"}:
            continue
        if part.isalnum():
            out.append(part.casefold())
        else:
            out.append(" ")
    return "".join(out)


def _folded(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, the index of the original character it came from.

    Separators collapse to one space, so "Jane  Doe", "Jane-Doe" and "jane_doe" fold alike.
    """
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            if piece == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(piece)
            origin.append(index)
    return "".join(chars), origin


def identity_key(name: str) -> str:
    """The key under which two spellings of a name are the same source."""
    return _folded(name or "")[0].strip()


@dataclass(frozen=True)
class Hidden:
    """A name to hide and what to show in its place."""

    name: str
    replacement: str


def redact(text: str | None, hidden: Iterable[Hidden]) -> str | None:
    """`text` with every hidden name, however spelled, replaced by its replacement (longest names first)."""
    if not text:
        return text
    keys = sorted(((identity_key(item.name), item.replacement) for item in hidden), key=lambda pair: -len(pair[0]))
    keys = [(key, replacement) for key, replacement in keys if key]
    if not keys:
        return text
    folded, origin = _folded(text)
    spans: list[tuple[int, int, str]] = []
    taken = [False] * len(folded)
    for key, replacement in keys:
        pattern = re.compile(rf"(?<![^\W_]){re.escape(key)}(?![^\W_])")
        for found in pattern.finditer(folded):
            if any(taken[found.start():found.end()]):
                continue
            for position in range(found.start(), found.end()):
                taken[position] = True
            start = origin[found.start()]
            end = origin[found.end() - 1] + 1
            end = _swallow_invisible(text, end)
            spans.append((start, end, replacement))
    if not spans:
        return text
    out, last = [], 0
    for start, end, replacement in sorted(spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def mentions(text: str | None, hidden: Iterable[Hidden]) -> bool:
    """Whether any hidden name appears in `text`, however spelled."""
    return bool(text) and redact(text, hidden) != text


def _swallow_invisible(text: str, end: int) -> int:
    """Combining marks and invisible characters that trail the last letter belong to the name."""
    while end < len(text) and unicodedata.category(text[end]) in {"Cf", "Mn", "Me"}:
        end += 1
    return end
