"""From what the user named (files, folders, URLs) to articles, one result per article.

Format detection, sidecar metadata and per-item errors live here; each format is read
by its own module, and fetching goes through ``redline.ingest.fetch``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from redline.errors import InputError
from redline.ingest.batch import EXTENSIONS, articles_from_jsonl, count_jsonl, folder_files
from redline.ingest.build import article_from_text
from redline.ingest.feeds import entry_article, feed_entries
from redline.ingest.fetch import Fetched, fetch
from redline.ingest.files import check_size, decode_text, read_bytes
from redline.ingest.html import article_from_html
from redline.ingest.metadata import SourceMeta, read_sidecar
from redline.records import Article
from redline.settings import Settings

FORMATS = ("auto", "text", "html", "feed", "jsonl")
Fetcher = Callable[[str], Fetched]
_URL = re.compile(r"https?://", re.IGNORECASE)
_FEED_TAG = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_ENTRY_TAG = re.compile(rb"<(?:item|entry)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """One article read from ``source``, or the error that stopped it."""

    source: str
    article: Article | None = None
    error: InputError | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How to read the inputs: format, metadata from flags, whether to follow feed links."""

    fmt: str = "auto"
    meta: SourceMeta = field(default_factory=SourceMeta)
    follow_links: bool = False


def is_url(target: str) -> bool:
    return _URL.match(target) is not None


def sniff_format(data: bytes) -> str:
    """Guess the format from the first bytes: feed, html, jsonl or text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head[:1024].lower()
    if _FEED_TAG.search(lowered):
        return "feed"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    if lowered.startswith(b"<?xml"):
        return "feed"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def _format_of(path: Path, fmt: str, data: bytes) -> str:
    if fmt != "auto":
        return fmt
    return EXTENSIONS.get(path.suffix.lower()) or sniff_format(data)


def _format_of_download(fetched: Fetched, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    kind = fetched.content_type
    if "html" in kind:
        return "html"
    if any(word in kind for word in ("rss", "atom", "xml")):
        return "feed"
    if "json" in kind:
        return "jsonl"
    return sniff_format(fetched.content)


class Reader:
    """Reads targets into ``Parsed`` results; only URLs (and feed links, when asked) are fetched."""

    def __init__(self, settings: Settings, options: ReadOptions,
                 fetcher: Fetcher | None = None) -> None:
        self.settings = settings
        self.options = options
        self.fetcher = fetcher or (lambda url: fetch(url, settings))

    def read(self, target: str) -> Iterator[Parsed]:
        try:
            if is_url(target):
                yield from self._read_url(target)
                return
            path = Path(target).expanduser()
            if path.is_dir():
                self._single_only(target, "a folder")
                files = folder_files(path, every_file=self.options.fmt != "auto")
                if not files:
                    raise InputError(target, "folder holds no text, HTML, feed or JSONL files")
                for file in files:
                    yield from self._read_file(file)
                return
            yield from self._read_file(path)
        except InputError as exc:
            yield Parsed(source=exc.source, error=exc)

    def _single_only(self, target: str, what: str) -> None:
        if self.options.meta.url is not None:
            raise InputError(target, f"--url names one article, but this is {what}; "
                                     "give --url with a single text or HTML input")

    def _read_file(self, path: Path) -> Iterator[Parsed]:
        source = str(path)
        try:
            data = read_bytes(path, max_bytes=self.settings.max_bytes)
            meta = self.options.meta.over(
                read_sidecar(path, max_bytes=self.settings.max_sidecar_bytes))
            yield from self._read_data(data, _format_of(path, self.options.fmt, data), meta,
                                       source)
        except InputError as exc:
            yield Parsed(source=exc.source, error=exc)

    def _read_url(self, url: str) -> Iterator[Parsed]:
        fetched = self.fetcher(url)
        check_size(fetched.content, max_bytes=self.settings.max_bytes, source=url)
        page = SourceMeta(url=fetched.url, retrieved=fetched.retrieved)
        fmt = _format_of_download(fetched, self.options.fmt)
        if fmt in ("feed", "jsonl"):
            page = SourceMeta(retrieved=fetched.retrieved)
        yield from self._read_data(fetched.content, fmt, self.options.meta.over(page), url)

    def _read_data(self, data: bytes, fmt: str, meta: SourceMeta, source: str
                   ) -> Iterator[Parsed]:
        if fmt == "html":
            yield _parsed(source, article_from_html(data, meta, source=source))
        elif fmt == "text":
            yield _parsed(source, article_from_text(decode_text(data, source=source), meta,
                                                    source=source))
        elif fmt == "feed":
            self._single_only(source, "a feed")
            yield from self._read_feed(data, meta, source)
        elif fmt == "jsonl":
            self._single_only(source, "a JSONL batch")
            text = decode_text(data, source=source)
            yield from (_parsed(source, item)
                        for item in articles_from_jsonl(text, meta, source=source))
        else:
            raise InputError(source, f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")

    def _read_feed(self, data: bytes, meta: SourceMeta, source: str) -> Iterator[Parsed]:
        downloaded = 0  # bytes of linked pages fetched for this feed (setting max_feed_bytes)
        entries = feed_entries(data, source, max_entry_chars=self.settings.max_entry_chars)
        for entry in entries:
            label = entry.label(source)
            try:
                if self.options.follow_links and entry.meta.url:
                    if downloaded >= self.settings.max_feed_bytes:
                        raise InputError(label, "not fetched: this feed's linked pages reached "
                                                f"{self.settings.max_feed_bytes:,} bytes "
                                                "(setting max_feed_bytes)")
                    fetched = self.fetcher(entry.meta.url)
                    downloaded += len(fetched.content)
                    yield _parsed(label, self._linked_page(entry.meta, meta, fetched))
                else:
                    yield _parsed(label, entry_article(entry, meta, source))
            except InputError as exc:
                yield Parsed(source=exc.source, error=exc)

    def _linked_page(self, entry: SourceMeta, meta: SourceMeta, fetched: Fetched) -> Article:
        source = entry.url or fetched.url
        check_size(fetched.content, max_bytes=self.settings.max_bytes, source=source)
        layered = meta.over(replace(entry, retrieved=fetched.retrieved))
        return article_from_html(fetched.content, layered, source=source)


def _parsed(source: str, item: Article | InputError) -> Parsed:
    if isinstance(item, InputError):
        return Parsed(source=item.source, error=item)
    return Parsed(source=item.source_path or source, article=item)


def count_items(targets: list[str], fmt: str = "auto", *, max_bytes: int) -> int:
    """About how many articles the targets hold (for a progress bar); URLs count one."""
    total = 0
    for target in targets:
        path = Path(target).expanduser()
        if is_url(target) or not path.exists():
            total += 1
        elif path.is_dir():
            total += sum(_count_file(f, fmt, max_bytes)
                         for f in folder_files(path, every_file=fmt != "auto"))
        else:
            total += _count_file(path, fmt, max_bytes)
    return total


def _count_file(path: Path, fmt: str, max_bytes: int) -> int:
    known = fmt if fmt != "auto" else EXTENSIONS.get(path.suffix.lower())
    if known in ("text", "html"):
        return 1
    try:
        if path.stat().st_size > max_bytes:
            return 1
        data = path.read_bytes()
    except OSError:
        return 1
    kind = known or sniff_format(data)
    if kind == "jsonl":
        return max(1, count_jsonl(data.decode("utf-8", errors="replace")))
    if kind == "feed":
        return max(1, len(_ENTRY_TAG.findall(data)))
    return 1
