"""The same store on a real PostgreSQL server (skipped only where none is installed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from redline.errors import StoreError
from redline.records import Analysis, Event, Quote, Size, TimeRef
from redline.store import Store
from redline.store import lines as line_store
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow, EventRow, QuoteRow
from tests.store.store_cases import (
    add_article,
    check_codes_match_as_assessment_does,
    check_place_and_assertion_round_trip,
    check_quote_needles_are_literal,
    check_search_orders_by_utc_day,
    check_search_pages_with_counts,
    event_row,
    schema_drift,
)


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = Store(pg_url)
    yield store
    with store.engine.begin() as connection:
        for table in ("verdicts", "redlines", "quotes", "events", "sentences", "articles"):
            connection.execute(sa.text(f"DELETE FROM {table}"))
    store.close()


def test_migrations_and_utc_round_trip(pg_store: Store) -> None:
    tables = set(sa.inspect(pg_store.engine).get_table_names())
    assert {"articles", "events", "quotes", "redlines", "verdicts"} <= tables
    seoul = timezone(timedelta(hours=9))
    with pg_store.write() as session:
        session.add(ArticleRow(id="a", text="North Korea sent troops.", language="en",
                               ingested=datetime(2024, 10, 20, 9, tzinfo=seoul),
                               published=datetime(2024, 10, 20, tzinfo=UTC),
                               section_headings=[], boilerplate=["Read more"]))
    with pg_store.read() as session:
        row = session.get(ArticleRow, "a")
        assert row is not None
        assert row.ingested == datetime(2024, 10, 20, 0, tzinfo=UTC)
        assert row.boilerplate == ["Read more"]


def test_analysis_is_stored_and_replaced_whole(pg_store: Store) -> None:
    with pg_store.write() as session:
        session.add(ArticleRow(id="b", text="x" * 40, language="en",
                               ingested=datetime.now(UTC), section_headings=[], boilerplate=[]))
    day = date(2024, 10, 18)
    event = Event(event="MOBILIZE", span=(0, 10), factuality=3.0, factuality_label="confirmed",
                  actor="PRK", recipient="RUS", size=Size(10000, "soldiers", "approximate"),
                  date=TimeRef(day, day, "day", "Friday"), attributed_to="KOR-INTEL")
    quote = Quote(speaker="Park Won-gon", speaker_span=(20, 32), role="professor",
                  cue_span=(15, 19), content_span=(0, 14), kind="direct", content="x" * 14)
    analysis = Analysis(text="x" * 40, events=[event, event], quotes=[quote],
                        sentences=[(0, 20), (21, 40)])
    assert replace_analysis(pg_store, "b", analysis) == (2, 1)
    assert replace_analysis(pg_store, "b", analysis) == (2, 1)
    with pg_store.read() as session:
        rows = session.scalars(sa.select(EventRow)).all()
        assert len(rows) == 2
        assert (rows[0].size, rows[0].size_qualifier, rows[0].date_start) == (
            10000, "approximate", day)
        assert session.scalar(sa.select(sa.func.count()).select_from(QuoteRow)) == 1


def test_failed_write_rolls_back(pg_store: Store) -> None:
    now = datetime.now(UTC)
    with pytest.raises(StoreError), pg_store.write() as session:
        session.add(ArticleRow(id="c", text="x", ingested=now, language="en",
                               section_headings=[], boilerplate=[]))
        session.flush()
        session.add(ArticleRow(id="c", text="y", ingested=now, language="en",
                               section_headings=[], boilerplate=[]))
    with pg_store.read() as session:
        assert session.get(ArticleRow, "c") is None


def test_models_match_the_migrations(pg_store: Store) -> None:
    assert schema_drift(pg_store) == []


def test_code_indexes_serve_prefixes(pg_store: Store) -> None:
    """The prefix indexes exist with the operator class LIKE needs (migration 0005)."""
    with pg_store.engine.connect() as connection:
        definitions: dict[str, str] = dict(connection.execute(sa.text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'events'")).all())
    assert "actor text_pattern_ops" in definitions["ix_events_type_actor"]
    assert "recipient text_pattern_ops" in definitions["ix_events_actor_recipient"]


def test_codes_match_as_assessment_does(pg_store: Store) -> None:
    check_codes_match_as_assessment_does(pg_store)


def test_quote_needles_are_literal(pg_store: Store) -> None:
    check_quote_needles_are_literal(pg_store)


def test_search_orders_by_utc_day_in_any_session_time_zone(pg_url: str,
                                                           pg_store: Store) -> None:
    seoul = Store(f"{pg_url}?options=-c%20TimeZone%3DAsia%2FSeoul")
    try:
        with seoul.engine.connect() as connection:
            assert connection.scalar(sa.text("SHOW TimeZone")) == "Asia/Seoul"
        check_search_orders_by_utc_day(seoul)
    finally:
        seoul.close()


def _waiting_on(store: Store, table: str) -> bool:
    with store.engine.connect() as connection:
        return bool(connection.scalar(sa.text(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = CAST(:t AS regclass)"),
            {"t": table}))


def test_marks_wait_for_writers_still_open(pg_store: Store) -> None:
    """An open transaction holds a lower id than one committed after it: the mark is read
    only once that transaction is over, so no event below the mark is missed."""
    add_article(pg_store, "w")
    pool = ThreadPoolExecutor(1)
    with pg_store.engine.connect() as writer:
        transaction = writer.begin()
        try:
            early = writer.scalar(sa.insert(EventRow).returning(EventRow.id), event_row("w"))
            line_store.bulk_insert(pg_store, "events", [event_row("w")])
            marks = pool.submit(line_store.high_water_marks, pg_store)
            deadline = time.monotonic() + 20
            while not _waiting_on(pg_store, "events") and time.monotonic() < deadline:
                assert not marks.done(), "the marks were read while a writer was still open"
                time.sleep(0.05)
            assert not marks.done()
        finally:
            transaction.commit()  # whatever happened: the marks must not wait for ever
    events_mark, _quotes_mark = marks.result(timeout=20)
    pool.shutdown()
    with pg_store.read() as session:
        stored = set(session.scalars(sa.select(EventRow.id)))
    assert early in stored and events_mark == max(stored) > early


def test_place_and_assertion_round_trip(pg_store: Store) -> None:
    check_place_and_assertion_round_trip(pg_store)


def test_search_pages_with_counts(pg_store: Store) -> None:
    check_search_pages_with_counts(pg_store)
