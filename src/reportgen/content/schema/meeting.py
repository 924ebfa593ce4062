"""People, organisations, role holders and the facts of the meeting itself."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .base import Id, Line, Strict, Text, check_span
from .context import Process, Segment

# --------------------------------------------------------------------------- people and bodies


class Organisation(Strict):
    """An organisation mentioned in the meeting; referenced by id."""

    id: Id
    """Identifier used to refer to this organisation."""
    name: Line
    """Full name."""
    acronym: str | None = None
    """Acronym, e.g. 'IOM'."""
    country: str | None = None
    """Country where it is based, for national bodies."""
    part_of: Id | None = None
    """Id of the organisation this one belongs to (e.g. CELADE is part of ECLAC)."""
    category: str | None = None
    """Group it is listed under in a generated list of participants, e.g. 'United Nations system'."""
    names: dict[str, Line] = {}
    """Its name in other languages, by two-letter code, for chapters generated in them (es: Comisión Económica …)."""
    aliases: list[Line] = []
    """Other names it is known by, e.g. 'Puebla Process'; printed after its name where the name is introduced."""
    article: str | None = None
    """Article printed before the name in running text, e.g. 'the' ('Prepared by the Office of …')."""

    @property
    def name_in_text(self) -> str:
        """The name as running text prints it, with its article ('the Office of the Chair')."""
        return f"{self.article} {self.name}" if self.article else self.name


class Person(Strict):
    """A person who took part in the meeting; referenced by id everywhere else."""

    id: Id
    """Identifier used to refer to this person, e.g. 'j-martinez'."""
    name: Line | None = None
    """Full name as printed, e.g. 'Jorge Martínez Pizarro'; leave out for an official known only by post."""
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
    listed: bool = True
    """Include the person in a generated list of participants (false for people only mentioned)."""
    gender: Literal["female", "male"] | None = None
    """For agreement in generated text ('la Presidenta', 'el Presidente'); without it, the office's neutral form."""

    @model_validator(mode="after")
    def _named_or_post(self) -> Person:
        if self.name is None and self.post is None:
            raise ValueError("a person needs a name, or a post for an official known only by post")
        return self

    @property
    def display_name(self) -> str:
        """The name, else the post of an official known only by post ('the Assistant High Commissioner')."""
        return self.name or self.post or ""


class RoleHolder(Strict):
    """Who holds a role: a person, an organisation or a country, or an office held by someone unnamed.

    `office` alone names an unnamed holder ('the Chair', 'a rapporteur elected at the opening
    session'); with a person, country or organisation it names the office they held, printed
    'office (holder)'."""

    person: Id | None = None
    """Id of a person."""
    organisation: Id | None = None
    """Id of an organisation."""
    country: str | None = None
    """A country, e.g. 'Mexico'."""
    office: Line | None = None
    """An office or unnamed holder, printed as written, e.g. 'a rapporteur elected at the opening session'."""
    note: str | None = None
    """Words printed after the holder, e.g. '(Federal Office for Migration)'."""
    capacity: Literal["outgoing", "incoming", "ex officio", "acting"] | None = None
    """In what capacity the role is held, printed in brackets after the holder, e.g. '(outgoing)'."""

    @model_validator(mode="after")
    def _exactly_one(self) -> RoleHolder:
        given = [k for k in ("person", "organisation", "country") if getattr(self, k)]
        if len(given) > 1 or not (given or self.office):
            raise ValueError("expected exactly one of person, organisation or country, or an office")
        return self


class Venue(Strict):
    """Where the meeting took place."""

    id: Id | None = None
    """Identifier, for agenda days held at a further venue (venues:)."""
    city: Line
    """City, e.g. 'Santiago'."""
    country: Line
    """Country, e.g. 'Chile'."""
    place: str | None = None
    """Building or room, e.g. 'ECLAC, Raúl Prebisch Conference Room'."""


class Figure(Strict):
    """A participation figure or category: who took part, with or without how many."""

    count: int | None = Field(None, json_schema_extra={"minimum": 1})
    """The number, if known (at least 1); without it the line names a category only."""
    unit: Line
    """Who took part, e.g. 'participants', 'countries', 'representatives of member States'."""
    qualifier: Literal["about", "over", "more than", "approximately", "at least"] | None = None
    """Qualifier printed before the number, when the figure is not exact."""
    note: str | None = None
    """What the figure covers, e.g. 'as observers'."""

    @field_validator("count")
    @classmethod
    def _positive(cls, count: int | None) -> int | None:
        if count is not None and count < 1:
            raise ValueError(f"a count must be 1 or more, found {count} (leave count out when the number is not known)")
        return count


class Amount(Strict):
    """A sum of money named in an item."""

    value: float = Field(allow_inf_nan=False)
    """The amount, in units of the currency (440 billion = 440000000000)."""
    currency: Literal["USD", "EUR", "GBP", "CHF", "MXN"]
    """ISO 4217 currency code."""
    text: str | None = None
    """The amount as the document prints it, e.g. 'US$440 billion'."""


class TypedLists(Strict):
    """A record of lists, one per role or standing (States by standing, authors by role)."""

    def filled(self) -> list[tuple[str, list[Any]]]:
        """(field name, items) for each list that has items, in the order of the fields."""
        return [(name, value) for name in type(self).model_fields
                if isinstance(value := getattr(self, name), list) and value]


class States(TypedLists):
    """The States of a meeting by standing; each list holds country names as printed. Printed in the
    chair's summary, used to group the list of participants, and read by the country view of briefs."""

    members: list[Line] = []
    """Member States of the process or body."""
    participating: list[Line] = []
    """States that took part in the meeting."""
    observers: list[Line] = []
    """States that attended as observers."""
    signatories: list[Line] = []
    """States that signed or endorsed the text the meeting adopted."""
    member_count: int | None = Field(None, ge=1)
    """Number of member States the document states, when `members` names only some (10 of 11)."""

    @model_validator(mode="after")
    def _count_covers_list(self) -> States:
        if self.member_count is not None and self.member_count < len(self.members):
            raise ValueError(f"member_count {self.member_count} is less than the {len(self.members)} members listed")
        return self


class Meeting(Strict):
    """Facts about the meeting itself."""

    title: Line
    """Full name of the meeting."""
    short_title: Line
    """Short name for lists and comparison briefs."""
    series: str | None = None
    """Series the meeting belongs to, e.g. 'GFMD'."""
    venue: Venue | None = None
    """Where it took place (the main venue); leave out when the document does not say."""
    venues: list[Venue] = []
    """Further venues, in other buildings or cities; agenda days name them by id; the chair's summary lists them all."""
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
    """Participation figures, or categories of participants without a count."""
    states: States | None = None
    """Member, participating, observer and signatory States (typed lists of countries)."""
    objectives: list[Text] = []
    """Objectives of the meeting, as stated."""
    organ: Id | None = None
    """What met, for generated chapters: a key of the phrase catalogue's organs (committee, commission, conference …)."""
    session_number: int | None = Field(None, ge=1, le=99)
    """Number of the session, for generated chapters ('its first session', 'its seventy-fourth session'; spelled up to 99)."""
    segments: list[Segment] = []
    """Parts of the meeting with dates of their own (experts, then ministers); start and end span them all."""
    process: Process | None = None
    """The process or body the meeting belongs to, its theme of the year and the meeting's mandate."""

    @model_validator(mode="after")
    def _end_after_start(self) -> Meeting:
        check_span(self.start, self.end)
        return self
