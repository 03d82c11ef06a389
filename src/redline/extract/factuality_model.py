"""The learned factuality model: a linear model over hashed features, evaluated in numpy.

The weights ship as package data: ``factuality_model.npz`` (arrays only, read with
``allow_pickle=False``) and ``factuality_model.json`` (what it was trained on, the
corpora's sources and licences, its settings and cross-validated scores). They are
written by ``redline train factuality`` (``factuality_train.py``).

A score is ``scale * (x . w) + shift`` clipped to -3..+3, where ``scale`` and
``shift`` are the calibration of MEANTIME, news being what redline reads: each
corpus uses the scale its own way, and no corpus indicator is an input at run time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.errors import ConfigError
from redline.extract.factuality_features import Feature, corpus_features, hash_features

MODEL_FILE = Path(__file__).with_name("factuality_model.npz")
CARD_FILE = Path(__file__).with_name("factuality_model.json")
#: The corpus whose use of the scale the model reports in.
NEWS_CORPUS = "meantime"

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class FactualityModel:
    weights: npt.NDArray[np.float32]
    bits: int
    scale: float
    shift: float

    def score(self, rows: Sequence[Sequence[Feature]]) -> Vector:
        """The calibrated scores (-3..+3) of many predicates at once."""
        news = [corpus_features(row, NEWS_CORPUS) for row in rows]
        raw = raw_scores(self.weights, self.bits, news)
        scores: Vector = np.clip(self.scale * raw + self.shift, -3.0, 3.0)
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
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"{path}: not a factuality model ({exc}); rebuild it with "
                          "`redline train factuality`") from exc
    if weights.shape != (1 << bits,) or NEWS_CORPUS not in corpora:
        raise ConfigError(f"{path}: expected 2**{bits} weights and a {NEWS_CORPUS} calibration")
    scale, shift = calibration[corpora.index(NEWS_CORPUS)]
    return FactualityModel(weights, bits, float(scale), float(shift))


def model_card(path: Path = CARD_FILE) -> dict[str, Any]:
    """What the shipped weights were trained on and how they score."""
    card: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return card
