"""One PLOVER vocabulary for the event reader and for red-line files."""

from __future__ import annotations

import pytest

from redline.assess.lines import event_types
from redline.extract.event_typing import load_typer, split_yield
from redline.extract.patterns import load_patterns
from redline.plover import current_types, vocabulary


def _produced() -> set[str]:
    patterns = load_patterns()
    kinds = {r.event for table in (patterns.verbs, patterns.nouns)
             for readings in table.values() for r in readings if r.event}
    kinds |= {split_yield(kind, proposal) for kind in load_typer().classes
              for proposal in (None, "CONCEDE", "RETREAT")}
    return kinds


def test_every_type_a_red_line_may_name_is_one_the_reader_produces() -> None:
    produced = _produced()
    for name in event_types():
        assert set(current_types(name)) <= produced, name
    assert produced <= set(vocabulary().types)


@pytest.mark.parametrize("name, types", [
    ("FIGHT", ("ASSAULT",)), ("DEMAND", ("REQUEST",)), ("DISAPPROVE", ("ACCUSE",)),
    ("INVESTIGATE", ("ACCUSE",)), ("YIELD", ("CONCEDE", "RETREAT")), ("AID", ("AID",)),
])
def test_earlier_names_stand_for_current_types(name: str, types: tuple[str, ...]) -> None:
    assert current_types(name) == types


def test_a_red_line_naming_an_earlier_type_matches_the_current_one() -> None:
    from redline.assess.lines import parse_lines

    text = """\
- id: draft-names
  title: Names of the earlier draft
  declared_by: KOR
  source: a public statement
  trigger:
    actors: [RUS]
    events: [FIGHT, YIELD, ASSAULT]
  consequence: something is done
"""
    (line,) = parse_lines(text, source="draft.yaml")
    assert line.trigger.events == ("ASSAULT", "CONCEDE", "RETREAT")
