"""The real cause of a YAML syntax error, for the slips people make most.

libyaml reports where it gave up, in its own terms: a tab used for indentation may read "cannot
start any token", a key indented one space too far "mapping values are not allowed", and a quote
left open on line 25 is reported where the next quote closes it, perhaps on line 55. Once parsing
has failed, this module looks at the text for those slips and says what to change, where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_KEY_LINE = re.compile(r"( *)(?:- +)?([^\s#'\"{\[][^:#]*?):(?: +(\S.*))?$")
_STRUCTURE = re.compile(r"\s*(?:- |-$|[\w-]+:(?: |$))")  # a list item or a key, as a swallowed line shows it


@dataclass(frozen=True)
class Slip:
    line: int  # 1-based
    column: int  # 1-based
    message: str


# PyYAML's own parser (where PyYAML was built without libyaml) words some errors differently: they are
# put in libyaml's words, so that the messages and the slips found are the same with either parser.
PYYAML_PROBLEMS = {
    "mapping values are not allowed here": "mapping values are not allowed in this context",
    "special characters are not allowed": "control characters are not allowed",
}
_PYYAML_BLOCK_END = {  # "expected <block end>, but found …", by where the parser was
    "while parsing a block mapping": "did not find expected key",
    "while parsing a block collection": "did not find expected '-' indicator",
}


def in_libyaml_terms(error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """`error` with PyYAML's wording of its problem replaced by libyaml's (unchanged if already libyaml's)."""
    problem = error.problem or ""
    if problem in PYYAML_PROBLEMS:
        error.problem = PYYAML_PROBLEMS[problem]
    elif problem.startswith("expected <block end>") and error.context in _PYYAML_BLOCK_END:
        error.problem = _PYYAML_BLOCK_END[error.context]
    return error


def explain(text: str, error: yaml.MarkedYAMLError, parser: Any) -> Slip | None:
    """The slip behind `error` (libyaml's) in `text`, or None to keep libyaml's own message."""
    mark = error.problem_mark or error.context_mark
    error_line = mark.line if mark is not None else len(text.splitlines())  # 0-based
    lines = text.splitlines()
    return (_tab(lines, error_line) or _open_quote(text, error, parser)
            or _indentation(lines, error_line, error.problem or ""))


def _tab(lines: list[str], error_line: int) -> Slip | None:
    """A tab in the indentation of a line up to the error's."""
    for number, line in enumerate(lines[: error_line + 1]):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            return Slip(number + 1, line.index("\t") + 1,
                        "a tab indents this line: YAML indents with spaces only; replace the tab with spaces")
    return None


def _open_quote(text: str, error: yaml.MarkedYAMLError, parser: Any) -> Slip | None:
    """A quoted text left open: never closed (the file ends inside it), or closed only by the
    next quote, many lines down, after swallowing keys or list items."""
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        start = error.context_mark
        return Slip(start.line + 1, start.column + 1,
                    "this quote is never closed: add the closing quote at the end of the text")
    lines = text.splitlines()
    last = None
    try:
        for token in yaml.scan(text, Loader=parser):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                swallowed = lines[token.start_mark.line + 1: token.end_mark.line + 1]
                if any(_STRUCTURE.match(line) for line in swallowed):
                    last = token
    except yaml.YAMLError:
        pass
    if last is None:
        return None
    quote = last.style
    return Slip(last.start_mark.line + 1, last.start_mark.column + 1,
                f"the quote ({quote}) opened here is not closed on this line, so the text runs on to line "
                f"{last.end_mark.line + 1}, where the next {quote} closes it: add the closing quote on this line")


def _indentation(lines: list[str], error_line: int, problem: str) -> Slip | None:
    """A key indented more or less than the key above it, which holds a value (so the two are
    keys of one mapping and must line up)."""
    if problem not in ("mapping values are not allowed in this context", "did not find expected key") or error_line >= len(lines):
        return None
    here = _KEY_LINE.match(lines[error_line])
    if here is None:
        return None
    for number in range(error_line - 1, -1, -1):
        above = lines[number]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        before = _KEY_LINE.match(above)
        if before is None or not before.group(3):
            return None
        offset = here.start(2) - before.start(2)  # where the keys start ('- id:' starts at the key)
        if offset == 0 or abs(offset) > 2:
            return None
        spaces = "space" if abs(offset) == 1 else "spaces"
        more = "more" if offset > 0 else "less"
        return Slip(error_line + 1, 1,
                    f"'{here.group(2)}' is indented {abs(offset)} {spaces} {more} than '{before.group(2)}' on line {number + 1}: "
                    f"keys of one mapping line up; indent it with {before.start(2)} spaces")
    return None
