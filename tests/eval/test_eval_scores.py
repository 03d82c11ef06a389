"""The gate on the real gold sets: CI fails when a score drops below the committed baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.eval import gate


@pytest.fixture(scope="module")
def checks(shared: Path) -> list[gate.Check]:
    scores, _ = gate.run_scorers(shared)
    return gate.compare(scores, gate.load_baseline())


def test_baseline_covers_every_gold_set() -> None:
    prefixes = {metric.split(".")[0] for metric in gate.load_baseline()}
    assert prefixes == set(gate.SCORERS)


@pytest.mark.slow
def test_no_score_dropped_below_the_baseline(checks: list[gate.Check]) -> None:
    regressed = [f"{c.metric}: {c.score} vs baseline {c.baseline} ({c.direction} is better)"
                 for c in checks if c.regressed]
    assert not regressed, "scores dropped:\n" + "\n".join(regressed)


@pytest.mark.slow
def test_every_scored_metric_is_in_the_baseline(checks: list[gate.Check]) -> None:
    missing = [c.metric for c in checks if c.baseline is None]
    assert not missing, f"new metrics without a baseline (run redline eval --update-baseline): {missing}"
