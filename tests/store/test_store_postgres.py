"""The same store on a real PostgreSQL server (skipped only where none is installed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from redline.errors import StoreError
from redline.records import Analysis, Event, Quote, Size, TimeRef
from redline.store import Store
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow, EventRow, QuoteRow
from tests.store.postgres_server import postgres_server


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        if url is None:
            pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
        yield url


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
