"""Flat forms of the records: a table row, a JSON object, an API model.

:func:`flat` gives a record's flat values: a :class:`~redline.records.Size` becomes
``size``, ``size_unit`` and ``size_qualifier``, a :class:`~redline.records.TimeRef`
``date_start``, ``date_end``, ``date_granularity`` and ``date_text``, a span ``X_span``
(or ``span``) ``X_start`` and ``X_end``, a tuple a list, and a record held by another
(``StoredEvent.record``) its own flat values. :func:`flat_fields` names and types them,
and :func:`from_flat` reads a record back from them (a stored row).
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import operator
import types
import typing
from datetime import date
from typing import Any, Literal

from redline.records import Granularity, Size, SizeQualifier, TimeRef

FlatKind = Literal["size", "time", "span", "list", "word", "record", "value"]
#: Flat names given to fields of a record inlined in a stored one where they differ
#: (the events table calls ``Event.event`` ``event_type``).
STORED_NAME = {"event": "event_type"}


def flat(record: object) -> dict[str, object]:
    """A record as flat values keyed by :func:`flat_fields` names (see the module doc)."""
    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    values: dict[str, object] = {}
    for write in _writers(type(record)):
        write(record, values)
    return values


Writer = typing.Callable[[object, dict[str, object]], None]


@functools.cache
def _writers(cls: type) -> tuple[Writer, ...]:
    """How :func:`flat` writes each field of a record of ``cls``, its names found once."""
    return tuple(_writer(name, kind) for name, kind, _ in _plan(cls))


def _writer(name: str, kind: FlatKind) -> Writer:
    read = operator.attrgetter(name)
    if kind == "record":
        def write_record(record: object, values: dict[str, object]) -> None:
            for inner, inner_value in flat(read(record)).items():
                values[STORED_NAME.get(inner, inner)] = inner_value
        return write_record
    flatten = _flattener(name, kind)

    def write(record: object, values: dict[str, object]) -> None:
        flatten(read(record), values)
    return write


#: Writes a field's value as its flat values into a dict by name or a list by position.
Flatten = typing.Callable[[object, typing.Any], None]


def _flattener(name: str, kind: FlatKind, key: typing.Callable[[str], typing.Any] = str
               ) -> Flatten:
    """How the value of one field (not a record) is written as its flat values, under
    the names (or at the positions) ``key`` gives."""
    if kind == "size":
        number, unit, qualifier = key(name), key(f"{name}_unit"), key(f"{name}_qualifier")

        def write_size(size: object, values: typing.Any) -> None:
            size = size if isinstance(size, Size) else None
            values[number] = int(size) if size is not None else None
            values[unit] = size.unit if size is not None else None
            values[qualifier] = size.qualifier if size is not None else None
        return write_size
    if kind == "time":
        parts = tuple((key(f"{name}_{part}"), part)
                      for part in ("start", "end", "granularity", "text"))

        def write_time(time: object, values: typing.Any) -> None:
            time = time if isinstance(time, TimeRef) else None
            for flat_name, part in parts:
                values[flat_name] = getattr(time, part, None) if time else None
        return write_time
    if kind == "span":
        first, last = key(f"{_stem(name)}_start"), key(f"{_stem(name)}_end")

        def write_span(span: object, values: typing.Any) -> None:
            values[first], values[last] = typing.cast(tuple[object, object], span) \
                if span is not None else (None, None)
        return write_span
    if kind == "list":
        listed = key(name)

        def write_list(items: object, values: typing.Any) -> None:
            values[listed] = list(typing.cast(typing.Iterable[object], items))
        return write_list
    plain = key(name)

    def write_value(value: object, values: typing.Any) -> None:
        values[plain] = value
    return write_value


def flat_fields(cls: type) -> tuple[tuple[str, object], ...]:
    """(name, type) of each value :func:`flat` gives for a record of ``cls``, in order."""
    found: list[tuple[str, object]] = []
    for name, kind, optional in _plan(cls):
        def maybe(of: type, optional: bool = optional) -> object:
            return of | None if optional else of

        if kind == "size":
            found += [(name, maybe(int)), (f"{name}_unit", str | None),
                      (f"{name}_qualifier", maybe(str))]
        elif kind == "time":
            found += [(f"{name}_{part}", maybe(of)) for part, of in
                      (("start", date), ("end", date), ("granularity", str), ("text", str))]
        elif kind == "span":
            found += [(f"{_stem(name)}_start", maybe(int)), (f"{_stem(name)}_end", maybe(int))]
        elif kind == "record":
            found += [(STORED_NAME.get(inner, inner), of)
                      for inner, of in flat_fields(typing.get_type_hints(cls)[name])]
        else:
            hint = typing.get_type_hints(cls)[name]
            found.append((name, list[typing.get_args(hint)[0]] if kind == "list"  # type: ignore[misc]
                          else maybe(str) if kind == "word" else hint))
    return tuple(found)


R = typing.TypeVar("R")


def from_flat(cls: type[R], values: typing.Mapping[Any, object], inlined: bool = False) -> R:
    """The record of ``cls`` whose :func:`flat` form is ``values`` (a stored row): the
    inverse of :func:`flat`. A value missing or None where the field may not be None
    takes the field's default (a span: ``(0, 0)``). ``inlined``: ``values`` are those of
    a record that holds this one (named by ``STORED_NAME``)."""
    given: dict[str, object] = {}
    for name, kind, optional, default, inner in _inverse_plan(typing.cast(type, cls)):
        value: object
        if kind == "size":
            value = _size(values.get(name), values.get(f"{name}_unit"),
                          values.get(f"{name}_qualifier"))
        elif kind == "time":
            value = _time(*(values.get(f"{name}_{part}")
                            for part in ("start", "end", "granularity", "text")))
        elif kind == "span":
            value = _span(values.get(f"{_stem(name)}_start"), values.get(f"{_stem(name)}_end"),
                          None if optional else (0, 0))
        elif kind == "record":
            value = from_flat(typing.cast(type, inner), values, inlined=True)
        else:
            value = values.get(STORED_NAME.get(name, name) if inlined else name)
            if kind == "list":
                value = tuple(typing.cast(list[object], value or ()))
        if value is None and not optional and default is not dataclasses.MISSING:
            value = default() if callable(default) else default
        given[name] = value
    return cls(**given)


Row = typing.Sequence[object]


def flat_reader(cls: type[R], names: typing.Sequence[str]) -> typing.Callable[[Row], R]:
    """:func:`from_flat` for rows whose values are named ``names``, in order (a cursor's
    rows): the record it gives for a row is the one ``from_flat`` gives for the same
    values, but each field's columns are found once, not looked up by name in every row.
    A name not in ``names`` reads as missing."""
    return typing.cast(typing.Callable[[Row], R], _reader(typing.cast(type, cls), tuple(names)))


@functools.cache
def _reader(cls: type, names: tuple[str, ...], inlined: bool = False
            ) -> typing.Callable[[Row], object]:
    at = {name: n for n, name in enumerate(names)}

    def column(name: str) -> Read:
        n = at.get(name)
        return _missing if n is None else typing.cast(Read, operator.itemgetter(n))

    readers = [_field_reader(column, kind, optional, default, name, inner, names, inlined)
               for name, kind, optional, default, inner in _inverse_plan(cls)]

    def read(row: Row) -> object:
        return cls(*[reader(row) for reader in readers])

    return read


Read = typing.Callable[[Row], object]


def flat_row_reader(cls: type, names: typing.Sequence[str]
                    ) -> typing.Callable[[Row], tuple[object, ...]]:
    """The :func:`flat` values of the record :func:`from_flat` reads from a row whose
    values are named ``names`` (a cursor's rows), without building the record: a named
    tuple with a field per :func:`flat_fields` name, in that order (defaults, sizes, times
    and spans read as ``from_flat`` reads them). For what shows rows, not records."""
    return _flat_row_reader(cls, tuple(names))


@functools.cache
def _flat_row_reader(cls: type, names: tuple[str, ...]
                     ) -> typing.Callable[[Row], tuple[object, ...]]:
    """The row's columns gathered in flat order in one step (a column not given reads as
    None), then each field that is more than its column mended in place: a default
    filled in, a size, time or span read as a whole, a list made one."""
    row_type = flat_row_type(cls)
    order: tuple[str, ...] = row_type._fields  # type: ignore[attr-defined]
    at = {name: n for n, name in enumerate(names)}
    # one index more than the fields, so that itemgetter gives a tuple even for one field
    gather = operator.itemgetter(*(at.get(name, len(names)) for name in order), len(names))
    mends = _mends(cls, {name: n for n, name in enumerate(order)})
    make = row_type._make  # type: ignore[attr-defined]

    def read(row: Row) -> tuple[object, ...]:
        values = list(gather((*row, None)))[:-1]
        for mend in mends:
            mend(values)
        return typing.cast(tuple[object, ...], make(values))

    return read


@functools.cache
def flat_row_type(cls: type) -> type[tuple[object, ...]]:
    """The named tuple of a record's :func:`flat` values (``flat_row_reader`` gives it)."""
    return typing.cast(type[tuple[object, ...]], collections.namedtuple(
        f"{cls.__name__}Row", [name for name, _ in flat_fields(cls)]))


Mend = typing.Callable[[list[object]], None]


def _mends(cls: type, position: dict[str, int], inlined: bool = False) -> list[Mend]:
    """How each field of ``cls`` that is not its column as it is, is mended in a list of
    its flat values (at ``position``): read as ``from_flat`` reads it, written back as
    ``flat`` writes it."""
    def column(name: str) -> Read:
        return typing.cast(Read, operator.itemgetter(position[name]))

    def key(name: str) -> int:
        return position[STORED_NAME.get(name, name) if inlined else name]

    mends: list[Mend] = []
    for name, kind, optional, default, inner in _inverse_plan(cls):
        if kind == "record":
            mends += _mends(typing.cast(type, inner), position, inlined=True)
            continue
        if kind in ("value", "word") and (optional or default is dataclasses.MISSING):
            continue  # its column as it is
        read = _field_reader(column, kind, optional, default, name, inner, (), inlined)
        flatten = _flattener(name, kind, key)

        def mend(values: list[object], read: Read = read, flatten: Flatten = flatten) -> None:
            flatten(read(values), values)
        mends.append(mend)
    return mends


def _field_reader(column: typing.Callable[[str], Read], kind: FlatKind, optional: bool,
                  default: object, name: str, inner: object, names: tuple[str, ...],
                  inlined: bool) -> Read:
    """How one field of a record is read from a row, as :func:`from_flat` reads it."""
    value: Read
    if kind == "size":
        number, unit, qualifier = (column(name), column(f"{name}_unit"),
                                   column(f"{name}_qualifier"))

        def value(row: Row) -> object:
            return _size(number(row), unit(row), qualifier(row))
    elif kind == "time":
        start, end, granularity, text = (column(f"{name}_{part}")
                                         for part in ("start", "end", "granularity", "text"))

        def value(row: Row) -> object:
            return _time(start(row), end(row), granularity(row), text(row))
    elif kind == "span":
        first, last = column(f"{_stem(name)}_start"), column(f"{_stem(name)}_end")
        empty = None if optional else (0, 0)

        def value(row: Row) -> object:
            return _span(first(row), last(row), empty)
    elif kind == "record":
        value = _reader(typing.cast(type, inner), names, inlined=True)
    elif kind == "list":
        listed = column(STORED_NAME.get(name, name) if inlined else name)

        def value(row: Row) -> object:
            return tuple(typing.cast(list[object], listed(row) or ()))
    else:
        value = column(STORED_NAME.get(name, name) if inlined else name)
    if optional or default is dataclasses.MISSING:
        return value
    fill = typing.cast(typing.Callable[[], object], default) if callable(default) else \
        functools.partial(_same, default)

    def or_default(row: Row) -> object:
        found = value(row)
        return fill() if found is None else found
    return or_default


def _same(value: object) -> object:
    return value


def _missing(row: Row) -> object:
    return None


def _size(number: object, unit: object, qualifier: object) -> Size | None:
    if number is None:
        return None
    return Size(int(typing.cast(int, number)), _text(unit),
                typing.cast(SizeQualifier, qualifier or "exact"))


def _time(start: object, end: object, granularity: object, text: object) -> TimeRef | None:
    if not isinstance(start, date):
        return None
    return TimeRef(start, end if isinstance(end, date) else start,
                   typing.cast(Granularity, granularity or "day"), str(text or ""))


def _span(start: object, end: object, empty: tuple[int, int] | None
          ) -> tuple[object, object] | None:
    return (start, end) if start is not None and end is not None else empty


@functools.cache
def _inverse_plan(cls: type) -> tuple[tuple[str, FlatKind, bool, object, object], ...]:
    """:func:`_plan` with each field's default (a factory for a mutable one) and, for an
    inlined record, its class."""
    hints = typing.get_type_hints(cls)
    fields = {item.name: item for item in dataclasses.fields(cls)}
    plan = []
    for name, kind, optional in _plan(cls):
        item = fields[name]
        default: object = item.default if item.default is not dataclasses.MISSING else \
            item.default_factory
        plan.append((name, kind, optional, default,
                     hints[name] if kind == "record" else None))
    return tuple(plan)


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _stem(span_field: str) -> str:
    """``trigger_span`` → ``trigger``, ``span`` → ``span``."""
    return span_field.removesuffix("span").rstrip("_") or "span"


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, FlatKind, bool], ...]:
    """(field, how it is flattened, whether it may be None) for each field of ``cls``."""
    hints = typing.get_type_hints(cls)
    plan: list[tuple[str, FlatKind, bool]] = []
    for item in dataclasses.fields(cls):
        hint = hints[item.name]
        union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        optional = union and type(None) in typing.get_args(hint)
        inner = [a for a in typing.get_args(hint) if a is not type(None)] if union else [hint]
        kind: FlatKind = "value"
        if Size in inner:
            kind = "size"
        elif TimeRef in inner:
            kind = "time"
        elif (item.name == "span" or item.name.endswith("_span")) and \
                any(typing.get_origin(a) is tuple for a in inner):
            kind = "span"
        elif any(typing.get_origin(a) is tuple for a in inner):
            kind = "list"
        elif any(typing.get_origin(a) is Literal for a in inner):
            kind = "word"
        elif not union and dataclasses.is_dataclass(hint):
            kind = "record"
        plan.append((item.name, kind, optional))
    return tuple(plan)
