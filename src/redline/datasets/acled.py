"""ACLED CSV exports (header row with ACLED's column names)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache

import pycountry

from redline.datasets import DatasetEvent, load_table, plover_entry
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


def _row_country(row: dict[str, str]) -> str | None:
    """The row's country: its ISO 3166 numeric ``iso`` code, else its ``country`` name."""
    return _country_of(row.get("iso") or "", row.get("country") or "")


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


AcledRow = tuple[int, dict[str, str]]


def acled_rows(text: str | Iterable[str], *,
               source: str = "<acled>") -> Iterator[tuple[str, AcledRow]]:
    """(original id, (line, row)) of each row with a PLOVER counterpart; ``text`` is a
    whole file or its lines (opened with ``newline=""``), read as they come."""
    reader = csv.DictReader(io.StringIO(text) if isinstance(text, str) else text)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(source, f"not an ACLED export: missing column(s) {', '.join(missing)}; "
                                 f"required: {', '.join(REQUIRED)}")
    for line, row in enumerate(reader, start=2):
        if acled_to_plover(row.get("event_type", ""), row.get("sub_event_type", ""))[0]:
            yield row["event_id_cnty"], (line, row)


def acled_event(item: AcledRow, source: str = "<acled>") -> DatasetEvent:
    """The event of a row that :func:`acled_rows` gave; a malformed date names its line."""
    line, row = item
    plover, mode = acled_to_plover(row.get("event_type", ""), row.get("sub_event_type", ""))
    when = _date(row["event_date"], source, line)
    stamp = (row.get("timestamp") or "").strip()
    published = (_stamp(stamp, source, line) if stamp.isdigit()
                 else datetime.combine(when.start, datetime.min.time(), UTC))
    fatalities = (row.get("fatalities") or "").strip()
    killed = int(fatalities) if fatalities.isdigit() else 0
    size = Size(killed, "fatalities") if killed else None
    place = _place(row.get("location") or "", row.get("country") or "", row.get("admin2") or "",
                   row.get("admin1") or "", _row_country(row))
    return DatasetEvent(
        dataset="acled",
        dataset_id=row["event_id_cnty"],
        published=published,
        outlet=(row.get("source") or "ACLED").strip(),
        event=Event(
            event=plover or "", span=(0, 0),
            factuality=FACTUALITY_LABELS["reported"], factuality_label="reported",
            actor=_actor_code(row["actor1"]), actor_text=row["actor1"] or None,
            recipient=_actor_code(row.get("actor2", "")),
            recipient_text=row.get("actor2") or None,
            mode=mode, context=(mode,) if mode else (), size=size,
            location=place.text, location_country=place.country,
            location_region=place.region, date=when,
            attributed_text=(row.get("source") or None), sentence=(row.get("notes") or ""),
        ),
    )


def parse_acled(text: str | Iterable[str], *, source: str = "<acled>") -> Iterator[DatasetEvent]:
    """Yield one event per row with a PLOVER counterpart; ``text`` is a whole file or its lines."""
    for _id, item in acled_rows(text, source=source):
        yield acled_event(item, source)
