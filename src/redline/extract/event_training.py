"""Training the event typer (``redline train events``): softmax regression in numpy.

Each training sentence gives one example: the main event the rules find (its anchor
word and the rules' proposed type) labelled with the gold PLOVER type; a sentence where
the rules find nothing is anchored on its root with no proposal. The gold sets follow
an earlier PLOVER draft, so labels are mapped to the 2021 names of ``redline.plover``
and the two halves of the draft's YIELD (CONCEDE, RETREAT) are trained as one class
that the rules' proposal splits again at run time.

The event/no-event model learns from the same PLOVER sentences (all events) and from the
Briefing Room sentences labelled by hand in ``event_presence.yaml`` (most of them no
event). Its regularisation, the typer's and the trust in the rules are chosen by nested
cross-validation (``event_selection.py``).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from redline.datafiles import jsonl_records, load_yaml_mapping
from redline.errors import ValidationError
from redline.extract.event_features import (
    DIMENSIONS,
    SENTENCE_BLOCKS,
    Features,
    dense,
    features,
    hashed,
)
from redline.extract.event_typing import (
    Linear,
    anchor_of,
    firm,
    label_of,
    proposed_by_model,
    rules_stand,
    unmatched_roots,
)
from redline.plover import vocabulary

TRAIN_FILE = Path("data") / "plover" / "plv-train.jsonl"
DEV_FILE = Path("data") / "plover" / "gsr-dev.jsonl"
PRESENCE_FILE = Path(__file__).with_name("event_presence.yaml")
NO_EVENT = "NONE"


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # PLOVER type in the training label space (YIELD for CONCEDE/RETREAT)


@dataclass(frozen=True)
class Labelled:
    """A hand-labelled Briefing Room sentence: does it report an event?"""

    text: str
    event: bool
    part: str  # "train" or "held"


@dataclass(frozen=True)
class Candidate:
    """What the rules make of a training sentence: its anchor's features and proposal."""

    read: Features
    proposal: str | None
    proposable: bool = True  # False: the rules found nothing and the model may not propose
    firm: bool = False  # the rules' type stands whatever the typer reads (``event_typing.firm``)

    @property
    def finds_event(self) -> bool:
        """Whether the rules (or the model on the root) would code an event here."""
        return self.proposal is not None or self.proposable


@dataclass(frozen=True)
class Hyper:
    epochs: int = 150
    rate: float = 0.05
    l2: float = 1e-3
    balance: float = 0.5  # class weight = (n / (k * count)) ** balance
    seed: int = 13
    dense_scale: float = 3.0  # dense blocks are unit vectors; this is their length in training
    #: The typer reads only the first ``typer_dense`` dense columns (None: all); the rest
    #: are blocks the event/no-event model alone reads, so the typer's weights there stay 0.
    typer_dense: int | None = None


@dataclass
class Scores:
    """Main-event scores of one prediction run against gold labels."""

    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, float]:
        pairs = list(zip(self.gold, self.predicted, strict=True))
        made = [p for p in pairs if p[1] != NO_EVENT]
        right = sum(g == p for g, p in made)
        precision = right / len(made) if made else 0.0
        recall = right / len(pairs) if pairs else 0.0
        return {"macro_f1": macro_f1(self.gold, self.predicted), "precision": precision,
                "recall": recall, "f1": _f1(precision, recall), "n": float(len(pairs))}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the gold classes; a sentence with no event predicted is a miss."""
    classes = sorted(set(gold))
    total = 0.0
    for kind in classes:
        tp = sum(g == p == kind for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == kind != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == kind != p for g, p in zip(gold, predicted, strict=True))
        total += _f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
    return total / len(classes) if classes else 0.0


def training_label(event: str) -> str:
    return label_of(event)


def relabelled(label: str, proposal: str | None) -> str:
    """``label`` in the project's codebook where the gold set's convention differs
    (``relabel`` in plover.yaml: e.g. imposed sanctions, COERCE in the gold, SANCTION here)."""
    for gold, rules, kind in vocabulary().relabel:
        if label == gold and proposal is not None and label_of(proposal) == rules:
            return kind
    return label


def read_examples(path: Path) -> list[Example]:
    """Sentences and gold types of a PLOVER jsonl file (plv-train or the GSR records)."""
    examples = []
    for _, record in jsonl_records(path, "PLOVER training file"):
        event, text = str(record.get("event", "")), str(record.get("text", "")).strip()
        if text and event and event != "DOCUMENT":
            examples.append(Example(text, training_label(event)))
    return examples


def read_presence(path: Path = PRESENCE_FILE) -> list[Labelled]:
    """The hand-labelled Briefing Room sentences of ``event_presence.yaml``."""
    entries = load_yaml_mapping(path).get("sentences")
    if not isinstance(entries, list):
        raise ValidationError(str(path), "sentences", "expected a list of entries")
    labelled = []
    for number, entry in enumerate(entries):
        if not (isinstance(entry, dict) and isinstance(entry.get("text"), str)
                and isinstance(entry.get("event"), bool) and entry.get("part") in (
                    "train", "held")):
            raise ValidationError(str(path), f"sentences[{number}]",
                                  "expected {part: train|held, event: true|false, url, text}")
        labelled.append(Labelled(entry["text"], entry["event"], entry["part"]))
    return labelled


def split_dev(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """The dev gold in two fixed halves by a hash of the text: one to look at, one held out."""
    looked = [e for e in examples if zlib.crc32(e.text.encode("utf-8")) % 2 == 0]
    held = [e for e in examples if zlib.crc32(e.text.encode("utf-8")) % 2 == 1]
    return looked, held


def _finder(doc: Any) -> Any:
    from redline.extract.components import constant_factuality
    from redline.extract.events import EventFinder

    return EventFinder(doc, times={}, factuality=constant_factuality)


def parsed(texts: Iterable[str], blocks: Sequence[str]) -> Iterable[Any]:
    """``texts`` parsed in batches, with the encoder's vectors where ``blocks`` need them."""
    from redline.extract.nlp import load_nlp

    batch: list[Any] = []
    for doc in load_nlp().pipe(texts, batch_size=64):
        batch.append(doc)
        if len(batch) == 64:
            yield from _encoded(batch, blocks)
            batch = []
    yield from _encoded(batch, blocks)


def _encoded(docs: list[Any], blocks: Sequence[str]) -> list[Any]:
    if docs and SENTENCE_BLOCKS.intersection(blocks):
        from redline.extract.encoder import load_encoder

        load_encoder().annotate([(doc, list(doc.sents)) for doc in docs])
    return docs


def candidates(texts: Iterable[str], blocks: Sequence[str] = ()) -> list[Candidate]:
    """The rules' main event of each text as features, parsed in batches."""
    found = []
    for doc in parsed(texts, blocks):
        finder = _finder(doc)
        events = finder.events()
        if events:
            found.append(_main_candidate(doc, events, finder.patterns.intent.modals, blocks))
            continue
        roots = unmatched_roots(doc, events, finder.patterns.reporting)
        anchor = roots[0] if roots else next(iter(doc.sents)).root
        proposable = bool(roots) and bool(proposed_by_model(finder, anchor, "AGREE"))
        found.append(Candidate(Features(hashed(features(anchor, None)), dense(anchor, blocks)),
                               None, proposable))
    return found


def _main_candidate(doc: Any, events: Sequence[Any], refusing: frozenset[str],
                    blocks: Sequence[str]) -> Candidate:
    """The main event (the first) as the typer reads it at run time (``retype``)."""
    main, anchors = events[0], [anchor_of(doc, e) for e in events]
    inside = frozenset(i for e in events if e.trigger_span and len(e.trigger.split()) > 1
                       for i in range(*e.trigger_span))
    others = frozenset(a.i for a in anchors if a.i != anchors[0].i)
    names = features(anchors[0], main.event, rules_stand(main, anchors[0], inside, others),
                     len(main.trigger.split()) > 1)
    return Candidate(Features(hashed(names), dense(anchors[0], blocks)), main.event,
                     firm=firm(anchors[0], refusing))


@dataclass(frozen=True)
class _Design:
    """The training rows as the fit reads them: the hashed columns as (row, column) pairs
    (a column repeated in a row counts twice), the dense part as a matrix."""

    owner: np.ndarray  # the row of each pair
    column: np.ndarray  # its column, an index into the used columns
    used: int
    dense: np.ndarray

    @classmethod
    def of(cls, rows: Sequence[Features], used: np.ndarray, scale: float) -> _Design:
        lengths = np.array([r.columns.shape[0] for r in rows], dtype=np.int64)
        return cls(owner=np.repeat(np.arange(len(rows)), lengths),
                   column=np.searchsorted(used, np.concatenate([r.columns for r in rows])),
                   used=len(used),
                   dense=np.stack([r.dense for r in rows]).astype(np.float32) * scale)

    def scores(self, sparse: np.ndarray, dense: np.ndarray) -> np.ndarray:
        gathered = sparse[self.column]
        rows = self.dense.shape[0]
        summed = np.stack([np.bincount(self.owner, gathered[:, j], rows)
                           for j in range(sparse.shape[1])], axis=1)
        return np.asarray(summed + self.dense @ dense, dtype=np.float32)

    def gradients(self, error: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        gathered = error[self.owner]
        return (np.stack([np.bincount(self.column, gathered[:, j], self.used)
                          for j in range(error.shape[1])], axis=1).astype(np.float32),
                self.dense.T @ error)


def _adam(params: list[np.ndarray], grads: list[np.ndarray], moments: list[np.ndarray],
          squares: list[np.ndarray], step: int, rate: float) -> None:
    for param, grad, m, v in zip(params, grads, moments, squares, strict=True):
        m *= 0.9
        m += 0.1 * grad
        v *= 0.999
        v += 0.001 * grad * grad
        param -= rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)


def fit(rows: Sequence[Features], labels: Sequence[str], hyper: Hyper = Hyper(),
        classes: Sequence[str] | None = None) -> Linear:
    """Softmax regression by full-batch Adam from zero weights (deterministic).

    Only the hashed columns some row uses are trained (the others would stay zero), and
    they are read as sparse (row, column) pairs, so a fit costs what the rows hold, not
    DIMENSIONS; every row has at least one hashed column (its rule feature)."""
    classes = tuple(sorted(set(labels))) if classes is None else tuple(classes)
    n, k = len(rows), len(classes)
    used = np.unique(np.concatenate([r.columns for r in rows]))
    design = _Design.of(rows, used, hyper.dense_scale)
    y = np.zeros((n, k), dtype=np.float32)
    y[np.arange(n), [classes.index(label) for label in labels]] = 1.0
    counts = np.maximum(y.sum(axis=0), 1.0)
    sample_weight = ((n / (k * counts)) ** hyper.balance)[y.argmax(axis=1)][:, None]
    sample_weight = (sample_weight / sample_weight.sum()).astype(np.float32)
    params = [np.zeros((len(used), k), np.float32),
              np.zeros((design.dense.shape[1], k), np.float32), np.zeros(k, np.float32)]
    moments, squares = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    for step in range(1, hyper.epochs + 1):
        logits = design.scores(params[0], params[1]) + params[2]
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = ((p - y) * sample_weight).astype(np.float32)
        sparse_grad, dense_grad = design.gradients(error)
        grads = [sparse_grad + hyper.l2 * params[0], dense_grad + hyper.l2 * params[1],
                 error.sum(axis=0)]
        _adam(params, grads, moments, squares, step, hyper.rate)
    sparse = np.zeros((DIMENSIONS, k), dtype=np.float32)
    sparse[used] = params[0]
    return Linear(weights=sparse, dense=params[1] * hyper.dense_scale, bias=params[2],
                  classes=classes)


def label_counts(labels: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(labels).items()))


__all__ = ["Candidate", "Example", "Hyper", "Labelled", "Scores", "candidates", "fit",
           "macro_f1", "read_examples", "read_presence", "relabelled", "split_dev"]
