"""The PLOVER event vocabulary, read from ``plover.yaml``: the types the event reader
produces, the types a red-line file may name, and the earlier draft's names for them."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError

VOCABULARY_FILE = Path(__file__).with_name("plover.yaml")


@dataclass(frozen=True)
class Vocabulary:
    types: tuple[str, ...]  # 2021 codebook types, the reader's output
    earlier: dict[str, tuple[str, ...]]  # earlier draft name -> the 2021 types it covers
    relabel: tuple[tuple[str, str, str], ...] = ()  # (gold, rules' reading, trained as)
    descriptions: dict[str, str] = field(default_factory=dict)  # type -> what it is

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a red-line file may use."""
        return (*self.types, *self.earlier)


@functools.lru_cache(maxsize=1)
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    data = load_yaml_mapping(path)
    types, earlier = data.get("types"), data.get("earlier") or {}
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise ValidationError(str(path), "types", "expected a list of PLOVER event types")
    if not isinstance(earlier, dict):
        raise ValidationError(str(path), "earlier", "expected a mapping of NAME: [TYPE, ...]")
    renamed: dict[str, tuple[str, ...]] = {}
    for name, covered in earlier.items():
        if not isinstance(covered, list) or not covered or any(t not in types for t in covered):
            raise ValidationError(str(path), f"earlier.{name}",
                                  f"expected a list of types from: {', '.join(types)}")
        renamed[str(name)] = tuple(str(t) for t in covered)
    relabel = []
    for number, item in enumerate(data.get("relabel") or []):
        if not isinstance(item, dict) or any(item.get(k) not in types for k in (
                "gold", "rules", "as")):
            raise ValidationError(str(path), f"relabel[{number}]",
                                  f"expected {{gold: TYPE, rules: TYPE, as: TYPE}} with types "
                                  f"from: {', '.join(types)}")
        relabel.append((str(item["gold"]), str(item["rules"]), str(item["as"])))
    described = data.get("descriptions") or {}
    if not isinstance(described, dict) or any(
            t not in types or not isinstance(d, str) for t, d in described.items()):
        raise ValidationError(str(path), "descriptions",
                              f"expected a mapping of TYPE: text, types from: {', '.join(types)}")
    return Vocabulary(tuple(types), renamed, tuple(relabel),
                      {str(t): str(d) for t, d in described.items()})


def current_types(name: str) -> tuple[str, ...]:
    """The 2021 types a PLOVER name stands for ("FIGHT" -> ASSAULT); unknown names as given."""
    known = vocabulary()
    return known.earlier.get(name, (name,))


def current_type(name: str) -> str:
    """The first 2021 type of ``name`` ("YIELD" -> CONCEDE)."""
    return current_types(name)[0]
