"""The evidence timeline of a red line, laid out for a server-rendered SVG.

x: the event date (the article's publication date when the event has none);
y: one row per factuality label, in the legend's order (confirmed at the top, denied at
the bottom), evenly spaced so no label leaves a gap and every legend entry has its row;
shape: trigger (diamond) or precursor (circle); filled
for evidence, hollow for speculated trigger events. The template draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from redline.records import FACTUALITY_LABELS
from redline.web.schemas import EvidenceItem, Verdict

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 100, 16, 16, 40
RADIUS = 7.0
#: The rows, top to bottom: every factuality label (the legend lists the same ones).
Y_TICKS: tuple[str, ...] = tuple(FACTUALITY_LABELS)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    shape: str  # "diamond" (trigger) or "circle" (precursor)
    label: str  # factuality label, for the colour class
    hollow: bool  # speculated, not evidence
    title: str  # hover text: date, factuality, sentence, source
    href: str | None  # the article page
    polygon: str  # marker outline for diamonds


@dataclass(frozen=True)
class Tick:
    pos: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    x0: int  # plot area, in SVG units
    x1: int
    y0: int
    y1: int
    points: tuple[Point, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    as_of_x: float | None


def item_date(item: EvidenceItem) -> date | None:
    """The event date, else the publication date; month/year/interval dates give their start."""
    for raw in (item.date, item.published):
        if not raw:
            continue
        text = raw.split("/")[0].strip()
        try:
            if len(text) == 4:
                return date(int(text), 1, 1)
            if len(text) == 7:
                return date(int(text[:4]), int(text[5:7]), 1)
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            continue
    return None


def _y(label: str, top: int, bottom: int) -> float:
    """The row of a factuality label; an unknown label sits with "unconfirmed"."""
    row = Y_TICKS.index(label if label in Y_TICKS else "unconfirmed")
    step = (bottom - top) / (len(Y_TICKS) - 1)
    return top + row * step


def _diamond(x: float, y: float, r: float) -> str:
    return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"


def _title(item: EvidenceItem, day: date | None, speculated: bool) -> str:
    kind = "speculated trigger" if speculated else item.role
    head = f"{day.isoformat() if day else 'undated'} · {item.factuality_label} " \
           f"({item.factuality:+.1f}) · {kind}"
    if item.grade:
        head += f" · grade {item.grade}"
    lines = [head, item.sentence or "(no sentence)"]
    source = " — ".join(p for p in (item.outlet, item.headline) if p)
    if source:
        lines.append(f"Source: {source}")
    if speculated and item.speculated_by:
        lines.append(f"Speculated by: {item.speculated_by}")
    return "\n".join(lines)


def _x_range(days: list[date], as_of: date | None) -> tuple[date, date]:
    span = [*days, *([as_of] if as_of else [])]
    low, high = min(span), max(span)
    if (high - low).days < 14:
        low, high = low - timedelta(days=7), high + timedelta(days=7)
    pad = timedelta(days=max(1, (high - low).days // 20))
    return low - pad, high + pad


def _x_ticks(low: date, high: date, left: int, right: int) -> tuple[Tick, ...]:
    total = (high - low).days or 1
    ticks = []
    for i in range(5):
        day = low + timedelta(days=round(total * (i + 0.5) / 5))
        ticks.append(Tick(left + (day - low).days / total * (right - left),
                          day.strftime("%d %b %Y")))
    return tuple(ticks)


def timeline(verdict: Verdict | None, as_of: datetime | None = None) -> Chart | None:
    """The chart of a verdict's evidence and speculated events; ``None`` when there is none."""
    if verdict is None:
        return None
    items = [(item, False) for item in verdict.evidence] + \
            [(item, True) for item in verdict.speculated]
    dated = [(item, spec, item_date(item)) for item, spec in items]
    days = [day for _, _, day in dated if day is not None]
    if not days:
        return None
    cutoff = (as_of or verdict.as_of).date()
    low, high = _x_range(days, cutoff)
    left, right, top, bottom = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    total = (high - low).days or 1
    seen: dict[tuple[date, str], int] = {}
    points = []
    for item, speculated, day in dated:
        if day is None:
            continue
        label = item.factuality_label if item.factuality_label in FACTUALITY_LABELS \
            else "unknown"
        nudge = seen.get((day, label), 0)
        seen[(day, label)] = nudge + 1
        x = left + (day - low).days / total * (right - left) + nudge * RADIUS * 1.6
        y = _y(label, top, bottom)
        shape = "diamond" if item.role == "trigger" else "circle"
        href = f"/articles/{item.article_id}" if item.article_id else None
        points.append(Point(x, y, shape, label, speculated, _title(item, day, speculated),
                            href, _diamond(x, y, RADIUS + 1.5)))
    y_ticks = tuple(Tick(_y(name, top, bottom), name) for name in Y_TICKS)
    as_of_x = left + (cutoff - low).days / total * (right - left)
    return Chart(WIDTH, HEIGHT, left, right, top, bottom, tuple(points),
                 _x_ticks(low, high, left, right), y_ticks, as_of_x)
