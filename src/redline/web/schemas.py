"""Response models of the JSON API; the HTML pages render the same objects."""

from __future__ import annotations

import dataclasses
import typing
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from redline import records
from redline.records import FIELD_HELP
from redline.store.browse import ArticleRecord, EventRecord, QuoteRecord, SearchQuery


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


def record_fields(record: type) -> dict[str, tuple[Any, Any]]:
    """The fields of a record dataclass as ``create_model`` takes them: type and default
    (a list field defaults to empty), described by ``records.FIELD_HELP``."""
    hints = typing.get_type_hints(record)
    fields: dict[str, tuple[Any, Any]] = {}
    for item in dataclasses.fields(record):
        if item.default is not dataclasses.MISSING:
            default: Any = Field(item.default, description=FIELD_HELP.get(item.name))
        elif item.default_factory is not dataclasses.MISSING or \
                typing.get_origin(hints[item.name]) in (list, tuple):
            default = Field(default_factory=list, description=FIELD_HELP.get(item.name))
        elif type(None) in typing.get_args(hints[item.name]):
            default = Field(None, description=FIELD_HELP.get(item.name))
        else:
            default = Field(..., description=FIELD_HELP.get(item.name))
        fields[item.name] = (hints[item.name], default)
    return fields


def record_model(name: str, record: type, **overrides: tuple[Any, Any]) -> type[_Model]:
    """The API model of a record: one field per field of the dataclass (``overrides``
    retype some), so a field added to the record is served with no other edit."""
    fields: dict[str, Any] = {**record_fields(record), **overrides}
    model: type[_Model] = create_model(name, __base__=_Model, __module__=__name__, **fields)
    return model


# Each class below is built from its record; mypy sees the dynamic base as Any.
class EvidenceItem(record_model("EvidenceItem", records.EvidenceItem)):  # type: ignore[misc]
    """An event behind a verdict (evidence) or a speculated trigger event."""


class Event(record_model("Event", EventRecord)):  # type: ignore[misc]
    """A stored event with its article's headline."""


class Quote(record_model("Quote", QuoteRecord)):  # type: ignore[misc]
    """A stored quote with its article's headline and outlet."""


class Article(record_model(  # type: ignore[misc]
        "Article", ArticleRecord,
        events=(list[Event], Field(default_factory=list)),
        quotes=(list[Quote], Field(default_factory=list)))):
    """A stored article with its events and quotes."""


class SearchFilters(record_model("SearchFilters", SearchQuery)):  # type: ignore[misc]
    """The filters a search ran with."""


class Assessment(_Model):
    """A quoted judgement on the red line itself."""

    quote_id: int | None = None
    speaker: str | None = None
    role: str | None = None
    says: str = Field(..., description="not_crossed, crossed or approaching")
    content: str | None = None
    article_id: str | None = None
    headline: str | None = None
    outlet: str | None = None
    published: str | None = None
    span: list[int] | None = None
    reliability: str | None = Field(None, description="reliability A..F of the speaker")


class Change(_Model):
    """What changed since the previous verdict."""

    from_: str | None = Field(None, alias="from", description="previous status")
    to: str | None = None
    new_evidence: list[int] = Field(default_factory=list, description="event ids")
    article_id: str | None = None

    model_config = ConfigDict(extra="ignore", populate_by_name=True, serialize_by_alias=True)


class Verdict(_Model):
    id: int | None = Field(None, description="stored verdict id; null when computed on request")
    line_id: str
    as_of: datetime
    computed: datetime | None = None
    status: str = Field(..., description="not_crossed, precursors_seen, reported_crossed "
                        "or crossed")
    status_text: str
    stored: bool = Field(True, description="false when computed for an as-of date on request")
    evidence: list[EvidenceItem] = Field(default_factory=list)
    speculated: list[EvidenceItem] = Field(default_factory=list)
    assessments: list[Assessment] = Field(default_factory=list)
    changed: Change | None = None
    moved_by_article: str | None = None
    likelihood: str | None = Field(None, description="ICD 203 word for \"the line has been "
                                   "crossed\" (almost no chance ... almost certain)")
    probability: float | None = Field(None, description="the probability behind the word")
    confidence: str | None = Field(None, description="low, moderate or high")
    kind: str = Field("live", description="live (what redline concluded when it ran) or "
                      "look-back (computed later for a past as-of time)")
    published_by: datetime | None = Field(None, description="cut-off: articles published by")
    known_by: datetime | None = Field(None, description="cut-off: articles stored by")
    reasons: list[str] = Field(default_factory=list,
                               description="how the likelihood and confidence were reached")


class HistoryEntry(_Model):
    id: int
    as_of: datetime
    computed: datetime
    status: str
    status_text: str
    likelihood: str | None = None
    confidence: str | None = None
    kind: str = "live"
    changed: Change | None = None
    evidence_count: int
    moved_by_article: str | None = None


class Line(_Model):
    id: str
    title: str
    declared_by: str
    declared: str | None = None
    source: str | None = None
    trigger: str | None = Field(None, description="the trigger, in words")
    precursors: list[str] = Field(default_factory=list, description="precursors, in words")
    consequence: str | None = Field(None, description="what the declarer said it would do")
    options: list[str] = Field(default_factory=list, description="responses under discussion")
    spec: dict[str, Any] = Field(default_factory=dict, description="the definition as written")


class LineSummary(_Model):
    """One card of the overview."""

    line: Line
    status: str | None = Field(None, description="status of the latest verdict; null if none")
    status_text: str
    verdict_as_of: datetime | None = None
    last_change: datetime | None = Field(None, description="as-of time of the last status change")
    likelihood: str | None = Field(None, description="ICD 203 likelihood of the latest verdict")
    confidence: str | None = Field(None, description="low, moderate or high")
    strongest_evidence: EvidenceItem | None = None


class LineDetail(_Model):
    line: Line
    as_of: datetime | None = Field(None, description="the as-of time asked for; null for latest")
    verdict: Verdict | None = None
    history: list[HistoryEntry] = Field(default_factory=list)
    look_backs: list[HistoryEntry] = Field(
        default_factory=list,
        description="verdicts computed later for past as-of times (assess --as-of), newest "
                    "as-of first; never mixed into the live history")


class SearchResult(_Model):
    query: SearchFilters
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events_truncated: bool = False  # more match than this page shows
    quotes_truncated: bool = False
    events_total: int = 0  # how many match in all, counted up to 10,001 (10,001: more)
    quotes_total: int = 0
