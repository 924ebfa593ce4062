"""Sessions and the agenda."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, model_validator

from .base import Id, Strict, Text, Time
from .meeting import RoleHolder

# --------------------------------------------------------------------------- sessions and agenda


class SpeakerRef(Strict):
    """A person speaking in a session, with the affiliation printed in the agenda if it differs."""

    person: Id
    """Id of the person."""
    affiliation: str | None = None
    """Affiliation as printed in this session's list, if not the person's usual one."""


def _speaker(value: Any) -> Any:
    return {"person": value} if isinstance(value, str) else value


Speaker = Annotated[SpeakerRef, BeforeValidator(_speaker)]


class Session(Strict):
    """One session of the meeting."""

    id: Id
    """Identifier used to refer to this session."""
    number: str | None = None
    """Session number as printed, e.g. '2' or '3.1'."""
    title: Text
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


class AgendaItem(Strict):
    """One line of the agenda: a session or a break."""

    start: Time
    """Start time, HH:MM."""
    end: Time | None = None
    """End time, HH:MM."""
    session: Id | None = None
    """Id of the session held in this slot."""
    label: str | None = None
    """What happens in this slot if it is not a session, e.g. 'Coffee break'."""

    @model_validator(mode="after")
    def _session_or_label(self) -> AgendaItem:
        if (self.session is None) == (self.label is None):
            raise ValueError("expected exactly one of session or label")
        return self


class AgendaDay(Strict):
    """The agenda of one day."""

    date: dt.date
    """The day."""
    items: list[AgendaItem]
    """The day's slots, in order."""


class Agenda(Strict):
    """The meeting's agenda (programme)."""

    note: str | None = None
    """Line under the place and dates, e.g. '(ECLAC, Raúl Prebisch Conference Room)'."""
    days: list[AgendaDay]
    """The days, in order."""
