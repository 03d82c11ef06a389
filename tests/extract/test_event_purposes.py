"""What happened against what it was for (issue 8): the matrix event of a sentence is
what happened, and a purpose infinitive ("to aid", "to help ... expel") is an intention;
taking part in an event ("were involved in combat operations", "took part in the
offensive") is doing it; the by-agents of an act condemned or rejected are whom the
condemnation is aimed at.

The sentences are invented for these tests, except where marked as quoted from the
public-domain CRS text in ../shared/corpus/us-gov.
"""

from __future__ import annotations

import pytest

import redline
from redline.records import Event

Expected = tuple[str, str | None, str | None]  # (event type, actor state, recipient state)


def _events(text: str) -> list[Event]:
    return redline.analyze(text, published="2025-06-01").events


def _state(code: str | None) -> str | None:
    return code.split("-")[0] if code else None


def _read(event: Event) -> Expected:
    return event.event, _state(event.actor), _state(event.recipient)


@pytest.mark.parametrize("text, expected, purpose", [
    # armed forces committed are deployed; what they were committed for is an intention
    ("Cuba committed 2,000 troops to support Venezuela's army.",
     ("MOBILIZE", "CUB", "VEN"), "support"),
    ("In October 2024, North Korea committed more than 10,000 troops to aid Russia's war "
     "effort.", ("MOBILIZE", "PRK", "RUS"), "aid"),  # quoted, CRS IF12760
    # whom the purpose serves is the recipient, never the sender itself
    ("Cuba sent 2,000 soldiers to protect its embassy.", ("MOBILIZE", "CUB", None),
     "protect"),
    # taking part in an event is doing it
    ("DPRK troops were involved in combat operations to help Russia expel Ukrainian forces "
     "from Russia's Kursk region in March 2025.", ("ASSAULT", "PRK", None), "help"),  # CRS
    ("Chadian soldiers were involved in combat operations to help Niger repel the rebels.",
     ("ASSAULT", "TCD", None), "help"),
    ("Kenyan units took part in the offensive against Somalia.",
     ("ASSAULT", "KEN", "SOM"), None),
    ("Peruvian units participated in the assault on the Bolivian border post.",
     ("ASSAULT", "PER", "BOL"), None),
    ("Colombia played a role in the invasion of Venezuela.", ("ASSAULT", "COL", "VEN"), None),
])
def test_matrix_event_is_what_happened(text: str, expected: Expected,
                                       purpose: str | None) -> None:
    events = _events(text)
    assert events, "no event found"
    assert _read(events[0]) == expected
    assert events[0].factuality_label == "confirmed"
    intended = [e for e in events if purpose is not None and e.trigger == purpose]
    assert all(e.factuality_label != "confirmed" for e in intended)


@pytest.mark.parametrize("text, absent", [
    # committing oneself to a plan is no deployment
    ("Kenya committed itself to the reform plan.", "MOBILIZE"),
    ("The council committed funds to the new school.", "MOBILIZE"),
    # taking part in what is no political event
    ("Thousands of students took part in the ceremony.", "ASSAULT"),
    ("The officials were involved in the planning of the conference.", "ASSAULT"),
    ("Local volunteers played a role in the festival.", "ASSAULT"),
])
def test_no_matrix_event(text: str, absent: str) -> None:
    assert all(e.event != absent for e in _events(text))


@pytest.mark.parametrize("text, expected", [
    # the by-agent of the act condemned, also where the parser hangs it on the "of" object
    ("Ghana condemned the killing of civilians by Malian soldiers.", {"MLI"}),
    ("Chile criticized the attack on Peru by Bolivian forces.", {"BOL"}),
    ("Norway condemned violations of the Security Council resolutions by Sudan and Chad.",
     {"SDN", "TCD"}),
    ("We strongly condemn violations of multiple United Nations Security Council (UNSC) "
     "resolutions by the DPRK and Russia.", {"PRK", "RUS"}),  # quoted, joint statement
    ("Argentina rejected the proposal by Uruguay.", {"URY"}),
    # the agent of a participle ("the crimes committed by ...")
    ("Ghana condemned the war crimes committed by Malian forces in Gao.", {"MLI"}),
    # nobody named does the act: no recipient
    ("Peru condemned the book by the novelist.", {None}),
    ("The senator condemned the decision by the committee.", {None}),
    ("Peru condemned the book written by the novelist.", {None}),
])
def test_condemned_acts_aim_at_their_doers(text: str, expected: set[str | None]) -> None:
    events = _events(text)
    assert events, "no event found"
    assert {_state(e.recipient) for e in events if e.trigger == events[0].trigger} == expected


@pytest.mark.parametrize("text, expected", [
    # a reduced passive is done by its agent
    ("Bolivia condemned the abuses committed by Peruvian soldiers.", ("ASSAULT", "PER", None)),
    pytest.param("Chile was shocked by the horrific acts committed by Bolivian troops.",
                 ("ASSAULT", "BOL", None), marks=pytest.mark.xfail(
                     strict=True, reason="'acts committed' reads as a commitment (AGREE): "
                     "'act' alone is as often kind as cruel ('an act of generosity'), and "
                     "the reading of 'commit' looks at the object, not its adjectives")),
])
def test_participle_agents(text: str, expected: Expected) -> None:
    committed = [e for e in _events(text) if e.trigger == "committed"]
    assert committed, "no event on 'committed'"
    assert _read(committed[0]) == expected
