"""Training the event typer: deterministic on a slice, and the shipped weights are the
file their record describes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from redline.extract.event_training import (
    Candidate,
    fit,
    macro_f1,
    predict,
    read_examples,
    split_dev,
    train_events,
)
from redline.extract.event_typing import WEIGHTS_FILE, hashed, read_typer, split_yield

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


def test_fit_learns_separable_rows_and_saves_them(tmp_path: Path) -> None:
    rows = [Candidate(hashed([f"lemma={w}", "pos=VERB"]), "AID") for w in ("give", "send")]
    rows += [Candidate(hashed([f"lemma={w}", "pos=VERB"]), "AID") for w in ("bomb", "shell")]
    labels = ["AID", "AID", "ASSAULT", "ASSAULT"]
    typer = fit(rows, labels)
    assert predict(typer, rows) == labels
    typer.save(tmp_path / "m.npz")
    again = read_typer(tmp_path / "m.npz")
    assert again.classes == typer.classes
    assert np.allclose(again.weights, typer.weights)


def test_dev_halves_are_fixed_and_disjoint(shared: Path) -> None:
    examples = read_examples(shared / "data" / "plover" / "gsr-dev.jsonl")
    looked, held = split_dev(examples)
    assert looked and held and len(looked) + len(held) == len(examples)
    assert not {e.text for e in looked} & {e.text for e in held}
    assert split_dev(examples) == (looked, held)


@pytest.mark.slow
def test_training_on_a_slice_is_deterministic(shared: Path, tmp_path: Path) -> None:
    first = train_events(shared, tmp_path / "a.npz", k=2, limit=40)
    second = train_events(shared, tmp_path / "b.npz", k=2, limit=40)
    assert first == second
    assert set(first["cross_validation"]) == {"learned", "rules", "trust", "by_trust"}
    a, b = read_typer(tmp_path / "a.npz"), read_typer(tmp_path / "b.npz")
    assert a.classes == b.classes and np.array_equal(a.weights, b.weights)


def test_shipped_weights_are_the_recorded_file() -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    assert hashlib.sha256(WEIGHTS_FILE.read_bytes()).hexdigest() == record["sha256"]
    assert record["command"].startswith("redline train events")
    assert read_typer(WEIGHTS_FILE).classes == tuple(record["classes"])
