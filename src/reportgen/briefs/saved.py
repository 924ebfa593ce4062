"""Saved comparison briefs: content/briefs/<name>.yaml, validated like a meeting.

A saved brief names the meetings to compare and, optionally, the themes to keep and a country
for a country view. `reportgen compare --brief NAME` rebuilds it. Every problem is reported at
its file:line:col, as for meetings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError

from ..core.errors import ContentError, Problem, UsageProblem, did_you_mean
from ..core.loader import Marks, load_yaml, mapping_problems, problem_at
from ..core.names import brief_name_problem
from ..core.project import BRIEFS_DIR, Project
from ..content.schema import Id, Strict, Text
from ..content.printable import OUTSIDE_PROJECT, inside_project, long_word_problem
from ..content.validate import schema_problems

log = logging.getLogger(__name__)



ROLES = ("stating", "supporting", "qualifying", "contrasting")
Role = Literal["stating", "supporting", "qualifying", "contrasting"]


class PointItem(Strict):
    """One item of a meeting that addresses a point, and how it does."""

    item: Text
    """The item's reference as a brief prints it: meeting, section, item, e.g. 'hld2013, H, (i)'."""
    role: Role = "stating"
    """How the item addresses the point: stating it, supporting, qualifying or contrasting with it."""
    score: float | None = None
    """Similarity to the rest of the point, written by `compare --suggest` (0 to 1); for the secretariat's review."""


class Point(Strict):
    """A question the meetings are compared on, with the items of each meeting that address it."""

    point: Text
    """A short statement of the question, e.g. 'Rights of migrants regardless of migratory status'."""
    items: list[PointItem] = Field(min_length=1)
    """The items that address it, from one meeting or several (each meeting's in the order given)."""


class BriefFile(Strict):
    """content/briefs/<name>.yaml: a comparison brief rebuilt with `reportgen compare --brief NAME`."""

    title: Text
    """Title printed on the cover, e.g. 'Remittances in five migration meetings'."""
    audience: str | None = None
    """Who the brief is for, printed on the cover, e.g. 'Delegation of Mexico'."""
    reference: str | None = None
    """The brief's own reference line, printed at the top of page 1, e.g. 'DMM/BN/2025/3'."""
    meetings: list[Id] = Field(min_length=1)
    """Ids of the meetings to compare (folders of content/); printed in order of date."""
    themes: list[Id] = []
    """Ids of themes from content/themes.yaml to keep (default: every theme)."""
    country: str | None = None
    """A country, for a country view instead of the theme comparison, e.g. 'Mexico'."""
    points: list[Point] = []
    """Points compared side by side (written or confirmed by the secretariat), in the order printed."""
    suggested: list[Point] = []
    """Points proposed by `reportgen compare --suggest`: printed (marked as not confirmed) while there are no `points:`; move one to `points:` to confirm it."""


@dataclass
class SavedBrief:
    """A brief file that passed the schema, with the marks of its source."""

    name: str
    brief: BriefFile
    marks: Marks
    file: str


def check_name(name: str) -> str:
    """A brief name is also a file name: core/names.py's rule."""
    problem = brief_name_problem(name)
    if problem:
        raise UsageProblem(problem)
    return name


def briefs_dir(project: Project) -> Path:
    return project.content_dir / BRIEFS_DIR


def brief_names(project: Project) -> list[str]:
    """Names of the saved briefs: content/briefs/<name>.yaml (Project.brief_names)."""
    return project.brief_names()


def load_brief(project: Project, name: str) -> SavedBrief:
    """Load and schema-check content/briefs/<name>.yaml; raise UsageProblem or ContentError."""
    check_name(name)
    path = briefs_dir(project) / f"{name}.yaml"
    if not path.is_file():
        known = brief_names(project)
        listing = ", ".join(known) if known else f"none (no {project.display(briefs_dir(project))}/<name>.yaml)"
        raise UsageProblem(f"unknown brief '{name}'{did_you_mean(name, known)}; briefs in this project: {listing}")
    display = project.display(path)
    if not inside_project(project, path):
        raise ContentError([Problem(f"{project.content_dir.name}/{BRIEFS_DIR}/{name}.yaml", 1, 1, "", OUTSIDE_PROJECT)])
    loaded = load_yaml(path, display)
    problems = mapping_problems(loaded, display)
    if problems:
        raise ContentError(problems)
    try:
        brief = BriefFile.model_validate(loaded.data)
        long_words = [problem_at(loaded.marks, path, why) for path, text in _texts(loaded.data, ()) if (why := long_word_problem(text))]
        if long_words:
            raise ContentError(long_words)
    except ValidationError as exc:
        raise ContentError(schema_problems(exc, loaded.marks, root=BriefFile)) from None
    log.debug("loaded brief %s", display)
    return SavedBrief(name, brief, loaded.marks, display)


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string of a loaded file, with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def reference_problems(saved: SavedBrief, meeting_ids: Collection[str], theme_ids: Collection[str],
                       countries: Collection[str]) -> list[Problem]:
    """Meetings, themes and the country a brief names must exist in the project's content."""
    brief, marks = saved.brief, saved.marks
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, meeting in enumerate(brief.meetings):
        if meeting not in meeting_ids:
            problems.append(problem_at(marks, ("meetings", i), f"unknown meeting '{meeting}'{did_you_mean(meeting, meeting_ids)}; "
                                       f"meetings in this project: {', '.join(sorted(meeting_ids))}"))
        elif meeting in seen:
            problems.append(problem_at(marks, ("meetings", i), f"meeting '{meeting}' is listed twice"))
        seen.add(meeting)
    if brief.country is None and len(seen) < 2:
        problems.append(problem_at(marks, ("meetings",), "a comparison needs at least two meetings (or give a country)"))
    for i, theme in enumerate(brief.themes):
        if theme not in theme_ids:
            problems.append(problem_at(marks, ("themes", i), f"unknown theme '{theme}'{did_you_mean(theme, theme_ids)}; "
                                       f"themes: {', '.join(theme_ids)}"))
    if brief.country is not None and brief.country.casefold() not in {c.casefold() for c in countries}:
        problems.append(problem_at(marks, ("country",), f"unknown country '{brief.country}'{did_you_mean(brief.country, countries)}; "
                                   f"countries in content/: {', '.join(sorted(countries))}"))
    return problems


SUGGESTED_HEAD = "# Suggested by `reportgen compare --suggest`"
_SUGGESTED_KEY = re.compile(r"^suggested:", re.MULTILINE)
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:", re.MULTILINE)


def with_suggestions(text: str, block: str) -> str:
    """A brief file's text with its `suggested:` block (and the comment --suggest writes above it)
    replaced by `block`, written as the file's last key; every other key and comment is kept."""
    key = _SUGGESTED_KEY.search(text)
    if key is None:
        kept = text
    else:
        head = text.rfind(SUGGESTED_HEAD, 0, key.start())
        start = head if head >= 0 and not _TOP_KEY.search(text, head, key.start()) else key.start()
        after = _TOP_KEY.search(text, key.end())
        kept = text[:start] + (text[after.start():] if after else "")
    kept = kept.rstrip("\n")
    return kept + "\n\n" + block if kept.strip() else block
