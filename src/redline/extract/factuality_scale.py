"""The factuality reading of an event and how cues combine on the -3..+3 scale."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from spacy.tokens import Span

from redline.extract.factuality_cues import Grade
from redline.records import Assertion

# Readings whose certainty is not in doubt are labelled by their value.
_BY_VALUE = ((2.75, "confirmed"), (2.25, "reported"), (1.5, "probable"), (0.75, "possible"))
# Below this magnitude a reading is hypothetical and has no polarity.
_HYPOTHETICAL = 0.75


@dataclass(frozen=True)
class Factuality:
    """How sure the text is that an event happened, and who says so.

    ``value`` is on -3..+3: what may be presented as having happened (a future, a
    plan or an intention is ``unconfirmed``, 0); ``label`` a key of
    ``records.FACTUALITY_LABELS``; ``source`` who asserts it (subject of the
    governing reporting verb, or the X of "according to X"); ``cue`` the asserting
    word ("confirmed"); ``cues`` every word that set the value, outermost first.
    ``commitment`` (-3..+3, the value unless given) is how sure the text is that the
    event occurs at its own time, certainty x polarity as in FactBank and MEANTIME:
    it differs from ``value`` only for futures and intentions the text is sure of
    ("will be delivered": +3). ``time`` is "past", "present", "future" or "unknown".
    ``assertion`` is how the source commits to it (``records.Assertion``).
    """

    value: float
    label: str
    source: Span | None = None
    cue: str | None = None
    cues: tuple[str, ...] = ()
    commitment: float = math.nan
    time: str = "unknown"
    assertion: Assertion = "asserted"

    def __post_init__(self) -> None:
        if math.isnan(self.commitment):
            object.__setattr__(self, "commitment", self.value)


ASSERTED = Factuality(3.0, "confirmed")
QUESTIONED = Factuality(0.0, "unconfirmed", cues=("?",))


def combine(reading: Factuality, grade: Grade) -> Factuality:
    """``reading`` capped by ``grade``: the smaller certainty wins and polarities multiply.

    The result is read in one cue book: its commitment is its value."""
    value, label = _capped(reading, grade)
    return replace(reading, value=value, label=label, commitment=value,
                   cues=(*reading.cues, grade.word) if grade.word else reading.cues,
                   time=reading.time if grade.time is None else grade.time)


def _capped(reading: Factuality, grade: Grade) -> tuple[float, str]:
    if reading.value == 0 or grade.value == 0:
        return 0.0, reading.label if reading.value == 0 else grade.label
    magnitude = min(abs(reading.value), abs(grade.value))
    label = grade.label if abs(grade.value) <= abs(reading.value) else reading.label
    if label == "denied":
        label = label_by_value(magnitude)
    if magnitude < _HYPOTHETICAL:  # a hypothetical stays hypothetical whatever its polarity
        return magnitude, label
    if (reading.value < 0) != (grade.value < 0):
        return -magnitude, "denied"
    return magnitude, label


def negate(reading: Factuality, word: str) -> Factuality:
    """``reading`` under a negation: "may" -> "may not" (-1), "did" -> "did not" (-3)."""
    return combine(reading, Grade(-3.0, "denied", word))


def label_by_value(value: float) -> str:
    return next((label for floor, label in _BY_VALUE if value >= floor), "conditional")
