"""Who does an event: pronouns resolved within the article, by-agents of passives,
possessive agents, a passive's place, datelines and transcript labels that are never
actors, and actors no dictionary knows kept as text.

The sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

import redline
from redline.extract.actors import load_lexicon, resolve_actor

Who = tuple[str, str | None, str | None]  # (trigger's first word, actor state, recipient state)


def _state(code: str | None) -> str | None:
    return code.split("-")[0] if code else None


def _event(text: str, trigger: str) -> Who | None:
    for event in redline.analyze(text).events:
        if event.trigger.split()[0].lower() == trigger:
            return trigger, _state(event.actor), _state(event.recipient)
    return None


@pytest.mark.parametrize("text, expected", [
    # it/its/they: the last subject of the same or the previous sentence
    ("Chile recalled its ambassador on Monday. It also expelled two Peruvian diplomats.",
     ("expelled", "CHL", "PER")),
    ("The Chilean ministers met in Lima. They condemned Bolivia.", ("condemned", "CHL", "BOL")),
    # "it" is singular: a plural subject is passed over for the state named
    ("The reports angered Chile. It recalled its ambassador from Peru.",
     ("recalled", "CHL", "PER")),
    # they stands for forces named before; the movement verb reads them as armed
    ("Israeli forces entered the city. Even so, they did operate in Rafah.",
     ("operate", "ISR", None)),
    ("North Korea held talks with Russia in June. They moved troops into Kursk in October.",
     ("moved", "PRK", "RUS")),
    # he/she: the last person named in the article
    ("Bolivian President Luis Arce spoke on Monday. He later visited Peru.",
     ("visited", "BOL", "PER")),
    ("Mexican Foreign Minister Alicia Barcena spoke first. She then condemned Peru.",
     ("condemned", "MEX", "PER")),
])
def test_pronouns_resolved_within_the_article(text: str, expected: Who) -> None:
    assert _event(text, expected[0]) == expected


@pytest.mark.parametrize("text, trigger", [
    ("He criticized the plan.", "criticized"),               # nothing named before
    ("They attacked the convoy at dawn.", "attacked"),
    ("The weather was bad. It delayed the talks.", "delayed"),  # a thing, not an actor
])
def test_pronoun_without_an_actor_stays_unknown(text: str, trigger: str) -> None:
    events = [e for e in redline.analyze(text).events if e.trigger.startswith(trigger)]
    assert all(e.actor is None for e in events)


def test_pronoun_in_a_quotation_is_not_its_speaker() -> None:
    """Inside his own quotation the speaker says "I": "he" is someone else."""
    text = ('Bolivian President Luis Arce met Chilean President Gabriel Boric on Monday. '
            'Boric said: "He has condemned Peru."')
    event = next(e for e in redline.analyze(text).events if e.trigger.startswith("condemned"))
    assert _state(event.actor) == "BOL"
    assert _state(event.recipient) == "PER"


@pytest.mark.parametrize("text, expected", [
    # by-agents of passives
    ("The convoy was attacked by Sudanese militias.", ("attacked", "SDN", None)),
    ("The ambassador was expelled by Peru on Monday.", ("expelled", "PER", None)),
    ("The shipment was intercepted by the Lithuanian navy.", ("intercepted", "LTU", None)),
    # no by-agent: the state where an arrest or expulsion happens does it
    ("Two journalists were detained in Belarus.", ("detained", "BLR", None)),
    ("Two inspectors have been expelled from North Korea.", ("expelled", "PRK", None)),
    # possessive and genitive agents
    ("Chile's decision to send warships to Peru angered Bolivia.", ("send", "CHL", "PER")),
    ("The DPRK's decision to deploy troops to Russia was confirmed.", ("deploy", "PRK", "RUS")),
    ("Egypt's provision of rockets to Libya worries Tunisia.", ("provision", "EGY", "LBY")),
    # a group takes the code of whoever it is loyal to
    ("Fighters loyal to Tehran attacked a Saudi convoy.", ("attacked", "IRN", "SAU")),
    # a named "of" phrase of a noun a verb carries is done to, unless it owns what moves
    ("A Turkish court ordered the release of an Austrian student.", ("ordered", "TUR", "AUT")),
    ("Chile condemned the arrest of Peruvian fishermen.", ("condemned", "CHL", "PER")),
    ("The withdrawal of Russian troops from Syria began.", ("withdrawal", "RUS", "SYR")),
    # a state named before an attack noun is attacked; an adjective or a group attacks
    ("Officials discussed the Iran strike on Monday.", ("strike", None, "IRN")),
    ("The Israeli strike on Iran drew condemnation.", ("strike", "ISR", "IRN")),
    ("The US strike on Syria angered Russia.", ("strike", "USA", "SYR")),
    ("The Hamas attack drew condemnation.", ("attack", "PSE", None)),
    # withdrawals name the place left
    ("Israel was willing to withdraw its troops from the West Bank cities.",
     ("withdraw", "ISR", "PSE")),
])
def test_agents(text: str, expected: Who) -> None:
    assert _event(text, expected[0]) == expected


@pytest.mark.parametrize("text, trigger", [
    ("The protesters were arrested.", "arrested"),          # no agent, no place
    ("The sanctions were lifted in March.", "lifted"),      # a month is no place
    ("Aid was suspended in Yemen.", "suspended"),          # suspending aid is not done by a place
])
def test_passive_without_agent(text: str, trigger: str) -> None:
    events = [e for e in redline.analyze(text).events if e.trigger.startswith(trigger)]
    assert all(e.actor is None for e in events)


@pytest.mark.parametrize("text, trigger, not_actor", [
    ("LIMA (Reuters) - Troops loyal to the general attacked a Bolivian border post.",
     "attacked", "PER"),
    ("QUITO, Ecuador -- Police arrested three Colombian smugglers.", "arrested", "ECU"),
    ("CARACAS (AP) -- Guerrillas attacked a Colombian army base.", "attacked", "VEN"),
    ("KABUL (Pajhwok): Militants attacked a checkpoint.", "attacked", "AFG"),
])
def test_datelines_are_never_actors(text: str, trigger: str, not_actor: str) -> None:
    events = [e for e in redline.analyze(text).events if e.trigger.startswith(trigger)]
    assert events, "no event found"
    assert all(_state(e.actor) != not_actor for e in events)
    assert all(text.split()[0] not in (e.actor_text or "") for e in events)


def test_a_capital_that_acts_is_no_dateline() -> None:
    event = redline.analyze("Tehran expelled the Saudi ambassador on Monday.").events[0]
    assert (_state(event.actor), _state(event.recipient)) == ("IRN", "SAU")


def test_agent_noun_does_not_take_the_state_of_what_it_acts_on() -> None:
    event = redline.analyze("Police arrested three Colombian smugglers.").events[0]
    assert event.actor is None and event.actor_text == "Police"
    assert _state(event.recipient) == "COL"


@pytest.mark.parametrize("text, expected", [
    ("the US ambassador to Berlin", "USA"),
    ("Kenyan troops in Somalia", "KEN-MIL"),
    ("Pakistan's envoy to the United Nations", "PAK"),
    ("police in Kabul", "AFG"),
    ("the National Intelligence Service (NIS) of South Korea", "KOR-INTEL"),
    ("a delegation to Moscow", "RUS"),      # nothing named before "to": the later name
    ("an ambassador to the talks", None),
])
def test_names_after_an_attached_preposition(text: str, expected: str | None) -> None:
    assert resolve_actor(text) == expected


@pytest.mark.parametrize("text, words", [
    ("The Azure Front attacked a convoy near the river.", "Azure Front"),
    ("The Crimson Brigade seized the port.", "Crimson Brigade"),
])
def test_unknown_actors_kept_as_text(text: str, words: str) -> None:
    event = redline.analyze(text).events[0]
    assert event.actor is None
    assert words in (event.actor_text or "")


@pytest.mark.parametrize("word, kind", [
    ("it", "things"), ("Their", "things"), ("he", "persons"), ("her", "persons"),
    ("we", "speakers"), ("which", "relatives"), ("Chile", None), ("the", None),
])
def test_one_pronoun_list(word: str, kind: str | None) -> None:
    assert load_lexicon().pronoun_kind(word) == kind
