"""People, organisations, role holders and the facts of the meeting itself."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from .base import Id, Strict, Text

# --------------------------------------------------------------------------- people and bodies


class Organisation(Strict):
    """An organisation mentioned in the meeting; referenced by id."""

    id: Id
    """Identifier used to refer to this organisation."""
    name: Text
    """Full name."""
    acronym: str | None = None
    """Acronym, e.g. 'IOM'."""
    country: str | None = None
    """Country where it is based, for national bodies."""
    part_of: Id | None = None
    """Id of the organisation this one belongs to (e.g. CELADE is part of ECLAC)."""


class Person(Strict):
    """A person who took part in the meeting; referenced by id everywhere else."""

    id: Id
    """Identifier used to refer to this person, e.g. 'j-martinez'."""
    name: Text
    """Full name as printed, e.g. 'Jorge Martínez Pizarro'."""
    short_name: str | None = None
    """Shorter form used in the agenda, e.g. 'Jorge Martínez'."""
    honorific: str | None = None
    """Form of address, e.g. 'Mr', 'Dr', 'Ambassador'."""
    post: str | None = None
    """Post held at the time of the meeting."""
    organisation: Id | None = None
    """Id of the organisation the person represented."""
    country: str | None = None
    """Country the person represented or came from."""
    affiliation: str | None = None
    """Affiliation as printed after the name in lists of participants."""
    biography: Text | None = None
    """Biographical note (for an annex of biographies)."""


class RoleHolder(Strict):
    """Who holds a role: exactly one of a person, an organisation or a country."""

    person: Id | None = None
    """Id of a person."""
    organisation: Id | None = None
    """Id of an organisation."""
    country: str | None = None
    """A country, e.g. 'Mexico'."""
    note: str | None = None
    """Words printed after the holder, e.g. '(Federal Office for Migration)'."""

    @model_validator(mode="after")
    def _exactly_one(self) -> RoleHolder:
        given = [k for k in ("person", "organisation", "country") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("expected exactly one of person, organisation or country")
        return self


class Venue(Strict):
    """Where the meeting took place."""

    city: Text
    """City, e.g. 'Santiago'."""
    country: Text
    """Country, e.g. 'Chile'."""
    place: str | None = None
    """Building or room, e.g. 'ECLAC, Raúl Prebisch Conference Room'."""


class Figure(Strict):
    """A participation figure: how many of what took part."""

    count: int = Field(ge=0)
    """The number."""
    unit: Text
    """What was counted, e.g. 'participants', 'countries', 'experts'."""
    qualifier: Literal["about", "over", "more than", "approximately", "at least"] | None = None
    """Qualifier printed before the number, when the figure is not exact."""
    note: str | None = None
    """What the figure covers, e.g. 'as observers'."""


class Amount(Strict):
    """A sum of money named in an item."""

    value: float = Field(allow_inf_nan=False)
    """The amount, in units of the currency (440 billion = 440000000000)."""
    currency: Literal["USD", "EUR", "GBP", "CHF", "MXN"]
    """ISO 4217 currency code."""
    text: str | None = None
    """The amount as the document prints it, e.g. 'US$440 billion'."""


class Meeting(Strict):
    """Facts about the meeting itself."""

    title: Text
    """Full name of the meeting."""
    short_title: Text
    """Short name for lists and comparison briefs."""
    series: str | None = None
    """Series the meeting belongs to, e.g. 'GFMD'."""
    venue: Venue
    """Where it took place."""
    start: dt.date
    """First day (YYYY-MM-DD)."""
    end: dt.date | None = None
    """Last day, if it lasted more than one day."""
    organisers: list[RoleHolder] = []
    """Who organised the meeting."""
    hosts: list[RoleHolder] = []
    """Who hosted it."""
    chairs: list[RoleHolder] = []
    """Who chaired it."""
    co_chairs: list[RoleHolder] = []
    """Who co-chaired it."""
    rapporteurs: list[RoleHolder] = []
    """Who reported on it."""
    supporters: list[RoleHolder] = []
    """Who supported it (funding, collaboration)."""
    participation: list[Figure] = []
    """Participation figures."""
    objectives: list[Text] = []
    """Objectives of the meeting, as stated."""

    @model_validator(mode="after")
    def _end_after_start(self) -> Meeting:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end date {self.end} is before start date {self.start}")
        return self
