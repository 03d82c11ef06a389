"""Batches: a folder of files, or a JSONL file of ``{url, text|html, published, outlet, ...}``
records. Both yield one result per article, so that one bad item does not stop the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from redline.errors import InputError
from redline.ingest.build import article_from_text
from redline.ingest.html import article_from_html
from redline.ingest.metadata import SourceMeta, is_sidecar, meta_from_mapping
from redline.records import Article

#: File extensions read in a folder, and the format each one means.
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
#: Names (before the first dot) of files that describe a folder rather than hold an article.
_NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "copying"})


def folder_files(folder: Path, *, every_file: bool = False) -> list[Path]:
    """The files of ``folder`` (and its subfolders) that hold articles, in name order.

    Hidden files, metadata sidecars and README/LICENSE files are left out; so are
    unknown extensions unless ``every_file``.
    """
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if is_sidecar(path) or path.name.lower().split(".")[0] in _NOT_ARTICLES:
            continue
        if every_file or path.suffix.lower() in EXTENSIONS:
            found.append(path)
    return found


def _record_article(record: object, meta: SourceMeta, label: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(label, f"expected a JSON object, found {type(record).__name__}")
    merged = meta.over(meta_from_mapping(record, label))
    html, text = record.get("html"), record.get("text")
    if isinstance(text, str) and text.strip():
        return article_from_text(text, merged, source=label)
    if isinstance(html, str) and html.strip():
        return article_from_html(html, merged, source=label)
    raise InputError(label, 'record has neither a "text" nor an "html" field with content')


def articles_from_jsonl(text: str, meta: SourceMeta, *, source: str
                        ) -> Iterator[Article | InputError]:
    """Each record as an article, or the error naming its line number."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{source} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(label, f"malformed JSON ({exc.msg}: column {exc.colno})")
            continue
        try:
            yield _record_article(record, meta, label)
        except InputError as exc:
            yield exc


def count_jsonl(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())
