"""The contextual encoder: the published model, its behaviour, and the token alignment."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from redline.errors import ConfigError
from redline.extract import encoder
from redline.extract.encoder import (
    DIM,
    WordPieces,
    encode_sentences,
    encode_windows,
    load_encoder,
    model_path,
    sentence_vector,
    token_vector,
    window_vectors,
)
from redline.extract.nlp import load_nlp


def test_the_model_file_is_the_published_export() -> None:
    path = model_path()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == encoder.MODEL_SHA256


def test_a_changed_model_file_is_refused(tmp_path, monkeypatch) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(encoder.importlib.resources, "files", lambda _: tmp_path)
    with pytest.raises(ConfigError, match="sha256"):
        model_path()


@pytest.mark.parametrize(("token", "pieces"), [
    ("eating", ["eating"]),
    ("Pyongyang", ["p", "##yon", "##gy", "##ang"]),
    ("U.S.", ["u", ".", "s", "."]),
    ("Zelenskyy's", ["ze", "##len", "##sky", "##y", "'", "s"]),
    ("café", ["cafe"]),
    ("\n\n", []),
])
def test_word_pieces_follow_the_uncased_bert_tokenizer(token: str, pieces: list[str]) -> None:
    vocab = WordPieces()
    words = {i: w for w, i in vocab.ids.items()}
    assert [words[i] for i in vocab.pieces(token)] == pieces


def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    # The model card's example: "A man is eating food." is near "A man is eating a piece
    # of bread." and far from "The girl is carrying a baby."
    food, bread, baby = (e.sentence for e in load_encoder().encode([
        "A man is eating food.", "A man is eating a piece of bread.",
        "The girl is carrying a baby."]))
    assert float(food @ bread) > 0.6
    assert float(food @ baby) < 0.2
    assert np.isclose(np.linalg.norm(food), 1.0, atol=1e-4)


def test_token_vectors_agree_with_an_encoding_of_the_raw_sentence() -> None:
    doc = load_nlp()("North Korea moved at least 3,000 soldiers into eastern Russia.")
    raw = load_encoder().encode([doc.text])[0].sentence
    assert float(sentence_vector(doc[:]) @ raw) > 0.95


def test_sentences_are_encoded_on_first_use_only() -> None:
    doc = load_nlp()("Russia shelled Kharkiv. The weather was mild. Ukraine struck back.")
    first, second, third = doc.sents
    vector = token_vector(doc[1])
    assert vector.shape == (DIM,) and np.abs(vector).sum() > 0
    assert doc._.token_vectors.done == {first.start}
    encode_sentences(doc, [third])
    assert doc._.token_vectors.done == {first.start, third.start}
    assert not doc._.token_vectors.counts[second.start:second.end].any()


def test_context_changes_a_token_vector() -> None:
    nlp = load_nlp()
    fired = nlp("The army fired artillery at the town.")
    sacked = nlp("The company fired its chief executive.")
    fight = nlp("The army shelled the town.")
    assert (float(_cos(token_vector(fired[2]), token_vector(fight[2])))
            > float(_cos(token_vector(sacked[2]), token_vector(fight[2]))))


def test_a_short_sentence_read_in_a_window_is_the_whole_sentence() -> None:
    # Within AROUND pieces of both ends, the window is the sentence: the same vectors
    # (the window's mean is over word pieces, as the model's sentence embedding is).
    doc = load_nlp()("Russia shelled Kharkiv.")
    token, window = window_vectors(doc[1])
    assert _cos(token, token_vector(doc[1])) > 0.9999
    assert _cos(window, load_encoder().encode([doc.text])[0].sentence) > 0.9999


def test_a_window_reads_the_pieces_around_its_token() -> None:
    words = ("The delegation " + "met officials and " * 12 + "then signed the accord "
             + "with its hosts and " * 12 + "left.")
    doc = load_nlp()(words)
    signed = next(t for t in doc if t.text == "signed")
    ids, own = load_encoder().window_of(signed)
    assert len(ids) == 2 * encoder.AROUND + 1 and own == [encoder.AROUND]
    assert load_encoder().vocab.pieces("signed") == (ids[own[0]],)
    first, *_ = doc
    ids, own = load_encoder().window_of(first)
    assert own == [0] and len(ids) == encoder.AROUND + 1


def test_the_shipped_typer_was_trained_on_the_windows_the_encoder_reads() -> None:
    # The typer's window blocks are only what it learned if the encoder reads the same
    # window: a change of AROUND needs the typer retrained (its record says the width).
    import json

    from redline.extract.event_features import WINDOW_BLOCKS
    from redline.extract.event_typing import WEIGHTS_FILE, load_typer

    if not WINDOW_BLOCKS.intersection(load_typer().blocks):
        pytest.skip("the shipped typer reads no window")
    record = json.loads(WEIGHTS_FILE.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["encoder"]["window_around"] == encoder.AROUND


def test_windows_are_read_once_per_token() -> None:
    doc = load_nlp()("Russia shelled Kharkiv. Ukraine struck back.")
    encode_windows(doc, [doc[1], doc[5]])
    assert set(doc._.token_windows) == {1, 5}
    before = doc._.token_windows[1]
    encode_windows(doc, [doc[1]])
    assert doc._.token_windows[1] is before
    assert not np.array_equal(window_vectors(doc[1])[1], window_vectors(doc[5])[1])


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.parametrize(("variable", "expected"), [("1", 1), ("3", 3), ("", None),
                                                    ("lots", None)])
def test_inference_threads_follow_omp_num_threads(monkeypatch, variable: str,
                                                  expected: int | None) -> None:
    monkeypatch.setenv("OMP_NUM_THREADS", variable)
    assert encoder.threads() == (expected or min(2, encoder.os.cpu_count() or 1))


_WINDOWS = ["Russia shelled Kharkiv overnight.", "Ukraine struck back.", "The ministry met.",
            "Seoul said it would consider sending lethal weapons to Ukraine."]


@pytest.mark.parametrize(("batch", "threads"), [
    ([0], 1),  # alone
    ([0, 1, 2, 3], 1),  # among windows of other lengths, padded to the longest
    ([3, 0, 0, 2, 0], 2),  # repeated (encoded once), runs split over two threads
    ([1, 0] * 20, 2),  # more windows than one thread's share
])
def test_a_window_reads_the_same_in_any_batch(batch: list[int], threads: int) -> None:
    pieces = [[p for word in text.split() for p in load_encoder().vocab.pieces(word)]
              for text in _WINDOWS]
    alone = [load_encoder().run([p])[0] for p in pieces]
    read = encoder.Encoder(model_path(), threads=threads).run([pieces[i] for i in batch])
    assert all(np.array_equal(vectors, alone[i]) for i, vectors in zip(batch, read, strict=True))
    others = [i for i in range(len(_WINDOWS)) if i != batch[0]]
    assert not any(np.array_equal(read[0], alone[i]) for i in others
                   if alone[i].shape == read[0].shape)


def test_an_empty_window_reads_no_vectors() -> None:
    assert [v.shape for v in load_encoder().run([[], [2003]])] == [(0, DIM), (1, DIM)]
