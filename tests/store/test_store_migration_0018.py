"""Migration 0018 (events keep whose aim they are) on a store that already holds rows:
rows stored at 0017 are kept and read with no aim, an aim written after it comes back
from every read path, and going back to 0017 keeps the rows and their full-text index."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from redline.records import Analysis, Event, Pattern, StoredEvent
from redline.store import Store
from redline.store import lines as line_store
from redline.store.browse import SearchQuery, get_article, search
from redline.store.evidence import replace_analysis
from redline.store.full_text_index import index_new_rows
from tests.store.store_cases import downgrade, schema_drift

FAR = datetime(2100, 1, 1, tzinfo=UTC)
AIM = Event(event="COERCE", span=(0, 29), factuality=0.0, factuality_label="unconfirmed",
            actor="RUS", recipient="UKR", attributed_to="KOR", attributed_text="Seoul",
            intended_by="RUS", intended_text="Russia",
            sentence="Seoul said Russia aims to seize Kharkiv.")


def _old_rows(connection: sa.Connection) -> None:
    """An article and an event as revision 0017 stored them (its columns only)."""
    connection.execute(sa.text(
        "INSERT INTO articles (id, text, ingested, language, section_headings, boilerplate) "
        "VALUES ('old', '', '2024-10-20 00:00:00', 'en', '[]', '[]')"))
    connection.execute(sa.text(
        "INSERT INTO events (article_id, dataset, event_type, actor, actor_text, context, "
        "factuality, factuality_label, attributed_to, attributed_text, objects, sentence, "
        "published, sort_day, end_day) VALUES ('old', 'redline', 'MOBILIZE', 'PRK', "
        "'North Korea', '[]', 3.0, 'confirmed', 'USA', 'Washington', '[]', "
        "'Pyongyang sent troops to Kursk.', '2024-10-20 00:00:00', '2024-10-20', "
        "'2024-10-20')"))


def _columns(store: Store) -> set[str]:
    return {c["name"] for c in sa.inspect(store.engine).get_columns("events")}


def _aims(events: list[StoredEvent]) -> list[tuple[str, str | None, str | None, str | None]]:
    return sorted((e.record.sentence, e.record.intended_by, e.record.intended_text,
                   e.record.attributed_to) for e in events)


def _full_text_consistent(store: Store) -> None:
    if store.dialect != "sqlite":
        return
    with store.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)"))


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = f"sqlite:///{tmp_path / 'old.db'}" if request.param == "sqlite" else \
        request.getfixturevalue("pg_url")
    if request.param == "postgresql":  # one server per module: each test starts empty
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    store = Store(url, migrate=False)
    store.migrate("0017")
    with store.engine.begin() as connection:
        if store.dialect == "postgresql":
            connection.execute(sa.text("SET TIME ZONE 'UTC'"))
        _old_rows(connection)
        if store.dialect == "sqlite":
            index_new_rows(connection)  # as a write at 0017 indexes what it stored
    return store


def test_upgrade_keeps_rows_and_reads_aims(old_store: Store) -> None:
    store = old_store
    assert {"intended_by", "intended_text"}.isdisjoint(_columns(store))
    store.migrate()
    assert store.revision() == "0018" and schema_drift(store) == []
    old = ("Pyongyang sent troops to Kursk.", None, None, "USA")  # no aim, its source kept
    assert _aims(list(get_article(store, "old").events)) == [old]
    with store.engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO articles (id, text, ingested, published, language, "
            "section_headings, boilerplate) VALUES ('new', '', '2024-10-21 00:00:00', "
            "'2024-10-21 00:00:00', 'en', '[]', '[]')"))
    replace_analysis(store, "new", Analysis(text="", events=[AIM]))
    new = (AIM.sentence, "RUS", "Russia", "KOR")
    assert _aims(list(get_article(store, "new").events)) == [new]
    assert _aims(search(store, SearchQuery(kind="events", text="Kharkiv")).events) == [new]
    assert _aims(search(store, SearchQuery(kind="events", text="Kursk")).events) == [old]
    assessed = line_store.matching_events(store, Pattern("trigger", events=("COERCE",)),
                                          line_store.Window(upto=FAR))
    assert _aims(list(assessed)) == [new]
    _full_text_consistent(store)
    store.close()


def test_downgrade_keeps_rows(old_store: Store) -> None:
    store = old_store
    store.migrate()
    with store.engine.begin() as connection:
        connection.execute(sa.text("UPDATE events SET intended_by = 'PRK', intended_text = "
                                   "'Pyongyang' WHERE article_id = 'old'"))
    downgrade(store, "0017")
    assert store.revision() == "0017"
    assert {"intended_by", "intended_text"}.isdisjoint(_columns(store))
    with store.engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT sentence, attributed_to FROM events")).all()
    assert [tuple(r) for r in rows] == [("Pyongyang sent troops to Kursk.", "USA")]
    _full_text_consistent(store)  # the full-text triggers of 0017 were not dropped
    if store.dialect == "sqlite":
        with store.engine.connect() as connection:
            triggers = set(connection.scalars(sa.text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'events'")))
        assert triggers == {"events_fts_delete", "events_fts_update"}
    store.migrate()  # and up again
    assert store.revision() == "0018"
    store.close()
