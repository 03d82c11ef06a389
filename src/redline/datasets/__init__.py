"""Event datasets analysts already use (GDELT 2.0 exports, ACLED CSV) as redline events.

Parsers are pure: they read text and yield :class:`DatasetEvent`; storing is
``redline.store.evidence.add_dataset_events``. Machine-coded datasets carry no
factuality of their own: their events are labelled ``reported`` and attributed
to the source they cite, so a single one never outweighs a confirmed report.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.records import DatasetEvent

__all__ = ["DatasetEvent", "load_table", "plover_entry"]

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
