"""A country's standing at a meeting from its typed State lists (member, participating, observer,
signatory), for the country view of comparison briefs."""

from __future__ import annotations

import logging

from . import schema
from .model import Meeting

log = logging.getLogger(__name__)

STANDING = {
    "members": "member State of {process}",
    "participating": "participating State: took part in the meeting",
    "observers": "observer State at the meeting",
    "signatories": "signatory State of {text}",
}
"""How each list reads in a brief; {process} is the meeting's series or title, {text} what was signed."""


def state_countries(doc: schema.MeetingFile) -> set[str]:
    """Every country named in the meeting's State lists."""
    states = doc.meeting.states
    return {c for _, countries in states.filled() for c in countries} if states else set()


def state_roles(meeting: Meeting, country: str) -> list[str]:
    """The standing of `country` at the meeting, one short sentence per list that names it."""
    states = meeting.facts.states
    if states is None:
        return []
    want = country.casefold()
    process = meeting.facts.series or meeting.facts.title
    text = f"the {meeting.document.kind_label.lower()}"
    return [STANDING[key].format(process=process, text=text)
            for key, countries in states.filled() if want in {c.casefold() for c in countries}]
