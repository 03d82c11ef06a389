"""RSS and Atom feeds: each entry becomes an article (its content or summary).

A feed that declares entities is refused; any other DOCTYPE is removed; the rest is
read by defusedxml (no DTD, entities or external references) and only then handed to
feedparser, so feedparser never sees a declaration it could expand. Nothing here
fetches: fetching the page an entry links to is up to the caller
(``redline.ingest.sources``).
"""

from __future__ import annotations

import calendar
import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from redline.errors import InputError
from redline.ingest.build import make_article
from redline.ingest.metadata import SourceMeta
from redline.ingest.scrape import parse_scrape
from redline.records import Article

_FEED_ROOTS = frozenset({"rss", "feed", "RDF", "rdf:RDF"})
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                     "pre", "tr", "figcaption", "figure", "section", "article", "dd", "dt"})
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_XML_ENCODING = re.compile(rb"(<\?xml[^>]*?encoding\s*=\s*[\"'])[^\"']*([\"'])")
_ENTITY_DECL = re.compile(rb"<!\s*entity", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!doctype(?:[^\[>]|\[[^\]]*\])*>", re.IGNORECASE)


@dataclass(frozen=True)
class FeedEntry:
    """One entry: where it is in the feed, its metadata and its text (HTML or plain)."""

    index: int
    meta: SourceMeta
    body: str
    body_is_html: bool
    error: str | None = None  # why the entry cannot be read (too large)

    def label(self, source: str) -> str:
        return f"{source} entry {self.index}"


def _as_utf8(data: bytes, source: str) -> bytes:
    """UTF-16 and UTF-32 feeds re-encoded as UTF-8, so that the DOCTYPE checks below read
    every feed as ASCII-compatible bytes."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"malformed feed: not valid {encoding}") from exc
            return _XML_ENCODING.sub(b"\\1utf-8\\2", text.lstrip("\ufeff").encode("utf-8"),
                                     count=1)
    return data


def _without_doctype(data: bytes, source: str) -> bytes:
    """The feed with its DOCTYPE removed; refused when the DOCTYPE declares entities.

    With no DOCTYPE left, nothing downstream (defusedxml, feedparser) has an entity to
    expand, so no path hands an entity-laden document on.
    """
    if _ENTITY_DECL.search(data):
        raise InputError(source, "feed refused: it declares XML entities (<!ENTITY>), which "
                                 "are not allowed in feeds")
    if data.lower().count(b"<!doctype") > 1:
        raise InputError(source, "feed refused: more than one DOCTYPE")
    stripped = _DOCTYPE.sub(b"", data, count=1)
    if b"<!doctype" in stripped.lower():
        raise InputError(source, "feed refused: a DOCTYPE that cannot be read safely")
    return stripped


def _check_xml(data: bytes, source: str) -> bool:
    """Refuse unsafe XML; True if the XML is well-formed, False if only entities are undefined
    (HTML names such as &nbsp; that feedparser knows)."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(source, f"feed refused: {type(exc).__name__} (entity expansion or "
                                 "external references are not allowed)") from exc
    except ParseError as exc:
        if "undefined entity" in str(exc):
            return False
        raise InputError(source, f"malformed feed: not well-formed XML ({exc})") from exc
    tag = root.tag.rsplit("}", 1)[-1]
    if tag not in _FEED_ROOTS:
        raise InputError(source, f"malformed feed: root element is <{tag}>, expected "
                                 "<rss>, <feed> (Atom) or <rdf:RDF>")
    return True


def _utc(parsed: Any) -> datetime | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _entry(index: int, entry: Any, outlet: str | None, limit: int) -> FeedEntry:
    contents = entry.get("content") or []
    body, kind = "", "text/html"
    if contents:
        body, kind = contents[0].get("value", ""), contents[0].get("type", "text/html")
    if not body.strip():
        detail = entry.get("summary_detail") or {}
        body, kind = entry.get("summary", ""), detail.get("type", "text/html")
    meta = SourceMeta(
        url=_short(entry.get("link"), 2048),
        outlet=outlet,
        headline=_short(entry.get("title"), limit),
        byline=_short(entry.get("author"), 512),
        published=_utc(entry.get("published_parsed") or entry.get("updated_parsed")),
    )
    error = None
    if len(body) > limit:
        body, error = "", (f"entry is {len(body):,} characters, over the limit of {limit:,} "
                           "(setting max_entry_chars)")
    return FeedEntry(index=index, meta=meta, body=body, body_is_html="html" in kind,
                     error=error)


def feed_entries(data: bytes, source: str, *, max_entry_chars: int = 1_000_000
                 ) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed; raises ``InputError`` for a malformed feed.

    An entry over ``max_entry_chars`` is kept as an entry with no body and an ``error``.
    """
    import feedparser

    safe = _without_doctype(_as_utf8(data, source), source)
    well_formed = _check_xml(safe, source)
    parsed = feedparser.parse(safe, sanitize_html=True, resolve_relative_uris=False)
    if not well_formed and not parsed.entries:
        raise InputError(source, f"malformed feed: {parsed.get('bozo_exception', 'no entries')}")
    outlet = _short(parsed.feed.get("title"), max_entry_chars)
    return [_entry(index, entry, outlet, max_entry_chars)
            for index, entry in enumerate(parsed.entries, 1)]


def _short(value: Any, limit: int) -> str | None:
    """A metadata string, or None when missing or over ``limit`` characters."""
    return value if isinstance(value, str) and value and len(value) <= limit else None


class _FragmentText(HTMLParser):
    """Collects visible text, breaking paragraphs at block elements and <br>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS or tag == "br":
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element."""
    parser = _FragmentText()
    parser.feed(html)
    parser.close()
    paragraphs = (" ".join(part.split()) for part in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def entry_article(entry: FeedEntry, meta: SourceMeta, source: str) -> Article:
    """The article carried by the entry itself; ``meta`` (flags, sidecar) wins."""
    label = entry.label(source)
    if entry.error:
        raise InputError(label, entry.error)
    text = fragment_text(entry.body) if entry.body_is_html else entry.body
    if not text.strip():
        raise InputError(label, "entry has no content or summary")
    merged = meta.over(entry.meta)
    return make_article(parse_scrape(text, headline=merged.headline), merged, source=label)


def articles_from_feed(data: bytes, meta: SourceMeta, *, source: str
                       ) -> Iterator[Article | InputError]:
    """Each entry as an article, or as the error that stopped it."""
    for entry in feed_entries(data, source):
        try:
            yield entry_article(entry, meta, source)
        except InputError as exc:
            yield exc
