"""What the matcher may keep between calls in one process: the alias book, and the analyses of texts made
with it.

Both depend only on the stored aliases (and the texts themselves), so a book is kept per version of the
stored aliases (`verify.db.cache.store_version`, one primary-key read a call): an alias added, edited or
removed by any process gives a new book on the next call, and an analysis is looked up by the text it was
made from, so an edited text is analysed afresh. Analysing the ~50 candidate claims of a new announcement
is a third of its matching time; the claims that keep coming up are analysed once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from verify.core.entities import AliasBook, newsroom_alias_book
from verify.core.matching import Analysis, Embed, analyse_all
from verify.db.aliases import stored_aliases
from verify.db.cache import Memo, store_version

BOOKS = 4  # alias books kept (one per database in practice; tests open many)
ANALYSES = 20_000  # analyses kept per book: about 60 MB with their meaning vectors


class BookMemo:
    """One alias book and the analyses made with it."""

    def __init__(self, book: AliasBook):
        self.book = book
        self._analyses: Memo[tuple[Callable | None, str], Analysis] = Memo(ANALYSES)

    def analyse_all(self, texts: Sequence[str], embed: Embed | None) -> list[Analysis]:
        """`analyse_all(texts, book, embed)`, analysing (in one batch) only the texts not seen before."""
        return self._analyses.get_many([(embed, text) for text in texts],
                                       lambda missing: analyse_all([text for _, text in missing], self.book, embed))


_MEMOS: Memo[tuple, BookMemo] = Memo(BOOKS)


def book_memo(session: Session) -> BookMemo:
    """The memo for the stored aliases, whose book `newsroom_alias_book` builds (as `alias_book` does), kept
    per version of the stored aliases."""
    return _MEMOS.get(store_version(session, "aliases"),
                      lambda: BookMemo(newsroom_alias_book(stored_aliases(session))))
