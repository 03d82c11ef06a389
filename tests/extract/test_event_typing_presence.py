"""The event/no-event decision: sentences that report no political interaction yield no
event, and the decision does not cost the events of sentences that report one.

The sentences are invented for these tests (none is from the gold sets or from
``event_presence.yaml``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import redline
from redline.extract.event_features import Features, hashed
from redline.extract.event_training import read_presence
from redline.extract.event_typing import EventTyper, Linear, load_typer, read_typer
from redline.records import Event

NO_INTERACTION = [
    # reports and releases of documents
    "The commission released a 300-page report on Wednesday.",
    "A new study published this week describes the costs of the program.",
    "The department issued its quarterly bulletin on Monday morning.",
    # statistics
    "Inflation fell to 2.9 percent in the third quarter.",
    "More than 40,000 passengers used the new line in its first week.",
    "Retail sales rose 1.2 percent from a year earlier.",
    # schedules and logistics
    "The briefing will begin at ten o'clock in the east room.",
    "The ceremony is scheduled for Thursday afternoon.",
    "Doors open at six and the program starts at seven.",
    # biographies and other
    "She received her law degree from the University of Chicago in 1998.",
    "He previously served as deputy director of the budget office.",
    "The bridge is the longest of its kind in the region.",
]

INTERACTIONS = [
    ("Argentina imposed sanctions on Paraguay on Friday.", "SANCTION"),
    ("Kenyan troops attacked a militant camp in Somalia.", "ASSAULT"),
    ("The foreign ministers of Chile and Peru met in Lima on Tuesday.", "CONSULT"),
    ("Japan sent emergency relief supplies to the Philippines.", "AID"),
    ("Ghana condemned the coup in Niger.", "ACCUSE"),
    # an agreement signed is SUPPORT in PLOVER (CAMEO 057, "sign formal agreement", in the
    # 2021 crosswalk; "Czechia and China signed an agreement" in the gold)
    ("Egypt and Sudan signed a water-sharing agreement.", "SUPPORT"),
]

#: The rules' type stands: statements of intent and the events stated in them, demands,
#: negated events (event type of each listed event, in order).
RULES_STAND = [
    ("Peru said it would meet the Chilean envoy.", ["AGREE", "CONSULT"]),
    ("The union warned it will boycott the talks with Bolivia.", ["THREATEN", "PROTEST"]),
    ("Japan did not send troops to Iraq.", ["MOBILIZE"]),
    ("France did not transfer missile technology to Libya.", ["AID"]),
]


@pytest.mark.parametrize("text", NO_INTERACTION)
def test_no_interaction_yields_no_event(text: str) -> None:
    assert redline.analyze(text).events == []


@pytest.mark.parametrize("text, kind", INTERACTIONS)
def test_interactions_keep_their_event(text: str, kind: str) -> None:
    events = redline.analyze(text).events
    assert events, "no event found"
    assert events[0].event == kind


@pytest.mark.parametrize("text, kinds", RULES_STAND)
def test_rules_stand_in_constructions_they_read_on_purpose(text: str, kinds: list[str]) -> None:
    assert [e.event for e in redline.analyze(text).events][:len(kinds)] == kinds


def _linear(dense: np.ndarray, bias: list[float], classes: tuple[str, ...]) -> Linear:
    weights = np.zeros((1 << 14, len(classes)), dtype=np.float32)
    return Linear(weights=weights, dense=dense.astype(np.float32),
                  bias=np.array(bias, dtype=np.float32), classes=classes)


@pytest.mark.parametrize("p_none_bias, threshold, kept", [
    (-2.0, 0.5, True),   # P(NONE) = 0.12: an event
    (2.0, 0.5, False),   # P(NONE) = 0.88: no event
    (2.0, 0.9, True),    # under a higher threshold it stays
    (0.0, 1.0, True),    # threshold 1.0: the decision is off
])
def test_threshold_on_no_event(p_none_bias: float, threshold: float, kept: bool) -> None:
    types = _linear(np.zeros((0, 2)), [0.0, 1.0], ("AID", "ASSAULT"))
    presence = _linear(np.zeros((0, 2)), [0.0, p_none_bias], ("EVENT", "NONE"))
    typer = EventTyper(types=types, presence=presence, threshold=threshold)
    seen = Features(hashed(["lemma=send"]), np.zeros(0, dtype=np.float32))
    assert typer.is_event(seen) is kept


def test_dense_features_move_the_decision(tmp_path: Path) -> None:
    dense = np.array([[3.0, -3.0], [-3.0, 3.0]])
    typer = EventTyper(types=_linear(dense, [0.0, 0.0], ("AID", "ASSAULT")),
                       presence=_linear(np.zeros((2, 2)), [0.0, -1.0], ("EVENT", "NONE")),
                       threshold=0.6, blocks=("tensor",))
    first = Features(hashed([]), np.array([1.0, 0.0], dtype=np.float32))
    second = Features(hashed([]), np.array([0.0, 1.0], dtype=np.float32))
    assert typer.label(first, None) == "AID" and typer.label(second, None) == "ASSAULT"
    typer.save(tmp_path / "m.npz")
    again = read_typer(tmp_path / "m.npz")
    assert again.blocks == ("tensor",) and again.threshold == pytest.approx(0.6)
    assert again.label(second, None) == "ASSAULT" and again.presence is not None


def test_shipped_model_decides_presence() -> None:
    typer = load_typer()
    assert typer.presence is not None and typer.presence.classes == ("EVENT", "NONE")
    assert 0.0 < typer.threshold <= 1.0


def test_labelled_briefing_sentences_are_read_in_two_parts() -> None:
    labelled = read_presence()
    parts = {e.part for e in labelled}
    assert parts == {"train", "held"}
    held_negatives = [e for e in labelled if e.part == "held" and not e.event]
    assert len(held_negatives) >= 100
    assert not {e.text for e in labelled if e.part == "train"} & {
        e.text for e in labelled if e.part == "held"}


def test_a_window_typer_encodes_windows_of_its_events_only() -> None:
    # A typer over the window blocks reads each event's trigger in its window: no whole
    # sentence is encoded, and a sentence with no event is not read at all.
    from redline.extract.encoder import DIM
    from redline.extract.event_features import label_vectors
    from redline.extract.event_training import _finder
    from redline.extract.event_typing import anchor_of, with_proposals
    from redline.extract.nlp import load_nlp

    width = 2 * DIM + len(label_vectors()[0])
    typer = EventTyper(types=_linear(np.zeros((width, 2)), [1.0, 0.0], ("ASSAULT", "AID")),
                       blocks=("window", "window_labels"))
    doc = load_nlp()("Kenyan troops attacked a militant camp in Somalia. "
                     "The weather was mild on Tuesday.")
    finder = _finder(doc)
    events = finder.events()
    typed = with_proposals(doc, finder, events, typer)
    assert [e.event for e in typed] == ["ASSAULT"]
    assert doc._.token_vectors is None
    assert set(doc._.token_windows) == {anchor_of(doc, e).i for e in events}



@pytest.mark.parametrize("bias, trust, stands, firm, expected", [
    ([0.0, 4.0], 0.9, False, False, "ASSAULT"),  # P = 0.98: the typer decides
    ([0.0, 4.0], 0.9, True, False, "ASSAULT"),   # read on purpose: a feature, not a verdict
    ([0.0, 1.0], 0.9, True, False, "AID"),       # P = 0.73, under the trust: the rules stand
    ([0.0, 4.0], 0.5, True, True, "AID"),        # a firm (negated) trigger stands whatever
    ([4.0, 0.0], 0.5, True, False, "AID"),       # the typer agrees with the rules
])
def test_the_rules_type_yields_to_a_typer_surer_than_the_trust(
        bias: list[float], trust: float, stands: bool, firm: bool, expected: str,
        tmp_path: Path) -> None:
    from redline.extract.nlp import load_nlp

    EventTyper(types=_linear(np.zeros((0, 2)), bias, ("AID", "ASSAULT")),
               trust=trust).save(tmp_path / "m.npz")
    typer = read_typer(tmp_path / "m.npz")
    assert typer.trust == pytest.approx(trust)
    anchor = load_nlp()("Chile sent food to Peru.")[1]
    assert typer.decide(anchor, "AID", stands=stands, firm=firm) == expected


UNMATCHED_TEXT = ("Russia shipped grain to Egypt. Officials met the envoy in Cairo. "
                  "The weather was mild. Seoul said Tokyo sent ships to the strait.")


@pytest.mark.parametrize("covered, expected", [
    ([], ["shipped", "met", "sent"]),  # "was" is no verb; "said" reports "sent"
    (["shipped"], ["met", "sent"]),
    (["shipped", "envoy", "Tokyo"], []),  # any event in a sentence covers it
    (["weather"], ["shipped", "met", "sent"]),  # a sentence with no verb to read: control
])
def test_unmatched_roots_are_the_sentences_without_an_event(covered: list[str],
                                                            expected: list[str]) -> None:
    from redline.extract.event_typing import unmatched_roots
    from redline.extract.nlp import load_nlp

    doc = load_nlp()(UNMATCHED_TEXT)
    starts = [next(t.idx for t in doc if t.text == word) for word in covered]
    events = [Event(event="AID", span=(s, s + 1), factuality=3.0, factuality_label="confirmed")
              for s in starts]
    roots = unmatched_roots(doc, events, frozenset({"say"}))
    assert [t.text for t in roots] == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("Russia did not transfer missiles to Iran.", "transfer", True),  # denied: stands
    ("Russia has not sent troops to Belarus.", "sent", True),
    ("The teachers will not end the strike until they are paid.", "end", False),  # refusal
    ("France won't lift the ban on British beef.", "lift", False),
    ("Russia transferred missiles to Iran.", "transferred", False),  # not negated
])
def test_a_negated_trigger_stands_unless_it_is_a_refusal(text: str, trigger: str,
                                                          expected: bool) -> None:
    from redline.extract.event_typing import firm
    from redline.extract.nlp import load_nlp

    doc = load_nlp()(text)
    anchor = next(t for t in doc if t.text == trigger)
    assert firm(anchor, frozenset({"will", "would", "shall"})) is expected


@pytest.mark.parametrize("text, kept", [
    ("Germany welcomed the decision on Tuesday.", True),  # a named actor and a thing
    ("Japan thanked Ukraine for its courage.", True),  # a named actor and a named recipient
    ("Officials welcomed the decision on Tuesday.", False),  # no named actor
    ("Germany waited.", False),  # a named actor acting on nothing
    ("The weather was mild on Tuesday.", False),  # nothing at all
    ("Germany released a report on Tuesday.", False),  # read as no interaction
])
def test_a_missed_sentence_is_read_only_where_its_event_would_be_kept(
        text: str, kept: bool) -> None:
    # Whether the model's event of a sentence the rules missed would be kept is read from
    # its arguments alone, and agrees with writing the events and filtering them.
    from redline.extract.event_training import _finder
    from redline.extract.event_typing import acts_on_named, proposed_by_model
    from redline.extract.nlp import load_nlp

    doc = load_nlp()(text)
    finder = _finder(doc)
    root = next(iter(doc.sents)).root
    assert acts_on_named(finder, root, "AGREE") is kept
    assert bool(proposed_by_model(finder, root, "AGREE")) is kept
