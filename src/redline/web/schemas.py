"""Response models of the JSON API; the HTML pages render the same objects.

Each model that mirrors a record is built from it (``record_model``): one field per flat
field of the record (``records.flat_fields``), described by the field's help, so a field
added to the record is served with no other edit.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from redline import records
from redline.records import FIELD_HELP, STORED_NAME, flat_fields
from redline.store.verdict_pages import VerdictSummary


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


def _declared(record: type) -> dict[str, dataclasses.Field[Any]]:
    """The dataclass fields behind the flat names of ``record`` (those of a record it
    holds under their stored names)."""
    hints = typing.get_type_hints(record)
    found: dict[str, dataclasses.Field[Any]] = {}
    for item in dataclasses.fields(record):
        inner = hints[item.name]
        if isinstance(inner, type) and dataclasses.is_dataclass(inner):
            found.update({STORED_NAME.get(name, name): field
                          for name, field in _declared(inner).items()})
        else:
            found[item.name] = item
    return found


def _optional(hint: object) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and \
        type(None) in typing.get_args(hint)


def record_fields(record: type, exclude: frozenset[str] = frozenset()
                  ) -> dict[str, tuple[Any, Any]]:
    """The flat fields of a record as ``create_model`` takes them: type and default (the
    field's own, else empty for a list, None where it may be None), described by the
    field's help (``records.field_help``) or ``records.FIELD_HELP``."""
    declared = _declared(record)
    fields: dict[str, tuple[Any, Any]] = {}
    for name, hint in flat_fields(record):
        if name in exclude:
            continue
        item = declared.get(name)
        meaning = item.metadata.get("help") if item is not None else None
        about = str(meaning) if meaning is not None else FIELD_HELP.get(name)
        if typing.get_origin(hint) is list:
            default: Any = Field(default_factory=list, description=about)
        elif item is not None and item.default is not dataclasses.MISSING and \
                not isinstance(item.default, tuple):
            default = Field(item.default, description=about)
        elif item is not None and item.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=item.default_factory, description=about)
        elif _optional(hint):
            default = Field(None, description=about)
        else:
            default = Field(..., description=about)
        fields[name] = (hint, default)
    return fields


def record_model(name: str, record: type, *, exclude: frozenset[str] = frozenset(),
                 **overrides: tuple[Any, Any]) -> type[_Model]:
    """The API model of a record: one field per flat field of the record (``overrides``
    retype some or add fields the view computes), so a field added to the record is
    served with no other edit."""
    fields: dict[str, Any] = {**record_fields(record, exclude), **overrides}
    model: type[_Model] = create_model(name, __base__=_Model, __module__=__name__, **fields)
    return model


# Each class below is built from its record; mypy sees the dynamic base as Any.
class EvidenceItem(record_model("EvidenceItem", records.EvidenceItem)):  # type: ignore[misc]
    """An event behind a verdict (evidence) or a speculated trigger event."""


class Event(record_model("Event", records.StoredEvent,  # type: ignore[misc]
                         id=(int, Field(..., description="the stored event's id")))):
    """A stored event with its article's headline and URL."""


class Quote(record_model("Quote", records.StoredQuote)):  # type: ignore[misc]
    """A stored quote with its article's headline, outlet and URL."""


class Article(record_model(  # type: ignore[misc]
        "Article", records.StoredArticle,
        # the file an article was read from stays on the machine that read it
        exclude=frozenset({"source_path"}),
        events=(list[Event], Field(default_factory=list)),
        quotes=(list[Quote], Field(default_factory=list)))):
    """A stored article with its events and quotes."""


class SearchFilters(record_model("SearchFilters", records.SearchQuery)):  # type: ignore[misc]
    """The filters a search ran with."""


class Assessment(record_model("Assessment", records.Assessment)):  # type: ignore[misc]
    """A quoted judgement on the red line itself."""


class Change(_Model):
    """What changed since the previous verdict (``records.Verdict.changed``, whose key
    ``from`` is no Python name)."""

    from_: str | None = Field(None, alias="from", description="previous status")
    to: str | None = None
    new_evidence: list[int] = Field(default_factory=list, description="event ids")
    article_id: str | None = None

    model_config = ConfigDict(extra="ignore", populate_by_name=True, serialize_by_alias=True)


_SHOWN = {
    "status_text": (str, Field(..., description="the status in words")),
    "changed": (Change | None, Field(None, description="what changed since the previous "
                                     "verdict")),
}


class Verdict(record_model(  # type: ignore[misc]
        "Verdict", records.Verdict, **_SHOWN,
        computed=(datetime | None, Field(None, description="when it was computed")),
        stored=(bool, Field(True, description="false when computed for an as-of date on "
                            "request")),
        evidence=(list[EvidenceItem], Field(default_factory=list)),
        speculated=(list[EvidenceItem], Field(default_factory=list)),
        assessments=(list[Assessment], Field(default_factory=list)),
        published_by=(datetime | None, Field(None, description="cut-off: articles "
                                             "published by")))):
    """What was known about a red line at an as-of time."""


class HistoryEntry(record_model(  # type: ignore[misc]
        "HistoryEntry", VerdictSummary, exclude=frozenset({"strongest"}), **_SHOWN)):
    """A stored verdict without its evidence."""


class Line(record_model(  # type: ignore[misc]
        "Line", records.StoredLine,
        # what the red line's definition (``spec``) says, in words
        trigger=(str | None, Field(None, description="the trigger, in words")),
        precursors=(list[str], Field(default_factory=list, description="precursors, in words")),
        consequence=(str | None, Field(None, description="what the declarer said it would do")),
        options=(list[str], Field(default_factory=list,
                                  description="responses under discussion")))):
    """A stored red line: its definition as written, and its parts in words."""


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
