"""Dataset events (GDELT, ACLED) in bulk: each chunk of rows is one ``executemany`` of
``INSERT ... ON CONFLICT (dataset, dataset_id) DO NOTHING`` on SQLite, one ``COPY`` into a
temporary table and one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` on PostgreSQL, so
the unique (dataset, original id) index skips events already stored with no lookup per row.

A row costs what varies in it: the reader gives a tuple of the values that change from row
to row (``datasets.FlatRows``); the values every row shares are written into the statement
once, as constants; each bind conversion (days, stamps, JSON) runs once per distinct value.

On SQLite, an import also loads the way a bulk load should, inside its own transaction
(so a crash or an error rolls all of it back, the schema included): a page cache large
enough for the indexes it updates, and once the rows it added outnumber those stored
before, the secondary indexes of ``events`` dropped and built again at the end, which is
cheaper than updating them row by row. The unique index stays throughout. The full-text
index of the new rows is filled when the write commits, in one statement
(``store.full_text_index``), as for every write.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, repeat
from typing import Any, TypeVar

from sqlalchemy import JSON, Column, Connection, Dialect, String, Table

from redline.datasets import FlatRows, dataset_flat
from redline.errors import StoreError
from redline.records import DatasetEvent
from redline.store.db import Store
from redline.store.evidence import COLUMN_OF_FIELD, batched, event_values
from redline.store.models import EventRow, end_day, search_day

R = TypeVar("R")
BULK_CACHE_KIB = 262_144  # 256 MiB of SQLite page cache while importing
#: Secondary indexes are dropped once an import has added this many rows, and at least
#: as many as the table held before it (so the rebuild covers at most twice the rows the
#: import added).
DEFER_INDEXES_AFTER = 5_000
#: Columns computed from the others (``models.search_day`` and ``models.end_day``).
DERIVED = ("sort_day", "end_day")
#: ``dataset_flat`` names that name a column of their own.
COLUMN_OF_NAME = {**COLUMN_OF_FIELD, "url": "source_url"}


def _table() -> Table:
    table = EventRow.__table__
    assert isinstance(table, Table)
    return table


def dataset_values(item: DatasetEvent) -> dict[str, Any]:
    """The column values of a dataset event's row."""
    return event_values(item.event, article_id=None, published=item.published,
                        outlet=item.outlet, dataset=item.dataset, dataset_id=item.dataset_id,
                        source_url=item.url)


class _Converted(dict[Any, Any]):
    """A column's bind conversion, memoised: exports repeat the same days, stamps and
    modes, so each distinct value is converted once (None stays None)."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__({None: None})
        self.convert = convert

    def __missing__(self, value: Any) -> Any:
        if len(self) > 100_000:
            self.clear()
            self[None] = None
        converted = self[value] = self.convert(value)
        return converted


class _RowPlan:
    """How one reader's rows become statement parameters: the columns bound per row (the
    reader's fields, then the derived days) and those written as constants. A chunk is
    converted column by column, so the work per row in Python is the reader's."""

    def __init__(self, connection: Connection, rows: FlatRows) -> None:
        base = dataset_values(rows.template)
        names = [COLUMN_OF_NAME.get(name, name) for name in rows.fields]
        wrong = [field for field, name in zip(rows.fields, names, strict=True)
                 if name not in base or name in DERIVED or names.count(name) > 1]
        if wrong:
            raise StoreError(f"dataset field(s) {', '.join(wrong)} name no column of "
                             f"{EventRow.__tablename__} (or repeat one); valid: "
                             f"{', '.join(c for c in base if c not in DERIVED)}")
        self.values, self.width, self.base = rows.values, len(names), base
        dialect, table = connection.dialect, _table()
        self.at = {name: position for position, name in enumerate(names)}
        bound = [*names, *DERIVED]
        # A constant that cannot be written as a plain SQL literal is bound on every row,
        # converted once.
        self.constants: dict[str, str] = {}
        extra: list[Any] = []
        for name, value in base.items():
            if name in bound:
                continue
            column = table.columns[name]
            processor = column.type.dialect_impl(dialect).bind_processor(dialect)
            converted = processor(value) if processor is not None and value is not None \
                else value
            literal = _sql_literal(converted, column, dialect)
            if literal is None:
                bound.append(name)
                extra.append(converted)
            else:
                self.constants[name] = literal
        self.bound, self.extra = bound, extra
        self.conversions = [
            (position, _Converted(processor))
            for position, name in enumerate(bound[:len(bound) - len(extra)])
            if (processor := table.columns[name].type.dialect_impl(dialect)
                .bind_processor(dialect)) is not None]

    def _column(self, columns: list[Any], name: str, count: int) -> Any:
        position = self.at.get(name)
        return columns[position] if position is not None else repeat(self.base[name], count)

    def params(self, rows: list[Any]) -> list[tuple[Any, ...]]:
        """The bound values of each of ``rows``, converted as the driver takes them."""
        count = len(rows)
        values = [self.values(row) for row in rows]
        columns: list[Any] = list(zip(*values, strict=True))
        if len(columns) != self.width:
            raise StoreError(f"a dataset reader gave {len(columns)} values for a row, "
                             f"not the {self.width} of its fields")
        start, end, published = (self._column(columns, name, count)
                                 for name in ("date_start", "date_end", "published"))
        start, published = list(start), list(published)
        columns += [list(map(search_day, start, published)),
                    list(map(end_day, start, end, published))]
        columns += [[value] * count for value in self.extra]
        for position, converted in self.conversions:
            columns[position] = list(map(converted.__getitem__, columns[position]))
        return list(zip(*columns, strict=True))


def _sql_literal(value: Any, column: Column[Any], dialect: Dialect) -> str | None:
    """``value`` (as the driver would be given it) as an SQL literal of ``column``'s type;
    None when it is not a plain string, number or NULL (it is bound instead)."""
    if value is None:
        literal = "NULL"
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        literal = repr(value)
    elif isinstance(value, str) and "\x00" not in value and "%" not in value:
        literal = "'" + value.replace("'", "''") + "'"
    else:
        return None
    if dialect.name != "postgresql":
        return literal  # SQLite gives a literal the column's affinity, as a bound value
    # A literal in INSERT ... SELECT has no type of its own on PostgreSQL: cast it (text,
    # not VARCHAR(n), so that a value too long still fails rather than being cut).
    kind = "text" if isinstance(column.type, String) and not isinstance(column.type, JSON) \
        else column.type.compile(dialect=dialect)
    return f"CAST({literal} AS {kind})"


class _InsertWriter:
    """``INSERT ... ON CONFLICT (dataset, dataset_id) DO NOTHING`` of a chunk in one
    ``executemany``, the constants written in the statement."""

    def __init__(self, connection: Connection, plan: _RowPlan) -> None:
        if connection.dialect.name not in ("sqlite", "postgresql"):
            raise StoreError("dataset import needs SQLite or PostgreSQL, not "
                             f"{connection.dialect.name}")
        self.connection, self.plan = connection, plan
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        preparer = connection.dialect.identifier_preparer
        table = _table()
        self.columns = ", ".join(preparer.quote(table.columns[name].name)
                                 for name in [*plan.bound, *plan.constants])
        self.table_name = preparer.format_table(table)
        values = ", ".join([mark] * len(plan.bound) + list(plan.constants.values()))
        self.sql = (f"INSERT INTO {self.table_name} ({self.columns}) VALUES ({values}) "
                    "ON CONFLICT (dataset, dataset_id) DO NOTHING")

    def insert(self, rows: list[Any]) -> int:
        """Insert ``rows`` (as the reader gave them); returns how many were new."""
        return max(self.connection.exec_driver_sql(self.sql, self.plan.params(rows)).rowcount, 0)


class _CopyWriter(_InsertWriter):
    """PostgreSQL: each chunk's bound values are streamed by ``COPY`` into a temporary
    table, then moved into ``events`` with the constants by one ``INSERT ... SELECT ...
    ON CONFLICT DO NOTHING``. The temporary table goes with the transaction."""

    STAGE = "redline_import_events"

    def __init__(self, connection: Connection, plan: _RowPlan) -> None:
        super().__init__(connection, plan)
        preparer = connection.dialect.identifier_preparer
        table = _table()
        staged = ", ".join(preparer.quote(table.columns[name].name) for name in plan.bound)
        self.copy_sql = f"COPY {self.STAGE} ({staged}) FROM STDIN"
        self.move_sql = (f"INSERT INTO {self.table_name} ({self.columns}) "
                         f"SELECT {', '.join([staged, *plan.constants.values()])} "
                         f"FROM {self.STAGE} ON CONFLICT (dataset, dataset_id) DO NOTHING")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS pg_temp.{self.STAGE}")
        connection.exec_driver_sql(
            f"CREATE TEMPORARY TABLE {self.STAGE} ON COMMIT DROP AS "
            f"SELECT {staged} FROM {self.table_name} WITH NO DATA")

    def insert(self, rows: list[Any]) -> int:
        raw = self.connection.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(self.copy_sql) as copy:
            for params in self.plan.params(rows):
                copy.write_row(params)
        moved = max(self.connection.exec_driver_sql(self.move_sql).rowcount, 0)
        self.connection.exec_driver_sql(f"TRUNCATE {self.STAGE}")
        return moved


def _writer(connection: Connection, rows: FlatRows) -> _InsertWriter:
    plan = _RowPlan(connection, rows)
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        return _CopyWriter(connection, plan)
    return _InsertWriter(connection, plan)


class _SqliteLoad:
    """What an SQLite import changes for its own transaction, and puts back before it
    commits: the page cache and (once the import is large next to the table) the secondary
    indexes. Every change is part of the transaction, so an
    import that fails rolls them back with its rows."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.table = EventRow.__tablename__
        self.cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        # Ids only grow (AUTOINCREMENT): the rows added are those above this one.
        self.before = int(connection.exec_driver_sql(
            f"SELECT coalesce(max(id), 0) FROM {self.table}").scalar() or 0)
        self.indexes: list[str] | None = None  # their SQL, while dropped

    def added(self, rows: int) -> None:
        """The import has added ``rows`` so far: drop the secondary indexes once that is
        at least as many as the table held before (and ``DEFER_INDEXES_AFTER``)."""
        if self.indexes is not None or rows < max(DEFER_INDEXES_AFTER, self.before):
            return
        unique = {str(row[1]) for row in self.connection.exec_driver_sql(
            f"PRAGMA index_list({self.table})") if row[2]}
        found = self.connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL ORDER BY name", (self.table,)).all()
        self.indexes = []
        for name, sql in found:
            if name not in unique:
                self.connection.exec_driver_sql(f'DROP INDEX "{name}"')
                self.indexes.append(str(sql))

    def finish(self) -> None:
        """Build the dropped indexes again."""
        for sql in self.indexes or ():
            self.connection.exec_driver_sql(sql)
        self.indexes = None

    def restore_cache(self) -> None:
        self.connection.exec_driver_sql(f"PRAGMA cache_size={int(self.cache or -2000)}")


@contextmanager
def _bulk_load(connection: Connection) -> Iterator[Callable[[int], None]]:
    """Within one write transaction: yields what to call with the rows added so far."""
    if connection.dialect.name != "sqlite":
        yield lambda _rows: None
        return
    load = _SqliteLoad(connection)
    try:
        yield load.added
        load.finish()
    finally:
        load.restore_cache()


def import_dataset_rows(store: Store, dataset: str, rows: Iterable[tuple[str, R]],
                        flat_rows: FlatRows, *, chunk: int = 5000,
                        progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Store the events of an export's ``rows`` ((original id, row) pairs), in one transaction.

    Rows are read in chunks of ``chunk`` and each chunk is one bulk insert, so memory stays
    bounded whatever the size of the export. The insert skips rows already stored through
    the unique (dataset, original id) index. While chunks turn out to hold ids already
    stored (a re-import), the ids of each chunk are first read in one query through that
    index, and only the other rows are turned into values by ``flat_rows``; while they are
    all new (a first import), that query is skipped. An error while reading (a malformed
    row) rolls the whole export back. ``progress`` is told how many rows each chunk held.
    Returns (new, unchanged).
    """
    with store.write() as session:
        return _store_rows(session.connection(), rows, flat_rows, dataset, chunk, progress)


def add_dataset_events(store: Store, events: Iterable[DatasetEvent], *, chunk: int = 5000,
                       progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Store dataset events once each, keyed by (dataset, original id), in one transaction.

    Returns (new, unchanged). Re-importing the same events stores nothing new.
    """
    items = iter(events)
    first = next(items, None)
    if first is None:
        return 0, 0
    flat_rows = FlatRows(first, tuple(dataset_flat(first)), _hashable_values)
    with store.write() as session:
        return _store_rows(session.connection(),
                           ((item.dataset_id, item) for item in chain([first], items)),
                           flat_rows, None, chunk, progress)


def _hashable_values(item: DatasetEvent) -> tuple[Any, ...]:
    """``dataset_flat`` of an event as a reader gives values: its lists as tuples."""
    return tuple(tuple(value) if isinstance(value, list) else value
                 for value in dataset_flat(item).values())


def _store_rows(connection: Connection, rows: Iterable[tuple[str, R]], flat_rows: FlatRows,
                dataset: str | None, chunk: int,
                progress: Callable[[int], None] | None) -> tuple[int, int]:
    """The chunked insert of both entry points; ``dataset`` None: no look-ups of known ids."""
    new = seen = 0
    look_up = dataset is not None  # whether the last chunk held ids already stored
    writer = _writer(connection, flat_rows)
    with _bulk_load(connection) as added_so_far:
        for items in batched(rows, chunk):
            known = _known_ids(connection, dataset, [dataset_id for dataset_id, _row in items]
                               ) if look_up and dataset is not None else set()
            fresh = [row for dataset_id, row in items if dataset_id not in known]
            added = writer.insert(fresh) if fresh else 0
            look_up = dataset is not None and (bool(known) or added < len(fresh))
            new += added
            seen += len(items)
            added_so_far(new)
            if progress is not None:
                progress(len(items))
    return new, seen - new


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
