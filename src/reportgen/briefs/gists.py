"""`reportgen validate --gists`: the items a brief or chair's summary would have to shorten.

Briefs give every compared item by its gist, and a long chair's summary gives its conclusions
the same way: the item's `gist:` when the YAML has one, else its first whole sentence. This
lists, at file:line, the items that have no `gist:` and say more than their first sentence, so
the secretariat can write one where the first sentence does not carry the point. Items of other
lists count too when they name a country, since a country view gives them by their gist.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from ..content import schema
from .items import ITEM_KINDS
from ..core.loader import problem_at
from ..content.model import Meeting, load_meetings
from ..core.project import Project
from ..render.sentences import gist, is_fragment, needs_gist
from ..content.validate import load_meeting_files
from ..content.traverse import walk

log = logging.getLogger(__name__)


def _shortened_items(doc: schema.MeetingFile) -> Iterator[tuple[tuple, schema.ListItem]]:
    """Items briefs and summaries print as gists (compared kinds; any item a country view lists
    because it names a country) that would lose something without a `gist:`."""
    for path, node in walk(doc):
        if isinstance(node, schema.ListBlock):
            for index, item in enumerate(node.items):
                if (node.kind in ITEM_KINDS or item.countries) and needs_gist(item):
                    yield (*path, "items", index), item


def missing_gists(project: Project, meeting_ids: Iterable[str] | None = None) -> list[str]:
    """One line per item lacking a gist: 'file:line:col: key path: no gist: … (N of M words)'."""
    lines = []
    for meeting_id, meeting in load_meetings(project, meeting_ids).items():
        _, marks, _ = load_meeting_files(project, meeting_id)
        for path, item in _shortened_items(meeting.doc):
            given = gist(item).text
            first = len(given.split())
            whole = len(item.text.split())
            sub = " and sub-items" if item.more else ""
            if is_fragment(given):
                tail = " ".join(given.split()[-3:])
                message = f"no gist: its first sentence is not a whole sentence ('… {tail}'); write a gist: that is one"
            else:
                message = f"no gist: briefs and long summaries give its first sentence ({first} of {whole} words{sub})"
            lines.append(str(problem_at(marks, path, message)))
        lines += [str(problem_at(marks, path, message)) for path, message in _sessions_without_key_points(meeting)]
    return lines


SUMMARY_KINDS = ("conclusions", "recommendations", "messages", "decisions")
"""Lists whose items are a session's key points in its chair's summary."""


def _sessions_without_key_points(meeting: Meeting) -> Iterator[tuple[tuple, str]]:
    """Sessions a chair's summary would give without key points: no `summary:` and no conclusions,
    recommendations, messages or decisions in the sections reporting on them (only presentations
    and floor debate); the secretariat writes a summary of what the debate was about."""
    owner: dict[str, str | None] = {}
    with_items: set[str] = set()
    for trail, section in meeting.sections():
        owner[section.id] = section.session or (owner.get(trail[-1]) if trail else None)
        lists = [b for b in section.blocks if isinstance(b, schema.ListBlock) and b.kind in SUMMARY_KINDS]
        if lists and owner[section.id]:
            with_items.add(owner[section.id])
    for index, session in enumerate(meeting.doc.sessions):
        if not session.summary and session.id not in with_items:
            yield ("sessions", index), ("no summary: the chair's summary has no key points for this session (it has no "
                                        "conclusions, recommendations or messages); write a summary: of what its debate was about")
