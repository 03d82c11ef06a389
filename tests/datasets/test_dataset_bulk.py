"""Bulk imports store the same rows as the records do: the values a reader gives for a row
(``FlatRows``) and the constants of its template make the row its event makes, and on
SQLite the full-text index and the schema come out of an import as the row-by-row path
leaves them, whether it succeeds or fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from tests.datasets.test_datasets import PRK_MIL, RUS, gdelt_row

from redline.datasets import FlatRows, dataset_flat
from redline.datasets.files import READERS
from redline.errors import InputError, StoreError
from redline.records import DatasetEvent
from redline.store import Store, dataset_import
from redline.store.dataset_import import (
    add_dataset_events,
    dataset_values,
    import_dataset_rows,
)
from redline.store.models import EventRow


def _gdelt_cells(event_id: str, code: str, **cells: str) -> str:
    row = gdelt_row(event_id, code, PRK_MIL, RUS).split("\t")
    for position, value in cells.items():
        row[int(position.removeprefix("c"))] = value
    return "\t".join(row)


#: Rows that take each branch of the GDELT reader: no URL, no date, no stamp, a place in
#: no country, an actor with a type but no country, names with quotes.
GDELT = "\n".join([
    _gdelt_cells("1", "154"),
    _gdelt_cells("2", "190", c60="", c52="", c53=""),
    _gdelt_cells("3", "072", c1="2024130", c59=""),  # no day, no stamp: no published time
    _gdelt_cells("4", "0332", c59="", c52="Donetsk, Donets'ka Oblast', Ukraine", c53="UP"),
    _gdelt_cells("5", "1823", c7="", c12="MIL", c6="O'BRIEN \"QUOTED\"", c60="no-scheme.org/x"),
    _gdelt_cells("6", "010"),  # a statement: no PLOVER type, not stored
    _gdelt_cells("7", "163", c52="Seoul, Seoul-t'ukpyolsi, South Korea", c53="KS"),
]) + "\n"

#: ACLED rows: fatalities or none, a stamp or none, a source or none, notes with quotes,
#: a short row, a date in words; the file has no admin or iso columns.
ACLED = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,location,"
    "source,notes,fatalities,timestamp\n"
    "UKR1,2024-11-05,Battles,Armed clash,Military Forces of Russia (2000-),"
    "Military Forces of Ukraine (2019-),Ukraine,Kursk,Ukrainska Pravda,"
    "\"Clash near the border, \"\"heavy\"\" losses.\",3,1730851200\n"
    "UKR2,6 November 2024,Protests,Peaceful protest,Protesters (Ukraine),,Ukraine,Kyiv,,,0,\n"
    "UKR3,2024-11-07,Riots,Violent demonstration,Rioters (Ukraine)\n"
    "UKR4,2024-11-08,Explosions/Remote violence,Shelling/artillery/missile attack,"
    "Military Forces of Russia (2000-),,Ukraine,Kharkiv,Reuters,Strikes on the city.,12,\n"
)


def _source(dataset: str) -> str:
    return {"gdelt": GDELT, "acled": ACLED}[dataset]


def _rows(dataset: str) -> list[tuple[str, Any]]:
    return list(READERS[dataset].rows(_source(dataset), source="<test>"))


def _stored(store: Store) -> list[dict[str, Any]]:
    """Every stored event's columns but the row id, in original-id order."""
    columns = [c for c in EventRow.__table__.columns if c.key != "id"]
    with store.read() as session:
        found = [dict(row._mapping) for row in session.execute(sa.select(*columns))]
    return sorted(found, key=lambda row: str(row["dataset_id"]))


@pytest.mark.parametrize("dataset", ["gdelt", "acled"])
def test_a_rows_values_and_its_template_are_the_flat_values_of_its_event(dataset: str) -> None:
    reader = READERS[dataset]
    flat_rows = reader.flat_rows("<test>")
    rows = _rows(dataset)
    assert len(rows) == {"gdelt": 6, "acled": 4}[dataset]
    for _id, row in rows:
        expected = dataset_flat(reader.event(row, "<test>"))
        given = {**dataset_flat(flat_rows.template),
                 **dict(zip(flat_rows.fields, flat_rows.values(row), strict=True))}
        # a list of the flat form may be given as a tuple (a value the store memoises)
        assert {k: list(v) if isinstance(v, tuple) else v for k, v in given.items()} == expected


@pytest.mark.parametrize("dataset", ["gdelt", "acled"])
def test_the_bulk_import_stores_the_rows_the_orm_stores(dataset: str, tmp_path: Path) -> None:
    bulk, orm = (Store(f"sqlite:///{tmp_path / name}") for name in ("bulk.db", "orm.db"))
    reader = READERS[dataset]
    rows = _rows(dataset)
    assert import_dataset_rows(bulk, dataset, rows, reader.flat_rows("<test>")) == (len(rows), 0)
    with orm.write() as session:  # one ORM object per event, with the columns' defaults
        session.add_all(EventRow(**dataset_values(reader.event(row, "<test>")))
                        for _id, row in rows)
    assert _stored(bulk) == _stored(orm)
    assert import_dataset_rows(bulk, dataset, rows, reader.flat_rows("<test>")) == (0, len(rows))
    assert len(_stored(bulk)) == len(rows)


def test_events_given_as_records_are_stored_as_their_rows(tmp_path: Path) -> None:
    bulk, orm = (Store(f"sqlite:///{tmp_path / name}") for name in ("bulk.db", "orm.db"))
    events = [READERS["acled"].event(row, "<test>") for _id, row in _rows("acled")]
    assert add_dataset_events(bulk, events) == (4, 0)
    with orm.write() as session:
        session.add_all(EventRow(**dataset_values(event)) for event in events)
    assert _stored(bulk) == _stored(orm)
    assert add_dataset_events(bulk, events) == (0, 4)
    assert add_dataset_events(bulk, []) == (0, 0)


def test_fields_that_name_no_column_are_refused(store: Store) -> None:
    template = READERS["gdelt"].flat_rows("<test>").template
    for fields in (("dataset_id", "colour"), ("dataset_id", "sort_day"),
                   ("dataset_id", "dataset_id")):
        with pytest.raises(StoreError, match="name no column of events"):
            import_dataset_rows(store, "gdelt", [("1", None)],
                                FlatRows(template, fields, lambda _row: ("1", "x")))


def _schema(store: Store) -> list[tuple[str, str, str]]:
    with store.read() as session:
        return sorted((str(kind), str(name), str(sql)) for kind, name, sql in session.execute(
            sa.text("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")))


def _matching(store: Store, words: str) -> list[str]:
    with store.read() as session:
        return sorted(str(found) for found, in session.execute(sa.text(
            "SELECT dataset_id FROM events WHERE id IN "
            "(SELECT rowid FROM events_fts WHERE events_fts MATCH :words)"), {"words": words}))


def _acled_rows(count: int, start: int = 0) -> list[tuple[str, Any]]:
    header, *lines = ACLED.splitlines()
    body = [lines[n % len(lines)].replace(f"UKR{n % len(lines) + 1},", f"UKR{n},", 1)
            for n in range(start, start + count)]
    return list(READERS["acled"].rows("\n".join([header, *body]) + "\n", source="<test>"))


def test_a_large_import_rebuilds_what_it_dropped_and_indexes_its_text(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset_import, "DEFER_INDEXES_AFTER", 10)
    before = _schema(store)
    rows = _acled_rows(60)
    flat_rows = READERS["acled"].flat_rows("<test>")
    dropped: list[list[str]] = []
    load = dataset_import._SqliteLoad
    original = load.finish

    def finish(self: dataset_import._SqliteLoad) -> None:
        dropped.append(list(self.indexes or []))
        original(self)

    monkeypatch.setattr(load, "finish", finish)
    assert import_dataset_rows(store, "acled", rows, flat_rows, chunk=20) == (60, 0)
    assert len(dropped[0]) >= 8  # the secondary indexes were dropped, and are back
    assert _schema(store) == before
    # 15 rows each of "Strikes on the city." and of the quoted clash (the others have none)
    assert len(_matching(store, "strikes city")) == len(_matching(store, "heavy losses")) == 15
    # an event stored by a later write is indexed when that write commits
    assert add_dataset_events(store, [_row_event("UKR999", "A convoy at the bridge.")]) == (1, 0)
    assert _matching(store, "convoy") == ["UKR999"]
    # a second import into a larger table keeps its indexes (60 rows before it, 30 added)
    dropped.clear()
    assert import_dataset_rows(store, "acled", _acled_rows(30, start=60), flat_rows,
                               chunk=20) == (30, 0)
    assert dropped == [[]]
    assert len(_matching(store, "strikes city")) == 15 + 7


def _row_event(event_id: str, notes: str) -> DatasetEvent:
    (_id, row), *_ = _acled_rows(1)
    line, cells = row
    item = READERS["acled"].event((line, (event_id, *cells[1:12], notes, *cells[13:])), "<t>")
    return item


def test_a_failed_import_leaves_the_schema_and_the_store_as_they_were(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset_import, "DEFER_INDEXES_AFTER", 10)
    add_dataset_events(store, [_row_event("UKR999", "A convoy at the bridge.")])
    before, stored = _schema(store), _stored(store)

    def rows() -> Any:
        yield from _acled_rows(50)
        raise InputError("<test>", "line 52: a malformed row")

    with pytest.raises(InputError, match="line 52"):
        import_dataset_rows(store, "acled", rows(), READERS["acled"].flat_rows("<test>"),
                            chunk=20)
    assert _schema(store) == before
    assert _stored(store) == stored
    assert _matching(store, "convoy") == ["UKR999"] and _matching(store, "strikes") == []
    with store.read() as session:
        assert session.execute(sa.text("PRAGMA cache_size")).scalar() == -2000


def test_an_acled_row_with_a_bad_date_names_its_line(store: Store) -> None:
    text = ACLED.replace("6 November 2024", "the sixth")
    with pytest.raises(InputError, match=r"line 3: event_date 'the sixth' is not a date"):
        import_dataset_rows(store, "acled", READERS["acled"].rows(text, source="<test>"),
                            READERS["acled"].flat_rows("<test>"))
    assert _stored(store) == []
