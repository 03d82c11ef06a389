"""Training the factuality model: ridge regression on hashed features, in numpy.

``train(shared)`` reads the train splits named in ``factuality_train.yaml`` (MEANTIME,
UW, UDS-IH2, CommitmentBank), parses each sentence once, describes each judged
predicate by ``factuality_features.features_of`` and fits one weight vector for all
corpora, with an intercept per corpus during training only (each corpus uses the scale
its own way). It reports k-fold cross-validation per corpus (folds by sentence, drawn
with the seed), then fits on everything and calibrates each corpus on its
cross-validated predictions. Given the same data, settings and seed it writes the same
weights: the solver is conjugate gradients from zero, with no randomness but the folds.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.extract.factuality_corpora import CORPORA, Target, corpus_path, targets
from redline.extract.factuality_features import Feature, corpus_features, features_of, hash_features
from redline.extract.factuality_model import CARD_FILE, MODEL_FILE, NEWS_CORPUS, sums_by

logger = logging.getLogger(__name__)

SETTINGS_FILE = Path(__file__).with_name("factuality_train.yaml")
Vector = npt.NDArray[np.float64]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainSettings:
    bits: int
    seed: int
    folds: int
    alpha: float
    iterations: int
    weights: dict[str, float]  # corpus -> weight of each of its judgements
    sources: dict[str, dict[str, str]]  # corpus -> {source, licence}


def load_settings(path: Path = SETTINGS_FILE) -> TrainSettings:
    raw = load_yaml_mapping(path)
    where = str(path)
    try:
        corpora = raw["corpora"]
        weights = {str(name): float(entry["weight"]) for name, entry in corpora.items()}
        sources = {str(name): {"source": str(entry["source"]), "licence": str(entry["licence"])}
                   for name, entry in corpora.items()}
        settings = TrainSettings(
            bits=int(raw["bits"]), seed=int(raw["seed"]), folds=int(raw["folds"]),
            alpha=float(raw["alpha"]), iterations=int(raw["iterations"]),
            weights=weights, sources=sources)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(where, str(exc), "expected bits, seed, folds, alpha, iterations "
                              "and corpora: {name: {weight, source, licence}}") from exc
    unknown = sorted(set(weights) - set(CORPORA))
    if unknown or NEWS_CORPUS not in weights:
        raise ValidationError(where, "corpora", f"valid: {', '.join(CORPORA)} "
                              f"(with {NEWS_CORPUS}); found {', '.join(unknown) or 'no news'}")
    if not 10 <= settings.bits <= 24 or settings.folds < 2 or settings.alpha <= 0:
        raise ValidationError(where, "bits/folds/alpha", "bits 10..24, folds >= 2, alpha > 0")
    return settings


@dataclass
class Design:
    """The hashed design matrix (coordinate form) with gold, corpus and sentence of each row."""

    rows: npt.NDArray[np.int64]
    cols: npt.NDArray[np.int64]
    vals: Vector
    gold: Vector
    corpus: npt.NDArray[np.int64]
    group: npt.NDArray[np.int64]
    names: list[str]

    @property
    def size(self) -> int:
        return len(self.gold)


@dataclass(frozen=True)
class Judgement:
    """One judged predicate: its named features, gold score, corpus and sentence."""

    features: list[Feature]
    gold: float
    corpus: str
    sentence: int


def describe(shared: Path, settings: TrainSettings, limit: int | None = None,
             progress: Progress | None = None) -> list[Judgement]:
    """Parse and describe every judged predicate of the train splits (``limit`` sentences
    per corpus, for a quick check)."""
    from redline.extract.factuality import predicate_at, rule_readings
    from redline.extract.nlp import load_nlp

    nlp = load_nlp()
    found: list[Judgement] = []
    for name in settings.weights:
        by_sentence: dict[int, list[Target]] = {}
        for target in targets(corpus_path(shared, name, "train")):
            if limit is not None and target.sentence not in by_sentence and (
                    len(by_sentence) >= limit):
                break
            by_sentence.setdefault(target.sentence, []).append(target)
        if progress is not None:
            progress(f"{name}: parsing {len(by_sentence)} sentences")
        texts = [judged[0].text for judged in by_sentence.values()]
        for doc, judged in zip(nlp.pipe(texts, batch_size=256), by_sentence.values(),
                               strict=True):
            for target in judged:
                token = predicate_at(doc, target.start, target.end)
                reading, committed = rule_readings(token)
                found.append(Judgement(features_of(token, reading, committed), target.gold,
                                       name, target.sentence))
    return found


def build_design(judgements: list[Judgement], settings: TrainSettings) -> Design:
    """The hashed design matrix, each judgement with its corpus's own copies of the
    features that corpora read differently (``corpus_features``)."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    names = list(settings.weights)
    number = {name: i for i, name in enumerate(names)}
    groups: dict[tuple[str, int], int] = {}
    for row, judgement in enumerate(judgements):
        indices, values = hash_features(corpus_features(judgement.features, judgement.corpus),
                                        settings.bits)
        rows += [row] * len(indices)
        cols += indices
        vals += values
    gold = [j.gold for j in judgements]
    corpus = [number[j.corpus] for j in judgements]
    group = [groups.setdefault((j.corpus, j.sentence), len(groups)) for j in judgements]
    return Design(np.asarray(rows, np.int64), np.asarray(cols, np.int64),
                  np.asarray(vals, np.float64), np.asarray(gold, np.float64),
                  np.asarray(corpus, np.int64), np.asarray(group, np.int64), names)


def fit(design: Design, keep: npt.NDArray[np.bool_], settings: TrainSettings) -> Vector:
    """Weighted ridge: minimise sum s_i (y_i - x_i w)^2 + alpha |w|^2 over rows ``keep``,
    by conjugate gradients from zero."""
    size = 1 << settings.bits
    per_corpus = np.asarray([settings.weights[n] for n in design.names])
    sample = np.where(keep, per_corpus[design.corpus], 0.0)
    rows, cols, vals = design.rows, design.cols, design.vals

    def forward(w: Vector) -> Vector:
        return sums_by(rows, vals * w[cols], design.size)

    def backward(r: Vector) -> Vector:
        return sums_by(cols, vals * r[rows], size)

    def normal(w: Vector) -> Vector:
        return backward(sample * forward(w)) + settings.alpha * w

    w = np.zeros(size)
    residual = backward(sample * design.gold)
    direction = residual.copy()
    norm = float(residual @ residual)
    start = norm
    for _ in range(settings.iterations):
        if norm <= 1e-10 * start:
            break
        step = normal(direction)
        rate = norm / float(direction @ step)
        w += rate * direction
        residual -= rate * step
        new_norm = float(residual @ residual)
        direction = residual + (new_norm / norm) * direction
        norm = new_norm
    return w


def predict(design: Design, w: Vector) -> Vector:
    return sums_by(design.rows, design.vals * w[design.cols], design.size)


def folds_of(design: Design, settings: TrainSettings) -> npt.NDArray[np.int64]:
    """The fold of each row: sentences shuffled with the seed, dealt round-robin per corpus."""
    rng = np.random.default_rng(settings.seed)
    fold = np.zeros(design.size, np.int64)
    for number in range(len(design.names)):
        mine = design.corpus == number
        sentences = np.unique(design.group[mine])
        order = rng.permutation(len(sentences))
        dealt = dict(zip(sentences[order].tolist(), (np.arange(len(sentences)) % settings.folds
                                                     ).tolist(), strict=True))
        fold[mine] = [dealt[g] for g in design.group[mine].tolist()]
    return fold


def pearson(gold: Vector, system: Vector) -> float:
    if len(gold) < 2 or float(np.std(gold)) == 0 or float(np.std(system)) == 0:
        return 0.0
    return float(np.corrcoef(gold, system)[0, 1])


def cross_validate(judgements: list[Judgement], settings: TrainSettings,
                   progress: Progress | None = None) -> tuple[Vector, dict[str, dict[str, float]]]:
    """Out-of-fold scores per corpus. ``pearson_r`` and ``mae`` are as run time reads:
    with the news corpus's copies of the features and its calibration (fit on the fold's
    training rows); ``own_r`` reads each corpus with its own copies. Returns the
    out-of-fold run-time predictions too."""
    design = build_design(judgements, settings)
    news = build_design([replace(j, corpus=NEWS_CORPUS) for j in judgements], settings)
    news.corpus = design.corpus
    fold = folds_of(design, settings)
    own = np.zeros(design.size)
    deployed = np.zeros(design.size)
    is_news = design.corpus == design.names.index(NEWS_CORPUS)
    for k in range(settings.folds):
        held = fold == k
        w = fit(design, ~held, settings)
        own[held] = predict(design, w)[held]
        raw = predict(news, w)
        scale, shift = line(raw[~held & is_news], design.gold[~held & is_news])
        deployed[held] = np.clip(scale * raw[held] + shift, -3, 3)
        if progress is not None:
            progress(f"fold {k + 1}/{settings.folds} done")
    scores = {}
    for number, name in enumerate(design.names):
        mine = design.corpus == number
        scores[name] = {
            "pearson_r": round(pearson(design.gold[mine], deployed[mine]), 4),
            "mae": round(float(np.abs(design.gold[mine] - deployed[mine]).mean()), 4),
            "own_r": round(pearson(design.gold[mine], own[mine]), 4),
            "n": int(mine.sum()),
        }
    return deployed, scores


def line(x: Vector, y: Vector) -> tuple[float, float]:
    """The least-squares line from ``x`` to ``y`` (identity when ``x`` is constant)."""
    if len(x) < 2 or float(np.var(x)) == 0:
        return 1.0, 0.0
    scale = float(np.cov(x, y, bias=True)[0, 1] / np.var(x))
    return scale, float(y.mean() - scale * x.mean())


def train(shared: Path, settings: TrainSettings | None = None, *, limit: int | None = None,
          output: Path = MODEL_FILE, card: Path = CARD_FILE, progress: Progress | None = None
          ) -> dict[str, Any]:
    """Cross-validate, fit on all train splits and write the weights and their card."""
    settings = settings or load_settings()
    judgements = describe(shared, settings, limit, progress)
    _, cv = cross_validate(judgements, settings, progress)
    design = build_design(judgements, settings)
    w = fit(design, np.ones(design.size, bool), settings)
    news = design.corpus == design.names.index(NEWS_CORPUS)
    scale, shift = line(predict(design, w)[news], design.gold[news])
    weights = w.astype(np.float32)
    np.savez_compressed(output, weights=weights, bits=np.int64(settings.bits),
                        corpora=np.asarray([NEWS_CORPUS]),
                        calibration=np.asarray([[scale, shift]]))
    summary: dict[str, Any] = {
        "about": "Linear factuality model over hashed features "
                 "(redline/extract/factuality_features.py), trained by `redline train "
                 "factuality` on the train splits below; weights in factuality_model.npz. "
                 "Scores: k-fold cross-validation on the train splits, read as at run time.",
        "corpora": {n: {**settings.sources[n], "judgements": int((design.corpus == i).sum())}
                    for i, n in enumerate(design.names)},
        "settings": {"bits": settings.bits, "seed": settings.seed, "folds": settings.folds,
                     "alpha": settings.alpha, "iterations": settings.iterations,
                     "weights": settings.weights, "limit": limit},
        "cross_validation": cv,
        "calibration": {NEWS_CORPUS: [round(scale, 6), round(shift, 6)]},
        "weights_sha": _digest(weights),
    }
    card.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def _digest(weights: npt.NDArray[np.float32]) -> str:
    import hashlib

    return hashlib.sha256(np.ascontiguousarray(weights).tobytes()).hexdigest()[:16]

