"""A plain-text (or Markdown) scrape of a news page, told apart into headline,
subheadline, byline, section headings, body paragraphs and page furniture.

The rules are general: they look at the shape of lines (short, no closing
punctuation, "By ..." lines, Markdown headings) and at the cues in
``furniture.yaml``, never at the words of a particular article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from redline.ingest.furniture import Cues, byline, load_cues
from redline.ingest.paragraphs import Page, Paragraph, read_page

_HEADLINE_MAX_WORDS = 30
_SUBHEADLINE_MIN_WORDS = 4
_SUBHEADLINE_MAX_WORDS = 45
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 100
_LEAD_SPAN = 4  # paragraphs after the headline searched for a subheadline and byline
_QUOTES = "'\"‘’“”"
_OPEN_END = re.compile(r"[.!?:;,…—–-]$")
_INNER_SENTENCE_END = re.compile(r"[a-z]{2,}[.!?]['\"”’)]*\s+[―—–-]?\s*[A-Z]")


@dataclass(frozen=True)
class Scrape:
    """The parts of a scraped page."""

    paragraphs: tuple[str, ...]
    headline: str | None = None
    subheadline: str | None = None
    byline: str | None = None
    section_headings: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    dateline: datetime | None = None  # publication time printed on the page
    relative_age: timedelta | None = None  # "3 hours ago": how long before retrieval

    @property
    def text(self) -> str:
        """The body: paragraphs separated by one blank line."""
        return "\n\n".join(self.paragraphs)


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _title_shaped(paragraph: Paragraph, max_words: int) -> bool:
    """One line, short, and not closed like a sentence."""
    core = paragraph.text.strip(_QUOTES + " ")
    return (paragraph.lines == 1 and not paragraph.list_item and 0 < paragraph.words <= max_words
            and any(ch.isalpha() for ch in core) and not _OPEN_END.search(core))


def _heading_shaped(paragraph: Paragraph) -> bool:
    core = paragraph.text.strip(_QUOTES + " ")
    return (_title_shaped(paragraph, _HEADING_MAX_WORDS)
            and len(paragraph.text) <= _HEADING_MAX_CHARS
            and (core[:1].isupper() or core[:1].isdigit())
            and not _INNER_SENTENCE_END.search(core))


class _Parts:
    """Assigns each paragraph of a page a role, front to back."""

    def __init__(self, paragraphs: list[Paragraph], cues: Cues) -> None:
        self.rest = paragraphs
        self.cues = cues
        self.headline: str | None = None
        self.subheadline: str | None = None
        self.byline: str | None = None

    def take_headline(self, known: str | None) -> bool:
        """Consume the headline line; True when the page itself carries it."""
        if not self.rest:
            self.headline = known
            return False
        first = self.rest[0]
        if known is not None:
            self.headline = known
            if _key(first.text) == _key(known):
                self.rest = self.rest[1:]
                return True
            return False
        if first.heading_level == 1 or _title_shaped(first, _HEADLINE_MAX_WORDS):
            self.headline = first.text
            self.rest = self.rest[1:]
            return True
        return False

    def take_lead(self, headline_on_page: bool) -> None:
        """Consume the byline and the subheadline between the headline and the body."""
        lead = self.rest[:_LEAD_SPAN]
        for index, paragraph in enumerate(lead):
            name = byline(paragraph.text, self.cues) if paragraph.lines == 1 else None
            if name is not None:
                self.byline = name
                standfirst = lead[:index]
                if headline_on_page and 0 < len(standfirst) <= 2 and all(
                        p.words <= _SUBHEADLINE_MAX_WORDS for p in standfirst):
                    self.subheadline = " ".join(p.text for p in standfirst)
                    self.rest = self.rest[index + 1:]
                else:
                    self.rest = self.rest[:index] + self.rest[index + 1:]
                return
            if paragraph.body_like:
                break
        if headline_on_page and len(self.rest) > 1:
            first = self.rest[0]
            if (_title_shaped(first, _SUBHEADLINE_MAX_WORDS)
                    and first.words >= _SUBHEADLINE_MIN_WORDS and first.heading_level == 0):
                self.subheadline = first.text
                self.rest = self.rest[1:]

    def split_headings(self) -> tuple[list[str], list[str]]:
        """Section headings (Markdown, or heading-shaped lines between body paragraphs)."""
        headings: list[str] = []
        body: list[str] = []
        seen_body = False
        for index, paragraph in enumerate(self.rest):
            following = self.rest[index + 1] if index + 1 < len(self.rest) else None
            if paragraph.heading_level or (
                    seen_body and following is not None and following.body_like
                    and _heading_shaped(paragraph)):
                headings.append(paragraph.text)
                continue
            body.append(paragraph.text)
            seen_body = seen_body or paragraph.body_like
        return headings, body


def _published_dateline(page: Page) -> datetime | None:
    for stamp in page.datelines:
        if stamp.published:
            return stamp.moment
    return page.datelines[0].moment if page.datelines else None


def parse_scrape(raw: str, *, headline: str | None = None, cues: Cues | None = None) -> Scrape:
    """Tell apart the parts of a scraped page.

    ``headline`` is the title known from metadata (a sidecar, a feed, HTML): when the
    page repeats it on its first line, that line is taken as the headline.
    """
    page = read_page(raw, cues or load_cues())
    parts = _Parts(page.paragraphs, cues or load_cues())
    on_page = parts.take_headline(headline)
    parts.take_lead(on_page)
    headings, body = parts.split_headings()
    return Scrape(
        paragraphs=tuple(body), headline=parts.headline, subheadline=parts.subheadline,
        byline=parts.byline, section_headings=tuple(headings),
        boilerplate=tuple(page.boilerplate), dateline=_published_dateline(page),
        relative_age=page.relative_ages[0] if page.relative_ages else None,
    )
