"""Rules that keep valid content printable in both formats, checked over every value of a
validated meeting (so fields added to the schema later are covered without being listed):
where footnotes may be cited, which dates can be printed, and that files stay in the project."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.loader import KeyPath
from ..core.project import Project, is_inside

log = logging.getLogger(__name__)

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")

# Dates both formats print and date correctly (Word's zip stamps start in 1980 and are clamped).
DATE_RANGE = (dt.date(1800, 1, 1), dt.date(2999, 12, 31))

# Where a footnote may be cited: running text, which every template prints once and as Markdown.
# Names, titles, headings and labels are repeated (in the contents, the agenda, lists of
# participants) or printed as they are, so a reference there would print twice or as "[^id]".
_CITING_FIELDS = frozenset({"paragraph", "text", "lead", "table", "columns", "floor_debate"})
_CITING_TOP = frozenset({("document", "title"), ("document", "kind_label"), ("document", "subtitle"),
                         ("document", "cover_lines"), ("meeting", "objectives"), ("people", "biography"),
                         ("sessions", "summary"),
                         # first-page lines of the house styles, each printed once (issue 8)
                         ("document", "meeting_lines"), ("document", "agenda_item"),
                         ("document", "agenda_item_title"), ("document", "theme")})

# The longest run of characters without a space: WeasyPrint's time to break one unbroken word over
# lines grows with the square of its length (10,000 characters take a second or two, 32,000 twenty
# seconds, 50,000 about a minute); real text holds far shorter ones (a long web address is a few
# hundred characters).
MAX_WORD = 10_000
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))

OUTSIDE_PROJECT = "leads outside the project folder (through a symbolic link); only the project's own files are read"


def may_cite(path: KeyPath) -> bool:
    """Whether the text at `path` may hold footnote references."""
    names = [p for p in path if isinstance(p, str)]
    if tuple(names[:2]) in _CITING_TOP:  # ('people', 0, 'biography') -> ('people', 'biography')
        return True
    if "amounts" in path or not ("blocks" in path or "more" in path):
        return False
    last = path[-1] if not isinstance(path[-1], int) else path[-2]
    return last in _CITING_FIELDS or last in ("blocks", "more")


def long_word_problem(text: str) -> str | None:
    """Why `text` cannot be laid out in bounded time (a word longer than MAX_WORD), or None."""
    word = _LONG_WORD.search(text)
    if word is None:
        return None
    return (f"a word of {len(word.group()):,} characters without a space at position {word.start() + 1}; a word may have "
            f"at most {MAX_WORD:,} (add spaces, or shorten the web address)")


def value_problems(path: KeyPath, value: Any) -> Iterator[str]:
    """What keeps one value of a validated meeting from printing as written."""
    if isinstance(value, str):
        long_word = long_word_problem(value)
        if long_word:
            yield long_word
        refs = FOOTNOTE_REF.findall(value)
        if refs and path[0] == "footnotes":
            yield f"a footnote cannot cite another footnote ([^{refs[0]}])"
        elif refs and not may_cite(path):
            field = next((str(p) for p in reversed(path) if isinstance(p, str)), "this field")
            yield (f"a footnote reference ([^{refs[0]}]) cannot be in a {field}, which is repeated "
                   "or printed as written; cite it in the text")
    elif isinstance(value, dt.date) and not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
        yield f"date {value} is outside the years reportgen prints ({DATE_RANGE[0].year} to {DATE_RANGE[1].year})"


def inside_project(project: Project, path: Path) -> bool:
    """Whether `path`, with every symbolic link followed, lies inside the project folder."""
    return is_inside(path, project.root)
