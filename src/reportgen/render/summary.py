"""What a chair's summary needs besides the record: its own identity, and list lead-ins.

A chair's summary is issued by the chair's office, not as the report: it carries its own symbol
(`document.summary_symbol`) or none, never the report's (nor its addendum, revision, corrigendum,
distribution, series, status, job number, agenda item or the bodies the report is submitted to);
its title is the meeting's, its kind line "Chair's summary", its date the report's or else the
meeting's last day, its subtitle the meeting's place and dates. The chair-summary template prints
it in the house's masthead and title block (_masthead.html.j2), as a report without a cover.
"""

from __future__ import annotations

import logging

from ..content import schema
from ..content.model import Meeting
from .markup import plain
from .sentences import sentences

log = logging.getLogger(__name__)

LEAD_IN_WORDS = 60
"""A paragraph that ends with a colon and is no longer than this is printed whole as a list's
lead-in; a longer one gives only its last sentence."""


def summary_document(meeting: Meeting, kind_label: str, place_and_dates: str) -> schema.Document:
    """The document identity of the meeting's chair's summary; the meeting's place and dates are
    its subtitle (inside the house's title block, so both writers space it alike)."""
    doc = meeting.document
    return doc.model_copy(update={
        "symbol": doc.summary_symbol, "summary_symbol": None, "addendum": None, "revision": None, "corrigendum": None,
        "distribution": None, "series": doc.series if doc.summary_symbol else None, "status": None, "status_label": None, "job_number": None,
        "agenda_item": None, "agenda_item_title": None, "transmitted_to": [],
        "date": doc.date or meeting.facts.end or meeting.facts.start,
        "title": meeting.facts.title, "subtitle": [place_and_dates], "kind_label": kind_label, "kind_line": True,
        "cover": False, "cover_lines": [], "contents": False, "author_note": None,
    })


def lead_in(block: object) -> str | None:
    """The words that introduce the list after a block ("The main points of the discussion were:"):
    the last paragraph of a text, intervention or floor debate when it ends with a colon (whole
    when short, else its last sentence)."""
    text = block if isinstance(block, str) else getattr(block, "floor_debate", None) or getattr(block, "text", None)
    if not isinstance(text, str) or not text.strip():
        return None
    last = [p for p in text.strip().split("\n\n") if p.strip()][-1]
    flat = plain(last).strip()
    if not flat.endswith(":"):
        return None
    if len(flat.split()) <= LEAD_IN_WORDS:
        return flat
    return sentences(flat)[-1]
