"""A walk over every value of a validated meeting, with its key path (the generic checks of
validation, identity and gists run over it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..core.loader import KeyPath


def walk(node: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every model, list element and string below `node`, with its key path, parent before children
    in document order. With a stack instead of nested generators: each value passed up through every
    level above it, which made the walks a sixth of validating a meeting (issue 22)."""
    stack: list[tuple[KeyPath, Any]] = [(path, node)]
    pop, extend = stack.pop, stack.extend
    while stack:
        path, node = pop()
        yield path, node
        # Children are read only once the caller has seen their parent, as a recursive walk would.
        if isinstance(node, BaseModel):
            extend([((*path, name), getattr(node, name)) for name in reversed(type(node).model_fields)])
        elif isinstance(node, list):
            extend([((*path, i), node[i]) for i in range(len(node) - 1, -1, -1)])
        elif isinstance(node, dict):
            extend([((*path, key), item) for key, item in reversed(node.items())])
