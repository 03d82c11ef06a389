"""Cues that tell page furniture from article text, read from ``furniture.yaml``.

Each test looks at one line of a scrape. The cues are data: an analyst adds the
furniture of a new outlet to the YAML file without touching this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.ingest.dates import parse_date_text, relative_delta

CUES_FILE = Path(__file__).with_name("furniture.yaml")
_KEYS = ("credits", "caption_endings", "lines", "tail_markers", "list_headings",
         "relative_times", "datelines", "bylines")
_TERMINAL = re.compile(r"[.!?;,]['\"”’)]*$")
_PUBLISHED_KINDS = frozenset({"posted", "published", "first published", "date"})
_MAX_MARKER_WORDS = 8


@dataclass(frozen=True)
class Cues:
    """Compiled furniture cues (see ``furniture.yaml`` for what each group means)."""

    caption_endings: tuple[re.Pattern[str], ...]
    lines: tuple[re.Pattern[str], ...]
    tail_markers: tuple[re.Pattern[str], ...]
    list_headings: tuple[re.Pattern[str], ...]
    relative_times: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Dateline:
    """A line giving the page's date; ``published`` is False for "Updated ..." lines."""

    moment: datetime
    published: bool


def load_cues(path: Path | None = None) -> Cues:
    """Read and compile a cues file; the packaged one by default (read once)."""
    return _load(str(path or CUES_FILE))


@lru_cache(maxsize=8)
def _load(path: str) -> Cues:
    raw = load_yaml_mapping(path)
    for key in _KEYS:
        value = raw.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(path, key, "expected a list of strings")
    credits = "|".join(re.escape(c) for c in sorted(raw["credits"], key=len, reverse=True))

    def compile_all(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        patterns = []
        for index, pattern in enumerate(raw[key]):
            try:
                patterns.append(re.compile(pattern.replace("{credits}", credits), flags))
            except re.error as exc:
                raise ValidationError(path, f"{key}[{index}]",
                                      f"not a regular expression: {exc}") from exc
        return tuple(patterns)

    return Cues(
        caption_endings=compile_all("caption_endings"),
        lines=compile_all("lines"),
        tail_markers=compile_all("tail_markers"),
        list_headings=compile_all("list_headings"),
        relative_times=compile_all("relative_times"),
        datelines=compile_all("datelines"),
        bylines=compile_all("bylines", flags=0),
    )


def _full(patterns: tuple[re.Pattern[str], ...], line: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.fullmatch(line)
        if match:
            return match
    return None


def _marker_shaped(line: str) -> bool:
    """Short and not a sentence: a heading-like line that can be a marker."""
    return len(line.split()) <= _MAX_MARKER_WORDS and not _TERMINAL.search(line.rstrip(":"))


def is_furniture(line: str, cues: Cues) -> bool:
    """A caption, credit, placeholder, share bar, ad slot, promo or end mark."""
    text = line.strip()
    if not text:
        return False
    if _full(cues.lines, text):
        return True
    return any(pattern.search(text) for pattern in cues.caption_endings)


def is_tail_marker(line: str, cues: Cues) -> bool:
    """A line after which the rest of the page is furniture ("Similar news")."""
    text = line.strip().rstrip(":").strip()
    return _marker_shaped(text) and _full(cues.tail_markers, text) is not None


def is_list_heading(line: str, cues: Cues) -> bool:
    """A line heading a list of links ("Related:"): the rest of its block is furniture."""
    text = line.strip()
    return _marker_shaped(text) and _full(cues.list_headings, text) is not None


def relative_time(line: str, cues: Cues) -> timedelta | None:
    """How long ago a "3 hours ago" line says the page was published; None if it is not one."""
    match = _full(cues.relative_times, line.strip())
    if match is None:
        return None
    groups = match.groupdict()
    return relative_delta(groups.get("amount"), groups.get("unit"), groups.get("word"))


def dateline(line: str, cues: Cues) -> Dateline | None:
    """The date of a "Posted : 2024-10-20 16:55" line; None if the line is not a dateline."""
    text = line.strip()
    if len(text) > 120:
        return None
    match = _full(cues.datelines, text)
    if match is None:
        return None
    groups: dict[str, Any] = match.groupdict()
    moment = parse_date_text(groups["date"])
    if moment is None:
        return None
    kind = (groups.get("kind") or "date").lower()
    return Dateline(moment=moment, published=kind in _PUBLISHED_KINDS)


def byline(line: str, cues: Cues) -> str | None:
    """The names in a "By Jane J. Roe" line; None if the line is not a byline."""
    text = line.strip()
    match = _full(cues.bylines, text)
    if match is None:
        return None
    name = match.group("name").strip()
    words = name.replace(",", " ").split()
    if len(words) > 12 or (_TERMINAL.search(name) and not re.search(r"\b[A-Z]\.$", name)):
        return None
    lower = [w for w in words if w[:1].islower() and w not in _NAME_PARTICLES]
    return None if lower else name


_NAME_PARTICLES = frozenset({
    "and", "de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "bin", "al",
    "of", "the", "in", "at", "with", "staff", "reporter", "correspondent", "writer", "editor",
})
