"""The factuality model's clause features: clause type, subject kind, habit, fragments."""

from __future__ import annotations

import pytest

from redline.extract.factuality_features import (
    clause_type,
    load_clause_words,
    subject_kind,
)
from redline.extract.factuality_scale import Factuality
from redline.extract.nlp import load_nlp


def _token(text: str, word: str):  # type: ignore[no-untyped-def]
    doc = load_nlp()(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word, expected", [
    ("Call me when you land.", "Call", "imperative"),
    ("Please send the forms by Friday.", "send", "imperative"),
    ("Don't leave the car unlocked.", "leave", "imperative"),
    ("Pick it up and bring it back.", "bring", "imperative"),
    ("Did the troops cross the border?", "cross", "question"),
    ("Why would they close the road?", "close", "question"),
    ("The troops crossed the border.", "crossed", "declarative"),
    ("They will send more weapons.", "send", "declarative"),
    ("If you go, take a coat.", "go", "declarative"),
    ("I want to leave now.", "leave", "declarative"),
])
def test_clause_type(text: str, word: str, expected: str) -> None:
    assert clause_type(_token(text, word)) == expected


@pytest.mark.parametrize("text, word, expected", [
    ("I called the office twice.", "called", "pron1"),
    ("You never know with them.", "know", "pron2"),
    ("They shelled the town.", "shelled", "pron3"),
    ("People say the food is good.", "say", "generic"),
    ("Everyone knows the rules.", "knows", "generic"),
    ("Soldiers often sleep in shifts.", "sleep", "bareplural"),
    ("Russia sent troops.", "sent", "proper"),
    ("The soldiers left at dawn.", "left", "np"),
    ("Call me tomorrow.", "Call", "none"),
])
def test_subject_kind(text: str, word: str, expected: str) -> None:
    assert subject_kind(_token(text, word), load_clause_words()) == expected


def _names(text: str, word: str) -> set[str]:
    from redline.extract.factuality_features import features_of

    plain = Factuality(3.0, "confirmed")
    return {name for name, _ in features_of(_token(text, word), plain, plain)}


@pytest.mark.parametrize("text, word, present, absent", [
    ("You usually pay at the door.", "pay", {"c.simple_present|subj=pron2", "c.habitual_adv"},
     {"c.nofinite"}),
    ("The shop opens at nine.", "opens", {"c.simple_present|subj=np"}, {"c.habitual_adv"}),
    ("The shop opened at nine.", "opened", {"c.tag|subj=VBD|np"},
     {"c.habitual_adv", "c.simple_present|subj=np"}),
    ("The border was quiet.", "quiet", {"c.copula", "c.pos|dep=ADJ|acomp"}, {"c.nofinite"}),
    ("The border was closed.", "closed", {"c.tag|subj=VBN|np"}, {"c.copula"}),
    ("Great food, friendly staff and fast service.", "service", {"c.nofinite"},
     {"c.copula"}),
])
def test_clause_features_named(text: str, word: str, present: set[str], absent: set[str]
                               ) -> None:
    names = _names(text, word)
    assert present <= names
    assert not absent & names
