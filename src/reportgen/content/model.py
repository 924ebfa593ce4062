"""The typed meeting model: validated documents with their references resolved once."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from . import schema
from ..core.errors import ContentError, Problem, UsageProblem
from ..core.names import meeting_id_problem
from .modelcache import ModelCache
from ..core.project import Project
from .traverse import walk

log = logging.getLogger(__name__)


@dataclass
class Meeting:
    """One meeting, ready for the templates."""

    id: str
    doc: schema.MeetingFile
    themes: dict[str, schema.Theme] = field(default_factory=dict)

    @property
    def document(self) -> schema.Document:
        return self.doc.document

    @property
    def facts(self) -> schema.Meeting:
        return self.doc.meeting

    @property
    def people(self) -> dict[str, schema.Person]:
        return {p.id: p for p in self.doc.people}

    @property
    def organisations(self) -> dict[str, schema.Organisation]:
        return {o.id: o for o in self.doc.organisations}

    @property
    def sessions(self) -> dict[str, schema.Session]:
        return {s.id: s for s in self.doc.sessions}

    @property
    def venues(self) -> dict[str, schema.Venue]:
        """Every venue with an id: the main one (if it has an id) and the further ones."""
        return {v.id: v for v in self.all_venues() if v.id}

    def all_venues(self) -> list[schema.Venue]:
        """The main venue (if the document states one) and the further ones."""
        return [v for v in [self.facts.venue, *self.facts.venues] if v is not None]

    @property
    def documents(self) -> dict[str, schema.RelatedDocument]:
        """The meeting's documents that have an id."""
        return {d.id: d for d in self.doc.documents if d.id}

    def document_references(self) -> dict[str, str]:
        """{id: reference}: what [doc:id] prints for each of the meeting's documents."""
        return {ident: self.document_reference(ident) for ident in self.documents}

    def document_reference(self, ident: str, *, title: bool = False) -> str:
        """A document as text cites it: its symbol, else its title (or kind) in quotation marks;
        with `title`, the title first (a speaker's presentation)."""
        found = self.documents[ident]
        quoted = f"“{found.title}{' […]' if found.title_incomplete else ''}”" if found.title else None
        if title:
            return quoted or found.symbol or str(found.kind)
        return found.symbol or quoted or str(found.kind)

    def place(self, and_word: str = "and") -> str:
        """Where the meeting was held: 'Tegucigalpa and San Pedro Sula, Honduras' over every venue
        ('' when the document states no venue)."""
        venues = self.all_venues()
        if not venues:
            return ""
        cities = list(dict.fromkeys(v.city for v in venues))
        countries = list(dict.fromkeys(v.country for v in venues))
        if len(countries) > 1:
            places = list(dict.fromkeys(f"{v.city}, {v.country}" for v in venues))
            return ", ".join(places[:-1]) + f" {and_word} " + places[-1]
        joined = cities[0] if len(cities) == 1 else ", ".join(cities[:-1]) + f" {and_word} " + cities[-1]
        return f"{joined}, {countries[0]}"

    def agenda_items_of(self, session_id: str) -> list[str]:
        """The agenda items a session took up, as 'number title' ('3. Adoption of the agenda')."""
        found: list[str] = []

        def visit(items: list[schema.AgendaTopic], parent: str) -> None:
            for item in items:
                number = f"{parent} {item.number.rstrip('.')}".strip()
                if session_id in item.sessions:
                    found.append(number)
                visit(item.items, number)

        visit(self.doc.agenda.items if self.doc.agenda else [], "")
        return found

    def sections(self) -> Iterable[tuple[tuple[str, ...], schema.Section]]:
        """Every section and annex, depth first, with the labels of its ancestors."""

        def visit(items: list[schema.Section], trail: tuple[str, ...]):
            for section in items:
                yield trail, section
                yield from visit(section.sections, (*trail, section.id))

        yield from visit(self.doc.body, ())
        yield from visit(list(self.doc.annexes), ())


def theme_labels(meeting: Meeting) -> list[str]:
    """Names of the themes the meeting's items are tagged with, in the order of themes.yaml
    (the documents' keywords)."""
    used = {t for _, node in walk(meeting.doc) if isinstance(node, schema.ListItem) for t in node.themes}
    return [theme.label for theme_id, theme in meeting.themes.items() if theme_id in used]


def resolve(meeting: Meeting) -> Meeting:
    """Point every id field at the record it names (validation has checked they exist)."""
    people, orgs, sessions = meeting.people, meeting.organisations, meeting.sessions
    for _, node in walk(meeting.doc):
        if not isinstance(node, BaseModel):  # most values are texts: one test instead of eleven
            continue
        if isinstance(node, schema.SpeakerRef):
            node._ref = people[node.person]
        elif isinstance(node, schema.RoleHolder):
            node._ref = people.get(node.person or "") or orgs.get(node.organisation or "") or node.country
        elif isinstance(node, schema.Person):
            node._ref = orgs.get(node.organisation or "")
        elif isinstance(node, schema.Organisation):
            node._ref = orgs.get(node.part_of or "")
        elif isinstance(node, schema.Intervention):
            node._ref = people[node.intervention]
        elif isinstance(node, (schema.AgendaItem, schema.Section)):
            node._ref = sessions.get(node.session or "")
        elif isinstance(node, schema.ListItem):
            node._ref = [meeting.themes[t] for t in node.themes]
        elif isinstance(node, schema.AgendaTopic):
            node._ref = [sessions[s] for s in node.sessions]
        elif isinstance(node, schema.AgendaDay):
            node._ref = meeting.venues.get(node.venue or "")
        elif isinstance(node, schema.Process):
            node._ref = orgs.get(node.organisation)
    return meeting


def load_meetings(project: Project, meeting_ids: Iterable[str] | None = None) -> dict[str, Meeting]:
    """Load, validate and resolve meetings; raise one ContentError listing every problem."""
    known = project.meeting_ids()
    wanted = list(meeting_ids) if meeting_ids else known
    unknown = [m for m in wanted if m not in known]
    for meeting_id in unknown:
        problem = meeting_id_problem(meeting_id)
        if problem:
            raise UsageProblem(problem)
    if unknown:
        listing = ", ".join(known) if known else f"none (no {project.display(project.content_dir)}/<id>/meeting.yaml)"
        raise UsageProblem(f"unknown meeting '{unknown[0]}'; meetings in this project: {listing}")
    cache = ModelCache(project)
    themes, problems = cache.themes()
    theme_map = {t.id: t for t in themes.themes} if themes else {}
    meetings: dict[str, Meeting] = {}
    all_problems: list[Problem] = list(problems)
    for meeting_id in wanted:
        doc, found = cache.meeting(meeting_id, lambda: themes)
        all_problems += found
        if doc is not None and not problems:  # with themes.yaml unreadable, their references cannot resolve
            meetings[meeting_id] = resolve(Meeting(meeting_id, doc, theme_map))
    if all_problems:
        raise ContentError(all_problems)
    log.info("loaded %d meeting(s)", len(meetings))
    return meetings
