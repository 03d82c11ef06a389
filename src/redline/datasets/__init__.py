"""Event datasets analysts already use (GDELT 2.0 exports, ACLED CSV) as redline events.

Parsers are pure: they read text and yield :class:`DatasetEvent`; storing is
``redline.store.dataset_import.add_dataset_events``. Machine-coded datasets carry no
factuality of their own: their events are labelled ``reported`` and attributed
to the source they cite, so a single one never outweighs a confirmed report.

Bulk imports skip the records: a reader's :class:`FlatRows` gives each row as a tuple of
the values that vary from row to row (named as :func:`dataset_flat` names them), and
every other value is that of one template event, so a million rows cost a million
tuples, not a million records and their flat forms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.records import DatasetEvent, flat

__all__ = ["DatasetEvent", "FlatRows", "dataset_flat", "load_table", "plover_entry"]

DATA = Path(__file__).parent


@cache
def load_table(name: str) -> dict[str, Any]:
    return load_yaml_mapping(DATA / name)


def plover_entry(value: Any) -> tuple[str | None, str | None]:
    """A mapping-table value (``AID`` or ``{event: AID, mode: military}``) as (type, mode)."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value, None
    return value.get("event"), value.get("mode")


def dataset_flat(item: DatasetEvent) -> dict[str, Any]:
    """A dataset event as flat values: its own fields but ``event`` (``dataset``,
    ``dataset_id``, ``published``, ``outlet``, ``url``), then ``records.flat`` of its event."""
    own = {f.name: getattr(item, f.name) for f in fields(item) if f.name != "event"}
    return {**own, **flat(item.event)}


@dataclass(frozen=True)
class FlatRows:
    """How a dataset's rows are stored in bulk: ``values`` turns a row into the values of
    ``fields`` (names of :func:`dataset_flat`, in that order); every other value is the
    ``template``'s. ``values(row)`` with the template's other values is
    ``dataset_flat`` of the row's event, as the reader builds it (a list given as a tuple)."""

    template: DatasetEvent
    fields: tuple[str, ...]
    values: Callable[[Any], tuple[Any, ...]]
