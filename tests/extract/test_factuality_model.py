"""The learned factuality model: shipped weights, their card, run-time scoring, training."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from redline.errors import ConfigError
from redline.extract.factuality import factualities_of, factuality_of_token
from redline.extract.factuality_model import CARD_FILE, MODEL_FILE, load_model, model_card
from redline.extract.factuality_train import load_settings, train
from redline.extract.nlp import load_nlp


def test_shipped_weights_are_the_ones_the_card_describes() -> None:
    card = model_card()
    with np.load(MODEL_FILE, allow_pickle=False) as data:
        weights = data["weights"]
    assert hashlib.sha256(weights.tobytes()).hexdigest()[:16] == card["weights_sha"]
    assert set(card["corpora"]) == {"meantime", "uw", "uds_ih2", "cb"}
    for corpus in card["corpora"].values():
        assert corpus["source"] and corpus["licence"] and corpus["judgements"] > 0
    assert card["settings"]["limit"] is None  # trained on the whole train splits


def test_batch_scoring_equals_one_at_a_time() -> None:
    doc = load_nlp()("Russia may transfer the technology, and North Korea sent troops that "
                     "were not deployed.")
    tokens = [t for t in doc if t.pos_ in ("VERB", "NOUN")]
    together = [r.commitment for r in factualities_of(tokens)]
    alone = [factuality_of_token(t).commitment for t in tokens]
    assert together == alone
    assert len(set(together)) > 1


def test_a_broken_model_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not an npz")
    with pytest.raises(ConfigError, match=r"model\.npz"):
        load_model(bad)


@pytest.mark.slow
def test_training_on_a_slice_is_deterministic(shared: Path, tmp_path: Path) -> None:
    settings = load_settings()
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        out.mkdir()
        summary = train(shared, settings, limit=6, output=out / MODEL_FILE.name,
                        card=out / CARD_FILE.name)
        runs.append(summary)
        assert load_model(out / MODEL_FILE.name).weights.any()
    assert runs[0]["weights_sha"] == runs[1]["weights_sha"]
    assert runs[0]["cross_validation"] == runs[1]["cross_validation"]
