"""The small pieces of markup every result row repeats: an actor, a factuality label, a
place. Templates call them as globals (``who``, ``fact``, ``where``).

They are Python rather than Jinja macros because a page lists hundreds of rows and a
macro call costs several times a function call; every value is escaped here, as the
template would escape it.
"""

from __future__ import annotations

import functools
from typing import Any

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
