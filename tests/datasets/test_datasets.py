"""GDELT 2.0 and ACLED rows become events, keyed by their original ids."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from redline.cli import app
from redline.datasets.acled import parse_acled
from redline.datasets.gdelt import COLUMNS, cameo_to_plover, parse_gdelt
from redline.errors import InputError
from redline.store import Store
from redline.store.dataset_import import add_dataset_events
from redline.store.models import EventRow


def gdelt_row(event_id: str, code: str, a1: tuple[str, str, str, str],
              a2: tuple[str, str, str, str], url: str = "https://www.example.org/a") -> str:
    """A row laid out as in the GDELT 2.0 event codebook (61 tab-separated columns)."""
    cells = [""] * COLUMNS
    cells[0], cells[1], cells[26] = event_id, "20241018", code
    cells[27], cells[28] = code[:3], code[:2]
    cells[5], cells[6], cells[7], cells[12] = a1
    cells[15], cells[16], cells[17], cells[22] = a2
    cells[52] = "Vladivostok, Primorskiy Kray, Russia"
    cells[59], cells[60] = "20241018120000", url
    return "\t".join(cells)


PRK_MIL = ("PRKMIL", "NORTH KOREA", "PRK", "MIL")
RUS = ("RUS", "RUSSIA", "RUS", "")


@pytest.mark.parametrize(
    "code, expected",
    [("0332", ("AGREE", None)), ("072", ("AID", "military")), ("1823", ("ASSAULT", None)),
     ("163", ("COERCE", None)), ("190", ("ASSAULT", "military")), ("010", (None, None))],
)
def test_cameo_codes_map_by_longest_prefix(code: str, expected: tuple[str | None, ...]) -> None:
    assert cameo_to_plover(code) == expected


def test_gdelt_rows_become_reported_events() -> None:
    text = "\n".join([gdelt_row("1001", "154", PRK_MIL, RUS),
                      gdelt_row("1002", "010", RUS, PRK_MIL)])  # a statement: no PLOVER type
    (item,) = list(parse_gdelt(text))
    assert item.dataset_id == "1001"
    event = item.event
    assert (event.event, event.mode, event.actor, event.recipient) == (
        "MOBILIZE", "military", "PRK-MIL", "RUS")
    assert event.factuality_label == "reported"  # machine-coded: never "confirmed"
    assert event.date == "2024-10-18"
    assert item.outlet == "www.example.org"
    assert item.published is not None and item.published.hour == 12
    # GDELT writes FIPS 10-4 country codes; the place resolves within that country.
    assert (event.location, event.location_country) == (
        "Vladivostok, Primorskiy Kray, Russia", "RUS")


@pytest.mark.parametrize(
    "place, fips, country, region",
    [
        ("Donetsk, Donets'ka Oblast', Ukraine", "UP", "UKR", "UA-14"),
        ("Kursk, Kursk, Russia", "RS", "RUS", "RU-KRS"),
        ("Rafah, Gaza, Israel (general)", "IS", "ISR", None),  # the row's country stands
        ("Seoul, Seoul-t'ukpyolsi, South Korea", "KS", "KOR", "KR-11"),
        ("Russia", "RS", "RUS", None),
        ("", "", None, None),
    ],
)
def test_gdelt_places_resolve_to_country_and_region(
        place: str, fips: str, country: str | None, region: str | None) -> None:
    cells = gdelt_row("7", "190", PRK_MIL, RUS).split("\t")
    cells[52], cells[53] = place, fips
    (item,) = list(parse_gdelt("\t".join(cells)))
    assert (item.event.location_country, item.event.location_region) == (country, region)


def test_gdelt_row_with_wrong_width_names_the_line() -> None:
    with pytest.raises(InputError, match="line 2: 3 columns"):
        list(parse_gdelt(gdelt_row("1", "154", PRK_MIL, RUS) + "\na\tb\tc"))


ACLED = """event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,iso,country,location,source,notes,fatalities,timestamp
UKR1001,2024-11-05,2024,Battles,Armed clash,Military Forces of Russia (2000-),Military Forces of Ukraine (2019-),804,Ukraine,Kursk,Ukrainska Pravda,Clash near the border.,3,1730851200
UKR1002,6 November 2024,2024,Protests,Peaceful protest,Protesters (Ukraine),,804,Ukraine,Kyiv,Kyiv Independent,,0,
"""


def test_acled_rows_become_events() -> None:
    first, second = list(parse_acled(ACLED))
    assert (first.event.event, first.event.mode) == ("ASSAULT", "military")
    assert first.event.actor == "RUS-MIL"
    assert first.event.size == 3 and first.event.size is not None
    assert first.event.size.unit == "fatalities"
    assert first.event.date == "2024-11-05"
    assert second.event.event == "PROTEST" and second.event.size is None
    assert second.event.date == "2024-11-06"
    # The row's own country stands: "Kursk" given under Ukraine gets no Russian region.
    assert (first.event.location_country, first.event.location_region) == ("UKR", None)
    assert (second.event.location, second.event.location_country,
            second.event.location_region) == ("Kyiv, Ukraine", "UKR", "UA-30")


def test_acled_without_its_columns_is_rejected() -> None:
    with pytest.raises(InputError, match="missing column"):
        list(parse_acled("a,b\n1,2\n"))


def test_reimport_stores_nothing_new(store: Store) -> None:
    events = list(parse_acled(ACLED))
    assert add_dataset_events(store, events) == (2, 0)
    assert add_dataset_events(store, events) == (0, 2)
    with store.read() as session:
        datasets = session.scalars(sa.select(EventRow.dataset)).all()
    assert datasets == ["acled", "acled"]


def test_cli_import_and_bad_file(tmp_path: Path) -> None:
    export = tmp_path / "20241018.export.CSV"
    export.write_text(gdelt_row("1001", "154", PRK_MIL, RUS) + "\n", encoding="utf-8")
    env = {"REDLINE_DB": f"sqlite:///{tmp_path / 'r.db'}"}
    runner = CliRunner()
    ok = runner.invoke(app, ["import-events", str(export), "--format", "gdelt"], env=env)
    assert ok.exit_code == 0, ok.output
    assert "1 new" in ok.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01binary")
    failed = runner.invoke(app, ["import-events", str(bad), "--format", "acled"], env=env)
    assert failed.exit_code == 1
    assert "binary" in failed.output
