"""Training the event typer (``redline train events``): softmax regression in numpy.

Each training sentence gives one example: the main event the rules find (its anchor
word and the rules' proposed type) labelled with the gold PLOVER type; a sentence where
the rules find nothing is anchored on its root with no proposal. The gold sets follow
an earlier PLOVER draft, so labels are mapped to the 2021 names of ``redline.plover``
and the two halves of the draft's YIELD (CONCEDE, RETREAT) are trained as one class
that the rules' proposal splits again at run time.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from redline.errors import InputError
from redline.extract.event_typing import (
    DIMENSIONS,
    EventTyper,
    anchor_of,
    features,
    hashed,
    label_of,
    proposed_by_model,
    split_yield,
    unmatched_roots,
)
from redline.plover import vocabulary

TRAIN_FILE = Path("data") / "plover" / "plv-train.jsonl"
DEV_FILE = Path("data") / "plover" / "gsr-dev.jsonl"
NO_EVENT = "NONE"
#: Below which top probability the rules' proposal stands; the best by CV is kept.
TRUSTS = (0.0, 0.3, 0.4, 0.5, 0.6)


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # PLOVER type in the training label space (YIELD for CONCEDE/RETREAT)


@dataclass(frozen=True)
class Candidate:
    """What the rules make of a training sentence: its anchor's features and proposal."""

    columns: np.ndarray
    proposal: str | None
    proposable: bool = True  # False: the rules found nothing and the model may not propose


@dataclass(frozen=True)
class Hyper:
    epochs: int = 300
    rate: float = 0.05
    l2: float = 1e-3
    balance: float = 0.5  # class weight = (n / (k * count)) ** balance
    seed: int = 13


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
    if not path.exists():
        raise InputError(str(path), "PLOVER training file not found")
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"not JSON ({exc})") from exc
        event, text = str(record.get("event", "")), str(record.get("text", "")).strip()
        if text and event and event != "DOCUMENT":
            examples.append(Example(text, training_label(event)))
    return examples


def split_dev(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """The dev gold in two fixed halves by a hash of the text: one to look at, one held out."""
    looked = [e for e in examples if zlib.crc32(e.text.encode("utf-8")) % 2 == 0]
    held = [e for e in examples if zlib.crc32(e.text.encode("utf-8")) % 2 == 1]
    return looked, held


def _finder(doc: Any) -> Any:
    from redline.extract.components import constant_factuality
    from redline.extract.events import EventFinder

    return EventFinder(doc, times={}, factuality=constant_factuality)


def candidates(texts: Iterable[str]) -> list[Candidate]:
    """The rules' main event of each text as a feature vector, parsed in batches."""
    from redline.extract.nlp import load_nlp

    found = []
    for doc in load_nlp().pipe(texts, batch_size=64):
        finder = _finder(doc)
        events = finder.events()
        if events:
            anchor = anchor_of(doc, events[0])
            found.append(Candidate(hashed(features(anchor, events[0].event)), events[0].event))
            continue
        roots = unmatched_roots(doc, events)
        anchor = roots[0] if roots else next(iter(doc.sents)).root
        proposable = bool(roots) and bool(proposed_by_model(finder, anchor, "AGREE"))
        found.append(Candidate(hashed(features(anchor, None)), None, proposable))
    return found


def fit(rows: Sequence[Candidate], labels: Sequence[str], hyper: Hyper = Hyper()
        ) -> EventTyper:
    """Softmax regression by full-batch Adam from zero weights (deterministic)."""
    classes = tuple(sorted(set(labels)))
    n, k = len(rows), len(classes)
    x = np.zeros((n, DIMENSIONS), dtype=np.float32)
    for i, row in enumerate(rows):
        np.add.at(x[i], row.columns, 1.0)
    y = np.zeros((n, k), dtype=np.float32)
    y[np.arange(n), [classes.index(label) for label in labels]] = 1.0
    counts = y.sum(axis=0)
    sample_weight = ((n / (k * counts)) ** hyper.balance)[y.argmax(axis=1)][:, None]
    sample_weight = (sample_weight / sample_weight.sum()).astype(np.float32)
    weights = np.zeros((DIMENSIONS, k), dtype=np.float32)
    bias = np.zeros(k, dtype=np.float32)
    moments = [np.zeros_like(weights), np.zeros_like(bias)]
    squares = [np.zeros_like(weights), np.zeros_like(bias)]
    for step in range(1, hyper.epochs + 1):
        logits = x @ weights + bias
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - y) * sample_weight
        grads = [x.T @ error + hyper.l2 * weights, error.sum(axis=0)]
        for param, grad, m, v in zip((weights, bias), grads, moments, squares, strict=True):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= hyper.rate * (m / (1 - 0.9**step)) / (
                np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return EventTyper(weights=weights, bias=bias, classes=classes)


def predict(typer: EventTyper, rows: Sequence[Candidate], trust: float | None = None
            ) -> list[str]:
    """The main-event label of each row; NONE where the rules found no event and the
    model may not propose one."""
    return [NO_EVENT if row.proposal is None and not row.proposable
            else typer.label(row.columns, row.proposal, trust) for row in rows]


def rule_labels(rows: Sequence[Candidate]) -> list[str]:
    return [training_label(r.proposal) if r.proposal else NO_EVENT for r in rows]


def folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def cross_validate(rows: Sequence[Candidate], labels: Sequence[str], *, k: int = 5,
                   hyper: Hyper = Hyper(), truth: Sequence[str] | None = None
                   ) -> dict[str, Any]:
    """k-fold scores of the learned typer (at each trust level, the best by macro-F1
    chosen) and of the rules alone, on the same folds. Trained on ``labels``, scored
    against ``truth`` (the gold as written; default ``labels``)."""
    truth = labels if truth is None else truth
    learned = {trust: Scores() for trust in TRUSTS}
    rules = Scores()
    for held in folds(len(rows), k, hyper.seed):
        held_set = set(held.tolist())
        train = [i for i in range(len(rows)) if i not in held_set]
        typer = fit([rows[i] for i in train], [labels[i] for i in train], hyper)
        test_rows = [rows[i] for i in held]
        for trust, scores in learned.items():
            scores.gold += [truth[i] for i in held]
            scores.predicted += predict(typer, test_rows, trust)
        rules.gold += [truth[i] for i in held]
        rules.predicted += rule_labels(test_rows)
    by_trust = {trust: scores.as_dict() for trust, scores in learned.items()}
    best = max(TRUSTS, key=lambda trust: (by_trust[trust]["macro_f1"], -trust))
    return {"learned": by_trust[best], "trust": best, "rules": rules.as_dict(),
            "by_trust": {str(t): s["macro_f1"] for t, s in by_trust.items()}}


def evaluate(typer: EventTyper, rows: Sequence[Candidate], labels: Sequence[str]
             ) -> dict[str, dict[str, float]]:
    return {"learned": Scores(list(labels), predict(typer, rows)).as_dict(),
            "rules": Scores(list(labels), rule_labels(rows)).as_dict()}


def label_counts(labels: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(labels).items()))


def train_events(shared: Path, output: Path, *, hyper: Hyper = Hyper(), k: int = 5,
                 limit: int | None = None) -> dict[str, Any]:
    """Cross-validate on plv-train, score a plv-train-only model on both dev halves, then
    train the shipped model on plv-train and the whole dev gold and save it at ``output``.

    ``limit`` keeps the first ``limit`` sentences of each file (a quick check that
    training works). Returns the figures as a JSON-ready mapping.
    """
    train = read_examples(shared / TRAIN_FILE)[:limit]
    looked, held = split_dev(read_examples(shared / DEV_FILE)[:limit])
    rows = candidates(e.text for e in train)
    labels = [relabelled(e.label, r.proposal) for e, r in zip(train, rows, strict=True)]
    looked_rows, held_rows = candidates(e.text for e in looked), candidates(e.text for e in held)
    looked_labels = [relabelled(e.label, r.proposal) for e, r in zip(looked, looked_rows,
                                                                       strict=True)]
    held_labels = [relabelled(e.label, r.proposal) for e, r in zip(held, held_rows, strict=True)]
    report: dict[str, Any] = {"seed": hyper.seed, "folds": k, "train_sentences": len(train),
                              "labels": label_counts(labels),
                              "cross_validation": cross_validate(
                                  rows, labels, k=k, hyper=hyper, truth=[e.label for e in train])}
    trust = float(report["cross_validation"]["trust"])
    train_only = replace(fit(rows, labels, hyper), trust=trust)
    report["dev_looked"] = evaluate(train_only, looked_rows, [e.label for e in looked])
    report["dev_held_out"] = evaluate(train_only, held_rows, [e.label for e in held])
    shipped = replace(fit([*rows, *looked_rows, *held_rows],
                          [*labels, *looked_labels, *held_labels], hyper), trust=trust)
    shipped.save(output)
    report["shipped_sentences"] = len(rows) + len(looked_rows) + len(held_rows)
    _write_record(output, shipped, hyper, k, report)
    return report


def _write_record(output: Path, typer: EventTyper, hyper: Hyper, k: int,
                  report: dict[str, Any]) -> None:
    """``output`` with .json: what the weights are, where they come from, how they score."""
    record = {
        "command": f"redline train events --seed {hyper.seed} --folds {k}",
        "sha256": hashlib.sha256(output.read_bytes()).hexdigest(),
        "classes": list(typer.classes),
        "trust": typer.trust,
        "hyper": {"epochs": hyper.epochs, "rate": hyper.rate, "l2": hyper.l2,
                  "balance": hyper.balance},
        "sources": {
            "plv-train.jsonl": "Zero-Shot-PLOVER data of Hu et al., ACL 2024 "
                               "(snowood1/Zero-Shot-PLOVER), research data released with "
                               "the paper",
            "gsr-dev.jsonl": "PLOVER gold-standard records (openeventdata/PLOVER), "
                             "CC BY-SA 4.0"},
        "figures": {key: report[key] for key in ("cross_validation", "dev_looked")},
    }
    output.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n",
                                           encoding="utf-8")


__all__ = ["Candidate", "Example", "Hyper", "candidates", "cross_validate", "evaluate", "fit",
           "macro_f1", "predict", "read_examples", "split_dev", "split_yield", "train_events"]
