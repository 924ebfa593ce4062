"""Validation: load a meeting's files, check them against the schema and each other.

Every problem in every file is collected before anything is rendered; the caller raises one
ContentError listing them all.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import schema
from ..core.errors import Problem, did_you_mean
from .identity import document_problems
from ..style.labels import available_languages, load_catalogue
from ..core.loader import KeyPath, Loaded, Marks, format_path, load_yaml, mapping_problems, problem_at
from ..style.country_names import CountryNames
from .assembly_checks import ProceedingsChecker, generate_blocks, generated_warnings, phrase_facts, phrase_problems
from .model_checks import check_nodes, meeting_warnings
from .suggestions import impossible_date, language_suggestion
from .printable import FOOTNOTE_REF, OUTSIDE_PROJECT, inside_project, value_problems
from ..core.project import MEETING_FILE, Project
from ..style.search_path import template_search_path
from .traverse import walk


log = logging.getLogger(__name__)

# List kinds whose items are counted by theme in comparison briefs, so each must carry a theme.
TAGGED_KINDS = frozenset({"conclusions", "recommendations", "messages"})

_TAGGED_BLOCKS: dict[str, type[BaseModel]] = {
    "<list>": schema.ListBlock, "<intervention>": schema.Intervention, "<floor_debate>": schema.FloorDebate,
    "<table>": schema.TableBlock, "<dateline>": schema.Dateline, "<page_break>": schema.PageBreak,
    "<tagged>": schema.TaggedParagraph, "<amendment>": schema.Amendment, "<generate>": schema.Generate,
}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, looking through Optional, list, dict and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def allowed_keys(loc: tuple[Any, ...], root: type[BaseModel] = schema.MeetingFile) -> list[str]:
    """The keys the model at `loc` (a pydantic error location, tags included) accepts."""
    model: type[BaseModel] | None = root
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        if part in _TAGGED_BLOCKS:
            model = _TAGGED_BLOCKS[part]
        elif part in model.model_fields:
            model = _model_in(model.model_fields[part].annotation)
    return list(model.model_fields) if model is not None else []


@dataclass
class Checked:
    """A validated document with the marks of its source."""

    data: Any
    marks: Marks


# --------------------------------------------------------------------------- schema errors


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _expected(error: dict[str, Any]) -> str:
    kind = error["type"]
    msg: str = error["msg"]
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern == schema.ID_PATTERN:
            return "expected an id (lower-case letters, digits and hyphens)"
        if ":" in pattern:
            return "expected a time as HH:MM"
    if kind == "literal_error":
        return "expected " + msg.removeprefix("Input should be ")
    if kind.startswith("date"):
        return impossible_date(error.get("input")) or "expected a date as YYYY-MM-DD"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "block_kind":
        return msg
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = error.get("ctx", {})
        return f"expected at least {bound['ge']}" if "ge" in bound else f"expected at most {bound['le']}"
    if msg.startswith("Input should be "):
        return "expected " + msg.removeprefix("Input should be ")
    return msg[0].lower() + msg[1:]


def schema_problems(exc: ValidationError, marks: Marks, prefix: KeyPath = (),
                    root: type[BaseModel] = schema.MeetingFile) -> list[Problem]:
    """Turn pydantic's errors into located one-line problems."""
    problems = []
    hinted: set[KeyPath] = set()
    for error in exc.errors(include_url=False):
        # Discriminator tags ('<list>') and the models pydantic wraps strings in are not YAML keys.
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("<")))
        path = prefix + loc
        kind = error["type"]
        slip = next((path[:n] for n in range(len(path), 0, -1) if path[:n] in marks.hints), None)
        if slip is not None:  # a usual YAML slip: one problem saying how to quote, not its consequences
            if slip not in hinted:
                hinted.add(slip)
                problems.append(problem_at(marks, slip, marks.hints[slip], key=isinstance(slip[-1], str)))
        elif kind == "missing":
            problems.append(problem_at(marks, path[:-1], f"missing required key '{path[-1]}'"))
        elif kind == "extra_forbidden":
            key = str(path[-1])
            problems.append(
                problem_at(marks, path, f"unknown key '{key}'{did_you_mean(key, allowed_keys(error['loc'][:-1], root))}", key=True)
            )
        elif kind == "value_error" or kind == "block_kind":
            problems.append(problem_at(marks, path, impossible_date(error.get("input")) or _expected(error)))
        elif kind.startswith("date") and impossible_date(error.get("input")):
            problems.append(problem_at(marks, path, str(impossible_date(error.get("input")))))
        else:
            found = error.get("input")
            choices = re.findall(r"'([^']*)'", error["msg"]) if kind == "literal_error" else []
            hint = did_you_mean(str(found), choices) if choices and isinstance(found, str) else ""
            problems.append(problem_at(marks, path, f"{_expected(error)}, found {_found(error.get('input'))}{hint}"))
    return problems


# --------------------------------------------------------------------------- loading with includes


def _shift(marks: Marks, key: str, offset: int) -> Marks:
    """Re-index marks of list `key` by `offset` (its items follow those of earlier files)."""
    shifted = Marks()
    for table_in, table_out in ((marks.values, shifted.values), (marks.keys, shifted.keys), (marks.hints, shifted.hints)):
        for path, mark in table_in.items():
            if offset and len(path) >= 2 and path[0] == key and isinstance(path[1], int):
                path = (key, path[1] + offset, *path[2:])
            table_out[path] = mark
    return shifted


def load_meeting_files(project: Project, meeting_id: str) -> tuple[dict[str, Any] | None, Marks, list[Problem]]:
    """Load meeting.yaml and the files it includes, merging their top-level keys in order."""
    folder = project.meeting_dir(meeting_id)
    main_path = folder / MEETING_FILE
    if not inside_project(project, main_path):
        return None, Marks(), [Problem(f"{project.content_dir.name}/{meeting_id}/{MEETING_FILE}", 1, 1, "", OUTSIDE_PROJECT)]
    main = load_yaml(main_path, project.display(main_path))
    problems = mapping_problems(main, project.display(main_path))
    if not isinstance(main.data, dict):
        return None, main.marks, problems
    data: dict[str, Any] = dict(main.data)
    marks = main.marks
    includes = data.get("include", [])
    if not isinstance(includes, list):
        return data, marks, problems  # the schema check reports the wrong type
    for index, name in enumerate(includes):
        if not isinstance(name, str):
            continue
        path = folder / name
        if Path(name).is_absolute() or ".." in Path(name).parts or not path.is_file():
            problems.append(problem_at(marks, ("include", index), f"no file '{name}' in {project.display(folder)}/"))
            continue
        if not inside_project(project, path):
            problems.append(problem_at(marks, ("include", index), f"'{name}' {OUTSIDE_PROJECT}"))
            continue
        part: Loaded = load_yaml(path, project.display(path))
        problems.extend(part.problems)
        if part.data is None:
            continue
        if not isinstance(part.data, dict):
            problems.append(problem_at(part.marks, (), "expected a mapping of keys at the top level"))
            continue
        for key, value in part.data.items():
            if key == "include":
                problems.append(problem_at(part.marks, (key,), "'include' is only allowed in meeting.yaml", key=True))
            elif key not in data:
                data[key] = value
                marks.update(_shift(part.marks, key, 0))
            elif isinstance(data[key], list) and isinstance(value, list):
                marks.update(_shift(part.marks, key, len(data[key])))
                data[key] = data[key] + value
            else:
                first = marks.locate((key,), key=True)
                where = f" (first given in {first.file}:{first.line})" if first else ""
                problems.append(problem_at(part.marks, (key,), f"key '{key}' is given twice{where}", key=True))
    return data, marks, problems


# --------------------------------------------------------------------------- cross-reference checks


class _RefChecker:
    def __init__(self, doc: schema.MeetingFile, marks: Marks, themes: set[str] | None, languages: set[str],
                 proceedings: tuple[CountryNames, set[str] | None] | None = None) -> None:
        self.doc = doc
        self.proceedings = proceedings
        self.languages = languages
        self.marks = marks
        self.themes = themes
        self.problems: list[Problem] = []
        self.nodes = list(walk(doc))  # every value with its key path, walked once for every check

    def add(self, path: KeyPath, message: str) -> None:
        self.problems.append(problem_at(self.marks, path, message))

    def unique(self, items: list[Any], key: str, what: str) -> set[str]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item.id
            if ident in seen:
                self.add((key, i, "id"), f"duplicate {what} id '{ident}' (also {key}[{seen[ident]}])")
            else:
                seen[ident] = i
        return set(seen)

    def ref(self, path: KeyPath, value: str | None, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            self.add(path, f"unknown {what} '{value}'{did_you_mean(value, known)}")

    def run(self) -> list[Problem]:
        doc = self.doc
        people = self.unique(doc.people, "people", "person")
        orgs = self.unique(doc.organisations, "organisations", "organisation")
        sessions = self.unique(doc.sessions, "sessions", "session")
        section_ids: dict[str, KeyPath] = {}
        cited: set[str] = set()
        footnote_ids = set(doc.footnotes)
        languages = self.languages
        for field in ("language", "original_language"):
            code = getattr(doc.document, field)
            if code is not None and code not in languages:
                self.add(("document", field), f"unknown language '{code}'{language_suggestion(code, languages)}, "
                                              f"expected one of {', '.join(sorted(languages))}")
        start, end = doc.meeting.start, doc.meeting.end or doc.meeting.start

        for path, node in self.nodes:
            for message in value_problems(path, node):
                self.add(path, message)
            if isinstance(node, str):
                refs = FOOTNOTE_REF.findall(node)
                cited.update(refs)
                for ref in refs:
                    self.ref(path, ref, footnote_ids, "footnote")
            elif isinstance(node, schema.SpeakerRef):
                # A speaker given as a bare id is reported at that id, not at a 'person' key.
                self.ref(path, node.person, people, "person")
            elif isinstance(node, schema.RoleHolder):
                self.ref((*path, "person"), node.person, people, "person")
                self.ref((*path, "organisation"), node.organisation, orgs, "organisation")
            elif isinstance(node, schema.Person):
                self.ref((*path, "organisation"), node.organisation, orgs, "organisation")
            elif isinstance(node, schema.Organisation):
                self.ref((*path, "part_of"), node.part_of, orgs, "organisation")
            elif isinstance(node, schema.Intervention):
                self.ref((*path, "intervention"), node.intervention, people, "person")
            elif isinstance(node, schema.AgendaItem):
                self.ref((*path, "session"), node.session, sessions, "session")
            elif isinstance(node, schema.Section):
                self.ref((*path, "session"), node.session, sessions, "session")
                if node.id in section_ids:
                    self.add((*path, "id"), f"duplicate section id '{node.id}' (also {format_path(section_ids[node.id])})")
                else:
                    section_ids[node.id] = path
            elif isinstance(node, schema.ListBlock) and node.kind in TAGGED_KINDS:
                for i, item in enumerate(node.items):
                    if not item.themes:
                        self.add((*path, "items", i), f"{node.kind} need at least one theme (themes: [...] from content/themes.yaml)")
            elif isinstance(node, schema.ListItem):
                for i, theme in enumerate(node.themes if self.themes is not None else ()):
                    self.ref((*path, "themes", i), theme, self.themes, "theme")
            elif isinstance(node, (schema.Session, schema.AgendaDay)) and node.date is not None:
                if not start <= node.date <= end:
                    self.add((*path, "date"), f"date {node.date} is outside the meeting ({_span(start, end)})")
        check_nodes(doc, self.nodes, people, sessions, self.ref, self.add)
        if self.proceedings is not None:
            ProceedingsChecker(doc, *self.proceedings, self.ref, self.add).run()
        for ident in doc.footnotes:
            if ident not in cited:
                self.problems.append(problem_at(self.marks, ("footnotes", ident), f"footnote '{ident}' is never cited ([^{ident}])", key=True))
        return self.problems


def _span(start: dt.date, end: dt.date) -> str:
    return str(start) if start == end else f"{start} to {end}"


# --------------------------------------------------------------------------- entry points


def load_themes(project: Project) -> tuple[schema.ThemesFile | None, list[Problem]]:
    """content/themes.yaml, if the project has one."""
    path = project.themes_file
    if not path.is_file():
        return None, []
    if not inside_project(project, path):
        return None, [Problem(project.display(path), 1, 1, "", OUTSIDE_PROJECT)]
    loaded = load_yaml(path, project.display(path))
    if loaded.problems:
        return None, loaded.problems
    try:
        themes = schema.ThemesFile.model_validate(loaded.data)
    except ValidationError as exc:
        return None, schema_problems(exc, loaded.marks, root=schema.ThemesFile)
    problems: list[Problem] = []
    seen: set[str] = set()
    languages = available_languages(template_search_path(project))  # a label per language a brief can be written in
    for i, theme in enumerate(themes.themes):
        if theme.id in seen:
            problems.append(problem_at(loaded.marks, ("themes", i, "id"), f"duplicate theme id '{theme.id}'"))
        seen.add(theme.id)
        for code in theme.labels:
            if code not in languages:
                problems.append(problem_at(loaded.marks, ("themes", i, "labels", code),
                                           f"unknown language '{code}'{language_suggestion(code, languages)}, "
                                           f"expected one of {', '.join(sorted(languages))}", key=True))
    return themes, problems


# Top-level lists whose broken elements can be stood in for, so that the cross-reference checks
# still run over the rest of the meeting: key -> the fields a stand-in needs besides its id.
_STAND_INS: dict[str, dict[str, str]] = {
    "organisations": {"name": "-"},
    "people": {"name": "-"},
    "sessions": {"title": "-"},
    "body": {},
    "annexes": {},
}


def _error_locs(exc: ValidationError) -> list[KeyPath]:
    return [tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("<"))) for e in exc.errors()]


def _with_stand_ins(data: dict[str, Any], exc: ValidationError) -> tuple[dict[str, Any], set[KeyPath]] | None:
    """The data with each broken element of a top-level list replaced by a minimal valid record
    keeping its id (so references to it stay resolvable); None if an error lies elsewhere."""
    broken: set[KeyPath] = set()
    for loc in _error_locs(exc):
        if len(loc) < 2 or loc[0] not in _STAND_INS or not isinstance(loc[1], int):
            return None
        broken.add(loc[:2])
    patched = dict(data)
    for key in {k for k, _ in broken}:
        patched[key] = list(data[key])
    for key, index in sorted(broken):
        original = data[key][index]
        ident = original.get("id") if isinstance(original, dict) else None
        if not (isinstance(ident, str) and re.fullmatch(schema.ID_PATTERN, ident)):
            ident = f"invalid-{key}-{index}"
        patched[key][index] = {"id": ident, **_STAND_INS[key]}
    return patched, broken


def check_meeting(project: Project, meeting_id: str, themes: schema.ThemesFile | None) -> tuple[schema.MeetingFile | None, list[Problem]]:
    """Load and check one meeting; returns the document (None if invalid) and every problem found.

    Schema problems do not hide reference problems: broken records are stood in for and the
    cross-references of the rest are checked in the same run."""
    data, marks, problems = load_meeting_files(project, meeting_id)
    if data is None:
        return None, problems
    broken: set[KeyPath] = set()
    try:
        doc = schema.MeetingFile.model_validate(data)
    except ValidationError as exc:
        problems += schema_problems(exc, marks)
        patched = _with_stand_ins(data, exc)
        if patched is None:
            return None, problems
        try:
            doc = schema.MeetingFile.model_validate(patched[0])
        except ValidationError:
            return None, problems
        broken = patched[1]
    # themes.yaml there but unreadable (reported on its own): the themes a meeting names cannot be checked
    theme_ids = {t.id for t in themes.themes} if themes else (None if project.themes_file.is_file() else set())
    search_path = template_search_path(project)
    checker = _RefChecker(doc, marks, theme_ids, available_languages(search_path), phrase_facts(doc, project, search_path))
    problems += [p for p in checker.run() if not any(_inside(p, marks, b) for b in broken)]
    problems += [problem_at(marks, path, message) for path, message in document_problems(doc, search_path, project.root, checker.nodes)]
    if not problems:  # the build will need the document language's label catalogue: check it too
        problems += load_catalogue(doc.document.language, search_path)[1]
    if not problems and generate_blocks(doc):  # and, for generated chapters, its phrase catalogue
        problems += phrase_problems(doc, project, search_path, marks)
    if not problems:
        doc._marks = marks
        warned = meeting_warnings(doc) + generated_warnings(doc)
        doc._warnings = [str(problem_at(marks, path, message)) for path, message in warned]
    return (None if problems else doc), problems


def _inside(problem: Problem, marks: Marks, path: KeyPath) -> bool:
    """Whether a problem was reported inside a stood-in record (its path starts with the record's)."""
    prefix = format_path(path)
    return problem.path == prefix or problem.path.startswith(prefix + ".") or problem.path.startswith(prefix + "[")
