"""Metadata about a source: from flags, a sidecar file, a JSONL record or the page itself.

Layers are merged with ``SourceMeta.over``: the more explicit layer wins field by field
(flags over sidecar over record over what the page says).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from redline import yaml_limits
from redline.errors import InputError
from redline.ingest.dates import to_utc

#: Accepted keys for each field, first one preferred (sidecars, JSONL records).
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "canonical_url"),
    "outlet": ("outlet", "site_name", "sitename", "source", "publisher"),
    "headline": ("headline", "title"),
    "subheadline": ("subheadline", "subtitle", "standfirst"),
    "byline": ("byline", "author", "authors"),
    "published": ("published", "date", "published_at", "pubdate"),
    "retrieved": ("retrieved", "retrieved_at", "fetched", "accessed"),
    "language": ("language", "lang"),
}
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")


@dataclass(frozen=True)
class SourceMeta:
    """What is known about an article besides its text. Times are aware UTC."""

    url: str | None = None
    outlet: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    byline: str | None = None
    published: datetime | None = None
    retrieved: datetime | None = None
    language: str | None = None

    def over(self, other: SourceMeta) -> SourceMeta:
        """This layer on top of ``other``: each field set here wins."""
        return replace(other, **{f.name: getattr(self, f.name) for f in fields(self)
                                 if getattr(self, f.name) is not None})


def _text_value(value: Any, source: str, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = ", ".join(value)
    if not isinstance(value, str):
        raise InputError(source, f"{key} must be text, not {type(value).__name__}")
    return " ".join(value.split()) or None


def meta_from_mapping(record: Mapping[str, Any], source: str) -> SourceMeta:
    """Read the fields of ``SourceMeta`` from a sidecar or record; other keys are ignored."""
    found: dict[str, Any] = {}
    for name, keys in FIELD_KEYS.items():
        key = next((k for k in keys if record.get(k) not in (None, "")), None)
        if key is None:
            continue
        value = record[key]
        if name in ("published", "retrieved"):
            found[name] = to_utc(value, source=source, field=key)
        else:
            found[name] = _text_value(value, source, key)
    return SourceMeta(**found)


def sidecar_path(path: Path) -> Path | None:
    """``NAME.meta.json`` (or ``.meta.yaml``) beside ``NAME.txt``, if there is one."""
    for base in (path.with_suffix(""), path):
        for suffix in SIDECAR_SUFFIXES:
            candidate = base.with_name(base.name + suffix)
            if candidate.is_file():
                return candidate
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIXES)


def read_sidecar(path: Path, *, max_bytes: int = 1_000_000) -> SourceMeta:
    """The metadata in the sidecar beside ``path``; empty when there is none.

    A sidecar over ``max_bytes``, or YAML whose aliases expand past the caps of
    ``redline.yaml_limits``, is refused."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return SourceMeta()
    try:
        size = sidecar.stat().st_size
        if size > max_bytes:
            raise InputError(str(sidecar), f"sidecar is {size:,} bytes, over the limit of "
                                           f"{max_bytes:,} (setting max_sidecar_bytes)")
        raw_text = sidecar.read_text(encoding="utf-8")
        record = json.loads(raw_text) if sidecar.suffix == ".json" else \
            yaml_limits.safe_load(raw_text, str(sidecar))
    except RecursionError as exc:
        raise InputError(str(sidecar), "sidecar nests too deeply") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(str(sidecar), f"sidecar is not valid {sidecar.suffix[1:].upper()}: "
                                       f"{problem}") from exc
    if not isinstance(record, dict):
        raise InputError(str(sidecar), "sidecar must be a mapping of keys such as "
                                       "published, outlet, title, url")
    return meta_from_mapping(record, str(sidecar))


def meta_from_flags(*, url: str | None = None, outlet: str | None = None,
                    published: str | None = None, retrieved: str | None = None) -> SourceMeta:
    """Metadata given on the command line."""
    return SourceMeta(
        url=url, outlet=outlet,
        published=to_utc(published, source="--published", field="value"),
        retrieved=to_utc(retrieved, source="--retrieved", field="value"),
    )
