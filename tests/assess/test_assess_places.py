"""Red-line locations: names resolve through the gazetteer when the file is read, and
match events by country or region."""

from __future__ import annotations

import textwrap

import pytest

from redline.assess import assess
from redline.assess.lines import parse_lines
from redline.assess.places import in_places
from redline.errors import ValidationError
from redline.records import Event
from redline.store import Store
from redline.store import lines as line_store

from .conftest import AddArticle, day

LINE = textwrap.dedent("""\
    - id: troops-in-ukraine
      title: North Korean troops fight in Ukraine
      declared_by: USA
      source: scenario
      trigger:
        actors: [PRK]
        events: [ASSAULT]
        locations: [Ukraine]
      consequence: more support for Ukraine
    """)


def _event(location: str | None, country: str | None = None,
           region: str | None = None) -> Event:
    return Event("FIGHT", (0, 0), 0.0, "unconfirmed", location=location,
                 location_country=country, location_region=region)


@pytest.mark.parametrize(
    "names, event, inside",
    [
        (["Ukraine"], _event("Donetsk", "UKR", "UA-14"), True),
        (["Ukraine"], _event("eastern Ukraine", "UKR"), True),
        (["Ukraine"], _event("Kursk", "RUS", "RU-KRS"), False),
        (["Kursk"], _event("Kursk Oblast", "RUS", "RU-KRS"), True),
        (["Kursk"], _event("the city of Sudzha", "RUS", "RU-KRS"), True),
        (["Kursk"], _event("Belgorod region", "RUS", "RU-BEL"), False),
        (["Kursk"], _event("eastern Russia", "RUS"), False),  # maybe Kursk, maybe not
        (["Kursk Oblast"], _event("Kursk", "RUS", "RU-KRS"), True),
        (["Donetsk"], _event("Pokrovsk", "UKR", "UA-14"), True),
        (["Rafah"], _event("Rafah", "PSE", "PS-RFH"), True),
        (["Rafah"], _event("the Gaza Strip", "PSE"), False),
        (["Gaza Strip"], _event("Rafah", "PSE", "PS-RFH"), True),
        (["Kursk", "Ukraine"], _event("Kharkiv", "UKR", "UA-63"), True),
        (["Korean Peninsula"], _event("the Korean Peninsula"), True),
        (["Korean Peninsula"], _event("Seoul", "KOR", "KR-11"), False),
        # Imported or older rows carry the phrase only: matched on its words.
        (["Ukraine"], _event("Kyiv, Ukraine"), True),
        (["Ukraine"], _event("Moscow, Russia"), False),
        (["Ukraine"], _event(None), False),
    ],
)
def test_a_location_matches_by_country_or_region(names: list[str], event: Event,
                                                  inside: bool) -> None:
    assert in_places(event, names) is inside


@pytest.mark.parametrize("name, close", [("Krusk", "Kursk"), ("Ukrane", "Ukraine"),
                                         ("Donetks Oblast", "Donetsk Oblast")])
def test_an_unknown_place_is_named_with_close_names(name: str, close: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_lines(LINE.replace("locations: [Ukraine]", f"locations: [{name}]"),
                    source="lines.yaml")
    error = caught.value
    assert error.location == "lines.yaml:8"
    assert "trigger.locations[0]" in error.field
    assert repr(name) in error.problem and repr(close) in error.problem


def test_a_line_on_ukraine_is_crossed_by_fighting_in_donetsk(
        store: Store, add_article: AddArticle) -> None:
    line_store.add_lines(store, parse_lines(LINE))
    text = "North Korean troops attacked Ukrainian positions near Pokrovsk."
    in_russia = "North Korean troops attacked Ukrainian positions in the Kursk region."
    fought = Event(event="ASSAULT", span=(0, len(text)), factuality=3.0,
                   factuality_label="confirmed", actor="PRK-MIL", location="Pokrovsk",
                   location_country="UKR", location_region="UA-14", sentence=text)
    add_article(in_russia, outlet="The White House", published=day("2024-11-01"),
                events=[Event(event="ASSAULT", span=(0, len(in_russia)), factuality=3.0,
                              factuality_label="confirmed", actor="PRK-MIL",
                              location="Kursk region", location_country="RUS",
                              location_region="RU-KRS", sentence=in_russia)])
    (before,) = assess(store, as_of=day("2024-11-02"))
    assert before.status == "not_crossed"
    add_article(text, outlet="The White House", published=day("2024-11-05"), events=[fought])
    (after,) = assess(store, as_of=day("2024-11-06"))
    assert after.status == "crossed"
    assert [(e["location"], e["location_region"]) for e in after.evidence] == [
        ("Pokrovsk", "UA-14")]
