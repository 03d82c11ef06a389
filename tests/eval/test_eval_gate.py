"""The gate itself: it must flag a drop beyond tolerance and pass noise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.errors import ConfigError
from redline.eval import gate


@pytest.mark.parametrize(
    "metric, score, value, expected",
    [
        ("plover.heldout.event_type_f1", 0.80, 0.82, True),     # dropped by more than 0.01
        ("plover.heldout.event_type_f1", 0.815, 0.82, False),   # within noise
        ("plover.heldout.event_type_f1", 0.90, 0.82, False),    # improved
        ("meantime.mae", 1.10, 1.00, True),              # an error grew
        ("meantime.mae", 0.90, 1.00, False),             # an error shrank
        ("koreatimes.hypothetical_as_fact", 1.0, 0.0, True),
    ],
)
def test_compare_flags_only_real_drops(metric: str, score: float, value: float,
                                       expected: bool) -> None:
    baseline = {metric: {"value": value, "direction": gate.direction_of(metric),
                         "tolerance": 0.01}}
    (check,) = gate.compare({metric: score}, baseline)
    assert check.regressed is expected


def test_a_metric_missing_from_the_scores_is_a_regression() -> None:
    (check,) = gate.compare({}, {"polnear.content_overlap_f1": {"value": 0.5}})
    assert check.regressed


def test_new_metrics_are_not_regressions() -> None:
    (check,) = gate.compare({"x.f1": 0.1}, {})
    assert check.baseline is None and not check.regressed


@pytest.mark.parametrize("score, expected", [
    (0.86, False),  # a retrain that fits its own training sentences less: not a failure
    (0.70, True),   # a drop only a broken or wrong weights file explains
])
def test_in_sample_scores_only_catch_breakage(score: float, expected: bool, tmp_path: Path
                                              ) -> None:
    metric = "plover.in_sample.event_type_f1"
    path = tmp_path / "baseline.json"
    gate.write_baseline({metric: 0.975, "plover.heldout.event_type_f1": 0.86}, path)
    baseline = gate.load_baseline(path)
    assert baseline["plover.heldout.event_type_f1"]["tolerance"] == gate.DEFAULT_TOLERANCE
    checks = {c.metric: c for c in gate.compare({metric: score}, baseline)}
    assert checks[metric].regressed is expected


def test_the_baseline_file_says_what_is_in_sample() -> None:
    body = json.loads(gate.BASELINE.read_text(encoding="utf-8"))
    assert body["about"] == gate.ABOUT
    metrics = body["metrics"]
    assert all(m["tolerance"] == gate.IN_SAMPLE_TOLERANCE
               for name, m in metrics.items() if ".in_sample." in name)
    assert "plover.heldout.event_type_f1" in metrics and "plover.event_type_f1" not in metrics


def test_write_baseline_round_trips_and_keeps_tolerance(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"metrics": {"a.f1": {"value": 0.5, "tolerance": 0.05}}}))
    gate.write_baseline({"a.f1": 0.61234, "b.mae": 1.0}, path)
    metrics = gate.load_baseline(path)
    assert metrics["a.f1"] == {"value": 0.6123, "direction": "higher", "tolerance": 0.05}
    assert metrics["b.mae"]["direction"] == "lower"
    gate.write_baseline({"b.mae": 0.9}, path)  # scoring one gold set keeps the others
    metrics = gate.load_baseline(path)
    assert metrics["a.f1"]["value"] == 0.6123 and metrics["b.mae"]["value"] == 0.9


def test_unknown_gold_set_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="valid: koreatimes"):
        gate.run_scorers(tmp_path, ["nope"])


def test_missing_shared_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        gate.run_scorers(tmp_path / "absent")
