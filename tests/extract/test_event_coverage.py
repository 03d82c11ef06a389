"""Constructions the event reader must read (issue 8): movement and incursion, combat
phrasings, nominal events, participles and gerunds, possessive and passive agents,
pronouns, transcript labels, and sentences that report no political interaction.

The sentences are invented for these tests, except where marked as quoted from the
public-domain White House briefings in ../shared/corpus/wh-briefings.
"""

from __future__ import annotations

import pytest

import redline

Expected = tuple[str, str | None, str | None]  # (event type, actor, recipient)


def _main(text: str) -> Expected | None:
    events = redline.analyze(text, published="2024-11-04").events
    if not events:
        return None
    main = events[0]
    return main.event, main.actor, main.recipient


def _state(code: str | None) -> str | None:
    return code.split("-")[0] if code else None


CONSTRUCTIONS = [
    # movement and incursion of armed forces
    pytest.param("Vietnam moved two thousand soldiers into Laos last week.",
                 ("MOBILIZE", "VNM", "LAO")),
    pytest.param("Chilean troops crossed into Bolivia on Monday.", ("MOBILIZE", "CHL", "BOL")),
    pytest.param("Belarusian soldiers entered Lithuania overnight.", ("MOBILIZE", "BLR", "LTU")),
    pytest.param("Peru sent troops into Ecuador after the border clash.",
                 ("MOBILIZE", "PER", "ECU")),
    ("Turkey launched a ground operation in Syria.", ("ASSAULT", "TUR", "SYR")),
    ("Venezuelan tanks rolled into Guyana in March.", ("MOBILIZE", "VEN", "GUY")),
    ("Serbian soldiers infiltrated Kosovo overnight.", ("MOBILIZE", "SRB", "XKX")),
    ("Ukrainian troops pushed into the Kursk region.", ("MOBILIZE", "UKR", "RUS")),
    ("Thousands of Peruvian soldiers poured across the border into Ecuador.",
     ("MOBILIZE", "PER", "ECU")),
    # combat phrasings
    ("Nigerien units engaged in combat with Malian forces.", ("ASSAULT", "NER", "MLI")),
    ("Armenian soldiers are suffering losses near the border.", ("ASSAULT", None, "ARM")),
    ("Sudanese forces conducted assaults on Chad.", ("ASSAULT", "SDN", "TCD")),
    ("Malian troops attacked a Burkinabe border post.", ("ASSAULT", "MLI", "BFA")),
    # attacking a right, a plan or a record is criticism, not combat
    ("The Cuban minister attacked Chile's right to hold the summit.", ("ACCUSE", "CUB", "CHL")),
    ("Peru's president attacked the Bolivian plan in a speech.", ("ACCUSE", "PER", "BOL")),
    # nominal events
    pytest.param("The deployment of Cuban troops into Venezuela alarmed Colombia.",
                 ("MOBILIZE", "CUB", "VEN")),
    ("Egypt's provision of rockets to Libya worries Tunisia.", ("AID", "EGY", "LBY")),
    # participles and gerunds
    pytest.param("Ghanaian troops deployed to Togo last month remain there.",
                 ("MOBILIZE", "GHA", "TGO")),
    pytest.param("Greece angered Turkey by sending warships to Cyprus.",
                 ("MOBILIZE", "GRC", "CYP")),
]


@pytest.mark.parametrize("text, expected", CONSTRUCTIONS)
def test_event_constructions(text: str, expected: Expected) -> None:
    found = _main(text)
    assert found is not None, "no event found"
    assert (found[0], _state(found[1]), _state(found[2])) == expected


@pytest.mark.parametrize("text, expected", [
    (p.values[0], p.values[1]) if hasattr(p, "values") else p for p in CONSTRUCTIONS])
def test_event_constructions_find_who_and_whom(text: str, expected: Expected) -> None:
    """Whatever type is decided, the event is found with its actor and recipient."""
    found = _main(text)
    assert found is not None, "no event found"
    assert (_state(found[1]), _state(found[2])) == expected[1:]


@pytest.mark.parametrize("text, expected", [
    # the possessive agent of an event noun governing the action
    ("Mongolia's decision to deploy troops to Kazakhstan surprised observers.",
     ("MOBILIZE", "MNG", "KAZ")),
    # the by-agent of a passive
    ("The tanker was seized by Iranian forces.", ("COERCE", "IRN", None)),
    # he/she/they/it resolved within the article
    ("Kenyan President William Ruto spoke on Monday. He later visited Uganda.",
     ("CONSULT", "KEN", "UGA")),
    ("Bolivia denied the claim. It then expelled the Peruvian ambassador.",
     ("SANCTION", "BOL", "PER")),
])
def test_actor_constructions(text: str, expected: Expected) -> None:
    events = redline.analyze(text, published="2024-11-04").events
    assert events, "no event found"
    main = next((e for e in events if e.event == expected[0]), events[0])
    assert (main.event, _state(main.actor), _state(main.recipient)) == expected


@pytest.mark.parametrize("text", [
    "Q    Is Norway sending troops to Finland?\n\nMS. JEAN-PIERRE:  I won't get ahead of that.",
    "MODERATOR:  Next question.\n\nQ  Did Poland send tanks to Ukraine?",
    "THE PRESIDENT:  We will send aid to Ukraine.\n\nQ  When?",
])
def test_transcript_labels_are_never_actors(text: str) -> None:
    events = redline.analyze(text).events
    assert events, "the sending is read"
    labels = {"Q", "MODERATOR", "THE PRESIDENT", "MS. JEAN-PIERRE"}
    assert all((e.actor_text or "").upper() not in labels for e in events)
    assert all((e.recipient_text or "").upper() not in labels for e in events)


def test_unknown_actor_is_kept_as_text() -> None:
    events = redline.analyze("The Azure Front attacked a convoy near the river.").events
    assert events and events[0].event == "ASSAULT"
    assert events[0].actor is None and events[0].actor_text and "Azure Front" in (
        events[0].actor_text)


@pytest.mark.parametrize("text", [
    "A 500-page report released Tuesday details the costs of the program.",
    "The agency released its annual report on Thursday.",
    "Unemployment rose to 4.1 percent in October.",
    "Exports fell 3 percent from a year earlier, the statistics office said.",
    "The survey of 2,000 adults was published in March.",
    "The weather was mild and the markets were quiet.",
    "The museum opens at nine and closes at five.",
    "Rainfall this year was twice the average.",
    # moving into something is an incursion only for armed forces
    "Investors poured money into bonds.",
    "Tourists poured into Lima for the holidays.",
    "The senator pushed for a vote on the budget.",
    # a relative pronoun stands for what is released: a document
    "The strategy, which was released in May, sets out 200 actions.",
    "The budget that was released on Monday cuts spending.",
])
def test_no_event(text: str) -> None:
    assert redline.analyze(text).events == []


def test_pronoun_subject_of_movement_verb() -> None:
    text = "Israeli forces entered the city. Even so, they did operate in Rafah."
    events = redline.analyze(text).events
    assert any(e.trigger.startswith("operate") for e in events)


@pytest.mark.parametrize("text, trigger, expected", [
    # an adjective naming a state does the event a noun names
    ("The Chilean strikes continued for a week.", "strikes", ("ASSAULT", "CHL", None)),
    ("Residents fled the Sudanese attacks.", "attacks", ("ASSAULT", "SDN", None)),
    # a place an attack strikes, or a movement enters or ends in, is done to its state
    ("Eritrean forces shelled Kassala overnight.", "shelled", ("ASSAULT", "ERI", "SDN")),
    ("Ecuadorian drones struck a depot near Tumbes.", "struck", ("ASSAULT", "ECU", "PER")),
    ("Peruvian troops crossed into Arica.", "crossed", ("MOBILIZE", "PER", "CHL")),
    ("Bolivia sent soldiers to Arica.", "sent", ("MOBILIZE", "BOL", "CHL")),
    # a place the event only happens in is not done to
    ("Peruvian troops are fighting near Arica.", "fighting", ("ASSAULT", "PER", None)),
])
def test_nominal_doers_and_places_done_to(text: str, trigger: str, expected: Expected) -> None:
    events = [e for e in redline.analyze(text, published="2024-11-04").events
              if e.trigger.startswith(trigger)]
    assert events, f"no event on {trigger!r}"
    assert (events[0].event, _state(events[0].actor), _state(events[0].recipient)) == expected


@pytest.mark.parametrize("text, named", [
    # "pro-" and "anti-" say whom something is for or against, not who does it
    ("Pro-Chilean rallies filled the streets of La Paz.", "CHL"),
    ("Anti-Peruvian protests spread across Bolivia.", "PER"),
    ("Pro-Bolivian militias attacked a Chilean outpost.", "BOL"),
])
def test_stance_prefixes_name_no_actor(text: str, named: str) -> None:
    events = redline.analyze(text).events
    assert all(_state(e.actor) != named for e in events)


def test_released_people_are_an_event() -> None:
    """The relative pronoun stands for people: their release is read."""
    events = redline.analyze("The hostages, who were released on Sunday, returned home.").events
    assert any(e.trigger.startswith("released") for e in events)
