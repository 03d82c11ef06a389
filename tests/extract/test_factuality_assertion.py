"""Who commits to an event and how: asserted, assessed, reported, hearsay, questioned.
Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from tests.extract.test_factuality import token_of

from redline.errors import ValidationError
from redline.extract import analyze
from redline.extract.factuality import factuality_of_token
from redline.extract.factuality_assertion import load_assertion_words
from redline.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


ASSERTION_CASES = [
    ("North Korea sent troops to Russia.", "sent", "asserted", None),
    ("The NIS confirmed that North Korea sent troops to Russia.", "sent", "asserted", "The NIS"),
    ("Kim said that North Korea sent troops to Russia.", "sent", "reported", "Kim"),
    ("According to the ministry, North Korea sent troops.", "sent", "reported", "the ministry"),
    ("Kim's claim that North Korea sent troops was widely reported.", "sent", "reported",
     "Kim"),  # the possessor, without its "'s"
    ("North Korea reportedly sent troops to Russia.", "sent", "hearsay", None),
    ("North Korea allegedly sent troops to Russia.", "sent", "hearsay", None),
    ("Sources said North Korea sent troops to Russia.", "sent", "hearsay", "Sources"),
    ("Unnamed officials said North Korea sent troops.", "sent", "hearsay", "Unnamed officials"),
    ("We assess that North Korea sent troops to Russia.", "sent", "assessed", "We"),
    ("Secretary Blinken believes that North Korea sent troops.", "sent", "assessed",
     "Secretary Blinken"),
    ("The troops, we believe, were sent in October.", "sent", "assessed", "we"),
    ("It is believed that North Korea sent troops.", "sent", "hearsay", None),
    ("Q: Has North Korea sent troops to Russia?", "sent", "questioned", None),
    ("Q Has North Korea sent troops to Russia?", "sent", "questioned", None),
]


@pytest.mark.parametrize("text, predicate, assertion, source", ASSERTION_CASES)
def test_assertion(nlp: Language, text: str, predicate: str, assertion: str,
                   source: str | None) -> None:
    reading = factuality_of_token(token_of(nlp(text), predicate))
    assert reading.assertion == assertion, reading
    assert (reading.source.text if reading.source is not None else None) == source


def test_question_turn_is_the_line_not_the_transcript(nlp: Language) -> None:
    text = ("MR. KIRBY: Good afternoon.\nQ: Has North Korea sent troops to Russia?\n"
            "MR. KIRBY: North Korea sent troops to Russia in October.")
    doc = nlp(text)
    asked = factuality_of_token(token_of(doc, "sent#1"))
    assert (asked.assertion, asked.label, asked.value) == ("questioned", "unconfirmed", 0.0)
    answered = factuality_of_token(token_of(doc, "sent#2"))
    assert (answered.assertion, answered.label) == ("asserted", "confirmed")


@pytest.mark.parametrize("text, assertion", [
    ("The NIS confirmed that North Korea sent troops to Russia.", "asserted"),
    ("North Korea reportedly sent troops to Russia.", "hearsay"),
    ("We assess that North Korea sent troops to Russia.", "assessed"),
])
def test_events_carry_the_assertion(text: str, assertion: str) -> None:
    events = [e for e in analyze(text).events if e.trigger.startswith("sent")]
    assert events and {e.assertion for e in events} == {assertion}


def test_assertion_file_errors_name_the_section(tmp_path: Path) -> None:
    path = tmp_path / "assertion.yaml"
    path.write_text("question_turns: Q\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_assertion_words(path)
    assert error.value.field == "question_turns"


@pytest.mark.parametrize("text, trigger, source", [
    # who wills or decides an action is its actor, never its source: the author asserts it
    ("Mongolia's decision to deploy troops to Kazakhstan surprised observers.", "deploy",
     None),
    ("Chile decided to send troops to Bolivia.", "send", None),
    ("Peru's refusal to withdraw its troops from Ecuador angered Quito.", "withdraw", None),
    ("Hungary's plan to send tanks to Serbia worries Croatia.", "send", None),
    ("The cabinet's decision on the deployment of Czech troops to Kosovo was welcomed.",
     "deployment", None),
    # a source around them stands
    ("The NIS said North Korea's decision to deploy troops to Russia was made in August.",
     "deploy", "The NIS"),
    ("According to Seoul, Mongolia decided to send troops to Kazakhstan.", "send", "Seoul"),
    ("Chile said that Peru's decision to send troops to Bolivia was a mistake.", "send",
     "Chile"),
    # the possessor of a claim, and a claim in an infinitive, are sources
    ("Kim's claim that Chile sent troops to Bolivia surprised Lima.", "sent", "Kim"),
    ("Bolivia claimed to have withdrawn its troops from Chile.", "withdrawn", "Bolivia"),
])
def test_who_wills_an_event_is_not_its_source(text: str, trigger: str,
                                              source: str | None) -> None:
    events = [e for e in analyze(text).events if e.trigger.startswith(trigger)]
    assert events, f"no event on {trigger!r}"
    for event in events:
        if source is None:
            assert (event.attributed_text, event.attributed_to) == (None, None), event
        else:
            assert source in (event.attributed_text or ""), event


def test_the_joint_statement_asserts_the_deployment() -> None:
    """The sample's Japan-ROK-US joint statement: the DPRK's decision is the authors' word."""
    sentence = ("We strongly condemn violations of multiple United Nations Security Council "
                "(UNSC) resolutions by the DPRK and Russia, especially in light of the DPRK's "
                "decision to deploy troops to Russia for combat against Ukraine.")
    deployment = next(e for e in analyze(sentence).events if e.trigger.startswith("deploy"))
    assert (deployment.actor, deployment.attributed_to, deployment.assertion) == (
        "PRK", None, "asserted")
