"""Scope that survives syntax: hedges, modals and conditionals over participles, gerunds and
nominalisations; hedging noun modifiers ("the alleged transfer") over the event noun and
the past participles after it; event nouns as subjects of "happen"; definite event nouns
as objects; "if true"; parenthetical "we believe"; "would mark"; negated intent; factive
presupposition; counterfactives, with their particles ("called off"); conditions opened
by an inverted auxiliary ("Had Russia sent ..."), with the verbs coordinated in them; a
negative determiner on the subject ("No one was hurt"); a tensed verb coordinated with an
infinitive ("failed to find a buyer and filed"). Sentences written for these tests,
futures beside pasts where the construction has both.

Counterfactives ("pretended that she was ill") deny a finite complement too.

Each case gives the predicate, whether the text may present it as having happened
(``happened``: its label in ``HAPPENED_LABELS``) and the sign of its commitment
(+1 sure it occurs, -1 sure it does not, 0 neither). Rows with ``happened`` True are
the controls: the same construction where nothing must be hedged.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.extract.test_factuality import commitment_sign, token_of

from redline.extract.factuality import (
    SCOPE_MARGIN,
    bounded_by_scope,
    factuality_of_token,
    rule_readings,
)
from redline.extract.nlp import load_nlp
from redline.records import HAPPENED_LABELS


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


SCOPE_CASES = [
    # participles and gerunds under a hedge, a modal or a conditional
    ("There could be soldiers fighting in the region.", "fighting", False, 0),
    ("The army may send units patrolling the border.", "patrolling", False, 0),
    ("The possibility that there could be wounded soldiers fighting against the army is real "
     "if they get deployed.", "fighting", False, 0),
    ("If they attack, troops guarding the bridge would respond.", "guarding", False, 0),
    ("Officials saw soldiers fighting near the river.", "fighting", True, 1),
    ("There might be militants hiding in the tunnels.", "hiding", False, 0),
    ("There were militants hiding in the tunnels.", "hiding", True, 1),
    ("The risk of rebels crossing the river is real.", "crossing", False, 0),
    ("The idea of rebels crossing the river was floated.", "crossing", False, 0),
    ("Reports of rebels crossing the river were confirmed.", "crossing", True, 1),
    ("Rebels crossing the river were shot.", "crossing", True, 1),
    ("The idea of the militia guarding the dam, we believe, if true, would mark a shift.",
     "guarding", False, 0),
    ("Troops guarding the bridge were killed on Monday.", "guarding", True, 1),
    ("There may be troops guarding the border.", "guarding", False, 0),
    ("There were troops guarding the border.", "guarding", True, 1),
    ("There will be troops guarding the border.", "guarding", False, 1),
    ("If troops are seen crossing the river, Seoul would respond.", "crossing", False, 0),
    ("Troops were seen crossing the river.", "crossing", True, 1),
    # a gerund whose subject the parse left to the preposition before it
    ("The prospect of China supplying weapons worried Kyiv.", "supplying", False, 0),
    ("Reports of China supplying weapons alarmed Kyiv.", "supplying", True, 1),
    ("The idea of Seoul sending weapons was rejected.", "sending", False, 0),
    ("Troops of the third corps guarding the bridge were killed.", "guarding", True, 1),
    # nominalisations
    ("A deployment of troops could happen soon.", "deployment", False, 0),
    ("The deployment of troops began in October.", "deployment", True, 1),
    ("A possible attack on the port worries Kyiv.", "attack", False, 0),
    ("The attack on the port worried Kyiv.", "attack", True, 1),
    # a definite event noun as an object is given, whatever the mood of its clause
    ("Seoul may respond to the attack on the port.", "attack", True, 1),
    ("Seoul will investigate the shootings.", "shootings", True, 1),
    ("Seoul may respond to an attack on the port.", "attack", False, 0),
    ("Seoul said it would reconsider its stance on sending troops.", "sending", False, 1),
    ("Seoul reconsidered its stance on sending troops.", "sending", True, 1),
    # "if true", "would mark", parenthetical "we believe"
    ("The report, if true, would mark a major escalation.", "mark", False, 0),
    ("This idea of soldiers fighting for the junta, we believe, if true, would mark a turn.",
     "fighting", False, 0),
    ("This idea of soldiers fighting for the junta, we believe, if true, would mark a turn.",
     "mark", False, 0),
    ("The transfer would mark a new phase of the war.", "mark", False, 1),
    ("The transfer marked a new phase of the war.", "marked", True, 1),
    ("Such a move, if confirmed, would violate the treaty.", "violate", False, 0),
    ("The move violated the treaty.", "violated", True, 1),
    ("The troops, we believe, crossed the border.", "crossed", False, 1),
    ("The troops, officials said, crossed the border.", "crossed", True, 1),
    ("The troops, we believe, will cross the border.", "cross", False, 1),
    ("The troops, we do not believe, crossed the border.", "crossed", False, 0),
    ("Russia, officials said, will send the missiles.", "send", False, 1),
    # negated intent
    ("The government would not provide lethal weapons.", "provide", False, -1),
    ("The company won't register as a foreign agent.", "register", False, -1),
    ("The government will provide lethal weapons.", "provide", False, 1),
    ("Seoul has no intention of sending troops.", "sending", False, -1),
    ("Seoul did not send troops.", "send", False, -1),
    # factives: what they take as given stays given, negated or hedged
    ("He regrets that the army shelled the village.", "shelled", True, 1),
    ("She did not acknowledge that troops had crossed the border.", "crossed", True, 1),
    ("They may regret sending troops.", "sending", True, 1),
    ("She did not say that troops had crossed the border.", "crossed", False, 0),
    ("He may acknowledge that the shells were sent.", "sent", True, 1),
    ("He did not regret sending troops.", "sending", True, 1),
    ("The minister never regretted that the army had shelled the port.", "shelled", True, 1),
    ("The minister never said that the army had shelled the port.", "shelled", False, 0),
    # counterfactives
    ("The plan to build the dam was dropped.", "build", False, -1),
    ("The plan was eventually dropped.", "plan", False, -1),
    ("He pretended to surrender.", "surrender", False, -1),
    ("He was accused of faking his death.", "faking", False, 0),
    ("He was accused of faking his death.", "death", False, 0),  # only alleged not to be
    ("He managed to surrender.", "surrender", True, 1),
    ("She pretended that she was ill.", "ill", False, -1),
    ("The envoy pretended that the talks had failed.", "failed", False, -1),
    ("He feigned being wounded.", "wounded", False, -1),
    ("She said that she was ill.", "ill", True, 1),
    ("The envoy did not pretend that the talks had failed.", "failed", False, 0),
    ("He was accused of leaking the plan.", "leaking", False, 0),
    ("He admitted leaking the plan.", "leaking", True, 1),
    ("The deal to sell jets was scrapped.", "sell", False, -1),
    ("The deal to sell jets will be scrapped.", "sell", False, -1),
    ("The deal to sell jets was signed.", "sell", False, 1),
    ("The planned attack on the port was called off.", "attack", False, -1),
    ("The attack on the port was called off.", "attack", False, -1),
    ("Officials ruled out sending troops.", "sending", False, -1),
    ("Kyiv gave up defending the town.", "defending", False, -1),
    # hedging noun modifiers, over the event noun and a past participle after it
    ("The reported deployment of troops alarmed Seoul.", "deployment", True, 1),
    ("The alleged transfer of missiles worries the allies.", "transfer", False, 1),
    ("The possible deployment of troops worries Seoul.", "deployment", False, 0),
    ("The cancelled transfer of missiles pleased Kyiv.", "transfer", False, -1),
    ("The alleged sale of drones supplied to Russia angered Kyiv.", "supplied", False, 1),
    ("The alleged drones supplied by Iran crashed.", "supplied", False, 1),
    ("The reported transfer of shells produced in the north worried Seoul.", "produced", True, 1),
    ("The army destroyed drones supplied by Iran.", "supplied", True, 1),
    ("The confirmed transfer of shells produced in the north worried Seoul.", "produced", True,
     1),
    # an event noun as the subject of an occurrence verb reads as the verb does
    ("The attack never happened.", "attack", False, -1),
    ("The talks did not take place.", "talks", False, -1),
    ("The talks may take place next week.", "talks", False, 0),
    ("The attack happened at dawn.", "attack", True, 1),
    # a clause describing a situation noun is as real as the noun; after "in" a condition
    ("If they were dealing with a circumstance in which rebels occupied the capital, they "
     "would seek help.", "occupied", False, 0),
    ("They would act in a situation where rebels occupied the capital.", "occupied", False, 0),
    ("Seoul would respond in the event that troops cross the border.", "cross", False, 0),
    ("Seoul will respond in the event that troops cross the border.", "cross", False, 0),
    ("In a situation where troops cross the border, Seoul would respond.", "cross", False, 0),
    ("There could be a case in which rebels seize the port.", "seize", False, 0),
    ("Officials described a scenario in which rebels seize the port.", "seize", False, 0),
    ("The army prepared for a scenario where rebels seize the port.", "seize", False, 0),
    ("The circumstances in which he died were investigated.", "died", True, 1),
    ("The situation in which the troops found themselves was dire.", "found", True, 1),
    ("In the situation where the troops found themselves, they retreated.", "found", True, 1),
    ("The situation that emerged after the attack worried Seoul.", "emerged", True, 1),
    ("Rebels occupied the capital in a circumstance nobody foresaw.", "occupied", True, 1),
    ("The event that they organised drew crowds.", "organised", True, 1),
    ("The idea of the plan was welcomed.", "welcomed", True, 1),
    # an inverted auxiliary opens a condition as "if" does; a verb coordinated without its
    # own subject shares its first conjunct's subordinator
    ("Had Russia sent the missiles, Seoul would have armed Kyiv.", "sent", False, 0),
    ("Should North Korea test a missile, Japan will protest.", "test", False, 0),
    ("Should the talks fail, the troops will cross.", "fail", False, 0),
    ("Were the troops to cross the river, Seoul would respond.", "cross", False, 0),
    ("Had the shell hit the depot and destroyed it, the town would have burned.", "destroyed",
     False, 0),
    ("If the shell hit the depot and destroyed it, the town would burn.", "destroyed",
     False, 0),
    ("If rebels seize the port and block the strait, the navy will act.", "block", False, 0),
    ("Russia had sent the missiles before the talks.", "sent", True, 1),
    ("After Russia had sent the missiles, Seoul armed Kyiv.", "sent", True, 1),
    ("The troops that had crossed the river were attacked.", "crossed", True, 1),
    ("The shell hit the depot and destroyed it.", "destroyed", True, 1),
    ("When the shell hit the depot, it destroyed the stores and killed two guards.", "killed",
     True, 1),
    # a negative determiner on the subject denies its clause; on an object or elsewhere not
    ("No one was hurt in the blast.", "hurt", False, -1),
    ("No soldiers crossed the river.", "crossed", False, -1),
    ("No successor was named.", "named", False, -1),
    ("Neither side fired a shot.", "fired", False, -1),
    ("Officials said no civilians had been killed.", "killed", False, -1),
    ("No troops will cross the border.", "cross", False, -1),
    ("If no deal is reached, the strike will go ahead.", "reached", False, 0),
    ("No one was hurt, but the army withdrew.", "withdrew", True, 1),
    ("A town with no army was invaded.", "invaded", True, 1),
    ("Soldiers with no armour crossed the river.", "crossed", True, 1),
    ("The no-fly zone was imposed in May.", "imposed", True, 1),
    ("Some soldiers crossed the river.", "crossed", True, 1),
    # a verb in a past or present form beside a "to" infinitive is a clause of its own
    ("The firm failed to find a buyer and filed for bankruptcy.", "filed", True, 1),
    ("The rebels agreed to withdraw and handed over their weapons.", "handed", True, 1),
    ("Seoul refused to send troops and sent money instead.", "sent", True, 1),
    ("If Seoul decides to act and sends troops, Pyongyang will respond.", "sends", False, 0),
    ("Seoul refused to send troops and fund the war.", "fund", False, -1),
    ("The firm failed to pay its debts and close the plant.", "close", False, -1),
    ("Seoul wants to send troops and fund the war.", "fund", False, 0),
    # a past form the same as the bare verb may continue the infinitive, whatever its tag
    ("The rebels vowed to seize the airport and cut the road to the capital.", "cut", False, 0),
    ("The rebels threatened to storm the port and shut the terminal.", "shut", False, 0),
    ("The army threatened to shell the town and hit the bridges.", "hit", False, 0),
]


@pytest.mark.parametrize("text, predicate, happened, sign", SCOPE_CASES)
def test_rule_scope(nlp: Language, text: str, predicate: str, happened: bool, sign: int) -> None:
    reading, committed = rule_readings(token_of(nlp(text), predicate))
    assert (reading.label in HAPPENED_LABELS) == happened, reading
    assert commitment_sign(committed.commitment) == sign, committed


@pytest.mark.xfail(strict=True, reason=(
    "the parse takes the 'that' of 'the event that troops arrive' for the object of an "
    "intransitive verb: without the verb's valency it reads as a relative pronoun ('the "
    "event that they organised'), and the clause as a fact"))
def test_a_situation_clause_with_an_intransitive_verb(nlp: Language) -> None:
    reading, _ = rule_readings(token_of(nlp(
        "Seoul will respond in the event that troops arrive."), "arrive"))
    assert reading.label not in HAPPENED_LABELS, reading


@pytest.mark.xfail(strict=True, reason=(
    "the parse tags 'deserting' after 'the talk of soldiers' as an adjective (JJ) and hangs "
    "'if true' on 'talk': the word is read as a modifier with no scope of its own, a fact"))
def test_a_participle_the_parse_tags_as_an_adjective(nlp: Language) -> None:
    reading, _ = rule_readings(token_of(nlp(
        "The talk of soldiers deserting, if true, would weaken the army."), "deserting"))
    assert reading.label not in HAPPENED_LABELS, reading


@pytest.mark.parametrize("text, predicate, happened, sign", SCOPE_CASES)
def test_stored_label_with_the_model(nlp: Language, text: str, predicate: str, happened: bool,
                                     sign: int) -> None:
    """The stored label says "happened" exactly where the rules do: the model may only make
    it more cautious, and does not here; a factive's complement it never doubts."""
    reading = factuality_of_token(token_of(nlp(text), predicate))
    assert (reading.label in HAPPENED_LABELS) == happened, reading


_OVERRIDDEN = ("the learned commitment reads this hedged predicate as nearly sure (+1.6 to +2): the "
               "training judgements rate hedged predicates above the rules (UW: 'possible' 1.7 on "
               "average; a bound by the rules on every noun costs UW 0.04 r, docs/factuality.md; "
               "only participles, gerunds and nouns with a hedge of their own are bounded) and few "
               "hold {}; the stored label "
               "stays not happened")
_THREATENED = ("the learned commitment reads the second infinitive of a vow or a threat above "
               "the first (+1.7 to +1.9; 'seize', 'shell' +1.1 to +1.2): the parse tags its "
               "form, the same as the past, VBD; the stored label stays not happened")
MODEL_XFAIL = {
    ("Officials described a scenario in which rebels seize the port.", "seize"):
        _OVERRIDDEN.format("a relative clause under a noun of supposition ('scenario')"),
    ("The rebels vowed to seize the airport and cut the road to the capital.", "cut"):
        _THREATENED,
    ("The rebels threatened to storm the port and shut the terminal.", "shut"): _THREATENED,
    ("The army threatened to shell the town and hit the bridges.", "hit"): _THREATENED,
}


@pytest.mark.parametrize("text, predicate, happened, sign", [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=MODEL_XFAIL[case[:2]]))
    if case[:2] in MODEL_XFAIL else case for case in SCOPE_CASES])
def test_commitment_with_the_model(nlp: Language, text: str, predicate: str, happened: bool,
                                   sign: int) -> None:
    """The learned commitment keeps the sign of the reading (or leans the same way)."""
    reading = factuality_of_token(token_of(nlp(text), predicate))
    found = commitment_sign(reading.commitment)
    assert found == sign or (sign != 0 and found == 0 and reading.commitment * sign > 0), reading


BOUND_CASES = [
    # a participle or gerund with no clause of its own, under a hedged governor: bounded
    ("There could be soldiers fighting in the region.", "fighting", True),
    ("If they attack, troops guarding the bridge would respond.", "guarding", True),
    ("This idea of soldiers fighting for the junta, we believe, if true, would mark a turn.",
     "fighting", True),
    ("He was accused of faking his death.", "faking", True),
    ("The prospect of China supplying weapons worried Kyiv.", "supplying", True),
    # its own clause, a fact, a report, a future the text is sure of, a noun: the model's own
    ("There were troops guarding the border.", "guarding", False),
    ("Reports of China supplying weapons alarmed Kyiv.", "supplying", False),
    ("There will be troops guarding the border.", "guarding", False),
    ("The possible deployment of troops worries Seoul.", "deployment", False),
    ("If troops cross the river, Seoul would respond.", "cross", False),
    ("The troops withdrew without firing a shot.", "firing", False),
    ("There could be soldiers not fighting at all.", "fighting", False),
]


@pytest.mark.parametrize("text, predicate, bounded", BOUND_CASES)
def test_scope_bound(nlp: Language, text: str, predicate: str, bounded: bool) -> None:
    """Only a participle or gerund that borrows a hedged scope is kept near the rules."""
    token = token_of(nlp(text), predicate)
    _, committed = rule_readings(token)
    assert (bounded_by_scope(token, committed, 3.0) < 3.0) == bounded
    if bounded:
        assert factuality_of_token(token).commitment <= committed.commitment + SCOPE_MARGIN


@pytest.mark.parametrize("text, predicate", [
    ("Seoul asked if Russia attacked the port and seized the ships.", "seized"),
    ("Seoul asked if Russia attacked the port and seized the ships.", "attacked"),
    ("Officials asked whether the shell hit the depot and destroyed it.", "destroyed"),
])
def test_a_conjunct_of_an_embedded_question_is_an_open_question(
        nlp: Language, text: str, predicate: str) -> None:
    """A verb coordinated in an embedded 'if' or 'whether' question shares its first
    conjunct's question: unconfirmed, not a condition."""
    from redline.extract.factuality_cues import load_cues
    from redline.extract.factuality_local import marker_grades

    token = token_of(nlp(text), predicate)
    labels = {grade.label for grade in marker_grades(token, load_cues(), None)}
    assert labels == {"unconfirmed"}, labels


NEGATED_PURPOSE_CASES = [
    # an infinitive of purpose after a negated predicate: not sure to happen
    ("Officials weren't available to comment.", "comment", True),
    ("The rise was not enough to raise concerns.", "raise", True),
    ("He would never come here to get his son.", "get", True),
    ("The envoy did not travel to Seoul to sign the deal.", "sign", True),
    # the same without the negation: a purpose the text is sure of
    ("Officials were available to comment.", "comment", False),
    ("The rise was enough to raise concerns.", "raise", False),
    ("He came here to get his son.", "get", False),
    ("The envoy travelled to Seoul to sign the deal.", "sign", False),
]


@pytest.mark.parametrize("text, predicate, negated", NEGATED_PURPOSE_CASES)
def test_a_negated_predicate_leaves_its_purpose_open(nlp: Language, text: str,
                                                     predicate: str, negated: bool) -> None:
    """What a negated predicate is for is not committed to (0), whatever the model reads;
    a purpose is never presented as having happened."""
    token = token_of(nlp(text), predicate)
    reading, committed = rule_readings(token)
    assert reading.label not in HAPPENED_LABELS, reading
    assert (commitment_sign(committed.commitment) == 0) == negated, committed
    if negated:
        assert factuality_of_token(token).commitment < 1.5
