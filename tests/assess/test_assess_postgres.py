"""Key assessment scenarios on a real PostgreSQL server, collated as deployed servers are
(see tests/store/postgres_server.py); skipped only where no server is installed.

The module's ``store`` fixture is PostgreSQL-backed, so ``add_article`` (conftest) writes
there too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from redline.assess import assess, engine, evaluate
from redline.assess.lines import parse_lines
from redline.store import Store
from redline.store import lines as line_store

from .conftest import AddArticle, day, event

LINE = textwrap.dedent("""\
    id: ukr-incursion
    title: Russian forces attack across the northern border
    declared_by: UKR
    source: scenario
    trigger:
      description: Russia attacks Ukraine across the northern border
      actors: [RUS]
      events: [ASSAULT]
      recipients: [UKR]
    precursors:
      - indicator: massing
        actors: [RUS]
        events: [MOBILIZE]
    consequence: a general mobilisation
    """)
TABLES = ("verdicts", "redlines", "quotes", "events", "sentences", "articles")


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:
    pg_store = Store(pg_url)
    line_store.add_lines(pg_store, parse_lines(LINE))
    yield pg_store
    with pg_store.engine.begin() as connection:
        for table in TABLES:
            connection.execute(sa.text(f"DELETE FROM {table}"))
    pg_store.close()


def ids(items: list[dict[str, Any]]) -> set[int]:
    return {item["event_id"] for item in items}


def attack(actor: str, label: str = "confirmed", recipient: str = "UKR-MIL") -> Any:
    return event(f"Forces of {actor} shelled positions of {recipient}.", "ASSAULT", label,
                 actor=actor, recipient=recipient)


def test_a_sector_of_the_named_state_crosses_the_line(store: Store,
                                                      add_article: AddArticle) -> None:
    add_article("Army units shelled border posts.", outlet="The White House",
                published=day("2024-10-25"), events=[attack("RUS-MIL")])
    add_article("Other units shelled border posts.", outlet="The White House",
                published=day("2024-10-25"), events=[attack("RUSX"), attack("BLR-MIL")])
    (verdict,) = assess(store)
    assert verdict.status == "crossed"
    assert [item["actor"] for item in verdict.evidence] == ["RUS-MIL"]


@pytest.mark.parametrize("shared_window", [engine.SHARED_WINDOW, 0])
def test_incremental_assessment_matches_a_full_one(
        store: Store, add_article: AddArticle, monkeypatch: pytest.MonkeyPatch,
        shared_window: int) -> None:
    """New events are matched in Python (a small window) or in SQL (a large one): both
    must find what a full assessment finds."""
    monkeypatch.setattr(engine, "SHARED_WINDOW", shared_window)
    massing = event("Russian troops massed near the border.", "MOBILIZE", "reported",
                    actor="RUS-MIL")
    add_article("Troops massed.", outlet="Reuters", published=day("2024-10-20"),
                events=[massing, attack("RUS-GOV", "possible")])
    (first,) = assess(store)
    assert first.status == "precursors_seen" and len(first.speculated) == 1
    add_article("The attack began.", outlet="The White House", published=day("2024-10-25"),
                events=[attack("RUS-MIL"), attack("RUSSIA-MIL"), attack("RUS", "denied")])
    (second,) = assess(store)
    (again,) = assess(store, full=True)
    full = evaluate(store, "ukr-incursion")
    assert second.status == again.status == full.status == "crossed"
    for verdict in (again, full):
        assert ids(second.evidence) == ids(verdict.evidence)
        assert ids(second.speculated) == ids(verdict.speculated)
    assert {item["actor"] for item in second.evidence} == {"RUS-MIL"}
    assert {item["actor"] for item in second.speculated} == {"RUS-GOV", "RUS"}
    assert ids(first.evidence) < ids(second.evidence)


def test_as_of_before_the_article_sees_nothing(store: Store, add_article: AddArticle) -> None:
    add_article("The attack began.", outlet="The White House", published=day("2024-10-25"),
                events=[attack("RUS-MIL")])
    (before,) = assess(store, as_of=day("2024-10-24"))
    assert (before.status, before.evidence, before.speculated) == ("not_crossed", [], [])
    (after,) = assess(store, as_of=day("2024-10-25"))
    assert after.status == "crossed" and len(after.evidence) == 1
    assert line_store.latest_verdict(store, "ukr-incursion", day("2024-10-24"),
                                     kind="look-back") == before
    assert line_store.latest_verdict(store, "ukr-incursion", kind="look-back") == after
