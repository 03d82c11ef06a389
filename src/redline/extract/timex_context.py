"""What a TimeML value is computed from (``Context``), and the pieces every resolver
shares: the lookup key of a word and the value of a count of periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from redline.extract.timex_calendar import Direction
from redline.extract.timex_lexicon import TimexLexicon

Resolved = tuple[str, str]  # (TimeML type, value)
Parts = dict[str, str]


@dataclass(frozen=True)
class Context:
    """What a value is computed from: the creation day, the direction the governing
    verb points and the discourse reference time (granularity, first day)."""

    dct: date
    direction: Direction
    anchor: tuple[str, date] | None
    lexicon: TimexLexicon
    day_anchor: date | None = None
    #: The governing verb is a finite present other than one of saying.
    present: bool = False
    #: The anchor is a time the text moved to, not one describing a thing ("the 2021
    #: scandal") or where a span began ("since 2019").
    moved: bool = True

    @property
    def base(self) -> tuple[str, date]:
        return self.anchor or ("day", self.dct)

    @property
    def day(self) -> date:
        """The last day the text named ("the same day", "the next morning" count from it)."""
        return self.day_anchor or self.dct


def key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


#: A half of a unit in the next smaller one: "2 1/2 years" → P2Y6M, "5 1/2 hours" →
#: PT5H30M, "a minute and a half" → PT1M30S, "a day and a half" → P1DT12H.
_HALVES = {("Y", False): ("P", "Y", "6M"), ("D", False): ("P", "D", "T12H"),
           ("H", True): ("PT", "H", "30M"), ("M", True): ("PT", "M", "30S")}


def duration_value(amount: int | str, unit_word: str, c: Context) -> str | None:
    unit = c.lexicon.unit(unit_word)
    if unit is None:
        return None
    half = _HALVES.get((unit.letter, unit.time))
    if isinstance(amount, str) and amount.endswith(".5") and half and unit.times == 1:
        prefix, letter, rest = half
        return f"{prefix}{amount[:-2]}{letter}{rest}"
    if unit.letter in ("DE", "CE") and isinstance(amount, int):
        return f"P{amount * (10 if unit.letter == 'DE' else 100)}Y"
    if isinstance(amount, int):
        amount *= unit.times
    letter = "D" if unit.letter == "WE" else unit.letter
    if unit.letter == "WE" and isinstance(amount, int):
        amount *= 2
    return f"PT{amount}{letter}" if unit.time else f"P{amount}{letter}"
