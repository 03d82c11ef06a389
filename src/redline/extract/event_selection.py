"""Choosing and scoring the event models by cross-validation, and ``train_events``.

- The typer's regularisation (``L2_GRID``) and the trust in the rules (``TRUSTS``) are
  chosen by an inner cross-validation on the training part of each outer fold, so the
  outer k-fold figures are those of a model whose settings never saw the fold it is
  scored on (nested cross-validation).
- The event/no-event model's regularisation and threshold are chosen by k-fold
  cross-validation on plv-train (all events) and the train part of
  ``event_presence.yaml``: the highest threshold (fewest true events lost) whose
  out-of-fold false-event rate on the no-event sentences is at most ``FALSE_EVENT_AIM``.
- The trust is chosen on the mean of two macro-F1 scores: the inner cross-validation's on
  plv-train and, on the looked-at half of the dev gold (``Tuning``), that of a model
  fitted on all the rows the choice is made from; the held-out targets are measured on both kinds of
  sentence (news of the Zero-Shot-PLOVER kind and GSR records), and the learned typer
  beats the rules on the first, the rules it on the second.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from redline.extract.event_features import Features, block_width
from redline.extract.event_training import (
    DEV_FILE,
    NO_EVENT,
    TRAIN_FILE,
    Candidate,
    Hyper,
    Labelled,
    Scores,
    candidates,
    fit,
    label_counts,
    read_examples,
    read_presence,
    relabelled,
    split_dev,
    training_label,
)
from redline.extract.event_typing import PRESENCE_CLASSES, EventTyper, Linear, heldout_file

L2_GRID = (1e-4, 1e-3, 1e-2)
#: Below which top probability the rules' proposal stands.
TRUSTS = (0.0, 0.2, 0.4, 0.6, 0.8)
#: Thresholds on P(no event) tried; an event is dropped at or above it.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
FALSE_EVENT_AIM = 0.05
INNER_FOLDS = 3


@dataclass(frozen=True)
class Choice:
    """The typer's settings chosen by cross-validation."""

    l2: float
    trust: float


@dataclass(frozen=True)
class Presence:
    """The event/no-event model's training rows: features, EVENT or NONE, and whether the
    rules would code an event there without it."""

    rows: list[Candidate]
    labels: list[str]


def predict(typer: EventTyper, rows: Sequence[Candidate], trust: float | None = None,
            threshold: float | None = None) -> list[str]:
    """The main-event label of each row; NONE where the rules found no event and the
    model may not propose one, or where the event/no-event model reads none."""
    return [NO_EVENT if not row.finds_event or not typer.is_event(row.read, threshold)
            else training_label(row.proposal) if row.firm and row.proposal
            else typer.label(row.read, row.proposal, trust) for row in rows]


def rule_labels(rows: Sequence[Candidate]) -> list[str]:
    return [training_label(r.proposal) if r.proposal else NO_EVENT for r in rows]


def folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def _rest(n: int, held: np.ndarray) -> list[int]:
    held_set = set(held.tolist())
    return [i for i in range(n) if i not in held_set]


def _typer_features(rows: Sequence[Candidate], hyper: Hyper) -> list[Features]:
    """What the typer learns from: each row's features with the dense columns of the
    blocks only the event/no-event model reads set to 0 (so their weights stay 0)."""
    if hyper.typer_dense is None:
        return [r.read for r in rows]
    kept = hyper.typer_dense
    return [replace(r.read, dense=np.concatenate([
        r.read.dense[:kept], np.zeros(r.read.dense.shape[0] - kept, np.float32)]))
        for r in rows]


def _fit_types(rows: Sequence[Candidate], labels: Sequence[str], hyper: Hyper) -> EventTyper:
    return EventTyper(types=fit(_typer_features(rows, hyper), labels, hyper))


@dataclass(frozen=True)
class Tuning:
    """Sentences of a second source (the dev gold's looked-at half) whose score counts,
    beside the inner cross-validation's, in choosing the typer's settings: the held-out
    targets are measured on both kinds of sentence."""

    rows: list[Candidate]
    truth: list[str]


def select_typer(rows: Sequence[Candidate], labels: Sequence[str], truth: Sequence[str],
                 hyper: Hyper, k: int = INNER_FOLDS, tuning: Tuning | None = None
                 ) -> tuple[Choice, dict[str, float]]:
    """The (l2, trust) with the best k-fold macro-F1 on ``rows`` (averaged with the
    macro-F1 on ``tuning`` of a model fitted on all ``rows``), and every choice's score;
    ties go to the least trust in the model."""
    grid = [Choice(l2, t) for l2 in L2_GRID for t in TRUSTS]
    scores = {c: Scores() for c in grid}
    for held in folds(len(rows), k, hyper.seed + 1):
        train = _rest(len(rows), held)
        test = [rows[i] for i in held]
        for l2 in L2_GRID:
            typer = _fit_types([rows[i] for i in train], [labels[i] for i in train],
                               replace(hyper, l2=l2))
            for c in (c for c in grid if c.l2 == l2):
                scores[c].gold += [truth[i] for i in held]
                scores[c].predicted += predict(typer, test, c.trust)
    macro = {c: s.as_dict()["macro_f1"] for c, s in scores.items()}
    if tuning is not None:
        for l2 in L2_GRID:
            typer = _fit_types(rows, labels, replace(hyper, l2=l2))
            for c in (c for c in grid if c.l2 == l2):
                seen = Scores(tuning.truth, predict(typer, tuning.rows, c.trust)).as_dict()
                macro[c] = (macro[c] + seen["macro_f1"]) / 2
    best = max(macro, key=lambda c: (macro[c], -c.trust, c.l2))
    return best, {f"l2={c.l2:g} trust={c.trust:g}": v
                  for c, v in macro.items()}


def _presence_rows(extra: Presence, rows: Sequence[Candidate]) -> Presence:
    return Presence([*rows, *extra.rows], ["EVENT"] * len(rows) + extra.labels)


def fit_presence(data: Presence, hyper: Hyper) -> Linear:
    return fit([r.read for r in data.rows], data.labels, hyper, classes=PRESENCE_CLASSES)


def select_presence(data: Presence, hyper: Hyper, k: int) -> dict[str, Any]:
    """The event/no-event model's l2 and threshold by k-fold CV, with the out-of-fold
    false-event rate (no-event sentences coded with an event) and the share of true
    events kept, at the choice."""
    none_at = PRESENCE_CLASSES.index("NONE")
    counted = [i for i, r in enumerate(data.rows) if r.finds_event]
    out_of_fold = {l2: np.zeros(len(data.rows)) for l2 in L2_GRID}
    for held in folds(len(data.rows), k, hyper.seed):
        train = _rest(len(data.rows), held)
        part = Presence([data.rows[i] for i in train], [data.labels[i] for i in train])
        for l2 in L2_GRID:
            model = fit_presence(part, replace(hyper, l2=l2))
            for i in held:
                out_of_fold[l2][i] = model.probabilities(data.rows[i].read)[none_at]
    negatives = [i for i, label in enumerate(data.labels) if label == "NONE"]
    positives = [i for i in counted if data.labels[i] == "EVENT"]
    table = []
    for l2, p_none in out_of_fold.items():
        for threshold in THRESHOLDS:
            coded = [data.rows[i].finds_event and p_none[i] < threshold for i in negatives]
            kept = [p_none[i] < threshold for i in positives]
            table.append({"l2": l2, "threshold": threshold,
                          "false_event_rate": sum(coded) / max(len(coded), 1),
                          "events_kept": sum(kept) / max(len(kept), 1)})
    within = [row for row in table if row["false_event_rate"] <= FALSE_EVENT_AIM]
    best = max(within or table, key=lambda row: (
        (row["events_kept"], row["threshold"]) if within
        else (row["events_kept"] - row["false_event_rate"], row["threshold"])))
    return {"chosen": best, "negatives": len(negatives), "events": len(positives),
            "table": table}


def cross_validate(rows: Sequence[Candidate], labels: Sequence[str], *, k: int = 5,
                   hyper: Hyper = Hyper(), truth: Sequence[str] | None = None,
                   presence: Presence | None = None, presence_l2: float = 1e-3,
                   threshold: float = 1.0, tuning: Tuning | None = None) -> dict[str, Any]:
    """Nested k-fold scores of the learned typer and of the rules alone, on the same folds.

    Trained on ``labels``, scored against ``truth`` (the gold as written; default
    ``labels``). With ``presence`` (the extra event/no-event rows), each fold's
    event/no-event model is trained on the fold's training rows and those."""
    truth = labels if truth is None else truth
    learned, ungated, rules = Scores(), Scores(), Scores()
    chosen = []
    for held in folds(len(rows), k, hyper.seed):
        train = _rest(len(rows), held)
        train_rows, train_labels = [rows[i] for i in train], [labels[i] for i in train]
        choice, _ = select_typer(train_rows, train_labels, [truth[i] for i in train], hyper,
                                 tuning=tuning)
        chosen.append(asdict(choice))
        typer = replace(_fit_types(train_rows, train_labels, replace(hyper, l2=choice.l2)),
                        trust=choice.trust)
        test_rows, gold = [rows[i] for i in held], [truth[i] for i in held]
        ungated.gold += gold
        ungated.predicted += predict(typer, test_rows)
        if presence is not None:
            typer = replace(typer, threshold=threshold, presence=fit_presence(
                _presence_rows(presence, train_rows), replace(hyper, l2=presence_l2)))
        learned.gold += gold
        learned.predicted += predict(typer, test_rows)
        rules.gold += gold
        rules.predicted += rule_labels(test_rows)
    return {"learned": learned.as_dict(), "without_presence": ungated.as_dict(),
            "rules": rules.as_dict(), "chosen": chosen}


def evaluate(typer: EventTyper, rows: Sequence[Candidate], labels: Sequence[str]
             ) -> dict[str, dict[str, float]]:
    return {"learned": Scores(list(labels), predict(typer, rows)).as_dict(),
            "rules": Scores(list(labels), rule_labels(rows)).as_dict()}


def false_event_rate(typer: EventTyper, rows: Sequence[Candidate],
                     labelled: Sequence[Labelled]) -> dict[str, float]:
    """Of the no-event sentences, the share whose main event is coded; of the event
    sentences, the share coded (a main-event reading, as in training); both also without
    the event/no-event model."""
    report: dict[str, float] = {}
    for name, model in (("", typer), ("_without_presence", replace(typer, presence=None))):
        coded = [p != NO_EVENT for p in predict(model, rows)]
        negative = [c for c, e in zip(coded, labelled, strict=True) if not e.event]
        positive = [c for c, e in zip(coded, labelled, strict=True) if e.event]
        report |= {f"false_event_rate{name}": sum(negative) / max(len(negative), 1),
                   f"events_coded{name}": sum(positive) / max(len(positive), 1),
                   "negatives": float(len(negative)), "events": float(len(positive))}
    return report


def train_events(shared: Path, output: Path, *, hyper: Hyper = Hyper(), k: int = 5,
                 limit: int | None = None, blocks: Sequence[str] = (),
                 presence_blocks: Sequence[str] = (),
                 with_dev: bool = True, train_only: Path | None = None) -> dict[str, Any]:
    """Cross-validate on plv-train, score plv-train-only models on both dev halves and the
    held Briefing Room sentences, then train the shipped models (on plv-train, the train
    Briefing Room sentences and, ``with_dev``, the whole dev gold) and save them at
    ``output``, and the plv-train-only models at ``train_only`` (default: ``output``'s
    ``_heldout`` sibling, what the eval gate scores the dev gold with). ``limit`` keeps the
    first ``limit`` sentences of each file (a quick check that training works).
    ``presence_blocks``: dense blocks the event/no-event model reads besides ``blocks``
    (the typer's). Returns the figures as a JSON-ready mapping."""
    typer_blocks = tuple(blocks)
    blocks = typer_blocks + tuple(b for b in presence_blocks if b not in typer_blocks)
    if blocks != typer_blocks:
        hyper = replace(hyper, typer_dense=sum(block_width(b) for b in typer_blocks))
    train = read_examples(shared / TRAIN_FILE)[:limit]
    dev = read_examples(shared / DEV_FILE)[:limit]
    looked, _ = split_dev(dev)
    labelled = read_presence()
    wh_train = [e for e in labelled if e.part == "train"][:limit]
    wh_held = [e for e in labelled if e.part == "held"][:limit]
    rows = candidates((e.text for e in train), blocks)
    labels = [relabelled(e.label, r.proposal) for e, r in zip(train, rows, strict=True)]
    dev_rows = candidates((e.text for e in dev), blocks)
    dev_labels = [relabelled(e.label, r.proposal) for e, r in zip(dev, dev_rows, strict=True)]
    looked_set = {e.text for e in looked}
    tuning = Tuning([r for r, e in zip(dev_rows, dev, strict=True) if e.text in looked_set],
                    [e.label for e in dev if e.text in looked_set])
    extra = Presence(candidates((e.text for e in wh_train), blocks),
                     ["EVENT" if e.event else "NONE" for e in wh_train])
    held_rows = candidates((e.text for e in wh_held), blocks)
    presence = select_presence(_presence_rows(extra, rows), hyper, k)
    presence_l2, threshold = presence["chosen"]["l2"], presence["chosen"]["threshold"]
    report: dict[str, Any] = {
        "seed": hyper.seed, "folds": k, "blocks": list(typer_blocks),
        "presence_blocks": list(blocks[len(typer_blocks):]), "train_sentences": len(train),
        "labels": label_counts(labels), "presence": presence,
        "cross_validation": cross_validate(
            rows, labels, k=k, hyper=hyper, truth=[e.label for e in train], presence=extra,
            presence_l2=presence_l2, threshold=threshold, tuning=tuning)}
    choice, grid = select_typer(rows, labels, [e.label for e in train], hyper, k, tuning)
    report["typer"] = asdict(choice) | {"grid": grid}
    typer_hyper, presence_hyper = replace(hyper, l2=choice.l2), replace(hyper, l2=presence_l2)
    train_only_typer = EventTyper(
        types=_fit_types(rows, labels, typer_hyper).types, trust=choice.trust,
        presence=fit_presence(_presence_rows(extra, rows), presence_hyper),
        threshold=threshold, blocks=blocks)
    for name, part in (("dev_looked", looked_set), ("dev_held_out", None), ("dev", ())):
        picked = [i for i, e in enumerate(dev) if (
            part == () or (e.text in looked_set) == (part is not None))]
        report[name] = evaluate(train_only_typer, [dev_rows[i] for i in picked],
                                [dev[i].label for i in picked])
    report["briefings_held"] = false_event_rate(train_only_typer, held_rows, wh_held)
    train_only = heldout_file(output) if train_only is None else train_only
    train_only_typer.save(train_only)
    shipped_rows, shipped_labels = (rows, labels) if not with_dev else (
        [*rows, *dev_rows], [*labels, *dev_labels])
    shipped = EventTyper(
        types=_fit_types(shipped_rows, shipped_labels, typer_hyper).types, trust=choice.trust,
        presence=fit_presence(_presence_rows(extra, shipped_rows), presence_hyper),
        threshold=threshold, blocks=blocks)
    shipped.save(output)
    report["shipped_sentences"] = len(shipped_rows)
    report["shipped_with_dev"] = with_dev
    _write_record(output, shipped, hyper, k, report, train_only)
    return report


def _write_record(output: Path, typer: EventTyper, hyper: Hyper, k: int,
                  report: dict[str, Any], heldout: Path) -> None:
    """``output`` with .json: what the weights are, where they come from, how they score.

    ``figures`` are out of sample: nested CV on plv-train, and the plv-train-only models
    (``heldout``, its file and sha256 under the same key) on the dev gold and the held
    Briefing Room sentences; the shipped models, trained on the dev gold too, have no
    out-of-sample dev figure."""
    typer_blocks, presence_blocks = report["blocks"], report["presence_blocks"]
    blocks = f" --blocks {','.join(typer_blocks)}" if typer_blocks else ""
    if presence_blocks:
        blocks += f" --presence-blocks {','.join(presence_blocks)}"
    dev = "" if report["shipped_with_dev"] else " --without-dev"
    record = {
        "command": f"redline train events --seed {hyper.seed} --folds {k}{blocks}{dev}",
        "sha256": hashlib.sha256(output.read_bytes()).hexdigest(),
        "classes": list(typer.classes),
        "trust": typer.trust,
        "threshold": typer.threshold,
        "blocks": list(typer.blocks),
        "typer_blocks": typer_blocks,
        "presence_blocks": presence_blocks,
        "hyper": {"epochs": hyper.epochs, "rate": hyper.rate, "balance": hyper.balance,
                  "dense_scale": hyper.dense_scale, "typer_l2": report["typer"]["l2"],
                  "presence_l2": report["presence"]["chosen"]["l2"]},
        "sources": {
            "plv-train.jsonl": "Zero-Shot-PLOVER data of Hu et al., ACL 2024 "
                               "(snowood1/Zero-Shot-PLOVER), research data released with "
                               "the paper",
            "gsr-dev.jsonl": "PLOVER gold-standard records (openeventdata/PLOVER), "
                             "CC BY-SA 4.0",
            "event_presence.yaml": "White House Briefing Room sentences (public domain), "
                                   "labelled by hand for this project"},
        "figures": {key: report[key] for key in (
            "cross_validation", "dev_looked", "dev", "briefings_held")}
        | {"presence": report["presence"]["chosen"]},
        "heldout": {
            "file": heldout.name,
            "sha256": hashlib.sha256(heldout.read_bytes()).hexdigest(),
            "trained_on": "plv-train.jsonl and the train part of event_presence.yaml, "
                          "with the shipped models' settings; never the dev gold",
            "figures": ["dev_looked", "dev", "briefings_held"]},
    }
    if set(typer.blocks) - {"tensor"}:
        from redline.extract.encoder import describe

        record["encoder"] = describe()
    output.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n",
                                           encoding="utf-8")


__all__ = ["Presence", "cross_validate", "evaluate", "false_event_rate", "predict",
           "select_presence", "select_typer", "train_events"]
