"""``redline train ...``: retrain the shipped models from the gold sets in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from redline.cli import app
from redline.cli.common import console, edge

train_app = typer.Typer(help="Retrain the shipped models (deterministic given --seed).",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")
DEFAULT_SHARED = Path("../shared")


@train_app.command("events")
@edge
def train_events_command(
    shared: Path = typer.Option(
        DEFAULT_SHARED, "--shared", help="Folder holding data/plover/ with the training sets."),
    output: Path | None = typer.Option(
        None, "--output", help="Where to write the weights (default: the packaged "
        "event_typing.npz)."),
    seed: int = typer.Option(13, "--seed", help="Seed of the cross-validation folds."),
    folds: int = typer.Option(5, "--folds", help="Number of cross-validation folds."),
    limit: int | None = typer.Option(
        None, "--limit", help="Use only the first N sentences of each file (a quick check)."),
    show_held_out: bool = typer.Option(
        False, "--show-held-out", help="Also print the score on the held-out half of the dev "
        "gold (look at it once, at the end)."),
) -> None:
    """Train the event typer on plv-train (+ the dev gold), reporting k-fold CV first."""
    from redline.extract.event_training import Hyper, train_events
    from redline.extract.event_typing import WEIGHTS_FILE

    report = train_events(shared, output or WEIGHTS_FILE, hyper=Hyper(seed=seed), k=folds,
                          limit=limit)
    if not show_held_out:
        report.pop("dev_held_out")
    console.print_json(json.dumps(report))
    console.print(f"weights written to {output or WEIGHTS_FILE}")
