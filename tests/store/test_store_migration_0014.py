"""Migration 0014 on a store that already holds rows: events and quotes stored before it
are found by full-text search, dated by their end day, and verdicts carry their counts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from redline.store import Store
from redline.store.browse import SearchQuery, search
from redline.store.verdict_pages import history_page, latest_summaries

PUBLISHED = date(2024, 10, 20)  # the UTC day of '2024-10-20 00:00:00'
EVIDENCE = [
    {"event_id": 1, "role": "precursor", "factuality": 3.0, "reliability": "B",
     "credibility": 2, "sentence": "Troops crossed the border."},
    {"event_id": 2, "role": "trigger", "factuality": 3.0, "reliability": "C",
     "credibility": 3, "sentence": "Missiles were handed over."},
    {"event_id": 3, "role": "trigger", "factuality": 2.5, "reliability": "A",
     "credibility": 1, "sentence": "Officials said more would follow."},
]


def _old_rows(connection: sa.Connection) -> None:
    """Rows as revision 0011 stored them (its columns only)."""
    connection.execute(sa.text(
        "INSERT INTO articles (id, text, ingested, language, section_headings, boilerplate) "
        "VALUES ('old', '', '2024-10-20 00:00:00', 'en', '[]', '[]')"))
    connection.execute(sa.text(
        "INSERT INTO events (article_id, dataset, event_type, actor, actor_text, context, "
        "factuality, factuality_label, objects, sentence, date_start, date_end, published, "
        "sort_day) VALUES ('old', 'redline', 'AID', 'PRK', 'North Korea', '[]', 3.0, "
        "'confirmed', '[]', :sentence, :start, :end, '2024-10-20 00:00:00', "
        ":day)"),
        [{"sentence": "Pyongyang shipped shells to Moscow.", "start": date(2024, 9, 1),
          "end": date(2024, 9, 30), "day": date(2024, 9, 1)},
         {"sentence": "Moscow may send jets.", "start": None, "end": None, "day": PUBLISHED},
         {"sentence": None, "start": None, "end": None, "day": PUBLISHED}])
    connection.execute(sa.text(
        "INSERT INTO quotes (article_id, speaker, kind, content_start, content_end, content, "
        "published) VALUES ('old', 'Park Won-gon', 'direct', 0, 5, 'No proof so far.', "
        "'2024-10-20 00:00:00')"))
    connection.execute(sa.text(
        "INSERT INTO redlines (id, title, declared_by, spec, added, updated) VALUES "
        "('line', 'A line', 'KOR', '{}', '2024-06-01 00:00:00', '2024-06-01 00:00:00')"))
    connection.execute(sa.text(
        "INSERT INTO verdicts (line_id, as_of, computed, status, evidence, speculated, "
        "assessments, changed, kind) VALUES ('line', :as_of, :as_of, :status, :evidence, "
        ":speculated, '[]', '{}', 'live')"),
        [{"as_of": "2024-10-01 00:00:00", "status": "not_crossed", "evidence": "[]",
          "speculated": "[]"},
         {"as_of": "2024-10-20 00:00:00", "status": "precursors_seen",
          "evidence": json.dumps(EVIDENCE), "speculated": json.dumps(EVIDENCE[:1])}])


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    store = Store(url, migrate=False)
    store.migrate("0011")
    with store.engine.begin() as connection:
        if store.dialect == "postgresql":
            connection.execute(sa.text("SET TIME ZONE 'UTC'"))
        _old_rows(connection)
    store.migrate()
    return store


def test_rows_stored_before_0014_are_searched_and_summarised(old_store: Store) -> None:
    def sentences(**filters: object) -> list[str]:
        found = search(old_store, SearchQuery(kind="events", **filters))  # type: ignore[arg-type]
        return [e.record.sentence for e in found.events]

    assert sentences(text="shells") == ["Pyongyang shipped shells to Moscow."]
    assert sentences(text="moscow") == ["Moscow may send jets.",
                                        "Pyongyang shipped shells to Moscow."]
    # A row with no sentence (as GDELT rows are) is not in the full-text index, its name
    # neither: it is found by its code.
    assert sentences(actor="north korea") == ["Moscow may send jets.",
                                              "Pyongyang shipped shells to Moscow."]
    # a row stored with no sentence reads as the record's default, ""
    assert sentences(actor="PRK") == ["", "Moscow may send jets.",
                                      "Pyongyang shipped shells to Moscow."]
    # September 1-30 overlaps a range that starts in its middle; undated ones are 20 October.
    assert sentences(date_from=date(2024, 9, 15), date_to=date(2024, 9, 16)) == [
        "Pyongyang shipped shells to Moscow."]
    quotes = search(old_store, SearchQuery(kind="quotes", text="proof")).quotes
    assert [q.record.speaker for q in quotes] == ["Park Won-gon"]
    latest = latest_summaries(old_store)["line"]
    assert (latest.status, latest.evidence_count, latest.speculated_count) == (
        "precursors_seen", 3, 1)
    assert latest.strongest is not None and latest.strongest["event_id"] == 2  # a trigger
    assert [v.evidence_count for v in history_page(old_store, "line")] == [3, 0]
    old_store.close()
