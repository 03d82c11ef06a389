"""Read-only queries behind the dashboard: an article with its events and quotes, and
search over events and quotes. (Red lines and verdicts are read with ``store.lines``.)

Everything here reads; nothing writes. Rows are returned as frozen records so that
callers never hold a live ORM object.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from redline.errors import InputError, NotFoundError
from redline.records import (
    FACTUALITY_LABELS,
    SEARCH_KINDS,
    SEARCH_LIMIT_MAX,
    Article,
    SearchQuery,
    StoredArticle,
    StoredEvent,
    StoredQuote,
    flat_fields,
    flat_reader,
    flat_row_reader,
    from_flat,
)
from redline.store import search_full_text as full_text
from redline.store import search_memo
from redline.store.db import Store
from redline.store.models import ArticleRow, EventRow, QuoteRow

T = TypeVar("T")
#: Matches are counted up to one more than this: a total above it reads "more than".
SEARCH_COUNT_MAX = 10_000

#: A stored event, quote and article as read here: the records of ``redline.records``
#: with where they were read (see ``records.StoredEvent``); ``records.flat`` gives the
#: row's columns, so a field added to ``records.Event`` is read with no edit here.
EventRecord = StoredEvent
QuoteRecord = StoredQuote
ArticleRecord = StoredArticle


@dataclass(frozen=True)
class SearchResults:
    """One page of a search: records (``search``), or their flat values (``search_flat``)."""

    query: SearchQuery
    events: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    events_truncated: bool = False  # more match than this page shows
    quotes_truncated: bool = False
    events_total: int = 0  # how many match in all, up to SEARCH_COUNT_MAX + 1
    quotes_total: int = 0


#: The columns a stored event and quote are read from: their flat fields but the
#: article's, which come from the join.
_ARTICLE_FIELDS = ("headline", "url", "outlet")
_EVENT_FIELDS = [name for name, _ in flat_fields(StoredEvent) if name not in ("headline", "url")]
_QUOTE_FIELDS = [name for name, _ in flat_fields(StoredQuote) if name not in _ARTICLE_FIELDS]


#: The columns a page of search results is read from, in order, and the records read
#: from each of its rows (``records.flat_reader``: no lookup by name per row).
_EVENT_PAGE = (*_EVENT_FIELDS, "headline", "url")
_QUOTE_PAGE = (*_QUOTE_FIELDS, *_ARTICLE_FIELDS)
_event_page_record = flat_reader(StoredEvent, _EVENT_PAGE)
_quote_page_record = flat_reader(StoredQuote, _QUOTE_PAGE)
_event_page_flat = flat_row_reader(StoredEvent, _EVENT_PAGE)
_quote_page_flat = flat_row_reader(StoredQuote, _QUOTE_PAGE)


def _event_record(row: Mapping[Any, object]) -> StoredEvent:
    return from_flat(StoredEvent, row)


def _quote_record(row: Mapping[Any, object]) -> StoredQuote:
    return from_flat(StoredQuote, row)


def _columns(row: object, names: list[str]) -> dict[str, object]:
    return {name: getattr(row, name) for name in names}


def get_article(store: Store, article_id: str) -> ArticleRecord:
    """An article with its events and quotes, in text order."""
    with store.read() as session:
        row = session.get(ArticleRow, article_id)
        if row is None:
            raise NotFoundError(f"no article {article_id!r}; article ids are the 64-character "
                                "hashes listed by search and on red-line pages")
        events = session.scalars(select(EventRow).where(EventRow.article_id == article_id)
                                 .order_by(EventRow.span_start, EventRow.id))
        quotes = session.scalars(select(QuoteRow).where(QuoteRow.article_id == article_id)
                                 .order_by(QuoteRow.content_start, QuoteRow.id))
        article = from_flat(Article, _columns(row, [name for name, _ in flat_fields(Article)]))
        return StoredArticle(
            record=article, ingested=row.ingested, analyzed=row.analyzed,
            events=tuple(_event_record({**_columns(e, _EVENT_FIELDS), "headline": row.headline,
                                        "url": row.url}) for e in events),
            quotes=tuple(_quote_record({**_columns(q, _QUOTE_FIELDS), "headline": row.headline,
                                        "outlet": row.outlet, "url": row.url}) for q in quotes))


class UTCDay(FunctionElement[date]):
    """The UTC calendar day of a stored time, whatever the session's time zone."""

    type = Date()
    inherit_cache = True


@compiles(UTCDay)
def _utc_day(element: UTCDay, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps UTC without a zone (UTCDateTime): its date() is the UTC day.
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(UTCDay, "postgresql")
def _utc_day_postgresql(element: UTCDay, compiler: SQLCompiler, **kw: Any) -> str:
    # date(timestamptz) takes the session's TimeZone; AT TIME ZONE 'UTC' does not.
    return f"CAST(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'UTC' AS DATE)"


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _event_filters(session: Session, query: SearchQuery, common: bool = False,
                   named: bool = True, in_order: bool = False) -> list[ColumnElement[bool]]:
    """The event conditions of ``query``, each one an index (or the full-text index) serves.

    ``common``: the text matches too many events to list them first (see ``search``);
    ``named``: the actor, read as a name, matches a stored name (``name_stored``);
    ``in_order``: the text's matches are looked up while the page is read in order
    (``search_full_text.matches``)."""
    dialect = session.get_bind().dialect.name
    where: list[ColumnElement[bool]] = []
    if query.text:
        where.append(full_text.matches(EventRow, full_text.parsed(query.text), dialect,
                                       common=common, in_order=in_order))
    if query.actor:
        # Codes are stored in capitals; a name is looked up among the actor names.
        where.append(_code_or_name(session, EventRow, EventRow.actor, query.actor, named))
    if query.event_type:
        where.append(EventRow.event_type == query.event_type.upper())
    if query.label:
        where.append(EventRow.factuality_label == query.label)
    # An event is in range when its interval [sort_day, end_day] overlaps the range (an
    # undated one is the day it was published): both days are stored (migration 0014).
    if query.date_from:
        where.append(EventRow.end_day >= query.date_from)
    if query.date_to:
        where.append(EventRow.sort_day <= query.date_to)
    return where


def name_stored(session: Session, model: type[EventRow] | type[QuoteRow],
                actor: str | None) -> bool:
    """Whether ``actor``, read as a name phrase, matches the name of any row of ``model``
    (one index probe)."""
    name = full_text.name_phrase(actor) if actor else None
    return name is not None and full_text.any_match(session, model, name, name=True)


def _code_or_name(session: Session, model: type[EventRow] | type[QuoteRow],
                  code: InstrumentedAttribute[str | None], actor: str, named: bool
                  ) -> ColumnElement[bool]:
    """The actor's code, or a name phrase ("north korea", "rus" for Russia): when no
    stored name matches (not ``named``), the code alone, which its (code, day) index
    serves in order."""
    name = full_text.name_phrase(actor)
    by_code: ColumnElement[bool] = code == actor.upper()
    if name is None or not named:
        return by_code
    dialect = session.get_bind().dialect.name
    return or_(by_code, full_text.matches(model, name, dialect, name=True))


def _quote_filters(session: Session, query: SearchQuery, common: bool = False,
                   named: bool = True, in_order: bool = False) -> list[ColumnElement[bool]]:
    dialect = session.get_bind().dialect.name
    where: list[ColumnElement[bool]] = []
    if query.text:  # in the words or the speaker's name
        where.append(full_text.matches(QuoteRow, full_text.parsed(query.text), dialect,
                                       common=common, in_order=in_order))
    if query.actor:
        where.append(_code_or_name(session, QuoteRow, QuoteRow.speaker_actor, query.actor,
                                   named))
    if query.date_from:
        where.append(QuoteRow.published >= _day_start(query.date_from))
    if query.date_to:
        where.append(QuoteRow.published < _day_start(query.date_to + timedelta(1)))
    return where


def check_search(query: SearchQuery) -> None:
    """Raise InputError naming the bad filter and what is valid."""
    for name in ("text", "actor", "event_type", "label"):
        if "\x00" in (getattr(query, name, None) or ""):
            raise InputError(name, "contains a NUL character (%00), which no stored text has")
    if query.text:
        full_text.parsed(query.text)
    if query.actor:
        full_text.name_phrase(query.actor)
    if query.label is not None and query.label not in FACTUALITY_LABELS:
        raise InputError("label", f"{query.label!r} is not a factuality label; valid labels: "
                         f"{', '.join(FACTUALITY_LABELS)}")
    if query.kind not in SEARCH_KINDS:
        raise InputError("kind", f"{query.kind!r} is not valid; use one of "
                         f"{', '.join(SEARCH_KINDS)}")
    if query.offset < 0:
        raise InputError("offset", f"{query.offset} is negative; use 0 or more")
    if not 1 <= query.limit <= SEARCH_LIMIT_MAX:
        raise InputError("limit", f"{query.limit} is out of range; use 1..{SEARCH_LIMIT_MAX}")
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise InputError("date_from", f"{query.date_from} is after date_to {query.date_to}")


def search(store: Store, query: SearchQuery) -> SearchResults:
    """Events and quotes matching every given filter, newest first: one page of each,
    with how many match in all counted up to ``SEARCH_COUNT_MAX + 1``.

    A page is read in two steps: the ids of its rows, in order, through the indexes
    alone; then those rows."""
    return _search(store, query, _event_page_record, _quote_page_record)


def search_flat(store: Store, query: SearchQuery) -> SearchResults:
    """``search``, each event and quote given as its record's flat values
    (``records.flat_row_reader``: a named tuple per row, no record built): for what
    shows rows as they are stored, such as the search page."""
    return _search(store, query, _event_page_flat, _quote_page_flat)


def _search(store: Store, query: SearchQuery, read_event: Callable[[Any], Any],
            read_quote: Callable[[Any], Any]) -> SearchResults:
    check_search(query)
    want_quotes = query.kind != "events" and not (query.event_type or query.label)
    events: list[Any] = []
    quotes: list[Any] = []
    events_total = quotes_total = 0
    # Counts are kept per data version (read first: nothing kept is older than it), and
    # are the same for every page of a search.
    memo = search_memo.memo_of(store)
    version = memo.version() if memo is not None else 0
    filters = (query.text, query.actor, query.event_type, query.label, query.date_from,
               query.date_to, SEARCH_COUNT_MAX)

    def counted(key: tuple[Any, ...], count: Callable[[], T]) -> T:
        return count() if memo is None else memo.get(version, (*key, *filters), count)

    with store.read() as session:
        if query.kind != "quotes":
            events, events_total = _events_page(session, query, counted, read_event)
        if want_quotes:
            quotes, quotes_total = _quotes_page(session, query, counted, read_quote)
    return SearchResults(query=query, events=events[:query.limit], quotes=quotes[:query.limit],
                         events_total=events_total, quotes_total=quotes_total,
                         events_truncated=len(events) > query.limit,
                         quotes_truncated=len(quotes) > query.limit)


Counted = Callable[[tuple[Any, ...], Callable[[], Any]], Any]


def _events_page(session: Session, query: SearchQuery, counted: Counted,
                 read: Callable[[Any], Any]) -> tuple[list[Any], int]:
    """One page of the events matching ``query`` (and one more), each row given to
    ``read``, and how many match."""
    alone = bool(query.text) and not any(
        (query.actor, query.event_type, query.label, query.date_from, query.date_to))
    return _page(session, query, counted, read, EventRow, _event_filters, _EVENT_ORDER,
                 alone)


def _quotes_page(session: Session, query: SearchQuery, counted: Counted,
                 read: Callable[[Any], Any]) -> tuple[list[Any], int]:
    """One page of the quotes matching ``query`` (and one more), each row given to
    ``read``, and how many match."""
    alone = bool(query.text) and not any((query.actor, query.date_from, query.date_to))
    return _page(session, query, counted, read, QuoteRow, _quote_filters, _QUOTE_ORDER,
                 alone)


Filters = Callable[..., list[ColumnElement[bool]]]


def _page(session: Session, query: SearchQuery, counted: Counted, read: Callable[[Any], Any],
          model: type[EventRow] | type[QuoteRow], filters: Filters,
          order: tuple[Any, ...], alone: bool) -> tuple[list[Any], int]:
    """One page of ``model``'s rows matching ``query``, newest first (and one more), each
    row given to ``read``, and how many match. ``alone``: the text is the only filter.

    Newest first, the latest stored first within a day: read backwards through a
    (filter, day, id) index, stopping after one page. A text matching more rows than are
    counted is looked up row by row along that index (``common``); a text alone whose
    matches lie densely enough along it is listed once and looked up along it
    (``search_full_text.walk_in_order``), at most ``search_full_text.walk_budget`` entries
    of it; any other, or one whose page is not full within that budget, is listed, and its
    matches sorted."""
    kind = model.__tablename__
    matched = counted((f"{kind} matched",), lambda: full_text.match_count(
        session, model, query.text, SEARCH_COUNT_MAX))
    common = matched > SEARCH_COUNT_MAX
    named = counted((f"{kind} named",), lambda: name_stored(session, model, query.actor))
    ids: list[int] | None = None
    if alone and not common and matched > 0:  # never on PostgreSQL: nothing is counted there
        stored = counted((f"{kind} rows",), lambda: full_text.rows_at_most(session, model))
        ids = _walked_ids(session, query, model, filters, order, matched, stored)
    where = filters(session, query, common, named)
    if ids is None:
        ids = _page_ids(session, select(model.id).where(*where).order_by(*order), query)
    rows = [read(row) for row in
            session.connection().execute(_page_rows(kind), {"ids": ids})] if ids else []
    # A text alone: as many match as the full-text index lists (up to SEARCH_COUNT_MAX + 1).
    total = matched if alone and session.get_bind().dialect.name != "postgresql" else \
        counted((kind,), lambda: _count(session, select(model.id).where(*where)))
    return rows, total


def _walked_ids(session: Session, query: SearchQuery, model: type[EventRow] | type[QuoteRow],
                filters: Filters, order: tuple[Any, ...], matched: int, stored: int
                ) -> list[int] | None:
    """The ids of a page of a text alone read along the sort index, each entry looked up
    among the ``matched`` matches listed once, reading at most the walk's budget of the
    ``stored`` entries; None where walking does not pay (``walk_in_order``) or the page is
    not full within the budget (its matches lie further back: they are listed instead)."""
    page_end = query.offset + query.limit + 1
    if not full_text.walk_in_order(matched, stored, page_end):
        return None
    budget = full_text.walk_budget(matched, stored, page_end)
    walked = full_text.walk(model, order, budget)
    ids = _page_ids(session, select(walked.c.id).where(
        *filters(session, query, in_order=True)), query)
    return ids if len(ids) > query.limit or budget >= stored else None


_EVENT_ORDER = (EventRow.sort_day.desc(), EventRow.id.desc())
_QUOTE_ORDER = (QuoteRow.published.desc(), QuoteRow.id.desc())


@functools.cache
def _page_rows(kind: str) -> Select[Any]:
    """The rows of one page of ``kind`` (events, quotes) by their ids, in the page's
    order, with their article's headline (and outlet) and URL: the columns
    ``_EVENT_PAGE`` or ``_QUOTE_PAGE`` name, read as tuples, never as ORM objects. Built
    once; the ids are its one parameter."""
    ids: Any = bindparam("ids", expanding=True)
    if kind == "events":
        return (select(*(getattr(EventRow, name) for name in _EVENT_FIELDS),
                       ArticleRow.headline, ArticleRow.url)
                .outerjoin(ArticleRow, EventRow.article_id == ArticleRow.id)
                .where(EventRow.id.in_(ids)).order_by(*_EVENT_ORDER))
    return (select(*(getattr(QuoteRow, name) for name in _QUOTE_FIELDS),
                   *(getattr(ArticleRow, name) for name in _ARTICLE_FIELDS))
            .join(ArticleRow, QuoteRow.article_id == ArticleRow.id)
            .where(QuoteRow.id.in_(ids)).order_by(*_QUOTE_ORDER))


def _page_ids(session: Session, ordered: Select[int], query: SearchQuery) -> list[int]:
    """The ids of one page (and one more, to tell whether another page follows)."""
    return list(session.scalars(ordered.offset(query.offset).limit(query.limit + 1)).all())


def _count(session: Session, matches: Select[int]) -> int:
    """How many rows ``matches`` selects, counted up to ``SEARCH_COUNT_MAX + 1``: a count
    stops there, so a search matching most of a large store costs no more than a page."""
    bounded = matches.limit(SEARCH_COUNT_MAX + 1).subquery()
    return session.scalar(select(func.count()).select_from(bounded)) or 0


#: The choices last read per store, with the highest event id they were read at (where the
#: store has no data version: PostgreSQL).
_CHOICES: dict[str, tuple[int, dict[str, list[str]]]] = {}


def search_choices(store: Store) -> dict[str, list[str]]:
    """Values the search form offers: event types and actor codes present in the store.

    Read once per version of the data (``store.search_memo``; on PostgreSQL, once per
    highest event id: every analysis and import adds ids above it), so a page costs one
    lookup, not a pass over the index.
    """
    memo = search_memo.memo_of(store)
    if memo is not None:
        choices = memo.get(memo.version(), ("choices",), lambda: _read_choices(store))
        return {name: list(values) for name, values in choices.items()}
    with store.read() as session:
        mark = int(session.scalar(select(func.max(EventRow.id))) or 0)
    cached = _CHOICES.get(store.url)
    if cached is None or cached[0] != mark:
        cached = _CHOICES[store.url] = (mark, _read_choices(store))
    return {name: list(values) for name, values in cached[1].items()}


def _read_choices(store: Store) -> dict[str, list[str]]:
    with store.read() as session:
        types = _distinct(session, EventRow.event_type)
        actors = _distinct(session, EventRow.actor)
    return {"event_types": [t for t in types if t], "actors": [a for a in actors if a],
            "labels": list(FACTUALITY_LABELS)}


def _distinct(session: Session, column: InstrumentedAttribute[str | None]) -> list[str]:
    """The distinct values of an indexed column, in order, by skipping through its index
    (one index probe per value) rather than reading every row."""
    step = select(func.min(column)).where(column > literal_column("found.value"))
    found = (select(func.min(column).label("value")).cte("found", recursive=True))
    found = found.union_all(
        select(step.scalar_subquery()).select_from(found)
        .where(found.c.value.is_not(None)))
    return [v for v in session.scalars(select(found.c.value)) if v is not None]
