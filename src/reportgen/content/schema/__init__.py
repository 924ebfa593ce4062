"""The content schema: what a meeting's YAML may hold.

This package is the user's reference. Every field carries a one-line docstring, which becomes
its description in the JSON Schema that `reportgen schema` exports for editors.
Text fields ("Text") hold paragraphs separated by blank lines, written in the inline Markdown
subset described in docs/content.md: *emphasis*, **strong**, [links](https://…), ^superscript^,
~subscript~ and footnote references [^id]. Raw HTML is shown as text, never passed through.

One module per part of a meeting file: base (ids, text, times), document (masthead and title
block), meeting (people, organisations, facts), sessions (sessions and agenda), blocks (body
blocks, sections, annexes), related (authors and related documents), proceedings (opening, officers,
attendance, adoption of the report, closing), files (the top-level files).
"""

from __future__ import annotations

from .base import ID_PATTERN, LANGUAGE_PATTERN, Id, Language, Line, ListStyle, Strict, Text, Time, Wording
from .blocks import (
    GENERATED_PARTS,
    Amendment,
    Annex,
    Block,
    Cell,
    Dateline,
    FloorDebate,
    Generate,
    Intervention,
    Item,
    ListBlock,
    ListItem,
    PageBreak,
    Section,
    TableBlock,
    TableCell,
    Tagged,
    TaggedParagraph,
)
from .context import CoverNote, Process, Segment, Transmittal
from .dates import DocumentDate, PartialDate
from .document import Document
from .files import MeetingFile, Theme, ThemesFile
from .meeting import Amount, Figure, Meeting, Organisation, Person, RoleHolder, States, Venue
from .proceedings import Attendance, Closing, Officer, Opening, Proceedings, ReportAdoption, Speech
from .related import Authors, RelatedDocument
from .sessions import Agenda, AgendaDay, AgendaItem, AgendaTopic, Session, Speaker, SpeakerRef

__all__ = [
    "ID_PATTERN", "LANGUAGE_PATTERN", "Id", "Language", "Line", "ListStyle", "Strict", "Text", "Time",
    "GENERATED_PARTS", "Generate", "Attendance", "Closing", "Officer", "Opening", "Proceedings", "ReportAdoption",
    "Speech", "Wording",
    "Amendment", "Annex", "Block", "Cell", "Dateline", "FloorDebate", "Intervention", "Item", "ListBlock", "ListItem", "PageBreak",
    "Section", "TableBlock", "TableCell", "Tagged", "TaggedParagraph",
    "CoverNote", "Process", "Segment", "Transmittal", "DocumentDate",
    "Document", "PartialDate", "MeetingFile", "Theme", "ThemesFile",
    "Amount", "Figure", "Meeting", "Organisation", "Person", "RoleHolder", "States", "Venue",
    "Authors", "RelatedDocument",
    "Agenda", "AgendaDay", "AgendaItem", "AgendaTopic", "Session", "Speaker", "SpeakerRef",
]
