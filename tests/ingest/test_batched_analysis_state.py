"""Batched analysis (one ``nlp.pipe``, one transaction per batch) keeps each article's
analysis state: a text over the limit fails alone and unread, the rest of its batch is
stored, and a later success clears the recorded failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from redline.pipeline import analyze_articles, ingest
from redline.settings import Settings
from redline.store import Store
from redline.store.analysis_state import analysis_state
from redline.store.models import ArticleRow, EventRow

SHORT = ("Border talks\n\nThe government of Chile said on Monday that it had sent "
         "four envoys to the talks in Lima.\n")
LONG = ("Border talks, long\n\n" + "The government of Peru said on Tuesday that it had "
        "sent six envoys to the talks in Quito. " * 6 + "\n")
QUIET = "Weather\n\nIt was sunny in the morning and cloudy by the evening.\n"


def _stored(tmp_path: Path, store: Store, texts: dict[str, str]) -> dict[str, str]:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    outcomes = ingest(store, [str(folder)], settings=Settings(db=store.url), analyze=False)
    return {Path(o.source).stem: o.article_id or "" for o in outcomes}


@pytest.mark.parametrize("max_chars, failed", [
    (None, set()),
    (len(SHORT) + 10, {"long"}),
    (5, {"short", "long", "quiet"}),
])
def test_a_batch_fails_only_its_articles_over_the_limit(
        tmp_path: Path, store: Store, max_chars: int | None, failed: set[str]) -> None:
    ids = _stored(tmp_path, store, {"short": SHORT, "long": LONG, "quiet": QUIET})
    by_id = {article_id: name for name, article_id in ids.items()}
    outcomes = list(analyze_articles(store, ids.values(), batch_size=8, max_chars=max_chars))
    assert sorted(by_id[o.article_id] for o in outcomes) == ["long", "quiet", "short"]
    assert {by_id[o.article_id] for o in outcomes if o.error} == failed
    for outcome in outcomes:
        if outcome.error:
            assert "setting max_analyze_chars" in outcome.error
    states = {name: analysis_state(store, article_id) for name, article_id in ids.items()}
    assert states == {name: "failed" if name in failed else "analysed" for name in ids}
    with store.read() as session:
        errors = dict(session.execute(select(ArticleRow.id, ArticleRow.analysis_error)).all())
        with_events = set(session.scalars(select(EventRow.article_id)
                                          .group_by(EventRow.article_id)
                                          .having(func.count() > 0)))
    assert {by_id[i] for i, reason in errors.items() if reason} == failed
    assert {by_id[i] for i in with_events} == {"short", "long"} - failed  # none in "quiet"


def test_a_later_batch_clears_the_recorded_failure(tmp_path: Path, store: Store) -> None:
    ids = _stored(tmp_path, store, {"short": SHORT, "long": LONG})
    list(analyze_articles(store, ids.values(), max_chars=len(SHORT) + 10))
    assert analysis_state(store, ids["long"]) == "failed"
    (again,) = analyze_articles(store, [ids["long"]])
    assert again.error is None and again.events > 0
    assert analysis_state(store, ids["long"]) == "analysed"
    with store.read() as session:
        assert session.get(ArticleRow, ids["long"]).analysis_error is None  # type: ignore[union-attr]
