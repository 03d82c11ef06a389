"""Does a stored event fit a red line's pattern, and does it count as having happened?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from redline.assess.places import in_places
from redline.assess.text import mentions
from redline.assess.types import Pattern
from redline.records import HAPPENED_LABELS


def code_matches(code: str | None, wanted: Sequence[str]) -> bool:
    """``"RUS"`` matches ``"RUS"`` and any of its sectors (``"RUS-MIL"``)."""
    if not code:
        return False
    return any(code == want or code.startswith(want + "-") for want in wanted)


def object_text(event: Mapping[str, Any]) -> list[str]:
    """What an event's object keywords are matched against: its objects, predicate and
    size unit; its sentence when the extractor recorded no objects."""
    objects = list(event.get("objects") or [])
    if not objects:
        return [event.get("sentence") or ""]
    return [*objects, event.get("trigger") or "", event.get("size_unit") or ""]


def _any_mention(texts: Iterable[str], keywords: Sequence[str]) -> bool:
    return any(mentions(text, keywords) for text in texts if text)


def matches(pattern: Pattern, event: Mapping[str, Any]) -> bool:
    """Every constraint the pattern gives holds for ``event`` (an events-table record)."""
    if pattern.events and event.get("event_type") not in pattern.events:
        return False
    if pattern.actors and not code_matches(event.get("actor"), pattern.actors):
        return False
    if pattern.recipients and not code_matches(event.get("recipient"), pattern.recipients):
        return False
    if pattern.modes and event.get("mode") not in pattern.modes:
        return False
    if pattern.contexts and not set(pattern.contexts) & set(event.get("context") or []):
        return False
    if pattern.locations and not in_places(event, pattern.locations):
        return False
    return not pattern.objects or _any_mention(object_text(event), pattern.objects)


def happened(pattern: Pattern, event: Mapping[str, Any]) -> bool:
    """Presented as having happened (confirmed/reported) and as sure as the pattern asks."""
    return event.get("factuality_label") in HAPPENED_LABELS and \
        float(event.get("factuality") or 0.0) >= pattern.min_factuality
