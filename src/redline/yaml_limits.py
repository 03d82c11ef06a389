"""Caps on YAML once its aliases are expanded: a small file of anchors and aliases
(``&a [*b, *b, ...]``) can stand for gigabytes. Red-line files and sidecars are checked
on the composed node graph, before anything is built from it."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from redline.errors import InputError

#: Most nodes, and most characters of scalars, a document may stand for once expanded.
MAX_NODES = 100_000
MAX_CHARS = 10_000_000
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def expanded_size(root: Node) -> tuple[int, int]:
    """(nodes, scalar characters) of the document with every alias written out.

    Linear in the composed graph: an aliased node's size is computed once. A node that
    contains itself counts as unbounded.
    """
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = [sizes[id(child)] for child in _children(node)]
            own = len(str(node.value)) if isinstance(node, ScalarNode) else 0
            sizes[key] = (1 + sum(k[0] for k in kids), own + sum(k[1] for k in kids))
            open_nodes.discard(key)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            return (MAX_NODES + 1, MAX_CHARS + 1)  # recursive: unbounded when expanded
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def check_expansion(root: Node, source: str) -> None:
    """``InputError`` when the document expands past ``MAX_NODES`` or ``MAX_CHARS``."""
    nodes, chars = expanded_size(root)
    if nodes > MAX_NODES or chars > MAX_CHARS:
        raise InputError(source, f"YAML expands to {nodes:,} nodes and {chars:,} characters "
                                 f"through its aliases; the limit is {MAX_NODES:,} nodes and "
                                 f"{MAX_CHARS:,} characters")


def compose(text: str, source: str) -> Node | None:
    """The node graph of ``text``, refused when it expands too far or nests too deep.

    Raises ``yaml.YAMLError`` for YAML that is not valid, as ``yaml.compose`` does.
    """
    try:
        root = yaml.compose(text, Loader=LOADER)
    except RecursionError as exc:
        raise InputError(source, "YAML nests too deeply") from exc
    if root is not None:
        check_expansion(root, source)
    return root


def safe_load(text: str, source: str) -> Any:
    """``yaml.safe_load`` with the expansion caps."""
    root = compose(text, source)
    if root is None:
        return None
    try:
        return yaml.SafeLoader("").construct_document(root)
    except RecursionError as exc:
        raise InputError(source, "YAML nests too deeply") from exc
