"""The evaluation gate: score the system on the gold sets and compare with the baseline.

Each scorer module in this package exposes ``score(shared) -> dict[str, float]``.
The baseline file records, per metric, the accepted score, which direction is
better and how much a score may move by noise before the gate fails.
"""

from __future__ import annotations

import importlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from redline.errors import ConfigError, RedlineError

BASELINE = Path(__file__).with_name("baseline.json")
SCORERS: dict[str, str] = {
    "koreatimes": "redline.eval.koreatimes",
    "plover": "redline.eval.plover",
    "plover_train": "redline.eval.plover_actors",
    "meantime": "redline.eval.meantime",
    "factuality": "redline.eval.factuality",
    "polnear": "redline.eval.polnear",
    "timex": "redline.eval.timex",
}
DEFAULT_TOLERANCE = 0.01
#: In-sample scores (a model scored on sentences it was trained on) move with each
#: retrain's regularisation, which the out-of-sample scores judge; their tolerance only
#: catches breakage (a wrong or broken weights file).
IN_SAMPLE_TOLERANCE = 0.2
ABOUT = ("Scores on the gold sets in ../shared; `redline eval --check` fails when a score "
         "moves the wrong way by more than its tolerance. Keys with `in_sample` score a "
         "model on sentences it was trained on (the shipped event typer on the PLOVER dev "
         "gold) and only catch breakage (tolerance 0.2); `plover.heldout` keys score the "
         "same reader with the typer trained without the dev gold.")
Direction = Literal["higher", "lower"]
# Metrics where a smaller number is better (errors, counts of mistakes).
LOWER_IS_BETTER_SUFFIXES = ("mae", "hypothetical_as_fact", "false_event_rate")


@dataclass(frozen=True)
class Check:
    metric: str
    score: float | None
    baseline: float | None
    direction: Direction
    tolerance: float

    @property
    def regressed(self) -> bool:
        if self.baseline is None:
            return False
        if self.score is None:
            return True
        if self.direction == "higher":
            return self.score < self.baseline - self.tolerance
        return self.score > self.baseline + self.tolerance

    @property
    def improved(self) -> bool:
        if self.baseline is None or self.score is None:
            return False
        if self.direction == "higher":
            return self.score > self.baseline + self.tolerance
        return self.score < self.baseline - self.tolerance


def direction_of(metric: str) -> Direction:
    return "lower" if metric.endswith(LOWER_IS_BETTER_SUFFIXES) else "higher"


def tolerance_of(metric: str) -> float:
    """The tolerance of a metric the baseline does not give one for."""
    return IN_SAMPLE_TOLERANCE if ".in_sample." in metric else DEFAULT_TOLERANCE


def run_scorers(
    shared: Path, only: list[str] | None = None
) -> tuple[dict[str, float], dict[str, float]]:
    """Run the scorers; returns the scores and the seconds each scorer took."""
    if not shared.is_dir():
        raise ConfigError(f"{shared}: gold-set folder not found; pass --shared PATH to ../shared")
    names = only or list(SCORERS)
    unknown = sorted(set(names) - set(SCORERS))
    if unknown:
        raise ConfigError(f"unknown gold set(s) {', '.join(unknown)}; valid: {', '.join(SCORERS)}")
    scores: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for name in names:
        try:
            module = importlib.import_module(SCORERS[name])
        except ImportError as exc:
            raise RedlineError(f"scorer {SCORERS[name]} cannot be imported: {exc}") from exc
        began = time.perf_counter()
        scores.update(module.score(shared))
        seconds[name] = time.perf_counter() - began
    return scores, seconds


def load_baseline(path: Path = BASELINE) -> dict[str, dict[str, float | str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON ({exc})") from exc
    metrics = data.get("metrics", {})
    if not isinstance(metrics, dict):
        raise ConfigError(f"{path}: 'metrics' must map metric names to entries")
    return metrics


def compare(scores: dict[str, float], baseline: dict[str, dict[str, float | str]]) -> list[Check]:
    """One check per metric in the scores or the baseline, sorted by name."""
    checks = []
    for metric in sorted(set(scores) | set(baseline)):
        entry = baseline.get(metric, {})
        direction = entry.get("direction", direction_of(metric))
        if direction not in ("higher", "lower"):
            raise ConfigError(f"baseline {metric}: direction must be 'higher' or 'lower'")
        value = entry.get("value")
        checks.append(Check(
            metric=metric,
            score=scores.get(metric),
            baseline=float(value) if value is not None else None,
            direction="higher" if direction == "higher" else "lower",
            tolerance=float(entry.get("tolerance", tolerance_of(metric))),
        ))
    return checks


def write_baseline(scores: dict[str, float], path: Path = BASELINE) -> None:
    """Record ``scores`` as the new baseline, keeping each metric's tolerance and the
    entries of metrics not scored this time (``--only`` one gold set)."""
    old = load_baseline(path)
    metrics = dict(old)
    for metric, value in scores.items():
        metrics[metric] = {
            "value": round(value, 4),
            "direction": direction_of(metric),
            "tolerance": float(old.get(metric, {}).get("tolerance", tolerance_of(metric))),
        }
    metrics = dict(sorted(metrics.items()))
    body = {"about": ABOUT, "metrics": metrics}
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
