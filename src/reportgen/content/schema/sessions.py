"""Sessions and the agenda."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Union

from pydantic import BeforeValidator, model_validator

from .base import Id, Line, Strict, Text, Time, Wording
from .meeting import RoleHolder

# --------------------------------------------------------------------------- sessions and agenda


class SpeakerRef(Strict):
    """A person speaking in a session, with the affiliation printed in the agenda if it differs."""

    person: Id
    """Id of the person."""
    affiliation: str | None = None
    """Affiliation as printed in this session's list, if not the person's usual one."""
    on_behalf_of: RoleHolder | None = None
    """Whom the person spoke for, printed 'on behalf of …' (a person, organisation, country or office)."""
    read_by: Id | None = None
    """Id of the person who read the statement out for the speaker, printed 'read out by …'."""
    presented: list[Id] = []
    """Ids of the documents (documents:) the speaker presented, printed after the speaker's line."""


def _speaker(value: Any) -> Any:
    return {"person": value} if isinstance(value, str) else value


Speaker = Annotated[SpeakerRef, BeforeValidator(_speaker, json_schema_input_type=Union[str, SpeakerRef])]


class Session(Strict):
    """One session of the meeting."""

    id: Id
    """Identifier used to refer to this session."""
    number: str | None = None
    """Session number as printed, e.g. '2' or '3.1'."""
    title: Line
    """Title of the session."""
    label: str | None = None
    """What the session is called before its number, e.g. 'Roundtable' (default: Session)."""
    continued: bool = False
    """True for the continuation of a session begun earlier."""
    date: dt.date | None = None
    """Day of the session."""
    start: Time | None = None
    """Start time, HH:MM."""
    end: Time | None = None
    """End time, HH:MM."""
    chairs: list[RoleHolder] = []
    """Who chaired the session."""
    co_chairs: list[RoleHolder] = []
    """Who co-chaired the session (often countries)."""
    moderators: list[Speaker] = []
    """Who moderated the session."""
    speakers: list[Speaker] = []
    """Who spoke, in order."""
    floor_debate: bool = False
    """True if the session closed with a floor debate."""
    summary: Text | None = None
    """Short summary of the session's key points, for the chair's summary."""
    segment: Id | None = None
    """Id of the segment (meeting.segments) the session belongs to; its date must fall within it."""


class AgendaItem(Strict):
    """One slot of a day's programme: a session, or an event such as a break or an open discussion."""

    start: Time
    """Start time, HH:MM."""
    end: Time | None = None
    """End time, HH:MM."""
    session: Id | None = None
    """Id of the session held in this slot."""
    label: Line | None = None
    """What happens in this slot if it is not a session, e.g. 'Coffee break'."""
    note: Text | None = None
    """A line under the slot's label, e.g. 'Dialogue with member States'; nothing is printed without it."""

    @model_validator(mode="after")
    def _session_or_label(self) -> AgendaItem:
        if (self.session is None) == (self.label is None):
            raise ValueError("expected exactly one of session or label")
        return self


class AgendaDay(Strict):
    """The programme of one day."""

    date: dt.date
    """The day."""
    label: Line | None = None
    """What the day is called, printed before its date, e.g. 'Day 1'."""
    venue: Id | None = None
    """Id of the venue (meeting.venues) where the day was held, if not the main one."""
    room: Line | None = None
    """Room of the day, e.g. 'Conference Room 2'."""
    start: Time | None = None
    """Hours of the day: start time, HH:MM."""
    end: Time | None = None
    """Hours of the day: end time, HH:MM."""
    items: list[AgendaItem] = []
    """The day's slots, in order (at least one, unless a note says what the day held)."""
    note: Text | None = None
    """What the day held when its slots are not known, e.g. 'Field visit'; printed instead of slots."""

    @model_validator(mode="after")
    def _not_empty(self) -> AgendaDay:
        if not self.items and self.note is None:
            raise ValueError("an agenda day needs at least one slot (a session, or an event such as a break), "
                             "or a note saying what the day held when its slots are not known")
        return self


class AgendaTopic(Strict):
    """An item of the agenda proper: a numbered point the meeting took up, with sub-items."""

    id: Id | None = None
    """Identifier, for documents before the meeting under this item and generated blocks (item:)."""
    number: Line | None = None
    """Number as printed, e.g. '1.' for an item or '(a)' for a sub-item; leave out when the document gives none."""
    title: Line
    """Title, e.g. 'Election of officers'."""
    titles: dict[str, Line] = {}
    """The title in other languages, by two-letter code, for chapters generated in them."""
    sessions: list[Id] = []
    """Ids of the sessions that took the item up."""
    items: list[AgendaTopic] = []
    """Sub-items."""
    statements: list[str] = []
    """Who made statements under the item, in order: countries (code or English name) and organisation ids."""


class Agenda(Strict):
    """The meeting's agenda: the numbered items, the day-by-day programme, or both."""

    note: str | None = None
    """Line under the place and dates, e.g. '(ECLAC, Raúl Prebisch Conference Room)'."""
    symbol: Line | None = None
    """Symbol of the provisional agenda, e.g. 'E/ESCAP/CMP/2017/L.1'."""
    adopted: dt.date | None = None
    """Day the meeting adopted the agenda."""
    amendments: list[Wording] = []
    """Amendments made when the agenda was adopted, each a sentence ('Item 5 was deleted.'), or one per language."""
    items: list[AgendaTopic] = []
    """The agenda items, in order (distinct from sessions)."""
    days: list[AgendaDay] = []
    """The programme, day by day, in order."""

    @model_validator(mode="after")
    def _something(self) -> Agenda:
        if not self.items and not self.days:
            raise ValueError("expected agenda items (items:) or a programme (days:), or both")
        return self


AgendaTopic.model_rebuild()
