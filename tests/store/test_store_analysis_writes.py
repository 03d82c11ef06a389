"""Storing analyses: the bulk write (one executemany per table, in one transaction) stores
the very rows that adding one ORM object per row stored, and a failure in it stores
nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from redline.errors import NotFoundError, StoreError
from redline.records import Analysis, Event, Quote, Size, TimeRef, flat
from redline.store import Store
from redline.store.evidence import event_values, replace_analyses
from redline.store.models import ArticleRow, EventRow, QuoteRow, SentenceRow
from tests.conftest import SAMPLE

PUBLISHED = datetime(2024, 10, 25, 14, tzinfo=UTC)


def orm_replace_analyses(store: Store, analyses: list[tuple[str, Analysis]]) -> None:
    """The earlier write path, kept as the reference: one ORM object per row."""
    with store.write() as session:
        for article_id, analysis in analyses:
            article = session.get(ArticleRow, article_id)
            assert article is not None
            for table in (EventRow, QuoteRow, SentenceRow):
                session.execute(sa.delete(table).where(table.article_id == article_id))
            session.add_all(SentenceRow(article_id=article_id, idx=i, start=start, end=end)
                            for i, (start, end) in enumerate(analysis.sentences))
            session.add_all(EventRow(**event_values(e, article_id=article_id,
                                                    published=article.published,
                                                    outlet=article.outlet))
                            for e in analysis.events)
            session.add_all(QuoteRow(**flat(q), article_id=article_id,
                                     published=article.published) for q in analysis.quotes)
            article.analyzed = datetime.now(UTC)
            article.analysis_error = None


def _event(n: int, **values: Any) -> Event:
    return Event(**({"event": "MOBILIZE", "span": (n, n + 30), "factuality": 2.5,
                     "factuality_label": "reported", "sentence": f"Sentence {n}."} | values))


def _quote(n: int, **values: Any) -> Quote:
    return Quote(**({"speaker": "Kirby", "speaker_span": (0, 5), "role": "spokesman",
                     "cue_span": (6, 10), "content_span": (n, n + 20), "kind": "direct",
                     "content": f"What he said, {n}."} | values))


def _analyses() -> list[tuple[str, Analysis]]:
    """Three articles' analyses: every field set, fields left at their defaults, none."""
    full = _event(0, actor="PRK-MIL", actor_text="North Korean troops", recipient="RUS",
                  recipient_text="Russia", cameo="0874", mode="military",
                  context=("military", "cbrn"), size=Size(10_000, "troops", "approximate",
                                                          "about 10,000"),
                  location="Kursk", location_country="RUS", location_region="RU-KRS",
                  date=TimeRef(date(2024, 10, 1), date(2024, 10, 31), "month", "in October"),
                  attributed_to="KOR-INTEL", attributed_text="the NIS", assertion="reported",
                  trigger="sent", trigger_span=(4, 8), objects=("troops", "shells"))
    undated = _event(40, event="ASSAULT", factuality=-3.0, factuality_label="denied")
    dated = _event(80, date=TimeRef(date(2024, 10, 18), None, "day", "Friday"))
    return [
        ("a", Analysis(text="x" * 200, events=[full, undated, dated],
                       quotes=[_quote(0), _quote(50, speaker=None, speaker_span=None,
                                                 role=None, cue_span=None, kind="indirect")],
                       sentences=[(0, 30), (31, 90), (91, 200)])),
        ("b", Analysis(text="y" * 50, events=[undated], sentences=[(0, 50)])),
        ("c", Analysis(text="", events=[], quotes=[], sentences=[])),
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[tuple[Store, Store]]:
    """Two empty stores of one backend, each holding the articles a, b, c, d."""
    if request.param == "sqlite":
        made = [Store(f"sqlite:///{tmp_path / f'{name}.db'}") for name in ("bulk", "orm")]
    else:
        url = request.getfixturevalue("pg_url")
        base = sa.make_url(url)
        with sa.create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
            for name in ("bulk", "orm"):
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
                connection.exec_driver_sql(f"CREATE DATABASE {name}")
        made = [Store(base.set(database=name).render_as_string(hide_password=False))
                for name in ("bulk", "orm")]
    for store in made:
        with store.write() as session:
            session.add_all(ArticleRow(id=article_id, text="", ingested=PUBLISHED,
                                       published=None if article_id == "b" else PUBLISHED,
                                       outlet="whitehouse.gov", language="en",
                                       section_headings=[], boilerplate=[])
                            for article_id in "abcd")
    yield made[0], made[1]
    for store in made:
        store.close()


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of the tables an analysis writes (ids included), and each
    article's analysis state but for the time it was analysed."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as connection:
        for table, key in ((EventRow, EventRow.id), (QuoteRow, QuoteRow.id),
                           (SentenceRow, SentenceRow.article_id)):
            found[table.__tablename__] = [tuple(row) for row in connection.execute(
                sa.select(table).order_by(key, *table.__table__.primary_key.columns))]
        found["articles"] = [tuple(row) for row in connection.execute(
            sa.select(ArticleRow.id, ArticleRow.analyzed.is_not(None),
                      ArticleRow.analysis_error).order_by(ArticleRow.id))]
        if store.dialect == "sqlite":  # the full-text index: what search finds
            found["events_fts"] = [tuple(row) for row in connection.exec_driver_sql(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH 'sentence' "
                "ORDER BY rowid")]
    return found


def test_the_bulk_write_stores_the_rows_one_object_per_row_stored(
        stores: tuple[Store, Store]) -> None:
    bulk, orm = stores
    analyses = _analyses()
    again = [("b", analyses[0][1]), ("d", analyses[1][1]), ("a", analyses[1][1])]
    assert replace_analyses(bulk, analyses) == [(3, 2), (1, 0), (0, 0)]
    orm_replace_analyses(orm, analyses)
    assert _rows(bulk) == _rows(orm)
    assert len(_rows(bulk)["events"]) == 4
    # replacing earlier analyses, and one article analysed for the first time
    assert replace_analyses(bulk, again) == [(3, 2), (1, 0), (1, 0)]
    orm_replace_analyses(orm, again)
    assert _rows(bulk) == _rows(orm)
    assert len(_rows(bulk)["events"]) == 5


def test_a_real_analysis_is_stored_as_before(stores: tuple[Store, Store]) -> None:
    from redline.extract import analyze

    text = next((SAMPLE / "us-gov").glob("*sullivan-shin-readout*.txt")).read_text("utf-8")
    analysis = analyze(text, published=PUBLISHED)
    assert analysis.events and analysis.quotes
    bulk, orm = stores
    replace_analyses(bulk, [("a", analysis), ("b", analysis)])
    orm_replace_analyses(orm, [("a", analysis), ("b", analysis)])
    assert _rows(bulk) == _rows(orm)


def test_a_failure_in_the_middle_of_a_write_stores_nothing(
        stores: tuple[Store, Store]) -> None:
    store, _ = stores
    analyses = _analyses()
    replace_analyses(store, analyses[:1])
    before = _rows(store)
    # the events and sentences go in, then a quote without its content breaks the write
    broken = Analysis(text="z", events=[_event(7)], quotes=[_quote(0, content=None)],
                      sentences=[(0, 1)])
    with pytest.raises(StoreError, match="write to"):
        replace_analyses(store, [("a", analyses[1][1]), ("b", broken)])
    assert _rows(store) == before
    assert dict((row[0], row[1]) for row in before["articles"]) == {
        "a": True, "b": False, "c": False, "d": False}


def test_an_article_not_stored_fails_the_write_before_it_deletes_anything(
        stores: tuple[Store, Store]) -> None:
    store, _ = stores
    replace_analyses(store, _analyses()[:1])
    before = _rows(store)
    with pytest.raises(NotFoundError, match="no article 'nowhere'"):
        replace_analyses(store, [("a", _analyses()[1][1]), ("nowhere", _analyses()[1][1])])
    assert _rows(store) == before


def test_an_article_given_twice_keeps_its_last_analysis(stores: tuple[Store, Store]) -> None:
    store, _ = stores
    first, second = _analyses()[0][1], _analyses()[1][1]
    assert replace_analyses(store, [("a", first), ("a", second)]) == [(1, 0), (1, 0)]
    events = _rows(store)["events"]
    assert len(events) == 1 and _rows(store)["quotes"] == []
    assert len(_rows(store)["sentences"]) == 1
