"""From the lines of a scrape to paragraphs: furniture out, hard-wrapped lines joined,
Markdown headings recognised and inline Markdown (links, emphasis, escapes) reduced to text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from redline.ingest.furniture import (
    Cues,
    Dateline,
    dateline,
    is_furniture,
    is_list_heading,
    is_tail_marker,
    relative_time,
)

_HEADING = re.compile(r"\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*")
_LIST_ITEM = re.compile(r"\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+(.*)")
_QUOTE = re.compile(r"\s{0,3}>\s?(.*)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(
    r"(?<!\\)\[((?:[^\[\]\\]|\\.)+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_STRONG = re.compile(r"(?<![\\\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_EMPHASIS = re.compile(r"(?<![\\\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TERMINAL = re.compile(r"[.!?…]['\"”’)\]]*$")
_BODY_MIN_WORDS = 6
_MIN_WRAPPED_WORDS = 6
_NEVER_LAST = frozenset((
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "as", "that", "than", "into", "onto", "over", "under", "about", "after",
    "before", "between", "through", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those"))
_WRAP_SLACK = 2  # a glued no-break space or a trailing space shifts the wrap column


@dataclass(frozen=True)
class Paragraph:
    """A run of content lines joined into one paragraph."""

    text: str
    lines: int = 1
    heading_level: int = 0  # Markdown heading level; 0 for text
    list_item: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def body_like(self) -> bool:
        """Reads as a sentence or more of running text."""
        return self.heading_level == 0 and self.words >= _BODY_MIN_WORDS and ends_sentence(
            self.text)


@dataclass
class Page:
    """What a scrape is made of, before headline, byline and headings are told apart."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    datelines: list[Dateline] = field(default_factory=list)
    relative_ages: list[timedelta] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    raw: str  # the line as written, right-stripped
    text: str  # inline Markdown reduced, spaces collapsed
    heading_level: int = 0
    list_item: bool = False


def ends_sentence(text: str) -> bool:
    return _TERMINAL.search(text.rstrip()) is not None


def normalise_chars(raw: str) -> str:
    """One newline convention, no invisible characters, no-break spaces and tabs as spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")


def reduce_inline(text: str) -> str:
    """Markdown links and images to their text, emphasis markers and escapes removed."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _STRONG.sub(lambda m: m.group(2), text)
    text = _EMPHASIS.sub(lambda m: m.group(1), text)
    text = _ESCAPE.sub(lambda m: m.group(1), text)
    return " ".join(text.split())


def _read_line(raw: str) -> _Line:
    heading = _HEADING.fullmatch(raw)
    if heading:
        return _Line(raw, reduce_inline(heading.group(2)), heading_level=len(heading.group(1)))
    item = _LIST_ITEM.fullmatch(raw)
    if item and not re.fullmatch(r"(?:[-*_]\s*){3,}", raw.strip()):
        return _Line(raw, reduce_inline(item.group(1)), list_item=True)
    quote = _QUOTE.fullmatch(raw)
    return _Line(raw, reduce_inline(quote.group(1) if quote else raw))


def _blocks(text: str) -> list[list[_Line]]:
    """Lines grouped into blocks separated by blank (or whitespace-only) lines."""
    blocks: list[list[_Line]] = [[]]
    for raw in text.split("\n"):
        if raw.strip():
            blocks[-1].append(_read_line(raw.rstrip()))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


class _Reader:
    """Walks the lines once, sorting furniture from content."""

    def __init__(self, cues: Cues) -> None:
        self.cues = cues
        self.page = Page()
        self.in_tail = False
        self.seen_body = False

    def furniture(self, line: _Line) -> bool:
        """Whether ``line`` is furniture; records it and any date it carries."""
        text, cues = line.text, self.cues
        if self.in_tail or is_tail_marker(text, cues):
            # Before the article begins such a line is navigation ("Trending"): only it goes.
            self.in_tail = self.seen_body
        elif (age := relative_time(text, cues)) is not None:
            self.page.relative_ages.append(age)
        elif (stamp := dateline(text, cues)) is not None:
            self.page.datelines.append(stamp)
        elif not (is_furniture(text, cues) or is_furniture(line.raw.strip(), cues)
                  or (line.raw.strip() and not text)):
            return False
        self.page.boilerplate.append(text or line.raw.strip())
        return True

    def read_block(self, block: list[_Line], width: int | None) -> None:
        run: list[_Line] = []
        for index, line in enumerate(block):
            if line.heading_level == 0 and is_list_heading(line.text, self.cues):
                self.page.boilerplate.extend(rest.text for rest in block[index:] if rest.text)
                break
            if not (run and _forced_wrap(run[-1], line, width)) and self.furniture(line):
                self._flush(run, width)
                run = []
                continue
            run.append(line)
        self._flush(run, width)

    def _flush(self, run: list[_Line], width: int | None) -> None:
        for paragraph in _join(run, width):
            self.page.paragraphs.append(paragraph)
            self.seen_body = self.seen_body or paragraph.body_like


def _next_word_overflows(line: _Line, following: _Line, width: int) -> bool:
    """``following``'s first word would not have fitted at the end of ``line``."""
    first_word = following.raw.split(maxsplit=1)[0] if following.raw.strip() else ""
    return len(line.raw) + 1 + len(first_word) > width - _WRAP_SLACK


def _forced_wrap(line: _Line, following: _Line, width: int | None) -> bool:
    """``line`` was broken mid-sentence: ``following``'s first word did not fit the wrap
    width or, with no width known, ``line`` ends on a word that cannot end a sentence."""
    if ends_sentence(line.text) or line.heading_level:
        return False
    if width is None:
        words = line.text.split()
        return len(words) >= _MIN_WRAPPED_WORDS and words[-1] in _NEVER_LAST
    return _next_word_overflows(line, following, width)


def _wraps(line: _Line, following: _Line, width: int | None) -> bool:
    """Whether ``following`` continues ``line`` (a hard-wrapped paragraph)."""
    if line.heading_level or following.heading_level or following.list_item:
        return False
    if _forced_wrap(line, following, width):
        return True
    if width is not None and _next_word_overflows(line, following, width):
        return True
    return following.text[:1].islower() and not ends_sentence(line.text)


def _join(run: list[_Line], width: int | None) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: list[_Line] = []
    for line in run:
        if current and not _wraps(current[-1], line, width):
            paragraphs.append(_paragraph(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(_paragraph(current))
    return paragraphs


def _paragraph(lines: list[_Line]) -> Paragraph:
    text = " ".join(line.text for line in lines if line.text)
    first = lines[0]
    return Paragraph(text=text, lines=len(lines), heading_level=first.heading_level,
                     list_item=first.list_item)


def wrap_width(blocks: list[list[_Line]], cues: Cues) -> int | None:
    """The column a hard-wrapped text was wrapped at; None if its lines are not wrapped.

    Looks at content lines followed by another line of the same block: in a wrapped
    text most of them end near one column.
    """
    lengths = sorted(len(line.raw) for block in blocks for line in block[:-1]
                     if not line.heading_level and not is_furniture(line.text, cues))
    if len(lengths) < 3:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(1 for length in lengths if 0.7 * width <= length <= width)
    if width > 200 or near < 0.5 * len(lengths):
        return None
    return width


def read_page(raw: str, cues: Cues) -> Page:
    """Split a scrape into content paragraphs and furniture."""
    blocks = _blocks(normalise_chars(raw))
    width = wrap_width(blocks, cues)
    reader = _Reader(cues)
    for block in blocks:
        reader.read_block(block, width)
    return reader.page
