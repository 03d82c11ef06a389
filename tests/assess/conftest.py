"""Helpers for assessment tests: store articles with hand-built events, no extraction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from redline.records import FACTUALITY_LABELS, Analysis, Event, Quote
from redline.store import Store
from redline.store.evidence import replace_analysis
from redline.store.models import ArticleRow

from ..conftest import SHARED

PLOVER_GOLD = SHARED / "data" / "plover" / "gsr-dev.jsonl"

AddArticle = Callable[..., str]


def event(text: str, event_type: str, label: str, *, actor: str | None = None,
          recipient: str | None = None, objects: Sequence[str] = (),
          attributed_to: str | None = None, attributed_text: str | None = None,
          location: str | None = None) -> Event:
    """An event whose evidence is the whole of ``text``."""
    return Event(event=event_type, span=(0, len(text)), factuality=FACTUALITY_LABELS[label],
                 factuality_label=label, actor=actor, actor_text=actor, recipient=recipient,
                 recipient_text=recipient, objects=tuple(objects), attributed_to=attributed_to,
                 attributed_text=attributed_text, location=location, sentence=text)


def quote(text: str, content: str, *, speaker: str, role: str | None = None) -> Quote:
    start = text.index(content)
    return Quote(speaker=speaker, speaker_span=None, role=role, cue_span=None,
                 content_span=(start, start + len(content)), kind="direct", content=content)


@pytest.fixture
def add_article(store: Store) -> AddArticle:
    """Store an article and its (hand-built) analysis; returns the article id."""

    def add(text: str, *, outlet: str | None, published: datetime | None,
            events: Sequence[Event] = (), quotes: Sequence[Quote] = (),
            headline: str | None = None, url: str | None = None) -> str:
        article_id = hashlib.sha256(f"{outlet}|{published}|{text}".encode()).hexdigest()
        with store.write() as session:
            session.add(ArticleRow(
                id=article_id, text=text, outlet=outlet, headline=headline or text[:60],
                url=url, published=published, ingested=datetime.now(UTC), language="en",
                section_headings=[], boilerplate=[]))
        replace_analysis(store, article_id, Analysis(
            text=text, published=published, events=list(events), quotes=list(quotes)))
        return article_id

    return add


@pytest.fixture(scope="session")
def plover_gold() -> dict[str, dict[str, object]]:
    """PLOVER gold sentences by id, read from ../shared at test time."""
    if not PLOVER_GOLD.exists():
        pytest.skip(f"{PLOVER_GOLD} is not here (it is read from ../shared, never copied)")
    records = (json.loads(line) for line in PLOVER_GOLD.read_text(encoding="utf-8").splitlines()
               if line.strip())
    return {str(record["id"]): record for record in records}


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def sample_path(name: str) -> Path:
    return Path(__file__).resolve().parents[2] / "sample" / name
