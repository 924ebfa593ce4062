"""The generated list of participants: people grouped by country and organisation, as UN reports
print it (States first, alphabetically; then organisations by category; then anyone else)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from . import schema
from ..style.labels import Labels
from .model import Meeting

log = logging.getLogger(__name__)


@dataclass
class Group:
    """One heading of the list (a country or an organisation) and its people, as printed lines."""

    name: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Part:
    """A lettered part of the list: 'States', 'United Nations system', 'Other participants'."""

    heading: str
    groups: list[Group] = field(default_factory=list)


def _org_name(org: schema.Organisation, also: str = "also known as") -> str:
    name = f"{org.name} ({org.acronym})" if org.acronym else org.name
    return f"{name}, {also} {', '.join(org.aliases)}" if org.aliases else name


def _line(person: schema.Person, *, with_org: bool) -> str:
    name = f"{person.honorific} {person.name}" if person.honorific and person.name else person.display_name
    org = person.ref if with_org and isinstance(person.ref, schema.Organisation) else None
    post = person.post if person.name else None  # an official known only by post: the post is the name
    extra = [x for x in (post, org.name if org else None) if x]
    if not extra and person.affiliation:
        extra = [person.affiliation]
    return ", ".join([name, *extra])


def _category(org: schema.Organisation) -> str | None:
    """The organisation's category, else that of the body it is part of."""
    seen: set[str] = set()
    while org is not None and org.id not in seen:
        if org.category:
            return org.category
        seen.add(org.id)
        org = org.ref
    return None


def _state_parts(meeting: Meeting, labels: Labels, by_country: dict[str, Group]) -> list[Part]:
    """Countries by standing, as UN reports list them: member States, then observer States, then
    any other State (all under 'States' when the meeting has no State lists)."""
    states = meeting.facts.states
    standing = [("states_members", states.members), ("states_observers", states.observers)] if states else []
    parts: list[Part] = []
    left = dict(by_country)
    for key, countries in standing:
        wanted = {c.casefold() for c in countries}
        found = sorted((c for c in left if c.casefold() in wanted), key=str.casefold)
        if found:
            parts.append(Part(labels[key], [left.pop(c) for c in found]))
    if left:
        parts.append(Part(labels["participants_states"], [left[c] for c in sorted(left, key=str.casefold)]))
    return parts


def participant_groups(meeting: Meeting, labels: Labels) -> list[Part]:
    """The people of the meeting grouped for a list of participants.

    A person belongs to a country when they or their organisation have one (national delegations
    and bodies), listed by the country's standing (member, observer); else to their organisation,
    listed under its category; else to 'Other participants'."""
    by_country: dict[str, Group] = {}
    by_category: dict[str, dict[str, Group]] = {}
    others = Group(labels["participants_other"])
    for person in meeting.doc.people:
        if not person.listed:
            continue
        org = person.ref if isinstance(person.ref, schema.Organisation) else None
        country = person.country or (org.country if org else None)
        if country:
            by_country.setdefault(country, Group(country)).lines.append(_line(person, with_org=True))
        elif org is not None:
            category = _category(org) or labels["participants_organisations"]
            groups = by_category.setdefault(category, {})
            groups.setdefault(org.id, Group(_org_name(org, labels["also_known_as"]))).lines.append(_line(person, with_org=False))
        else:
            others.lines.append(_line(person, with_org=False))
    parts = _state_parts(meeting, labels, by_country)
    # Categories in the order their organisations are recorded (UN system before NGOs, as the project lists them).
    order = {org.id: i for i, org in enumerate(meeting.doc.organisations)}
    ranked = sorted(by_category.items(), key=lambda kv: min(order[org_id] for org_id in kv[1]))
    for category, groups in ranked:
        parts.append(Part(category, sorted(groups.values(), key=lambda g: g.name.casefold())))
    if others.lines:
        parts.append(Part(others.name, [Group("", others.lines)]))
    return parts
