"""An evidence item in plain words: "North Korea has deployed forces towards Russia
(confirmed by the NIS, 18 Oct 2024)". The words come from ``brief_words.yaml``."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from redline.datafiles import load_yaml_mapping

WORDS_FILE = Path(__file__).with_name("brief_words.yaml")
#: A recipient slot and the preposition before it, dropped when there is no recipient.
_NO_RECIPIENT = re.compile(r"(?:\s+(?:with|to|for|towards|on|from|against))?\s*\{recipient\}")


@functools.lru_cache(maxsize=4)
def load_words(path: Path = WORDS_FILE) -> dict[str, dict[str, str]]:
    """The brief's words by section (checked against ``datafiles.yaml``; extended by a
    ``brief_words.yaml`` in the ``lexicon_dir`` setting's folder)."""
    data = load_yaml_mapping(path)
    return {section: {str(k): str(v) for k, v in data[section].items()}
            for section in ("events", "names", "sectors", "factuality")}


def actor_name(code: str | None, text: str | None = None) -> str:
    """``KOR-INTEL`` -> "South Korea's intelligence service"; unknown codes stay as written."""
    if not code:
        return text or "someone"
    words = load_words()
    state, _, sector = code.partition("-")
    name = words["names"].get(state) or _country(state) or (text if not sector else None) \
        or state
    if not sector:
        return name
    possessive = f"{name}'" if name.endswith("s") else f"{name}'s"
    return f"{possessive} {words['sectors'].get(sector, sector.lower())}"


def _country(code: str) -> str | None:
    if len(code) != 3 or not code.isalpha():
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code.upper())
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


def _day(value: Any) -> str:
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)[:10]
    return f"{moment.day} {moment:%b %Y}"


def claim_sentence(item: Mapping[str, Any]) -> str:
    """What an evidence item claims, who says so and when, as one plain sentence (no
    citation mark)."""
    words = load_words()
    actor = actor_name(item.get("actor"), item.get("actor_text"))
    recipient = actor_name(item.get("recipient"), item.get("recipient_text")) \
        if item.get("recipient") or item.get("recipient_text") else None
    phrase = words["events"].get(str(item.get("event_type")),
                                 f"has done {item.get('event_type')} to {{recipient}}")
    phrase = phrase.replace("{recipient}", recipient) if recipient else \
        _NO_RECIPIENT.sub("", phrase)
    objects = item.get("objects")
    what = f", involving {', '.join(map(str, objects))}" \
        if isinstance(objects, list) and objects else ""
    label = str(item.get("factuality_label") or "")
    how = words["factuality"].get(label, label)
    who = item.get("attributed_text") or (actor_name(item["attributed_to"])
                                          if item.get("attributed_to") else None)
    said = f"{how} by {who}" if who else \
        f"{how} in {item['outlet']}" if item.get("outlet") else how
    aim = item.get("intended_text") or (actor_name(item["intended_by"])
                                        if item.get("intended_by") else None)
    if aim:  # the aim is the intender's; the report is who says so
        said = f"aim of {aim}, reported by {who or item.get('outlet') or 'the article'}"
    basis = ", ".join(part for part in (said, _day(item.get("published"))) if part)
    return f"{_capital(actor)} {phrase}{what} ({basis})."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
