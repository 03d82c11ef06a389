"""Checks every backend must pass, run on SQLite (test_store_queries) and on PostgreSQL
(test_store_postgres): what the SQL prefilters keep must be what assessment keeps."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from redline.assess.matching import code_matches
from redline.records import Analysis, Event, Pattern, StoredEvent
from redline.store import Store
from redline.store import lines as line_store
from redline.store.browse import SearchQuery, get_article, search, search_choices
from redline.store.db import MIGRATIONS
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow, Base
from redline.store.search_full_text import beside_models

FAR = datetime(2100, 1, 1, tzinfo=UTC)
#: States, their sectors, and codes that only look like them.
CODES = ["RUS", "RUS-MIL", "RUS-GOV-INTEL", "RUSX", "RU", "RUS_MIL", "RUS.MIL", "rus-mil",
         "UKR", "UKR-MIL", "UKRAINE", "BLR-MIL", None]


def downgrade(store: Store, revision: str) -> None:
    """Take ``store``'s schema down to ``revision`` with the project's migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def schema_drift(store: Store) -> list[Any]:
    """What Alembic autogenerate would change to make the database match the models
    (leaving out the full-text objects the models do not declare)."""
    def declared(_object: Any, name: str | None, kind: str, _reflected: bool,
                 _compare_to: Any) -> bool:
        return not beside_models(name, kind)

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": declared})
        return list(compare_metadata(context, Base.metadata))


def add_article(store: Store, article_id: str, published: datetime | None = None) -> None:
    with store.write() as session:
        session.add(ArticleRow(id=article_id, text="", ingested=datetime.now(UTC),
                               published=published, language="en", section_headings=[],
                               boilerplate=[]))


def event_row(article_id: str, **values: Any) -> dict[str, Any]:
    row = {"article_id": article_id, "dataset": "test", "event_type": "ASSAULT",
           "context": [], "objects": [], "factuality": 3.0, "factuality_label": "confirmed",
           "published": datetime(2024, 10, 20, tzinfo=UTC)}
    return row | values


def check_codes_match_as_assessment_does(store: Store) -> None:
    """The actor and recipient prefilter keeps exactly the events whose codes assessment
    matches: a state and its sectors, nothing that only starts with the same letters."""
    add_article(store, "codes")
    line_store.bulk_insert(store, "events", [
        event_row("codes", actor=actor, recipient=recipient)
        for actor, recipient in itertools.product(CODES, CODES)])
    pattern = Pattern("trigger", actors=("RUS", "BLR"), events=("ASSAULT",),
                      recipients=("UKR",))
    found = {(e.record.actor, e.record.recipient) for e in line_store.matching_events(
        store, pattern, line_store.Window(upto=FAR))}
    expected = {(actor, recipient) for actor, recipient in itertools.product(CODES, CODES)
                if code_matches(actor, pattern.actors)
                and code_matches(recipient, pattern.recipients)}
    assert found == expected
    assert ("RUS-MIL", "UKR-MIL") in found and ("RUS-GOV-INTEL", "UKR") in found


def check_quote_needles_are_literal(store: Store) -> None:
    """'%' and '_' in a needle are characters, not wildcards; case does not matter."""
    add_article(store, "quotes", datetime(2024, 10, 20, tzinfo=UTC))
    contents = ["Prices rose 50% in a year.", "Prices rose 500 percent.", "The A_B case.",
                "The AXB case.", "Nothing here."]
    line_store.bulk_insert(store, "quotes", [
        {"article_id": "quotes", "kind": "direct", "content": content, "content_start": 0,
         "content_end": len(content), "published": datetime(2024, 10, 20, tzinfo=UTC)}
        for content in contents])
    found = line_store.quotes_in_window(store, line_store.Window(upto=FAR), ["50%", "a_b"])
    assert sorted(q.record.content for q in found) == ["Prices rose 50% in a year.",
                                                   "The A_B case."]


def check_search_orders_by_utc_day(store: Store) -> None:
    """Undated events sort by the UTC day of their publication, whatever the session's
    time zone: 20:00 UTC on 20 October is still the 20th."""
    add_article(store, "search")
    late = event_row("search", sentence="Published late on the 20th, UTC.",
                     published=datetime(2024, 10, 20, 20, tzinfo=UTC))
    dated = event_row("search", sentence="Dated the 21st.", date_start=date(2024, 10, 21),
                      published=datetime(2024, 10, 22, tzinfo=UTC))
    line_store.bulk_insert(store, "events", [late])  # the lower id: first among equal days
    line_store.bulk_insert(store, "events", [dated])
    results = search(store, SearchQuery(kind="events"))
    assert [e.record.sentence for e in results.events] == [dated["sentence"], late["sentence"]]
    on_20th = search(store, SearchQuery(kind="events", date_from=date(2024, 10, 20),
                                        date_to=date(2024, 10, 20)))
    assert [e.record.sentence for e in on_20th.events] == [late["sentence"]]


def check_place_and_assertion_round_trip(store: Store) -> None:
    """Where an event happened and how its source commits to it come back from every
    read path: the article page, search, and the records assessment reads."""
    add_article(store, "places", datetime(2024, 11, 4, tzinfo=UTC))
    located = Event(event="ASSAULT", span=(0, 30), factuality=2.5, factuality_label="reported",
                    actor="PRK-MIL", location="Kursk", location_country="RUS",
                    location_region="RU-KRS", assertion="reported",
                    sentence="North Korean troops fought in Kursk.")
    nowhere = Event(event="ASSAULT", span=(31, 50), factuality=1.0,
                    factuality_label="possible", actor="RUS", location="the Korean Peninsula",
                    assertion="hearsay", sentence="Russia may strike, reportedly.")
    replace_analysis(store, "places", Analysis(text="", events=[located, nowhere]))
    expected = [("Kursk", "RUS", "RU-KRS", "reported"),
                ("the Korean Peninsula", None, None, "hearsay")]

    def fields(event: StoredEvent) -> tuple[Any, ...]:
        return tuple(getattr(event.record, name) for name in
                     ("location", "location_country", "location_region", "assertion"))

    assert [fields(e) for e in get_article(store, "places").events] == expected
    found = search(store, SearchQuery(kind="events", text="Kursk")).events
    assert [fields(e) for e in found] == expected[:1]
    assessed = line_store.matching_events(store, Pattern("trigger", events=("ASSAULT",)),
                                          line_store.Window(upto=FAR))
    assert sorted(map(fields, assessed), key=str) == sorted(expected, key=str)


def check_search_pages_with_counts(store: Store) -> None:
    """Search reads one page at a time, newest first, and counts every match in SQL;
    the choices offered are the distinct codes and types present."""
    add_article(store, "pages")
    rows = [event_row("pages", sentence=f"Event {n}.", actor=("RUS" if n % 2 else "PRK"),
                      date_start=date(2024, 10, 1 + n)) for n in range(7)]
    line_store.bulk_insert(store, "events", rows)
    first = search(store, SearchQuery(kind="events", limit=3))
    assert [e.record.sentence for e in first.events] == ["Event 6.", "Event 5.", "Event 4."]
    assert (first.events_total, first.events_truncated) == (7, True)
    last = search(store, SearchQuery(kind="events", limit=3, offset=6))
    assert [e.record.sentence for e in last.events] == ["Event 0."]
    assert (last.events_total, last.events_truncated) == (7, False)
    russian = search(store, SearchQuery(kind="events", actor="rus", limit=2, offset=2))
    assert [e.record.sentence for e in russian.events] == ["Event 1."]
    assert russian.events_total == 3
    nothing = search(store, SearchQuery(kind="events", actor="CHN"))
    assert (nothing.events, nothing.events_total, nothing.events_truncated) == ([], 0, False)
    choices = search_choices(store)
    assert "PRK" in choices["actors"] and "RUS" in choices["actors"]
    assert choices["actors"] == sorted(set(choices["actors"]))
