"""Red lines as data: read and validate the YAML format documented in docs/redlines.md.

A file is accepted whole or rejected whole; the error names the file, the line, the
field and what is valid there.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from redline import yaml_limits
from redline.assess.places import place_problem
from redline.errors import InputError, ValidationError
from redline.plover import current_types, vocabulary
from redline.records import (
    FACTUALITY_LABELS,
    GRADES,
    HAPPENED_LABELS,
    CorroborationRule,
    Pattern,
    RedLine,
    StoredLine,
)
from redline.store import Store
from redline.store import lines as line_store

T = TypeVar("T")

LINE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,127}$")
ACTOR_CODE = re.compile(r"^[A-Z]{3}(-[A-Z]{2,8})*$")
WORD = re.compile(r"^[a-z][a-z0-9_]*$")
DECLARED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present; same marks
MIN_HAPPENED = min(FACTUALITY_LABELS[label] for label in HAPPENED_LABELS)
#: The lowest ``min_factuality``: probable (``probable`` or ``assessed`` lines).
MIN_FACTUALITY = FACTUALITY_LABELS["probable"]

LINE_FIELDS = ("id", "title", "declared_by", "declared", "source", "trigger", "precursors",
               "consequence", "options", "keywords")
REQUIRED_LINE_FIELDS = ("id", "title", "declared_by", "source", "trigger", "consequence")
PATTERN_FIELDS = ("indicator", "description", "actors", "events", "recipients", "modes",
                  "contexts", "objects", "locations", "min_factuality", "corroboration",
                  "any_of", "all_of")
#: Fields a composite (any_of / all_of) pattern may have beside its parts.
COMPOSITE_FIELDS = ("indicator", "description", "min_factuality", "corroboration")
PART_FIELDS = ("description", "actors", "events", "recipients", "modes", "contexts",
               "objects", "locations", "min_factuality")
RULE_FIELDS = ("sources", "reliability", "official")


def event_types() -> tuple[str, ...]:
    """PLOVER event types a pattern may name: those the reader produces and the earlier
    draft's names for them (``redline/plover.yaml``)."""
    return vocabulary().names


def load_lines(path: str | Path) -> list[RedLine]:
    """Read and validate a red-line file; raise ValidationError naming file, line and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc})") from exc
    return parse_lines(text, source=str(path))


def parse_lines(text: str, *, source: str = "<text>") -> list[RedLine]:
    """Validate red lines written in YAML: a list, ``redlines: [...]`` or one line."""
    reader = _Reader(source)
    try:
        root = yaml_limits.compose(text, source)  # capped after alias expansion
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        raise ValidationError(where, "(yaml)", f"not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise ValidationError(source, "(yaml)", f"not valid YAML: {exc}") from exc
    if root is None:
        raise ValidationError(f"{source}:1", "(file)",
                              "empty; expected a list of red lines or 'redlines: [...]'")
    lines = [_parse_line(reader, node, f"redlines[{i}]")
             for i, node in enumerate(_line_nodes(reader, root))]
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.id in seen:
            raise ValidationError(
                f"{source}:{_line_nodes(reader, root)[i].start_mark.line + 1}", f"redlines[{i}].id",
                f"{line.id!r} is already used by redlines[{seen[line.id]}]; ids must be unique")
        seen[line.id] = i
    return lines


def get_line(store: Store, line_id: str) -> RedLine:
    """The stored red line ``line_id``, read from its definition as written."""
    return read_stored(line_store.stored_line(store, line_id))


def list_lines(store: Store) -> list[RedLine]:
    """Every stored red line, by id."""
    return [read_stored(stored) for stored in line_store.stored_lines(store)]


def read_stored(stored: StoredLine) -> RedLine:
    """A stored definition as the red line it declares (validated when it was added)."""
    return replace(_parse_stored(json.dumps(stored.spec, sort_keys=True), stored.id),
                   updated=stored.updated)


@functools.lru_cache(maxsize=256)
def _parse_stored(spec: str, line_id: str) -> RedLine:
    return parse_lines(spec, source=f"stored red line {line_id}")[0]


class _Reader:
    """Turns YAML nodes into values, failing with the node's line number."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._constructor = SafeConstructor()

    def fail(self, node: Node, field: str, problem: str) -> ValidationError:
        return ValidationError(f"{self.source}:{node.start_mark.line + 1}", field, problem)

    def value(self, node: Node) -> Any:
        return self._constructor.construct_object(node, deep=True)

    def mapping(self, node: Node, field: str, valid: tuple[str, ...]) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, field, f"expected a mapping with keys {', '.join(valid)}")
        items: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if not isinstance(key, str) or key not in valid:
                raise self.fail(key_node, f"{field}.{key}",
                                f"unknown field; valid fields: {', '.join(valid)}")
            if key in items:
                raise self.fail(key_node, f"{field}.{key}", "given twice; give each field once")
            items[key] = value_node
        return items

    def text(self, node: Node, field: str) -> str:
        value = self.value(node) if isinstance(node, ScalarNode) else None
        if isinstance(value, date):
            return value.isoformat()
        if not isinstance(value, str | int | float) or isinstance(value, bool) or \
                not str(value).strip():
            raise self.fail(node, field, "expected non-empty text")
        return str(value).strip()

    def texts(self, node: Node, field: str, check: Callable[[str], str | None] | None = None
              ) -> tuple[str, ...]:
        """A scalar or a list of scalars; ``check`` returns a problem or None."""
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        values: list[str] = []
        for i, item in enumerate(nodes):
            name = f"{field}[{i}]" if isinstance(node, SequenceNode) else field
            value = self.text(item, name)
            problem = check(value) if check else None
            if problem:
                raise self.fail(item, name, f"{value!r} is not valid; {problem}")
            values.append(value)
        return tuple(values)


def _line_nodes(reader: _Reader, root: Node) -> list[Node]:
    if isinstance(root, SequenceNode):
        return list(root.value)
    if isinstance(root, MappingNode):
        keys = [reader.value(key) for key, _ in root.value]
        if keys == ["redlines"]:
            inner = root.value[0][1]
            if not isinstance(inner, SequenceNode):
                raise reader.fail(inner, "redlines", "expected a list of red lines")
            return list(inner.value)
        return [root]
    raise reader.fail(root, "(file)", "expected a list of red lines or 'redlines: [...]'")


def _actor(value: str) -> str | None:
    if ACTOR_CODE.match(value):
        return None
    return "expected an actor code: ISO 3166 alpha-3 (KOR), optionally with a sector (KOR-INTEL)"


def _declarer(reader: _Reader, node: Node, field: str) -> str:
    """An actor code, or a name resolved through the actor aliases ("Israel" -> ISR)."""
    value = reader.text(node, field)
    if ACTOR_CODE.match(value):
        return value
    from redline.extract.actors import load_lexicon  # the alias dictionary

    code = load_lexicon().lookup(value, None)
    if code is None:
        raise reader.fail(node, field, f"{value!r} is not valid; expected an actor code "
                          "(ISO 3166 alpha-3 such as ISR, optionally with a sector) or a "
                          "name in src/redline/extract/actors.yaml")
    return code


def _place(value: str) -> str | None:
    """A place code (UKR, RU-KRS) or a name the gazetteer knows."""
    from redline.assess.matching import is_place_code

    return None if is_place_code(value) else place_problem(value)


def _event_type(value: str) -> str | None:
    if value in event_types():
        return None
    return f"expected a PLOVER event type: {', '.join(event_types())}"


def _word(value: str) -> str | None:
    return None if WORD.match(value) else "expected a lowercase word such as military or cbrn"


def _parse_line(reader: _Reader, node: Node, field: str) -> RedLine:
    items = reader.mapping(node, field, LINE_FIELDS)
    for name in REQUIRED_LINE_FIELDS:
        if name not in items:
            raise reader.fail(node, f"{field}.{name}",
                              f"missing; a red line needs {', '.join(REQUIRED_LINE_FIELDS)}")
    line_id = reader.text(items["id"], f"{field}.id")
    if not LINE_ID.match(line_id):
        raise reader.fail(items["id"], f"{field}.id", f"{line_id!r} is not valid; expected "
                          "lowercase letters, digits, '.', '_' or '-' (at most 128)")
    field = f"{field}({line_id})"
    declared = None
    if "declared" in items:
        declared = reader.text(items["declared"], f"{field}.declared")
        if not DECLARED.match(declared):
            raise reader.fail(items["declared"], f"{field}.declared",
                              f"{declared!r} is not valid; expected YYYY, YYYY-MM or YYYY-MM-DD")
    precursors = _precursors(reader, items.get("precursors"), f"{field}.precursors")
    optional = {name: reader.texts(items[name], f"{field}.{name}")
                for name in ("options", "keywords") if name in items}
    return RedLine(
        id=line_id,
        title=reader.text(items["title"], f"{field}.title"),
        declared_by=_declarer(reader, items["declared_by"], f"{field}.declared_by"),
        declared=declared,
        source=reader.text(items["source"], f"{field}.source"),
        trigger=_pattern(reader, items["trigger"], f"{field}.trigger", trigger=True),
        precursors=precursors,
        consequence=reader.text(items["consequence"], f"{field}.consequence"),
        options=optional.get("options", ()),
        keywords=optional.get("keywords", ()),
        spec=_plain(reader.value(node)),
    )


def _precursors(reader: _Reader, node: Node | None, field: str) -> tuple[Pattern, ...]:
    if node is None:
        return ()
    if not isinstance(node, SequenceNode):
        raise reader.fail(node, field, "expected a list of patterns")
    patterns = tuple(_pattern(reader, item, f"{field}[{i}]", trigger=False)
                     for i, item in enumerate(node.value))
    names = [pattern.indicator for pattern in patterns]
    for i, name in enumerate(names):
        if name in names[:i] or name == "trigger":
            raise reader.fail(node.value[i], f"{field}[{i}].indicator", f"{name!r} is used "
                              "twice or reserved; give each precursor its own name")
    return patterns


def _pattern(reader: _Reader, node: Node, field: str, *, trigger: bool) -> Pattern:
    items = reader.mapping(node, field, PATTERN_FIELDS)
    composite = [name for name in ("any_of", "all_of") if name in items]
    if len(composite) > 1:
        raise reader.fail(node, field, "give any_of or all_of, not both")
    if composite:
        for name in items:
            if name not in (*COMPOSITE_FIELDS, *composite):
                raise reader.fail(items[name], f"{field}.{name}", "a pattern with "
                                  f"{composite[0]} gives its constraints in each part; valid "
                                  f"beside it: {', '.join(COMPOSITE_FIELDS)}")
    elif "events" not in items:
        raise reader.fail(node, f"{field}.events", "missing; give one or more PLOVER event "
                          f"types: {', '.join(event_types())} (or any_of / all_of a list of "
                          "patterns)")
    if trigger:
        indicator = "trigger"
        if "indicator" in items:
            raise reader.fail(items["indicator"], f"{field}.indicator",
                              "the trigger is named 'trigger'; remove this field")
    elif "indicator" not in items:
        raise reader.fail(node, f"{field}.indicator",
                          "missing; name each precursor (e.g. indicator: troop-deployment)")
    else:
        indicator = reader.text(items["indicator"], f"{field}.indicator")
    if "corroboration" in items and not trigger:
        raise reader.fail(items["corroboration"], f"{field}.corroboration",
                          "corroboration applies to the trigger only")
    pattern = _constraints(reader, items, field, Pattern(indicator=indicator))
    if "corroboration" in items:
        pattern = replace(pattern, corroboration=_corroboration(
            reader, items["corroboration"], f"{field}.corroboration"))
    if composite:
        parts = _parts(reader, items[composite[0]], f"{field}.{composite[0]}", pattern)
        pattern = replace(pattern, any_of=parts) if composite[0] == "any_of" else \
            replace(pattern, all_of=parts)
    return pattern


def _parts(reader: _Reader, node: Node, field: str, parent: Pattern) -> tuple[Pattern, ...]:
    if not isinstance(node, SequenceNode) or len(node.value) < 2:
        raise reader.fail(node, field, "expected a list of two or more patterns")
    parts = []
    for i, item in enumerate(node.value):
        name = f"{field}[{i}]"
        items = reader.mapping(item, name, PART_FIELDS)
        if "events" not in items:
            raise reader.fail(item, f"{name}.events", "missing; give one or more PLOVER "
                              f"event types: {', '.join(event_types())}")
        base = Pattern(indicator=parent.indicator, min_factuality=parent.min_factuality,
                       accept_assessed=parent.accept_assessed,
                       corroboration=parent.corroboration, part=str(i + 1))
        parts.append(_constraints(reader, items, name, base))
    return tuple(parts)


def _constraints(reader: _Reader, items: dict[str, Node], field: str, pattern: Pattern
                 ) -> Pattern:
    if "min_factuality" in items:
        value, assessed = _min_factuality(reader, items["min_factuality"],
                                          f"{field}.min_factuality")
        pattern = replace(pattern, min_factuality=value, accept_assessed=assessed)
    checks: dict[str, Callable[[str], str | None] | None] = {
        "actors": _actor, "recipients": _actor, "events": _event_type, "modes": _word,
        "contexts": _word, "objects": None, "locations": _place}
    lists: dict[str, Any] = {name: reader.texts(items[name], f"{field}.{name}", check)
                             for name, check in checks.items() if name in items}
    description = reader.text(items["description"], f"{field}.description") \
        if "description" in items else pattern.description
    if "events" in lists:  # an earlier draft's name matches the types it stands for
        lists["events"] = tuple(dict.fromkeys(t for name in lists["events"]
                                              for t in current_types(name)))
    return replace(pattern, description=description, **lists)


def _min_factuality(reader: _Reader, node: Node, field: str) -> tuple[float, bool]:
    """The lowest factuality that counts, and whether official assessments count."""
    value = reader.value(node) if isinstance(node, ScalarNode) else None
    valid = (f"expected {', '.join(sorted(HAPPENED_LABELS))}, probable (any probable claim), "
             "assessed (an official assessment by a source graded A-B) or a number from "
             f"{MIN_FACTUALITY} to 3")
    if value == "assessed":
        return MIN_HAPPENED, True
    if isinstance(value, str) and value in (*HAPPENED_LABELS, "probable"):
        return FACTUALITY_LABELS[value], False
    if isinstance(value, int | float) and not isinstance(value, bool) and \
            MIN_FACTUALITY <= value <= 3:
        return float(value), False
    raise reader.fail(node, field, f"{value!r} is not valid; {valid}")


def _corroboration(reader: _Reader, node: Node, field: str) -> tuple[CorroborationRule, ...]:
    nodes = node.value if isinstance(node, SequenceNode) else [node]
    if not nodes:
        raise reader.fail(node, field, "expected one or more rules such as {sources: 1, "
                          "reliability: B, official: true}")
    return tuple(_rule(reader, item, f"{field}[{i}]") for i, item in enumerate(nodes))


def _rule(reader: _Reader, node: Node, field: str) -> CorroborationRule:
    items = reader.mapping(node, field, RULE_FIELDS)
    values = {name: reader.value(value) for name, value in items.items()}
    sources = values.get("sources", 1)
    if not isinstance(sources, int) or isinstance(sources, bool) or sources < 1:
        raise reader.fail(items.get("sources", node), f"{field}.sources",
                          f"{sources!r} is not valid; expected a whole number of at least 1")
    grade = values.get("reliability", "F")
    if grade not in GRADES:
        raise reader.fail(items.get("reliability", node), f"{field}.reliability",
                          f"{grade!r} is not valid; expected an Admiralty grade "
                          f"{', '.join(GRADES)} (A best, F cannot be judged)")
    official = values.get("official", False)
    if not isinstance(official, bool):
        raise reader.fail(items["official"], f"{field}.official",
                          f"{official!r} is not valid; expected true or false")
    return CorroborationRule(sources=sources, reliability=grade, official=official)


def _plain(value: T) -> T:
    """The definition as JSON-ready data (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [_plain(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, date):
        return value.isoformat()  # type: ignore[return-value]
    return value
