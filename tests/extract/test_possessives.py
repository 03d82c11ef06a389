"""Possessives (issue 8): one ending taken off every name read, the owner of an act as its
doer or as the one it is done to, and generic agents that take no state from another
doer's clause.

The sentences are invented for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import redline
from redline.errors import ValidationError
from redline.extract.actors import load_lexicon, normalise, resolve_actor
from redline.extract.gazetteer import load_gazetteer
from redline.extract.places import proper_names
from redline.extract.possessives import possessive_endings, strip_possessive
from redline.records import Event


def _state(code: str | None) -> str | None:
    return code.split("-")[0] if code else None


def _first(text: str, trigger: str) -> Event:
    events = [e for e in redline.analyze(text, published="2025-06-01").events
              if trigger in e.trigger]
    assert events, "the event is read"
    return events[0]


@pytest.mark.parametrize("text, expected", [
    ("DPRK's", "DPRK"),
    ("Pyongyang’s", "Pyongyang"),
    ("KOREA'S", "KOREA"),
    ("the allies'", "the allies"),
    ("Peruvian tanker 's", "Peruvian tanker"),
    # nothing to take off
    ("Kansas", "Kansas"),
    ("its", "its"),
    ("Boris", "Boris"),
    ("'s", "'s"),
    ("", ""),
])
def test_strip_possessive(text: str, expected: str) -> None:
    assert strip_possessive(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("the DPRK", "PRK"),
    ("the DPRK's", "PRK"),
    ("the U.S.", "USA"),
    ("the NIS", "KOR-INTEL"),
    ("DPRK", "PRK"),
    ("the dprk", None),  # an acronym is matched as written
    ("the IT", None),  # "the" before capitals that are no acronym of an actor
])
def test_an_acronym_after_the_article_is_looked_up(text: str, expected: str | None) -> None:
    assert load_lexicon().lookup(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The DPRK deployed troops.", [("DPRK", "PRK")]),
    ("Troops of the United States left.", [("United States", "USA")]),
    ("The north of the IT park flooded.", []),  # no actor named
])
def test_a_mention_is_the_name_without_its_article(text: str, expected: list[tuple[str, str]]
                                                   ) -> None:
    from redline.extract.actors import ActorIndex
    from redline.extract.nlp import load_nlp

    index = ActorIndex(load_nlp()(text))
    assert [(m.text, m.code) for m in index.mentions] == expected


@pytest.mark.parametrize("text, expected", [
    ("Pyongyang's", "PRK"),
    ("Pyongyang’s", "PRK"),
    ("DPRK's", "PRK"),
    ("the United States' ", "USA"),
    ("Chile's", "CHL"),
    ("the Philippines'", "PHL"),
    ("Kansas", None),  # an "s" ending is no possessive
])
def test_every_reader_of_names_takes_the_same_ending_off(text: str,
                                                         expected: str | None) -> None:
    lexicon = load_lexicon()
    assert lexicon.lookup(text) == expected
    assert resolve_actor(text) == expected
    assert normalise(text) == normalise(strip_possessive(text))


@pytest.mark.parametrize("phrase, expected", [
    ("Russia's Kursk region", ["Russia", "Kursk region", "Kursk"]),
    ("Russia’s Kursk region", ["Russia", "Kursk region", "Kursk"]),
    ("the Philippines' Mindanao island", ["Philippines", "Mindanao"]),
    ("eastern regions", []),
])
def test_place_names_end_at_a_possessive(phrase: str, expected: list[str]) -> None:
    assert proper_names(phrase, load_gazetteer()) == expected


def test_the_endings_file_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "possessives.yaml"
    bad.write_text('endings: ["\'s", ""]\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="endings"):
        possessive_endings(bad)
    good = tmp_path / "other.yaml"
    good.write_text('endings: ["\'", "\'S"]\n', encoding="utf-8")
    assert possessive_endings(good) == ("'s", "'")


@pytest.mark.parametrize("text, trigger, actor_text", [
    ("Chile's decision to send warships to Peru angered Bolivia.", "send", "Chile"),
    ("The DPRK's decision to deploy troops to Russia was confirmed.", "deploy", "DPRK"),
    ("Pyongyang’s plan to send troops to Kursk was confirmed.", "send", "Pyongyang"),
])
def test_an_actor_is_shown_without_its_possessive(text: str, trigger: str,
                                                  actor_text: str) -> None:
    assert _first(text, trigger).actor_text == actor_text


Sides = tuple[str | None, str | None]


@pytest.mark.parametrize("text, trigger, sides", [
    # the owner of an act does it
    ("The DPRK's decision to deploy troops to Russia was confirmed.", "deploy", ("PRK", "RUS")),
    # the owner of a noun of what is done to someone, with no "of" object, undergoes it
    ("The Bolivian fishermen's release angered Chile.", "release", (None, "BOL")),
    ("A Chilean court ordered the Peruvian tanker's release.", "release", ("CHL", "PER")),
    ("A Kenyan court ordered the Somali journalist's extradition.", "ordered", ("KEN", "SOM")),
    ("Chile condemned the Peruvian journalist's arrest.", "condemned", ("CHL", "PER")),
    # controls: an act its owner does, and owners that name no actor
    ("Chile condemned Peru's deployment into Bolivia.", "condemned", ("CHL", "PER")),
    ("The fishermen's release was welcomed.", "release", (None, None)),
])
def test_the_owner_does_the_act_or_undergoes_it(text: str, trigger: str,
                                                sides: Sides) -> None:
    event = _first(text, trigger)
    assert (_state(event.actor), _state(event.recipient)) == sides


@pytest.mark.parametrize("text, target", [
    ("Navalny's arrest sparked protests.", "Navalny"),
    ("The journalist's arrest sparked protests.", "journalist"),
])
def test_an_arrested_owner_is_the_target_not_the_actor(text: str, target: str) -> None:
    event = _first(text, "arrest")
    assert (event.actor, event.actor_text) == (None, None)
    assert event.recipient_text == target


@pytest.mark.parametrize("text, trigger, actor", [
    # no state in their own clause: none borrowed from another doer's clause
    ("Chile sent troops to Peru, and lawmakers condemned the move.", "condemned", None),
    ("Chile sent troops to Peru, and officials condemned the move.", "condemned", None),
    ("Officials condemned the strike after Russia attacked Ukraine.", "condemned", None),
    ("Legislators condemned the strike, while Kenya sent troops to Somalia.", "condemned",
     None),
    ("After Iran seized the tanker, lawmakers condemned the seizure.", "condemned", None),
    ("Lawmakers condemned the strike.", "condemned", None),
    ("Rebels said they would release a Peruvian engineer.", "release", None),
    # a state of their own clause, or of the clause reporting theirs, is theirs
    ("In Kenya, lawmakers condemned the strike.", "condemned", "KEN"),
    ("In Chile, officials arrested three smugglers.", "arrested", "CHL"),
    ("The opposition boycotted the vote, Kenyan radio said.", "boycotted", "KEN"),
    ("The opposition warned it would boycott the vote in Chile.", "boycott", "CHL"),
    ("Kenyan lawmakers condemned the strike.", "condemned", "KEN"),
])
def test_generic_agents_keep_to_their_own_clause(text: str, trigger: str,
                                                 actor: str | None) -> None:
    assert _state(_first(text, trigger).actor) == actor


@pytest.mark.xfail(strict=True, reason="'its' of a done-to noun stands for the thing seized "
                   "in the sentence before, but pronouns are resolved to earlier subjects "
                   "and named states only, never to an object")
def test_the_owner_pronoun_of_a_done_to_noun_may_stand_for_an_object() -> None:
    event = _first("Peru seized a Bolivian tanker. Chile demanded its release.", "demanded")
    assert (_state(event.actor), _state(event.recipient)) == ("CHL", "BOL")


@pytest.mark.xfail(strict=True, reason="a named 'of' object of an act its owner does is not "
                   "yet read as the one it is done to: doing so codes the warnings of "
                   "'Russia's invasion of Ukraine' before 24 February 2022 as the invasion "
                   "itself (the russia-invades-ukraine backtest crosses on 22 February); "
                   "needs the factuality of a noun event first")
@pytest.mark.parametrize("text, trigger, sides", [
    ("Chile's release of the Bolivian fishermen angered Peru.", "release", ("CHL", "BOL")),
    ("Peru's arrest of two Chilean journalists drew protests.", "arrest", ("PER", "CHL")),
    ("The release of the Bolivian fishermen by Chile angered Peru.", "release", ("CHL", "BOL")),
])
def test_the_of_object_of_an_owned_act_is_done_to(text: str, trigger: str,
                                                   sides: Sides) -> None:
    event = _first(text, trigger)
    assert (_state(event.actor), _state(event.recipient)) == sides
