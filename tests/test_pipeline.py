"""The one loop that analyses stored articles: batches by count and by characters, texts
read as a runner asks for them, and a runner's failed batch recorded on each article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from redline.pipeline import (
    BatchDone,
    Work,
    analyze_articles,
    by_size,
    ingest,
)
from redline.records import Analysis
from redline.settings import Settings
from redline.store import Store
from redline.store.analysis_state import analysis_state


def _work(*lengths: int) -> list[Work]:
    return [(f"a{n}", "x" * length, None) for n, length in enumerate(lengths)]


@pytest.mark.parametrize("lengths, batch_size, batch_chars, expected", [
    ((), 4, 100, []),
    ((10, 10, 10), 2, 100, [2, 1]),
    ((10, 10, 10), 8, 100, [3]),
    ((60, 60, 60), 8, 100, [1, 1, 1]),       # each alone: two would pass 100 characters
    ((40, 50, 20, 90), 8, 100, [2, 1, 1]),   # 40+50 fit, +20 would not; 20+90 would not
    ((500, 10), 8, 100, [1, 1]),             # an article longer than the cap is a batch
    ((1, 1, 1, 1, 1), 1, 1_000, [1, 1, 1, 1, 1]),
])
def test_batches_hold_at_most_their_count_and_about_their_characters(
        lengths: tuple[int, ...], batch_size: int, batch_chars: int,
        expected: list[int]) -> None:
    work = _work(*lengths)
    batches = list(by_size(work, batch_size, batch_chars))
    assert [len(b) for b in batches] == expected
    assert [item for batch in batches for item in batch] == work


def _stored(tmp_path: Path, store: Store, count: int) -> list[str]:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02d}.txt").write_text(f"Note {n}\n\nThe ministry met on day {n}.\n",
                                             encoding="utf-8")
    outcomes = list(ingest(store, [str(folder)], settings=Settings(db=store.url),
                           analyze=False))
    return [o.article_id or "" for o in outcomes]


def test_a_runner_gets_batches_as_it_asks_and_its_failed_batch_fails_each_article(
        tmp_path: Path, store: Store) -> None:
    ids = _stored(tmp_path, store, 7)
    seen: list[list[str]] = []

    def runner(batches: Iterator[list[Work]]) -> Iterator[BatchDone]:
        for work in batches:
            batch = [article_id for article_id, _, _ in work]
            seen.append(batch)
            if len(seen) == 2:
                yield batch, "batch failed: the worker was lost"
            else:
                yield batch, [(i, Analysis(text=text)) for i, text, _ in work]

    outcomes = list(analyze_articles(store, ids, batch_size=3, runner=runner))
    assert [len(batch) for batch in seen] == [3, 3, 1]
    assert sorted(o.article_id for o in outcomes) == sorted(ids)
    failed = {o.article_id: o.error for o in outcomes if o.error}
    assert failed == dict.fromkeys(seen[1], "batch failed: the worker was lost")
    assert {i: analysis_state(store, i) for i in ids} == {
        i: "failed" if i in failed else "analysed" for i in ids}


def test_a_missing_article_is_reported_and_the_rest_are_analysed(
        tmp_path: Path, store: Store) -> None:
    ids = _stored(tmp_path, store, 2)
    outcomes = list(analyze_articles(store, [ids[0], "ab" * 32, ids[1]]))
    assert [(o.article_id, o.error is None) for o in outcomes if o.article_id in ids] == [
        (ids[0], True), (ids[1], True)]
    (missing,) = [o for o in outcomes if o.article_id not in ids]
    assert missing.error is not None and missing.error.startswith("no article 'abab")
