"""Intent, prevention and hedged nouns: what an agreement or a plan governs is intended, not
done, unless a verb carries the plan out (a decision is taken as carried out: "decided to
send troops" reads as the sending, as news and UW's annotators read it); a hedging modifier bounds an event
noun; a cancelled plan and a prevented event did not happen; a condition set after its
main clause with an inverted auxiliary ("would have armed Kyiv had Russia sent") is as
hypothetical as one set before it; a negated sure future or intention denies. Sentences
written for these tests, with controls where nothing must be hedged.

Each case gives the predicate, whether the text may present it as having happened
(``happened``: its label in ``HAPPENED_LABELS``) and the sign of its commitment (+1 sure
it occurs, -1 sure it does not, 0 neither).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from tests.extract.test_factuality import commitment_sign, token_of

from redline.errors import ValidationError
from redline.extract.factuality import (
    SCOPE_MARGIN,
    bounded_by_condition,
    bounded_by_modifier,
    factuality_of_token,
    rule_readings,
)
from redline.extract.factuality_cues import CUES_FILE, load_cues
from redline.extract.nlp import load_nlp
from redline.records import FACTUALITY_LABELS, HAPPENED_LABELS


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


INTENT_CASES = [
    # an agreement to do something: intended, not done; a decision: taken as done
    ("The council made the decision to close the border.", "close", True, 1),
    ("The council decided to close the border.", "close", True, 1),
    ("The council did not decide to close the border.", "close", False, -1),
    ("The rebels agreed to withdraw from the town.", "withdraw", False, 1),
    ("The cabinet's decision to raise taxes angered voters.", "raise", True, 1),
    ("The council decided that the border would close.", "close", False, 1),
    ("The court decided that the envoy had met the test.", "met", True, 1),
    ("The council closed the border.", "closed", True, 1),
    ("The rebels withdrew from the town.", "withdrew", True, 1),
    # a verb that carries the plan out makes it done; negated, it denies
    ("The army carried out the decision to close the border.", "close", True, 1),
    ("The government implemented the plan to cut subsidies.", "cut", True, 1),
    ("The army executed the order to shell the town.", "shell", True, 1),
    ("The plan to cut subsidies was implemented in May.", "cut", True, 1),
    ("The army did not carry out the plan to shell the town.", "shell", False, -1),
    ("The government never implemented the plan to cut subsidies.", "cut", False, -1),
    ("The government drafted the plan to cut subsidies.", "cut", False, 1),
    ("The army discussed the order to shell the town.", "shell", False, 0),
    # a planned event called off, and verbs of prevention over their object
    ("The planned attack was called off.", "attack", False, -1),
    ("The planned attack on the port was called off.", "attack", False, -1),
    ("The scheduled vote was cancelled.", "vote", False, -1),
    ("The planned attack was carried out at dawn.", "attack", False, 1),
    ("The navy averted a collision.", "collision", False, -1),
    ("Diplomats forestalled a war.", "war", False, -1),
    ("Police headed off a riot.", "riot", False, -1),
    ("Guards prevented an escape.", "escape", False, -1),
    ("The army thwarted an attack on the base.", "attack", False, -1),
    ("The talks staved off a strike.", "strike", False, -1),
    ("Diplomats warded off a crisis.", "crisis", False, -1),
    ("The talks set off a strike.", "strike", True, 1),
    ("The navy reported a collision.", "collision", True, 1),
    ("Police watched a riot.", "riot", True, 1),
    # a condition set after its main clause with an inverted auxiliary
    ("Japan would have protested had North Korea tested a missile.", "tested", False, 0),
    ("Japan would have protested had North Korea tested a missile.", "protested", False, 0),
    ("The town would have burned had the shell hit the depot.", "hit", False, 0),
    ("The town would have burned had the shell hit the depot.", "burned", False, 0),
    ("Kyiv would have fallen had the West not sent weapons.", "sent", False, 0),
    ("Seoul would respond should North Korea test a missile.", "test", False, 0),
    ("Japan protested after North Korea had tested a missile.", "tested", True, 1),
    ("Japan protested that North Korea had tested a missile.", "tested", True, 1),
    ("Seoul knew Russia had sent the missiles.", "sent", True, 1),
    # a negated sure future or intention denies
    ("Seoul does not intend to send troops.", "send", False, -1),
    ("Seoul has no plans to send troops.", "send", False, -1),
    ("Seoul will not provide weapons.", "provide", False, -1),
    ("Seoul did not plan to send troops.", "send", False, -1),
    ("Seoul won't send troops.", "send", False, -1),
    ("Seoul intends to send troops.", "send", False, 1),
    ("Seoul will provide weapons.", "provide", False, 1),
    ("Seoul did not say it would send troops.", "send", False, 0),
    ("Seoul does not want to send troops.", "send", False, 0),
    ("Seoul would not have won without the allies.", "won", False, 0),
]


@pytest.mark.parametrize("text, predicate, happened, sign", INTENT_CASES)
def test_rule_reading(nlp: Language, text: str, predicate: str, happened: bool,
                      sign: int) -> None:
    reading, committed = rule_readings(token_of(nlp(text), predicate))
    assert (reading.label in HAPPENED_LABELS) == happened, reading
    assert commitment_sign(committed.commitment) == sign, committed


def test_a_denied_plan_is_stored_as_denied(nlp: Language) -> None:
    """A plan called off and a negated intention are denied, not merely unconfirmed."""
    for text, predicate in [("The planned attack was called off.", "attack"),
                            ("Seoul does not intend to send troops.", "send"),
                            ("Seoul has no plans to send troops.", "send")]:
        assert factuality_of_token(token_of(nlp(text), predicate)).label == "denied", text


@pytest.mark.xfail(strict=True, reason=(
    "the parse makes 'have' the root of 'Seoul would have armed Kyiv had Russia sent' and "
    "'armed' a modifier of 'Kyiv': the main clause has no verb for the condition to reach"))
def test_a_postposed_condition_the_parse_breaks(nlp: Language) -> None:
    reading, _ = rule_readings(token_of(nlp(
        "Seoul would have armed Kyiv had Russia sent missiles."), "armed"))
    assert reading.label not in HAPPENED_LABELS, reading


@pytest.mark.xfail(strict=True, reason=(
    "the parse hangs 'were' of 'would retreat were the rebels to cross' on the main verb "
    "with 'rebels' as its attribute and 'cross' a relative clause: no clause opens with it"))
def test_a_postposed_were_condition(nlp: Language) -> None:
    _, committed = rule_readings(token_of(nlp(
        "The army would retreat were the rebels to cross the river."), "cross"))
    assert commitment_sign(committed.commitment) == 0, committed


#: Cases the learned commitment reads against the rules (none at present; the post-posed
#: condition "had North Korea tested" is held by ``bounded_by_condition``).
MODEL_XFAIL: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("text, predicate, happened, sign", [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=MODEL_XFAIL[case[:2]]))
    if case[:2] in MODEL_XFAIL else case for case in INTENT_CASES])
def test_with_the_model(nlp: Language, text: str, predicate: str, happened: bool,
                        sign: int) -> None:
    """The stored label says "happened" exactly where the rules do, and the learned
    commitment keeps the sign of the reading (or leans the same way)."""
    reading = factuality_of_token(token_of(nlp(text), predicate))
    assert (reading.label in HAPPENED_LABELS) == happened, reading
    found = commitment_sign(reading.commitment)
    assert found == sign or (sign != 0 and found == 0 and reading.commitment * sign > 0), reading


MODIFIER_CASES = [
    ("The possible deployment of troops worries Seoul.", "deployment", True),
    ("A potential strike by the union worries the firm.", "strike", True),
    ("The alleged transfer of missiles angered Kyiv.", "transfer", True),
    ("The suspected sabotage of the pipeline alarmed Berlin.", "sabotage", True),
    ("The deployment of troops worries Seoul.", "deployment", False),
    ("The reported transfer of missiles angered Kyiv.", "transfer", False),
    ("The confirmed transfer of missiles angered Kyiv.", "transfer", False),
    ("The cancelled transfer of missiles pleased Kyiv.", "transfer", False),
    ("The planned transfer of missiles angered Kyiv.", "transfer", False),
]


@pytest.mark.parametrize("text, predicate, bounded", MODIFIER_CASES)
def test_hedging_modifier_bounds_the_noun(nlp: Language, text: str, predicate: str,
                                          bounded: bool) -> None:
    """A hedging modifier of its own keeps an event noun within a margin of possible; a
    report, a confirmation, a denial or a plan leaves the model's score as it is."""
    token = token_of(nlp(text), predicate)
    _, committed = rule_readings(token)
    assert (bounded_by_modifier(token, committed, 3.0) < 3.0) == bounded
    if bounded:
        ceiling = FACTUALITY_LABELS["possible"] + SCOPE_MARGIN
        assert factuality_of_token(token).commitment <= ceiling


CONDITION_CASES = [
    ("Japan would have protested had North Korea tested a missile.", "tested", True),
    ("Had North Korea tested a missile, Japan would have protested.", "tested", True),
    ("Should the talks fail, the army would attack.", "fail", True),
    ("The town would have burned had the shell hit the depot.", "hit", True),
    ("Japan would have protested if North Korea had tested a missile.", "tested", False),
    ("Japan protested after North Korea had tested a missile.", "tested", False),
    ("North Korea had tested a missile.", "tested", False),
    ("Japan said North Korea had tested a missile.", "tested", False),
    ("Japan should protest the test.", "protest", False),
]


@pytest.mark.parametrize("text, predicate, bounded", CONDITION_CASES)
def test_inverted_condition_bounds_the_score(nlp: Language, text: str, predicate: str,
                                             bounded: bool) -> None:
    """The verb of a condition opened by an inverted auxiliary, before or after its main
    clause, is kept within a margin of the rules' commitment; a condition with "if", a
    pluperfect of fact and a modal leave the model's score as it is."""
    token = token_of(nlp(text), predicate)
    _, committed = rule_readings(token)
    kept = [bounded_by_condition(token, committed, score) for score in (3.0, -3.0)]
    assert (kept != [3.0, -3.0]) == bounded, kept
    if bounded:
        assert all(abs(k - committed.commitment) <= SCOPE_MARGIN for k in kept), kept
        commitment = factuality_of_token(token).commitment
        assert abs(commitment - committed.commitment) <= SCOPE_MARGIN


def test_negated_futures_must_be_sure_futures(tmp_path: Path) -> None:
    text = CUES_FILE.read_text(encoding="utf-8")
    path = tmp_path / "cues.yaml"
    start = text.index("negated_futures: [")
    end = text.index("]", start) + 1
    path.write_text(text[:start] + "negated_futures: [intend, will]" + text[end:],
                    encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_cues(path)
    assert error.value.field == "negated_futures"
    assert "will" in str(error.value)


def test_cue_file_lists_intent_words() -> None:
    cues = load_cues()
    assert "intend" in cues.negated_futures and "carry out" in cues.carry_out_verbs
    decide = cues.predicate("verb", "decide", "clause")
    assert decide is not None and decide.kind == "implicative"
    assert "decide" in cues.decisions
