"""GDELT 2.0 event exports (``*.export.CSV``: tab-separated, 61 columns, no header)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from redline.datasets import DatasetEvent, FlatRows, load_table, plover_entry
from redline.errors import InputError
from redline.extract.gazetteer import Place, load_gazetteer
from redline.records import FACTUALITY_LABELS, Event, TimeRef

COLUMNS = 61
# Zero-based positions in the GDELT 2.0 event table (codebook order).
ID, SQLDATE = 0, 1
A1_CODE, A1_NAME, A1_COUNTRY, A1_TYPE = 5, 6, 7, 12
A2_CODE, A2_NAME, A2_COUNTRY, A2_TYPE = 15, 16, 17, 22
EVENT_CODE = 26
ACTION_GEO_NAME, ACTION_GEO_COUNTRY = 52, 53
DATEADDED, SOURCEURL = 59, 60

#: What every GDELT event shares: machine-coded, so ``reported``; no sentence.
TEMPLATE = DatasetEvent(
    dataset="gdelt", dataset_id="", published=None, outlet=None,
    event=Event(event="", span=(0, 0), factuality=FACTUALITY_LABELS["reported"],
                factuality_label="reported", sentence=""))
#: The values :func:`gdelt_values` gives for a row, in order (``datasets.dataset_flat`` names).
FIELDS = ("dataset_id", "published", "outlet", "url", "event", "cameo", "actor", "actor_text",
          "recipient", "recipient_text", "mode", "context", "location", "location_country",
          "location_region", "date_start", "date_end", "date_granularity", "date_text",
          "attributed_text")


@lru_cache(maxsize=4096)
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


# Exports repeat the same few days, stamps and sites: each is parsed once per run.
@lru_cache(maxsize=8192)
def _day(text: str) -> TimeRef | None:
    try:
        day = datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None
    return TimeRef(day, day, "day", text)


@lru_cache(maxsize=8192)
def _added(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def _times(sqldate: str, added: str) -> tuple[datetime | None, TimeRef | None]:
    """(published, date) of a row: when GDELT added it, else the day it happened."""
    when = _day(sqldate)
    published = _added(added) or (
        datetime.combine(when.start, datetime.min.time(), UTC) if when else None)
    return published, when


@lru_cache(maxsize=8192)
def _time_values(sqldate: str, added: str) -> tuple[object, ...]:
    """``_times`` as the flat values (published, date start, end, granularity, text)."""
    published, when = _times(sqldate, added)
    if when is None:
        return published, None, None, None, None
    return published, when.start, when.end, when.granularity, when.text


def _outlet(url: str) -> str | None:
    """The host of a source URL, as ``urlsplit(url).hostname`` says, read once per site."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return _hostname(url)
    return _hostname(f"{scheme}://{rest.split('/', 1)[0].split('?', 1)[0].split('#', 1)[0]}")


@lru_cache(maxsize=65536)
def _hostname(site: str) -> str | None:
    return urlsplit(site).hostname


@lru_cache(maxsize=65536)
def _place(name: str | None, country: str | None) -> Place:
    """The place of an ActionGeo name, read once per name: exports repeat their places."""
    return load_gazetteer().place_in(name, (name or "").split(","), country)


@lru_cache(maxsize=4096)
def _kind(code: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(PLOVER type, mode, context) of a CAMEO code with a PLOVER counterpart."""
    plover, mode = cameo_to_plover(code)
    return plover or "", mode, (mode,) if mode else ()


def gdelt_rows(text: str | Iterable[str], *,
               source: str = "<gdelt>") -> Iterator[tuple[str, list[str]]]:
    """(original id, row) of each row with a PLOVER counterpart; a malformed row names
    its line. ``text`` is a whole export or its lines, read as they come.

    A row is its line cut at the tabs up to the event code, the rest of the line its last
    cell: the rest is cut only when the row's event is built, so a re-import reads no
    further into the rows it already holds."""
    lines = io.StringIO(text) if isinstance(text, str) else text
    # Tab-separated with no quoting (QUOTE_NONE): a row is its line split at the tabs.
    for line, raw in enumerate(lines, start=1):
        if (columns := raw.count("\t") + 1) != COLUMNS:
            if not raw.strip():
                continue
            raise InputError(source, f"line {line}: {columns} columns; a GDELT 2.0 event "
                                     f"export row has {COLUMNS} tab-separated columns")
        row = raw.split("\t", EVENT_CODE + 1)
        if cameo_to_plover(row[EVENT_CODE])[0] is not None:
            yield row[ID], row


def _cells(row: list[str]) -> list[str]:
    """All the cells of a row that :func:`gdelt_rows` gave."""
    if len(row) == COLUMNS:
        return row
    return [*row[:EVENT_CODE + 1], *row[EVENT_CODE + 1].rstrip("\r\n").split("\t")]


def gdelt_values(row: list[str], source: str = "<gdelt>") -> tuple[object, ...]:
    """The :data:`FIELDS` values of a row that :func:`gdelt_rows` gave: what
    :func:`gdelt_event` makes of it, with no record built."""
    row = _cells(row)
    code, url = row[EVENT_CODE], row[SOURCEURL] or None
    plover, mode, context = _kind(code)
    outlet = _outlet(url) if url else None
    place = _place(row[ACTION_GEO_NAME] or None, row[ACTION_GEO_COUNTRY] or None)
    published, start, end, granularity, text = _time_values(row[SQLDATE], row[DATEADDED])
    return (row[ID], published, outlet, url, plover, code,
            _actor(row[A1_CODE], row[A1_COUNTRY], row[A1_TYPE]), row[A1_NAME] or None,
            _actor(row[A2_CODE], row[A2_COUNTRY], row[A2_TYPE]), row[A2_NAME] or None,
            mode, context, place.text, place.country, place.region,
            start, end, granularity, text, outlet)


def gdelt_flat_rows(source: str = "<gdelt>") -> FlatRows:
    """How the rows of :func:`gdelt_rows` are stored in bulk."""
    return FlatRows(TEMPLATE, FIELDS, gdelt_values)


def gdelt_event(row: list[str], source: str = "<gdelt>") -> DatasetEvent:
    """The event of a row that :func:`gdelt_rows` gave."""
    row = _cells(row)
    plover, mode, context = _kind(row[EVENT_CODE])
    url = row[SOURCEURL] or None
    outlet = _outlet(url) if url else None
    published, when = _times(row[SQLDATE], row[DATEADDED])
    place = _place(row[ACTION_GEO_NAME] or None, row[ACTION_GEO_COUNTRY] or None)
    return DatasetEvent(
        dataset=TEMPLATE.dataset,
        dataset_id=row[ID],
        published=published,
        outlet=outlet,
        url=url,
        event=Event(
            event=plover, span=TEMPLATE.event.span, cameo=row[EVENT_CODE],
            factuality=TEMPLATE.event.factuality,
            factuality_label=TEMPLATE.event.factuality_label,
            actor=_actor(row[A1_CODE], row[A1_COUNTRY], row[A1_TYPE]),
            actor_text=row[A1_NAME] or None,
            recipient=_actor(row[A2_CODE], row[A2_COUNTRY], row[A2_TYPE]),
            recipient_text=row[A2_NAME] or None,
            mode=mode, context=context,
            location=place.text, location_country=place.country,
            location_region=place.region, date=when,
            attributed_text=outlet, sentence=TEMPLATE.event.sentence,
        ),
    )


def parse_gdelt(text: str | Iterable[str], *, source: str = "<gdelt>") -> Iterator[DatasetEvent]:
    """Yield one event per row with a PLOVER counterpart; a malformed row names its line."""
    for _id, row in gdelt_rows(text, source=source):
        yield gdelt_event(row, source)
