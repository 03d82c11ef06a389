"""Ingest: text scrapes, HTML pages, RSS/Atom feeds, folders and JSONL batches to clean
``Article``s. Only ``redline.ingest.fetch`` touches the network. Storing and analysing
what is read is ``redline.pipeline.ingest``."""

from redline.ingest.build import article_from_text
from redline.ingest.feeds import articles_from_feed
from redline.ingest.html import article_from_html
from redline.ingest.metadata import SourceMeta, meta_from_flags, read_sidecar
from redline.ingest.scrape import Scrape, parse_scrape
from redline.ingest.sources import FORMATS, ReadOptions, count_items

__all__ = [
    "FORMATS",
    "ReadOptions",
    "Scrape",
    "SourceMeta",
    "article_from_html",
    "article_from_text",
    "articles_from_feed",
    "count_items",
    "meta_from_flags",
    "parse_scrape",
    "read_sidecar",
]
