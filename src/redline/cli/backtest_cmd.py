"""``redline backtest SCENARIO...``: replay dated corpora with red lines and score the verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from redline.cli import app
from redline.cli.common import console, edge, fail

if TYPE_CHECKING:  # the backtest (the whole library) is imported when the command runs
    from redline.backtest import BacktestResult, LineResult


@app.command("backtest")
@edge
def backtest_cmd(
    scenarios: list[Path] = typer.Argument(
        ..., metavar="SCENARIO...",
        help="Scenario folders: articles.jsonl or articles/, lines.yaml, expected.yaml."),
    every: int | None = typer.Option(
        None, "--every", min=1, metavar="DAYS",
        help="Assess every DAYS days instead of at the end of each publication day."),
    as_json: bool = typer.Option(False, "--json",
                                 help="Print the per-as-of verdicts and the scores as JSON."),
) -> None:
    """Replay each scenario in publication order, print the verdict timeline, time to
    detection, false alarms and the Brier score; exit 1 when an expected verdict is missed."""
    from redline.backtest import brier_score, load_scenario, run_backtest

    loaded = [load_scenario(path) for path in scenarios]
    results = [run_backtest(scenario, every_days=every) for scenario in loaded]
    brier = brier_score(results)
    if as_json:
        typer.echo(json.dumps({"scenarios": [r.to_dict() for r in results], "brier": brier},
                              indent=2))
    else:
        for result in results:
            _print(result)
        score = brier if brier is not None else "nothing to score"
        console.print(f"Brier score over {len(results)} scenario(s): {score}", highlight=False,
                      soft_wrap=True)
    missed = sum(len(line.missed) for result in results for line in result.lines)
    if missed:
        raise fail(f"{missed} expected verdict(s) missed")


def _print(result: BacktestResult) -> None:
    console.print(f"scenario {result.scenario}: {result.articles} articles", highlight=False,
                  markup=False)
    for line in result.lines:
        _print_line(line)


def _print_line(line: LineResult) -> None:
    console.print(f"  line {line.line}", highlight=False, markup=False, soft_wrap=True)
    for point in line.timeline():
        mark = ""
        if point.expected is not None:
            mark = "  ok" if not point.missed else f"  MISSED (expected {point.expected})"
        console.print(f"    {point.as_of:%Y-%m-%d %H:%M}  {point.status:<16} "
                      f"{point.likelihood or '-'}, {point.confidence or '-'} confidence{mark}",
                      highlight=False, markup=False, soft_wrap=True)
    detection = line.time_to_detection
    if line.crossed_at is not None:
        found = f"{detection.total_seconds() / 3600:.1f} h after the crossing" \
            if detection is not None else "never detected"
        console.print(f"    crossed {line.crossed_at:%Y-%m-%d %H:%M}; detection: {found}",
                      highlight=False, markup=False, soft_wrap=True)
    console.print(f"    false alarms: {len(line.false_alarms)}; Brier score: "
                  f"{line.brier if line.brier is not None else '-'} over {line.scored} "
                  "expected verdict(s)", highlight=False, markup=False, soft_wrap=True)
