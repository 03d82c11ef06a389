"""Times a text leaves unnamed: "one day" after a modal or opening a sentence, "at the
time" the text speaks of; PAST_REF or FUTURE_REF as the verb points, with future and past
readings side by side, and the same words where they are a span or no time at all."""

from __future__ import annotations

from pathlib import Path

import pytest

import redline

WEDNESDAY = "2024-10-16"


def found(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.type, e.value) for e in redline.time_expressions(text, reference=WEDNESDAY)]


@pytest.mark.parametrize(
    "future, future_found, past, past_found",
    [
        # after a modal or future auxiliary: ahead, whatever the tense of the clause
        ("Islam will one day be the largest religion.", [("one day", "DATE", "FUTURE_REF")],
         "One day, soldiers came to the village.", [("One day", "DATE", "PAST_REF")]),
        ("He hoped he would one day return.", [("one day", "DATE", "FUTURE_REF")],
         "One day he walked into the ministry.", [("One day", "DATE", "PAST_REF")]),
        # a contracted auxiliary, with a straight or a curly apostrophe
        ("He hoped he'd one day return.", [("one day", "DATE", "FUTURE_REF")],
         "One day he walked into the ministry.", [("One day", "DATE", "PAST_REF")]),
        ("It'll one day be the largest party.", [("one day", "DATE", "FUTURE_REF")],
         "One day, it was the largest party.", [("One day", "DATE", "PAST_REF")]),
        ("They’ll one day lay down their arms.", [("one day", "DATE", "FUTURE_REF")],
         "One day, they laid down their arms.", [("One day", "DATE", "PAST_REF")]),
        ("The rebels may some day lay down their arms.", [("some day", "DATE", "FUTURE_REF")],
         "One day, the rebels laid down their arms.", [("One day", "DATE", "PAST_REF")]),
        # opening a sentence, quoted or not: as the verb of its clause points
        ('"One day, we will win," he said.', [("One day", "DATE", "FUTURE_REF")],
         "He paused. ``One day, they came.''", [("One day", "DATE", "PAST_REF")]),
        # the time the text speaks of, after "at"
        ("At that time, the army will withdraw.", [("that time", "DATE", "FUTURE_REF")],
         "At the time, he was minister.", [("the time", "DATE", "PAST_REF")]),
        ("The treaty will be signed at that time.", [("that time", "DATE", "FUTURE_REF")],
         "He said at the time he was willing to withdraw.",
         [("the time", "DATE", "PAST_REF")]),
    ],
)
def test_unnamed_times_point_as_the_verb_does(
        future: str, future_found: list[tuple[str, str, str]],
        past: str, past_found: list[tuple[str, str, str]]) -> None:
    assert found(future) == future_found
    assert found(past) == past_found


@pytest.mark.parametrize(
    "text, expected",
    [
        # "one day" anywhere else is a span, or a count before an offset
        ("He had only been in the job one day.", [("one day", "DURATION", "P1D")]),
        ("He'd only been in the job one day.", [("one day", "DURATION", "P1D")]),
        ("The talks will last one day.", [("one day", "DURATION", "P1D")]),
        ("The reason is simple: one day is not enough.", [("one day", "DURATION", "P1D")]),
        ("One day is enough.", [("One day", "DURATION", "P1D")]),
        ("One day later, they left.", [("One day later", "DATE", "2024-10-17")]),
        # "the time" of something, or with no "at" before it, names no time of its own
        ("There were 12 members at the time of its founding.", []),
        ("He arrived at the time when the war began.", []),
        ("At the same time, prices rose.", []),
        ("It was the time of his life.", []),
        ("The time has come.", []),
    ],
)
def test_the_same_words_as_a_span_or_no_time(text: str,
                                             expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("section", ["indefinite_times", "anaphoric_times"])
def test_unnamed_time_values_must_be_references(tmp_path: Path, section: str) -> None:
    import yaml

    from redline.errors import ValidationError
    from redline.extract.timex_lexicon import LEXICON_FILE, load_lexicon

    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    data[section] = {"one day": "P1D"}
    edited = tmp_path / "timex.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError, match=section):
        load_lexicon(edited)


def test_the_words_that_open_a_clause_are_data(tmp_path: Path) -> None:
    """timex.yaml clause_openers decides whether "One day" opens a sentence before its
    clause; with no word of its own the text is a span."""
    import yaml

    from redline.extract.timex_lexicon import LEXICON_FILE, load_lexicon
    from redline.extract.timex_spans import mentions

    text = "One day soldiers came."
    assert [m.kind for m in mentions(text)] == ["duration"]
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    data["clause_openers"] = [*data["clause_openers"], "soldiers"]
    edited = tmp_path / "timex.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert [(m.kind, "opening" in m.parts) for m in mentions(text, load_lexicon(edited))] == [
        ("indefinite", True)]
