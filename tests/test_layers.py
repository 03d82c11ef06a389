"""Imports run one way, from the edge to the core: a module may import its own layer and
the layers below it, never one above. Every import is read with ``ast``, those inside
functions (imported when first called) included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: Lowest first. A module belongs to the layer of the longest prefix listed.
LAYERS: tuple[tuple[str, ...], ...] = (
    # the nouns, the errors, and the shared readers of settings and data files
    ("redline.records", "redline.errors", "redline.settings", "redline.datafiles",
     "redline.yaml_limits", "redline.plover"),
    ("redline.ingest",),  # readers: text, HTML, feeds, fetching; no analysis
    ("redline.extract", "redline.datasets"),  # reading events and quotes out of text
    ("redline.store",),  # SQL only, typed records in and out
    ("redline.assess",),  # red lines, verdicts, reports
    # chaining the stages; delivering alerts; scoring against the gold sets
    ("redline.pipeline", "redline.backfill", "redline.watch", "redline.backtest",
     "redline.alerts", "redline.alerts_email", "redline.eval"),
    ("redline.cli", "redline.web", "redline"),  # the edges (``redline`` is the facade)
)

#: Upward imports allowed for now (none): a pair listed here that is gone from the code
#: fails the test below, so the list only shrinks.
KNOWN: frozenset[tuple[str, str]] = frozenset()


def layer_of(module: str) -> int:
    best, found = -1, None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    if found is None:
        raise AssertionError(f"{module} is in no layer; add it to LAYERS in {__file__}")
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted((SRC / "redline").rglob("*.py"))
           if "migrations" not in path.parts}


def imported(module: str, tree: ast.AST) -> list[tuple[str, int]]:
    """The redline modules ``tree`` imports, with their line numbers; ``from redline
    import yaml_limits`` imports the module ``redline.yaml_limits``."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in MODULES else base, node.lineno))
    return [(name, line) for name, line in found
            if name == "redline" or name.startswith("redline.")]


def upward_imports() -> list[tuple[str, str, str]]:
    """(importer, imported, where) for every import of a higher layer."""
    bad = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target, line in imported(module, tree):
            if layer_of(target) > layer_of(module):
                bad.append((module, target, f"{path.relative_to(SRC.parent)}:{line}"))
    return bad


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_a_higher_layer() -> None:
    found = [(module, target, where) for module, target, where in upward_imports()
             if (module, target) not in KNOWN]
    assert not found, "imports that run upward (importer -> imported, at):\n" + "\n".join(
        f"  {module} (layer {layer_of(module)}) -> {target} (layer {layer_of(target)}), "
        f"{where}" for module, target, where in found)


def test_the_allow_list_holds_only_imports_still_made() -> None:
    made = {(module, target) for module, target, _ in upward_imports()}
    assert made >= KNOWN, f"no longer imported, remove from KNOWN: {sorted(KNOWN - made)}"


@pytest.mark.parametrize("source, module, upward", [
    ("from redline.assess.lines import parse_lines\n", "redline.store.lines", True),
    ("def f():\n    from redline.pipeline import analyze_articles\n", "redline.ingest.feeds",
     True),
    ("from redline import yaml_limits\n", "redline.ingest.metadata", False),
    ("import redline.cli\n", "redline.records", True),
    ("from redline.records import Event\n", "redline.store.evidence", False),
    ("from redline.store import Store\n", "redline.assess.engine", False),
    ("from . import evidence\n", "redline.store.lines", False),
    ("from ..assess import engine\n", "redline.store.lines", True),
])
def test_the_check_reads_each_kind_of_import(source: str, module: str, upward: bool) -> None:
    targets = [target for target, _ in imported(module, ast.parse(source))]
    assert targets, f"no redline import read from {source!r}"
    assert any(layer_of(t) > layer_of(module) for t in targets) is upward
