"""``redline train ...``: retrain the shipped models from the gold sets in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from redline.cli import app
from redline.cli.common import console, edge

train_app = typer.Typer(help="Retrain a shipped model from the gold sets in ../shared "
                        "(deterministic given --seed).",
                        no_args_is_help=True)
app.add_typer(train_app, name="train")

DEFAULT_SHARED = Path("../shared")


@train_app.command("factuality")
@edge
def factuality_command(
    shared: Path = typer.Option(
        DEFAULT_SHARED, "--shared", help="Folder holding data/meantime and data/factuality."),
    seed: int | None = typer.Option(
        None, "--seed", help="Seed of the cross-validation folds (default: the settings file's)."),
    limit: int | None = typer.Option(
        None, "--limit", min=1, metavar="N",
        help="Read only the first N sentences of each corpus (a quick check)."),
    output: Path | None = typer.Option(
        None, "--output", metavar="DIR",
        help="Write factuality_model.npz and .json into DIR instead of the package."),
) -> None:
    """Cross-validate and fit the factuality model on the train splits (settings in
    extract/factuality_train.yaml); write its weights and card; print the CV scores."""
    from dataclasses import replace

    from redline.extract import factuality_model, factuality_train

    settings = factuality_train.load_settings()
    if seed is not None:
        settings = replace(settings, seed=seed)
    model, card = factuality_model.MODEL_FILE, factuality_model.CARD_FILE
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        model, card = output / model.name, output / card.name
    summary = factuality_train.train(shared, settings, limit=limit, output=model, card=card,
                                     progress=lambda line: console.print(line, highlight=False))
    cv = dict(summary["cross_validation"])
    chosen = cv.pop("alphas_chosen")
    if len(settings.alphas) > 1:
        console.print(f"alpha per fold (inner {settings.inner_folds}-fold CV): "
                      f"{', '.join(chosen)}; shipped: {summary['settings']['alpha']:g}",
                      highlight=False)
    else:
        console.print(f"alpha fixed at {summary['settings']['alpha']:g}", highlight=False)
    for corpus, scores in cv.items():
        console.print(f"{corpus}: {settings.folds}-fold r {scores['pearson_r']:.3f} "
                      f"MAE {scores['mae']:.3f} (own scale r {scores['own_r']:.3f}, "
                      f"n {scores['n']})", highlight=False)
    console.print(f"written {model} and {card}", highlight=False)


@train_app.command("events")
@edge
def train_events_command(
    shared: Path = typer.Option(
        DEFAULT_SHARED, "--shared", help="Folder holding data/plover/ with the training sets."),
    output: Path | None = typer.Option(
        None, "--output", help="Where to write the weights (default: the packaged "
        "event_typing.npz)."),
    seed: int = typer.Option(13, "--seed", help="Seed of the cross-validation folds."),
    folds: int = typer.Option(5, "--folds", min=2, help="Number of cross-validation folds."),
    limit: int | None = typer.Option(
        None, "--limit", min=1,
        help="Use only the first N sentences of each file (a quick check)."),
    blocks: str = typer.Option(
        "", "--blocks", metavar="NAMES",
        help="Dense feature blocks, comma-separated, from: tensor (the parse's vectors), "
        "encoder (the contextual encoder's over the sentence), labels (the sentence's "
        "closeness to each PLOVER type's description), window and window_labels (the same "
        "over a window around the trigger); empty: hashed features only."),
    presence_blocks: str = typer.Option(
        "", "--presence-blocks", metavar="NAMES",
        help="Dense feature blocks (same names) that only the event/no-event model reads, "
        "besides --blocks; empty: none."),
    without_dev: bool = typer.Option(
        False, "--without-dev", help="Train the shipped model on plv-train only, leaving the "
        "dev gold out (the held-out model, written beside it, always is)."),
    show_held_out: bool = typer.Option(
        False, "--show-held-out", help="Also print the score on the held-out half of the dev "
        "gold (look at it once, at the end)."),
) -> None:
    """Train the event typer and the event/no-event model on plv-train, the hand-labelled
    Briefing Room sentences (+ the dev gold), reporting nested k-fold CV first; the same
    models without the dev gold are written beside them (``_heldout``), for the eval
    gate's out-of-sample PLOVER scores."""
    from redline.extract.event_features import check_blocks
    from redline.extract.event_selection import train_events
    from redline.extract.event_training import Hyper
    from redline.extract.event_typing import WEIGHTS_FILE, heldout_file

    chosen = check_blocks([b.strip() for b in blocks.split(",") if b.strip()])
    presence_only = check_blocks([b.strip() for b in presence_blocks.split(",") if b.strip()])
    weights = output or WEIGHTS_FILE
    report = train_events(shared, weights, hyper=Hyper(seed=seed), k=folds, limit=limit,
                          blocks=chosen, presence_blocks=presence_only,
                          with_dev=not without_dev)
    if show_held_out:
        from redline.eval import plover

        report["dev_scorer_train_only"] = plover.score_with(shared, heldout_file(weights))
    if not show_held_out:
        report.pop("dev_held_out")
        report.pop("dev")
    report["presence"].pop("table")
    console.print_json(json.dumps(report))
    console.print(f"weights written to {weights} and {heldout_file(weights)}")
