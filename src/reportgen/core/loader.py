"""Load YAML while remembering where every value came from (file, line, column).

libyaml's C parser gives us events with start marks; we compose plain Python data from them
ourselves (without recursion) so that each value's key path can be traced back to the file,
duplicate keys are reported instead of silently overwritten, and hostile files are stopped by
the limits in `Limits` (size, nesting, alias expansion) instead of exhausting memory or the stack.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .yaml_slips import PYYAML_PROBLEMS, explain, in_libyaml_terms

from .errors import Problem

log = logging.getLogger(__name__)

Key = str | int
KeyPath = tuple[Key, ...]


class Mark(NamedTuple):
    """Where a value starts. A named tuple: a loaded meeting makes one for each of its values."""

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


class Limits:
    """Bounds on what one YAML file may make the loader do (docs/content.md, "Limits").

    libyaml parses without recursion, but what a file expands to is bounded here: a 14 KB file
    of nested aliases would otherwise expand to hundreds of millions of values."""

    file_bytes = 5_000_000
    """Size of one file."""
    string_chars = 100_000
    """Characters in one text value."""
    depth = 64
    """Nesting of lists and mappings."""
    alias_values = 100_000
    """Values that aliases (*name) expand to, counted over the whole file."""


# Characters XML 1.0 (and so both writers) can carry: tab, line breaks, and everything from
# U+0020 except surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_DUPLICATE = object()  # the key being composed repeats an earlier one
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


# Two private-use characters reportgen sets around original text a language edition prints
# untranslated (content/translations.py); content may not carry them.
UNTRANSLATED_OPEN, UNTRANSLATED_CLOSE = "\ue000", "\ue001"
_RESERVED = re.compile(f"[{UNTRANSLATED_OPEN}{UNTRANSLATED_CLOSE}]")


_NOT_PRINTABLE = re.compile(f"{_NOT_XML.pattern[:-1]}{UNTRANSLATED_OPEN}{UNTRANSLATED_CLOSE}]")  # either of the two


def character_problem(text: str) -> str | None:
    """Why `text` cannot be printed, or None: the first character XML cannot carry, or one reportgen reserves."""
    if _NOT_PRINTABLE.search(text) is None:  # one search for the usual case
        return None
    bad = _NOT_XML.search(text)
    if bad is not None:
        return f"character U+{ord(bad.group()):04X} at position {bad.start() + 1} cannot be carried by PDF or Word documents; remove it"
    reserved = _RESERVED.search(text)
    if reserved is not None:
        return f"character U+{ord(reserved.group()):04X} at position {reserved.start() + 1} is reserved by reportgen (it marks untranslated text); remove it"
    return None


class _Fatal(Exception):
    """A problem that stops reading the file (a limit exceeded, an anchor referring to itself)."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


@dataclass
class _Open:
    """A mapping or list being composed."""

    path: KeyPath
    mark: Any
    anchor: str | None
    value: Any
    size: int = 1
    is_map: bool = False  # a mapping (value is a dict), else a list
    key: Any = None  # mappings: the key whose value comes next (None: a key comes next)
    key_text: str = ""  # mappings: that key as written
    flow: bool = False  # written {…} / […]
    pairs: list[tuple[str, tuple[str, Any] | None]] = field(default_factory=list)  # (key, (scalar, style) or None)
    merges: list[tuple[Any, Any]] = field(default_factory=list)  # (mapping, mark) to merge in


class _Builder:
    """Compose plain Python data from libyaml's event stream, without recursion.

    Every value's path gets the mark where it starts; aliases share the anchored value and are
    counted by the number of values they stand for; `<<` merge keys follow YAML 1.1 (keys of the
    mapping itself win over merged ones, earlier merged mappings over later)."""

    def __init__(self, display_name: str) -> None:
        self.file = display_name
        self.marks = Marks()
        self.problems: list[Problem] = []
        # PyYAML's safe resolver and scalar constructors (ints, floats, dates, booleans, null).
        self._safe = yaml.SafeLoader("")
        self.anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, number of values)
        self.open_anchors: set[str] = set()
        self.expanded = 0

    def _mark(self, mark: Any) -> Mark:
        return Mark(self.file, mark.line + 1, mark.column + 1)

    def _problem(self, mark: Any, path: KeyPath, message: str) -> None:
        m = self._mark(mark)
        self.problems.append(Problem(self.file, m.line, m.column, format_path(path), message))

    def scalar(self, event: yaml.ScalarEvent, path: KeyPath) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # A quoted or block scalar is text; only a plain one needs the resolver's patterns.
            tag = self._safe.resolve(yaml.ScalarNode, event.value, event.implicit) if event.implicit[0] else _STR_TAG
        if tag == _STR_TAG:  # most values: the constructor would return the text as it is
            self.check_text(event.value, event.start_mark, path)
            return event.value
        if tag == _MERGE_TAG:
            return _MERGE_TAG
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self._safe.construct_object(node, deep=True)
        except ValueError:
            # Looks like a date or number but is not one (2013-07-32): keep the text, so the
            # schema reports it against the field with what was expected.
            value = event.value
        if isinstance(value, bytes):
            self._problem(event.start_mark, path, "binary values (!!binary) are not supported")
            return None
        if isinstance(value, str):
            self.check_text(value, event.start_mark, path)
        return value

    def check_text(self, text: str, mark: Any, path: KeyPath) -> None:
        if len(text) > Limits.string_chars:
            self._problem(mark, path, f"text of {len(text)} characters is longer than the limit of {Limits.string_chars}")
        if _NOT_PRINTABLE.search(text) is not None:
            self._problem(mark, path, character_problem(text) or "")

    def build(self, loader: Any, prefix: KeyPath) -> Any:
        """Compose the single document of the stream (None for an empty file). Events are told apart
        by their class (a loaded meeting has hundreds of thousands); what each does is in the branches."""
        stack: list[_Open] = []
        root: Any = None
        done = False
        get_event, values, file = loader.get_event, self.marks.values, self.file
        while (event := get_event()) is not None:
            cls = event.__class__
            if cls is yaml.ScalarEvent:
                parent = stack[-1] if stack else None
                if parent is not None and parent.is_map and parent.key is None:
                    self._key(parent, event)
                    continue
                path = self._child_path(parent, prefix)
                value, size, mark = self.scalar(event, path), 1, event.start_mark
                values[path] = Mark(file, mark.line + 1, mark.column + 1)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                closed = stack.pop()
                parent = stack[-1] if stack else None
                if closed.is_map:
                    self._merge(closed)
                    self._slip_hints(closed)
                if closed.anchor is not None:
                    self.anchors[closed.anchor] = (closed.value, closed.size)
                    self.open_anchors.discard(closed.anchor)
                value, size, mark = closed.value, closed.size, closed.mark
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                parent = stack[-1] if stack else None
                if parent is not None and parent.is_map and parent.key is None:
                    raise _Fatal(event.start_mark, "a key must be plain text, not a list or mapping")
                if len(stack) >= Limits.depth:
                    raise _Fatal(event.start_mark, f"lists and mappings nest more than {Limits.depth} levels deep")
                if event.tag not in _COLLECTION_TAGS:
                    raise _Fatal(event.start_mark, f"tag {event.tag} is not supported")
                path = self._child_path(parent, prefix)
                values[path] = self._mark(event.start_mark)
                is_map = cls is yaml.MappingStartEvent
                stack.append(_Open(path, event.start_mark, event.anchor, {} if is_map else [], is_map=is_map,
                                   flow=bool(event.flow_style)))
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                continue
            elif cls is yaml.AliasEvent:
                parent = stack[-1] if stack else None
                if parent is not None and parent.is_map and parent.key is None:
                    raise _Fatal(event.start_mark, "an alias (*name) cannot be used as a key")
                if event.anchor in self.open_anchors:
                    raise _Fatal(event.start_mark, f"alias *{event.anchor} refers to the value that contains it")
                if event.anchor not in self.anchors:
                    raise _Fatal(event.start_mark, f"unknown alias *{event.anchor}")
                value, size = self.anchors[event.anchor]
                self.expanded += size
                if self.expanded > Limits.alias_values:
                    raise _Fatal(event.start_mark, f"aliases expand to more than {Limits.alias_values} values")
                mark = event.start_mark
                values[self._child_path(parent, prefix)] = self._mark(mark)
            else:  # the stream's and the document's start and end
                if cls is yaml.DocumentStartEvent and done:
                    raise _Fatal(event.start_mark, "expected one document in the file, found a second (---)")
                continue
            if parent is None:
                root, done = value, True
            else:
                if parent.is_map:
                    parent.pairs.append((parent.key_text, (event.value, event.style) if cls is yaml.ScalarEvent else None))
                self._add(parent, value, size, mark)
        return root

    def _child_path(self, parent: _Open | None, prefix: KeyPath) -> KeyPath:
        if parent is None:
            return prefix
        if not parent.is_map:
            return (*parent.path, len(parent.value))
        if parent.key is _DUPLICATE:
            return (*parent.path, "<duplicate>")  # reported at its key; its value is dropped
        return (*parent.path, "<<") if parent.key == _MERGE_TAG else (*parent.path, parent.key)

    def _key(self, parent: _Open, event: yaml.ScalarEvent) -> None:
        # Only `<<` written plainly (or tagged !!merge) is a merge key: the resolver is asked only about it.
        tag = event.tag or (self._safe.resolve(yaml.ScalarNode, event.value, event.implicit) if event.value == "<<" else None)
        key = _MERGE_TAG if tag == _MERGE_TAG else event.value
        if key != _MERGE_TAG:
            path = (*parent.path, key)
            self.check_text(key, event.start_mark, path)
            if key in parent.value:
                first = self.marks.keys[path]
                self._problem(event.start_mark, path, f"duplicate key '{key}' (first given at line {first.line})")
                key = _DUPLICATE
            else:
                self.marks.keys[path] = self._mark(event.start_mark)
        parent.key, parent.key_text = key, event.value

    def _add(self, parent: _Open, value: Any, size: int, mark: Any) -> None:
        parent.size += size
        if not parent.is_map:
            parent.value.append(value)
            return
        key = parent.key
        parent.key = None
        if key is _DUPLICATE:
            return
        if key == _MERGE_TAG:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(s, dict) for s in sources):
                self._problem(mark, (*parent.path, "<<"), "a merge key (<<) takes a mapping or a list of mappings")
                return
            parent.merges.extend((s, mark) for s in sources)
            return
        parent.value[key] = value

    def _merge(self, closed: _Open) -> None:
        """YAML 1.1 merge: keys of the mapping itself win, then earlier merged mappings."""
        for source, mark in closed.merges:
            for key, value in source.items():
                if key not in closed.value:
                    closed.value[key] = value
                    self.marks.keys[(*closed.path, key)] = self._mark(mark)
                    self.marks.values[(*closed.path, key)] = self._mark(mark)

    def _slip_hints(self, closed: _Open) -> None:
        """Record how to quote what the usual slips turned into keys: a sentence ending in a colon
        (a mapping of one key without a value) and a comma inside a {…} value (a key without a value)."""
        pairs, path = closed.pairs, closed.path
        in_list = bool(path) and isinstance(path[-1], int)
        if in_list and not closed.flow and len(pairs) == 1 and _empty(pairs[0][1]) and " " in pairs[0][0]:
            sentence = pairs[0][0]
            self.marks.hints[path] = (f"'{sentence}:' is read as a key: a sentence ending in a colon must be "
                                      f"in quotes, e.g. - \"{sentence}:\"")
            return
        key, value = pairs[0] if len(pairs) == 1 else (None, None)
        if in_list and not closed.flow and key is not None and _plain(value) and re.match(r"[A-Z]|\S+ ", key):
            text = f"{key}: {value[0]}"
            short = text if len(text) <= 40 else text[:37] + "..."
            self.marks.hints[path] = (f"'{short}' is read as a key and a value: text with ': ' in it must be "
                                      f"in quotes, e.g. - \"{key}: …\"")
            return
        if closed.flow:
            for (prev_key, prev_value), (key, value) in zip(pairs, pairs[1:]):
                if _empty(value) and _plain(prev_value):
                    self.marks.hints[(*path, key)] = (
                        f"'{key}' is read as a key: a comma inside {{…}} ends the value before it; "
                        f"put that value in quotes, e.g. {prev_key}: \"{prev_value[0]}, {key}\"")


def _plain(scalar: tuple[str, Any] | None) -> bool:
    """Whether a recorded value is a plain (unquoted) scalar."""
    return scalar is not None and not scalar[1]  # libyaml gives plain style as "", PyYAML as None


def _empty(scalar: tuple[str, Any] | None) -> bool:
    return _plain(scalar) and scalar[0] == ""  # type: ignore[index]


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


# libyaml's C parser (PyYAML's own pure-Python parser if PyYAML was built without it).
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# libyaml's terse messages for the mistakes people make most, with what to look at.
_SYNTAX_HINTS = {
    "did not find expected key": " (is this line indented like the keys around it?)",
    "mapping values are not allowed in this context": " (text with ': ' in it must be in quotes, e.g. title: \"Note: the text\")",
    "found character that cannot start any token": " (quote a text that starts with this character)",
}


def load_yaml(path: Path, display_name: str, prefix: KeyPath = ()) -> Loaded:
    """Load one YAML file; `prefix` is prepended to every recorded key path."""
    try:
        size = path.stat().st_size
        if size > Limits.file_bytes:
            return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"the file is {size / 1e6:.1f} MB; the limit is "
                                                   f"{Limits.file_bytes / 1e6:.0f} MB (split it with include:)")])
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"not UTF-8 text ({exc.reason})")])
    except OSError as exc:
        return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"cannot read file ({exc.strerror})")])
    builder = _Builder(display_name)
    loader = None
    try:
        loader = _PARSER(text)  # PyYAML's own reader checks every character here
        data = builder.build(loader, prefix)
    except _Fatal as exc:
        mark = builder._mark(exc.mark)
        return Loaded(None, Marks(), [Problem(display_name, mark.line, mark.column, "", exc.message)])
    except yaml.MarkedYAMLError as exc:
        exc = in_libyaml_terms(exc)
        slip = explain(text, exc, _PARSER)
        if slip is not None:
            return Loaded(None, Marks(), [Problem(display_name, slip.line, slip.column, "", f"YAML syntax error: {slip.message}")])
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = _SYNTAX_HINTS.get(problem, "")
        return Loaded(None, Marks(), [Problem(display_name, line, col, "", f"YAML syntax error: {problem}{hint}")])
    except yaml.reader.ReaderError as exc:  # a raw control character: libyaml gives its byte offset, PyYAML its index
        before = (text.encode("utf-8")[:exc.position].decode("utf-8", errors="ignore") if _PARSER is not yaml.SafeLoader
                  else text[:exc.position])
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        char = text[len(before)] if len(before) < len(text) else ""
        what = f" (U+{ord(char):04X})" if char else ""
        return Loaded(None, Marks(), [Problem(display_name, line, col, "", f"YAML syntax error: {PYYAML_PROBLEMS.get(exc.reason, exc.reason)}{what}; remove it")])
    except yaml.YAMLError as exc:
        return Loaded(None, Marks(), [Problem(display_name, 1, 1, "", f"YAML error: {exc}")])
    finally:
        if loader is not None:
            loader.dispose()
    log.debug("loaded %s", display_name)
    return Loaded(data, builder.marks, builder.problems)
