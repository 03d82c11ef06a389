"""Events and quotes with their evidence spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Connection, Insert, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from redline.errors import NotFoundError, StoreError
from redline.records import STORED_NAME, Analysis, DatasetEvent, Event, Quote, flat
from redline.store.db import Store, lock_keys
from redline.store.models import (
    ArticleRow,
    EventRow,
    QuoteRow,
    SentenceRow,
    end_day,
    search_day,
)

T = TypeVar("T")
R = TypeVar("R")
BULK_CACHE_KIB = 262_144  # 256 MiB of SQLite page cache while importing


#: Columns named apart from the record's field (``records.Event.event``).
COLUMN_OF_FIELD = STORED_NAME


def event_values(event: Event, *, article_id: str | None, published: datetime | None,
                 outlet: str | None, dataset: str = "redline",
                 dataset_id: str | None = None, source_url: str | None = None) -> dict[str, Any]:
    """The column values of an event's row: every flat field of the record
    (``records.flat``), then where it was read."""
    values = {COLUMN_OF_FIELD.get(name, name): value for name, value in flat(event).items()}
    return {
        **values, "article_id": article_id, "dataset": dataset, "dataset_id": dataset_id,
        "published": published, "outlet": outlet, "source_url": source_url,
        "sort_day": search_day(event.date.start if event.date is not None else None,
                               published),
        "end_day": end_day(event.date.start if event.date is not None else None,
                           event.date.end if event.date is not None else None, published),
    }


def event_row(event: Event, *, article_id: str | None, published: datetime | None,
              outlet: str | None, dataset: str = "redline",
              dataset_id: str | None = None, source_url: str | None = None) -> EventRow:
    return EventRow(**event_values(event, article_id=article_id, published=published,
                                   outlet=outlet, dataset=dataset, dataset_id=dataset_id,
                                   source_url=source_url))


def quote_row(quote: Quote, *, article_id: str, published: datetime | None) -> QuoteRow:
    return QuoteRow(**flat(quote), article_id=article_id, published=published)


def replace_analysis(store: Store, article_id: str, analysis: Analysis) -> tuple[int, int]:
    """Store the analysis of an article, replacing any earlier one, in one transaction.

    Returns the number of events and quotes stored.
    """
    return replace_analyses(store, [(article_id, analysis)])[0]


def replace_analyses(store: Store, analyses: list[tuple[str, Analysis]]) -> list[tuple[int, int]]:
    """Store the analyses of many articles in one transaction, each replacing any earlier
    one; all or none are stored. Returns (events, quotes) stored for each, in order."""
    counts: list[tuple[int, int]] = []
    with store.write() as session:
        # two analyses of one article never both insert
        lock_keys(session, *(article_id for article_id, _ in analyses))
        for article_id, analysis in analyses:
            article = session.get(ArticleRow, article_id)
            if article is None:
                raise NotFoundError(f"no article {article_id!r} in {store.url}")
            for table in (EventRow, QuoteRow):
                session.execute(delete(table).where(table.article_id == article_id))
            session.execute(delete(SentenceRow).where(SentenceRow.article_id == article_id))
            session.add_all(
                SentenceRow(article_id=article_id, idx=i, start=start, end=end)
                for i, (start, end) in enumerate(analysis.sentences))
            session.add_all(
                event_row(e, article_id=article_id, published=article.published,
                          outlet=article.outlet)
                for e in analysis.events)
            session.add_all(
                quote_row(q, article_id=article_id, published=article.published)
                for q in analysis.quotes)
            article.analyzed = datetime.now(UTC)
            article.analysis_error = None
            counts.append((len(analysis.events), len(analysis.quotes)))
    return counts


def unanalyzed_article_ids(store: Store, *, all_articles: bool = False) -> list[str]:
    query = select(ArticleRow.id).order_by(ArticleRow.published, ArticleRow.id)
    if not all_articles:
        query = query.where(ArticleRow.analyzed.is_(None))
    with store.read() as session:
        return list(session.scalars(query))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read as they come."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _conversions(connection: Connection, keys: list[str]
                 ) -> list[tuple[int, Callable[[Any], Any], dict[Any, Any]]]:
    """(position, bind conversion, memo of converted values) of each column in ``keys``
    whose type converts its values before they are sent."""
    table = EventRow.__table__
    assert isinstance(table, Table)
    dialect = connection.dialect
    return [(position, processor, {}) for position, key in enumerate(keys)
            if (processor := table.columns[key].type.dialect_impl(dialect)
                .bind_processor(dialect)) is not None]


class _NewEventWriter:
    """``INSERT ... ON CONFLICT DO NOTHING`` of many events in one ``executemany``: the
    unique (dataset, dataset_id) index skips events already stored, with no lookup per
    row. The statement is compiled once and each column's bind conversion (dates, JSON)
    runs once per distinct value: exports repeat the same days, stamps and modes."""

    def __init__(self, connection: Connection) -> None:
        dialect = connection.dialect
        table = EventRow.__table__
        assert isinstance(table, Table)
        if dialect.name == "postgresql":
            statement: Insert = postgresql.insert(table).on_conflict_do_nothing()
        elif dialect.name == "sqlite":
            statement = sqlite.insert(table).on_conflict_do_nothing()
        else:
            raise StoreError(f"dataset import needs SQLite or PostgreSQL, not {dialect.name}")
        keys = [column.key for column in table.columns if column.key != "id"]
        compiled = statement.compile(dialect=dialect, column_keys=keys)
        self.connection, self.sql = connection, str(compiled)
        self.keys = list(compiled.positiontup or []) if compiled.positional else keys
        self.positional = compiled.positional
        self.row_values = itemgetter(*self.keys)
        self.conversions = _conversions(connection, self.keys)

    def _params(self, row: dict[str, Any]) -> tuple[Any, ...]:
        values = list(self.row_values(row))
        for position, convert, seen in self.conversions:
            value = values[position]
            if value is None:
                continue
            memo = tuple(value) if isinstance(value, list) else value
            if memo not in seen:
                if len(seen) > 100_000:
                    seen.clear()
                seen[memo] = convert(value)
            values[position] = seen[memo]
        return tuple(values)

    def insert(self, rows: list[dict[str, Any]]) -> int:
        """Insert ``rows``; returns how many were new."""
        params: list[Any] = [self._params(row) for row in rows]
        if not self.positional:
            params = [dict(zip(self.keys, values, strict=True)) for values in params]
        return max(self.connection.exec_driver_sql(self.sql, params).rowcount, 0)


class _CopyEventWriter(_NewEventWriter):
    """PostgreSQL: each chunk is streamed by ``COPY`` into a temporary table, then moved
    into ``events`` by one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING``, so the
    unique (dataset, dataset_id) index skips events already stored. The temporary table
    goes with the transaction."""

    STAGE = "redline_import_events"

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection)
        table = EventRow.__table__
        assert isinstance(table, Table)
        self.keys = [column.key for column in table.columns if column.key != "id"]
        self.row_values = itemgetter(*self.keys)
        self.conversions = _conversions(connection, self.keys)
        preparer = connection.dialect.identifier_preparer
        columns = ", ".join(preparer.quote(table.columns[key].name) for key in self.keys)
        self.copy_sql = f"COPY {self.STAGE} ({columns}) FROM STDIN"
        self.move_sql = (f"INSERT INTO {preparer.format_table(table)} ({columns}) "
                         f"SELECT {columns} FROM {self.STAGE} "
                         "ON CONFLICT (dataset, dataset_id) DO NOTHING")
        connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {self.STAGE} ON COMMIT DROP AS "
            f"SELECT {columns} FROM {preparer.format_table(table)} WITH NO DATA")

    def insert(self, rows: list[dict[str, Any]]) -> int:
        raw = self.connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(self.copy_sql) as copy:
            for row in rows:
                copy.write_row(self._params(row))
        moved = max(self.connection.exec_driver_sql(self.move_sql).rowcount, 0)
        self.connection.exec_driver_sql(f"TRUNCATE {self.STAGE}")
        return moved


def _event_writer(connection: Connection) -> _NewEventWriter:
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        return _CopyEventWriter(connection)
    return _NewEventWriter(connection)


def add_dataset_events(store: Store, events: Iterable[DatasetEvent], *, chunk: int = 5000,
                       progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Store dataset events once each, keyed by (dataset, original id), in one transaction.

    Returns (new, unchanged). Re-importing the same export stores nothing new.
    """
    new = seen = 0
    with store.write() as session:
        writer = _event_writer(session.connection())
        for items in batched(events, chunk):
            new += writer.insert([_dataset_values(item) for item in items])
            seen += len(items)
            if progress is not None:
                progress(len(items))
    return new, seen - new


def import_dataset_rows(store: Store, dataset: str, rows: Iterable[tuple[str, R]],
                        build: Callable[[R], DatasetEvent], *, chunk: int = 5000,
                        progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Store the events of an export's ``rows`` ((original id, row) pairs), in one transaction.

    Rows are read in chunks of ``chunk`` and each chunk is one bulk insert, so memory stays
    bounded whatever the size of the export. The insert skips rows already stored through
    the unique (dataset, original id) index. While chunks turn out to hold ids already
    stored (a re-import), the ids of each chunk are first read in one query through that
    index, and only the other rows are built into events with ``build``; while they are
    all new (a first import), that query is skipped. An error while reading (a malformed
    row) rolls the whole export back. ``progress`` is told how many rows each chunk held.
    Returns (new, unchanged).
    """
    new = seen = 0
    look_up = True  # whether the last chunk held ids already stored
    with store.write() as session, _bulk_cache(session.connection()) as connection:
        writer = _event_writer(connection)
        for items in batched(rows, chunk):
            known = _known_ids(connection, dataset, [dataset_id for dataset_id, _row in items]
                               ) if look_up else set()
            fresh = [build(row) for dataset_id, row in items if dataset_id not in known]
            added = writer.insert([_dataset_values(item) for item in fresh]) if fresh else 0
            look_up = bool(known) or added < len(fresh)
            new += added
            seen += len(items)
            if progress is not None:
                progress(len(items))
    return new, seen - new


@contextmanager
def _bulk_cache(connection: Connection) -> Iterator[Connection]:
    """A page cache large enough for the indexes a bulk insert updates (SQLite keeps 2 MB
    by default, and a large import then rereads index pages from disk for every row)."""
    if connection.dialect.name != "sqlite":
        yield connection
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield connection
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def _known_ids(connection: Connection, dataset: str, ids: list[str]) -> set[str]:
    """Which of ``ids`` are stored for ``dataset``: one query through the unique index per
    500 ids (within every backend's limit on parameters), in plain SQL."""
    known: set[str] = set()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    cursor = connection.connection.cursor()  # this transaction's; rows read in one call
    try:
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            cursor.execute(f"SELECT dataset_id FROM {EventRow.__tablename__} WHERE dataset = "
                           f"{mark} AND dataset_id IN ({', '.join([mark] * len(part))})",
                           (dataset, *part))
            known.update(str(found) for found, in cursor.fetchall())
    finally:
        cursor.close()
    return known


def _dataset_values(item: DatasetEvent) -> dict[str, Any]:
    return event_values(item.event, article_id=None, published=item.published,
                        outlet=item.outlet, dataset=item.dataset, dataset_id=item.dataset_id,
                        source_url=item.url)
