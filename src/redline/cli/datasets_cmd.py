"""``redline import-events``: GDELT 2.0 and ACLED exports into the events table."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from redline.cli import app
from redline.cli.common import console, edge, state


class DatasetFormat(StrEnum):
    gdelt = "gdelt"
    acled = "acled"


@app.command("import-events")
@edge
def import_events(
    path: Path = typer.Argument(..., help="A GDELT 2.0 event export (.export.CSV) or ACLED CSV."),
    format: DatasetFormat = typer.Option(
        ..., "--format", "-f", help="Which dataset the file comes from: gdelt or acled."),
) -> None:
    """Import machine-coded events (labelled 'reported', keyed by their original ids)."""
    from redline.datasets.files import read_dataset_file
    from redline.store.evidence import add_dataset_events

    events = read_dataset_file(path, format.value, max_bytes=state.settings.max_bytes)
    new, unchanged = add_dataset_events(state.store, events)
    console.print(f"{path}: {new} new event(s), {unchanged} unchanged")
