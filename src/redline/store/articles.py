"""Articles: stored once each (same text or same canonical URL), listed, searched, shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session

from redline.errors import InputError, NotFoundError
from redline.records import Article
from redline.store.db import Store, lock_keys
from redline.store.models import ArticleRow, EventRow, QuoteRow

SaveStatus = Literal["new", "changed", "unchanged"]
#: Fields that a later ingest of the same article may fill in or correct.
_METADATA = ("url", "outlet", "headline", "subheadline", "byline", "published", "language")


@dataclass(frozen=True)
class Saved:
    """What storing an article did. ``replaced`` is the id of the older version it replaced."""

    status: SaveStatus
    article_id: str
    replaced: str | None = None


@dataclass(frozen=True)
class StoredArticle:
    article: Article
    ingested: datetime
    analyzed: datetime | None


def _row(article: Article, now: datetime) -> ArticleRow:
    return ArticleRow(
        id=article.id, url=article.url, outlet=article.outlet, headline=article.headline,
        subheadline=article.subheadline, byline=article.byline, published=article.published,
        retrieved=article.retrieved, ingested=now, language=article.language, text=article.text,
        section_headings=list(article.section_headings), boilerplate=list(article.boilerplate),
        source_path=article.source_path,
    )


def _article(row: ArticleRow) -> Article:
    return Article(
        id=row.id, text=row.text, url=row.url, outlet=row.outlet, headline=row.headline,
        subheadline=row.subheadline, byline=row.byline, published=row.published,
        retrieved=row.retrieved, language=row.language,
        section_headings=tuple(row.section_headings or ()),
        boilerplate=tuple(row.boilerplate or ()), source_path=row.source_path,
    )


def _stored(row: ArticleRow) -> StoredArticle:
    return StoredArticle(article=_article(row), ingested=row.ingested, analyzed=row.analyzed)


def _merge(session: Session, row: ArticleRow, article: Article) -> SaveStatus:
    """Fill in or correct metadata of an article already stored under the same text."""
    changed = False
    for name in _METADATA:
        value = getattr(article, name)
        if value is None or value == getattr(row, name):
            continue
        if name == "url" and session.scalar(
                select(ArticleRow.id).where(ArticleRow.url == value, ArticleRow.id != row.id)):
            continue  # that URL already belongs to another stored article
        setattr(row, name, value)
        changed = True
    if changed:
        row.analyzed = None  # the analysis depends on metadata such as the publication date
        _copy_metadata_to_evidence(session, row)
    return "changed" if changed else "unchanged"


def _copy_metadata_to_evidence(session: Session, row: ArticleRow) -> None:
    """Keep the copies of ``published`` and ``outlet`` on the article's events and quotes
    in step with the article until it is analysed again."""
    session.execute(update(EventRow).where(EventRow.article_id == row.id)
                    .values(published=row.published, outlet=row.outlet))
    session.execute(update(QuoteRow).where(QuoteRow.article_id == row.id)
                    .values(published=row.published))


def save_article(store: Store, article: Article) -> Saved:
    """Store ``article`` once, in one transaction.

    - same text (same id) as a stored article: ``unchanged``, or ``changed`` when it brings
      new metadata (which is filled in);
    - same canonical URL as a stored article with other text: the new version replaces
      the old one (``changed``; the old analysis goes with it);
    - otherwise ``new``.
    """
    now = datetime.now(UTC)
    with store.write() as session:
        lock_keys(session, article.id, article.url)  # the check and the insert, as one
        row = session.get(ArticleRow, article.id)
        if row is not None:
            return Saved(_merge(session, row, article), article.id)
        older = None
        if article.url is not None:
            older = session.scalar(select(ArticleRow).where(ArticleRow.url == article.url))
        if older is not None:
            replaced = older.id
            session.execute(delete(ArticleRow).where(ArticleRow.id == replaced))
            session.add(_row(article, now))
            return Saved("changed", article.id, replaced=replaced)
        session.add(_row(article, now))
        return Saved("new", article.id)


def get_article(store: Store, id_or_prefix: str) -> StoredArticle:
    """The article with this id, or the only one whose id starts with it."""
    prefix = id_or_prefix.strip().lower()
    if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
        raise NotFoundError(f"{id_or_prefix!r} is not an article id (hex digits, as listed by "
                            "`redline articles`)")
    with store.read() as session:
        rows = list(session.scalars(
            select(ArticleRow).where(ArticleRow.id.startswith(prefix)).limit(6)))
    if not rows:
        raise NotFoundError(f"no article with id {id_or_prefix!r} in {store.url}")
    if len(rows) > 1:
        shown = ", ".join(row.id[:12] for row in rows[:5])
        raise NotFoundError(f"id prefix {id_or_prefix!r} matches several articles ({shown}"
                            f"{', ...' if len(rows) > 5 else ''}); give more characters")
    return _stored(rows[0])


def matching_article_ids(store: Store, prefix: str, limit: int = 5) -> list[str]:
    """Ids of the articles whose id starts with ``prefix`` (hex, any case); at most
    ``limit``. A prefix that is not hex matches nothing."""
    prefix = prefix.strip().lower()
    if not prefix or any(ch not in "0123456789abcdef" for ch in prefix):
        return []
    with store.read() as session:
        return list(session.scalars(select(ArticleRow.id).where(ArticleRow.id.startswith(prefix))
                                    .order_by(ArticleRow.id).limit(limit)))


def _filtered(query: Select[ArticleRow], *, search: str | None, outlet: str | None,
              since: datetime | None) -> Select[ArticleRow]:
    for name, value in (("search", search), ("outlet", outlet)):
        if value and "\x00" in value:
            raise InputError(name, "contains a NUL character (%00), which no stored text has")
    if search:
        term = search.lower()
        query = query.where(or_(
            func.lower(ArticleRow.headline).contains(term, autoescape=True),
            func.lower(ArticleRow.subheadline).contains(term, autoescape=True),
            func.lower(ArticleRow.text).contains(term, autoescape=True)))
    if outlet:
        query = query.where(func.lower(ArticleRow.outlet).contains(outlet.lower(),
                                                                   autoescape=True))
    if since is not None:
        query = query.where(ArticleRow.published >= since)
    return query


def list_articles(store: Store, *, search: str | None = None, outlet: str | None = None,
                  since: datetime | None = None, limit: int = 50) -> list[StoredArticle]:
    """Articles, newest publication first; ``search`` looks in headline and text and
    ``outlet`` in the outlet name (both ignore case); ``since`` keeps those published then
    or later."""
    query = _filtered(select(ArticleRow), search=search, outlet=outlet, since=since)
    query = query.order_by(ArticleRow.published.is_(None), ArticleRow.published.desc(),
                           ArticleRow.ingested.desc()).limit(limit)
    with store.read() as session:
        return [_stored(row) for row in session.scalars(query)]


def count_articles(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(ArticleRow)) or 0)
