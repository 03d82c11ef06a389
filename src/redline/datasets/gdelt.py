"""GDELT 2.0 event exports (``*.export.CSV``: tab-separated, 61 columns, no header)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

from redline.datasets import DatasetEvent, load_table, plover_entry
from redline.errors import InputError
from redline.extract.gazetteer import load_gazetteer
from redline.records import FACTUALITY_LABELS, Event, TimeRef

COLUMNS = 61
# Zero-based positions in the GDELT 2.0 event table (codebook order).
ID, SQLDATE = 0, 1
A1_CODE, A1_NAME, A1_COUNTRY, A1_TYPE = 5, 6, 7, 12
A2_CODE, A2_NAME, A2_COUNTRY, A2_TYPE = 15, 16, 17, 22
EVENT_CODE = 26
ACTION_GEO_NAME, ACTION_GEO_COUNTRY = 52, 53
DATEADDED, SOURCEURL = 59, 60


def cameo_to_plover(code: str) -> tuple[str | None, str | None]:
    """PLOVER type and mode for a CAMEO code, by longest prefix in ``cameo_plover.yaml``."""
    table = load_table("cameo_plover.yaml")
    for length in range(len(code), 1, -1):
        key = code[:length]
        if key in table:
            return plover_entry(table[key])
    return None, None


def _actor(code: str, country: str, kind: str) -> str | None:
    if country and kind:
        return f"{country}-{kind}"
    return country or code or None


def _day(text: str) -> TimeRef | None:
    try:
        day = datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None
    return TimeRef(day, day, "day", text)


def _added(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse_gdelt(text: str, *, source: str = "<gdelt>") -> Iterator[DatasetEvent]:
    """Yield one event per row with a PLOVER counterpart; a malformed row names its line."""
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    for line, row in enumerate(reader, start=1):
        if not row or not any(row):
            continue
        if len(row) != COLUMNS:
            raise InputError(source, f"line {line}: {len(row)} columns; a GDELT 2.0 event "
                                     f"export row has {COLUMNS} tab-separated columns")
        plover, mode = cameo_to_plover(row[EVENT_CODE])
        if plover is None:
            continue
        place = load_gazetteer().place_in(row[ACTION_GEO_NAME] or None,
                                          row[ACTION_GEO_NAME].split(","),
                                          row[ACTION_GEO_COUNTRY] or None)
        url = row[SOURCEURL] or None
        outlet = urlsplit(url).hostname if url else None
        when = _day(row[SQLDATE])
        yield DatasetEvent(
            dataset="gdelt",
            dataset_id=row[ID],
            published=_added(row[DATEADDED]) or (
                datetime.combine(when.start, datetime.min.time(), UTC) if when else None),
            outlet=outlet,
            url=url,
            event=Event(
                event=plover, span=(0, 0), cameo=row[EVENT_CODE],
                factuality=FACTUALITY_LABELS["reported"], factuality_label="reported",
                actor=_actor(row[A1_CODE], row[A1_COUNTRY], row[A1_TYPE]),
                actor_text=row[A1_NAME] or None,
                recipient=_actor(row[A2_CODE], row[A2_COUNTRY], row[A2_TYPE]),
                recipient_text=row[A2_NAME] or None,
                mode=mode, context=(mode,) if mode else (),
                location=place.text, location_country=place.country,
                location_region=place.region, date=when,
                attributed_text=outlet, sentence="",
            ),
        )

