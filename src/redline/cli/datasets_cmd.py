"""``redline import-events``: GDELT 2.0 and ACLED exports into the events table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import typer

from redline.cli import app
from redline.cli.common import console, edge, progress_bar, state

T = TypeVar("T")


class DatasetFormat(StrEnum):
    gdelt = "gdelt"
    acled = "acled"


@app.command("import-events")
@edge
def import_events(
    path: Path = typer.Argument(
        ..., help="A GDELT 2.0 event export (.export.CSV, or the .export.CSV.zip GDELT "
                  "publishes) or an ACLED CSV."),
    format: DatasetFormat = typer.Option(
        ..., "--format", "-f", help="Which dataset the file comes from: gdelt or acled."),
) -> None:
    """Import machine-coded events (labelled 'reported', keyed by their original ids)."""
    from redline.datasets.files import read_dataset_file
    from redline.store.evidence import add_dataset_events

    events = read_dataset_file(path, format.value, max_bytes=state.settings.max_bytes)
    with progress_bar("importing", show=len(events) > 1) as progress:
        task = progress.add_task("import", total=len(events))

        def counted(items: Iterable[T]) -> Iterator[T]:
            for item in items:
                progress.advance(task)
                yield item

        new, unchanged = add_dataset_events(state.store, counted(events))
    console.print(f"{path}: {new} new event(s), {unchanged} unchanged", highlight=False)
