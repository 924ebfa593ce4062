"""The document's and the meeting's context: the cover note a document is issued under, the bodies
it is transmitted to, the segments of a meeting and the process it belongs to."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, model_validator

from .base import Id, Line, Strict, Text, _one_or_many, check_span
from .dates import DocumentDate


class CoverNote(Strict):
    """A note the document is issued under (a transmittal note, a note verbale, a covering letter),
    printed on a page of its own before the document."""

    heading: Line | None = None
    """What the note is, printed at its head, e.g. 'Note by the Secretariat' or 'Note verbale'."""
    symbol: Line | None = None
    """The note's own symbol, e.g. 'CIO.GAL/12/25' (the document keeps its own)."""
    date: DocumentDate | None = None
    """The note's own date: YYYY-MM-DD, or YYYY-MM, or YYYY."""
    addressee: Annotated[list[Line], BeforeValidator(_one_or_many)] = []
    """To whom the note is addressed, one line each, e.g. 'Permanent missions of the member States'."""
    sender: Annotated[list[Line], BeforeValidator(_one_or_many)] = []
    """From whom, one line each, e.g. 'Chairmanship'."""
    subject: Line | None = None
    """The note's subject line."""
    text: Text | None = None
    """The note's text (paragraphs)."""
    signature: Annotated[list[Line], BeforeValidator(_one_or_many)] = []
    """Closing lines under the text: who signs, and their post."""


class Transmittal(Strict):
    """A body the document is submitted to: printed 'For consideration by the Commission at its
    seventy-fourth session' under the title."""

    body: Line
    """The body, as printed after 'by', e.g. 'the Commission'."""
    at: Line | None = None
    """The session or meeting, as printed after 'at', e.g. 'its seventy-fourth session'."""
    action: Literal["consideration", "information", "decision", "approval", "adoption", "endorsement"] = "consideration"
    """What the body is asked to do with it."""


class Segment(Strict):
    """A part of a meeting with dates of its own (a session of experts, then a ministerial segment)."""

    id: Id
    """Identifier; sessions and programme days name their segment by it."""
    title: Line
    """Name of the segment, e.g. 'Ministerial segment'."""
    start: dt.date
    """First day of the segment (YYYY-MM-DD)."""
    end: dt.date | None = None
    """Last day, if it lasted more than one day."""
    venue: Id | None = None
    """Id of the venue (meeting.venues) where it was held, if not the main one."""

    @property
    def last_day(self) -> dt.date:
        """The segment's last day (its start, for a one-day segment)."""
        return self.end or self.start

    @model_validator(mode="after")
    def _end_after_start(self) -> Segment:
        check_span(self.start, self.end)
        return self


class Process(Strict):
    """The process or body a meeting belongs to, and what mandated the meeting."""

    organisation: Id
    """Id of the process as an organisation record (name, acronym, aliases written once there)."""
    theme: Line | None = None
    """Theme of the process's current cycle, e.g. the dialogue's theme of the year."""
    mandate: Text | None = None
    """What mandated the meeting, as stated, e.g. 'Decision 2024/3 of the Conference'."""
    mandate_document: Id | None = None
    """Id of the document (documents:) that holds the mandate, printed by its symbol."""
