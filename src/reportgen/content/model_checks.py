"""Cross-reference checks of the general meeting model (agenda items, venues, programme days,
adopted texts, statements read out): what the schema alone cannot see.

Called by validate._RefChecker with its `ref` (unknown-id check with a suggestion) and `add`
(report a problem at a key path), so every problem is collected with the others."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from . import schema
from ..core.loader import KeyPath

log = logging.getLogger(__name__)

Ref = Callable[[KeyPath, "str | None", set[str], str], None]
Add = Callable[[KeyPath, str], None]

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


def venue_ids(meeting: schema.Meeting, add: Add) -> set[str]:
    """Ids of the meeting's venues, reporting duplicates."""
    seen: set[str] = set()
    for path, venue in [(("meeting", "venue"), meeting.venue)] + [
            (("meeting", "venues", i), v) for i, v in enumerate(meeting.venues)]:
        if venue.id is None:
            if path[1] == "venues":
                add((*path, "id"), "a further venue needs an id (agenda days name it)")
            continue
        if venue.id in seen:
            add((*path, "id"), f"duplicate venue id '{venue.id}'")
        seen.add(venue.id)
    return seen


def check_nodes(doc: schema.MeetingFile, nodes: Iterable[tuple[KeyPath, Any]], people: set[str],
                sessions: set[str], ref: Ref, add: Add) -> None:
    """Check the references and rules of the general model's records among `nodes`."""
    venues = venue_ids(doc.meeting, add)
    for path, node in nodes:
        if isinstance(node, schema.Intervention):
            ref((*path, "read_by"), node.read_by, people, "person")
        elif isinstance(node, schema.AgendaTopic):
            for i, session in enumerate(node.sessions):
                ref((*path, "sessions", i), session, sessions, "session")
        elif isinstance(node, schema.AgendaDay):
            ref((*path, "venue"), node.venue, venues, "venue")
        elif isinstance(node, schema.ListBlock) and node.kind == "preambular" and node.numbered:
            add((*path, "list"), "preambular paragraphs are not numbered: write list: none")
        elif isinstance(node, schema.RelatedDocument):
            for i, code in enumerate(node.languages):
                if not LANGUAGE_CODE.match(code):
                    add((*path, "languages", i), f"expected a two-letter language code such as 'en', found {code!r}")
        elif isinstance(node, schema.Annex) and node.original_language and not LANGUAGE_CODE.match(node.original_language):
            add((*path, "original_language"), f"expected a two-letter language code such as 'es', found {node.original_language!r}")
        elif isinstance(node, schema.Annex) and node.generate == "documents" and not doc.documents:
            add((*path, "generate"), "a list of documents needs the meeting's documents (documents: at the top level)")
        elif isinstance(node, schema.Annex) and node.generate == "agenda" and doc.agenda is None:
            add((*path, "generate"), "an agenda annex needs the meeting's agenda (agenda: at the top level)")
