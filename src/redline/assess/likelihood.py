"""Likelihood and confidence for "the line has been crossed", the analysts' way.

An ICD 203 word with the ODNI percentage band, and a confidence level (low, moderate,
high), derived from the evidence a verdict rests on; the rules live in likelihood.yaml.
The probability is kept within the bounds of the verdict's status, so the two never
disagree.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.assess.evidence import source_of
from redline.assess.reliability import Grades
from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.records import GRADES, STATUSES, Confidence, Status

RULES_FILE = Path(__file__).with_name("likelihood.yaml")
START_KEYS = ("crossed", "reported_crossed", "assessed", "machine_coded", "probable",
              "possible", "precursors_seen", "nothing")


@dataclass(frozen=True)
class Rules:
    words: tuple[tuple[str, float, float], ...]  # (word, from, to), lowest first
    start: dict[str, float]
    corroboration: float
    max_corroboration: float
    contradiction: float
    bounds: dict[str, tuple[float, float]]
    high_sources: int
    moderate_sources: int
    strong_grades: frozenset[str]

    def word(self, probability: float) -> str:
        """The ICD 203 word whose band holds ``probability``."""
        for word, _, upto in self.words:
            if probability < upto:
                return word
        return self.words[-1][0]

    def band(self, word: str) -> tuple[float, float]:
        for name, low, high in self.words:
            if name == word:
                return low, high
        raise KeyError(word)


@dataclass(frozen=True)
class Judgement:
    likelihood: str
    probability: float
    confidence: Confidence
    reasons: list[str]


def _number(path: Path, field: str, value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
        raise ValidationError(str(path), field, f"{value!r} is not valid; expected 0 to 1")
    return float(value)


def _pair(path: Path, field: str, value: Any) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValidationError(str(path), field, "expected [from, to]")
    low, high = _number(path, field, value[0]), _number(path, field, value[1])
    if low > high:
        raise ValidationError(str(path), field, f"{low} is above {high}; expected [from, to]")
    return low, high


@functools.lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read the likelihood rules (see likelihood.yaml for the format)."""
    data = load_yaml_mapping(path)
    words = tuple(sorted(((str(word), *_pair(path, f"words.{word}", band))
                          for word, band in (data.get("words") or {}).items()),
                         key=lambda item: item[1]))
    if not words:
        raise ValidationError(str(path), "words", "expected ICD 203 words with [from, to]")
    start = data.get("start") or {}
    missing = [key for key in START_KEYS if key not in start]
    if missing:
        raise ValidationError(str(path), "start", f"missing {', '.join(missing)}")
    bounds = data.get("bounds") or {}
    if set(bounds) != set(STATUSES):
        raise ValidationError(str(path), "bounds", f"expected one [from, to] for each of "
                              f"{', '.join(STATUSES)}")
    confidence = data.get("confidence") or {}
    strong = confidence.get("strong_grades", ["A", "B"])
    if not isinstance(strong, list) or any(grade not in GRADES for grade in strong):
        raise ValidationError(str(path), "confidence.strong_grades",
                              f"expected a list of grades from {', '.join(GRADES)}")
    return Rules(
        words=words,
        start={key: _number(path, f"start.{key}", start[key]) for key in START_KEYS},
        corroboration=_number(path, "corroboration", data.get("corroboration", 0.04)),
        max_corroboration=_number(path, "max_corroboration",
                                  data.get("max_corroboration", 0.1)),
        contradiction=_number(path, "contradiction", data.get("contradiction", 0.15)),
        bounds={status: _pair(path, f"bounds.{status}", bounds[status])
                for status in STATUSES},
        high_sources=int(confidence.get("high_sources", 2)),
        moderate_sources=int(confidence.get("moderate_sources", 2)),
        strong_grades=frozenset(strong))


def _text_sources(items: Sequence[Mapping[str, Any]], grades: Grades) -> dict[str, str]:
    """Independent sources (key -> reliability) behind items that rest on text."""
    return {source_of(item, grades).key if item.get("quote_id") is None
            else str(item.get("source_key")): str(item.get("reliability") or "F")
            for item in items if not item.get("machine_coded")}


def _start(status: Status, trigger: Sequence[Mapping[str, Any]],
           speculated: Sequence[Mapping[str, Any]],
           says_crossed: Sequence[Mapping[str, Any]], rules: Rules) -> tuple[float, str]:
    """Where the probability starts, and why."""
    if status == "crossed":
        return rules.start["crossed"], "the trigger is reported and corroborated"
    if status == "reported_crossed":
        if all(item.get("machine_coded") for item in trigger):
            return rules.start["machine_coded"], "only machine-coded rows report the trigger"
        if all(item.get("official_assessment") for item in trigger):
            return rules.start["assessed"], "an official assessment says the trigger happened"
        return rules.start["reported_crossed"], "the trigger is reported, below the " \
            "corroboration bar"
    floor = "precursors_seen" if status == "precursors_seen" else "nothing"
    options = [(rules.start[floor], "precursors seen" if floor == "precursors_seen"
                else "nothing that counts")]
    for item in speculated:
        if item.get("official_assessment"):
            options.append((rules.start["assessed"], "an official assessment (not accepted "
                            "by this line) says the trigger happened"))
        elif item["factuality_label"] == "probable":
            options.append((rules.start["probable"], "the trigger is called probable"))
        elif item["factuality_label"] == "possible":
            options.append((rules.start["possible"], "the trigger is called possible"))
    if says_crossed:
        options.append((rules.start["probable"], "a quote says the line was crossed"))
    return max(options, key=lambda option: option[0])


def judge(status: Status, evidence: Sequence[Mapping[str, Any]],
          speculated: Sequence[Mapping[str, Any]], assessments: Sequence[Mapping[str, Any]],
          grades: Grades, rules: Rules | None = None) -> Judgement:
    """Likelihood and confidence that the line has been crossed, from a verdict's items.

    ``evidence``/``speculated`` are evidence items; the trigger's ``contradicted_by``
    (set by assess.contradiction) marks claims a source as reliable speaks against.
    """
    rules = rules or load_rules()
    trigger = [item for item in evidence if item["role"] == "trigger"]
    denials = [item for item in speculated if item["role"] == "trigger" and
               (item["factuality_label"] == "denied" or item.get("says") == "not_crossed")]
    spec_trigger = [item for item in speculated
                    if item["role"] == "trigger" and item not in denials]
    says_crossed = [a for a in assessments if a.get("says") == "crossed"]
    against = [a for a in assessments if a.get("says") == "not_crossed"]
    probability, why = _start(status, trigger, spec_trigger, says_crossed, rules)
    reasons = [f"starts at {probability:.0%}: {why}"]
    if status in ("reported_crossed", "crossed"):
        deciding: list[Mapping[str, Any]] = trigger
    elif status == "precursors_seen":
        deciding = [*(item for item in evidence if item["role"] == "precursor"), *against]
    else:
        deciding = list(against)
    sources = _text_sources(deciding, grades)
    if len(sources) > 1 and status in ("reported_crossed", "crossed"):
        probability += min(rules.max_corroboration, rules.corroboration * (len(sources) - 1))
        reasons.append(f"{len(sources)} independent sources report it")
    # who speaks against the claims, as regrade found: as reliable, and not superseded
    # (for a crossing, only what it rests on: an older claim spoken against is superseded)
    claims = trigger if status in ("reported_crossed", "crossed") else spec_trigger
    contradicting = sorted({name for item in claims
                            for name in item.get("contradicted_by") or []})
    if contradicting:
        probability -= rules.contradiction * len(contradicting)
        reasons.append(f"contradicted by {len(contradicting)} source(s) at least as "
                       "reliable as the claim")
    low, high = rules.bounds[status]
    if not low <= probability <= high:
        reasons.append(f"kept within {low:.0%}-{high:.0%}, the bounds of {status}")
    probability = round(min(max(probability, low), high), 3)
    # Doubt: what the verdict rests on is spoken against (a crossing contradicted), or a
    # verdict short of crossing leaves standing a reliable claim that it was crossed.
    if status in ("reported_crossed", "crossed"):
        doubt = "contradicted" if contradicting else ""
    else:
        standing = [item for item in [*spec_trigger, *says_crossed]
                    if item.get("official_assessment") or (item.get("says") == "crossed" and
                                                           item.get("reliability")
                                                           in rules.strong_grades)]
        doubt = "a reliable claim that it was crossed stands" \
            if standing and not contradicting else ""
    confidence = _confidence(sources, bool(doubt), rules)
    reasons.append(f"confidence {confidence}: {len(sources)} independent text source(s), "
                   f"{sum(grade in rules.strong_grades for grade in sources.values())} "
                   f"graded {'-'.join(sorted(rules.strong_grades))}"
                   + (f"; {doubt}" if doubt else ""))
    return Judgement(likelihood=rules.word(probability), probability=probability,
                     confidence=confidence, reasons=reasons)


def _confidence(sources: Mapping[str, str], doubt: bool, rules: Rules) -> Confidence:
    strong = sum(grade in rules.strong_grades for grade in sources.values())
    if doubt:
        return "low"
    if strong >= rules.high_sources:
        return "high"
    if strong >= 1 or len(sources) >= rules.moderate_sources:
        return "moderate"
    return "low"
