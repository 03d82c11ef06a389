"""A page of a full-text search is the same whichever way SQLite reads it: the matches
listed and sorted, listed once and looked up along the sort index (``in_order``), or
looked up row by row (``common``); ``walk_in_order`` chooses by how densely they lie."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from redline.store import Store, browse
from redline.store import lines as line_store
from redline.store import search_full_text as full_text
from redline.store.browse import SearchQuery, search
from tests.store.store_cases import add_article, event_row

WORDS = {"dense": 0.5, "sparse": 0.02, "none": 0.0}
ROWS = 400


@pytest.fixture(scope="module")
def paged_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Events and quotes whose sentences hold "dense" in half, "sparse" in one in fifty,
    on days (and publication times) in no relation to their ids, several on a day."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('pages') / 'pages.db'}")
    rng = random.Random(5)
    add_article(store, "p", datetime(2024, 1, 1, tzinfo=UTC))
    texts = [" ".join(["filler", *(w for w, share in WORDS.items() if rng.random() < share)])
             for _ in range(ROWS)]
    days = [date(2024, 1, 1) + timedelta(rng.randrange(60)) for _ in range(ROWS)]
    line_store.bulk_insert(store, "events", [
        event_row("p", sentence=text, date_start=day) for text, day in zip(texts, days, strict=True)])
    line_store.bulk_insert(store, "quotes", [
        {"article_id": "p", "speaker": "Someone", "kind": "direct", "content_start": 0,
         "content_end": len(text), "content": text,
         "published": datetime.combine(day, datetime.min.time(), UTC)}
        for text, day in zip(texts, days, strict=True)])
    yield store
    store.close()


def _pages(store: Store, query: SearchQuery) -> tuple[list[int], list[int], int, int]:
    found = search(store, query)
    return ([e.id for e in found.events], [q.id for q in found.quotes], found.events_total,
            found.quotes_total)


QUERIES = [SearchQuery(text=word, offset=offset, limit=limit)
           for word in ("dense", "sparse", "none", "filler", "dense -sparse")
           for offset, limit in ((0, 10), (0, 100), (37, 5), (190, 20), (395, 10))]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.text}@{q.offset}+{q.limit}")
def test_a_page_is_the_same_whichever_way_it_is_read(
        paged_store: Store, query: SearchQuery, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browse, "SEARCH_COUNT_MAX", 10_000)
    read: dict[str, tuple[list[int], list[int], int, int]] = {}
    for way, walk in (("listed", False), ("in order", True)):
        monkeypatch.setattr(full_text, "walk_in_order", lambda *_a, walk=walk: walk)
        read[way] = _pages(paged_store, query)
    # a cap below the matches: every text that matches is looked up row by row
    monkeypatch.setattr(browse, "SEARCH_COUNT_MAX", 3)
    common = _pages(paged_store, query)
    assert read["listed"] == read["in order"]
    assert common[:2] == read["listed"][:2]
    events, quotes, events_total, quotes_total = read["listed"]
    assert len(events) == len(quotes) <= query.limit
    assert events_total == quotes_total == _matching(paged_store, query)


def _matching(store: Store, query: SearchQuery) -> int:
    everything = search(store, SearchQuery(kind="events", limit=500))
    words = (query.text or "").split()
    wanted = [w for w in words if not w.startswith("-")]
    unwanted = [w[1:] for w in words if w.startswith("-")]
    return sum(1 for e in everything.events
               if all(w in e.record.sentence.split() for w in wanted)
               and not any(w in e.record.sentence.split() for w in unwanted))


def test_a_page_read_in_order_is_newest_first(paged_store: Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(full_text, "walk_in_order", lambda *_a: True)
    found = search(paged_store, SearchQuery(text="dense", kind="events", limit=500))
    keys = [(e.record.date.start, e.id) for e in found.events]  # type: ignore[union-attr]
    assert len(keys) > 100 and keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("matched, rows, page_end, walk", [
    (4_953, 100_000, 101, True),      # a word in one quote in twenty, the first page
    (4_953, 100_000, 4_101, False),   # the same, forty pages in: sorting costs less
    (7_403, 100_000, 101, True),
    (30, 1_000_000, 101, False),      # a rare word: a walk would read the whole index
    (0, 1_000_000, 101, False),       # nothing matches: nothing to walk for
    (200, 400, 11, True),
])
def test_walk_in_order_when_the_matches_lie_densely(matched: int, rows: int, page_end: int,
                                                    walk: bool) -> None:
    assert full_text.walk_in_order(matched, rows, page_end) is walk


def test_the_search_walks_in_order_where_it_pays(paged_store: Store,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    chosen: list[tuple[int, int, int]] = []
    choose = full_text.walk_in_order

    def spy(matched: int, rows: int, page_end: int) -> bool:
        chosen.append((matched, rows, page_end))
        return choose(matched, rows, page_end)

    monkeypatch.setattr(full_text, "walk_in_order", spy)
    search(paged_store, SearchQuery(text="dense", kind="quotes", limit=10))
    search(paged_store, SearchQuery(text="dense", kind="quotes", actor="Someone", limit=10))
    assert len(chosen) == 1  # beside another filter the matches are listed
    matched, rows, page_end = chosen[0]
    assert rows == ROWS and page_end == 11 and 150 < matched < 250
    assert choose(*chosen[0])
