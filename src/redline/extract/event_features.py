"""What the event typer reads of an event: hashed names over the parse, and dense vectors.

An event is read at its anchor (the head word of its trigger). Two kinds of features:

- sparse: named features of the anchor, its arguments and the rules' proposal
  (``features``), hashed into ``DIMENSIONS`` columns;
- dense: blocks of vectors, each scaled to unit length, chosen by name when the typer is
  trained and recorded with its weights:

  ``tensor``   the parse's own token vectors (``doc.tensor``, free): the anchor's and its
               sentence's mean;
  ``encoder``  the contextual encoder's (``redline.extract.encoder``): the anchor token's
               vector and the sentence embedding;
  ``labels``   the cosine of the sentence embedding to each PLOVER type's description in
               ``plover.yaml`` (a zero-shot prior that helps rare types);
  ``window``   the encoder read over a window of the sentence around the anchor
               (``encoder.AROUND`` word pieces each side): the anchor's vector and the
               window's mean; a window costs about a third of a whole sentence;
  ``window_labels``
               the cosine of the window's mean to each type's description.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.errors import ConfigError

Token = Any
DIMENSIONS = 1 << 14
TENSOR_DIM = 96
ENCODER_DIM = 384
#: Each dense block, and its width given the PLOVER descriptions known.
BLOCKS = ("tensor", "encoder", "labels", "window", "window_labels")
#: The blocks read from the encoder over the whole sentence, and over a window.
SENTENCE_BLOCKS = frozenset({"encoder", "labels"})
WINDOW_BLOCKS = frozenset({"window", "window_labels"})
#: Dependents whose lemma says what kind of action the trigger is.
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "xcomp", "ccomp", "prt",
                            "agent", "acomp", "dative", "compound", "amod", "poss", "oprd"})
#: Named entities stand for their kind, so the model learns "a state does X", not "Japan".
_NAMED = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


@dataclass(frozen=True)
class Features:
    """An event as the typer reads it: hashed sparse columns and a dense vector."""

    columns: np.ndarray  # int64 column indices into DIMENSIONS (repeats count)
    dense: np.ndarray  # float32, the chosen blocks concatenated


def _word(token: Token) -> str:
    return f"<{token.ent_type_}>" if token.ent_type_ in _NAMED else str(token.lemma_.lower())


def features(anchor: Token, proposal: str | None, stands: bool = False,
             phrase: bool = False) -> list[str]:
    """Named features of an event anchored on ``anchor`` that the rules read as ``proposal``:
    ``stands``, a construction the rules read on purpose (``event_typing.rules_stand``),
    and ``phrase``, a trigger of several words, are features too, each with the proposal,
    so the typer learns how far to trust each kind of reading."""
    lemma = anchor.lemma_.lower()
    found = [f"rule={proposal or 'NONE'}", f"lemma={lemma}", f"pos={anchor.pos_}",
             f"dep={anchor.dep_}", f"rule+lemma={proposal}|{lemma}",
             f"stands={stands}", f"stands+rule={stands}|{proposal}", f"phrase={phrase}"]
    head = anchor.head
    if head.i != anchor.i:
        found += [f"head={head.lemma_.lower()}", f"dep+head={anchor.dep_}|{head.lemma_.lower()}"]
        if head.head.i != head.i:
            found.append(f"head2={head.head.lemma_.lower()}")
    for child in anchor.children:
        if child.dep_ == "neg":
            found.append("negated")
        elif child.dep_ == "prep":
            found.append(f"prep={lemma}|{child.lower_}")
            found += [f"pobj={child.lower_}|{_word(g)}" for g in child.children
                      if g.dep_ == "pobj"]
        elif child.dep_ in _ARGUMENT_DEPS:
            found.append(f"arg={child.dep_}|{_word(child)}")
            found += [f"arg2={child.dep_}|{_word(g)}" for g in child.children
                      if g.dep_ in {"dobj", "compound", "pobj", "prep"}]
    return found


def hashed(names: Iterable[str]) -> np.ndarray:
    """Column indices of ``names`` in the hashed feature space (stable across runs)."""
    return np.fromiter((zlib.crc32(n.encode("utf-8")) % DIMENSIONS for n in names),
                       dtype=np.int64)


def check_blocks(blocks: Sequence[str]) -> tuple[str, ...]:
    unknown = [b for b in blocks if b not in BLOCKS]
    if unknown:
        raise ConfigError(f"event typer: unknown feature block(s) {', '.join(unknown)}; "
                          f"valid: {', '.join(BLOCKS)}")
    return tuple(blocks)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).astype(np.float32)


def _tensor_block(anchor: Token) -> np.ndarray:
    tensor = anchor.doc.tensor
    if tensor is None or tensor.shape[0] != len(anchor.doc) or tensor.shape[1] != TENSOR_DIM:
        return np.zeros(2 * TENSOR_DIM, dtype=np.float32)
    sent = anchor.sent
    return np.concatenate([_unit(np.asarray(tensor[anchor.i])),
                           _unit(np.asarray(tensor[sent.start:sent.end]).mean(axis=0))])


def _encoder_vectors(anchor: Token) -> tuple[np.ndarray, np.ndarray]:
    """The anchor's contextual vector and its sentence's embedding (unit length); only
    the anchor's sentence is encoded."""
    from redline.extract.encoder import sentence_vector, token_vector

    return _unit(np.asarray(token_vector(anchor))), _unit(np.asarray(sentence_vector(anchor.sent)))


@functools.lru_cache(maxsize=1)
def label_vectors() -> tuple[tuple[str, ...], np.ndarray]:
    """Each described PLOVER type and the encoder's embedding of its description."""
    from redline.extract.encoder import load_encoder
    from redline.plover import vocabulary

    described = vocabulary().descriptions
    names = tuple(sorted(described))
    if not names:
        return (), np.zeros((0, ENCODER_DIM), dtype=np.float32)
    encoded = load_encoder().encode([described[n] for n in names])
    return names, np.stack([_unit(np.asarray(e.sentence)) for e in encoded])


def _window_vectors(anchor: Token) -> tuple[np.ndarray, np.ndarray]:
    """The anchor's vector and its window's mean (unit length), read in its window."""
    from redline.extract.encoder import window_vectors

    token, window = window_vectors(anchor)
    return _unit(np.asarray(token)), _unit(np.asarray(window))


def block_width(block: str) -> int:
    """How many dense columns ``block`` gives."""
    if block == "tensor":
        return 2 * TENSOR_DIM
    if block in ("encoder", "window"):
        return 2 * ENCODER_DIM
    return len(label_vectors()[0])


def dense(anchor: Token, blocks: Sequence[str]) -> np.ndarray:
    """The dense features of an event anchored on ``anchor``: ``blocks`` concatenated."""
    parts: list[np.ndarray] = []
    read: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # each reading once, when needed
    for block in blocks:
        if block == "tensor":
            parts.append(_tensor_block(anchor))
            continue
        context = "window" if block in WINDOW_BLOCKS else "sentence"
        if context not in read:
            read[context] = (_window_vectors if context == "window" else _encoder_vectors)(
                anchor)
        token, whole = read[context]
        parts += [token, whole] if block in ("encoder", "window") else [
            (label_vectors()[1] @ whole).astype(np.float32)]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


def read(anchor: Token, proposal: str | None, blocks: Sequence[str], stands: bool = False,
         phrase: bool = False) -> Features:
    """The typer's features of an event anchored on ``anchor``."""
    return Features(hashed(features(anchor, proposal, stands, phrase)), dense(anchor, blocks))
