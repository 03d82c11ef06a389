"""Full-text conditions over events and quotes: SQLite FTS5 and PostgreSQL ``tsvector``
behind one function, ``matches`` (the tables and columns are migration 0014's).

What a query means is ``store.search_text``'s; this module only says it in each
backend's SQL. Each table has two searchable columns: the text (an event's sentence, a
quote's words) and the name (the actor's, the speaker's).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, table
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


def matches(model: Searched, query: TextQuery, dialect: str, *, name: bool = False,
            common: bool = False) -> ColumnElement[bool]:
    """Rows of ``model`` whose text (or with ``name``, whose actor or speaker name)
    matches ``query``. Event text is the sentence; quote text is the words and the
    speaker's name.

    On SQLite the matches are listed first and joined by id, unless ``common`` (the
    query matches too many rows to list them all): then each row read in the page's order
    is looked up in the index, so the page stops as soon as it is full.
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
    return model.id.in_(found.scalar_subquery())


def is_common(session: Session, model: Searched, text: str | None, cap: int) -> bool:
    """Whether ``text`` matches more than ``cap`` rows of ``model`` (SQLite only: the
    PostgreSQL planner weighs a GIN match by its statistics itself)."""
    if not text or session.get_bind().dialect.name == "postgresql":
        return False
    fts, text_column, _name = FULL_TEXT[model.__tablename__]
    column = text_column if model is EventRow else None
    match = _fts5_match(model, search_text.fts5(parsed(text), column))
    listed = select(literal_column("rowid")).select_from(table(fts)).where(match) \
        .limit(cap + 1).subquery()
    return (session.scalar(select(func.count()).select_from(listed)) or 0) > cap


def any_match(session: Session, model: Searched, query: TextQuery, *, name: bool = False
              ) -> bool:
    """Whether any row of ``model`` matches ``query`` (one index probe): a filter that
    matches nothing is left out of a query instead of being OR-ed with another."""
    dialect = session.get_bind().dialect.name
    probe = select(model.id).where(matches(model, query, dialect, name=name)).limit(1)
    return session.scalar(probe) is not None
