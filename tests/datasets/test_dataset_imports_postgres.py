"""Dataset imports on a real PostgreSQL server: ``COPY`` into a temporary table, then one
``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` per chunk; the same rows as on SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from tests.datasets.test_dataset_imports import export, run, stored

from redline.store import Store
from redline.store.models import EventRow


def _rows(store: Store) -> list[dict[str, Any]]:
    """Every stored event's columns but the row id, in original-id order."""
    columns = [c for c in EventRow.__table__.columns if c.key != "id"]
    with store.read() as session:
        found = [dict(row._mapping) for row in session.execute(sa.select(*columns))]
    return sorted(found, key=lambda row: int(row["dataset_id"]))


def test_copy_import_reimport_and_rollback_match_sqlite(pg_url: str, tmp_path: Path) -> None:
    postgres, sqlite = Store(pg_url), Store(f"sqlite:///{tmp_path / 'redline.db'}")
    first = tmp_path / "20241018000000.export.CSV"
    first.write_text(export(range(1, 12_001)), encoding="utf-8")  # over two chunks of 5,000
    overlapping = tmp_path / "20241018001500.export.CSV"
    overlapping.write_text(export(range(11_001, 13_001), code="190"), encoding="utf-8")
    bad = tmp_path / "20241018003000.export.CSV"
    bad.write_text(export(range(20_000, 26_000)) + "x\ty\n", encoding="utf-8")  # after a chunk
    for store in (postgres, sqlite):
        assert run(store, first) == [(12_000, 0, None)]
        assert run(store, first) == [(0, 12_000, None)]
        assert run(store, overlapping) == [(1_000, 1_000, None)]
        (outcome,) = run(store, bad)
        assert outcome[2] is not None and "line 6001: 2 columns" in outcome[2]
    assert stored(postgres) == [str(n) for n in range(1, 13_001)]
    assert _rows(postgres) == _rows(sqlite)
