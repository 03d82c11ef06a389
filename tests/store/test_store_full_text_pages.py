"""A page of a full-text search is the same whichever way SQLite reads it: the matches
listed and sorted, listed once and looked up along the sort index (``in_order``), or
looked up row by row (``common``); ``walk_in_order`` chooses by how densely they lie."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

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


OLD_ROWS, OLD_MATCHES = 5_000, 200


@pytest.fixture(scope="module")
def bunched_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Events whose sentences hold "oldword" in one in twenty-five, every one of them
    dated years before the others: a word of old news, its matches bunched in time."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('bunched') / 'bunched.db'}")
    rng = random.Random(11)
    add_article(store, "b", datetime(2024, 1, 1, tzinfo=UTC))
    old = set(rng.sample(range(OLD_ROWS), OLD_MATCHES))
    line_store.bulk_insert(store, "events", [
        event_row("b", sentence="filler oldword" if i in old else "filler",
                  date_start=date(2020, 1, 1) + timedelta(rng.randrange(300)) if i in old
                  else date(2024, 1, 1) + timedelta(rng.randrange(600)))
        for i in range(OLD_ROWS)])
    yield store
    store.close()


BUNCHED = [SearchQuery(text="oldword", kind="events", offset=offset, limit=limit)
           for offset, limit in ((0, 10), (0, 100), (150, 10), (190, 20))]


@pytest.mark.parametrize("query", BUNCHED, ids=lambda q: f"{q.offset}+{q.limit}")
def test_a_page_of_bunched_matches_is_the_same_whichever_way_it_is_read(
        bunched_store: Store, query: SearchQuery, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = _pages(bunched_store, query)
    read = {}
    for way, walk in (("listed", False), ("in order", True)):
        monkeypatch.setattr(full_text, "walk_in_order", lambda *_a, walk=walk: walk)
        read[way] = _pages(bunched_store, query)
    assert chosen == read["listed"] == read["in order"]
    events, _quotes, total, _ = chosen
    assert len(events) == min(query.limit, OLD_MATCHES - query.offset)
    assert total == OLD_MATCHES


def _steps(store: Store, query: SearchQuery) -> int:
    """How many SQLite virtual machine steps (in hundreds) reading ``query``'s page takes."""
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    def watch(connection: Any, *_args: Any) -> None:
        connection.connection.dbapi_connection.set_progress_handler(tick, 100)

    event.listen(store.engine, "before_cursor_execute", watch)
    try:
        search(store, query)
    finally:
        event.remove(store.engine, "before_cursor_execute", watch)
    return steps[0]


def test_a_walk_stops_at_its_budget_when_the_matches_lie_far_back(
        bunched_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The matches are dense enough to walk for (``walk_in_order``), but all lie behind
    every other entry: the walk gives up after its budget and the matches are listed,
    instead of reading the whole index."""
    query = SearchQuery(text="oldword", kind="events", limit=10)
    assert full_text.walk_in_order(OLD_MATCHES, OLD_ROWS, query.limit + 1)
    search(bunched_store, query)  # counts kept
    budgeted = _steps(bunched_store, query)
    monkeypatch.setattr(full_text, "WALK_BUDGET", OLD_ROWS)  # the whole index
    unbounded = _steps(bunched_store, query)
    assert 0 < budgeted < unbounded / 2


@pytest.mark.parametrize("matched, rows, page_end, budget", [
    (2_500, 200_000, 101, 32_320),   # four times the 8,080 entries evenly spread matches need
    (200, 400, 11, 88),
    (7, 1_000, 3, 1_715),            # rounded up
])
def test_a_walk_reads_a_few_times_what_evenly_spread_matches_need(
        matched: int, rows: int, page_end: int, budget: int) -> None:
    assert full_text.walk_budget(matched, rows, page_end) == budget


def test_an_empty_text_is_no_filter(paged_store: Store) -> None:
    """``text=""`` filters nothing: the events are counted, as with no text at all."""
    for kind in ("events", "quotes"):
        empty = search(paged_store, SearchQuery(text="", kind=kind, limit=5))
        none = search(paged_store, SearchQuery(kind=kind, limit=5))
        assert empty == replace(none, query=empty.query)
        assert (empty.events_total or empty.quotes_total) == ROWS


def test_nothing_matched_reads_no_row_count(paged_store: Store) -> None:
    """A text alone that matches nothing has nothing to walk for: the highest id, which
    only sizes a walk, is not read."""
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(paged_store.engine, "before_cursor_execute", seen)
    try:
        found = search(paged_store, SearchQuery(text="nowhereword", limit=5))
    finally:
        event.remove(paged_store.engine, "before_cursor_execute", seen)
    assert found.events_total == found.quotes_total == 0
    assert statements and not any("max(" in s.lower() for s in statements)
