"""Which side of an event an actor lands on (issue 8): the one given to or helped is the
recipient, the doer of a condemned act is what is condemned, a possessive pronoun of a
doer stands for its antecedent, a generic body takes no state it acts on, the one called
on to act does it, and a name is no longer for the day written before or after it.

The sentences are invented for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import redline
from redline.records import Event


def _events(text: str) -> list[Event]:
    return redline.analyze(text, published="2025-06-01").events


def _first(text: str, trigger: str | None = None) -> Event:
    events = [e for e in _events(text) if trigger is None or trigger in e.trigger]
    assert events, "the event is read"
    return events[0]


def _sides(event: Event) -> tuple[str | None, str | None]:
    return event.actor, event.recipient


@pytest.mark.parametrize("text, actor, recipient", [
    # the object of a giving verb with a "with" phrase receives it
    ("Kenya supplied the Somali army with rifles.", "KEN", "SOM-MIL"),
    ("The United States equipped Ukrainian forces with tanks.", "USA", "UKR-MIL"),
    ("The government agreed to supply Bolivia with gas.", None, "BOL"),
    # the one helped or allowed is the recipient
    ("Peru helped Bolivia build a bridge.", "PER", "BOL"),
    ("The treaty allowed Chile to fish in Peruvian waters.", None, "CHL"),
    # controls: the recipient named by a preposition, and none named
    ("Kenya supplied rifles to the Somali army.", "KEN", "SOM-MIL"),
    ("Kenya supplied rifles.", "KEN", None),
])
def test_who_is_given_or_helped_is_the_recipient(text: str, actor: str | None,
                                                 recipient: str | None) -> None:
    assert _sides(_first(text)) == (actor, recipient)


@pytest.mark.parametrize("text, recipient", [
    # the doer of a condemned act, named by its possessive or its "by" phrase
    ("Chile condemned Peru's deployment into Bolivia.", "PER"),
    ("Chile condemned the deployment by Peru into Bolivia.", "PER"),
    ("Japan denounced China's incursion into Korean waters.", "CHN"),
    # controls: with no doer named, what the act is done to
    ("Chile condemned the deployment into Bolivia.", "BOL"),
    ("Chile condemned the attack on Bolivia.", "BOL"),
    # a possessor that names no actor is no doer
    ("The Chilean envoy condemned the regime's attacks on Bolivia.", "BOL"),
])
def test_a_condemned_act_is_done_to_its_doer(text: str, recipient: str) -> None:
    event = _first(text, "condemn") if "condemn" in text else _first(text)
    assert event.event == "ACCUSE"
    assert event.recipient == recipient


@pytest.mark.parametrize("text, trigger, actor, recipient", [
    # a doer's possessive pronoun stands for its antecedent
    ("Peru said its troops attacked Bolivia.", "attacked", "PER-MIL", "BOL"),
    ("Bolivia warned that its forces would strike Chile.", "strike", "BOL-MIL", "CHL"),
    # controls: what a doer acts on is no act on itself
    ("Peru withdrew its troops from Bolivia.", "withdrew", "PER", "BOL"),
    ("Peru lifted its blockade of Bolivia.", "lifted", "PER", "BOL"),
    ("Chile summoned the Peruvian ambassador to its foreign ministry.", "summoned", "CHL",
     "PER"),
])
def test_a_possessive_pronoun_of_a_doer_is_its_antecedent(
        text: str, trigger: str, actor: str, recipient: str) -> None:
    assert _sides(_first(text, trigger)) == (actor, recipient)


@pytest.mark.parametrize("text, trigger, actor", [
    # called on to act: the one called on does it
    ("Chile called on Peru to withdraw from Bolivia.", "withdraw", "PER"),
    ("Chile appealed to Peru to release the prisoners.", "release", "PER"),
    # control: the caller's own act
    ("Chile called for talks and decided to withdraw from Bolivia.", "withdraw", "CHL"),
])
def test_who_is_called_on_to_act_does_it(text: str, trigger: str, actor: str) -> None:
    assert _first(text, trigger).actor == actor


@pytest.mark.parametrize("text, actor, recipient", [
    # a generic body takes no state its verb acts on
    ("The parliament condemned the attack on Bolivia by Peru.", None, "PER"),
    ("The government agreed to provide Bolivia with gas.", None, "BOL"),
    # controls: the state where it acts, its own state, and a reported clause
    ("In Chile, the parliament approved sanctions on Bolivia.", "CHL", "BOL"),
    ("The parliament in Chile condemned the attack on Bolivia.", "CHL", "BOL"),
    ("The Peruvian parliament condemned the attack on Bolivia.", "PER", "BOL"),
])
def test_a_generic_body_takes_no_state_it_acts_on(text: str, actor: str | None,
                                                  recipient: str) -> None:
    assert _sides(_first(text)) == (actor, recipient)


@pytest.mark.parametrize("text, trigger, actor_text, recipient_text", [
    # a day before or after a name is no part of it
    ("Monday Peruvian President Ana Ruiz met Bolivian President Luis Arce.", "met",
     "Peruvian President Ana Ruiz", "Bolivian President Luis Arce"),
    ("Forces loyal to the Peruvian president on Sunday attacked Bolivia.", "attacked",
     "Forces loyal to the Peruvian president", "Bolivia"),
    ("Sunday the Chilean army attacked Bolivia.", "attacked", "Chilean army", "Bolivia"),
    ("Tuesday, Chilean President Ana Ruiz met Bolivian President Luis Arce.", "met",
     "Chilean President Ana Ruiz", "Bolivian President Luis Arce"),
    # a date inside a name is part of it
    ("The May 19 Brigade attacked Bolivian forces.", "attacked", "May 19 Brigade",
     "Bolivian forces"),
    ("The June 4 attack killed 30 Bolivian soldiers.", "killed", "June 4 attack",
     "30 Bolivian soldiers"),
    # control: a name with no day keeps all its words
    ("Forces loyal to the Peruvian president attacked Bolivia.", "attacked",
     "Forces loyal to the Peruvian president", "Bolivia"),
])
def test_a_party_is_named_without_its_day(text: str, trigger: str, actor_text: str,
                                          recipient_text: str) -> None:
    event = _first(text, trigger)
    assert (event.actor_text, event.recipient_text) == (actor_text, recipient_text)


def test_control_prepositions_must_map_verbs_to_lists(tmp_path: Path) -> None:
    from redline.errors import ValidationError
    from redline.extract.arguments import ARGUMENTS_FILE, load_arguments

    text = Path(ARGUMENTS_FILE).read_text(encoding="utf-8")
    assert "control_prepositions: {call:" in text
    broken = tmp_path / "arguments.yaml"
    broken.write_text(text.replace('control_prepositions: {call: ["on", upon],',
                                   'control_prepositions: {call: "on",'), encoding="utf-8")
    with pytest.raises(ValidationError, match="control_prepositions"):
        load_arguments(broken)
    unquoted = tmp_path / "unquoted" / "arguments.yaml"
    unquoted.parent.mkdir()
    unquoted.write_text(text.replace("control_prepositions: {call:",
                                     "control_prepositions: {on: [to], call:"), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"control_prepositions: True.*quote on"):
        load_arguments(unquoted)
    words = load_arguments()
    assert words.control_preps["call"] == ("on", "upon")
    assert {"provide", "supply"} <= words.receiving_objects
    assert "help" in words.beneficiary_verbs


@pytest.mark.parametrize("text, trigger, actor, recipient", [
    # a verb of one's own acts: its subject does the act its object names
    ("The Chilean president cancelled a planned visit to Peru.", "visit", "CHL", "PER"),
    ("Chile postponed its offensive against Bolivia.", "offensive", "CHL", "BOL"),
    # controls: the act's own doer, and a verb of someone else's act
    ("Chile postponed the visit of Bolivia's minister to Peru.", "visit", "BOL", None),
    # cancelling another's visit is itself a refusal of the visitor (REJECT, event_verbs.yaml)
    ("The Chilean president cancelled the visit of Bolivia's minister to Peru.", "visit",
     "CHL", "BOL"),
    ("Chile watched the attack on Bolivia.", "attack", None, "BOL"),
])
def test_a_verb_of_ones_own_acts_gives_its_subject_as_doer(
        text: str, trigger: str, actor: str | None, recipient: str | None) -> None:
    assert _sides(_first(text, trigger)) == (actor, recipient)


@pytest.mark.parametrize("text, recipient", [
    # an object named by its modifiers or its apposition comes before a place phrase
    ("Chilean officials met U.S. envoy Ana Ruiz at a hotel in Peru.", "USA"),
    ("Chilean officials met Ana Ruiz, a senior Bolivian diplomat, at a hotel in Peru.", "BOL"),
    # controls: an object that names no actor leaves the place phrase, and an owner is no
    # recipient
    ("Chilean officials met the envoy at a hotel in Peru.", "PER"),
    ("Chile reaffirmed the UN's commitment to Bolivia.", "BOL"),
])
def test_an_object_named_by_its_own_words_is_the_recipient(text: str, recipient: str) -> None:
    assert _first(text).recipient == recipient


@pytest.mark.parametrize("text, trigger, recipient", [
    # what a threatened act is done to, named by its modifiers, is what the threat is to
    ("Chile threatened to attack any Peruvian troops that remain in Bolivia.", "threatened",
     "PER-MIL"),
    ("Serbian units threatened to shell British forces based in the Bosnian city of Vitez.",
     "threatened", "GBR-MIL"),
    # control: an object that names no actor leaves its place
    ("Chile threatened to attack the troops in Peru.", "threatened", "PER"),
])
def test_a_threat_is_to_the_named_object_of_its_act(text: str, trigger: str,
                                                    recipient: str) -> None:
    event = _first(text, trigger)
    assert (event.event, event.recipient) == ("THREATEN", recipient)


@pytest.mark.parametrize("text, trigger, recipient", [
    # a clause as an argument stands for its subject, not for a place inside it
    ("Peru opened an investigation into whether Ana Ruiz, the former Chilean ambassador to "
     "Lima, was spied on.", "investigation", ("CHL", "Ana Ruiz")),
    ("The Commission accused the law of attacking civil society in Hungary.", "accused",
     (None, None)),
    # control: a noun phrase keeps its own reading
    ("Peru opened an investigation into the Chilean ambassador.", "investigation",
     ("CHL", "Chilean ambassador")),
])
def test_a_clause_as_an_argument_stands_for_its_subject(
        text: str, trigger: str, recipient: tuple[str | None, str | None]) -> None:
    event = _first(text, trigger)
    assert (event.recipient, event.recipient_text) == recipient


@pytest.mark.parametrize("text, actor", [
    # a document speaks for its author, and is no actor itself
    ("A statement issued by the Kenyan ministry condemned Somalia.", ("KEN", "Kenyan ministry")),
    ("A statement from the Chilean foreign ministry condemned the Bolivian attack on Peru.",
     ("CHL", "Chilean foreign ministry")),
    ("The report of the Peruvian defence ministry accused Bolivia of war crimes.",
     ("PER", "Peruvian defence ministry")),
    ("A report by the Kenyan ministry accused Somalia of war crimes.",
     ("KEN", "Kenyan ministry")),
    ("A 500-page report released Tuesday accused Chile of war crimes.", (None, None)),
    ("A report in the Kenyan press accused Somalia of war crimes.", ("KEN", "report")),
    # an apposition to a document is no author of it (a caption's photo, misparsed)
    ("In this June 2 photo, Peruvian President Ana Ruiz meets Bolivian President Luis Arce.",
     ("PER", "Peruvian President Ana Ruiz")),
    # a generic author takes no state its document acts on
    ("A statement from the ministry condemned Somalia.", (None, "ministry")),
    ("A statement issued by the ministry condemned Somalia.", (None, "ministry")),
    # controls: an author named in the document's own words
    ("The Kenyan report accused Somalia of war crimes.", ("KEN", "Kenyan report")),
    ("The Kenyan ministry condemned Somalia.", ("KEN", "Kenyan ministry")),
])
def test_a_document_is_no_actor(text: str, actor: tuple[str | None, str | None]) -> None:
    event = _first(text)
    assert (event.actor, event.actor_text) == actor


def test_the_possessor_of_an_ordered_release_is_released() -> None:
    event = _first("A Chilean court ordered the Peruvian tanker's release.")
    assert _sides(event) == ("CHL", "PER")


@pytest.mark.xfail(strict=True, reason="the small parser hangs 'called' on 'report' as a "
                   "reduced relative (acl), which the reader takes as a passive whose "
                   "subject is done to")
def test_a_document_that_calls_for_an_act_is_no_recipient() -> None:
    event = _first("A Chilean report called for sanctions against Peru.", "called")
    assert event.recipient != "CHL"
