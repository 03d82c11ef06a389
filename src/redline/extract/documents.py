"""Analysing a plain-text file: read it safely, drop page furniture, analyse the body."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from redline.errors import InputError
from redline.records import Analysis


def read_body(path: Path, *, max_bytes: int) -> str:
    """The article body of a text file: the ingest cleaner's body where it applies,
    else the file's text as it is."""
    try:
        from redline.ingest.files import decode_text, read_bytes
        from redline.ingest.scrape import parse_scrape
    except ImportError:  # pragma: no cover - both ship with redline.ingest
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read text: {exc}") from exc
    text = decode_text(read_bytes(path, max_bytes=max_bytes), source=str(path))
    body = parse_scrape(text).text
    return body if body.strip() else text


def analyze_file(path: Path, *, published: str | date | datetime | None = None,
                 max_bytes: int = 20_000_000) -> Analysis:
    """Events and quotes of the article in a plain-text or Markdown file."""
    from redline.extract import analyze

    return analyze(read_body(path, max_bytes=max_bytes), published=published)
