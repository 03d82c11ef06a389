"""The factuality reading of an event and how cues combine on the -3..+3 scale."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span

from redline.extract.factuality_cues import Grade

# Readings whose certainty is not in doubt are labelled by their value.
_BY_VALUE = ((2.75, "confirmed"), (2.25, "reported"), (1.5, "probable"), (0.75, "possible"))
# Below this magnitude a reading is hypothetical and has no polarity.
_HYPOTHETICAL = 0.75


@dataclass(frozen=True)
class Factuality:
    """How sure the text is that an event happened, and who says so.

    ``value`` is on -3..+3; ``label`` a key of ``records.FACTUALITY_LABELS``;
    ``source`` who asserts it (subject of the governing reporting verb, or the X
    of "according to X"); ``cue`` the asserting word ("confirmed"); ``cues``
    every word that set the value, outermost first.
    """

    value: float
    label: str
    source: Span | None = None
    cue: str | None = None
    cues: tuple[str, ...] = ()


ASSERTED = Factuality(3.0, "confirmed")
QUESTIONED = Factuality(0.0, "unconfirmed", cues=("?",))


def combine(reading: Factuality, grade: Grade) -> Factuality:
    """``reading`` capped by ``grade``: the smaller certainty wins and polarities multiply."""
    cues = (*reading.cues, grade.word) if grade.word else reading.cues
    if reading.value == 0 or grade.value == 0:
        label = reading.label if reading.value == 0 else grade.label
        return replace(reading, value=0.0, label=label, cues=cues)
    magnitude = min(abs(reading.value), abs(grade.value))
    label = grade.label if abs(grade.value) <= abs(reading.value) else reading.label
    if label == "denied":
        label = label_by_value(magnitude)
    if magnitude < _HYPOTHETICAL:  # a hypothetical stays hypothetical whatever its polarity
        return replace(reading, value=magnitude, label=label, cues=cues)
    if (reading.value < 0) != (grade.value < 0):
        return replace(reading, value=-magnitude, label="denied", cues=cues)
    return replace(reading, value=magnitude, label=label, cues=cues)


def negate(reading: Factuality, word: str) -> Factuality:
    """``reading`` under a negation: "may" -> "may not" (-1), "did" -> "did not" (-3)."""
    return combine(reading, Grade(-3.0, "denied", word))


def label_by_value(value: float) -> str:
    return next((label for floor, label in _BY_VALUE if value >= floor), "conditional")
