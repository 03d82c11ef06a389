"""Contextual vectors of an event predicate, for the learned factuality model.

Each predicate is described, beside its hashed features (``factuality_features``), by
dense blocks of contextual vectors, each named ``{source}.{part}``:

- sources: ``encoder`` (all-MiniLM-L6-v2 token vectors, ``redline.extract.encoder``,
  384 numbers) and ``tensor`` (the parse's own tok2vec vectors, ``doc.tensor``, free);
- parts: ``token`` (the predicate), ``governor`` (its governing verb: the nearest verb
  above it, the predicate itself at the root), ``sentence`` (the mean over its
  sentence's tokens), ``window`` (the mean over the predicate and the ``WINDOW`` tokens
  on each side of it, within its sentence) and ``head`` (its syntactic head, whatever
  its part of speech: the preposition or noun a gerund hangs from).

The model names the blocks it was trained with; ``context_rows`` builds them in that
order for many predicates at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Span, Token

from redline.errors import ConfigError

Matrix = npt.NDArray[np.float32]

SOURCES = ("encoder", "tensor")
PARTS = ("token", "governor", "sentence", "window", "head")
#: Tokens on each side of the predicate that the ``window`` part averages over.
WINDOW = 3
BLOCKS = tuple(f"{source}.{part}" for source in SOURCES for part in PARTS)
_VERBS = frozenset({"VERB", "AUX"})


def governing_verb(token: Token) -> Token:
    """The nearest verb above ``token`` (the root when there is none; itself at the root)."""
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in _VERBS:
            return node
    return node


def window_of(token: Token) -> Span:
    """The predicate with ``WINDOW`` tokens on each side, within its sentence."""
    sent = token.sent
    return token.doc[max(sent.start, token.i - WINDOW):min(sent.end, token.i + WINDOW + 1)]


def _target(token: Token, part: str) -> Token:
    """The one token a single-token part reads."""
    if part == "token":
        return token
    return token.head if part == "head" else governing_verb(token)


def context_rows(tokens: Sequence[Token], blocks: Sequence[str]) -> Matrix:
    """One row per token: its ``blocks`` concatenated (float32; no columns for no blocks).
    The encoder encodes only the predicates' sentences, each doc's in one batch."""
    if not blocks:
        return np.zeros((len(tokens), 0), np.float32)
    if any(block.startswith("encoder.") for block in blocks):
        _encode_sentences_of(tokens)
    rows = [np.concatenate([_part(token, *block.split(".")) for block in blocks])
            for token in tokens]
    return np.asarray(rows, np.float32).reshape(len(tokens), -1)


def _encode_sentences_of(tokens: Sequence[Token]) -> None:
    from redline.extract.encoder import encode_sentences

    by_doc: dict[int, tuple[Doc, dict[int, Span]]] = {}
    for token in tokens:
        by_doc.setdefault(id(token.doc), (token.doc, {}))[1][token.sent.start] = token.sent
    for doc, sents in by_doc.values():
        encode_sentences(doc, sents.values())


def _part(token: Token, source: str, part: str) -> Matrix:
    if source == "encoder":
        from redline.extract.encoder import span_vector, token_vector

        if part in ("sentence", "window"):
            span = token.sent if part == "sentence" else window_of(token)
            return np.asarray(span_vector(span), np.float32)
        return np.asarray(token_vector(_target(token, part)), np.float32)
    tensor = _tensor(token.doc)
    if part in ("sentence", "window"):
        span = token.sent if part == "sentence" else window_of(token)
        mean: Matrix = tensor[span.start:span.end].mean(axis=0)
        return mean
    row: Matrix = tensor[_target(token, part).i]
    return row


def _tensor(doc: Doc) -> Matrix:
    tensor = doc.tensor
    if tensor is None or tensor.shape[0] != len(doc) or tensor.shape[1] == 0:
        raise ConfigError("the factuality model reads doc.tensor, which this spaCy pipeline "
                          "does not set; use a pipeline with a tok2vec layer (the default "
                          "nlp_model does)")
    return np.asarray(tensor, np.float32)
