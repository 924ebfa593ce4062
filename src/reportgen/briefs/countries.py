"""Countries in the meetings: which are named, and what roles a country had at a meeting."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ..content import schema
from ..render.markup import plain
from ..content.model import Meeting
from ..core.project import Project
from ..content.states import state_countries, state_roles
from ..content.validate import check_meeting, load_themes
from ..content.traverse import walk

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- countries


def person_country(person: schema.Person) -> str | None:
    """The country a person represented: their own, else their organisation's."""
    org = person.ref
    return person.country or (org.country if isinstance(org, schema.Organisation) else None)


def content_countries(docs: Iterable[schema.MeetingFile]) -> set[str]:
    """Every country named in the meetings: venues, role holders, organisations, people, items."""
    found: set[str] = set()
    for doc in docs:
        for _, node in walk(doc):
            if isinstance(node, (schema.Venue, schema.RoleHolder, schema.Person, schema.Organisation)) and node.country:
                found.add(node.country)
            elif isinstance(node, schema.Tagged):
                found.update(node.countries)
        found |= state_countries(doc)
    return found


def project_countries(project: Project, loaded: dict[str, Meeting]) -> set[str]:
    """Countries of every valid meeting in content/ (invalid meetings are skipped, not reported)."""
    themes, _ = load_themes(project)
    docs = [m.doc for m in loaded.values()]
    for meeting_id in project.meeting_ids():
        if meeting_id not in loaded:
            doc, _ = check_meeting(project, meeting_id, themes)
            if doc is not None:
                docs.append(doc)
    return content_countries(docs)


def canonical_country(name: str, countries: Iterable[str]) -> str | None:
    """The country as content spells it, matched without regard to case."""
    return next((c for c in sorted(countries) if c.casefold() == name.strip().casefold()), None)


MEETING_ROLES = (("hosts", "host"), ("chairs", "chair"), ("co_chairs", "co-chair"), ("organisers", "organiser"),
                 ("rapporteurs", "rapporteur"), ("supporters", "supporter"))


def _holder(holder: schema.RoleHolder) -> tuple[str | None, str | None]:
    """(country, who): the holder's country and, for a person or organisation, its name."""
    target = holder.ref
    if holder.country:
        return holder.country, holder.office
    if isinstance(target, schema.Person):
        name = f"{target.honorific} {target.name}" if target.honorific and target.name else target.display_name
        return person_country(target), name
    if isinstance(target, schema.Organisation):
        return target.country, target.name
    return None, None


def _session_name(session: schema.Session) -> str:
    if session.number:
        name = f"{session.label or 'Session'} {session.number}"
    else:
        name = session.label or plain(session.title)
    return f"{name} (continued)" if session.continued else name


def country_roles(meeting: Meeting, country: str) -> list[str]:
    """Every role `country` had at the meeting, as short sentences."""
    want = country.casefold()
    facts = meeting.facts
    roles: list[str] = []
    for venue in meeting.all_venues():
        if venue.country.casefold() == want:
            roles.append(f"venue: the meeting was held in {venue.city}")
            break
    roles += state_roles(meeting, country)
    groups: list[tuple[str, str, list[schema.RoleHolder]]] = [(role, "the meeting", getattr(facts, key)) for key, role in MEETING_ROLES]
    for session in meeting.doc.sessions:
        name = _session_name(session)
        groups += [("chair", name, session.chairs), ("co-chair", name, session.co_chairs)]
    for role, of, holders in groups:
        for holder in holders:
            where, who = _holder(holder)
            if where is not None and where.casefold() == want:
                note = f" {holder.note}" if holder.note else ""
                roles.append(f"{role} of {of}" + (f": {who}{note}" if who else note))
    for session in meeting.doc.sessions:
        for role, refs in (("moderator", session.moderators), ("speaker", session.speakers)):
            for ref in refs:
                person = ref.ref
                where = person_country(person)
                if where is not None and where.casefold() == want:
                    preposition = "of" if role == "moderator" else "in"
                    roles.append(f"{role} {preposition} {_session_name(session)}: {person.display_name}")
    return roles
