from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from redline.errors import StoreError
from redline.store import Store
from redline.store.db import MIGRATIONS
from redline.store.models import ArticleRow


def test_migrations_create_every_table(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'sub' / 'r.db'}")
    tables = set(sa.inspect(store.engine).get_table_names())
    assert {"articles", "sentences", "events", "quotes", "redlines", "verdicts"} <= tables
    with store.read() as session:
        mode = session.execute(sa.text("PRAGMA journal_mode")).scalar()
    assert mode == "wal"


def test_reopening_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    first = Store(url)
    with first.write() as session:
        session.add(ArticleRow(id="kept", text="x", ingested=datetime.now(UTC), language="en",
                               section_headings=[], boilerplate=[]))
    tables = set(sa.inspect(first.engine).get_table_names())
    again = Store(url)
    again.migrate()
    with again.read() as session:
        revision = session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        assert session.get(ArticleRow, "kept") is not None
    heads = sorted(p.name.split("_")[0] for p in MIGRATIONS.glob("versions/0*.py"))
    assert revision == heads[-1]
    assert set(sa.inspect(again.engine).get_table_names()) == tables


def test_datetimes_come_back_as_utc(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    seoul = timezone(timedelta(hours=9))
    with store.write() as session:
        session.add(ArticleRow(id="a", text="x", ingested=datetime(2024, 10, 20, 9, tzinfo=seoul),
                               language="en", section_headings=[], boilerplate=[]))
    with store.read() as session:
        row = session.get(ArticleRow, "a")
        assert row is not None
        assert row.ingested == datetime(2024, 10, 20, 0, tzinfo=UTC)
        assert row.ingested.tzinfo is not None


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    now = datetime.now(UTC)
    with pytest.raises(StoreError), store.write() as session:
        session.add(ArticleRow(id="a", text="x", ingested=now, language="en",
                               section_headings=[], boilerplate=[]))
        session.flush()
        session.add(ArticleRow(id="a", text="y", ingested=now, language="en",
                               section_headings=[], boilerplate=[]))
    with store.read() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(ArticleRow)) == 0


def test_bad_url_names_what_is_valid() -> None:
    with pytest.raises(StoreError, match="sqlite:///"):
        Store("not a url")
