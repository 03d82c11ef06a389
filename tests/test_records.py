"""Each record is declared once in ``redline.records``; the store's rows, the JSON of
``redline analyze`` and the API's models are derived from it."""

from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from redline.cli.analyze_cmds import CSV_COLUMNS, event_json, quote_json
from redline.records import Analysis, Article, Event, Quote, Size, TimeRef, flat, flat_fields
from redline.store import Store
from redline.store import lines as line_store
from redline.store.articles import save_article
from redline.store.browse import ArticleRecord, EventRecord, QuoteRecord, SearchQuery
from redline.store.evidence import COLUMN_OF_FIELD, event_values, replace_analysis
from redline.store.lines import Window
from redline.store.models import ArticleRow, EventRow, QuoteRow
from redline.web import schemas
from redline.web.app import create_app

TEXT = ("About 10,000 North Korean troops were sent to Kursk in October 2024, the NIS said. "
        "\"It is a grave threat,\" the minister said.")
#: Where an event or quote was read: columns of its row that are not fields of the record.
EVENT_PROVENANCE = {"id", "article_id", "dataset", "dataset_id", "published", "outlet",
                    "source_url", "sort_day", "end_day"}
QUOTE_PROVENANCE = {"id", "article_id", "published"}


def part(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def full_event() -> Event:
    """An event with every field set to a value other than its default."""
    return Event(
        event="MOBILIZE", span=part(TEXT.split(", the NIS")[0]), factuality=2.5,
        factuality_label="reported", actor="PRK-MIL", actor_text="North Korean troops",
        recipient="RUS", recipient_text="Russia", cameo="0874", mode="military",
        context=("military",), size=Size(10_000, "troops", "approximate", "About 10,000"),
        location="Kursk", location_country="RUS", location_region="RU-KRS",
        date=TimeRef(date(2024, 10, 1), date(2024, 10, 31), "month", "in October 2024"),
        attributed_to="KOR-INTEL", attributed_text="the NIS", assertion="reported",
        trigger="sent", trigger_span=part("sent"), objects=("troops",),
        sentence=TEXT.split(" \"")[0])


def full_quote() -> Quote:
    return Quote(speaker="the minister", speaker_span=part("the minister"), role="minister",
                 cue_span=part("said."), content_span=part("It is a grave threat,"),
                 kind="direct", speaker_actor="KOR-GOV", cue="said",
                 content="It is a grave threat,")


def columns(table: type) -> set[str]:
    return {column.key for column in table.__table__.columns}  # type: ignore[attr-defined]


def names(record: type) -> list[str]:
    return [item.name for item in dataclasses.fields(record)]


def test_every_field_is_set_in_the_examples() -> None:
    defaults = Event("X", (0, 0), 0.0, "unconfirmed")
    assert [n for n in names(Event) if getattr(full_event(), n) == getattr(defaults, n)] == []


def test_a_stored_event_row_is_the_flat_event_and_where_it_was_read() -> None:
    flat_columns = {COLUMN_OF_FIELD.get(name, name) for name in flat(full_event())}
    assert flat_columns | EVENT_PROVENANCE == columns(EventRow), \
        "each flat field of records.Event needs a column of EventRow (and a migration)"
    assert not flat_columns & EVENT_PROVENANCE


def test_a_stored_quote_row_is_the_flat_quote_and_where_it_was_read() -> None:
    assert set(flat(full_quote())) | QUOTE_PROVENANCE == columns(QuoteRow)


def test_the_browse_records_have_every_stored_column() -> None:
    assert set(names(EventRecord)) == columns(EventRow) - {"sort_day", "end_day"} | {"headline"}
    assert set(names(QuoteRecord)) == columns(QuoteRow) | {"headline", "outlet"}
    # the file an article was read from stays on the machine that read it
    assert set(names(ArticleRecord)) == \
        columns(ArticleRow) - {"source_path", "analysis_error"} | {"events", "quotes"}
    assert {f.name for f in dataclasses.fields(Article)} - {"source_path"} <= \
        set(names(ArticleRecord))


@pytest.mark.parametrize("model, record", [
    (schemas.Event, EventRecord), (schemas.Quote, QuoteRecord),
    (schemas.Article, ArticleRecord), (schemas.SearchFilters, SearchQuery),
])
def test_each_api_model_has_the_fields_of_its_record(model: type, record: type) -> None:
    assert list(model.model_fields) == names(record)  # type: ignore[attr-defined]


def test_flat_fields_name_and_type_every_flat_value() -> None:
    event = full_event()
    assert [name for name, _ in flat_fields(Event)] == list(flat(event))
    kinds = dict(flat_fields(Event))
    assert kinds["size_qualifier"] == str | None and kinds["date_start"] == date | None
    assert kinds["span_start"] is int and kinds["objects"] == list[str]


def test_every_field_reaches_the_store_the_json_and_the_api(store: Store) -> None:
    published = datetime(2024, 10, 20, 9, tzinfo=UTC)
    article = Article(id="a" * 64, text=TEXT, headline="Troops in Kursk", published=published)
    save_article(store, article)
    event, quote = full_event(), full_quote()
    replace_analysis(store, article.id, Analysis(text=TEXT, events=[event], quotes=[quote]))
    with TestClient(create_app(store)) as client:
        served = client.get(f"/api/articles/{article.id}").json()
    (served_event,), (served_quote,) = served["events"], served["quotes"]
    for name, value in flat(event).items():
        expected = value.isoformat() if isinstance(value, date) else value
        assert served_event[COLUMN_OF_FIELD.get(name, name)] == expected, name
        assert event_json(event)[name] == expected, name
    for name, value in flat(quote).items():
        assert served_quote[name] == value, name
        assert quote_json(quote)[name] == value, name
    assert served_event["headline"] == "Troops in Kursk"
    assert served_event["published"].startswith("2024-10-20T09:00")
    # what assessment reads: every column, read-only
    (row,) = line_store.events_in_window(store, Window(upto=datetime.now(UTC)))
    assert row["event_type"] == "MOBILIZE" and row["trigger_start"] == part("sent")[0]
    with pytest.raises(TypeError):
        row["factuality"] = 3.0  # type: ignore[index]
    (said,) = line_store.quotes_in_window(store, Window(upto=datetime.now(UTC)), ["threat"])
    assert said["speaker"] == "the minister"


def test_the_json_keeps_its_compact_forms() -> None:
    record = event_json(full_event())
    assert (record["type"], record["event"], record["date"]) == ("event", "MOBILIZE", "2024-10")
    assert record["span"] == list(full_event().span)
    assert quote_json(full_quote())["content_span"] == list(full_quote().content_span)
    # the CSV has a column for every key of either
    assert {*record, *quote_json(full_quote())} == set(CSV_COLUMNS)


@dataclass(frozen=True)
class Witnessed(Event):
    """An event with fields ``records.Event`` does not have (yet)."""

    witnesses: tuple[str, ...] = ()
    seen: TimeRef | None = None
    witness_span: tuple[int, int] | None = None


def test_a_field_added_to_the_record_reaches_every_flat_form() -> None:
    event = Witnessed(**{n: getattr(full_event(), n) for n in names(Event)},
                      witnesses=("a farmer",), seen=TimeRef(date(2024, 10, 3), date(2024, 10, 3),
                                                           "day", "on Thursday"),
                      witness_span=part("the NIS"))
    added = {"witnesses": ["a farmer"], "seen_start": date(2024, 10, 3),
             "seen_end": date(2024, 10, 3), "seen_granularity": "day",
             "seen_text": "on Thursday", "witness_start": part("the NIS")[0],
             "witness_end": part("the NIS")[1]}
    assert {k: v for k, v in flat(event).items() if k not in flat(full_event())} == added
    # the row the store writes
    values = event_values(event, article_id=None, published=None, outlet=None)
    assert added.items() <= values.items()
    # the JSON of redline analyze
    assert event_json(event)["seen_start"] == "2024-10-03"
    assert event_json(event)["witnesses"] == ["a farmer"]
    # the API model of a stored event of that kind
    stored = dataclasses.make_dataclass("StoredWitnessed", [("id", int), *flat_fields(Witnessed)])
    model = schemas.record_model("Witnessed", stored)
    assert set(added) <= set(model.model_fields)
    assert model.model_fields["seen_granularity"].description is None
    assert model.model_fields["size_qualifier"].description == \
        "exact, approximate, lower_bound or upper_bound"


#: Keys the engine sets on an evidence item only when they apply.
LATER_KEYS = {"part", "says", "hedged_by", "contradicted_by", "contested"}


def test_an_evidence_item_has_the_fields_of_its_record() -> None:
    from redline.assess.evidence import event_item
    from redline.assess.reliability import load_grades
    from redline.records import EvidenceItem

    stored = {**event_values(full_event(), article_id="a" * 64, published=None, outlet="Yonhap"),
              "id": 7, "headline": "Troops in Kursk", "url": "https://example.org/a"}
    item = event_item(stored, role="trigger", indicator="trigger", speculated=True,
                      grades=load_grades())
    assert set(item) | LATER_KEYS == set(names(EvidenceItem))
    assert not set(item) & LATER_KEYS
    assert (item["event_id"], item["date"], item["span"]) == (7, "2024-10", list(full_event().span))
    assert list(schemas.EvidenceItem.model_fields) == names(EvidenceItem)
    served = schemas.EvidenceItem.model_validate(item).model_dump()
    assert {k: served[k] for k in item} == item
