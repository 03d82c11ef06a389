"""Training the factuality model: ridge regression on hashed features and contextual
vectors, in numpy.

``train(shared)`` reads the train splits named in ``factuality_train.yaml`` (MEANTIME,
UW, UDS-IH2, CommitmentBank), parses each sentence once, describes each judged
predicate by ``factuality_features.features_of`` and the contextual blocks of the
``context`` setting (``factuality_context``), and fits one weight vector for all
corpora, with a copy per corpus of the features corpora read differently during
training only (each corpus uses the scale its own way). It reports k-fold
cross-validation per corpus (folds by sentence, drawn with the seed), the ridge
penalty chosen inside each fold by an inner cross-validation on that fold's training
rows (nested), then chooses the penalty the same way on everything, fits on
everything and calibrates the news reading. A head named in ``head_fits`` reads weights
of its own: a second fit in which the corpora named there weigh as given (UDS-IH2's
judgements more for the UDS-IH2 head, which only the gate's surest web sentences read),
the news head and the others the shared fit's. Given the same data, settings and seed
it writes the same weights: the solver is conjugate gradients from zero, with no
randomness but the folds.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.extract.factuality_context import BLOCKS, context_rows
from redline.extract.factuality_corpora import CORPORA, Target, corpus_path, targets
from redline.extract.factuality_features import Feature, corpus_features, features_of, hash_features
from redline.extract.factuality_mixture import (
    GateSettings,
    fit_register_gate,
    gate_settings,
    head_shares,
    news_registers,
)
from redline.extract.factuality_model import CARD_FILE, MODEL_FILE, NEWS_CORPUS, sums_by
from redline.extract.factuality_register import sentence_registers

logger = logging.getLogger(__name__)

SETTINGS_FILE = Path(__file__).with_name("factuality_train.yaml")
Vector = npt.NDArray[np.float64]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainSettings:
    bits: int
    seed: int
    folds: int
    alphas: tuple[float, ...]  # ridge penalties tried; one is chosen by inner CV
    inner_folds: int
    iterations: int
    weights: dict[str, float]  # corpus -> weight of each of its judgements
    sources: dict[str, dict[str, str]]  # corpus -> {source, licence}
    context: tuple[str, ...] = ()  # contextual blocks (factuality_context.BLOCKS)
    context_scale: float = 1.0  # each standardised contextual block's total scale
    gate: GateSettings | None = None  # the register gate mixing the corpus heads
    head_fits: dict[str, dict[str, float]] = field(default_factory=dict)  # head -> weights

    def for_head(self, head: str) -> TrainSettings:
        """The settings of ``head``'s own fit: its corpus weights changed as named."""
        return replace(self, weights={**self.weights, **self.head_fits[head]})


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
            alphas=tuple(float(a) for a in raw["alphas"]),
            inner_folds=int(raw["inner_folds"]), iterations=int(raw["iterations"]),
            weights=weights, sources=sources,
            context=tuple(str(b) for b in raw.get("context") or ()),
            context_scale=float(raw.get("context_scale", 1.0)),
            gate=gate_settings(raw.get("gate"), where),
            head_fits={str(head): {str(c): float(v) for c, v in changed.items()}
                       for head, changed in (raw.get("head_fits") or {}).items()})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(where, str(exc), "expected bits, seed, folds, alphas, inner_folds, "
                              "iterations, context, context_scale, gate and corpora: "
                              "{name: {weight, source, licence}}") from exc
    unknown = sorted(set(weights) - set(CORPORA))
    if unknown or NEWS_CORPUS not in weights:
        raise ValidationError(where, "corpora", f"valid: {', '.join(CORPORA)} "
                              f"(with {NEWS_CORPUS}); found {', '.join(unknown) or 'no news'}")
    if (not 10 <= settings.bits <= 24 or settings.folds < 2 or settings.inner_folds < 2
            or not settings.alphas or min(settings.alphas) <= 0 or settings.context_scale <= 0):
        raise ValidationError(where, "bits/folds/inner_folds/alphas/context_scale",
                              "bits 10..24, folds and inner_folds >= 2, at least one alpha, "
                              "every alpha and context_scale > 0")
    bad_fits = sorted(head for head, changed in settings.head_fits.items()
                      if head not in weights or head == NEWS_CORPUS or not changed
                      or not set(changed) <= set(weights) or min(changed.values()) <= 0)
    if bad_fits:
        raise ValidationError(where, "head_fits", f"{', '.join(bad_fits)}: each a corpus head "
                              f"other than {NEWS_CORPUS}'s, with corpus weights > 0 of corpora "
                              "among corpora")
    unknown_blocks = sorted(set(settings.context) - set(BLOCKS))
    if unknown_blocks:
        raise ValidationError(where, "context", f"unknown {', '.join(unknown_blocks)}; valid: "
                              f"{', '.join(BLOCKS)}")
    return settings


@dataclass
class Design:
    """The hashed design matrix (coordinate form) and the standardised contextual columns,
    with gold, corpus and sentence of each row."""

    rows: npt.NDArray[np.int64]
    cols: npt.NDArray[np.int64]
    vals: Vector
    context: npt.NDArray[np.float64]
    gold: Vector
    corpus: npt.NDArray[np.int64]
    group: npt.NDArray[np.int64]
    names: list[str]

    @property
    def size(self) -> int:
        return len(self.gold)


@dataclass(frozen=True)
class Judgement:
    """One judged predicate: its named features, contextual vectors, gold score, corpus
    and sentence."""

    features: list[Feature]
    context: npt.NDArray[np.float32]
    gold: float
    corpus: str
    sentence: int
    register: list[Feature] = field(default_factory=list)  # its sentence's (the gate's)


_BATCH = 64


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
        judged_all = list(by_sentence.values())
        docs = nlp.pipe((judged[0].text for judged in judged_all), batch_size=256)
        for at in range(0, len(judged_all), _BATCH):
            batch = [next(docs) for _ in judged_all[at:at + _BATCH]]
            _encode(batch, settings.context)
            for doc, judged in zip(batch, judged_all[at:at + _BATCH], strict=True):
                tokens = [predicate_at(doc, t.start, t.end) for t in judged]
                context = context_rows(tokens, settings.context)
                registers = sentence_registers(tokens) if settings.gate else [[]] * len(tokens)
                for token, target, row, register in zip(tokens, judged, context, registers,
                                                        strict=True):
                    reading, committed = rule_readings(token)
                    found.append(Judgement(features_of(token, reading, committed), row,
                                           target.gold, name, target.sentence, register))
    return found


def _encode(docs: list[Any], blocks: tuple[str, ...]) -> None:
    """Set the encoder's token vectors on a batch of docs when the model reads them."""
    if any(block.startswith("encoder.") for block in blocks):
        from redline.extract.encoder import load_encoder

        load_encoder().annotate([(doc, list(doc.sents)) for doc in docs])


@dataclass(frozen=True)
class Standard:
    """How contextual columns are centred and scaled (from all training rows; no labels)."""

    mean: Vector
    scale: Vector

    def apply(self, rows: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
        out: npt.NDArray[np.float64] = (rows.astype(np.float64) - self.mean) * self.scale
        return out


def standard_of(rows: npt.NDArray[Any], settings: TrainSettings) -> Standard:
    """Each column to unit variance, each block then to total variance ``context_scale**2``."""
    if not rows.shape[1]:
        return Standard(np.zeros(0), np.zeros(0))
    spread = rows.astype(np.float64).std(axis=0)
    widths = block_widths(settings.context, rows.shape[1])
    per_column = np.repeat(np.asarray(widths, np.float64), widths)
    scale = settings.context_scale / np.sqrt(per_column) / np.where(spread > 0, spread, 1.0)
    return Standard(rows.astype(np.float64).mean(axis=0), scale)


def block_widths(blocks: tuple[str, ...], width: int) -> list[int]:
    """The width of each block: the encoder's dimension, the parse's tensor the rest."""
    from redline.extract.encoder import DIM

    encoded = sum(block.startswith("encoder.") for block in blocks)
    tensor = (width - encoded * DIM) // max(len(blocks) - encoded, 1)
    return [DIM if block.startswith("encoder.") else tensor for block in blocks]


def build_design(judgements: list[Judgement], settings: TrainSettings,
                 standard: Standard | None = None, read_as: str | None = None) -> Design:
    """The design matrix, each judgement with its corpus's own copies of the features that
    corpora read differently (``corpus_features``), or those of ``read_as`` for all."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    names = list(settings.weights)
    number = {name: i for i, name in enumerate(names)}
    groups: dict[tuple[str, int], int] = {}
    for row, judgement in enumerate(judgements):
        indices, values = hash_features(
            corpus_features(judgement.features, read_as or judgement.corpus), settings.bits)
        rows += [row] * len(indices)
        cols += indices
        vals += values
    raw = np.asarray([j.context for j in judgements], np.float64).reshape(len(judgements), -1)
    standard = standard or standard_of(raw, settings)
    gold = [j.gold for j in judgements]
    corpus = [number[j.corpus] for j in judgements]
    group = [groups.setdefault((j.corpus, j.sentence), len(groups)) for j in judgements]
    return Design(np.asarray(rows, np.int64), np.asarray(cols, np.int64),
                  np.asarray(vals, np.float64), standard.apply(raw), np.asarray(gold, np.float64),
                  np.asarray(corpus, np.int64), np.asarray(group, np.int64), names)


def fit(design: Design, keep: npt.NDArray[np.bool_], settings: TrainSettings, alpha: float,
        start: Vector | None = None) -> Vector:
    """Weighted ridge: minimise sum s_i (y_i - x_i w - z_i v)^2 + alpha (|w|^2 + |v|^2)
    over rows ``keep``, by conjugate gradients from ``start`` (zero by default). Returns
    ``w`` (2**bits hashed weights) followed by ``v`` (one per contextual column)."""
    size = 1 << settings.bits
    per_corpus = np.asarray([settings.weights[n] for n in design.names])
    sample = np.where(keep, per_corpus[design.corpus], 0.0)

    def normal(w: Vector) -> Vector:
        return backward(design, sample * predict(design, w), size) + alpha * w

    w = np.zeros(size + design.context.shape[1]) if start is None else start.copy()
    residual = backward(design, sample * design.gold, size) - normal(w)
    direction = residual.copy()
    norm = float(residual @ residual)
    first = max(norm, 1e-300)
    for _ in range(settings.iterations):
        if norm <= 1e-10 * first:
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
    size = len(w) - design.context.shape[1]
    out = sums_by(design.rows, design.vals * w[:size][design.cols], design.size)
    if design.context.shape[1]:
        out += design.context @ w[size:]
    return out


def backward(design: Design, r: Vector, size: int) -> Vector:
    """The transposed design times ``r``: hashed part, then contextual part."""
    hashed = sums_by(design.cols, design.vals * r[design.rows], size)
    if not design.context.shape[1]:
        return hashed
    return np.concatenate([hashed, design.context.T @ r])


def folds_of(design: Design, folds: int, seed: int,
             among: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.int64]:
    """The fold of each row (of ``among``; -1 elsewhere): sentences shuffled with the seed,
    dealt round-robin per corpus."""
    rng = np.random.default_rng(seed)
    fold = np.full(design.size, -1, np.int64)
    among = np.ones(design.size, bool) if among is None else among
    for number in range(len(design.names)):
        mine = (design.corpus == number) & among
        sentences = np.unique(design.group[mine])
        order = rng.permutation(len(sentences))
        dealt = dict(zip(sentences[order].tolist(), (np.arange(len(sentences)) % folds
                                                     ).tolist(), strict=True))
        fold[mine] = [dealt[g] for g in design.group[mine].tolist()]
    return fold


def pearson(gold: Vector, system: Vector) -> float:
    if len(gold) < 2 or float(np.std(gold)) == 0 or float(np.std(system)) == 0:
        return 0.0
    return float(np.corrcoef(gold, system)[0, 1])


@dataclass
class Designs:
    """The same judgements read with their own corpus's copies (training) and with each
    corpus's copies for all (the heads read at run time)."""

    own: Design
    reads: dict[str, Design]

    @property
    def news(self) -> Design:
        return self.reads[NEWS_CORPUS]

    @property
    def is_news(self) -> npt.NDArray[np.bool_]:
        news: npt.NDArray[np.bool_] = self.own.corpus == self.own.names.index(NEWS_CORPUS)
        return news


def designs_of(judgements: list[Judgement], settings: TrainSettings) -> Designs:
    own = build_design(judgements, settings)
    raw = np.asarray([j.context for j in judgements], np.float64).reshape(len(judgements), -1)
    standard = standard_of(raw, settings)
    heads = own.names if settings.gate else [NEWS_CORPUS]
    return Designs(own, {name: build_design(judgements, settings, standard, read_as=name)
                         for name in heads})


Fits = dict[str, Vector]  # head -> the weights of its own fit


def head_weights(w: Vector, fits: Fits | None, name: str) -> Vector:
    """The weights head ``name`` reads: its own fit's, or the shared ``w``."""
    return w if fits is None or name not in fits else fits[name]


def head_fits(design: Design, keep: npt.NDArray[np.bool_], settings: TrainSettings,
              alpha: float) -> Fits:
    """The fits of their own of the heads in ``settings.head_fits`` (with a gate only)."""
    if settings.gate is None:
        return {}
    return {head: fit(design, keep, settings.for_head(head), alpha)
            for head in settings.head_fits}


def head_calibrations(designs: Designs, w: Vector, train_rows: npt.NDArray[np.bool_],
                      fits: Fits | None = None) -> dict[str, tuple[float, float]]:
    """Each head's line to the gold of its own corpus's rows among ``train_rows``."""
    found: dict[str, tuple[float, float]] = {}
    for name, design in designs.reads.items():
        mask = train_rows & (designs.own.corpus == designs.own.names.index(name))
        found[name] = line(predict(design, head_weights(w, fits, name))[mask],
                           designs.own.gold[mask])
    return found


def deployed(designs: Designs, w: Vector, train_rows: npt.NDArray[np.bool_],
             shares: Vector | None = None, fits: Fits | None = None) -> Vector:
    """Run-time scores: each head calibrated on its corpus's rows of ``train_rows``, mixed
    by the gate's ``shares`` (rows x corpora); the news head alone without a gate. A head
    in ``fits`` reads its own weights, the others ``w``."""
    calibration = head_calibrations(designs, w, train_rows, fits)
    out = np.zeros(designs.own.size)
    for name, design in designs.reads.items():
        scale, shift = calibration[name]
        head = np.clip(scale * predict(design, head_weights(w, fits, name)) + shift, -3, 3)
        share = 1.0 if shares is None else shares[:, designs.own.names.index(name)]
        out += share * head
    return out


def choose_alpha(designs: Designs, keep: npt.NDArray[np.bool_], settings: TrainSettings,
                 seed: int, shares: Vector | None = None) -> tuple[float, dict[str, float]]:
    """The alpha whose run-time scores, by inner k-fold CV on rows ``keep``, have the best
    mean Pearson r over the corpora; with each alpha's mean r. The gate's ``shares`` are
    those of the gate fitted on ``keep`` (not refitted per inner fold); every head reads
    the shared fit here."""
    if len(settings.alphas) == 1:
        return settings.alphas[0], {}
    fold = folds_of(designs.own, settings.inner_folds, seed, keep)
    means: dict[str, float] = {}
    for alpha in sorted(settings.alphas, reverse=True):
        out = np.zeros(designs.own.size)
        for k in range(settings.inner_folds):
            held = fold == k
            w = fit(designs.own, keep & ~held, settings, alpha)
            out[held] = deployed(designs, w, keep & ~held, shares)[held]
        rs = [pearson(designs.own.gold[(designs.own.corpus == c) & keep],
                      out[(designs.own.corpus == c) & keep]) for c in range(len(designs.own.names))]
        means[f"{alpha:g}"] = round(float(np.mean(rs)), 4)
    best = max(settings.alphas, key=lambda a: (means[f"{a:g}"], a))
    return best, means


def cross_validate(judgements: list[Judgement], settings: TrainSettings,
                   progress: Progress | None = None, news: Registers | None = None
                   ) -> tuple[Vector, dict[str, Any]]:
    """Out-of-fold scores per corpus, alpha chosen inside each fold by inner CV (nested).
    ``pearson_r`` and ``mae`` are as run time reads: with the news corpus's copies of the
    features and its calibration (fit on the fold's training rows); ``own_r`` reads each
    corpus with its own copies. Returns the out-of-fold run-time predictions too."""
    designs = designs_of(judgements, settings)
    design = designs.own
    fold = folds_of(design, settings.folds, settings.seed)
    own = np.zeros(design.size)
    out = np.zeros(design.size)
    chosen: list[float] = []
    for k in range(settings.folds):
        held = fold == k
        shares = gate_shares(judgements, design, ~held, settings, news or [])
        alpha, _ = choose_alpha(designs, ~held, settings, settings.seed + 1 + k, shares)
        chosen.append(alpha)
        w = fit(design, ~held, settings, alpha)
        fits = head_fits(design, ~held, settings, alpha)
        own[held] = predict(design, w)[held]
        out[held] = deployed(designs, w, ~held, shares, fits)[held]
        if progress is not None:
            progress(f"fold {k + 1}/{settings.folds} done (alpha {alpha:g})")
    scores: dict[str, Any] = {}
    for number, name in enumerate(design.names):
        mine = design.corpus == number
        scores[name] = {
            "pearson_r": round(pearson(design.gold[mine], out[mine]), 4),
            "mae": round(float(np.abs(design.gold[mine] - out[mine]).mean()), 4),
            "own_r": round(pearson(design.gold[mine], own[mine]), 4),
            "n": int(mine.sum()),
        }
    scores["alphas_chosen"] = [f"{a:g}" for a in chosen]
    return out, scores


Registers = list[list[Feature]]


def fitted_gate(judgements: list[Judgement], design: Design, keep: npt.NDArray[np.bool_],
                settings: TrainSettings, news: Registers) -> Vector | None:
    """The register gate fitted on the sentences of rows ``keep`` and the news texts."""
    if settings.gate is None:
        return None
    first: dict[int, int] = {}
    for row in np.flatnonzero(keep).tolist():
        first.setdefault(int(design.group[row]), row)
    rows = sorted(first.values())
    return fit_register_gate([judgements[r].register for r in rows],
                             [judgements[r].corpus for r in rows], news, design.names,
                             settings.gate)


def gate_shares(judgements: list[Judgement], design: Design, keep: npt.NDArray[np.bool_],
                settings: TrainSettings, news: Registers) -> Vector | None:
    """Every row's head shares from the gate fitted on rows ``keep`` (None: no gate)."""
    weights = fitted_gate(judgements, design, keep, settings, news)
    if weights is None or settings.gate is None:
        return None
    return head_shares(weights, settings.gate, [j.register for j in judgements], design.names)


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
    news = news_registers(shared, settings.gate, limit) if settings.gate else []
    return train_on(judgements, news, settings, limit=limit, output=output, card=card,
                    progress=progress)


def train_on(judgements: list[Judgement], news: Registers, settings: TrainSettings, *,
             limit: int | None = None, output: Path = MODEL_FILE, card: Path = CARD_FILE,
             progress: Progress | None = None) -> dict[str, Any]:
    """``train`` on judgements already described and the news texts' register rows."""
    _, cv = cross_validate(judgements, settings, progress, news)
    designs = designs_of(judgements, settings)
    design = designs.own
    everything = np.ones(design.size, bool)
    gate = fitted_gate(judgements, design, everything, settings, news)
    shares = gate_shares(judgements, design, everything, settings, news)
    alpha, inner = choose_alpha(designs, everything, settings, settings.seed, shares)
    w = fit(design, everything, settings, alpha)
    fits = head_fits(design, everything, settings, alpha)
    calibration = head_calibrations(designs, w, everything, fits)
    size = 1 << settings.bits
    weights = w[:size].astype(np.float32)
    raw = np.asarray([j.context for j in judgements], np.float64).reshape(len(judgements), -1)
    standard = standard_of(raw, settings)
    context_weights = w[size:].astype(np.float32)
    gate_arrays: dict[str, Any] = {} if gate is None or settings.gate is None else {
        "gate_weights": gate.astype(np.float32), "gate_bits": np.int64(settings.gate.bits),
        "gate_heads": np.asarray(settings.gate.classes(design.names)),
        **({} if settings.gate.threshold is None else {
            "gate_threshold": np.float64(settings.gate.threshold)})}
    own_arrays: dict[str, Any] = {} if not fits else {
        "head_names": np.asarray(list(fits)),
        "head_weights": np.stack([f[:size] for f in fits.values()]).astype(np.float32),
        "head_context_weights": np.stack([f[size:] for f in fits.values()]).astype(np.float32)}
    np.savez_compressed(output, weights=weights, bits=np.int64(settings.bits),
                        corpora=np.asarray(list(calibration)),
                        calibration=np.asarray(list(calibration.values())),
                        context_blocks=np.asarray(settings.context, dtype=str),
                        context_mean=standard.mean.astype(np.float32),
                        context_scale=standard.scale.astype(np.float32),
                        context_weights=context_weights, **gate_arrays, **own_arrays)
    summary: dict[str, Any] = {
        "about": "Linear factuality model over hashed features "
                 "(redline/extract/factuality_features.py) and contextual vectors "
                 "(factuality_context.py), one head per corpus chosen by a register gate "
                 "(factuality_register.py, factuality_mixture.py), trained by `redline "
                 "train factuality` on the train splits below; weights in "
                 "factuality_model.npz. Scores: k-fold cross-validation on the train splits "
                 "(gate fitted and alpha chosen by inner CV inside each fold), read as at "
                 "run time.",
        "corpora": {n: {**settings.sources[n], "judgements": int((design.corpus == i).sum())}
                    for i, n in enumerate(design.names)},
        "encoder": _encoder_card(settings.context),
        "settings": {"bits": settings.bits, "seed": settings.seed, "folds": settings.folds,
                     "alphas": list(settings.alphas), "inner_folds": settings.inner_folds,
                     "alpha": alpha, "inner_cv_mean_r": inner,
                     "iterations": settings.iterations, "context": list(settings.context),
                     "context_scale": settings.context_scale,
                     "gate": None if settings.gate is None else {
                         **asdict(settings.gate), "news_sentences": len(news)},
                     "weights": settings.weights, "head_fits": settings.head_fits,
                     "limit": limit},
        "cross_validation": cv,
        "calibration": {name: [round(a, 6), round(b, 6)] for name, (a, b) in calibration.items()},
        "weights_sha": _digest(weights, context_weights, *(
            own_arrays[k] for k in ("head_weights", "head_context_weights") if own_arrays)),
    }
    card.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def _encoder_card(blocks: tuple[str, ...]) -> dict[str, Any] | None:
    if not any(block.startswith("encoder.") for block in blocks):
        return None
    from redline.extract.encoder import describe as describe_encoder

    return describe_encoder()


def _digest(weights: npt.NDArray[np.float32], context: npt.NDArray[np.float32],
            *heads: npt.NDArray[np.float32]) -> str:
    import hashlib

    digest = hashlib.sha256(np.ascontiguousarray(weights).tobytes())
    if len(context):
        digest.update(np.ascontiguousarray(context).tobytes())
    for part in heads:
        digest.update(np.ascontiguousarray(part).tobytes())
    return digest.hexdigest()[:16]
