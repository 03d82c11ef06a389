"""SQLite's FTS5 indexes filled once per write (migration 0017): whatever a write does to
rows (insert, edit, delete, in any order, before or after they are indexed), the index
holds exactly the stored text, as FTS5's own integrity check and search both say."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from redline.store import Store
from redline.store import lines as line_store
from redline.store.browse import SearchQuery, search
from redline.store.full_text_index import MARKS
from redline.store.models import EventRow
from tests.store.store_cases import add_article, downgrade, event_row


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'index.db'}")
    add_article(store, "index", datetime(2024, 10, 20, tzinfo=UTC))
    return store


def _consistent(store: Store, against_content: bool = True) -> None:
    """FTS5's integrity check, against the content tables too (rank 1: it takes a row
    with no text, which the index leaves out by design, for a missing one)."""
    with store.engine.begin() as connection:
        for fts in ("events_fts", "quotes_fts"):
            connection.execute(sa.text(f"INSERT INTO {fts}({fts}, rank) VALUES "
                                       f"('integrity-check', {int(against_content)})"))


def _sentences(store: Store, text: str) -> list[str]:
    found = search(store, SearchQuery(kind="events", text=text)).events
    return sorted(e.record.sentence or "" for e in found)


def _insert(session: sa.orm.Session, sentence: str | None) -> None:
    session.execute(sa.insert(EventRow), [event_row("index", sentence=sentence)])


def test_rows_written_are_found_when_the_write_commits(store: Store) -> None:
    line_store.bulk_insert(store, "events", [event_row("index", sentence=f"Shells hit Sumy {n}.")
                                             for n in range(50)])
    line_store.bulk_insert(store, "quotes", [{
        "article_id": "index", "speaker": "A spokesman", "kind": "direct", "content_start": 0,
        "content_end": 10, "content": "The shelling went on.",
        "published": datetime(2024, 10, 20, tzinfo=UTC)}])
    assert len(_sentences(store, "sumy")) == 50
    assert len(search(store, SearchQuery(kind="quotes", text="shelling")).quotes) == 1
    _consistent(store)


def test_edits_and_deletes_in_the_write_that_inserts_them(store: Store) -> None:
    line_store.bulk_insert(store, "events", [event_row("index", sentence="Old news from Kyiv.")])
    with store.write() as session:
        for sentence in ("Drones over Odesa.", "Tanks near Kharkiv.", "Ships in Sevastopol."):
            _insert(session, sentence)
        session.execute(sa.text("UPDATE events SET sentence = 'Drones over Lviv.' "
                                "WHERE sentence = 'Drones over Odesa.'"))
        session.execute(sa.text("DELETE FROM events WHERE sentence = 'Tanks near Kharkiv.'"))
        session.execute(sa.text("UPDATE events SET sentence = 'New news from Kyiv.' "
                                "WHERE sentence = 'Old news from Kyiv.'"))  # indexed already
    assert _sentences(store, "drones") == ["Drones over Lviv."]
    assert _sentences(store, "odesa OR kharkiv") == []
    assert _sentences(store, "kyiv") == ["New news from Kyiv."]
    assert _sentences(store, "sevastopol") == ["Ships in Sevastopol."]
    _consistent(store)
    with store.engine.begin() as connection:  # indexed rows edited and deleted outside writes
        connection.execute(sa.text("UPDATE events SET sentence = 'Ships off Crimea.' "
                                   "WHERE sentence = 'Ships in Sevastopol.'"))
        connection.execute(sa.text("DELETE FROM events WHERE sentence LIKE 'Drones%'"))
    assert _sentences(store, "sevastopol OR drones") == []
    assert _sentences(store, "crimea") == ["Ships off Crimea."]
    _consistent(store)


def test_rows_without_text_stay_out_of_the_index(store: Store) -> None:
    with store.write() as session:
        _insert(session, None)
        _insert(session, "")
        _insert(session, "Convoy near Izium.")
        session.execute(sa.text("UPDATE events SET sentence = NULL WHERE sentence = ''"))
    assert _sentences(store, "izium") == ["Convoy near Izium."]
    _consistent(store, against_content=False)
    with store.engine.begin() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM events_fts_docsize")) == 1


def test_a_failed_write_leaves_no_row_and_no_index_entry(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        _insert(session, "Rockets hit Dnipro.")
        raise RuntimeError("interrupted")
    assert _sentences(store, "dnipro") == []
    line_store.bulk_insert(store, "events", [event_row("index", sentence="Rockets hit Poltava.")])
    assert _sentences(store, "rockets") == ["Rockets hit Poltava."]
    _consistent(store)


def _indexed(store: Store, word: str) -> list[str]:
    """The sentences the index finds for ``word``, read without the models (a store at an
    earlier revision lacks columns they declare)."""
    with store.engine.connect() as connection:
        return sorted(connection.scalars(sa.text(
            "SELECT e.sentence FROM events_fts JOIN events e ON e.id = events_fts.rowid "
            "WHERE events_fts MATCH :word"), {"word": word}))


def test_the_migration_marks_what_the_triggers_indexed_and_goes_back(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'steps.db'}"
    earlier = Store(url, migrate=False)
    earlier.migrate("0014")  # its insert triggers index each row
    add_article(earlier, "steps")
    line_store.bulk_insert(earlier, "events", [event_row("steps", sentence="Mines in Kherson.")])
    earlier.migrate("0017")
    with earlier.engine.connect() as connection:
        marks = dict(connection.execute(sa.text(f"SELECT name, upto FROM {MARKS}")).all())
        top = connection.scalar(sa.text("SELECT max(id) FROM events"))
    assert marks == {"events": top, "quotes": 0}
    line_store.bulk_insert(earlier, "events", [event_row("steps", sentence="Mines in Mykolaiv.")])
    assert _indexed(earlier, "mines") == ["Mines in Kherson.", "Mines in Mykolaiv."]
    downgrade(earlier, "0014")
    with earlier.engine.begin() as connection:  # the insert trigger is back
        connection.execute(sa.text(
            "INSERT INTO events (article_id, dataset, event_type, context, objects, factuality, "
            "factuality_label, sentence) VALUES ('steps', 'test', 'AID', '[]', '[]', 3.0, "
            "'confirmed', 'Mines in Odesa.')"))
    assert len(_indexed(earlier, "mines")) == 3
    _consistent(earlier)
