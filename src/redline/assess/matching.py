"""Does a stored event fit a red line's pattern, and does it count as having happened?"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from redline.assess.evidence import assertion_of, official_assessment
from redline.assess.places import in_places
from redline.assess.reliability import Grades
from redline.assess.text import mentions
from redline.records import HAPPENED_LABELS, Event, Pattern, StoredEvent

#: A place code in a pattern's ``locations``: a country (UKR) or a first-level region (RU-KRS).
COUNTRY_CODE = re.compile(r"^[A-Z]{3}$")
REGION_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def code_matches(code: str | None, wanted: Sequence[str]) -> bool:
    """``"RUS"`` matches ``"RUS"`` and any of its sectors (``"RUS-MIL"``)."""
    if not code:
        return False
    return any(code == want or code.startswith(want + "-") for want in wanted)


def object_text(event: Event) -> list[str]:
    """What an event's object keywords are matched against: its objects, predicate and
    size unit; its sentence when the extractor recorded no objects."""
    if not event.objects:
        return [event.sentence]
    return [*event.objects, event.trigger, (event.size.unit if event.size else None) or ""]


def _any_mention(texts: Iterable[str], keywords: Sequence[str]) -> bool:
    return any(mentions(text, keywords) for text in texts if text)


def location_matches(wanted: Sequence[str], event: Event) -> bool:
    """Whether the event's place is one of ``wanted``: a country code (UKR) matches an event
    placed in that country or any of its regions, a region code (RU-KRS) an event placed in
    that region, and a name resolves through the gazetteer (assess.places.in_places:
    "Ukraine" covers Donetsk, "Kursk" the towns of Kursk Oblast)."""
    country, region = event.location_country, event.location_region
    names = [want for want in wanted if not is_place_code(want)]
    for want in wanted:
        if COUNTRY_CODE.match(want) and country == want:
            return True
        if REGION_CODE.match(want) and region == want:
            return True
    return bool(names) and in_places(event, names)


def is_place_code(value: str) -> bool:
    return bool(COUNTRY_CODE.match(value) or REGION_CODE.match(value))


def mismatches(pattern: Pattern, stored: StoredEvent) -> list[str]:
    """The constraints of ``pattern`` that a stored event fails, in words; empty when it
    fits."""
    def listed(name: str, value: str | None, wanted: Sequence[str]) -> str:
        return f"{name} {value or 'none'} is not {' or '.join(wanted)}"

    event = stored.record
    failed: list[str] = []
    if pattern.events and event.event not in pattern.events:
        failed.append(listed("event type", event.event, pattern.events))
    if pattern.actors and not code_matches(event.actor, pattern.actors):
        failed.append(listed("actor", event.actor, pattern.actors))
    if pattern.recipients and not code_matches(event.recipient, pattern.recipients):
        failed.append(listed("recipient", event.recipient, pattern.recipients))
    if pattern.modes and event.mode not in pattern.modes:
        failed.append(listed("mode", event.mode, pattern.modes))
    if pattern.contexts and not set(pattern.contexts) & set(event.context):
        failed.append(listed("context", ", ".join(event.context), pattern.contexts))
    if pattern.locations and not location_matches(pattern.locations, event):
        failed.append(listed("place", event.location, pattern.locations))
    if pattern.objects and not _any_mention(object_text(event), pattern.objects):
        failed.append(f"names none of {', '.join(pattern.objects)}")
    return failed


def matches(pattern: Pattern, event: StoredEvent) -> bool:
    """Every constraint the pattern gives holds for a stored event."""
    return not mismatches(pattern, event)


def declared_start(declared: str | None) -> date | None:
    """The first day of a line's ``declared`` (``2024``, ``2024-06``, ``2024-06-19``)."""
    if not declared:
        return None
    parts = [int(part) for part in declared.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def dated_before(event: Event, start: date | None) -> bool:
    """Whether the event is dated wholly before ``start`` ("in 2014, when Russia last
    invaded Ukraine" is no crossing of a line drawn in 2021)."""
    return start is not None and event.date is not None and event.date.end < start


def happened(pattern: Pattern, event: StoredEvent, grades: Grades | None = None) -> bool:
    """Presented as having happened (confirmed/reported) and as sure as the pattern asks; a
    probable claim for ``min_factuality: probable``, an official assessment for
    ``assessed``. A question never counts."""
    if assertion_of(event) == "questioned":
        return False
    label = event.record.factuality_label
    factuality = float(event.record.factuality or 0.0)
    if label in HAPPENED_LABELS and factuality >= pattern.min_factuality:
        return True
    if label != "probable":
        return False
    if pattern.min_factuality <= factuality:
        return True
    return pattern.accept_assessed and grades is not None and official_assessment(event, grades)
