"""The cells every result row repeats (``web.cells``) give the markup the Jinja macros
they replace gave, escaping included: each case is rendered both ways."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest

from redline.extract.gazetteer import place_label
from redline.web import cells, views

#: The macros as the templates had them: the reference for the markup.
MACROS = """
{% macro fact(label) -%}
<span class="fact fact-{{ label if label in words.factuality else 'unknown' }}" title="{{ words.factuality.get(label, '') }}">{{ label }}</span>
{%- endmacro %}
{% macro who(code, text) -%}
{% if text and code %}{{ text }} <span class="code">{{ code }}</span>{% elif text or code %}{{ text or code }}{% else %}<span class="muted">?</span>{% endif %}
{%- endmacro %}
{% macro where(item) -%}
{% set label = place_label(item.location, item.location_country, item.location_region) %}{% if label %}<span class="place">{{ label }}</span>{% else %}<span class="muted">—</span>{% endif %}
{%- endmacro %}
"""


@pytest.fixture(scope="module")
def macros() -> Any:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(words=views.labels(), place_label=place_label)
    return env.from_string(MACROS).module


@pytest.mark.parametrize("code, text", [
    ("RUS", "Russia"), ("RUS", None), (None, "the Kremlin"), (None, None), ("", ""),
    ("<b>", "Kim & <Putin>"), ('"x"', None),
])
def test_who(macros: Any, code: str | None, text: str | None) -> None:
    assert str(cells.who(code, text)) == str(macros.who(code, text))


@pytest.mark.parametrize("label", [
    "confirmed", "reported", "possible", "denied", None, "", "made-up", "<script>",
])
def test_fact(macros: Any, label: str | None) -> None:
    assert str(cells.fact(label)) == str(macros.fact(label))


@pytest.mark.parametrize("location, country, region", [
    ("Kursk", "RUS", None), (None, "UKR", None), (None, None, None), ("", "", ""),
    ("<Kyiv & co>", None, None), ("Moscow", "RUS", "RU-MOW"),
])
def test_where(macros: Any, location: str | None, country: str | None,
               region: str | None) -> None:
    item = SimpleNamespace(location=location, location_country=country,
                           location_region=region)
    assert str(cells.where(item)) == str(macros.where(item))


def test_cells_escape() -> None:
    """A control: markup in a value is shown as text, never as markup."""
    assert "<b>" not in str(cells.who(None, "<b>bold</b>"))
    assert "&lt;script&gt;" in str(cells.fact("<script>"))


#: The search page's rows as its template had them: the reference for ``event_row`` and
#: ``quote_row``.
ROWS = """
{% macro event_row(e) -%}
<tr>
  <td class="nowrap">{{ e.date_start or e.published|day }}</td>
  <td class="event">{{ e.event_type }}: {{ who(e.actor, e.actor_text) }}{% if e.recipient or e.recipient_text %} → {{ who(e.recipient, e.recipient_text) }}{% endif %}</td>
  <td>{{ where(e) }}</td>
  <td>{{ fact(e.factuality_label) }}</td>
  <td class="sentence">{{ e.sentence or '' }}</td>
  <td>{% if e.article_id %}<a href="/articles/{{ e.article_id|urlencode }}#ev-{{ e.id }}">{{ e.headline or e.article_id[:12] }}</a>{% endif %}{% if e.outlet %} <span class="muted">· {{ e.outlet }}</span>{% endif %}</td>
</tr>
{%- endmacro %}
{% macro quote_row(q) -%}
<tr>
  <td class="nowrap">{{ q.published|day }}</td>
  <td>{{ q.speaker or 'unknown speaker' }}{% if q.role %}<br><span class="muted">{{ q.role }}</span>{% endif %}</td>
  <td class="sentence">{{ q.content }}</td>
  <td><a href="/articles/{{ q.article_id|urlencode }}#q-{{ q.id }}">{{ q.headline or q.article_id[:12] }}</a>{% if q.outlet %} <span class="muted">· {{ q.outlet }}</span>{% endif %}</td>
</tr>
{%- endmacro %}
"""

_NOON = datetime(2024, 10, 20, 12, 30)


@pytest.fixture(scope="module")
def rows() -> Any:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["day"] = cells.day
    env.globals.update(who=cells.who, fact=cells.fact, where=cells.where)
    return env.from_string(ROWS).module


def _event(**fields: Any) -> SimpleNamespace:
    values: dict[str, Any] = dict(
        id=7, date_start=None, published=_NOON, event_type="THREATEN", actor="PRK",
        actor_text="North Korea", recipient="KOR", recipient_text="Seoul",
        location="Pyongyang", location_country="PRK", location_region=None,
        factuality_label="reported", sentence="North Korea warned Seoul.",
        article_id="a/b c?d", headline="Warning", outlet="KCNA")
    values.update(fields)
    return SimpleNamespace(**values)


def _quote(**fields: Any) -> SimpleNamespace:
    values: dict[str, Any] = dict(
        id=3, published=_NOON, speaker="Kim", role="leader", content="We will respond.",
        article_id="0123456789abcdef", headline="Speech", outlet="KCNA")
    values.update(fields)
    return SimpleNamespace(**values)


@pytest.mark.parametrize("fields", [
    {}, {"date_start": date(2024, 10, 1)}, {"published": None},
    {"published": datetime(2024, 10, 20, 23, 59, 59, 999999)},
    {"recipient": None, "recipient_text": None}, {"recipient": None},
    {"actor": None, "actor_text": None}, {"event_type": None},
    {"sentence": None}, {"sentence": "<b>bold</b> & \"quoted\""},
    {"article_id": None}, {"article_id": None, "outlet": None}, {"outlet": ""},
    {"headline": None, "article_id": "0123456789abcdefXYZ"},
    {"headline": "<i>Kim & co</i>", "outlet": "<Outlet>"},
    {"article_id": "ü/<x>&y#z"}, {"location": None, "location_country": None},
    {"factuality_label": None}, {"factuality_label": "<made-up>"},
])
def test_event_row(rows: Any, fields: dict[str, Any]) -> None:
    event = _event(**fields)
    assert str(cells.event_row(event)) == str(rows.event_row(event))


@pytest.mark.parametrize("fields", [
    {}, {"published": None}, {"speaker": None}, {"speaker": "", "role": ""},
    {"role": None}, {"content": "<script>x</script> & 'y'"}, {"headline": None},
    {"outlet": None}, {"article_id": "ü/<x>&y#z", "headline": ""},
    {"speaker": "<Kim>", "role": "a & b"},
])
def test_quote_row(rows: Any, fields: dict[str, Any]) -> None:
    quote = _quote(**fields)
    assert str(cells.quote_row(quote)) == str(rows.quote_row(quote))


def test_rows_escape() -> None:
    """A control: markup in a row's values is shown as text, never as markup."""
    shown = str(cells.event_row(_event(sentence="<b>x</b>", outlet="<o>")))
    assert "<b>" not in shown and "&lt;b&gt;x&lt;/b&gt;" in shown and "&lt;o&gt;" in shown
    assert "<script>" not in str(cells.quote_row(_quote(content="<script>")))
