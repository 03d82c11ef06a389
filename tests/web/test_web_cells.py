"""The cells every result row repeats (``web.cells``) give the markup the Jinja macros
they replace gave, escaping included: each case is rendered both ways."""

from __future__ import annotations

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
