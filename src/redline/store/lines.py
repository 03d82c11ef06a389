"""SQL for red lines, verdicts, and the event and quote queries that assessment needs."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, delete, func, insert, or_, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute

from redline.errors import NotFoundError, StoreError
from redline.records import (
    Kind,
    Pattern,
    RedLine,
    StoredEvent,
    StoredLine,
    StoredQuote,
    Verdict,
    flat_fields,
    from_flat,
)
from redline.store.db import Store, lock_keys
from redline.store.models import ArticleRow, EventRow, QuoteRow, RedLineRow, VerdictRow
from redline.store.outbox import AlertPayload, alert_lock, queue_alerts

#: The columns a stored event or quote is read from for assessment: every column of its
#: row (``records.flat``) but the article's, which come from the join, so that a field
#: added to ``records.Event`` reaches assessment with no edit here.
EVENT_COLUMNS = tuple(name for name, _ in flat_fields(StoredEvent)
                      if name not in ("headline", "url"))
QUOTE_COLUMNS = tuple(name for name, _ in flat_fields(StoredQuote)
                      if name not in ("headline", "outlet", "url"))
R = TypeVar("R", StoredEvent, StoredQuote)
BULK_TABLES = {"articles": ArticleRow, "events": EventRow, "quotes": QuoteRow}
_CHUNK = 500
_LIKE_ESCAPE = "/"


@dataclass(frozen=True)
class Window:
    """Which stored events and quotes a verdict may see.

    Only those published by ``upto`` (undated ones only when ``undated``). With
    ``after_id`` only what is new since a previous verdict: ids above it, or older ids
    published after ``since`` (that verdict's as-of time).
    """

    upto: datetime
    undated: bool = False
    after_id: int = 0
    since: datetime | None = None
    max_id: int | None = None
    late: bool = True  # False when nothing with an id up to after_id was published since
    known_by: datetime | None = None  # only articles stored (ingested) by then


# -- red lines ---------------------------------------------------------------------------

def add_lines(store: Store, lines: Sequence[RedLine]) -> list[str]:
    """Store red lines in one transaction; a line whose id is stored already is updated."""
    now = datetime.now(UTC)
    with store.write() as session:
        lock_keys(session, *(f"redline:{line.id}" for line in lines))
        for line in lines:
            row = session.get(RedLineRow, line.id)
            if row is None:
                row = RedLineRow(id=line.id, added=now)
                session.add(row)
            row.title, row.declared_by, row.declared = line.title, line.declared_by, line.declared
            row.source, row.spec, row.updated = line.source, line.spec, now
    return [line.id for line in lines]


def stored_lines(store: Store) -> list[StoredLine]:
    """Every stored red line as written, by id (``redline.assess.lines.list_lines`` reads
    them as red lines)."""
    with store.read() as session:
        rows = session.scalars(select(RedLineRow).order_by(RedLineRow.id)).all()
        return [_stored(row) for row in rows]


def stored_line(store: Store, line_id: str) -> StoredLine:
    """One stored red line as written; NotFoundError naming the stored ones."""
    with store.read() as session:
        row = session.get(RedLineRow, line_id)
        if row is None:
            known = session.scalars(select(RedLineRow.id).order_by(RedLineRow.id)).all()
            stored = ", ".join(known) or "none (add some with: redline lines add FILE)"
            raise NotFoundError(f"no red line {line_id!r}; stored lines: {stored}")
        return _stored(row)


def remove_lines(store: Store, line_ids: Sequence[str]) -> dict[str, int]:
    """Delete red lines and their verdict history in one transaction; every id must be
    stored (else nothing is deleted). Returns the number of verdicts removed per line."""
    for line_id in line_ids:
        stored_line(store, line_id)
    removed: dict[str, int] = {}
    with store.write() as session:
        for line_id in dict.fromkeys(line_ids):
            gone = session.execute(delete(VerdictRow).where(VerdictRow.line_id == line_id))
            session.execute(delete(RedLineRow).where(RedLineRow.id == line_id))
            removed[line_id] = int(getattr(gone, "rowcount", 0) or 0)
    return removed


def _stored(row: RedLineRow) -> StoredLine:
    return StoredLine(id=row.id, title=row.title, declared_by=row.declared_by,
                      declared=row.declared, source=row.source, spec=dict(row.spec or {}),
                      updated=row.updated)


# -- verdicts ----------------------------------------------------------------------------

def append_verdicts(store: Store, verdicts: Sequence[Verdict], *,
                    alerts: AlertPayload | None = None) -> list[Verdict]:
    """Append verdicts (never update one) in one transaction; returns them with their ids.

    With ``alerts``, the alert it gives for a verdict (one that moved) joins the alert
    outbox in the same transaction (``redline.store.outbox``)."""
    if not verdicts:
        return []
    rows = [{
        "line_id": v.line_id, "as_of": v.as_of, "computed": v.computed, "status": v.status,
        "evidence": v.evidence, "speculated": v.speculated, "assessments": v.assessments,
        "changed": v.changed, "moved_by_article": v.moved_by_article,
        "last_event_id": v.last_event_id, "last_quote_id": v.last_quote_id,
        "kind": v.kind, "known_by": v.known_by, "likelihood": v.likelihood,
        "probability": v.probability, "confidence": v.confidence, "reasons": v.reasons}
        for v in verdicts]
    statement = insert(VerdictRow).returning(VerdictRow.id, sort_by_parameter_order=True)
    with store.write() as session:
        if alerts is not None:
            alert_lock(session, [v.line_id for v in verdicts])
        ids = list(session.scalars(statement, rows))
        stored = [replace(v, id=i) for v, i in zip(verdicts, ids, strict=True)]
        if alerts is not None:
            queue_alerts(session, stored, alerts)
    return stored


def latest_verdict(store: Store, line_id: str, as_of: datetime | None = None, *,
                   kind: Kind | None = "live") -> Verdict | None:
    """The last ``kind`` of verdict (live by default; None: either) stored for ``line_id``
    (with ``as_of``: the last one as of then)."""
    query = select(VerdictRow).where(VerdictRow.line_id == line_id)
    if kind is not None:
        query = query.where(VerdictRow.kind == kind)
    if as_of is not None:
        query = query.where(VerdictRow.as_of <= as_of)
    query = query.order_by(VerdictRow.as_of.desc(), VerdictRow.id.desc()).limit(1)
    with store.read() as session:
        row = session.scalars(query).first()
        return _verdict(row) if row is not None else None


def status_timeline(store: Store, line_id: str, kind: Kind = "live"
                    ) -> list[tuple[datetime, str]]:
    """(as_of, status) of every ``kind`` of verdict on ``line_id``, oldest first, without
    their evidence."""
    query = select(VerdictRow.as_of, VerdictRow.status).where(
        VerdictRow.line_id == line_id, VerdictRow.kind == kind) \
        .order_by(VerdictRow.as_of, VerdictRow.id)
    with store.read() as session:
        return [(as_of, status) for as_of, status in session.execute(query)]


def verdict_history(store: Store, line_id: str, kind: Kind = "live") -> list[Verdict]:
    """Every ``kind`` of verdict stored for ``line_id`` (live: what redline concluded when
    it ran; look-back: verdicts for past as-of times), oldest as-of time first."""
    query = select(VerdictRow).where(VerdictRow.line_id == line_id, VerdictRow.kind == kind) \
        .order_by(VerdictRow.as_of, VerdictRow.id)
    with store.read() as session:
        return [_verdict(row) for row in session.scalars(query)]


def _verdict(row: VerdictRow) -> Verdict:
    return Verdict(
        id=row.id, line_id=row.line_id, as_of=row.as_of, computed=row.computed,
        status=row.status,  # type: ignore[arg-type]
        evidence=list(row.evidence or []), speculated=list(row.speculated or []),
        assessments=list(row.assessments or []), changed=dict(row.changed or {}),
        moved_by_article=row.moved_by_article, last_event_id=row.last_event_id,
        last_quote_id=row.last_quote_id, kind="look-back" if row.kind == "look-back" else "live",
        known_by=row.known_by, likelihood=row.likelihood, probability=row.probability,
        confidence=row.confidence,  # type: ignore[arg-type]
        reasons=list(row.reasons or []))


# -- events and quotes -------------------------------------------------------------------

def high_water_marks(store: Store) -> tuple[int, int]:
    """The highest event id and quote id stored now, each one such that no row with a
    lower id can still appear.

    PostgreSQL draws ids when a row is inserted, not when it is committed: a transaction
    still open may hold ids below the highest committed one. There each mark is read under
    a SHARE lock, which waits until every open writer of that table has committed or rolled
    back (and holds new writers off for the one read). One table a transaction, so that
    waiting for one table never holds a lock on the other (no deadlock with a writer).
    SQLite has one writer at a time and commits ids in order: nothing to wait for.
    """
    return _mark(store, EventRow), _mark(store, QuoteRow)


def _mark(store: Store, model: type[EventRow] | type[QuoteRow]) -> int:
    table = model.__tablename__
    try:
        with store.engine.begin() as connection:
            if store.dialect == "postgresql":
                connection.execute(text(f"LOCK TABLE {table} IN SHARE MODE"))
            return int(connection.scalar(select(func.max(model.id))) or 0)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the highest id of {table} (on "
                         f"PostgreSQL this locks {table} IN SHARE MODE, which needs UPDATE, "
                         f"DELETE or TRUNCATE privilege on it): {exc}") from exc


def _codes(column: InstrumentedAttribute[str | None], codes: Sequence[str], dialect: str
           ) -> ColumnElement[bool]:
    """``code`` or one of its sectors (``code-...``), written so that an index can serve it.

    SQLite compares text byte by byte (BINARY): the sectors are the range between
    ``code-`` and ``code.``. Elsewhere the column's collation may ignore punctuation
    (glibc locales such as en_US.UTF-8 do), which breaks such a range: there the sectors
    are a LIKE with a literal prefix, served by the ``text_pattern_ops`` indexes (0005).
    """
    if dialect == "sqlite":
        sectors = [and_(column > f"{code}-", column < f"{code}.") for code in codes]
    else:
        sectors = [column.like(f"{_escape_like(code)}-%", escape=_LIKE_ESCAPE)
                   for code in codes]
    return or_(column.in_(codes), *sectors)


def _escape_like(value: str) -> str:
    for special in (_LIKE_ESCAPE, "%", "_"):
        value = value.replace(special, _LIKE_ESCAPE + special)
    return value


def _slices(model: type[EventRow] | type[QuoteRow], window: Window
            ) -> list[list[ColumnElement[bool]]]:
    """The window as one query's conditions per slice, each slice served by an index:
    the ids above the mark, and the older ids published since the previous verdict."""
    dated: ColumnElement[bool] = model.published <= window.upto
    if window.undated:
        dated = or_(dated, model.published.is_(None))
    if window.known_by is not None:  # rows of articles stored by then (dataset rows: always)
        dated = and_(dated, or_(ArticleRow.ingested <= window.known_by,
                                model.article_id.is_(None)))
    top = [model.id <= window.max_id] if window.max_id is not None else []
    if not window.after_id and window.since is None:
        return [[dated, *top]]
    slices = [[dated, model.id > window.after_id, *top]]
    if window.since is not None and window.since < window.upto and window.late:
        slices.append([model.published > window.since, model.published <= window.upto,
                       model.id <= window.after_id])
    return slices


def matching_events(store: Store, pattern: Pattern, window: Window) -> list[StoredEvent]:
    """Events that may fit ``pattern`` (type, actors, recipients, modes) within ``window``,
    with the headline and URL of their article. Assessment checks the rest."""
    query = _pattern_query(store.dialect, pattern.events, pattern.actors, pattern.recipients,
                           pattern.modes)
    return _run_slices(store, query, EventRow, window, StoredEvent)


def events_in_window(store: Store, window: Window) -> list[StoredEvent]:
    """Every event within ``window`` (for small windows: what is new since a verdict)."""
    return _run_slices(store, _pattern_query(store.dialect, (), (), (), ()), EventRow, window,
                       StoredEvent)


@functools.lru_cache(maxsize=1024)
def _pattern_query(dialect: str, events: tuple[str, ...], actors: tuple[str, ...],
                   recipients: tuple[str, ...], modes: tuple[str, ...]) -> Any:
    columns = [getattr(EventRow, name) for name in EVENT_COLUMNS]
    query = select(*columns, ArticleRow.headline, ArticleRow.url) \
        .outerjoin(ArticleRow, ArticleRow.id == EventRow.article_id)
    if events:
        query = query.where(EventRow.event_type.in_(events))
    if actors:
        query = query.where(_codes(EventRow.actor, actors, dialect))
    if recipients:
        query = query.where(_codes(EventRow.recipient, recipients, dialect))
    if modes:
        query = query.where(EventRow.mode.in_(modes))
    return query


def _run_slices(store: Store, query: Any, model: type[EventRow] | type[QuoteRow],
                window: Window, record: type[R]) -> list[R]:
    rows: list[R] = []
    with store.engine.connect() as connection:
        for clauses in _slices(model, window):
            result = connection.execute(query.where(*clauses).order_by(model.id))
            rows.extend(from_flat(record, row) for row in result.mappings())
    return sorted(rows, key=lambda row: row.id or 0) if len(rows) > 1 else rows


def quotes_in_window(store: Store, window: Window, needles: Sequence[str] = ()
                     ) -> list[StoredQuote]:
    """Quotes within ``window`` whose content contains one of ``needles`` (any when empty),
    with their article's headline."""
    columns = [getattr(QuoteRow, name) for name in QUOTE_COLUMNS]
    query = select(*columns, ArticleRow.headline, ArticleRow.outlet, ArticleRow.url) \
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
    if needles:
        query = query.where(or_(*(QuoteRow.content.icontains(needle, autoescape=True)
                                  for needle in needles)))
    return _run_slices(store, query, QuoteRow, window, StoredQuote)


def publication_times(store: Store) -> list[datetime]:
    """When each stored article was published (those with a date), oldest first."""
    query = select(ArticleRow.published).where(ArticleRow.published.is_not(None)) \
        .order_by(ArticleRow.published)
    with store.read() as session:
        return [moment for moment in session.scalars(query) if moment is not None]


def article_references(store: Store, ids: Iterable[str]
                       ) -> dict[str, dict[str, str | None]]:
    """Outlet, headline, URL and publication time (ISO) of the articles ``ids``."""
    wanted = sorted(set(ids))
    found: dict[str, dict[str, str | None]] = {}
    columns = (ArticleRow.id, ArticleRow.outlet, ArticleRow.headline, ArticleRow.url,
               ArticleRow.published)
    with store.read() as session:
        for start in range(0, len(wanted), _CHUNK):
            query = select(*columns).where(ArticleRow.id.in_(wanted[start:start + _CHUNK]))
            for row in session.execute(query).mappings():
                published = row["published"]
                found[row["id"]] = {
                    "article_id": row["id"], "outlet": row["outlet"],
                    "headline": row["headline"], "url": row["url"],
                    "published": published.isoformat() if published else None}
    return found


def published_between(store: Store, table: str, since: datetime, upto: datetime,
                      max_id: int) -> bool:
    """Whether any row of ``table`` with an id up to ``max_id`` was published in
    (``since``, ``upto``]: rows stored before a verdict but published after its as-of time."""
    model: type[EventRow] | type[QuoteRow] = EventRow if table == "events" else QuoteRow
    query = select(model.id).where(model.published > since, model.published <= upto,
                                   model.id <= max_id).limit(1)
    with store.engine.connect() as connection:
        return connection.execute(query).first() is not None


def existing_ids(store: Store, table: str, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` are still in ``table`` (events or quotes): re-analysis replaces rows."""
    model: type[EventRow] | type[QuoteRow] = EventRow if table == "events" else QuoteRow
    wanted = sorted(set(ids))
    found: set[int] = set()
    if not wanted:
        return found
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":  # one statement, however many ids
            listed = select(func.json_each(json.dumps(wanted)).table_valued("value").c.value)
            query = select(model.id).where(model.id.in_(listed.scalar_subquery()))
            return set(connection.scalars(query))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            found.update(connection.scalars(select(model.id).where(model.id.in_(chunk))))
    return found


def bulk_insert(store: Store, table: str, rows: Iterable[dict[str, Any]], *,
                batch: int = 50_000) -> int:
    """Insert many rows (articles, events or quotes; for backfills and benchmarks) in one
    transaction with executemany. Returns how many were inserted."""
    if table not in BULK_TABLES:
        raise StoreError(f"cannot bulk-insert into {table!r}; valid: {', '.join(BULK_TABLES)}")
    statement = insert(BULK_TABLES[table].__table__)  # type: ignore[arg-type]
    count = 0
    with store.write() as session:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                session.execute(statement, chunk)
                count, chunk = count + len(chunk), []
        if chunk:
            session.execute(statement, chunk)
            count += len(chunk)
    return count
