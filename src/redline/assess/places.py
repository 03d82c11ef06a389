"""Does an event lie in a place a red line names? Names resolve through the same
gazetteer as the event's place phrase, so ``Ukraine`` covers Donetsk and ``Kursk``
covers Kursk Oblast, its capital and its towns."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from redline.assess.text import mentions
from redline.extract.gazetteer import Place, load_gazetteer
from redline.records import Event


def place_problem(name: str) -> str | None:
    """Why ``name`` cannot be a red line's location (None when the gazetteer knows it)."""
    if load_gazetteer().resolve(name) is not None:
        return None
    close = load_gazetteer().suggestions(name)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return (f"not a place the gazetteer knows{hint} (countries and regions of ISO 3166, "
            "GeoNames cities, and the names in src/redline/extract/places.yaml)")


@functools.lru_cache(maxsize=4096)
def wanted_place(name: str) -> Place:
    """Where a red line's location is; a name the gazetteer does not know (a line stored
    before names were checked) is matched on its words."""
    return load_gazetteer().resolve(name) or Place(name)


def in_places(event: Event, names: Sequence[str]) -> bool:
    """The event lies in one of ``names``: in its region where the name resolves to one
    (an event placed only in the country is not in the region), in its country where it
    resolves to a country. Events stored without a country (imported, or analysed before
    places were resolved) and names that lie in no single country ("the Korean
    Peninsula") are matched on the words of the place phrase."""
    country, region = event.location_country, event.location_region
    text = event.location or ""
    for name in names:
        place = wanted_place(name)
        if place.country is not None and country is not None:
            if (region == place.region) if place.region else (country == place.country):
                return True
        elif text and mentions(text, [name]):
            return True
    return False
