"""Who takes part in an event read from real briefings (issue 8): coordinated and paired
actors ("Russian and DPRK officials", "Russia-DPRK cooperation"), the "we" of a joint
statement, relations that are no interaction ("an assessment of the impact of the
alliance"), and who stands behind a purpose or an intention.

The sentences are invented for these tests, built on constructions seen in the
public-domain texts of ../shared/corpus/us-gov.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import redline
from redline.records import HAPPENED_LABELS, Event


def _events(text: str) -> list[Event]:
    return redline.analyze(text, published="2025-06-01").events


def _actors(events: list[Event], trigger_word: str) -> set[str | None]:
    return {(e.actor or "").split("-")[0] or None for e in events
            if trigger_word in e.trigger}


def _parties(events: list[Event], trigger_word: str) -> set[str | None]:
    """The states of the actors and recipients of the events of ``trigger_word``: those who
    do an act with one another are its actor and its recipient (test_event_mutual.py)."""
    return {(code or "").split("-")[0] or None for e in events if trigger_word in e.trigger
            for code in (e.actor, e.recipient) if code}


@pytest.mark.parametrize("text, trigger, expected", [
    # a pronoun stands for every party of its antecedent
    ("Peruvian and Chilean officials met in Lima to develop their partnership.",
     "partnership", {"PER", "CHL"}),
    ("Peru and Chile formed an alliance.", "alliance", {"PER", "CHL"}),
    # a hyphenated pair of names before an event noun names both sides
    ("Hungary-Serbia cooperation deepened last year.", "cooperation", {"HUN", "SRB"}),
    ("The US-Mexico talks ended without a deal.", "talks", {"USA", "MEX"}),
    ("The DPRK-Russia talks ended without a deal.", "talks", {"PRK", "RUS"}),
    ("The United States-Mexico talks ended without a deal.", "talks", {"USA", "MEX"}),
    # controls: one side named, one side read
    ("Peruvian officials met in Lima to develop their partnership.", "partnership", {"PER"}),
    ("Serbian cooperation deepened last year.", "cooperation", {"SRB"}),
])
def test_coordinated_and_paired_actors(text: str, trigger: str, expected: set[str]) -> None:
    assert _parties(_events(text), trigger) == expected


def test_a_dateline_names_no_actor() -> None:
    """A spaced hyphen after a name opens a dateline, which names no actor."""
    events = _events("LIMA - Peruvian police arrested two Chilean smugglers.")
    assert _actors(events, "arrested") == {"PER"}


@pytest.mark.parametrize("text, expected", [
    ("We, the leaders of Chile, Peru and Bolivia, met in Lima. We condemn the attack on "
     "Ecuador.", {"CHL", "PER", "BOL"}),
    ("We, the leaders of Chile and Peru, met in Lima.\n\nToday, we condemn the attack on "
     "Ecuador.", {"CHL", "PER"}),
    # the first "we" is what the apposition names, not an earlier "our" or "us"
    ("Our nations share values. We, the leaders of Chile and Peru, met in Lima. We "
     "condemn the attack on Ecuador.", {"CHL", "PER"}),
    # controls: a "we" named by no apposition of actors stays unresolved
    ("We condemn the attack on Ecuador.", {None}),
    ("We, the people, condemn the attack on Ecuador.", {None}),
    ("Q  We, the leaders of Chile and Peru, met. Do we condemn the attack on Ecuador?\n\n"
     "MS. JEAN-PIERRE:  We condemn the attack on Ecuador.", {None}),
])
def test_joint_statement_we_is_its_signatories(text: str, expected: set[str | None]) -> None:
    assert _actors(_events(text), "condemn") == expected


@pytest.mark.parametrize("text", [
    "The act requires an assessment of the impact of the Peru-Chile alliance.",
    "After evidence of the expanded Peru-Chile partnership first surfaced, the government "
    "issued a statement.",
    "Analysts studied the strength of the alliance between Peru and Chile.",
    "The Peru-Chile partnership has implications for the region.",
])
def test_a_relation_talked_about_is_no_event(text: str) -> None:
    assert not [e for e in _events(text) if e.event == "COOPERATE"]


@pytest.mark.parametrize("text, trigger", [
    # controls: an act on the relation is an event
    ("Peru and Chile formed an alliance.", "alliance"),
    ("Peru developed a partnership with Chile.", "partnership"),
    ("Peruvian and Chilean officials met to develop their partnership.", "partnership"),
])
def test_an_act_on_a_relation_is_an_event(text: str, trigger: str) -> None:
    assert [e for e in _events(text) if trigger in e.trigger and e.actor == "PER"]


@pytest.mark.parametrize("text, trigger, source", [
    # a purpose is the aim of the doer of the clause it completes (intended_by, see
    # test_event_intent.py); who reports it stays its source: here the text itself
    ("Peruvian and Chilean officials met in Lima to develop their partnership.",
     "partnership", (None, None)),
    ("Peru sent troops to Bolivia to help its army.", "help", (None, None)),
    ("The two sides pledged to expand cooperation.", "expand", (None, None)),
    # controls: a source the text names stands; what happened has none
    ("Bolivia said Peru sent troops to Chile to help its army.", "help", ("BOL", "Bolivia")),
    ("Peru sent troops to Bolivia to help its army.", "sent", (None, None)),
])
def test_who_stands_behind_a_purpose(text: str, trigger: str,
                                     source: tuple[str | None, str | None]) -> None:
    found = [e for e in _events(text) if trigger in e.trigger]
    assert found, "the event is read"
    assert {(e.attributed_to, e.attributed_text) for e in found} == {source}
    if trigger != "sent":
        assert all(e.factuality_label not in HAPPENED_LABELS for e in found)


@pytest.mark.parametrize("text", [
    # a document put out to no one, a figure, a kind of thing named by an event noun
    "The Pentagon released a report on Chinese military power.",
    "The Treasury published its annual report on China on Tuesday.",
    "The Kenyan ministry issued a statement on Sunday.",
    "Chile posted the figures on its website.",
    # a document word whose lemma is not the word ("data" -> "datum", "findings")
    "Germany published the findings on Iran.",
    "The agency released new data on China on Monday.",
    "The bill targets Russian sanctions evasion.",
])
def test_a_document_or_a_kind_of_thing_is_no_event(text: str) -> None:
    assert _events(text) == []


@pytest.mark.xfail(strict=True, reason="the rules read 'issue'/'release' with a recipient after "
                   "'on' as an act (RETREAT) before the document check, which only filters the "
                   "typer's proposals; a multi-word document object needs the rules to consult "
                   "the documents list too")
@pytest.mark.parametrize("text", [
    "The ministry issued a press release on Iran.",
    "Germany released the op-ed on Iran.",
])
def test_a_multiword_document_released_is_no_event(text: str) -> None:
    assert _events(text) == []


@pytest.mark.parametrize("text, actor, recipient", [
    # controls: given to someone, it is an interaction; so is an event noun on its own
    ("Kenya handed the documents to Somalia.", "KEN", "SOM"),
    ("Russia shared intelligence data with Iran.", "RUS", "IRN"),
    ("Kenya released two Somali prisoners.", "KEN", "SOM"),
    ("The EU imposed sanctions on Russia.", "IGO", "RUS"),
    # a generic doer is never the state it acts on
    ("The ministry sent a shipment of medicine to Russia.", None, "RUS"),
    ("Iranian police sent the suspects to Iraq.", "IRN", "IRQ"),
])
def test_what_is_given_to_someone_is_an_event(text: str, actor: str | None,
                                              recipient: str) -> None:
    events = _events(text)
    assert events, "the event is read"
    assert ((events[0].actor or "").split("-")[0] or None, events[0].recipient) == (
        actor, recipient)


def test_a_relation_must_be_an_event_noun(tmp_path: Path) -> None:
    from redline.errors import ValidationError
    from redline.extract.patterns import PATTERNS_FILE, load_patterns

    text = Path(PATTERNS_FILE).read_text(encoding="utf-8").replace(
        "relations: [partnership, alliance]", "relations: [partnership, friendship]")
    broken = tmp_path / "event_verbs.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=r"relations.*not there: friendship"):
        load_patterns(broken)
    assert "partnership" in load_patterns().relations


@pytest.mark.parametrize("text", [
    # a pronoun whose antecedent has a pronoun of its own in apposition ("Rivera himself")
    "Our troops remain in Chile. And as Minister Rivera himself said on Monday, he will "
    "send more troops to Chile.",
    "Peruvian rebels fired at Chilean ships. They and their allies will attack Bolivia.",
])
def test_a_pronoun_antecedent_with_pronouns_of_its_own_is_read(text: str) -> None:
    events = _events(text)
    assert events and all(e.recipient in {"CHL", "BOL", None} for e in events)
