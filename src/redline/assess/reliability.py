"""Admiralty grading: how reliable a source is (A-F) and how credible a claim is (1-6).

The grades live in reliability.yaml next to this module; unknown sources are F.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.records import FACTUALITY_LABELS, GRADES, HAPPENED_LABELS

DEFAULT_FILE = Path(__file__).with_name("reliability.yaml")
#: A conduit this reliable passes on the grade of the source it quotes.
TRUSTED_CONDUITS = frozenset({"A", "B", "C"})
_NON_WORD = re.compile(r"[^\w]+")


def normalise_name(name: str) -> str:
    """``"The White House (Briefing Room)"`` -> ``"white house briefing room"``."""
    words = _NON_WORD.sub(" ", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Outlet:
    name: str
    grade: str
    official: bool
    keys: tuple[str, ...]  # normalised name and aliases


@dataclass(frozen=True)
class SourceGrade:
    """Who a claim comes from: ``key`` tells independent sources apart."""

    key: str
    name: str
    reliability: str
    official: bool
    attributed: bool = False  # named in the text ("the NIS confirmed"), not just the outlet


@dataclass(frozen=True)
class Grades:
    outlets: tuple[Outlet, ...]
    agencies: dict[str, str]
    credibility: dict[str, int]
    corroborated: int = 1
    contradicted: int = 4

    def outlet(self, name: str | None) -> Outlet | None:
        """The listed outlet whose name or alias starts ``name`` (longest match wins)."""
        if not name:
            return None
        wanted = normalise_name(name)
        best: tuple[int, Outlet] | None = None
        for outlet in self.outlets:
            for key in outlet.keys:
                if (wanted == key or wanted.startswith(key + " ")) and \
                        (best is None or len(key) > best[0]):
                    best = (len(key), outlet)
        return best[1] if best else None

    def agency(self, code: str | None) -> str | None:
        """Grade of an actor code, falling back to its state (``KOR-MIL`` -> ``KOR``)."""
        while code:
            if code in self.agencies:
                return self.agencies[code]
            code = code.rpartition("-")[0]
        return None

    def source(self, *, outlet: str | None, attributed_to: str | None,
               attributed_text: str | None) -> SourceGrade:
        """Grade whoever asserts a claim carried by ``outlet``.

        An asserting agency keeps its own grade when the outlet relaying it is graded
        A-C (or there is no outlet); an unreliable or unknown outlet lends its own grade.
        """
        conduit = self.outlet(outlet)
        conduit_grade = conduit.grade if conduit else "F"
        trusted = outlet is None or conduit_grade in TRUSTED_CONDUITS
        if attributed_to:
            grade = self.agency(attributed_to)
            if grade is not None and trusted:
                return SourceGrade(attributed_to, attributed_text or attributed_to, grade, True,
                                   attributed=True)
            return SourceGrade(attributed_to, attributed_text or attributed_to,
                               conduit_grade if outlet else "F", False, attributed=True)
        cited = self.outlet(attributed_text)
        if cited is not None:
            grade = cited.grade if trusted else conduit_grade
            return SourceGrade(cited.keys[0], cited.name, grade, cited.official and trusted,
                               attributed=True)
        if conduit is not None:
            return SourceGrade(conduit.keys[0], conduit.name, conduit.grade, conduit.official)
        key = normalise_name(outlet) if outlet else "unknown"
        return SourceGrade(key, outlet or "unknown source", "F", False)

    def credibility_of(self, label: str, *, corroborated: bool = False,
                       contradicted: bool = False) -> int:
        """Admiralty credibility 1..6 of a claim presented with factuality ``label``."""
        if label in HAPPENED_LABELS and corroborated:
            return self.corroborated
        if label in HAPPENED_LABELS and contradicted:
            return self.contradicted
        return self.credibility.get(label, 6)


def analyst_grade(reliability: str, credibility: int) -> str:
    """The way analysts write it: ``B2``."""
    return f"{reliability}{credibility}"


@functools.lru_cache(maxsize=8)
def load_grades(path: Path = DEFAULT_FILE) -> Grades:
    """Read an Admiralty grades file (see reliability.yaml for the format)."""
    data = load_yaml_mapping(path)
    outlets = tuple(_outlet(path, i, item) for i, item in enumerate(data.get("outlets") or []))
    agencies = {str(code): _grade(path, f"agencies.{code}", grade)
                for code, grade in (data.get("agencies") or {}).items()}
    credibility: dict[str, int] = {}
    for label, value in (data.get("credibility") or {}).items():
        if label not in FACTUALITY_LABELS:
            raise ValidationError(str(path), f"credibility.{label}",
                                  f"unknown label; valid: {', '.join(FACTUALITY_LABELS)}")
        credibility[label] = _credibility(path, f"credibility.{label}", value)
    return Grades(outlets=outlets, agencies=agencies, credibility=credibility,
                  corroborated=_credibility(path, "corroborated", data.get("corroborated", 1)),
                  contradicted=_credibility(path, "contradicted", data.get("contradicted", 4)))


def _outlet(path: Path, index: int, item: Any) -> Outlet:
    field = f"outlets[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise ValidationError(str(path), field, "expected {name: ..., grade: A-F}")
    aliases = item.get("aliases") or []
    names = [item["name"], *(str(alias) for alias in aliases)]
    return Outlet(name=item["name"], grade=_grade(path, f"{field}.grade", item.get("grade")),
                  official=bool(item.get("official", False)),
                  keys=tuple(normalise_name(name) for name in names))


def _grade(path: Path, field: str, grade: Any) -> str:
    if grade not in GRADES:
        raise ValidationError(str(path), field,
                              f"{grade!r} is not valid; expected one of {', '.join(GRADES)}")
    return str(grade)


def _credibility(path: Path, field: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 6:
        raise ValidationError(str(path), field, f"{value!r} is not valid; expected 1 to 6")
    return value
