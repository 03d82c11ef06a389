"""Search counts and form choices kept per data version: the same search's pages count
once, and every write (an insert, an update, a delete alone, a write from another
process's store) counts afresh."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from redline.store import Store, browse, search_memo
from redline.store import lines as line_store
from redline.store.browse import SearchQuery, search, search_choices
from tests.store.store_cases import add_article, event_row


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'memo.db'}")
    add_article(store, "memo", datetime(2024, 10, 20, tzinfo=UTC))
    line_store.bulk_insert(store, "events", [
        event_row("memo", actor="RUS" if n % 2 else "UKR", sentence=f"Shelling number {n}.")
        for n in range(30)])
    return store


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every count search makes."""
    made: list[Any] = []
    real = browse._count

    def count(session: Any, matches: Any) -> int:
        made.append(matches)
        return real(session, matches)

    monkeypatch.setattr(browse, "_count", count)
    return made


def _total(store: Store, **filters: Any) -> int:
    return search(store, SearchQuery(kind="events", limit=5, **filters)).events_total


def test_the_pages_of_one_search_count_once(store: Store, counts: list[Any]) -> None:
    assert _total(store, actor="RUS") == 15
    assert _total(store, actor="RUS", offset=5) == 15
    assert _total(store, actor="RUS", offset=10) == 15
    assert len(counts) == 1
    assert _total(store, actor="UKR") == 15  # another search is counted for itself
    assert _total(store, actor="RUS", text="shelling") == 15
    assert len(counts) == 3


def _run(store: Store, sql: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(sa.text(sql))


def _delete_one(store: Store, actor: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM events WHERE id = (SELECT min(id) FROM events "
                                   "WHERE actor = :actor)"), {"actor": actor})


@pytest.mark.parametrize("write, expected", [
    (lambda s: line_store.bulk_insert(s, "events", [event_row("memo", actor="RUS")]), 16),
    (lambda s: _delete_one(s, "RUS"), 14),  # a delete alone leaves the highest id as it was
    (lambda s: _run(s, "UPDATE events SET actor = 'UKR' WHERE actor = 'RUS'"), 0),
    # another store on the same file, as another process would write it
    (lambda s: _delete_one(Store(s.url), "RUS"), 14),
])
def test_every_write_counts_afresh(store: Store, counts: list[Any], write: Any,
                                   expected: int) -> None:
    assert _total(store, actor="RUS") == 15
    write(store)
    assert _total(store, actor="RUS") == expected
    assert len(counts) == 2


def test_choices_follow_a_delete(store: Store) -> None:
    assert "RUS" in search_choices(store)["actors"]
    _run(store, "DELETE FROM events WHERE actor = 'RUS'")
    assert search_choices(store)["actors"] == ["UKR"]


def test_nothing_is_kept_without_a_data_version(tmp_path: Path) -> None:
    assert search_memo.memo_of(Store("sqlite://")) is None  # in memory
    assert search_memo.memo_of(Store(f"sqlite:///{tmp_path / 'kept.db'}")) is not None


def test_a_memo_keeps_only_so_many(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_memo, "MEMO_SIZE", 3)
    memo = search_memo.memo_of(store)
    assert memo is not None
    version = memo.version()
    for n in range(5):
        assert memo.get(version, n, lambda n=n: n * 10) == n * 10  # type: ignore[misc]
    assert memo.get(version, 4, lambda: -1) == 40  # kept
    assert memo.get(version, 0, lambda: -1) == -1  # dropped, the least recently used
