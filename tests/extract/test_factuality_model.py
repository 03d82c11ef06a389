"""The learned factuality model: shipped weights, their card, run-time scoring, training."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from redline.errors import ConfigError
from redline.extract.factuality import factualities_of, factuality_of_token
from redline.extract.factuality_context import WINDOW, context_rows, governing_verb, window_of
from redline.extract.factuality_model import CARD_FILE, MODEL_FILE, load_model, model_card
from redline.extract.factuality_register import sentence_registers
from redline.extract.factuality_train import load_settings, train
from redline.extract.nlp import load_nlp


def test_shipped_weights_are_the_ones_the_card_describes() -> None:
    card = model_card()
    with np.load(MODEL_FILE, allow_pickle=False) as data:
        digest = hashlib.sha256(data["weights"].tobytes())
        blocks = [str(b) for b in data["context_blocks"]]
        if len(data["context_weights"]):
            digest.update(data["context_weights"].tobytes())
        for part in ("head_weights", "head_context_weights"):
            if part in data.files:
                digest.update(data[part].tobytes())
    assert digest.hexdigest()[:16] == card["weights_sha"]
    assert blocks == card["settings"]["context"]
    assert set(card["corpora"]) == {"meantime", "uw", "uds_ih2", "cb"}
    for corpus in card["corpora"].values():
        assert corpus["source"] and corpus["licence"] and corpus["judgements"] > 0
    assert card["settings"]["limit"] is None  # trained on the whole train splits
    if any(b.startswith("encoder.") for b in blocks):
        assert "Apache-2.0" in card["encoder"]["model"]


def test_the_contextual_part_is_read_and_its_width_checked() -> None:
    model = load_model()
    doc = load_nlp()("Russia may transfer the technology.")
    rows = context_rows([doc[2]], model.context.blocks)
    assert rows.shape == (1, len(model.context.mean))
    features = [[("bias", 1.0)]]
    registers = sentence_registers([doc[2]])
    if model.context.blocks:
        assert model.score(features, rows, registers)[0] != model.score(
            features, np.zeros_like(rows), registers)[0]
        with pytest.raises(ConfigError, match="contextual numbers"):
            model.score(features, rows[:, :-1], registers)


def test_a_model_file_with_unknown_context_blocks_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "model.npz"
    np.savez(bad, weights=np.zeros(1 << 10, np.float32), bits=np.int64(10),
             corpora=np.asarray(["meantime"]), calibration=np.asarray([[1.0, 0.0]]),
             context_blocks=np.asarray(["encoder.elsewhere"]), context_mean=np.zeros(1),
             context_scale=np.ones(1), context_weights=np.zeros(1))
    with pytest.raises(ConfigError, match=r"model\.npz.*encoder\.elsewhere"):
        load_model(bad)


@pytest.mark.parametrize("text, block", [
    ("The troops were deployed.", "tensor.token"),
    ("The troops were deployed.", "encoder.governor"),
])
def test_context_rows_have_one_block_width_per_block(text: str, block: str) -> None:
    doc = load_nlp()(text)
    one = context_rows([doc[1], doc[3]], (block,))
    two = context_rows([doc[1], doc[3]], (block, block))
    assert one.shape[0] == 2 and two.shape[1] == 2 * one.shape[1] > 0
    assert not np.allclose(one[0], one[1]) or block.endswith(("governor", "sentence"))


def test_the_governing_verb_is_the_nearest_verb_above() -> None:
    doc = load_nlp()("Officials said the deployment of troops began in October.")
    words = {t.text: t for t in doc}
    assert governing_verb(words["deployment"]).text == "began"
    assert governing_verb(words["began"]).text == "said"
    assert governing_verb(words["said"]).text == "said"


@pytest.mark.parametrize("text, predicate, window", [
    ("The idea of Seoul sending weapons was rejected.", "sending",
     "idea of Seoul sending weapons was rejected"),
    ("Troops left. Officials said the deployment of troops began in October.", "said",
     "Officials said the deployment of"),
    ("Troops left.", "left", "Troops left."),  # nothing beyond the sentence
])
def test_the_window_is_the_predicate_and_its_neighbours_within_its_sentence(
        text: str, predicate: str, window: str) -> None:
    doc = load_nlp()(text)
    token = next(t for t in doc if t.text == predicate)
    span = window_of(token)
    assert span.text == window and len(span) <= 2 * WINDOW + 1
    rows = context_rows([token], ("tensor.window",))
    assert np.allclose(rows[0], doc.tensor[span.start:span.end].mean(axis=0))


def test_the_head_part_reads_the_syntactic_head_whatever_its_part_of_speech() -> None:
    doc = load_nlp()("The idea of Seoul sending weapons was rejected.")
    sending = doc[4]
    assert sending.head.text == "of" and governing_verb(sending).text == "rejected"
    head, governor = context_rows([sending], ("tensor.head", "tensor.governor")).reshape(2, -1)
    assert np.allclose(head, doc.tensor[sending.head.i])
    assert not np.allclose(head, governor)


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
