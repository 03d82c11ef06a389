"""Event factuality: cue tables, scope, sources, gold sentences and the MEANTIME score.

Sentences are either written for these tests or taken from the public-domain
US-government sample (sample/us-gov); PLOVER sentences and the seed article are
read from ../shared at test time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from redline.errors import InputError, ValidationError
from redline.eval import meantime
from redline.extract.factuality import (
    Factuality,
    factuality_of,
    factuality_of_token,
    predicate_at,
    rule_readings,
)
from redline.extract.factuality_cues import CUES_FILE, load_cues
from redline.extract.nlp import load_nlp
from redline.records import FACTUALITY_LABELS, HAPPENED_LABELS

# Values each label may take (FactBank-style scale).
LABEL_RANGES = {
    "confirmed": (2.75, 3.0),
    "reported": (2.0, 3.0),
    "probable": (1.5, 2.5),
    "possible": (0.75, 1.5),
    "conditional": (0.0, 1.0),
    "unconfirmed": (0.0, 0.0),
    "denied": (-3.0, -0.75),
}
# Measured on the dev split with the learned model: r 0.783, MAE 0.352 (rules alone: r
# 0.696, MAE 0.37). The train split is in the model's training data: its floor is the
# rules' own score there (0.702), which the model must not lose.
MEANTIME_R_FLOOR = 0.76
MEANTIME_MAE_CEILING = 0.38
MEANTIME_TRAIN_R_FLOOR = 0.69
# How far the learned commitment may be from the rule reading on a clear-cut sentence.
MODEL_TOLERANCE = 1.25


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def token_of(doc: Doc, predicate: str) -> Token:
    """The token written ``predicate``; "send#2" is its second occurrence."""
    word, _, nth = predicate.partition("#")
    tokens = [t for t in doc if t.text == word]
    assert tokens, f"{word!r} is not a token of {doc.text!r}"
    return tokens[int(nth or 1) - 1]


# Below this magnitude a commitment counts as neither sure nor denied.
SURE = 1.5


def commitment_sign(value: float) -> int:
    """+1 sure it occurs, -1 sure it does not, 0 neither (below ``SURE``)."""
    return 0 if abs(value) < SURE else (1 if value > 0 else -1)


def read(nlp: Language, text: str, predicate: str) -> Factuality:
    return factuality_of_token(token_of(nlp(text), predicate))


LABEL_CASES = [
    # confirmed: asserted by the text, or confirmed by a source
    ("North Korea sent troops to Russia.", "sent", "confirmed"),
    ("The Pentagon confirmed that about 10,000 North Korean troops were sent to Russia.", "sent",
     "confirmed"),
    ("Russia managed to deliver the missiles.", "deliver", "confirmed"),
    # implicative causatives: their complement happened when they did
    ("The blast prompted the cabinet to convene an urgent session.", "convene", "confirmed"),
    ("The attack forced the airline to cancel its flights.", "cancel", "confirmed"),
    ("The sell-off caused the index to fall below 4,000 points.", "fall", "confirmed"),
    ("The report led the ministry to suspend the contract.", "suspend", "confirmed"),
    ("The Nikkei dropped 9.6% to reach a 20-year low.", "reach", "confirmed"),
    ("The government fought to stem the crisis, which has deepened.", "deepened", "confirmed"),
    ("Prices fell as the crisis deepened.", "deepened", "confirmed"),
    ("In March 2024, Russia vetoed a resolution that would have renewed the mandate of a UN "
     "expert panel.", "vetoed", "confirmed"),
    # reported: a cited source through a neutral reporting verb
    ("Kim told reporters that the troops had arrived.", "arrived", "reported"),
    ("According to the Pentagon, North Korean troops crossed into Ukraine.", "crossed", "reported"),
    ("The deployment was reported by Yonhap.", "deployment", "reported"),
    # probable
    ("North Korea probably sent more troops.", "sent", "probable"),
    ("North Korea appears to have sent more troops.", "sent", "probable"),
    ("Officials claimed that Russia had transferred the technology.", "transferred", "probable"),
    ("The analyst said Iran must have offered Russia generous terms.", "offered", "probable"),
    ("President Zelenskyy said today that the first North Korean soldiers are expected to deploy "
     "by Russia to combat zones as early as Sunday.", "deploy", "probable"),
    # possible
    ("Russia may transfer the technology.", "transfer", "possible"),
    ("There is a possibility that Moscow could transfer missile technology.", "transfer",
     "possible"),
    ("Tokyo is considering the supply of patrol boats to Manila.", "supply", "possible"),
    ("Officials alleged that Russia had transferred the technology.", "transferred", "possible"),
    ("Analysts fear that Russia has transferred the technology.", "transferred", "possible"),
    ("Korean troops could be deployed to the Kursk area.", "deployed", "possible"),
    ("Russian technology transfers, for example, could improve the ability of North Korean "
     "missiles to strike the U.S.", "improve", "possible"),
    # conditional: inside an if/unless/when-hypothetical clause, or its consequent
    ("Seoul would send weapons if Russia transfers the technology.", "transfers", "conditional"),
    ("If Iran provides Russia with long-range attack drones, those drones pose a danger to "
     "Kyiv.", "provides", "conditional"),
    ("If Iran provides Russia with long-range attack drones, those drones pose a danger to "
     "Kyiv.", "pose", "conditional"),
    ("When Russia provides the technology, Seoul would consider sending weapons.", "provides",
     "conditional"),
    ("Unless Moscow halts the transfer, Seoul will respond.", "halts", "conditional"),
    # unconfirmed: not yet confirmed, unclear, planned, future, asked for
    ("Russia plans to transfer the technology next year.", "transfer", "unconfirmed"),
    ("It is unclear whether Russia transferred the technology.", "transferred", "unconfirmed"),
    ("The transfer of missile technology has not been confirmed by the NIS.", "transfer",
     "unconfirmed"),
    ("Seoul will consider sending lethal weapons.", "sending", "unconfirmed"),
    # a noun naming a bar or a matter to settle: its complement is not asserted
    ("The vote acts as a threshold for supplying tanks to Kyiv.", "supplying", "unconfirmed"),
    ("Berlin set a threshold for providing tanks to Kyiv.", "providing", "unconfirmed"),
    ("Seoul drew a red line on the transfer of missile technology.", "transfer", "unconfirmed"),
    ("The condition for sending troops is a vote in parliament.", "sending", "unconfirmed"),
    ("Berlin's decision on the provision of tanks was welcomed.", "provision", "unconfirmed"),
    ("The cabinet debated the issue of supplying artillery shells.", "supplying", "unconfirmed"),
    ("There is growing pressure to send tanks.", "send", "unconfirmed"),
    ("Kyiv renewed its call for the delivery of air defence systems.", "delivery",
     "unconfirmed"),
    ("Kyiv repeated its demand for the delivery of air defence systems.", "delivery",
     "unconfirmed"),
    # an order, a request or a wish for an event is not the event
    ("Washington urged Seoul to send artillery shells.", "send", "unconfirmed"),
    ("Washington asked Seoul to send artillery shells.", "send", "unconfirmed"),
    ("Kyiv wants Seoul to send artillery shells.", "send", "unconfirmed"),
    ("Seoul will send weapons after Russia transfers the technology.", "transfers",
     "conditional"),
    ("Seoul would respond as Russia sends more troops.", "sends", "conditional"),
    ("Russia will transfer the technology.", "transfer", "unconfirmed"),
    ("The causes will force Seoul to cancel the visit.", "cancel", "unconfirmed"),
    ("Russia has signed a contract to supply the tankers.", "supply", "unconfirmed"),
    ("Did Russia transfer the technology?", "transfer", "unconfirmed"),
    ("Kim told the troops to leave.", "leave", "unconfirmed"),
    ("There is no sign that Russia has provided the technology.", "provided", "unconfirmed"),
    ("Seoul is torn over whether to supply artillery shells to Kyiv.", "supply", "unconfirmed"),
    ("The United States has not seen any transfer of weapons.", "transfer", "unconfirmed"),
    ("In March 2024, Russia vetoed a resolution that would have renewed the mandate of a UN "
     "expert panel.", "renewed", "unconfirmed"),
    ("In August 2026, Ukrainian President Volodymyr Zelensky warned that North Korea would be "
     "deploying 30,000-50,000 troops.", "deploying", "unconfirmed"),
    # denied
    ("Russia did not transfer the technology.", "transfer", "denied"),
    ("Russia never sent jets.", "sent", "denied"),
    ("Russia denied that it transferred missile technology to Pyongyang.", "transferred", "denied"),
    ("Moscow is unlikely to transfer nuclear technology.", "transfer", "denied"),
    ("North Korea may not send more troops.", "send", "denied"),
    ("Russia failed to deliver the missiles.", "deliver", "denied"),
    ("The delivery of the missiles was delayed.", "delivery", "denied"),
    ("The index nearly broke the record.", "broke", "denied"),
    ("The threshold is yet to be reached.", "reached", "denied"),
    ("Moscow has yet to transfer the technology.", "transfer", "denied"),
    ("The troops withdrew without firing a shot.", "firing", "denied"),
    ("There was no transfer of missile technology.", "transfer", "denied"),
    pytest.param("I will go so far today as to say that it is possible that there are now more "
                 "than 3,000 troops from North Korea that have been dispatched to Russia.",
                 "dispatched", "possible",
                 marks=pytest.mark.xfail(reason="the speaker's 'I will go so far as to say' is "
                                                "read as a future event", strict=True)),
    pytest.param("Russia May Transfer Missile Technology To North Korea", "Transfer", "possible",
                 marks=pytest.mark.xfail(reason="title-case headlines parse as one name; parse "
                                                "them in sentence case", strict=True)),
]


@pytest.mark.parametrize("text, predicate, expected_label", LABEL_CASES)
def test_label(nlp: Language, text: str, predicate: str, expected_label: str) -> None:
    reading = read(nlp, text, predicate)
    assert reading.label == expected_label, reading
    low, high = LABEL_RANGES[expected_label]
    assert low <= reading.value <= high, reading


SCOPE_CASES = [
    # a cue governs its own clause, never a coordinated clause with its own subject
    ("Russia may send jets, and North Korea sent troops.", "sent", "confirmed"),
    ("Russia may send jets, and North Korea sent troops.", "send", "possible"),
    ("North Korea sent troops, but Russia did not send jets.", "sent", "confirmed"),
    ("North Korea sent troops but did not send jets.", "send", "denied"),
    ("If Russia transfers the technology, Seoul will respond; North Korea sent troops last week.",
     "sent", "confirmed"),
    # nor a relative clause, in either direction
    ("Russia, which may transfer the technology, sent troops.", "sent", "confirmed"),
    ("North Korea, which has sent troops, may send more missiles.", "sent", "confirmed"),
    ("The NIS confirmed that North Korea sent troops, which Russia may use in Kursk.", "use",
     "possible"),
    # a past temporal clause is a fact even under a future main clause
    ("Seoul will consider sending weapons after North Korea sent troops.", "sent", "confirmed"),
    # cues reach complements below them
    ("Tokyo said the response might include considering a sale of patrol boats to Manila.",
     "sale", "possible"),
    ("Officials said that Russia may be preparing to transfer the technology.", "transfer",
     "unconfirmed"),
    ("The agency confirmed that Iran decided to ship drones to Russia.", "ship", "confirmed"),
    # a noun the text takes as given stays given inside a purpose or a plan
    ("Ministers made efforts to limit the damage from the ongoing crisis.", "crisis", "confirmed"),
    # an implicative's finite complement is not its own ("decided that")
    ("North Korea decided that Russia would pay for the troops.", "pay", "unconfirmed"),
]


@pytest.mark.parametrize("text, predicate, expected_label", SCOPE_CASES)
def test_scope(nlp: Language, text: str, predicate: str, expected_label: str) -> None:
    assert read(nlp, text, predicate).label == expected_label


UNHEDGED = [
    "North Korea sent about 10,000 troops to Russia in October.",
    "This deployment is the latest in a series of concerning indicators of deepening military "
    "cooperation between the DPRK and Russia, including arms and ballistic missile transfers in "
    "direct violation of United Nations Security Council (UNSC) resolutions.",
    "We strongly condemn violations of multiple United Nations Security Council (UNSC) "
    "resolutions by the DPRK and Russia.",
    "The delegations met in Seoul and signed the agreement after the talks ended.",
]


@pytest.mark.parametrize("text", UNHEDGED)
def test_nothing_hedged(nlp: Language, text: str) -> None:
    doc = nlp(text)
    readings = {t.text: factuality_of_token(t) for t in doc if t.pos_ in ("VERB", "NOUN")}
    assert readings
    hedged = {word: r.label for word, r in readings.items() if r.label != "confirmed"}
    assert hedged == {}
    assert all(r.value == 3.0 and r.source is None for r in readings.values())


SOURCE_CASES = [
    ("Japan's Public Security Intelligence Agency (PSIA) confirmed on Friday that Iran "
     "decided to ship drones to Russia.", "ship",
     "Japan's Public Security Intelligence Agency (PSIA)", "confirmed"),
    ("The troops have arrived, said Kim Min-su, a professor at Seoul National University.",
     "arrived", "Kim Min-su, a professor at Seoul National University", "said"),
    ("According to Pentagon officials, the troops crossed into Ukraine.", "crossed",
     "Pentagon officials", "according to"),
    ("The transfer of the technology was confirmed by the NIS.", "transfer", "the NIS",
     "confirmed"),
    ("In August 2026, Ukrainian President Volodymyr Zelensky warned that North Korea would be "
     "deploying 30,000-50,000 troops.", "deploying", "Ukrainian President Volodymyr Zelensky",
     "warned"),
    ("The foreign ministry drew a red line, saying that Iran had crossed it.", "crossed",
     "The foreign ministry", "saying"),
    ("North Korea sent troops to Russia.", "sent", None, None),
]


# Futures and intentions: not (yet) happened (value 0, unconfirmed), yet the text may be
# sure they will happen (commitment, FactBank/MEANTIME certainty x polarity); every
# other cue reads the same in both.
COMMITMENT_CASES = [
    # text, predicate, value, commitment, time
    ("North Korea will send troops to Russia.", "send", 0.0, 3.0, "future"),
    ("Russia is going to transfer the technology.", "transfer", 0.0, 3.0, "future"),
    ("Russia plans to transfer the technology next year.", "transfer", 0.0, 3.0, "future"),
    ("The troops are to be deployed next month.", "deployed", 0.0, 3.0, "future"),
    ("Russia has signed a contract to supply the tankers.", "supply", 0.0, 3.0, "future"),
    ("The planned deployment was announced on Friday.", "deployment", 0.0, 2.5, "future"),
    ("Officials said that Russia would transfer the technology.", "transfer", 0.0, 2.5,
     "future"),
    ("Russia is trying to deliver the missiles.", "deliver", 0.0, 1.0, "future"),
    ("Russia will not transfer the technology.", "transfer", 0.0, -3.0, "future"),
    ("Seoul would send weapons if Russia transfers the technology.", "send", 0.0, 0.5,
     "future"),
    # no future: commitment is the value
    ("Washington urged Seoul to send artillery shells.", "send", 0.0, 0.0, "future"),
    ("Kyiv wants Seoul to send artillery shells.", "send", 0.0, 0.0, "future"),
    ("In March 2024, Russia vetoed a resolution that would have renewed the mandate of a UN "
     "expert panel.", "renewed", 0.0, 0.0, "past"),
    ("Russia may transfer the technology.", "transfer", 1.0, 1.0, "unknown"),
    ("North Korea sent troops to Russia.", "sent", 3.0, 3.0, "past"),
    ("Belarus is sending troops to the border.", "sending", 3.0, 3.0, "present"),
    ("Kim told reporters that the troops had arrived.", "arrived", 2.5, 2.5, "past"),
    ("Russia did not transfer the technology.", "transfer", -3.0, -3.0, "past"),
    ("Russia decided to deliver the missiles.", "deliver", 3.0, 3.0, "past"),
    ("It is unclear whether Russia transferred the technology.", "transferred", 0.0, 0.0,
     "past"),
    ("Seoul would send weapons if Russia transfers the technology.", "transfers", 0.5, 0.5,
     "present"),
]


@pytest.mark.parametrize("text, predicate, value, commitment, time", COMMITMENT_CASES)
def test_commitment(nlp: Language, text: str, predicate: str, value: float, commitment: float,
                    time: str) -> None:
    """The rule reading exactly; the model's commitment near it, and what factuality_of gives."""
    token = token_of(nlp(text), predicate)
    rule, committed = rule_readings(token)
    assert (rule.value, committed.commitment, committed.time) == (value, commitment, time)
    reading = factuality_of_token(token)
    assert reading.time == time
    if value == 0:
        assert (reading.value, reading.label) in ((0.0, "unconfirmed"), (0.5, "conditional"))
    start = text.index(predicate)
    assert factuality_of(text, start, start + len(predicate)) == reading.commitment


_FUTURES = ("the training corpora disagree on futures (UW and UDS-IH2 grade them as less sure, "
            "MEANTIME as sure): the learned commitment lands between")
MODEL_XFAIL = {
    "Russia is going to transfer the technology.": _FUTURES,
    "In March 2024, Russia vetoed a resolution that would have renewed the mandate of a UN "
    "expert panel.": "the learned commitment misses the counterfactual 'would have' in a "
                     "relative clause (about +1.6)",
    "It is unclear whether Russia transferred the technology.":
        "the learned commitment leans on the past tense of the embedded verb (about +1.4)",
}


@pytest.mark.parametrize("text, predicate, value, commitment, time", [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=MODEL_XFAIL[case[0]]))
    if case[0] in MODEL_XFAIL else case for case in COMMITMENT_CASES])
def test_learned_commitment_near_the_rule(nlp: Language, text: str, predicate: str,
                                          value: float, commitment: float, time: str) -> None:
    reading = read(nlp, text, predicate)
    assert abs(reading.commitment - commitment) <= MODEL_TOLERANCE, reading


def test_factuality_defaults_commitment_to_value() -> None:
    reading = Factuality(2.0, "probable")
    assert (reading.commitment, reading.time) == (2.0, "unknown")
    assert Factuality(0.0, "unconfirmed", None, "will", ("will",), 3.0, "future").commitment == 3.0


@pytest.mark.parametrize("text, predicate, expected_source, expected_cue", SOURCE_CASES)
def test_source(nlp: Language, text: str, predicate: str, expected_source: str | None,
                expected_cue: str | None) -> None:
    reading = read(nlp, text, predicate)
    assert (reading.source.text if reading.source is not None else None) == expected_source
    assert reading.cue == expected_cue


# PLOVER gold sentences, by id: (predicate, expected label, words the source must contain).
PLOVER_CASES = [
    ("PLOVER-GSR01-THREATEN-0009", "ban", "unconfirmed", None),
    ("PLOVER-GSR01-THREATEN-0005", "break", "unconfirmed", None),
    ("PLOVER-GSR01-THREATEN-0025", "accepted", "conditional", None),
    ("PLOVER-GSR01-THREATEN-0019", "withdraw", "unconfirmed", "Annan"),
    ("PLOVER-GSR01-RETREAT-0019", "completed", "reported", "Bosnian Serbs"),
    ("PLOVER-GSR01-FIGHT-0014", "killed", "reported", "Pentagon"),
    ("PLOVER-GSR01-ASSAULT-0015", "assassinate", "unconfirmed", "Militants"),
    ("PLOVER-GSR01-COERCE-0014", "hack", "unconfirmed", "officials"),
    ("PLOVER-GSR01-MOBILIZE-0001", "resume", "unconfirmed", None),
    ("PLOVER-GSR01-MOBILIZE-0006", "mobilized", "confirmed", None),
    ("PLOVER-GSR01-ASSAULT-0009", "killed", "reported", "police"),
]


@pytest.fixture(scope="module")
def plover_sentences() -> dict[str, str]:
    path = Path(__file__).resolve().parents[2].parent / "shared/data/plover/gsr-dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here (read from ../shared)")
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: row["text"] for row in map(json.loads, handle)}


@pytest.mark.parametrize("plover_id, predicate, expected_label, source_word", PLOVER_CASES)
def test_plover_sentences(nlp: Language, plover_sentences: dict[str, str], plover_id: str,
                          predicate: str, expected_label: str, source_word: str | None) -> None:
    reading = read(nlp, plover_sentences[plover_id], predicate)
    assert reading.label == expected_label
    if source_word is not None:
        assert reading.source is not None and source_word in reading.source.text


@pytest.fixture(scope="module")
def seed_doc(nlp: Language) -> Doc:
    path = Path(__file__).resolve().parents[2].parent / "shared/corpus"
    article = path / "koreatimes-lethal-weapons-dilemma.txt"
    if not article.exists():
        pytest.skip(f"{article} is not here (read from ../shared, never copied)")
    return nlp(article.read_text(encoding="utf-8"))


def _find(doc: Doc, lemma: str, pos: str, test: Callable[[Token], bool]) -> list[Token]:
    found = [t for t in doc if t.lemma_ == lemma and t.pos_ == pos and test(t)]
    assert found, f"no {pos} {lemma!r} of that kind in the seed article"
    return found


def _has_child(token: Token, dep: str, lemma: str | None = None) -> bool:
    return any(c.dep_ == dep and (lemma is None or c.lemma_ == lemma) for c in token.children)


def test_seed_unconfirmed_transfer(seed_doc: Doc) -> None:
    """The noun "transfer" under a negated "confirmed" is not a fact."""
    def under_negated_confirm(t: Token) -> bool:
        return t.head.lemma_ == "confirm" and _has_child(t.head, "neg")

    for token in _find(seed_doc, "transfer", "NOUN", under_negated_confirm):
        assert factuality_of_token(token).value <= 1


def test_seed_confirmed_by_intelligence_service(seed_doc: Doc) -> None:
    """"decided" and "send" under the NIS's "confirmed" are facts, with the NIS as source."""
    decided = _find(seed_doc, "decide", "VERB", lambda t: True)[0]
    send = next(c for c in decided.children if c.lemma_ == "send")
    for token in (decided, send):
        reading = factuality_of_token(token)
        assert reading.value >= 2.5
        assert reading.source is not None
        assert "National Intelligence Service" in reading.source.text
        assert reading.cue == "confirmed"


def test_seed_speculated_transfer_never_happened(seed_doc: Doc) -> None:
    """No transfer or receipt of technology in the article is presented as having happened."""
    tokens = [t for t in seed_doc if t.lemma_ in ("transfer", "receive")
              and any(w.lemma_.startswith("technolog") for w in t.subtree)]
    assert len(tokens) >= 3
    for token in tokens:
        assert factuality_of_token(token).label not in HAPPENED_LABELS, token.sent.text


@pytest.mark.parametrize("lemma, pos, governor_lemma, expected_label", [
    ("transfer", "VERB", "possibility", "possible"),  # a clause under the noun "possibility"
    ("provision", "NOUN", "consider", "possible"),  # the object of "considering"
    ("provide", "VERB", "over", "unconfirmed"),  # "whether to" under "over"
    ("deploy", "VERB", "confirmation", "confirmed"),  # a clause under the noun "confirmation"
    ("receive", "VERB", "confirm", "conditional"),  # a clause under "if ... confirmed that"
])
def test_seed_predicates(seed_doc: Doc, lemma: str, pos: str, governor_lemma: str,
                         expected_label: str) -> None:
    tokens = _find(seed_doc, lemma, pos, lambda t: t.head.lemma_ == governor_lemma)
    assert {factuality_of_token(t).label for t in tokens} == {expected_label}


def test_factuality_of_char_span() -> None:
    text = "Russia may transfer the technology, and North Korea sent troops."
    start = text.index("transfer")
    possible = FACTUALITY_LABELS["possible"]
    assert abs(factuality_of(text, start, start + len("transfer")) - possible) <= MODEL_TOLERANCE
    start = text.index("sent")
    assert factuality_of(text, start, start + len("sent")) >= 3.0 - MODEL_TOLERANCE


def test_predicate_at_picks_the_head(nlp: Language) -> None:
    doc = nlp("Belarus's troop deployment worries its neighbours.")
    start = doc.text.index("troop deployment")
    assert predicate_at(doc, start, start + len("troop deployment")).text == "deployment"


@pytest.mark.parametrize("start, end", [(5, 3), (-1, 4), (0, 10_000), (6, 7)])
def test_factuality_of_rejects_bad_spans(start: int, end: int) -> None:
    with pytest.raises(InputError):
        factuality_of("Russia  may send jets.", start, end)


def test_cue_file_is_valid() -> None:
    cues = load_cues()
    assert cues.modals["may"].label == "possible"
    assert cues.predicate("verb", "say") is not None
    assert cues.predicate("verb", "unknownverb") is None
    assert cues.counterfactives == {"pretend", "feign"}


@pytest.mark.parametrize("bad, field", [
    ("modals:\n  - {label: maybe, words: [may]}\n", "modals[0].label"),
    ("modals:\n  - {label: possible, words: [may, may]}\n", "modals[0]"),
    ("modals: [may]\n", "modals"),
])
def test_cue_file_errors_name_the_field(tmp_path: Path, bad: str, field: str) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_cues(path)
    assert error.value.field == field


def test_counterfactives_must_be_denied_implicatives(tmp_path: Path) -> None:
    text = CUES_FILE.read_text(encoding="utf-8")
    path = tmp_path / "cues.yaml"
    path.write_text(text.replace("counterfactives: [pretend, feign]", "counterfactives: [say]"),
                    encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_cues(path)
    assert error.value.field == "counterfactives"
    assert "say" in str(error.value)


@pytest.mark.parametrize("futures, field", [
    ("  - {commitment: sure, modals: [will]}\n", "futures[0].commitment"),
    ("  - {commitment: confirmed, modals: [may]}\n", "futures[0].modals"),
    ("  - {commitment: confirmed, verbs: [say]}\n", "futures[0].verbs"),
    ("  - {commitment: confirmed, verb: [plan]}\n", "futures[0]"),
    ("  - {commitment: confirmed, modals: [will]}\n  - {commitment: probable, modals: [will]}\n",
     "futures[1]"),
])
def test_futures_errors_name_the_field(tmp_path: Path, futures: str, field: str) -> None:
    text = CUES_FILE.read_text(encoding="utf-8")
    path = tmp_path / "cues.yaml"
    path.write_text(text[:text.index("\nfutures:")] + "\nfutures:\n" + futures, encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_cues(path)
    assert error.value.field == field


def test_meantime_dev_score(shared: Path) -> None:
    scores = meantime.score(shared)
    assert scores["meantime.n"] == 195
    assert scores["meantime.pearson_r"] >= MEANTIME_R_FLOOR
    assert scores["meantime.mae"] <= MEANTIME_MAE_CEILING


def test_meantime_train_score(shared: Path) -> None:
    """The split the cues were designed on and the model trained on."""
    scores = meantime.score_split(shared, "train")
    assert scores["meantime.pearson_r"] >= MEANTIME_TRAIN_R_FLOOR


def test_meantime_char_spans_match_the_tokens(shared: Path) -> None:
    targets = list(meantime.targets(shared / "data" / "meantime" / "dev.jsonl"))
    assert targets and all(t.text[t.start:t.end] == t.word and t.word.strip() for t in targets)
