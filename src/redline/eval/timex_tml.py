"""Reading TempEval-3 TimeML documents (``*.tml``): the text, its creation time and the
TIMEX3 expressions in it, as character spans into that text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from redline.errors import InputError

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    creation: date
    text: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: Path) -> TimeMLDocument:
    """The text (tags removed, entities decoded), creation day and TIMEX3s of ``path``."""
    try:
        source = path.read_text(encoding="utf-8")
        dct = dict(_ATTRIBUTE.findall(_DCT.search(source).group(1)))  # type: ignore[union-attr]
        creation = date.fromisoformat(dct["value"][:10])
        body = source[source.index("<TEXT>") + len("<TEXT>"):source.index("</TEXT>")]
    except (OSError, UnicodeDecodeError, AttributeError, KeyError, ValueError) as exc:
        raise InputError(str(path), f"not a TimeML document with a DCT and TEXT ({exc})") from exc
    parts: list[str] = []
    length = 0
    opened: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position:tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if not tag.group(1):
            opened = (length, dict(_ATTRIBUTE.findall(tag.group(3))))
        elif opened is not None:
            start, attributes = opened
            text = "".join(parts)[start:length]
            timexes.append(GoldTimex(start, length, attributes.get("type", ""),
                                     attributes.get("value", ""), text))
            opened = None
    parts.append(html.unescape(body[position:]))
    return TimeMLDocument(path.stem, creation, "".join(parts), tuple(timexes))


def corpus(folder: Path) -> list[Path]:
    """The ``.tml`` files under ``folder`` (TimeBank and AQUAINT), sorted by name."""
    if not folder.is_dir():
        raise InputError(str(folder), "TimeML folder not found (expected data/timex/TBAQ-cleaned)")
    files = sorted(folder.glob("*/*.tml"), key=lambda p: p.name)
    files = [p for p in files if p.parent.name != "testpipeline"]
    if not files:
        raise InputError(str(folder), "no .tml documents in TimeBank/ or AQUAINT/")
    return files
