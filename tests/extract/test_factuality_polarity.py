"""Negation that does not deny, negation that does, and clauses that ask: a comparison or
an exception under a negated subject ("No country has sent more aid than the US"),
litotes ("did not hesitate to fire", "did not fail to arrest"), the modifiers of what there
is none of ("has no trip planned"), typographic apostrophes ("doesn\u2019t"), imperatives,
and a question whose passive the parse hung on its subject ("Was anyone hurt in the
blast?"). Sentences written for these tests, each beside
the same construction where the negation or the question stands.

Each case gives the predicate, whether the text may present it as having happened
(``happened``: its label in ``HAPPENED_LABELS``) and the sign of its commitment (+1 sure it
occurs, -1 sure it does not, 0 neither).
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.extract.test_factuality import commitment_sign, token_of

from redline.extract.factuality import factuality_of_token, rule_readings
from redline.extract.nlp import load_nlp
from redline.records import HAPPENED_LABELS


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


POLARITY_CASES = [
    # a comparison under a negated subject: the negation bears on how much, not on whether
    ("No country has sent more aid than the US.", "sent", True, 1),
    ("No one has done more to help than the volunteers.", "done", True, 1),
    ("Nobody fought harder than the marines.", "fought", True, 1),
    ("No army has lost fewer soldiers than Estonia's.", "lost", True, 1),
    ("Russia did not fire more missiles than Ukraine.", "fire", True, 1),
    # the same without the comparison, or with one inside a clause of its own: denied
    ("No country has sent aid to the rebels.", "sent", False, -1),
    ("Russia did not send more troops.", "send", False, -1),
    ("Nobody fought the marines.", "fought", False, -1),
    ("No country that spent more than $1 billion sent troops.", "sent", False, -1),
    ("No one said the army had done more than the police.", "said", False, -1),
    # an exception on a negated subject: the rest did it
    ("No country other than the US sent aid.", "sent", True, 1),
    ("No one except the marines fought.", "fought", True, 1),
    ("Nobody besides Seoul objected.", "objected", True, 1),
    ("No country sent aid.", "sent", False, -1),
    ("The army, other units aside, did not fight.", "fight", False, -1),
    # litotes: a negated failure or hesitation makes its complement happen
    ("The army did not hesitate to fire on the crowd.", "fire", True, 1),
    ("Police did not fail to arrest the suspects.", "arrest", True, 1),
    ("They never failed to pay their debts.", "pay", True, 1),
    ("He did not forget to lock the door.", "lock", True, 1),
    ("The guards did not neglect to search the trucks.", "search", True, 1),
    ("The army hesitated to fire on the crowd.", "fire", False, 0),
    ("Police failed to arrest the suspects.", "arrest", False, -1),
    ("He forgot to lock the door.", "lock", False, -1),
    ("He did not refuse to pay.", "pay", False, 0),
    ("He did not want to pay.", "pay", False, 0),
    ("The army would not hesitate to use force.", "use", False, 1),
    # nothing of what there is none of: a modifier of a noun denied by "no" or "nothing"
    # as an object or after "there is"; on a subject the modifier stands
    ("Labatt has no takeover bids outstanding.", "takeover", False, -1),
    ("Annan has no trip planned so far.", "planned", False, -1),
    ("There is nothing preventing the bank from buying shares.", "preventing", False, -1),
    ("There were no troops stationed in the town.", "stationed", False, -1),
    ("Labatt has two takeover bids outstanding.", "takeover", True, 1),
    ("There were troops stationed in the town.", "stationed", True, 1),
    ("No troops stationed in the town were hurt.", "stationed", True, 1),
    # typographic apostrophes, as press releases write them, negate as plain ones
    ("The budget math doesn\u2019t add up.", "add", False, -1),
    ("Russia won\u2019t send troops.", "send", False, -1),
    ("We\u2019ll send troops.", "send", False, 1),
    ("The budget math adds up.", "adds", True, 1),
    # an imperative asks for what it names
    ("Expand the authority of the regulator to bring fines.", "Expand", False, 0),
    ("Call your representative today.", "Call", False, 0),
    ("Please leave the building.", "leave", False, 0),
    ("Read the report and draw your own conclusions.", "draw", False, 0),
    ("Ask the minister, and she recalls the talks in detail.", "recalls", True, 1),
    ("The regulator expanded its authority.", "expanded", True, 1),
    ("Officials expand the program every year.", "expand", True, 1),
    # a question whose passive the parse hung on its subject: asked, not asserted
    ("Was anyone hurt in the blast?", "hurt", False, 0),
    ("Were any soldiers killed?", "killed", False, 0),
    ("Was no one hurt?", "hurt", False, 0),
    ("There were soldiers killed.", "killed", True, 1),
    ("Soldiers were killed in the blast.", "killed", True, 1),
    ("The man killed on Monday was a soldier.", "killed", True, 1),
]


@pytest.mark.parametrize("text, predicate, happened, sign", POLARITY_CASES)
def test_rule_polarity(nlp: Language, text: str, predicate: str, happened: bool, sign: int
                       ) -> None:
    reading, committed = rule_readings(token_of(nlp(text), predicate))
    assert (reading.label in HAPPENED_LABELS) == happened, reading
    assert commitment_sign(committed.commitment) == sign, committed


#: The imperatives of the table: asked for, not done.
IMPERATIVES = {"Expand the authority of the regulator to bring fines.",
               "Call your representative today.", "Please leave the building.",
               "Read the report and draw your own conclusions."}


@pytest.mark.parametrize("text, predicate, happened, sign", POLARITY_CASES)
def test_commitment_with_the_model(nlp: Language, text: str, predicate: str, happened: bool,
                                   sign: int) -> None:
    """The learned commitment keeps the sign of the reading (or leans the same way). An
    imperative is asked for, not done: UDS-IH2's judges read what is asked as not having
    happened, so the model may read it below zero, never as done nor stored denied."""
    reading = factuality_of_token(token_of(nlp(text), predicate))
    found = commitment_sign(reading.commitment)
    if text in IMPERATIVES:
        assert found <= 0 and reading.label != "denied", reading
        return
    assert found == sign or (sign != 0 and found == 0 and reading.commitment * sign > 0), reading


@pytest.mark.xfail(strict=True, reason=(
    "the learned commitment leans the right way (+0.3 to +1.1) but is not sure of a negated "
    "failure or hesitation, which the rules read +3: the training judgements hold few "
    "beside thousands of negations that deny, so the negation's own features outweigh the "
    "rule reading"))
@pytest.mark.parametrize("text, predicate", [
    ("Police did not fail to arrest the suspects.", "arrest"),
    ("He did not forget to lock the door.", "lock"),
])
def test_litotes_read_as_sure(nlp: Language, text: str, predicate: str) -> None:
    assert factuality_of_token(token_of(nlp(text), predicate)).commitment >= 1.5


@pytest.mark.parametrize("text, predicate, happened, sign", POLARITY_CASES)
def test_never_stored_as_denied_where_the_rules_say_it_happened(
        nlp: Language, text: str, predicate: str, happened: bool, sign: int) -> None:
    """The model only makes the stored label more cautious: what the rules give as
    happened may turn possible or unconfirmed, never denied."""
    reading = factuality_of_token(token_of(nlp(text), predicate))
    if happened:
        assert reading.label != "denied", reading
    else:
        assert reading.label not in HAPPENED_LABELS, reading
