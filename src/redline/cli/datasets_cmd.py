"""``redline import-events``: GDELT 2.0 and ACLED exports into the events table."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from redline.cli import app
from redline.cli.common import console, edge, err_console, fail, state


class DatasetFormat(StrEnum):
    gdelt = "gdelt"
    acled = "acled"


@app.command("import-events")
@edge
def import_events(
    targets: list[str] = typer.Argument(
        ..., metavar="PATH|URL...",
        help="GDELT 2.0 event exports (.export.CSV or .export.CSV.zip) or ACLED CSV files, "
             "folders of them, .txt lists of their URLs, or URLs."),
    format: DatasetFormat = typer.Option(
        ..., "--format", "-f", help="Which dataset the files come from: gdelt or acled."),
) -> None:
    """Import machine-coded events (labelled 'reported', keyed by their original ids)."""
    from redline.pipeline import import_datasets

    failed = 0
    # A progress line on stderr, only on a terminal: piped output stays the summary lines.
    with Progress(SpinnerColumn(), TextColumn("importing {task.completed:,} events"),
                  TimeElapsedColumn(), console=err_console, transient=True,
                  disable=not err_console.is_terminal) as progress:
        task = progress.add_task("import", total=None)
        for outcome in import_datasets(state.store, targets, format.value, state.settings,
                                       progress=lambda n: progress.advance(task, n)):
            if outcome.error is not None:
                failed += 1
                err_console.print(f"[bold red]error:[/] {outcome.error}", highlight=False,
                                  soft_wrap=True)
                continue
            console.print(f"{outcome.source}: {outcome.new} new event(s), "
                          f"{outcome.unchanged} unchanged", highlight=False, soft_wrap=True)
    if failed:
        raise fail(f"{failed} export(s) not imported; nothing of them was stored")
