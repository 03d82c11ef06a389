"""Full-text conditions over events and quotes: SQLite FTS5 and PostgreSQL ``tsvector``
behind one function, ``matches`` (the tables and columns are migration 0014's).

What a query means is ``store.search_text``'s; this module only says it in each
backend's SQL. Each table has two searchable columns: the text (an event's sentence, a
quote's words) and the name (the actor's, the speaker's).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, func, literal_column, select, table
from sqlalchemy.orm import Session

from redline.store import search_text
from redline.store.full_text_index import FULL_TEXT as FULL_TEXT  # read by dataset imports too
from redline.store.full_text_index import MARKS
from redline.store.models import EventRow, QuoteRow
from redline.store.search_text import TextQuery

#: The tsvector weight of each column on PostgreSQL (text A, name B).
TEXT_WEIGHT, NAME_WEIGHT = "A", "B"

Searched = type[EventRow] | type[QuoteRow]


def beside_models(name: str | None, kind: str) -> bool:
    """Whether a schema object is one of the full-text ones migrations 0014 and 0017 add
    beside the models (FTS5 tables, their shadow tables and their marks; the tsvector
    columns and their indexes), which a comparison of the models with the database
    leaves out."""
    if not name:
        return False
    if kind == "table":
        return name == MARKS or any(name == fts or name.startswith(fts + "_")
                                    for fts, _t, _n in FULL_TEXT.values())
    return name == "search_vector" or name.endswith("_search_vector")


def parsed(text: str) -> TextQuery:
    """The ``text`` filter of a search, read (``InputError`` when malformed)."""
    return search_text.parse(text, "text")


def name_phrase(name: str) -> TextQuery | None:
    """The ``actor`` filter as a name phrase (None when it holds no word)."""
    return search_text.phrase(name, "actor")


def _fts5_match(model: Searched, expression: str) -> ColumnElement[bool]:
    fts = FULL_TEXT[model.__tablename__][0]
    return literal_column(fts).op("MATCH")(expression)


#: Listing a text's matches and sorting them all costs about this many entries of a sort
#: index walked in order, each looked up among the matches listed once (bench/pages.py's
#: 1,000,000-event store: 4,953 quotes matching "crossed" listed and sorted in 6.8 ms of
#: CPU, 1.4 us a match; 82,800 index entries walked in 21.8 ms, 0.26 us an entry).
LISTED_PER_WALKED = 5

#: A walk along the sort index reads at most this many times the entries it is expected to
#: need (``page_end * rows / matched``): a word's matches bunch in time (news of one year),
#: and a page not full by then is listed and sorted instead (see ``walk_budget``).
WALK_BUDGET = 4

#: The name of the sort index's walk (``walk``), whose ids ``matches(in_order=True)`` tests.
WALKED = "walked"


def matches(model: Searched, query: TextQuery, dialect: str, *, name: bool = False,
            common: bool = False, in_order: bool = False) -> ColumnElement[bool]:
    """Rows of ``model`` whose text (or with ``name``, whose actor or speaker name)
    matches ``query``. Event text is the sentence; quote text is the words and the
    speaker's name.

    On SQLite the matches are listed first and joined by id, unless ``common`` (the
    query matches too many rows to list them all): then each row read in the page's order
    is looked up in the index, so the page stops as soon as it is full. ``in_order``:
    the matches are listed once, and the rows are read in the page's order through its
    sort index, each looked up among them (its id kept from serving as an index), so
    only as many rows are read as it takes to fill the page, none sorted (see
    ``walk_in_order``).
    """
    table_name = model.__tablename__
    fts, text_column, name_column = FULL_TEXT[table_name]
    if dialect == "postgresql":
        weight = NAME_WEIGHT if name else TEXT_WEIGHT if model is EventRow else ""
        vector: ColumnElement[Any] = literal_column(f"{table_name}.search_vector")
        wanted = func.to_tsquery(literal_column(f"'{search_text.PG_CONFIG}'::regconfig"),
                                 search_text.tsquery(query, weight))
        return vector.op("@@")(wanted)
    column = name_column if name else text_column if model is EventRow else None
    match = _fts5_match(model, search_text.fts5(query, column))
    found: Select[Any] = select(literal_column("rowid")).select_from(table(fts)).where(match)
    if common:
        probe: Select[Any] = select(literal_column("1")).select_from(table(fts)).where(
            match, literal_column(f"{fts}.rowid") == model.id)
        return probe.exists()
    if in_order:  # SQLite's unary + keeps a column from serving as an index
        return literal_column(f"+{WALKED}.id").in_(found.scalar_subquery())
    return model.id.in_(found.scalar_subquery())


def match_count(session: Session, model: Searched, text: str | None, cap: int) -> int:
    """How many rows of ``model`` ``text`` matches, counted up to ``cap + 1`` (SQLite
    only, else 0: the PostgreSQL planner weighs a GIN match by its statistics itself)."""
    if not text or session.get_bind().dialect.name == "postgresql":
        return 0
    fts, text_column, _name = FULL_TEXT[model.__tablename__]
    column = text_column if model is EventRow else None
    match = _fts5_match(model, search_text.fts5(parsed(text), column))
    listed = select(literal_column("rowid")).select_from(table(fts)).where(match) \
        .limit(cap + 1).subquery()
    return session.scalar(select(func.count()).select_from(listed)) or 0


def rows_at_most(session: Session, model: Searched) -> int:
    """The highest id of ``model``: no more rows than that are stored (ids only grow)."""
    return int(session.scalar(select(func.max(model.id))) or 0)


def walk_in_order(matched: int, rows: int, page_end: int) -> bool:
    """Whether the first ``page_end`` rows, in a page's order, of the ``matched`` rows a
    text alone matches among ``rows`` are read more cheaply by walking the sort index and
    looking each row up among the listed matches (``matches(in_order=True)``) than by
    sorting every match: a walk reads about ``page_end * rows / matched`` entries, a
    listing sorts ``matched`` rows at ``LISTED_PER_WALKED`` entries' cost each."""
    return matched > 0 and page_end * rows < LISTED_PER_WALKED * matched * matched


def walk_budget(matched: int, rows: int, page_end: int) -> int:
    """How many sort-index entries a walk for the first ``page_end`` of ``matched`` rows
    among ``rows`` reads at most: ``WALK_BUDGET`` times what it needs were the matches
    spread evenly over time. The first ``page_end`` matches found within it are the first
    ``page_end`` of all; a page that fewer fill is read from the listed matches instead,
    so a walk never costs more than a few times the listing it replaces."""
    return -(-WALK_BUDGET * page_end * rows // max(matched, 1))


def walk(model: Searched, order: tuple[Any, ...], budget: int) -> Subquery:
    """The ids of the first ``budget`` entries of ``model``'s sort index in the page's
    ``order`` (SQLite reads them as a co-routine, in that order, and a condition on them
    keeps it: a page is taken from it without sorting it again)."""
    return select(model.id).order_by(*order).limit(budget).subquery(WALKED)


def any_match(session: Session, model: Searched, query: TextQuery, *, name: bool = False
              ) -> bool:
    """Whether any row of ``model`` matches ``query`` (one index probe): a filter that
    matches nothing is left out of a query instead of being OR-ed with another."""
    dialect = session.get_bind().dialect.name
    probe = select(model.id).where(matches(model, query, dialect, name=name)).limit(1)
    return session.scalar(probe) is not None
