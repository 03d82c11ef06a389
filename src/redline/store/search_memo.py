"""What search keeps between requests, for one version of the stored data: how many rows
match a search, and the values the search form offers.

A count is the costly part of a search (it reads up to ``SEARCH_COUNT_MAX + 1`` index
entries, and many more where a date range, or a text beside other filters, leaves most
entries it reads unmatched), and it is the same for every page of the same search (only
the offset differs) until something is written. The version is SQLite's ``PRAGMA
data_version`` read on a connection kept for it alone, which never writes: the number
changes whenever any other connection commits (an ingest, an import, an analysis, the
deletes of a replaced article), and reading it touches no table. The version is read
before the search reads its rows, so what is kept under a version is never older than it.

On PostgreSQL (and an in-memory SQLite database) there is no version: nothing is kept.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import make_url

from redline.store.db import Store

T = TypeVar("T")
#: Results kept per store, the least recently used dropped first.
MEMO_SIZE = 2048


class Memo:
    """One store's data version and what was found at it."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                           check_same_thread=False)
        self._version: int | None = None
        self._kept: OrderedDict[Hashable, object] = OrderedDict()

    def version(self) -> int:
        """The data version now; what was kept at an earlier one is forgotten."""
        with self._lock:
            version = int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            if version != self._version:
                self._kept.clear()
                self._version = version
            return version

    def get(self, version: int, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute`` gives for ``key`` at ``version``, computed once for it."""
        with self._lock:
            if version == self._version and key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            if version == self._version:
                self._kept[key] = value
                while len(self._kept) > MEMO_SIZE:
                    self._kept.popitem(last=False)
        return value


_MEMOS: weakref.WeakKeyDictionary[Store, Memo | None] = weakref.WeakKeyDictionary()
_MEMOS_LOCK = threading.Lock()


def memo_of(store: Store) -> Memo | None:
    """The memo of ``store`` (kept as long as the store is), or None where there is no
    data version to key it on."""
    with _MEMOS_LOCK:
        if store not in _MEMOS:
            _MEMOS[store] = _open(store)
        return _MEMOS[store]


def _open(store: Store) -> Memo | None:
    url = make_url(store.url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") or \
            str(url.database).startswith("file:"):
        return None
    path = Path(str(url.database)).expanduser()
    if not path.exists():
        return None
    try:
        memo = Memo(path)
        memo.version()  # a file it cannot read keeps nothing, rather than failing searches
    except sqlite3.Error:
        return None
    return memo


def kept(store: Store, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``key`` at the store's current data version."""
    memo = memo_of(store)
    if memo is None:
        return compute()
    return memo.get(memo.version(), key, compute)
