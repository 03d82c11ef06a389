"""HTML pages: main text and metadata (title, author, date, site name) by trafilatura,
then the same furniture rules as for text scrapes."""

from __future__ import annotations

import logging
import warnings
from typing import Any

from redline.errors import InputError
from redline.ingest.build import make_article
from redline.ingest.dates import to_utc
from redline.ingest.metadata import SourceMeta
from redline.ingest.scrape import parse_scrape
from redline.records import Article

log = logging.getLogger(__name__)
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True,
                "extensive_search": False}


def _extract(html: str | bytes, url: str | None) -> Any:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml's FutureWarnings from inside trafilatura
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_formatting=True, include_images=False, output_format="python",
            date_extraction_params=_DATE_PARAMS)


def page_meta(document: Any, source: str) -> SourceMeta:
    """Title, author, date and site name that trafilatura found in the page."""
    published = None
    if getattr(document, "date", None):
        try:
            published = to_utc(document.date, source=source, field="date")
        except InputError:
            log.debug("%s: unreadable page date %r", source, document.date)
    return SourceMeta(
        url=getattr(document, "url", None) or None,
        outlet=getattr(document, "sitename", None) or None,
        headline=getattr(document, "title", None) or None,
        byline=getattr(document, "author", None) or None,
        published=published,
        language=getattr(document, "language", None) or None,
    )


def article_from_html(html: str | bytes, meta: SourceMeta, *, source: str) -> Article:
    """Extract the article from an HTML page; ``meta`` (flags, sidecar) wins over the page's."""
    if not html.strip():
        raise InputError(source, "empty HTML page")
    document = _extract(html, meta.url)
    if document is None or not (getattr(document, "text", None) or "").strip():
        raise InputError(source, "no article text found in the HTML page")
    merged = meta.over(page_meta(document, source))
    scrape = parse_scrape(document.text, headline=merged.headline)
    return make_article(scrape, merged, source=source)
