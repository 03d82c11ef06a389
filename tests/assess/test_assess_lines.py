from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from redline.assess import lines as red_lines
from redline.assess.lines import load_lines, parse_lines
from redline.errors import InputError, ValidationError
from redline.store import Store
from redline.store import lines as line_store
from redline.store.models import RedLineRow

from .conftest import sample_path

GOOD = textwrap.dedent("""\
    - id: test-line
      title: A test line
      declared_by: KOR
      declared: 2024-06-20
      source: a public statement
      trigger:
        actors: [RUS]
        events: [AID]
        recipients: PRK
        objects: [satellite]
        corroboration: {sources: 2, reliability: C}
      precursors:
        - indicator: troops
          actors: [PRK]
          events: [MOBILIZE]
      consequence: something is done
      options: [one, two]
    """)


def test_sample_lines_are_valid_and_grounded() -> None:
    lines = load_lines(sample_path("redlines.yaml"))
    assert {line.id for line in lines} >= {"rok-lethal-aid"}
    assert len(lines) >= 2
    seed = next(line for line in lines if line.id == "rok-lethal-aid")
    assert seed.declared_by == "KOR" and seed.declared == "2024-06"
    assert seed.trigger.actors == ("RUS",) and seed.trigger.recipients == ("PRK",)
    assert {p.indicator for p in seed.precursors} >= {"troop-deployment"}
    for line in lines:
        assert line.source and line.consequence
        # A line that cites a sample text by URL cites one that ships with the sample.
        for url in [w for w in line.source.split() if w.startswith("https://bidenwhitehouse")]:
            sidecars = " ".join(p.read_text() for p in sample_path("us-gov").glob("*.meta.json"))
            assert url in sidecars


def test_a_good_file_is_read() -> None:
    (line,) = parse_lines(GOOD, source="good.yaml")
    assert line.declared == "2024-06-20"
    assert line.trigger.recipients == ("PRK",)
    assert line.trigger.corroboration[0].sources == 2
    assert line.trigger.min_factuality == 2.5
    assert line.precursors[0].indicator == "troops"
    assert line.options == ("one", "two")
    assert line.spec["declared"] == "2024-06-20"


@pytest.mark.parametrize("old, new, where, field, valid", [
    ("events: [AID]", "events: [GIVE]", 8, "trigger.events[0]", "PLOVER event type"),
    ("actors: [RUS]", "actors: [Russia]", 7, "trigger.actors[0]", "ISO 3166"),
    ("declared: 2024-06-20", "declared: June 2024", 4, "declared", "YYYY-MM"),
    ("objects: [satellite]", "objects: [satellite]\n    min_factuality: possible", 11,
     "trigger.min_factuality", "confirmed, reported"),
    ("corroboration: {sources: 2, reliability: C}",
     "corroboration: {sources: 2, reliability: G}", 11, "reliability", "A, B, C, D, E, F"),
    ("corroboration: {sources: 2, reliability: C}", "corroboration: {sources: 0}", 11,
     "sources", "at least 1"),
    ("  - indicator: troops\n", "  - description: troops\n", 13, "precursors[0].indicator",
     "name each precursor"),
    ("  consequence: something is done\n", "", 1, "consequence", "a red line needs"),
    ("  options: [one, two]", "  option: [one, two]", 17, "option", "valid fields"),
    ("id: test-line", "id: Test Line", 1, "id", "lowercase"),
    ("    recipients: PRK\n", "    recipients: PRK\n    recipients: RUS\n", 10, "recipients",
     "given twice"),
])
def test_a_bad_file_names_file_line_field_and_what_is_valid(
        old: str, new: str, where: int, field: str, valid: str) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    with pytest.raises(ValidationError) as caught:
        parse_lines(text, source="lines.yaml")
    error = caught.value
    assert error.location == f"lines.yaml:{where}"
    assert field in error.field
    assert valid in error.problem


def test_duplicate_ids_and_broken_yaml_are_rejected() -> None:
    with pytest.raises(ValidationError, match="unique") as caught:
        parse_lines(GOOD + GOOD.replace("- id", "- id", 1), source="dup.yaml")
    assert caught.value.location == "dup.yaml:18"
    with pytest.raises(ValidationError, match="not valid YAML") as caught:
        parse_lines("- id: [unclosed\n", source="broken.yaml")
    assert caught.value.location.startswith("broken.yaml:")
    with pytest.raises(ValidationError, match="empty"):
        parse_lines("", source="empty.yaml")


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_lines(tmp_path / "nope.yaml")


def _stored(store: Store) -> list[tuple[str, str, object]]:
    with store.read() as session:
        return [tuple(row) for row in session.execute(
            sa.select(RedLineRow.id, RedLineRow.title, RedLineRow.spec).order_by(RedLineRow.id))]


def test_a_bad_file_leaves_the_store_unchanged(store: Store, tmp_path: Path) -> None:
    line_store.add_lines(store, load_lines(sample_path("redlines.yaml")))
    before = _stored(store)
    changed = GOOD.replace("title: A test line", "title: Changed") + GOOD.replace(
        "test-line", "second").replace("events: [MOBILIZE]", "events: [NOPE]")
    bad = tmp_path / "bad.yaml"
    bad.write_text(changed.replace("test-line", "rok-lethal-aid"))
    with pytest.raises(ValidationError, match=r"bad\.yaml:"):
        line_store.add_lines(store, load_lines(bad))
    assert _stored(store) == before


def test_re_adding_an_id_updates_it(store: Store) -> None:
    (line,) = parse_lines(GOOD)
    line_store.add_lines(store, [line])
    (changed,) = parse_lines(GOOD.replace("title: A test line", "title: Changed"))
    line_store.add_lines(store, [changed])
    stored = red_lines.get_line(store, "test-line")
    assert stored.title == "Changed"
    assert stored.updated is not None
    assert [ln.id for ln in red_lines.list_lines(store)] == ["test-line"]
