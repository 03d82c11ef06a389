"""Analysing a plain-text file: read it safely, drop page furniture, analyse the body."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from redline.errors import InputError
from redline.records import Analysis


def read_body(path: Path, *, max_bytes: int) -> str:
    """The article body of a text file: the ingest cleaner's body where it applies,
    else the file's text as it is."""
    from redline.ingest.files import read_bytes

    return body_of(read_bytes(path, max_bytes=max_bytes), source=str(path))


def body_of(raw: bytes, *, source: str) -> str:
    """The article body of a text given as bytes (a file's or standard input's)."""
    from redline.ingest.files import decode_text
    from redline.ingest.scrape import parse_scrape

    text = decode_text(raw, source=source)
    body = parse_scrape(text).text
    return body if body.strip() else text


def read_stream(stream: BinaryIO, *, source: str, max_bytes: int) -> bytes:
    """Up to ``max_bytes`` from ``stream`` (standard input); more is an error."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(source, f"more than the limit of {max_bytes} bytes "
                                 "(setting max_bytes / REDLINE_MAX_BYTES)")
    return raw


def analyze_file(path: Path, *, published: str | date | datetime | None = None,
                 max_bytes: int = 20_000_000) -> Analysis:
    """Events and quotes of the article in a plain-text or Markdown file."""
    from redline.extract import analyze

    return analyze(read_body(path, max_bytes=max_bytes), published=published)


def analyze_stream(stream: BinaryIO, *, published: str | date | datetime | None = None,
                   max_bytes: int = 20_000_000, source: str = "<stdin>") -> Analysis:
    """Events and quotes of the article read from ``stream`` (e.g. standard input)."""
    from redline.extract import analyze

    raw = read_stream(stream, source=source, max_bytes=max_bytes)
    return analyze(body_of(raw, source=source), published=published)
