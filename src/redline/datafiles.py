"""Reading the editable data files (cue words, aliases, grades, patterns) the code consults.

Each packaged data file is checked against the sections ``datafiles.yaml`` declares for it:
a misspelled or missing section is an error naming the file, the line and the valid
sections, never a silently empty list. A file of the same name in the ``lexicon_dir``
setting extends the packaged one (lists gain its items, mappings its keys) or overrides
it (a number or text), so an analyst adds an actor alias or a cue word without editing
the installed package.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redline.errors import InputError, ValidationError

PACKAGE = Path(__file__).resolve().parent
SCHEMA_FILE = PACKAGE / "datafiles.yaml"

#: What a section's value must be, by the word ``datafiles.yaml`` uses for it.
KINDS: dict[str, tuple[type, ...]] = {
    "list": (list,),
    "mapping": (dict,),
    "number": (int, float),
    "text": (str,),
    "word pairs": (list,),
}

#: The kinds whose value is a list of entries each of one shape: what an entry must be,
#: and how it is told.
_PAIR = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)* [^\W\d_]+(?:['-][^\W\d_]+)*")
ENTRIES: dict[str, tuple[str, re.Pattern[str]]] = {
    "word pairs": ('two words with one space between them, such as "in order"', _PAIR),
}


@dataclass(frozen=True)
class Schema:
    """The sections of one data file (name -> kind), or a pattern its keys must match."""

    name: str
    sections: dict[str, str]
    keys: re.Pattern[str] | None = None

    def check(self, data: dict[str, Any], path: Path, text: str, *, partial: bool) -> None:
        """Raise ValidationError for an unknown, mistyped or (unless ``partial``) missing
        section of ``data``, read from ``path`` whose YAML source is ``text``."""
        lines = _key_lines(text)
        for key, value in data.items():
            where = f"{path}:{lines[str(key)]}" if str(key) in lines else str(path)
            if self.keys is not None:
                if not self.keys.fullmatch(str(key)):
                    raise ValidationError(where, str(key),
                                          f"not a valid key; keys must match {self.keys.pattern}")
                continue
            kind = self.sections.get(str(key))
            if kind is None:
                raise ValidationError(where, str(key), "unknown section; valid sections: "
                                      + ", ".join(sorted(self.sections))
                                      + f" (declared for {self.name} in {SCHEMA_FILE.name})")
            if not isinstance(value, KINDS[kind]) and not (partial and value is None):
                shown = "list" if kind in ENTRIES else kind
                raise ValidationError(where, str(key),
                                      f"must be a {shown}, found a {type(value).__name__}")
            _check_entries(kind, value, where, str(key))
        missing = sorted(set(self.sections) - {str(k) for k in data})
        if missing and not partial:
            raise ValidationError(str(path), missing[0],
                                  "missing section; this file must hold: "
                                  + ", ".join(sorted(self.sections)))


def _check_entries(kind: str, value: Any, where: str, key: str) -> None:
    """Raise ValidationError for an entry of a ``value`` of ``kind`` that is not of the
    shape its kind asks (``ENTRIES``), naming the entry and what is valid."""
    if kind not in ENTRIES or not isinstance(value, list):
        return
    shape, pattern = ENTRIES[kind]
    for number, entry in enumerate(value):
        if not isinstance(entry, str) or not pattern.fullmatch(entry):
            raise ValidationError(where, f"{key}[{number}]",
                                  f"{entry!r} is not a {kind[:-1]}: each entry is {shape}")


def load_yaml_mapping(path: Path | str) -> dict[str, Any]:
    """The top-level mapping of a YAML data file (empty file: empty mapping).

    Raises ValidationError naming the file, the line where the YAML breaks, and
    what is expected, so an analyst who edited a file by hand sees what to mend.
    A packaged data file is checked against its schema and extended by the file
    of the same name in ``lexicon_dir``, if there is one.
    """
    path = Path(path)
    text = _read(path)
    data = _parse(text, path)
    schema = schema_for(path)
    if schema is None:
        return data
    schema.check(data, path, text, partial=False)
    overlay = _overlay_path(path)
    if overlay is None:
        return data
    extra_text = _read(overlay)
    extra = _parse(extra_text, overlay)
    schema.check(extra, overlay, extra_text, partial=True)
    merged: dict[str, Any] = merge(data, extra)
    return merged


def jsonl_records(path: Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) for each non-blank line of a JSON-lines gold file.

    A missing file is an error naming ``what`` it should hold; a line that is not JSON
    is an error naming the file and the line.
    """
    if not path.exists():
        raise InputError(str(path), f"{what} not found")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"not JSON ({exc})") from exc
        yield number, record


def schema_for(path: Path) -> Schema | None:
    """The schema of ``path`` if it is a packaged data file, else None."""
    try:
        name = path.resolve().relative_to(PACKAGE).as_posix()
    except ValueError:
        return None
    return schemas().get(name)


@functools.lru_cache(maxsize=1)
def schemas() -> dict[str, Schema]:
    """Every packaged data file's schema, from ``datafiles.yaml``."""
    raw = _parse(_read(SCHEMA_FILE), SCHEMA_FILE)
    found: dict[str, Schema] = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict) or not spec:
            raise ValidationError(str(SCHEMA_FILE), str(name),
                                  "must map section names to " + ", ".join(KINDS))
        if set(spec) == {"keys"}:
            found[str(name)] = Schema(str(name), {}, re.compile(str(spec["keys"])))
            continue
        for section, kind in spec.items():
            if kind not in KINDS:
                raise ValidationError(str(SCHEMA_FILE), f"{name}.{section}",
                                      f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")
        found[str(name)] = Schema(str(name), {str(k): str(v) for k, v in spec.items()})
    return found


def merge(base: Any, extra: Any) -> Any:
    """``base`` extended by ``extra``: mappings merged key by key, lists extended with the
    items they lack, anything else replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return base if extra is None else extra


def lexicon_dir() -> Path | None:
    """The folder of the analyst's own data files (the ``lexicon_dir`` setting), if set."""
    from redline.settings import load_settings

    folder = load_settings().lexicon_dir
    if not folder:
        return None
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise ValidationError(str(path), "lexicon_dir", "not a folder")
    return path


def _overlay_path(path: Path) -> Path | None:
    folder = lexicon_dir()
    if folder is None:
        return None
    overlay = folder / path.name
    return overlay if overlay.is_file() else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(str(path), "(file)", f"cannot be read as UTF-8 text ({exc})") from exc


def _parse(text: str, path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ValidationError(where, "(yaml)", f"not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ValidationError(str(path), "(yaml)", f"not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValidationError(str(path), "(top level)",
                              f"expected a mapping of sections, found a {type(data).__name__}")
    return data


def _key_lines(text: str) -> dict[str, int]:
    """The line (1-based) of each top-level key of the YAML ``text``."""
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)}
