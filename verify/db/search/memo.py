"""What the matcher may keep between calls in one process: the alias book, and the analyses of texts made
with it.

Both depend only on the stored aliases (and the texts themselves), so they are keyed by the alias rows,
read on every call (a few rows): an alias edit gives a new book at once, and an analysis is looked up by
the text it was made from, so an edited text is analysed afresh. Analysing the ~50 candidate claims of a
new announcement is a third of its matching time; the claims that keep coming up are analysed once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from verify.core.entities import AliasBook, newsroom_alias_book
from verify.core.matching import Analysis, Embed, analyse_all
from verify.db.aliases import stored_aliases

BOOKS = 4  # alias books kept (one per database in practice; tests open many)
ANALYSES = 20_000  # analyses kept per book: about 60 MB with their meaning vectors


class BookMemo:
    """One alias book and the analyses made with it."""

    def __init__(self, book: AliasBook):
        self.book = book
        self._analyses: OrderedDict[tuple[Callable | None, str], Analysis] = OrderedDict()
        self._lock = threading.Lock()

    def analyse_all(self, texts: Sequence[str], embed: Embed | None) -> list[Analysis]:
        """`analyse_all(texts, book, embed)`, analysing (in one batch) only the texts not seen before."""
        with self._lock:
            known = {text: self._analyses.get((embed, text)) for text in texts}
        missing = list(dict.fromkeys(text for text, analysis in known.items() if analysis is None))
        known.update(zip(missing, analyse_all(missing, self.book, embed), strict=True))
        with self._lock:
            for text in texts:
                self._analyses[(embed, text)] = known[text]
                self._analyses.move_to_end((embed, text))
            while len(self._analyses) > ANALYSES:
                self._analyses.popitem(last=False)
        return [known[text] for text in texts]


_MEMOS: OrderedDict[tuple, BookMemo] = OrderedDict()
_LOCK = threading.Lock()


def book_memo(session: Session) -> BookMemo:
    """The memo for the stored aliases, whose book `newsroom_alias_book` builds (as `alias_book` does)."""
    rows = stored_aliases(session)
    with _LOCK:
        memo = _MEMOS.get(rows)
        if memo is not None:
            _MEMOS.move_to_end(rows)
            return memo
    memo = BookMemo(newsroom_alias_book(rows))
    with _LOCK:
        memo = _MEMOS.setdefault(rows, memo)
        while len(_MEMOS) > BOOKS:
            _MEMOS.popitem(last=False)
    return memo
