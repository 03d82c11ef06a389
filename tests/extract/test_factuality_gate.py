"""The register gate that mixes the factuality model's corpus heads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from redline.errors import ConfigError
from redline.extract.factuality_model import NEWS_CORPUS, load_model
from redline.extract.factuality_register import (
    fit_gate,
    gate_probabilities,
    register_features,
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
