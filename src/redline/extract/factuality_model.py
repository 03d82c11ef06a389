"""The learned factuality model: a linear model over hashed features and contextual
vectors, evaluated in numpy.

The weights ship as package data: ``factuality_model.npz`` (arrays only, read with
``allow_pickle=False``) and ``factuality_model.json`` (what it was trained on, the
corpora's sources and licences, its settings and cross-validated scores). They are
written by ``redline train factuality`` (``factuality_train.py``).

A corpus head's score is ``scale * (x . w + z . v) + shift`` clipped to -3..+3, where
``x`` are the hashed features with that corpus's copies, ``z`` the predicate's
contextual vectors (``factuality_context``), centred and scaled as in training, and
``scale`` and ``shift`` the head's calibration on its corpus. A model without a gate
reads every predicate with the MEANTIME head, news being what redline reads. A model
with a register gate (``factuality_register``) predicts from the sentence's words and
shape which corpus's convention the predicate's sentence follows; with a threshold it
reads another corpus's head only where the gate is at least that sure, the MEANTIME head
elsewhere; without one it mixes the heads by the gate's probabilities. No corpus
indicator is an input at run time. A head may have weights of its own (``heads``: a fit
in which its corpus's judgements weigh more, ``head_fits`` in ``factuality_train.yaml``);
the others read the shared weights.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.errors import ConfigError
from redline.extract.factuality_context import BLOCKS
from redline.extract.factuality_features import Feature, corpus_features, hash_features
from redline.extract.factuality_register import gate_probabilities

MODEL_FILE = Path(__file__).with_name("factuality_model.npz")
CARD_FILE = Path(__file__).with_name("factuality_model.json")
#: The corpus whose use of the scale the model reports in.
NEWS_CORPUS = "meantime"

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Context:
    """The contextual blocks a model reads, with their centring, scaling and weights."""

    blocks: tuple[str, ...] = ()
    mean: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    scale: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    weights: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))

    def scores(self, rows: npt.NDArray[np.float32]) -> Vector:
        """``z . v`` for each row of raw contextual vectors."""
        if not self.blocks:
            return np.zeros(len(rows))
        centred = (rows.astype(np.float64) - self.mean) * self.scale
        out: Vector = centred @ self.weights.astype(np.float64)
        return out


@dataclass(frozen=True)
class Gate:
    """The register gate: hashed weights per gate class, the head each class reads and,
    when set, the least probability of a class for its head to be read instead of the
    news head's."""

    weights: npt.NDArray[np.floating[Any]]
    bits: int
    heads: tuple[str, ...]  # per gate class, the corpus head it reads
    threshold: float | None = None  # None: the heads mixed by the classes' probabilities

    def shares(self, registers: Sequence[Sequence[Feature]], heads: Sequence[str]) -> Vector:
        """Each row's share of each head (columns in the order of ``heads``): the classes'
        probabilities, or with a threshold all to the head of a class other than news
        the gate is at least that sure of, and to the news head elsewhere."""
        classes = gate_probabilities(self.weights.astype(np.float64), self.bits, registers)
        if self.threshold is not None:
            chosen = np.where(classes.max(axis=1) >= self.threshold, classes.argmax(axis=1),
                              -1)
            classes = np.zeros_like(classes)
            picked = chosen >= 0
            classes[np.flatnonzero(picked), chosen[picked]] = 1.0
        out = np.zeros((len(registers), len(heads)))
        for column, head in enumerate(self.heads):
            out[:, heads.index(head)] += classes[:, column]
        if self.threshold is not None:
            out[:, heads.index(NEWS_CORPUS)] += 1.0 - out.sum(axis=1)
        return out


@dataclass(frozen=True)
class OwnWeights:
    """A head's own hashed and contextual weights (a fit of its own)."""

    weights: npt.NDArray[np.float32]
    context: npt.NDArray[np.float32]


@dataclass(frozen=True)
class FactualityModel:
    weights: npt.NDArray[np.float32]
    bits: int
    calibration: dict[str, tuple[float, float]]  # head (corpus) -> (scale, shift)
    context: Context = field(default_factory=Context)
    gate: Gate | None = None
    heads: dict[str, OwnWeights] = field(default_factory=dict)  # heads with weights of their own

    def score(self, rows: Sequence[Sequence[Feature]],
              context: npt.NDArray[np.float32] | None = None,
              registers: Sequence[Sequence[Feature]] | None = None) -> Vector:
        """The calibrated scores (-3..+3) of many predicates at once; ``context`` holds
        their contextual vectors (``factuality_context.context_rows`` of
        ``self.context.blocks``), needed when the model reads any; ``registers`` the
        register features of each one's sentence, needed when the model has a gate."""
        if self.context.blocks and (
                context is None or context.shape != (len(rows), len(self.context.mean))):
            raise ConfigError(f"the factuality model reads {len(self.context.mean)} "
                              f"contextual numbers per predicate "
                              f"({', '.join(self.context.blocks)})")
        rows_context = np.zeros((len(rows), 0), np.float32) if context is None else context
        if self.gate is None:
            return self._head(rows, rows_context, NEWS_CORPUS)
        if registers is None or len(registers) != len(rows):
            raise ConfigError("the factuality model's register gate reads the register "
                              "features of each predicate's sentence")
        heads = list(self.calibration)
        shares = self.gate.shares(registers, heads)
        scores: Vector = np.zeros(len(rows))
        for i, head in enumerate(heads):  # each head read only where it has a share
            read = np.flatnonzero(shares[:, i] > 0)
            if len(read):
                scores[read] += shares[read, i] * self._head(
                    [rows[r] for r in read.tolist()], rows_context[read], head)
        return scores

    def _head(self, rows: Sequence[Sequence[Feature]], context: npt.NDArray[np.float32],
              head: str) -> Vector:
        own = self.heads.get(head)
        weights = self.weights if own is None else own.weights
        raw = raw_scores(weights, self.bits, [corpus_features(row, head) for row in rows])
        dense = np.zeros(len(rows))
        if self.context.blocks:
            dense = self.context.scores(context) if own is None else replace(
                self.context, weights=own.context).scores(context)
        scale, shift = self.calibration[head]
        scores: Vector = np.clip(scale * (raw + dense) + shift, -3.0, 3.0)
        return scores


def raw_scores(weights: npt.NDArray[Any], bits: int, rows: Sequence[Sequence[Feature]]
               ) -> Vector:
    """``x . w`` for each row of named features, in one pass over all of them."""
    indices: list[int] = []
    values: list[float] = []
    owners: list[int] = []
    for number, row in enumerate(rows):
        found, weight = hash_features(row, bits)
        indices += found
        values += weight
        owners += [number] * len(found)
    if not rows:
        return np.zeros(0)
    contributions = weights[np.asarray(indices, dtype=np.int64)] * np.asarray(values)
    return sums_by(np.asarray(owners, dtype=np.int64), contributions, len(rows))


def sums_by(index: npt.NDArray[np.int64], values: Vector, size: int) -> Vector:
    """``out[i]`` = the sum of ``values`` where ``index`` is ``i`` (a sparse product's core)."""
    return np.asarray(np.bincount(index, weights=values, minlength=size), dtype=np.float64)


@functools.lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> FactualityModel:
    """The shipped model; a ConfigError names the file when it is missing or malformed."""
    try:
        with np.load(path, allow_pickle=False) as data:
            weights = data["weights"].astype(np.float32)
            bits = int(data["bits"])
            corpora = [str(c) for c in data["corpora"]]
            calibration = data["calibration"].astype(np.float64)
            context = _context(data)
            gate = _gate(data, corpora)
            own = _own_heads(data, corpora, len(weights), len(context.weights))
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"{path}: not a factuality model ({exc}); rebuild it with "
                          "`redline train factuality`") from exc
    if (weights.shape != (1 << bits,) or NEWS_CORPUS not in corpora
            or calibration.shape != (len(corpora), 2)):
        raise ConfigError(f"{path}: expected 2**{bits} weights and a calibration per head, "
                          f"{NEWS_CORPUS}'s among them")
    heads = {name: (float(row[0]), float(row[1])) for name, row in zip(corpora, calibration,
                                                                       strict=True)}
    return FactualityModel(weights, bits, heads, context, gate, own)


def _own_heads(data: Any, corpora: list[str], width: int, context: int
               ) -> dict[str, OwnWeights]:
    """The heads of a model file with weights of their own (none in most)."""
    if "head_names" not in data.files:
        return {}
    names = [str(n) for n in data["head_names"]]
    weights = data["head_weights"].astype(np.float32)
    dense = data["head_context_weights"].astype(np.float32)
    if (not set(names) <= set(corpora) or NEWS_CORPUS in names
            or weights.shape != (len(names), width) or dense.shape != (len(names), context)):
        raise ValueError("head_weights and head_context_weights must hold a row per head in "
                         "head_names (calibrated heads other than the news head's)")
    return {name: OwnWeights(weights[i], dense[i]) for i, name in enumerate(names)}


def _gate(data: Any, corpora: list[str]) -> Gate | None:
    """The register gate of a model file (none in a model that reads as news only)."""
    if "gate_weights" not in data.files:
        return None
    threshold = float(data["gate_threshold"]) if "gate_threshold" in data.files else None
    gate = Gate(data["gate_weights"].astype(np.float32), int(data["gate_bits"]),
                tuple(str(h) for h in data["gate_heads"]), threshold)
    if gate.weights.shape != (1 << gate.bits, len(gate.heads)) or not set(gate.heads) <= set(
            corpora) or not (threshold is None or 0.5 <= threshold < 1):
        raise ValueError("gate_weights must be 2**gate_bits x the gate classes, each reading "
                         "a calibrated head, and gate_threshold within 0.5..1")
    return gate


def _context(data: Any) -> Context:
    """The contextual part of a model file (none in a model of hashed features only)."""
    if "context_blocks" not in data.files:
        return Context()
    blocks = tuple(str(b) for b in data["context_blocks"])
    unknown = sorted(set(blocks) - set(BLOCKS))
    if unknown:
        raise ValueError(f"unknown context blocks {', '.join(unknown)}; valid: "
                         f"{', '.join(BLOCKS)}")
    context = Context(blocks, data["context_mean"].astype(np.float32),
                      data["context_scale"].astype(np.float32),
                      data["context_weights"].astype(np.float32))
    if not len(context.mean) == len(context.scale) == len(context.weights):
        raise ValueError("context_mean, context_scale and context_weights differ in length")
    return context


def model_card(path: Path = CARD_FILE) -> dict[str, Any]:
    """What the shipped weights were trained on and how they score."""
    card: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return card
