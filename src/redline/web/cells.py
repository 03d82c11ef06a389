"""The small pieces of markup every result row repeats: an actor, a factuality label, a
place. Templates call them as globals (``who``, ``fact``, ``where``).

They are Python rather than Jinja macros because a page lists hundreds of rows and a
macro call costs several times a function call; every value is escaped here, as the
template would escape it. The search page's whole rows (``event_row``, ``quote_row``) are
Python too: a row's dozen values each cost the template an attribute look-up, an escape
and a join, several times what one formatted string costs.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from typing import Any

from jinja2.filters import do_urlencode
from markupsafe import Markup, escape

from redline.extract.gazetteer import place_label
from redline.web import views

_UNKNOWN = Markup('<span class="muted">?</span>')
_NOWHERE = Markup('<span class="muted">—</span>')


def who(code: str | None, text: str | None) -> Markup:
    """An actor as its words with its code beside them, either one alone, or "?"."""
    if text and code:
        return Markup(f'{escape(text)} <span class="code">{escape(code)}</span>')
    if text or code:
        return escape(text or code)
    return _UNKNOWN


@functools.lru_cache(maxsize=256)
def fact(label: str | None) -> Markup:
    """A factuality label, coloured by its class, with what it means as its title (made
    once per label: a page repeats a handful of labels hundreds of times)."""
    meanings = views.labels()["factuality"]
    shown = label if label in meanings else "unknown"
    return Markup(f'<span class="fact fact-{escape(shown)}" '
                  f'title="{escape(meanings.get(label or "", ""))}">{escape(label)}</span>')


def where(item: Any) -> Markup:
    """Where an event took place: the phrase with its region and country, or "—"."""
    label = place_label(item.location, item.location_country, item.location_region)
    return Markup(f'<span class="place">{escape(label)}</span>') if label else _NOWHERE


def when(value: datetime | date | None) -> str:
    """A time as analysts read it: ``2024-10-20 09:30 UTC``; ``end of 2024-10-20``."""
    if value is None:
        return "—"
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.time() == time.max:
        return f"end of {value.date().isoformat()}"
    if value.time() == time.min:
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M UTC")


def day(value: datetime | date | None) -> str:
    """``when(value)[:10]``, the day a result row shows, without formatting the time."""
    if isinstance(value, datetime) and value.time() != time.max and value.year >= 1000:
        return value.date().isoformat()
    return when(value)[:10]


def _source(item: Any, anchor: str) -> str:
    """The row's last cell's contents: a link to its article at ``anchor`` (when it has
    one) and its outlet."""
    link = (f'<a href="/articles/{escape(do_urlencode(item.article_id))}#{anchor}-'
            f'{escape(item.id)}">{escape(item.headline or item.article_id[:12])}</a>'
            if item.article_id else "")
    outlet = f' <span class="muted">· {escape(item.outlet)}</span>' if item.outlet else ""
    return link + outlet


def event_row(e: Any) -> Markup:
    """One event of the search page as its table row (``schemas.Event``'s flat values)."""
    recipient = (f" → {who(e.recipient, e.recipient_text)}"
                 if e.recipient or e.recipient_text else "")
    return Markup(
        f'<tr>\n  <td class="nowrap">{escape(e.date_start or day(e.published))}</td>\n'
        f'  <td class="event">{escape(e.event_type)}: {who(e.actor, e.actor_text)}'
        f'{recipient}</td>\n'
        f'  <td>{where(e)}</td>\n'
        f'  <td>{fact(e.factuality_label)}</td>\n'
        f'  <td class="sentence">{escape(e.sentence or "")}</td>\n'
        f'  <td>{_source(e, "ev")}</td>\n</tr>')


def quote_row(q: Any) -> Markup:
    """One quote of the search page as its table row (``schemas.Quote``'s flat values)."""
    role = f'<br><span class="muted">{escape(q.role)}</span>' if q.role else ""
    return Markup(
        f'<tr>\n  <td class="nowrap">{escape(day(q.published))}</td>\n'
        f'  <td>{escape(q.speaker or "unknown speaker")}{role}</td>\n'
        f'  <td class="sentence">{escape(q.content)}</td>\n'
        f'  <td>{_source(q, "q")}</td>\n</tr>')
