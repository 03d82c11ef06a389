"""ACLED CSV exports (header row with ACLED's column names)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache, partial
from operator import itemgetter

import pycountry

from redline.datasets import DatasetEvent, FlatRows, load_table, plover_entry
from redline.errors import InputError
from redline.extract.actors import resolve_actor
from redline.extract.gazetteer import Place, load_gazetteer
from redline.records import FACTUALITY_LABELS, Event, Size, TimeRef

REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y")


@lru_cache(maxsize=1024)
def acled_to_plover(event_type: str, sub_event_type: str) -> tuple[str | None, str | None]:
    table = load_table("acled_plover.yaml")
    for key, section in ((sub_event_type, "sub_event_types"), (event_type, "event_types")):
        entries = {k.lower(): v for k, v in (table.get(section) or {}).items()}
        if key and key.strip().lower() in entries:
            return plover_entry(entries[key.strip().lower()])
    return None, None


def _country(name: str) -> str | None:
    """ISO alpha-3 for a country name: the actor dictionary first, then pycountry."""
    code = resolve_actor(name)
    if code:
        return code.split("-")[0]
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        pass
    try:
        return str(pycountry.countries.search_fuzzy(name)[0].alpha_3)
    except LookupError:
        return None


# Exports repeat a few countries and places: each is resolved once per run.
@lru_cache(maxsize=4096)
def _country_of(iso: str, country: str) -> str | None:
    number = iso.strip()
    found = pycountry.countries.get(numeric=number.zfill(3)) if number.isdigit() else None
    if found is not None:
        return str(found.alpha_3)
    name = country.strip()
    return _country(name) if name else None


@lru_cache(maxsize=65536)
def _place(location: str, country: str, admin2: str, admin1: str, code: str | None) -> Place:
    return load_gazetteer().place_in(", ".join(p for p in (location, country) if p) or None,
                                     [location, admin2, admin1], code)


# Exports name the same few hundred actors again and again: each is resolved once per run.
@lru_cache(maxsize=65536)
def _actor_code(name: str) -> str | None:
    """``Military Forces of Russia (2000-)`` -> ``RUS-MIL``; other actors as the dictionary says."""
    name = (name or "").strip()
    if not name:
        return None
    for prefix, sector in (load_table("acled_plover.yaml").get("state_forces") or {}).items():
        if name.startswith(prefix):
            country = _country(re.sub(r"\s*\(.*\)\s*$", "", name[len(prefix):]).strip())
            return f"{country}-{sector}" if country else None
    return resolve_actor(name)


@lru_cache(maxsize=8192)
def _day(text: str) -> TimeRef | None:
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return TimeRef(day, day, "day", text)
    return None


def _date(text: str, source: str, line: int) -> TimeRef:
    day = _day(text)
    if day is None:
        raise InputError(source, f"line {line}: event_date {text!r} is not a date "
                                 "(expected e.g. 2024-10-18 or 18 October 2024)")
    return day


def _stamp(text: str, source: str, line: int) -> datetime:
    try:
        return datetime.fromtimestamp(int(text), UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise InputError(source, f"line {line}: timestamp {text[:30]!r} is not a Unix time "
                                 "(seconds since 1970) redline can read") from exc


#: The columns a row is read by, in this order; all but ``REQUIRED`` may be missing.
READ = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
        "iso", "country", "location", "admin1", "admin2", "source", "notes", "fatalities",
        "timestamp")
#: A row as :func:`acled_rows` gives it: its line and its :data:`READ` cells ("" when missing).
AcledRow = tuple[int, tuple[str, ...]]

#: What every ACLED event shares: machine-coded, so ``reported``.
TEMPLATE = DatasetEvent(
    dataset="acled", dataset_id="", published=None, outlet=None,
    event=Event(event="", span=(0, 0), factuality=FACTUALITY_LABELS["reported"],
                factuality_label="reported"))
#: The values :func:`acled_values` gives for a row, in order (``datasets.dataset_flat`` names).
FIELDS = ("dataset_id", "published", "outlet", "event", "actor", "actor_text", "recipient",
          "recipient_text", "mode", "context", "size", "size_unit", "size_qualifier",
          "location", "location_country", "location_region", "date_start", "date_end",
          "date_granularity", "date_text", "attributed_text", "sentence")


def acled_rows(text: str | Iterable[str], *,
               source: str = "<acled>") -> Iterator[tuple[str, AcledRow]]:
    """(original id, (line, cells)) of each row with a PLOVER counterpart; ``text`` is a
    whole file or its lines (opened with ``newline=""``), read as they come."""
    reader = csv.reader(io.StringIO(text) if isinstance(text, str) else text)
    header = next(reader, [])
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(source, f"not an ACLED export: missing column(s) {', '.join(missing)}; "
                                 f"required: {', '.join(REQUIRED)}")
    width = len(header)
    # A missing column reads as the empty cell added at the end of each row.
    where = {name: index for index, name in enumerate(header)}  # the last of a repeated name
    pick = itemgetter(*(where.get(name, width) for name in READ))
    kind = READ.index("event_type"), READ.index("sub_event_type")
    for cells in reader:
        if not cells:
            continue
        if len(cells) != width:  # as csv.DictReader reads a short or long row
            cells = cells[:width] + [""] * (width - len(cells))
        cells.append("")
        picked: tuple[str, ...] = pick(cells)
        if _kind(picked[kind[0]], picked[kind[1]])[0]:
            yield picked[0], (reader.line_num, picked)


@lru_cache(maxsize=1024)
def _kind(event_type: str, sub_event_type: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(PLOVER type or "", mode, context) of an ACLED event and sub-event type."""
    plover, mode = acled_to_plover(event_type, sub_event_type)
    return plover or "", mode, (mode,) if mode else ()


@lru_cache(maxsize=4096)
def _size(fatalities: str) -> tuple[int | None, str | None, str | None]:
    """(size, unit, qualifier) of a fatalities count, as ``records.flat`` gives a Size."""
    number = fatalities.strip()
    killed = int(number) if number.isdigit() else 0
    return (killed, "fatalities", "exact") if killed else (None, None, None)


def _published(stamp: str, when: TimeRef, source: str, line: int) -> datetime:
    stamp = stamp.strip()
    return (_stamp(stamp, source, line) if stamp.isdigit()
            else datetime.combine(when.start, datetime.min.time(), UTC))


def acled_values(item: AcledRow, source: str = "<acled>") -> tuple[object, ...]:
    """The :data:`FIELDS` values of a row that :func:`acled_rows` gave: what
    :func:`acled_event` makes of it, with no record built; a malformed date names its line."""
    line, (event_id, day, event_type, sub_event_type, actor1, actor2, iso, country, location,
           admin1, admin2, cited, notes, fatalities, stamp) = item
    plover, mode, context = _kind(event_type, sub_event_type)
    when = _date(day, source, line)
    place = _place(location, country, admin2, admin1, _country_of(iso, country))
    size, unit, qualifier = _size(fatalities)
    return (event_id, _published(stamp, when, source, line), (cited or "ACLED").strip(),
            plover, _actor_code(actor1), actor1 or None, _actor_code(actor2), actor2 or None,
            mode, context, size, unit, qualifier, place.text, place.country, place.region,
            when.start, when.end, when.granularity, when.text, cited or None, notes)


def acled_flat_rows(source: str = "<acled>") -> FlatRows:
    """How the rows of :func:`acled_rows` are stored in bulk."""
    return FlatRows(TEMPLATE, FIELDS, partial(acled_values, source=source))


def acled_event(item: AcledRow, source: str = "<acled>") -> DatasetEvent:
    """The event of a row that :func:`acled_rows` gave; a malformed date names its line."""
    line, (event_id, day, event_type, sub_event_type, actor1, actor2, iso, country, location,
           admin1, admin2, cited, notes, fatalities, stamp) = item
    plover, mode, context = _kind(event_type, sub_event_type)
    when = _date(day, source, line)
    killed = _size(fatalities)[0]
    place = _place(location, country, admin2, admin1, _country_of(iso, country))
    return DatasetEvent(
        dataset=TEMPLATE.dataset,
        dataset_id=event_id,
        published=_published(stamp, when, source, line),
        outlet=(cited or "ACLED").strip(),
        event=Event(
            event=plover, span=TEMPLATE.event.span,
            factuality=TEMPLATE.event.factuality,
            factuality_label=TEMPLATE.event.factuality_label,
            actor=_actor_code(actor1), actor_text=actor1 or None,
            recipient=_actor_code(actor2), recipient_text=actor2 or None,
            mode=mode, context=context, size=Size(killed, "fatalities") if killed else None,
            location=place.text, location_country=place.country,
            location_region=place.region, date=when,
            attributed_text=cited or None, sentence=notes,
        ),
    )


def parse_acled(text: str | Iterable[str], *, source: str = "<acled>") -> Iterator[DatasetEvent]:
    """Yield one event per row with a PLOVER counterpart; ``text`` is a whole file or its lines."""
    for _id, item in acled_rows(text, source=source):
        yield acled_event(item, source)
