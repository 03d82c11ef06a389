"""The time-expression lexicon (``timex.yaml``) as a typed, read-once object."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError

LEXICON_FILE = Path(__file__).with_name("timex.yaml")


@dataclass(frozen=True)
class Holiday:
    month: int = 0
    day: int | None = None
    weekday: int | None = None
    nth: int = 1
    after_monday: bool = False
    easter: int | None = None  # days from Easter Sunday


@dataclass(frozen=True)
class Offset:
    sign: int
    anaphoric: bool


@dataclass(frozen=True)
class Unit:
    letter: str
    time: bool = False
    times: int = 1


@dataclass(frozen=True)
class TimexLexicon:
    """Names, period words and rules the recogniser and the resolver consult."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int | str]
    ordinals: dict[str, int]
    week_ordinals: dict[str, int]
    two_steps: dict[str, int]
    centuries: dict[str, int]
    decades: dict[str, int]
    units: dict[str, Unit]
    relative: dict[str, int]
    offsets: dict[str, Offset]
    modifiers: tuple[str, ...]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    days: dict[str, int]
    references: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, Holiday]
    vague_periods: frozenset[str]
    fiscal_prefix: str
    fiscal_codes: tuple[str, ...]
    time_zones: frozenset[str]
    future_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    modals: frozenset[str]
    open_prepositions: frozenset[str]
    past_prepositions: frozenset[str]
    scheduling_verbs: frozenset[str]
    deferral_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    earliest_cues: tuple[str, ...]
    counted_modifiers: tuple[str, ...]
    nearest_months_ahead: int = 4
    period_closers: tuple[str, ...] = ()
    ahead_prepositions: frozenset[str] = frozenset()
    indefinite_times: dict[str, str] = field(default_factory=dict)
    indefinite_after: frozenset[str] = frozenset()
    anaphoric_times: dict[str, str] = field(default_factory=dict)
    anaphoric_after: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = frozenset()
    half_quarters: dict[str, str] = field(default_factory=dict)
    modifier_starts: dict[str, float] = field(default_factory=dict)
    anaphoric_seasons: frozenset[str] = frozenset()
    time_zone_names: tuple[str, ...] = ()
    optative_verbs: frozenset[str] = frozenset()
    every_emphasis: frozenset[str] = frozenset()
    year_range_before: frozenset[str] = frozenset()
    year_range_after: frozenset[str] = frozenset()
    year_range_followers: frozenset[str] = frozenset()
    span_verbs: frozenset[str] = frozenset()
    sudden_before: frozenset[str] = frozenset()
    overnight_kinds: frozenset[str] = frozenset()
    present_nouns: frozenset[str] = frozenset()
    present_name_verbs: frozenset[str] = frozenset()

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """The words of holiday names ("Christmas Day"), capitalised as names are."""
        words = [word.replace("’", "'") for name in self.holidays for word in name.split()]
        return frozenset(form for word in words for form in (word, word.rstrip(".")))

    @functools.cached_property
    def clause_after(self) -> re.Pattern[str]:
        """A comma or a word of ``clause_openers`` right after a time."""
        return re.compile(rf"\s*,|\s+(?:{alternation(self.clause_openers) or '(?!)'})\b", re.I)

    def unit(self, word: str) -> Unit | None:
        """The period a unit word names ("weeks", "year-long" → week, year)."""
        word = word.lower()
        if word in self.units:
            return self.units[word]
        if word.endswith("ies") and word[:-3] + "y" in self.units:
            return self.units[word[:-3] + "y"]
        if word.endswith("s") and word[:-1] in self.units:
            return self.units[word[:-1]]
        return None

    def amount(self, word: str) -> int | str | None:
        """The count a number word or numeral names; "X" for vague counts ("several")."""
        word = " ".join(word.lower().replace("-", " ").split())
        if re.fullmatch(r"\d+", word):
            return int(word)
        if re.fullmatch(r"\d+\.\d+", word):
            return word
        if word in self.numbers:
            return self.numbers[word]
        parts = word.split()
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            tens, ones = self.numbers[parts[0]], self.numbers[parts[1]]
            if isinstance(tens, int) and isinstance(ones, int) and tens >= 20 and ones < 10:
                return tens + ones
        return None


def _codes(raw: object) -> tuple[str, ...]:
    """``fiscal_year.codes``: a list of non-empty strings ("FY")."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, str) and c.strip() for c in raw):
        raise ValueError(f"fiscal_year.codes must be a list of non-empty strings, got {raw!r}")
    return tuple(raw)


def _months_ahead(raw: object) -> int:
    """``nearest_months_ahead``: a whole number of months from 0 to 11."""
    if not isinstance(raw, int) or isinstance(raw, bool) or not 0 <= raw <= 11:
        raise ValueError(f"nearest_months_ahead must be a whole number from 0 to 11, got {raw!r}")
    return raw


def _references(name: str, values: dict[str, str]) -> dict[str, str]:
    """``indefinite_times`` and ``anaphoric_times``: each phrase read as PAST_REF,
    PRESENT_REF or FUTURE_REF where its verb points neither way."""
    allowed = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
    wrong = {k: v for k, v in values.items() if v not in allowed}
    if wrong:
        raise ValueError(f"{name} values must be one of {', '.join(allowed)}, got {wrong!r}")
    return values


def _halves(values: dict[str, str]) -> dict[str, str]:
    """``half_quarters``: each word with the half of a year, first or second, it makes."""
    wrong = {k: v for k, v in values.items() if v not in ("first", "second")}
    if wrong:
        raise ValueError(f"half_quarters values must be first or second, got {wrong!r}")
    return values


def _fractions(raw: object) -> dict[str, float]:
    """``modifier_starts``: each modifier with a fraction of its period from 0 up to 1."""
    if not isinstance(raw, dict):
        raise ValueError(f"modifier_starts must map modifiers to fractions, got {raw!r}")
    starts: dict[str, float] = {}
    for name, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
            raise ValueError(f"modifier_starts.{name} must be a fraction from 0 up to 1, "
                             f"got {value!r}")
        starts[" ".join(str(name).lower().split())] = float(value)
    return starts


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first, each allowing any run of spaces."""
    ordered = sorted({str(word) for word in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in ordered)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_FILE) -> TimexLexicon:
    data = load_yaml_mapping(path)
    try:
        return _lexicon(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(str(path), "(sections)",
                              f"a section is missing or malformed ({exc}); see the comments "
                              "in the packaged timex.yaml for the expected shape") from exc


def _lexicon(data: dict[str, Any]) -> TimexLexicon:
    def ints(name: str) -> dict[str, int]:
        return {str(k).lower(): int(v) for k, v in data[name].items()}

    def strs(name: str) -> dict[str, str]:
        return {str(k).lower(): str(v) for k, v in data[name].items()}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(word).lower() for word in data[name])

    numbers: dict[str, int | str] = {
        str(k).lower(): (int(v) if str(v).isdigit() else str(v))
        for k, v in data["numbers"].items()}
    units = {str(k).lower(): Unit(str(v["unit"]), bool(v.get("time", False)),
                                  int(v.get("times", 1)))
             for k, v in data["units"].items()}
    offsets = {str(k).lower(): Offset(int(v["sign"]), bool(v["anaphoric"]))
               for k, v in data["offsets"].items()}
    holidays = {str(k).lower(): Holiday(**v) for k, v in data["holidays"].items()}
    return TimexLexicon(
        months=ints("months"), weekdays=ints("weekdays"), numbers=numbers,
        ordinals=ints("ordinals"), week_ordinals=ints("week_ordinals"),
        two_steps=ints("two_steps"), centuries=ints("centuries"), decades=ints("decades"),
        units=units, relative=ints("relative"), offsets=offsets,
        modifiers=tuple(str(m).lower() for m in data["modifiers"]), seasons=strs("seasons"),
        parts_of_day=strs("parts_of_day"), days=ints("days"), references=strs("references"),
        sets=strs("sets"), holidays=holidays, vague_periods=words("vague_periods"),
        fiscal_prefix=str(data["fiscal_year"].get("prefix") or ""),
        fiscal_codes=_codes(data["fiscal_year"].get("codes")),
        time_zones=words("time_zones"), future_verbs=words("future_verbs"),
        future_auxiliaries=words("future_auxiliaries"), modals=words("modals"),
        open_prepositions=words("open_prepositions"),
        past_prepositions=words("past_prepositions"),
        scheduling_verbs=words("scheduling_verbs"), deferral_verbs=words("deferral_verbs"),
        reporting_verbs=words("reporting_verbs"),
        earliest_cues=tuple(" ".join(str(cue).lower().split()) for cue in data["earliest_cues"]),
        counted_modifiers=tuple(str(m).lower() for m in data["counted_modifiers"]),
        nearest_months_ahead=_months_ahead(data["nearest_months_ahead"]),
        ahead_prepositions=words("ahead_prepositions"),
        indefinite_times=_references("indefinite_times", strs("indefinite_times")),
        indefinite_after=words("indefinite_after"),
        anaphoric_times=_references("anaphoric_times", strs("anaphoric_times")),
        anaphoric_after=words("anaphoric_after"),
        clause_openers=words("clause_openers"),
        half_quarters=_halves(strs("half_quarters")),
        modifier_starts=_fractions(data["modifier_starts"]),
        anaphoric_seasons=words("anaphoric_seasons"),
        optative_verbs=words("optative_verbs"), every_emphasis=words("every_emphasis"),
        year_range_before=words("year_range_before"),
        year_range_after=words("year_range_after"),
        year_range_followers=words("year_range_followers"),
        span_verbs=words("span_verbs"), sudden_before=words("sudden_before"),
        overnight_kinds=words("overnight_kinds"),
        present_nouns=words("present_nouns"),
        present_name_verbs=words("present_name_verbs"),
        time_zone_names=tuple(" ".join(str(w).split()) for w in data["time_zone_names"]),
        period_closers=tuple(" ".join(str(w).lower().split()) for w in data["period_closers"]))
