"""What happened at the meeting, as the formulaic chapters of a report say it: who opened it, who
spoke at the opening, the officers elected, who attended, the adoption of the report, the closing.

Generated blocks (`- generate: organization` and the others) write their sentences from these
facts in the document's language; see docs/content.md, "Chapters written from facts"."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from .base import Id, Strict, Time, Wording
from .meeting import RoleHolder, TypedLists


class Speech(Strict):
    """Someone who opened or closed the meeting or made a statement there: a person, an office, or both."""

    person: Id | None = None
    """Id of the person."""
    office: Wording | None = None
    """Office held, as printed: with its article alone ('the Executive Secretary of ESCAP'), without it after a name; or one per language."""
    organisation: Id | None = None
    """Id of the organisation the speaker represented (printed after the name)."""
    country: str | None = None
    """Country the speaker represented (code or English name; printed after the name)."""
    on_behalf_of: RoleHolder | None = None
    """Whom the speaker spoke for, printed 'on behalf of …'."""

    @model_validator(mode="after")
    def _someone(self) -> Speech:
        if self.person is None and self.office is None:
            raise ValueError("expected a person, an office, or both")
        return self


class Opening(Strict):
    """The opening of the meeting."""

    date: dt.date | None = None
    """Day of the opening (default: the meeting's first day)."""
    time: Time | None = None
    """Time of the opening, HH:MM."""
    by: Speech | None = None
    """Who opened the meeting."""
    welcome_address: bool = False
    """The one who opened it also delivered a welcome address ('… opened the session and delivered a welcome address')."""
    statements: list[Speech] = []
    """Who made statements at the opening, in order (the one who opened it need not be repeated)."""


class Officer(Strict):
    """An officer elected by the meeting: the office, and the person, country or organisation holding it."""

    office: Literal["chair", "co-chair", "vice-chair", "rapporteur"]
    """The office; the phrase catalogue prints it in the document's language, agreeing with the holder."""
    person: Id | None = None
    """Id of the person elected (their gender, if given, decides 'la Presidenta' or 'el Presidente')."""
    country: str | None = None
    """Country elected or represented (code or English name; default: the person's country)."""
    organisation: Id | None = None
    """Id of the organisation elected or represented."""
    how: Literal["acclamation", "consensus", "vote"] | None = None
    """How the officer was elected: by acclamation, by consensus, by vote."""
    date: dt.date | None = None
    """Day of the election (default: the opening day)."""

    @model_validator(mode="after")
    def _holder(self) -> Officer:
        if not (self.person or self.country or self.organisation):
            raise ValueError("expected the person, country or organisation elected")
        return self


class Attendance(TypedLists):
    """Who attended, by category, each a list: countries by code ('CHL') or English name, organisations
    by id. Counts are derived from the lists. Without `members` and `observers`, the meeting's
    `states.participating` and `states.observers` are read instead, so States are never typed twice."""

    members: list[str] = []
    """Member States of the body that attended."""
    associate_members: list[str] = []
    """Associate members (countries or areas) that attended."""
    observers: list[str] = []
    """States that attended as observers."""
    united_nations: list[Id] = []
    """United Nations bodies, funds, programmes and Secretariat offices (organisation ids)."""
    specialized_agencies: list[Id] = []
    """Specialized agencies and related organizations (organisation ids)."""
    intergovernmental: list[Id] = []
    """Intergovernmental organizations (organisation ids)."""
    non_governmental: list[Id] = []
    """Non-governmental organizations and civil society (organisation ids)."""
    other: list[Id] = []
    """Other organisations and entities (organisation ids)."""


class ReportAdoption(Strict):
    """The adoption of the report (or of the meeting's conclusions) at the end of the meeting."""

    date: dt.date
    """Day the report was adopted."""
    amended: Literal["no", "orally", "yes"] = "no"
    """Adopted as it stood ('no'), as orally amended ('orally'), or with amendments ('yes')."""
    by: RoleHolder | None = None
    """Who adopted it, if not the meeting itself (e.g. the Rapporteur, under the Chair's authority)."""


class Closing(Strict):
    """The closing of the meeting."""

    date: dt.date | None = None
    """Day of the closing (default: the meeting's last day)."""
    time: Time | None = None
    """Time of the closing, HH:MM."""
    by: Speech | None = None
    """Who closed the meeting."""
    statements: list[Speech] = []
    """Who made closing statements, in order."""


class Proceedings(Strict):
    """The facts the formulaic chapters of a report are written from (generated blocks)."""

    opening: Opening | None = None
    """The opening: when, who opened the meeting, opening statements."""
    officers: list[Officer] = []
    """Officers elected, in the order they are printed."""
    attendance: Attendance | None = None
    """Who attended, by category."""
    report: ReportAdoption | None = None
    """The adoption of the report."""
    closing: Closing | None = None
    """The closing: when, who closed the meeting, closing statements."""
