"""Cross-reference checks of the general meeting model (agenda items, venues, programme days,
adopted texts, statements read out, documents and their relations, segments, the process):
what the schema alone cannot see.

Called by validate._RefChecker with its `ref` (unknown-id check with a suggestion) and `add`
(report a problem at a key path), so every problem is collected with the others."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from . import schema
from ..core.loader import KeyPath
from .suggestions import language_suggestion

log = logging.getLogger(__name__)

Ref = Callable[[KeyPath, "str | None", set[str], str], None]
Add = Callable[[KeyPath, str], None]

LANGUAGE_CODE = re.compile(schema.LANGUAGE_PATTERN)
# Text citing a document of `documents:` by id; printed as its symbol (render.Footnotes).
DOC_REF = re.compile(r"\[doc:([a-z0-9][a-z0-9-]*)\]")


def document_ids(doc: schema.MeetingFile, add: Add) -> set[str]:
    """Ids of the meeting's documents (documents:), reporting duplicates."""
    seen: set[str] = set()
    for i, item in enumerate(doc.documents):
        if item.id is None:
            continue
        if item.id in seen:
            add(("documents", i, "id"), f"duplicate document id '{item.id}'")
        seen.add(item.id)
    return seen


def _segment_checks(meeting: schema.Meeting, ref: Ref, add: Add, venues: set[str]) -> dict[str, schema.Segment]:
    """Segments: unique ids, inside the meeting's days, at known venues."""
    found: dict[str, schema.Segment] = {}
    first, last = meeting.start, meeting.end or meeting.start
    for i, segment in enumerate(meeting.segments):
        path = ("meeting", "segments", i)
        if segment.id in found:
            add((*path, "id"), f"duplicate segment id '{segment.id}'")
        found[segment.id] = segment
        if not first <= segment.start <= (segment.end or segment.start) <= last:
            add((*path, "start"), f"the segment ({_days(segment.start, segment.end)}) lies outside the meeting "
                                  f"({_days(first, meeting.end)}); the meeting's start and end span every segment")
        ref((*path, "venue"), segment.venue, venues, "venue")
    return found


def _days(start: Any, end: Any) -> str:
    return str(start) if end is None or end == start else f"{start} to {end}"


def venue_ids(meeting: schema.Meeting, add: Add) -> set[str]:
    """Ids of the meeting's venues, reporting duplicates."""
    seen: set[str] = set()
    main = [(("meeting", "venue"), meeting.venue)] if meeting.venue is not None else []
    for path, venue in main + [(("meeting", "venues", i), v) for i, v in enumerate(meeting.venues)]:
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
    documents = document_ids(doc, add)
    annexes = {a.id for a in doc.annexes}
    segments = _segment_checks(doc.meeting, ref, add, venues)
    organisations = {o.id for o in doc.organisations}
    for path, node in nodes:
        if isinstance(node, str):
            for ident in DOC_REF.findall(node):
                ref(path, ident, documents, "document")
        elif isinstance(node, schema.Intervention):
            ref((*path, "read_by"), node.read_by, people, "person")
        elif isinstance(node, schema.SpeakerRef):
            ref((*path, "read_by"), node.read_by, people, "person")
            for i, ident in enumerate(node.presented):
                ref((*path, "presented", i), ident, documents, "document")
        elif isinstance(node, schema.RelatedDocument):
            _document_checks(path, node, documents, annexes, ref, add)
        elif isinstance(node, schema.Amendment):
            ref((*path, "amendment"), node.amendment, documents, "document")
        elif isinstance(node, schema.Section) and node.document is not None:
            ref((*path, "document"), node.document, documents, "document")
            if node.document in documents and not next(d for d in doc.documents if d.id == node.document).symbol:
                add((*path, "document"), f"document '{node.document}' has no symbol to print under the heading")
        elif isinstance(node, schema.Session) and node.segment is not None:
            ref((*path, "segment"), node.segment, set(segments), "segment")
            segment = segments.get(node.segment)
            if segment is not None and node.date is not None and not segment.start <= node.date <= (segment.end or segment.start):
                add((*path, "date"), f"date {node.date} is outside its segment '{segment.id}' ({_days(segment.start, segment.end)})")
        elif isinstance(node, schema.Process):
            ref((*path, "organisation"), node.organisation, organisations, "organisation")
            ref((*path, "mandate_document"), node.mandate_document, documents, "document")
        elif isinstance(node, schema.AgendaTopic):
            for i, session in enumerate(node.sessions):
                ref((*path, "sessions", i), session, sessions, "session")
        elif isinstance(node, schema.AgendaDay):
            ref((*path, "venue"), node.venue, venues, "venue")
        elif isinstance(node, schema.ListBlock) and node.kind == "preambular" and node.numbered:
            add((*path, "list"), "preambular paragraphs are not numbered: write list: none")
        elif isinstance(node, schema.Annex) and node.original_language and not LANGUAGE_CODE.match(node.original_language):
            add((*path, "original_language"), f"expected a two-letter language code such as 'es', found {node.original_language!r}"
                f"{language_suggestion(node.original_language)}")
        elif isinstance(node, schema.Annex) and node.generate == "documents" and not doc.documents:
            add((*path, "generate"), "a list of documents needs the meeting's documents (documents: at the top level)")
        elif isinstance(node, schema.Annex) and node.generate == "agenda" and doc.agenda is None:
            add((*path, "generate"), "an agenda annex needs the meeting's agenda (agenda: at the top level)")


def _document_checks(path: KeyPath, node: schema.RelatedDocument, documents: set[str], annexes: set[str],
                     ref: Ref, add: Add) -> None:
    """A document of the family: its language codes and the documents it relates to."""
    for i, code in enumerate(node.languages):
        if not LANGUAGE_CODE.match(code):
            add((*path, "languages", i), f"expected a two-letter language code such as 'en', found {code!r}{language_suggestion(code)}")
    if node.original_language and not LANGUAGE_CODE.match(node.original_language):
        add((*path, "original_language"), f"expected a two-letter language code such as 'es', found {node.original_language!r}"
                                          f"{language_suggestion(node.original_language)}")
    for relation in ("corrects", "revision_of"):
        ref((*path, relation), getattr(node, relation), documents, "document")
    ref((*path, "draft_of"), node.draft_of, documents | annexes, "document or annex")
    for relation in ("corrects", "revision_of", "draft_of"):
        if node.id is not None and getattr(node, relation) == node.id:
            add((*path, relation), f"a document cannot relate to itself ({relation}: {node.id})")


def meeting_warnings(doc: schema.MeetingFile) -> list[tuple[KeyPath, str]]:
    """What would print as an empty part of the document: worth a warning, not an error."""
    found: list[tuple[KeyPath, str]] = []
    for i, annex in enumerate(doc.annexes):
        if annex.generate == "participants" and not any(p.listed for p in doc.people):
            found.append((("annexes", i, "generate"), "nobody is listed (people: with listed: true): "
                          "the list of participants prints only its heading"))
        elif annex.generate == "biographies" and not any(p.biography for p in doc.people):
            found.append((("annexes", i, "generate"), "nobody has a biography: the annex prints only its heading"))
    return found
