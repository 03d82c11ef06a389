"""An ``Article`` from the parts of a page and what is known about it."""

from __future__ import annotations

from datetime import datetime

from redline.errors import InputError
from redline.ingest.identity import article_id, canonical_url
from redline.ingest.metadata import SourceMeta
from redline.ingest.scrape import Scrape, parse_scrape
from redline.records import Article


def published_time(scrape: Scrape, meta: SourceMeta) -> datetime | None:
    """Explicit metadata first, then a dateline on the page, then "3 hours ago" counted
    back from the retrieval time."""
    if meta.published is not None:
        return meta.published
    if scrape.dateline is not None:
        return scrape.dateline
    if scrape.relative_age is not None and meta.retrieved is not None:
        return meta.retrieved - scrape.relative_age
    return None


def make_article(scrape: Scrape, meta: SourceMeta, *, source: str) -> Article:
    """Assemble the article; raises ``InputError`` when no article text is left."""
    text = scrape.text
    if not text.strip():
        problem = ("no article text left after removing page furniture"
                   if scrape.boilerplate else "no article text found")
        raise InputError(source, problem)
    return Article(
        id=article_id(text),
        text=text,
        url=canonical_url(meta.url, source=source),
        outlet=meta.outlet,
        headline=scrape.headline or meta.headline,
        subheadline=meta.subheadline or scrape.subheadline,
        byline=meta.byline or scrape.byline,
        published=published_time(scrape, meta),
        retrieved=meta.retrieved,
        language=meta.language or "en",
        section_headings=scrape.section_headings,
        boilerplate=scrape.boilerplate,
        source_path=source,
    )


def article_from_text(text: str, meta: SourceMeta, *, source: str) -> Article:
    """A plain-text or Markdown scrape to an article."""
    return make_article(parse_scrape(text, headline=meta.headline), meta, source=source)
