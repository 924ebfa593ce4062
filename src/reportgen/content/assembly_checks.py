"""Checks of the facts generated chapters are written from (schema/proceedings.py, agenda adoption,
statements per agenda item, documents per item, generate blocks).

Errors are reported where a generated sentence would be false or could not be written (an unknown
country, a State that made a statement without attending, a date outside the meeting); warnings say
what a generated block leaves out for want of facts. Called by validate._RefChecker (errors) and by
`reportgen validate` (warnings)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click import ClickException

from ..core.errors import Problem, did_you_mean
from ..core.loader import KeyPath, Marks, problem_at
from ..core.project import Project
from ..style.country_names import CountryNames
from ..style.labels import available_languages, load_catalogue
from ..style.phrases import MEETING_WORDS, PHRASES_FOLDER, entry_problems
from ..style.search_path import template_search_path
from . import schema

log = logging.getLogger(__name__)

Ref = Callable[[KeyPath, "str | None", set[str], str], None]
Add = Callable[[KeyPath, str], None]

STATE_LISTS = ("members", "associate_members", "observers")
ORGANISATION_LISTS = ("united_nations", "specialized_agencies", "intergovernmental", "non_governmental", "other")
PART_LACKS = {
    "opening": "no opening facts (proceedings.opening); the paragraph says only where and when the meeting was held",
    "attendance": "no attendance (proceedings.attendance or meeting.states); the attendance paragraph is left out",
    "officers": "no officers elected (proceedings.officers); the election paragraph is left out",
    "agenda": "no agenda items (agenda.items); the adoption of the agenda is left out",
    "documentation": "no documents (documents:); the documentation paragraph is left out",
    "report": "no adoption of the report (proceedings.report); that paragraph is left out",
    "closing": "no closing (proceedings.closing); that paragraph is left out",
}


def agenda_topics(doc: schema.MeetingFile) -> list[tuple[schema.AgendaTopic, KeyPath]]:
    """Every agenda item and sub-item with its key path, in order."""
    found: list[tuple[schema.AgendaTopic, KeyPath]] = []

    def visit(items: list[schema.AgendaTopic], path: KeyPath) -> None:
        for i, item in enumerate(items):
            found.append((item, (*path, i)))
            visit(item.items, (*path, i, "items"))

    visit(doc.agenda.items if doc.agenda else [], ("agenda", "items"))
    return found


def generate_blocks(doc: schema.MeetingFile) -> list[tuple[schema.Generate, KeyPath]]:
    """Every generated block of the body and the annexes with its key path."""
    found: list[tuple[schema.Generate, KeyPath]] = []

    def visit(sections: list[schema.Section], path: KeyPath) -> None:
        for i, section in enumerate(sections):
            found.extend((b, (*path, i, "blocks", j)) for j, b in enumerate(section.blocks) if isinstance(b, schema.Generate))
            visit(section.sections, (*path, i, "sections"))

    visit(doc.body, ("body",))
    visit(list(doc.annexes), ("annexes",))
    return found


def attending(doc: schema.MeetingFile, countries: CountryNames) -> set[str] | None:
    """Codes (or names as written) of the States listed as attending, or None when no list says."""
    attendance = doc.proceedings.attendance if doc.proceedings else None
    lists = [getattr(attendance, name) for name in STATE_LISTS] if attendance else []
    states = doc.meeting.states
    if states is not None:
        lists += [states.participating, states.observers]
    names = [name for items in lists for name in items]
    return {countries.code(n) or n for n in names} if names else None


class ProceedingsChecker:
    """Errors in the facts of generated chapters, reported through validate's ref and add."""

    def __init__(self, doc: schema.MeetingFile, countries: CountryNames, organs: set[str] | None, ref: Ref, add: Add) -> None:
        self.doc, self.countries, self.organs, self.ref, self.add = doc, countries, organs, ref, add
        self.people = {p.id for p in doc.people}
        self.orgs = {o.id for o in doc.organisations}

    def country(self, path: KeyPath, name: str | None) -> None:
        if name is not None and self.countries.code(name) is None:
            self.add(path, f"unknown country '{name}'{did_you_mean(name, self.countries.known())} "
                           "(a code such as 'CHL' or the United Nations short name in English)")

    def speech(self, path: KeyPath, speech: schema.Speech | None) -> None:
        if speech is None:
            return
        self.ref((*path, "person"), speech.person, self.people, "person")
        self.ref((*path, "organisation"), speech.organisation, self.orgs, "organisation")
        self.country((*path, "country"), speech.country)

    def within(self, path: KeyPath, day: Any) -> None:
        start, end = self.doc.meeting.start, self.doc.meeting.end or self.doc.meeting.start
        if day is not None and not start <= day <= end:
            self.add(path, f"date {day} is outside the meeting ({start} to {end})")

    def run(self) -> None:
        doc = self.doc
        if doc.meeting.organ is not None and self.organs is not None and doc.meeting.organ not in self.organs:
            self.add(("meeting", "organ"), f"unknown organ '{doc.meeting.organ}'{did_you_mean(doc.meeting.organ, self.organs)} "
                                           "(the phrase catalogue's organs: " + ", ".join(sorted(self.organs)) + ")")
        proc = doc.proceedings or schema.Proceedings()
        base: KeyPath = ("proceedings",)
        if proc.opening:
            self.within((*base, "opening", "date"), proc.opening.date)
            self.speech((*base, "opening", "by"), proc.opening.by)
            for i, s in enumerate(proc.opening.statements):
                self.speech((*base, "opening", "statements", i), s)
        if proc.closing:
            self.within((*base, "closing", "date"), proc.closing.date)
            self.speech((*base, "closing", "by"), proc.closing.by)
            for i, s in enumerate(proc.closing.statements):
                self.speech((*base, "closing", "statements", i), s)
        if proc.report:
            self.within((*base, "report", "date"), proc.report.date)
        if doc.agenda:
            self.within(("agenda", "adopted"), doc.agenda.adopted)
        elected: dict[tuple[str, str], int] = {}
        for i, officer in enumerate(proc.officers):
            path = (*base, "officers", i)
            self.ref((*path, "person"), officer.person, self.people, "person")
            self.ref((*path, "organisation"), officer.organisation, self.orgs, "organisation")
            self.country((*path, "country"), officer.country)
            self.within((*path, "date"), officer.date)
            holder = officer.person or officer.country or officer.organisation or ""
            if (officer.office, holder) in elected:
                self.add(path, f"'{holder}' is elected {officer.office} twice (also officers[{elected[officer.office, holder]}])")
            elected.setdefault((officer.office, holder), i)
        if proc.attendance:
            for name in STATE_LISTS:
                for i, country in enumerate(getattr(proc.attendance, name)):
                    self.country((*base, "attendance", name, i), country)
            for name in ORGANISATION_LISTS:
                for i, org in enumerate(getattr(proc.attendance, name)):
                    self.ref((*base, "attendance", name, i), org, self.orgs, "organisation")
        self.agenda_items()

    def agenda_items(self) -> None:
        doc = self.doc
        ids: set[str] = set()
        present = attending(doc, self.countries)
        for topic, path in agenda_topics(doc):
            if topic.id is not None:
                if topic.id in ids:
                    self.add((*path, "id"), f"duplicate agenda item id '{topic.id}'")
                ids.add(topic.id)
            for i, who in enumerate(topic.statements):
                if who in self.orgs:
                    continue
                code = self.countries.code(who)
                if code is None:
                    known = [*self.orgs, *self.countries.known()]
                    self.add((*path, "statements", i), f"unknown country or organisation '{who}'{did_you_mean(who, known)}")
                elif present is not None and code not in present:
                    self.add((*path, "statements", i), f"'{who}' made a statement but is not listed as attending "
                                                       "(proceedings.attendance, meeting.states)")
        for i, document in enumerate(doc.documents):
            for j, item in enumerate(document.agenda_items):
                self.ref(("documents", i, "agenda_items", j), item, ids, "agenda item")
        for block, path in generate_blocks(doc):
            self.ref((*path, "item"), block.item, ids, "agenda item")


def generated_warnings(doc: schema.MeetingFile) -> list[tuple[KeyPath, str]]:
    """What each generated block lacks, as (key path of the block, message)."""
    blocks = generate_blocks(doc)
    if not blocks:
        return []
    found: list[tuple[KeyPath, str]] = []
    if doc.meeting.organ is None:
        found.append((("meeting",), "no organ (meeting.organ: committee, commission, conference …); "
                                    "generated sentences call it 'the meeting'"))
    topics = {t.id: t for t, _ in agenda_topics(doc) if t.id}
    for block, path in blocks:
        if block.generate == "statements":
            topic = topics.get(block.item or "")
            if topic is not None and not topic.statements:
                found.append((path, f"generate: statements: agenda item '{block.item}' has no statements; the block prints nothing"))
        elif block.generate == "documents-before":
            if not any(block.item in d.agenda_items for d in doc.documents):
                found.append((path, f"generate: documents-before: no document names agenda item '{block.item}' "
                                    "(documents[].agenda_items); the block prints nothing"))
        else:
            parts = schema.GENERATED_PARTS if block.generate == "organization" else (block.generate,)
            found += [(path, f"generate: {block.generate}: {PART_LACKS[part]}") for part in parts if not _has_facts(doc, part)]
    return found


def _has_facts(doc: schema.MeetingFile, part: str) -> bool:
    proc = doc.proceedings or schema.Proceedings()
    states = doc.meeting.states
    return {
        "opening": proc.opening is not None,
        "attendance": bool(proc.attendance and proc.attendance.filled()) or bool(states and (states.participating or states.observers)),
        "officers": bool(proc.officers),
        "agenda": bool(doc.agenda and doc.agenda.items),
        "documentation": bool(doc.documents),
        "report": proc.report is not None,
        "closing": proc.closing is not None,
    }[part]


def _house_path(doc: schema.MeetingFile, project: Project, search_path: list[Path]) -> list[Path]:
    """The search path with the document's house (its phrases may add organs); without it if the house is unknown
    (document_problems reports that)."""
    try:
        return template_search_path(project, doc.document.house)
    except ClickException:
        return search_path


def phrase_facts(doc: schema.MeetingFile, project: Project, search_path: list[Path]) -> tuple[CountryNames, set[str] | None]:
    """The country names and the organs the phrase catalogue of the document's language knows (None: no catalogue)."""
    path = _house_path(doc, project, search_path)
    organs: set[str] | None = None
    if doc.document.language in available_languages(path, PHRASES_FOLDER):
        values, _ = load_catalogue(doc.document.language, path, PHRASES_FOLDER, MEETING_WORDS)
        organs = set(values.get("organs") or {})
    return CountryNames.load(path), organs


def phrase_problems(doc: schema.MeetingFile, project: Project, search_path: list[Path], marks: Marks) -> list[Problem]:
    """What is wrong with the phrase catalogue generated chapters of this document need (its language, its house)."""
    path = _house_path(doc, project, search_path)
    language = doc.document.language
    if language not in available_languages(path, PHRASES_FOLDER):
        known = ", ".join(sorted(available_languages(path, PHRASES_FOLDER)))
        block_path = generate_blocks(doc)[0][1]
        return [problem_at(marks, block_path, f"no phrase catalogue for language '{language}' "
                           f"(phrases/{language}.yaml; available: {known}); generated chapters cannot be written")]
    values, problems = load_catalogue(language, path, PHRASES_FOLDER, MEETING_WORDS)
    return problems or entry_problems(values, f"{PHRASES_FOLDER}/{language}.yaml")
