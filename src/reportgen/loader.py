"""Load YAML while remembering where every value came from (file, line, column).

PyYAML's composer gives us nodes with start marks; we build plain Python data from them
ourselves so that each value's key path can be traced back to the file, and so duplicate keys
are reported instead of silently overwritten.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

log = logging.getLogger(__name__)

Key = str | int
KeyPath = tuple[Key, ...]


@dataclass(frozen=True)
class Mark:
    file: str
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Marks:
    """Where each value (and each mapping key) of a loaded document sits in its file."""

    values: dict[KeyPath, Mark] = field(default_factory=dict)
    keys: dict[KeyPath, Mark] = field(default_factory=dict)
    # Usual YAML slips spotted while loading (see _slip_hints), by the key path they produce.
    hints: dict[KeyPath, str] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, key: bool = False) -> Mark | None:
        """The mark of `path`, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        for end in range(len(path) - 1, -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return None

    def update(self, other: Marks) -> None:
        self.values.update(other.values)
        self.keys.update(other.keys)
        self.hints.update(other.hints)


def format_path(path: KeyPath) -> str:
    """('sessions', 2, 'speakers', 0) -> 'sessions[2].speakers[0]'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def problem_at(marks: Marks, path: KeyPath, message: str, *, key: bool = False, file: str = "") -> Problem:
    """Build a Problem located at `path` (falling back to the file's first line)."""
    mark = marks.locate(path, key=key) or Mark(file, 1, 1)
    return Problem(mark.file, mark.line, mark.column, format_path(path), message)


def _empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


class _Builder:
    def __init__(self, display_name: str) -> None:
        self.file = display_name
        self.marks = Marks()
        self.problems: list[Problem] = []
        # Reuse PyYAML's safe scalar constructors (ints, floats, dates, booleans, null).
        self._constructor = yaml.SafeLoader("")

    def _mark(self, node: yaml.Node) -> Mark:
        return Mark(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.marks.values[path] = self._mark(node)
        if isinstance(node, yaml.MappingNode):
            self._constructor.flatten_mapping(node)  # resolves YAML merge keys (<<)
            self._slip_hints(node, path)
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self._constructor.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    first = self.marks.keys[(*path, key)]
                    self.problems.append(
                        Problem(self.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                format_path((*path, key)),
                                f"duplicate key '{key}' (first given at line {first.line})")
                    )
                    continue
                self.marks.keys[(*path, key)] = self._mark(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self._constructor.construct_object(node, deep=True)
        except ValueError:
            # Looks like a date or number but is not one (2013-07-32): keep the text, so the
            # schema reports it against the field with what was expected.
            return node.value

    def _slip_hints(self, node: yaml.MappingNode, path: KeyPath) -> None:
        """Record how to quote what the usual slips turned into keys: a sentence ending in a colon
        (a mapping of one key without a value) and a comma inside a {…} value (a key without a value)."""
        pairs = node.value
        in_list = bool(path) and isinstance(path[-1], int)
        if in_list and not node.flow_style and len(pairs) == 1 and _empty(pairs[0][1]) and " " in str(pairs[0][0].value):
            sentence = pairs[0][0].value
            self.marks.hints[path] = (f"'{sentence}:' is read as a key: a sentence ending in a colon must be "
                                      f"in quotes, e.g. - \"{sentence}:\"")
            return
        key, value = pairs[0] if len(pairs) == 1 else (None, None)
        if (in_list and not node.flow_style and key is not None and isinstance(value, yaml.ScalarNode)
                and value.style is None and re.match(r"[A-Z]|\S+ ", str(key.value))):
            text = f"{key.value}: {value.value}"
            short = text if len(text) <= 40 else text[:37] + "..."
            self.marks.hints[path] = (f"'{short}' is read as a key and a value: text with ': ' in it must be "
                                      f"in quotes, e.g. - \"{key.value}: …\"")
            return
        if node.flow_style:
            for (prev_key, prev_value), (key, value) in zip(pairs, pairs[1:]):
                if _empty(value) and isinstance(prev_value, yaml.ScalarNode) and prev_value.style is None:
                    self.marks.hints[(*path, str(key.value))] = (
                        f"'{key.value}' is read as a key: a comma inside {{…}} ends the value before it; "
                        f"put that value in quotes, e.g. {prev_key.value}: \"{prev_value.value}, {key.value}\"")


@dataclass
class Loaded:
    data: Any
    marks: Marks
    problems: list[Problem]


def mapping_problems(loaded: Loaded, display_name: str) -> list[Problem]:
    """The file's problems, plus one if its top level is empty or not a mapping of keys."""
    problems = list(loaded.problems)
    if not problems and not isinstance(loaded.data, dict):
        what = "the file is empty" if loaded.data is None else "expected a mapping of keys at the top level"
        problems.append(problem_at(loaded.marks, (), what, file=display_name))
    return problems


def load_yaml(path: Path, display_name: str, prefix: KeyPath = ()) -> Loaded:
    """Load one YAML file; `prefix` is prepended to every recorded key path."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"not UTF-8 text ({exc.reason})")])
    except OSError as exc:
        return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"cannot read file ({exc.strerror})")])
    builder = _Builder(display_name)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = builder.build(node, prefix) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if problem == "mapping values are not allowed here":
            problem += " (text with ': ' in it must be in quotes, e.g. title: \"Note: the text\")"
        return Loaded(None, Marks(), [Problem(display_name, line, col, "", f"YAML syntax error: {problem}")])
    except yaml.YAMLError as exc:
        return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"YAML error: {exc}")])
    log.debug("loaded %s", display_name)
    return Loaded(data, builder.marks, builder.problems)
