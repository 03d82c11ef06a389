"""The register gate that mixes the factuality model's corpus heads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from redline.errors import ConfigError, ValidationError
from redline.extract.factuality_features import hash_features
from redline.extract.factuality_mixture import fit_register_gate, gate_settings, head_shares
from redline.extract.factuality_model import NEWS_CORPUS, FactualityModel, Gate, load_model
from redline.extract.factuality_register import (
    clause_register,
    fit_gate,
    gate_probabilities,
    register_features,
    sentence_register,
    sentence_registers,
)
from redline.extract.nlp import load_nlp


def _tokens(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("words, present, absent", [
    (_tokens("i think u should go there , its great :) !"), {"gate.opens_lower", "gate.web",
                                                          "gate.person=1s", "gate.ends=!"},
     {"gate.caps", "gate.digit"}),
    (_tokens("Russian forces shelled Kharkiv on 12 May ."), {"gate.digit", "gate.ends=."},
     {"gate.opens_lower", "gate.web", "gate.person=1s"}),
    (_tokens("We do n't know yet ?"), {"gate.person=1p", "gate.contraction", "gate.ends=?"},
     {"gate.person=2", "gate.quote"}),
    (_tokens("NATO officials met ( briefly )"), {"gate.caps", "gate.bracket", "gate.ends=)"},
     {"gate.contraction", "gate.ends=word"}),
])
def test_register_features_name_the_sentence_shape(words: list[str], present: set[str],
                                                   absent: set[str]) -> None:
    names = {name for name, _ in register_features(words)}
    assert present <= names
    assert not absent & names
    assert f"gate.w={words[0].lower()}" in names


@pytest.mark.parametrize("text, present, absent", [
    ("I will send you the contract tomorrow.", {"gate.modal=will", "gate.past=0"},
     {"gate.modal=would", "gate.past=1"}),
    ("We need to talk about the budget.", {"gate.root|subj=VBP|we", "gate.present=1"},
     {"gate.root|subj=VBP|np"}),
    ("Call me when you get there.", {"gate.root|subj=VB|none"}, {"gate.modal=will"}),
    ("Russian forces shelled Kharkiv and Izium on Monday.", {"gate.root|subj=VBD|np",
                                                             "gate.past=1"},
     {"gate.past=0", "gate.names=0"}),
    # nothing from the clause where the sentence has no modal and no verb of its tense
    ("The talks in Geneva.", {"gate.past=0", "gate.present=0"},
     {"gate.modal=will", "gate.modal=would", "gate.root|subj=VBD|np"}),
])
def test_the_clause_register_names_the_main_clause_and_tenses(text: str, present: set[str],
                                                              absent: set[str]) -> None:
    sent = next(iter(load_nlp()(text).sents))
    names = {name for name, _ in clause_register(sent)}
    assert present <= names
    assert not absent & names
    assert {name for name, _ in sentence_register(sent)} >= names | {"gate.bias"}


def test_each_sentence_is_described_once_for_its_tokens() -> None:
    doc = load_nlp()("Seoul may send weapons. i guess they wont lol")
    tokens = [t for t in doc if t.pos_ == "VERB"]
    rows = sentence_registers(tokens)
    assert len(rows) == len(tokens) >= 2
    assert rows[0] is not rows[-1]
    assert ("gate.opens_lower", 1.0) in rows[-1] and ("gate.opens_lower", 1.0) not in rows[0]


def test_the_gate_learns_a_register_and_is_deterministic() -> None:
    news = [_tokens(f"Officials said the {w} ended .") for w in ("talks", "strike", "visit")]
    web = [_tokens(f"lol i think the {w} was ok") for w in ("movie", "food", "hotel")]
    rows = [register_features(w) for w in news + web]
    labels = np.asarray([0, 0, 0, 1, 1, 1], np.int64)
    one = fit_gate(rows, labels, 2, 12, penalty=1e-3, iterations=100)
    two = fit_gate(rows, labels, 2, 12, penalty=1e-3, iterations=100)
    assert np.array_equal(one, two)
    unseen = [register_features(_tokens("Officials said the parade ended .")),
              register_features(_tokens("lol i think the party was ok"))]
    shares = gate_probabilities(one, 12, unseen)
    assert shares[0, 0] > 0.8 and shares[1, 1] > 0.8


def _gate_file(path: Path, gate_shape: tuple[int, int]) -> None:
    np.savez(path, weights=np.zeros(1 << 10, np.float32), bits=np.int64(10),
             corpora=np.asarray([NEWS_CORPUS, "uds_ih2"]),
             calibration=np.asarray([[1.0, 0.0], [1.0, 1.0]]),
             gate_weights=np.zeros(gate_shape, np.float32), gate_bits=np.int64(10),
             gate_heads=np.asarray([NEWS_CORPUS, "uds_ih2"]))


def test_a_gated_model_mixes_its_heads_and_needs_registers(tmp_path: Path) -> None:
    path = tmp_path / "gated.npz"
    _gate_file(path, (1 << 10, 2))
    model = load_model(path)
    features = [[("bias", 1.0)]]
    # a gate of zeros shares evenly: the heads' shifts 0 and 1 mix to 0.5
    assert model.score(features, None, [register_features(["Hello", "."])])[0] == 0.5
    with pytest.raises(ConfigError, match="register"):
        model.score(features)


def test_a_model_file_with_a_misshapen_gate_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.npz"
    _gate_file(path, (1 << 10, 3))
    with pytest.raises(ConfigError, match=r"bad\.npz.*gate_weights"):
        load_model(path)


def _word_gate(logits: dict[str, float], bits: int = 10) -> npt.NDArray[np.float64]:
    """Gate weights of two classes (news, uds_ih2) where each word of ``logits`` adds its
    logit to the second class; every other feature weighs nothing."""
    weights = np.zeros((1 << bits, 2))
    for word, logit in logits.items():
        (index,), _ = hash_features([(f"gate.w={word}", 1.0)], bits)
        weights[index, 1] += logit
    return weights


@pytest.mark.parametrize("text, threshold, expected", [
    ("lol that was fun", 0.98, 1.0),   # p(web) 0.993: the web head alone
    ("hmm that was fun", 0.98, 0.0),   # p(web) 0.953, below the threshold: news
    ("lol hmm that was fun", 0.98, 1.0),
    ("The talks ended .", 0.98, 0.0),  # an even gate: news
    ("hmm that was fun", 0.9, 1.0),
    ("hmm that was fun", None, 0.9526),  # no threshold: the heads mixed
    ("The talks ended .", None, 0.5),
])
def test_a_threshold_reads_another_head_only_where_the_gate_is_that_sure(
        text: str, threshold: float | None, expected: float) -> None:
    gate = Gate(_word_gate({"lol": 5.0, "hmm": 3.0}), 10, (NEWS_CORPUS, "uds_ih2"), threshold)
    model = FactualityModel(np.zeros(1 << 10, np.float32), 10,
                            {NEWS_CORPUS: (1.0, 0.0), "uds_ih2": (1.0, 1.0)}, gate=gate)
    score = model.score([[("bias", 1.0)]], None, [register_features(_tokens(text))])[0]
    assert score == pytest.approx(expected, abs=1e-4)


def test_a_sure_gate_for_the_news_class_reads_the_news_head() -> None:
    weights = _word_gate({"officials": -6.0})  # news 0.998
    shares = Gate(weights, 10, (NEWS_CORPUS, "uds_ih2"), 0.98).shares(
        [register_features(_tokens("officials said so ."))], ["uds_ih2", NEWS_CORPUS])
    assert shares.tolist() == [[0.0, 1.0]]


def _settings(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {"bits": 10, "penalty": 1e-3, "iterations": 60,
                              "news_texts": [], "news_documents": 1,
                              "news_corpora": [NEWS_CORPUS, "uw"], "threshold": 0.98}
    raw.update(changes)
    return raw


def test_the_news_corpora_and_texts_share_the_first_class() -> None:
    settings = gate_settings(_settings(), "test")
    assert settings is not None
    corpora = [NEWS_CORPUS, "uw", "uds_ih2", "cb"]
    assert settings.classes(corpora) == [NEWS_CORPUS, "uds_ih2", "cb"]
    news = [register_features(_tokens(f"Officials said the {w} ended .")) for w in ("talks",
                                                                                  "visit")]
    web = [register_features(_tokens(f"lol i think the {w} was ok")) for w in ("movie", "food")]
    talk = [register_features(_tokens("B : well , I guess she left"))]
    weights = fit_register_gate([news[0], *web, *talk], [NEWS_CORPUS, "uds_ih2", "uds_ih2", "cb"],
                                [news[1]], corpora, settings)
    assert weights.shape == (1 << 10, 3)
    unseen = gate_probabilities(weights, 10, [
        register_features(_tokens("Officials said the strike ended .")),
        register_features(_tokens("lol i think the hotel was ok"))])
    assert unseen[0].argmax() == 0 and unseen[1].argmax() == 1
    shares = head_shares(weights, settings, [register_features(_tokens("Officials said ."))],
                         corpora)
    assert shares.shape == (1, 4) and shares[0].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("changes, message", [
    ({"threshold": 0.3}, "threshold"),
    ({"threshold": 1.0}, "threshold"),
    ({"news_corpora": ["uw"]}, "news_corpora"),
])
def test_gate_settings_out_of_range_are_named(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        gate_settings(_settings(**changes), "test")


def test_gate_settings_without_a_threshold_mix_and_disabled_ones_are_none() -> None:
    settings = gate_settings(_settings(threshold=None), "test")
    assert settings is not None and settings.threshold is None
    assert gate_settings({"enabled": False}, "test") is None


@pytest.mark.parametrize("threshold, loads", [(0.98, True), (1.5, False), (0.2, False)])
def test_a_model_file_keeps_its_gate_threshold(tmp_path: Path, threshold: float,
                                               loads: bool) -> None:
    path = tmp_path / "gated.npz"
    _gate_file(path, (1 << 10, 2))
    with np.load(path, allow_pickle=False) as data:
        arrays = dict(data)
    np.savez(path, **arrays, gate_threshold=np.float64(threshold))
    load_model.cache_clear()
    if not loads:
        with pytest.raises(ConfigError, match="gate_threshold"):
            load_model(path)
        return
    model = load_model(path)
    assert model.gate is not None and model.gate.threshold == threshold
    # an even gate is not sure of the web class: the news head (shift 0) alone
    assert model.score([[("bias", 1.0)]], None, [register_features(["Hello", "."])])[0] == 0.0


def test_a_head_with_weights_of_its_own_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "own.npz"
    bits = 10
    gate = np.zeros((1 << bits, 2), np.float32)
    web = hash_features([("gate.bias", 1.0)], bits)[0][0]
    gate[web] = [-10.0, 10.0]  # every sentence the web class's, surely
    own = np.zeros((1, 1 << bits), np.float32)
    own[0, hash_features([("bias", 1.0)], bits)[0][0]] = -2.0
    np.savez(path, weights=np.zeros(1 << bits, np.float32), bits=np.int64(bits),
             corpora=np.asarray([NEWS_CORPUS, "uds_ih2"]),
             calibration=np.asarray([[1.0, 0.0], [1.0, 0.0]]),
             gate_weights=gate, gate_bits=np.int64(bits),
             gate_heads=np.asarray([NEWS_CORPUS, "uds_ih2"]), gate_threshold=np.float64(0.98),
             head_names=np.asarray(["uds_ih2"]), head_weights=own,
             head_context_weights=np.zeros((1, 0), np.float32))
    model = load_model(path)
    registers = [register_features(["Hello", "."])]
    assert model.score([[("bias", 1.0)]], None, registers)[0] == -2.0
    shared = FactualityModel(model.weights, bits, model.calibration, gate=model.gate)
    assert shared.score([[("bias", 1.0)]], None, registers)[0] == 0.0
    np.savez(path, **{**dict(np.load(path)), "head_names": np.asarray([NEWS_CORPUS])})
    load_model.cache_clear()
    with pytest.raises(ConfigError, match="head_weights"):
        load_model(path)
