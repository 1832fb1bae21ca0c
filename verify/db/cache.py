"""What a process may keep between calls, and how it knows the store has not changed since.

One small helper for every such cache: `Memo`, bounded and thread-safe (the dashboard serves several
sessions from threads), keyed by the caller on `store_version`, a token the database changes on every write
to the part of the store the cached value was made from (triggers of migration 0009). Another process's
alias edit, new announcement or edited text gives a new token on the next call, so nothing stale is served,
and a warm call pays one primary-key read for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from verify.db.models import StoreVersion

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """At most `size` values, the least recently used dropped first. Values are made outside the lock, so a
    slow `make` never blocks other threads' hits (two threads may make the same value once; one is kept)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K | None, make: Callable[[], V]) -> V:
        """The value kept for `key`, else `make()`, kept; a `None` key names nothing: made, never kept."""
        if key is None:
            return make()
        return self.get_many([key], lambda missing: [make()])[0]

    def get_many(self, keys: Sequence[K], make: Callable[[list[K]], list[V]]) -> list[V]:
        """The values of `keys`; those not kept are made in one call, `make(missing keys)`."""
        with self._lock:
            known = {key: self._items[key] for key in keys if key in self._items}
        missing = list(dict.fromkeys(key for key in keys if key not in known))
        if missing:
            known.update(zip(missing, make(missing), strict=True))
        with self._lock:
            for key in dict.fromkeys(keys):
                known[key] = self._items.setdefault(key, known[key])
                self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return [known[key] for key in keys]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def store_version(session: Session, name: str) -> tuple | None:
    """A token for the state of one part of the store ("aliases", "announcements") as `session` sees it,
    with the database's address; None when nothing may be kept for it.

    On PostgreSQL the counter moves when a writer commits, so a transaction that has written (it holds a
    transaction id) may see rows its token does not name: None. On SQLite the token changes inside the
    writing transaction, at once; one a rollback discards is never seen again."""
    bind = session.get_bind()
    version = select(StoreVersion.version).where(StoreVersion.name == name)
    if bind.dialect.name == "postgresql":
        version = version.add_columns(func.txid_current_if_assigned())
    token, *written = session.execute(version).one()
    return None if any(written) else (bind.url.render_as_string(hide_password=False), name, token)
