"""Training the event typer: deterministic on a slice, and the shipped weights are the
file their record describes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from redline.extract.event_features import Features, hashed
from redline.extract.event_selection import evaluate, predict, select_presence, train_events
from redline.extract.event_training import (
    DEV_FILE,
    Candidate,
    Hyper,
    candidates,
    fit,
    macro_f1,
    read_examples,
    split_dev,
)
from redline.extract.event_typing import (
    HELDOUT_FILE,
    WEIGHTS_FILE,
    EventTyper,
    heldout_file,
    read_typer,
    split_yield,
)

RECORD = WEIGHTS_FILE.with_suffix(".json")


@pytest.mark.parametrize("gold, predicted, expected", [
    (["AID", "AID", "ASSAULT"], ["AID", "AID", "ASSAULT"], 1.0),
    (["AID", "ASSAULT"], ["ASSAULT", "AID"], 0.0),
    (["AID", "ASSAULT"], ["AID", "NONE"], 0.5),  # no event found counts as a miss
    (["AID", "AID"], ["AID", "NONE"], 2 / 3),
])
def test_macro_f1(gold: list[str], predicted: list[str], expected: float) -> None:
    assert macro_f1(gold, predicted) == pytest.approx(expected)


@pytest.mark.parametrize("decided, proposal, expected", [
    ("YIELD", "RETREAT", "RETREAT"), ("YIELD", "CONCEDE", "CONCEDE"),
    ("YIELD", None, "CONCEDE"), ("YIELD", "AID", "CONCEDE"), ("AID", "RETREAT", "AID"),
])
def test_yield_is_split_by_the_rules(decided: str, proposal: str | None, expected: str) -> None:
    assert split_yield(decided, proposal) == expected


def _row(names: list[str], dense: list[float] | None = None, proposal: str | None = "AID"
         ) -> Candidate:
    vector = np.array(dense or [], dtype=np.float32)
    return Candidate(Features(hashed(names), vector), proposal)


def test_fit_learns_separable_rows_and_saves_them(tmp_path: Path) -> None:
    rows = [_row([f"lemma={w}", "pos=VERB"]) for w in ("give", "send", "bomb", "shell")]
    labels = ["AID", "AID", "ASSAULT", "ASSAULT"]
    typer = EventTyper(types=fit([r.read for r in rows], labels))
    assert predict(typer, rows) == labels
    typer.save(tmp_path / "m.npz")
    again = read_typer(tmp_path / "m.npz")
    assert again.classes == typer.classes
    assert np.allclose(again.types.weights, typer.types.weights)
    assert predict(again, rows) == labels


def test_fit_learns_from_dense_features_alone() -> None:
    rows = [_row(["pos=VERB"], d) for d in ([1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9])]
    labels = ["AID", "AID", "ASSAULT", "ASSAULT"]
    typer = EventTyper(types=fit([r.read for r in rows], labels, Hyper(dense_scale=3.0)))
    assert predict(typer, rows) == labels


def test_the_typer_never_reads_the_blocks_only_presence_reads() -> None:
    # The second dense column separates the classes, but it is a presence-only block: the
    # typer's weights on it stay 0 and it cannot tell the rows apart; the first column can.
    from redline.extract.event_selection import _fit_types

    rows = [_row(["pos=VERB"], d) for d in ([0.5, 1.0], [0.5, 0.9], [0.5, 0.0], [0.5, 0.1])]
    labels = ["AID", "AID", "ASSAULT", "ASSAULT"]
    typer = _fit_types(rows, labels, Hyper(typer_dense=1))
    assert not typer.types.dense[1:].any() and typer.types.dense.shape == (2, 2)
    assert len(set(predict(typer, rows))) == 1
    assert predict(_fit_types(rows, labels, Hyper()), rows) == labels


def test_presence_threshold_is_chosen_within_the_false_event_aim() -> None:
    from redline.extract.event_selection import FALSE_EVENT_AIM, Presence

    events = [_row([f"lemma=attack{i}", "kind=strike"]) for i in range(12)]
    none = [_row([f"lemma=publish{i}", "kind=report"]) for i in range(12)]
    chosen = select_presence(Presence(events + none, ["EVENT"] * 12 + ["NONE"] * 12),
                             Hyper(), k=3)["chosen"]
    assert chosen["false_event_rate"] <= FALSE_EVENT_AIM
    assert chosen["events_kept"] > 0.5


def test_dev_halves_are_fixed_and_disjoint(shared: Path) -> None:
    examples = read_examples(shared / "data" / "plover" / "gsr-dev.jsonl")
    looked, held = split_dev(examples)
    assert looked and held and len(looked) + len(held) == len(examples)
    assert not {e.text for e in looked} & {e.text for e in held}
    assert split_dev(examples) == (looked, held)


@pytest.mark.slow
def test_training_on_a_slice_is_deterministic(shared: Path, tmp_path: Path) -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))  # the shipped model's features
    blocks = record.get("typer_blocks", record["blocks"])
    presence_blocks = record.get("presence_blocks", [])
    first = train_events(shared, tmp_path / "a.npz", k=2, limit=40, blocks=blocks,
                         presence_blocks=presence_blocks)
    second = train_events(shared, tmp_path / "b.npz", k=2, limit=40, blocks=blocks,
                          presence_blocks=presence_blocks)
    assert first == second
    assert read_typer(tmp_path / "a.npz").blocks == read_typer(WEIGHTS_FILE).blocks
    assert set(first["cross_validation"]) == {"learned", "without_presence", "rules", "chosen"}
    a, b = read_typer(tmp_path / "a.npz"), read_typer(tmp_path / "b.npz")
    assert a.classes == b.classes and np.array_equal(a.types.weights, b.types.weights)
    assert a.presence is not None and b.presence is not None
    assert np.array_equal(a.presence.weights, b.presence.weights)
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["heldout"]
    assert written["file"] == heldout_file(tmp_path / "a.npz").name == "a_heldout.npz"
    assert hashlib.sha256((tmp_path / "a_heldout.npz").read_bytes()).hexdigest() == \
        written["sha256"]


def test_shipped_weights_are_the_recorded_file() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert hashlib.sha256(WEIGHTS_FILE.read_bytes()).hexdigest() == record["sha256"]
    assert record["command"].startswith("redline train events")
    assert read_typer(WEIGHTS_FILE).classes == tuple(record["classes"])


def test_shipped_heldout_weights_are_the_recorded_file() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert record["heldout"]["file"] == HELDOUT_FILE.name == heldout_file(WEIGHTS_FILE).name
    assert hashlib.sha256(HELDOUT_FILE.read_bytes()).hexdigest() == record["heldout"]["sha256"]
    held, shipped = read_typer(HELDOUT_FILE), read_typer(WEIGHTS_FILE)
    assert (held.classes, held.blocks, held.trust, held.threshold) == (
        shipped.classes, shipped.blocks, shipped.trust, shipped.threshold)
    assert not np.array_equal(held.types.weights, shipped.types.weights)  # no dev gold in it


def test_shipped_heldout_weights_reproduce_the_recorded_dev_figures(shared: Path) -> None:
    """The card's dev-gold figures are those of the held-out weights, which never saw it."""
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert "dev" in record["heldout"]["figures"]
    dev = read_examples(shared / DEV_FILE)
    typer = read_typer(HELDOUT_FILE)
    scores = evaluate(typer, candidates((e.text for e in dev), typer.blocks),
                      [e.label for e in dev])
    recorded = record["figures"]["dev"]
    assert scores.keys() == recorded.keys()
    for reader, figures in scores.items():
        assert figures == pytest.approx(recorded[reader], abs=1e-9), reader
