"""Each record is declared once in ``redline.records``; the store's rows, the JSON of
``redline analyze`` and the API's models are derived from it."""

from __future__ import annotations

import dataclasses
import types
import typing
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import JSON
from sqlalchemy.types import TypeDecorator

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about httpx versions
    from fastapi.testclient import TestClient

from redline import records
from redline.cli.analyze_cmds import CSV_COLUMNS, event_json, quote_json
from redline.records import (
    STORED_NAME,
    Analysis,
    Article,
    Event,
    Quote,
    SearchQuery,
    Size,
    StoredArticle,
    StoredEvent,
    StoredQuote,
    TimeRef,
    flat,
    flat_fields,
    flat_reader,
    flat_row_reader,
    from_flat,
)
from redline.store import Store
from redline.store import lines as line_store
from redline.store.articles import save_article
from redline.store.browse import get_article
from redline.store.evidence import event_values, replace_analysis
from redline.store.lines import Window
from redline.store.models import ArticleRow, EventRow, QuoteRow
from redline.store.verdict_pages import VerdictSummary
from redline.web import schemas
from redline.web.app import create_app

TEXT = ("About 10,000 North Korean troops were sent to Kursk in October 2024, the NIS said. "
        "\"It is a grave threat,\" the minister said.")
#: Fields of a stored record that its article holds (read through a join, not stored again).
ARTICLE_FIELDS = {"headline", "url"}
#: Columns derived at write time for search (``models.search_day``, ``models.end_day``).
SEARCH_COLUMNS = {"sort_day", "end_day"}


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
        attributed_to="KOR-INTEL", attributed_text="the NIS", intended_by="PRK",
        intended_text="Pyongyang", assertion="reported", trigger="sent", trigger_span=part("sent"), objects=("troops",),
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


def flat_names(record: type) -> list[str]:
    return [name for name, _ in flat_fields(record)]


def drift(fields: set[str], table: type) -> str:
    """What a record and its table disagree on, in words (empty when they agree)."""
    missing, extra = sorted(fields - columns(table)), sorted(columns(table) - fields)
    return (f"flat fields with no column of {table.__name__} (add one, and a migration): "
            f"{missing}; columns of no field: {extra}") if missing or extra else ""


def test_every_field_is_set_in_the_examples() -> None:
    defaults = Event("X", (0, 0), 0.0, "unconfirmed")
    assert [n for n in names(Event) if getattr(full_event(), n) == getattr(defaults, n)] == []


def test_a_stored_event_row_is_the_flat_stored_event() -> None:
    fields = set(flat_names(StoredEvent)) - ARTICLE_FIELDS | SEARCH_COLUMNS
    assert not drift(fields, EventRow), drift(fields, EventRow)


def test_a_stored_quote_row_is_the_flat_stored_quote() -> None:
    fields = set(flat_names(StoredQuote)) - ARTICLE_FIELDS - {"outlet"}
    assert not drift(fields, QuoteRow), drift(fields, QuoteRow)


def test_a_stored_article_row_is_the_flat_article_and_its_analysis_state() -> None:
    fields = set(flat_names(StoredArticle)) - {"events", "quotes"} | {"analysis_error"}
    assert not drift(fields, ArticleRow), drift(fields, ArticleRow)


def test_the_columns_hold_the_types_of_the_fields() -> None:
    for record, table in ((StoredEvent, EventRow), (StoredQuote, QuoteRow), (Article, ArticleRow)):
        for name, hint in flat_fields(record):
            if name not in columns(table):
                continue
            column = table.__table__.columns[name]  # type: ignore[attr-defined]
            union = isinstance(hint, types.UnionType)
            kinds = {a for a in typing.get_args(hint) if a is not type(None)} if union else {hint}
            sql = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
            stored = object if isinstance(sql, JSON) else sql.python_type
            expected = {object if typing.get_origin(k) is list else k for k in kinds}
            assert stored in expected, (name, hint, stored)


@pytest.mark.parametrize("model, record, shown", [
    (schemas.Event, StoredEvent, set()), (schemas.Quote, StoredQuote, set()),
    (schemas.SearchFilters, SearchQuery, set()),
    (schemas.Assessment, records.Assessment, set()),
    (schemas.EvidenceItem, records.EvidenceItem, set()),
    (schemas.Verdict, records.Verdict, {"status_text", "stored", "published_by"}),
    (schemas.HistoryEntry, VerdictSummary, {"status_text"}),
    (schemas.Line, records.StoredLine, {"trigger", "precursors", "consequence", "options"}),
])
def test_each_api_model_has_the_flat_fields_of_its_record(model: type, record: type,
                                                         shown: set[str]) -> None:
    served = set(model.model_fields)  # type: ignore[attr-defined]
    kept = set(flat_names(record)) - {"strongest"}  # a history entry shows no evidence
    assert served == kept | shown


def test_an_api_article_has_every_field_but_where_it_was_read() -> None:
    # the file an article was read from stays on the machine that read it
    assert set(schemas.Article.model_fields) == set(flat_names(StoredArticle)) - {"source_path"}


def test_flat_fields_name_and_type_every_flat_value() -> None:
    event = full_event()
    assert [name for name, _ in flat_fields(Event)] == list(flat(event))
    kinds = dict(flat_fields(Event))
    assert kinds["size_qualifier"] == str | None and kinds["date_start"] == date | None
    assert kinds["span_start"] is int and kinds["objects"] == list[str]
    stored = StoredEvent(event, id=7, article_id="a" * 64, outlet="Yonhap")
    assert [name for name, _ in flat_fields(StoredEvent)] == list(flat(stored))
    assert flat(stored)["event_type"] == "MOBILIZE" and "event" not in flat(stored)


@pytest.mark.parametrize("stored", [
    StoredEvent(full_event(), id=7, article_id="a" * 64, published=datetime(2024, 10, 20, tzinfo=UTC),
                outlet="Yonhap", headline="Troops", url="https://example.org/a"),
    StoredEvent(Event("AID", (0, 0), 0.0, "unconfirmed"), id=1, dataset="gdelt", dataset_id="9"),
    StoredQuote(full_quote(), id=3, article_id="a" * 64),
])
def test_a_record_is_read_back_from_its_flat_form(stored: object) -> None:
    assert from_flat(type(stored), flat(stored)) == stored


def test_a_null_column_reads_as_the_fields_default() -> None:
    row = {**flat(StoredEvent(Event("AID", (0, 0), 0.0, "unconfirmed"), id=1)),
           "sentence": None, "trigger": None, "context": None, "span_start": None}
    read = from_flat(StoredEvent, row)
    assert (read.record.sentence, read.record.trigger, read.record.context) == ("", "", ())
    assert read.record.span == (0, 0)


#: Rows as a cursor gives them, by name: every field set; defaults; nulls where a field
#: may not be None (its default is read); a size with no qualifier, a time with no end; and
#: columns missing from the row altogether.
READER_ROWS = [
    flat(StoredEvent(full_event(), id=7, article_id="a" * 64, outlet="Yonhap",
                     published=datetime(2024, 10, 20, tzinfo=UTC), headline="Troops",
                     url="https://example.org/a")),
    flat(StoredEvent(Event("AID", (0, 0), 0.0, "unconfirmed"), id=1, dataset="gdelt",
                     dataset_id="9")),
    {**flat(StoredEvent(Event("AID", (3, 9), 1.0, "reported"), id=2)), "sentence": None,
     "trigger": None, "context": None, "span_start": None, "dataset": None},
    {**flat(StoredEvent(full_event(), id=4)), "size_qualifier": None, "date_end": None,
     "date_granularity": None, "trigger_end": None},
    {"event_type": "AID", "factuality": 0.5, "factuality_label": "possible", "id": 5},
]


@pytest.mark.parametrize("row", READER_ROWS)
@pytest.mark.parametrize("order", ["as flat gives them", "reversed"])
def test_a_row_reader_reads_what_from_flat_reads(row: dict[str, object], order: str) -> None:
    names = [name for name, _ in flat_fields(StoredEvent)]
    names = names if order == "as flat gives them" else names[::-1]
    given = [name for name in names if name in row]
    read = flat_reader(StoredEvent, given)(tuple(row[name] for name in given))
    assert read == from_flat(StoredEvent, row)


@pytest.mark.parametrize("row", READER_ROWS)
@pytest.mark.parametrize("order", ["as flat gives them", "reversed"])
def test_a_flat_row_reader_gives_the_flat_form_of_what_from_flat_reads(
        row: dict[str, object], order: str) -> None:
    names = [name for name, _ in flat_fields(StoredEvent)]
    names = names if order == "as flat gives them" else names[::-1]
    given = [name for name in names if name in row]
    read = flat_row_reader(StoredEvent, given)(tuple(row[name] for name in given))
    expected = flat(from_flat(StoredEvent, row))
    assert read._asdict() == expected  # type: ignore[attr-defined]
    assert list(read._fields) == list(expected)  # type: ignore[attr-defined]
    assert read.event_type == row["event_type"]  # type: ignore[attr-defined]


def test_a_flat_row_reader_reads_a_quote_and_none_for_columns_not_given() -> None:
    quote = StoredQuote(full_quote(), id=3, article_id="a" * 64, headline="H", outlet="O",
                        url="https://example.org/q")
    names = [name for name in flat(quote) if name not in ("headline", "url")][::-1]
    read = flat_row_reader(StoredQuote, names)(tuple(flat(quote)[name] for name in names))
    assert read._asdict() == {**flat(quote), "headline": None, "url": None}  # type: ignore[attr-defined]


def test_a_row_reader_leaves_no_column_unread_and_reads_none_it_is_not_given() -> None:
    quote = StoredQuote(full_quote(), id=3, article_id="a" * 64, headline="H", outlet="O",
                        url="https://example.org/q")
    names = list(flat(quote))
    assert flat_reader(StoredQuote, names)(tuple(flat(quote).values())) == quote
    # without the article's columns: their fields read as missing, as from_flat reads them
    kept = [name for name in names if name not in ("headline", "outlet", "url")]
    read = flat_reader(StoredQuote, kept)(tuple(flat(quote)[name] for name in kept))
    assert (read.headline, read.outlet, read.url) == (None, None, None)
    assert read.record == quote.record


def test_every_field_reaches_the_store_the_json_and_the_api(store: Store) -> None:
    published = datetime(2024, 10, 20, 9, tzinfo=UTC)
    article = Article(id="a" * 64, text=TEXT, headline="Troops in Kursk", published=published,
                      url="https://example.org/kursk")
    save_article(store, article)
    event, quote = full_event(), full_quote()
    replace_analysis(store, article.id, Analysis(text=TEXT, events=[event], quotes=[quote]))
    with TestClient(create_app(store)) as client:
        served = client.get(f"/api/articles/{article.id}").json()
    (served_event,), (served_quote,) = served["events"], served["quotes"]
    for name, value in flat(event).items():
        expected = value.isoformat() if isinstance(value, date) else value
        assert served_event[STORED_NAME.get(name, name)] == expected, name
        assert event_json(event)[name] == expected, name
    for name, value in flat(quote).items():
        assert served_quote[name] == value, name
        assert quote_json(quote)[name] == value, name
    assert served_event["headline"] == "Troops in Kursk"
    assert served_event["url"] == served_quote["url"] == "https://example.org/kursk"
    assert served_event["published"].startswith("2024-10-20T09:00")
    # what the article page and assessment read: the records themselves, frozen
    (page_event,) = get_article(store, article.id).events
    (read,) = line_store.events_in_window(store, Window(upto=datetime.now(UTC)))
    assert read.record == page_event.record == event and read.headline == "Troops in Kursk"
    assert read.record.size is not None and read.record.size.qualifier == "approximate"
    assert read.record.date is not None and read.record.date.granularity == "month"
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.record.factuality = 3.0  # type: ignore[misc]
    (said,) = line_store.quotes_in_window(store, Window(upto=datetime.now(UTC)), ["threat"])
    assert said.record == quote and said.url == "https://example.org/kursk"


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
    # a stored event of that kind, read back from its row as the store reads one
    stored_kind = dataclasses.make_dataclass("StoredWitnessed", [("record", Witnessed)],
                                             bases=(StoredEvent,), frozen=True)
    stored = stored_kind(record=event, id=7)
    row = {**values, "id": 7, "headline": None, "url": None}
    assert from_flat(stored_kind, row) == stored
    assert from_flat(stored_kind, row).record.seen.text == "on Thursday"
    # and its API model
    model = schemas.record_model("Witnessed", stored_kind)
    assert set(added) <= set(model.model_fields)
    assert model.model_fields["seen_granularity"].description is None
    assert model.model_fields["size_qualifier"].description == \
        "exact, approximate, lower_bound or upper_bound"
    assert model.model_validate(flat(stored)).model_dump()["witnesses"] == ["a farmer"]


#: Keys the engine sets on an evidence item only when they apply.
LATER_KEYS = {"part", "says", "hedged_by", "contradicted_by", "contested"}


def test_an_evidence_item_has_the_fields_of_its_record() -> None:
    from redline.assess.evidence import event_item
    from redline.assess.reliability import load_grades

    stored = StoredEvent(full_event(), id=7, article_id="a" * 64, outlet="Yonhap",
                         headline="Troops in Kursk", url="https://example.org/a")
    item = event_item(stored, role="trigger", indicator="trigger", speculated=True,
                      grades=load_grades())
    assert set(item) | LATER_KEYS == set(names(records.EvidenceItem))
    assert not set(item) & LATER_KEYS
    assert (item["event_id"], item["date"], item["span"]) == (7, "2024-10", list(full_event().span))
    served = schemas.EvidenceItem.model_validate(item).model_dump()
    assert {k: served[k] for k in item} == item


def test_an_assessment_has_the_fields_of_its_record() -> None:
    from redline.assess.engine import _assessment_item
    from redline.assess.reliability import load_grades

    said = StoredQuote(full_quote(), id=3, article_id="a" * 64, outlet="Yonhap",
                       published=datetime(2024, 10, 20, tzinfo=UTC))
    item = _assessment_item(said, "not_crossed", load_grades())
    assert set(item) == set(names(records.Assessment))
    served = schemas.Assessment.model_validate(item).model_dump()
    assert served == item


def test_the_search_parameters_are_the_fields_of_the_query(store: Store) -> None:
    with TestClient(create_app(store)) as client:
        schema = client.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/search"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == names(SearchQuery)
    helps = {item.name: item.metadata["help"] for item in dataclasses.fields(SearchQuery)}
    assert {p["name"]: p["description"] for p in parameters} == helps
    limit = next(p for p in parameters if p["name"] == "limit")["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, records.SEARCH_LIMIT_MAX)


@dataclass(frozen=True)
class Wider(SearchQuery):
    """A search query with a filter ``records.SearchQuery`` does not have (yet)."""

    place: str | None = None
    since: date | None = None


def test_a_filter_added_to_the_query_reaches_the_search_form() -> None:
    from redline.web.pages import search_form

    query = Wider(text="troops", kind="events", place="Kursk", since=date(2024, 10, 1))
    form = {f.name: f for f in search_form(query, {"labels": ["confirmed"], "actors": ["PRK"]})}
    # every filter but the paging numbers, which the page links carry
    assert list(form) == [n for n in names(Wider) if n not in ("limit", "offset")]
    assert (form["place"].widget, form["place"].value, form["place"].label) == \
        ("text", "Kursk", "Place")
    assert (form["since"].widget, form["since"].value) == ("date", "2024-10-01")
    assert (form["kind"].widget, form["kind"].options, form["kind"].value) == \
        ("select", records.SEARCH_KINDS, "events")
    assert (form["label"].widget, form["label"].options) == ("select", ("confirmed",))
    assert (form["actor"].widget, form["actor"].options) == ("text", ("PRK",))
