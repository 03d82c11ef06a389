"""``redline eval``: the evaluation gate on the gold sets."""

from __future__ import annotations

from pathlib import Path

import typer

from redline.cli import app
from redline.cli.common import console, edge, fail, progress_bar

DEFAULT_SHARED = Path("../shared")


@app.command("eval")
@edge
def eval_command(
    shared: Path = typer.Option(
        DEFAULT_SHARED, "--shared", help="Folder holding corpus/ and data/ with the gold sets."),
    only: list[str] = typer.Option(
        None, "--only", help="Score only this gold set (koreatimes, plover, plover_train, "
        "meantime, factuality, polnear, timex); repeatable."),
    check: bool = typer.Option(
        False, "--check",
        help="Exit 1 when a score is worse than the baseline beyond its tolerance."),
    update_baseline: bool = typer.Option(
        False, "--update-baseline", help="Write these scores as the new baseline file."),
) -> None:
    """Score the system on the gold sets and compare with the committed baseline."""
    from rich.table import Table

    from redline.eval import gate

    names = only or list(gate.SCORERS)
    unknown = sorted(set(names) - set(gate.SCORERS))
    if unknown:
        raise fail(f"--only: unknown gold set(s) {', '.join(unknown)}; valid: "
                   f"{', '.join(gate.SCORERS)}")
    scores: dict[str, float] = {}
    seconds: dict[str, float] = {}
    with progress_bar("scoring {task.description}") as progress:
        task = progress.add_task("", total=len(names))
        for name in names:
            progress.update(task, description=name)
            found, took = gate.run_scorers(shared, [name])
            scores.update(found)
            seconds.update(took)
            progress.advance(task)
    checks = gate.compare(scores, gate.load_baseline())
    table = Table(title="redline evaluation")
    for column in ("metric", "score", "baseline", "better", "status"):
        table.add_column(column, justify="right" if column in ("score", "baseline") else "left")
    for item in checks:
        if only and item.score is None:
            continue
        status = ("[red]REGRESSED[/]" if item.regressed else
                  "[green]improved[/]" if item.improved else
                  "new" if item.baseline is None else "ok")
        table.add_row(item.metric, _fmt(item.score), _fmt(item.baseline), item.direction, status)
    console.print(table)
    console.print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items()))
    if update_baseline:
        gate.write_baseline(scores)
        console.print(f"baseline written to {gate.BASELINE}")
    regressed = [c.metric for c in checks if c.regressed and not (only and c.score is None)]
    if check and regressed:
        raise fail(f"scores dropped below the baseline: {', '.join(regressed)}")


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
