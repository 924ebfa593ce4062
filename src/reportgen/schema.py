"""The content schema: what a meeting's YAML may hold.

This module is the user's reference. Every field carries a one-line docstring, which becomes
its description in the JSON Schema that `reportgen schema` exports for editors.
Text fields ("Text") hold paragraphs separated by blank lines, written in the inline Markdown
subset described in docs/content.md: *emphasis*, **strong**, [links](https://…), ^superscript^,
~subscript~ and footnote references [^id]. Raw HTML is shown as text, never passed through.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StringConstraints,
    Tag,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""Identifiers: lower-case letters, digits and hyphens, e.g. 'j-martinez'."""

Text = Annotated[str, StringConstraints(min_length=1)]


def _time_from_yaml(value: Any) -> Any:
    # YAML 1.1 reads 9:30 as the sexagesimal integer 570; give the user back the time they wrote.
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


Time = Annotated[
    str,
    BeforeValidator(_time_from_yaml),
    StringConstraints(pattern=r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"),
]

def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


ListStyle = Literal["(i)", "(a)", "a)", "i)", "1.", "(1)", "1)", "-", "none"]
"""Numbering style of a list: (i) roman, (a)/a) letters, 1./(1)/1) arabic, - bullets, none."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, str_strip_whitespace=False)

    # Set once by model.resolve(): the record an id field of this one refers to, so templates
    # never look ids up themselves. Not part of the YAML.
    _ref: Any = PrivateAttr(default=None)

    @property
    def ref(self) -> Any:
        """The resolved record this one refers to (person, organisation, session, themes)."""
        return self._ref


# --------------------------------------------------------------------------- document furniture


class Document(Strict):
    """The published document's masthead and title block."""

    issuer: str | None = None
    """Issuing body printed at the top left of the first page, e.g. 'ECLAC'."""
    symbol: str | None = None
    """Document symbol, e.g. 'LC/L.3702'; repeated in the running header."""
    distribution: str | None = None
    """Distribution, e.g. 'LIMITED' or 'GENERAL'."""
    date: dt.date | None = None
    """Date of the document (YYYY-MM-DD)."""
    language: str = "en"
    """Language the document is written in, as a two-letter code ('en', 'es')."""
    original_language: str | None = None
    """Language of the original, as a two-letter code; printed as ORIGINAL: … in the masthead."""
    kind_label: Text
    """The document's own kind line, e.g. "Rapporteur's report" or 'Conclusions'."""
    title: Text
    """Main title of the document."""
    subtitle: Annotated[list[Text], BeforeValidator(_one_or_many)] = []
    """Line (or list of lines) printed under the title."""
    cover_lines: list[Text] | None = None
    """Lines printed above the title on the cover; if not given, the meeting title, place and dates."""
    author_note: Text | None = None
    """Note on the kind line, printed as an asterisk footnote (who prepared the document)."""


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

    value: float
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


# --------------------------------------------------------------------------- body blocks


class Tagged(Strict):
    """Text that carries facts: the countries and sums of money it names."""

    countries: list[str] = []
    """Countries the text names."""
    amounts: list[Amount] = []
    """Sums of money the text names."""


class ListItem(Tagged):
    """An item of a list; conclusions and recommendations carry themes and countries."""

    text: Text
    """The item's text."""
    themes: list[Id] = []
    """Ids of themes from content/themes.yaml (compared across meetings in briefs)."""
    lead: str | None = None
    """Bold lead-in printed before the text, e.g. 'Until 30 May:'."""
    date: dt.date | None = None
    """Date the item is about (calendar items)."""
    more: list[Block] = []
    """Further paragraphs or a nested list belonging to this item."""


def _list_item(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


Item = Annotated[ListItem, BeforeValidator(_list_item)]


class ListBlock(Strict):
    """A numbered or bulleted list: `- list: "(i)"` then `items:`."""

    list: ListStyle
    """Numbering style."""
    kind: Literal["items", "conclusions", "recommendations", "messages", "points", "calendar"] = "items"
    """What the items are; conclusions, recommendations and messages are counted in briefs."""
    start: int = Field(1, ge=1)
    """Number of the first item."""
    items: list[Item] = Field(min_length=1)
    """The items."""

    @property
    def numbered(self) -> bool:
        """Whether items print a number or letter (not bullets, not bare items)."""
        return self.list not in ("-", "none")


class TaggedParagraph(Tagged):
    """A paragraph that carries facts: `- paragraph: text` with the countries or amounts it names."""

    paragraph: Text
    """The paragraph's text."""


class Intervention(Strict):
    """What one speaker said: `- intervention: person-id` then `text:`."""

    intervention: Id
    """Id of the person speaking."""
    text: Text
    """What they said (paragraphs)."""


class FloorDebate(Strict):
    """Discussion from the floor, kept apart from the speakers' interventions."""

    floor_debate: Text
    """What was said in the floor debate (paragraphs)."""


class Cell(Strict):
    """A table cell with more than text."""

    text: str = ""
    """The cell's text (paragraphs)."""
    colspan: int = Field(1, ge=1)
    """Number of columns it spans."""
    header: bool = False
    """True for a header cell."""


def _cell(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


TableCell = Annotated[Cell, BeforeValidator(_cell)]


class TableBlock(Strict):
    """A table: `- table: caption` then `columns:` and `rows:`."""

    table: str | None = None
    """Caption printed above the table, if any."""
    columns: list[str] = []
    """Header row (repeated on every page)."""
    rows: list[list[TableCell]]
    """Rows of cells."""
    landscape: bool = False
    """Print the table on landscape pages."""
    widths: list[int] = []
    """Relative column widths, e.g. [1, 2, 2]."""


class Dateline(Strict):
    """Closing place-and-date line, e.g. 'San Salvador, 13 October 2011'."""

    dateline: dt.date
    """The date."""
    place: str | None = None
    """The place."""
    weekday: bool = False
    """Print the day of the week before the date."""


class PageBreak(Strict):
    """Start a new page here."""

    page_break: Literal[True]
    """Always true."""


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "<paragraph>"
    if isinstance(value, dict):
        for key in ("paragraph", "list", "intervention", "floor_debate", "table", "dateline", "page_break"):
            if key in value:
                return "<tagged>" if key == "paragraph" else f"<{key}>"
    return None


Block = Annotated[
    Union[
        Annotated[Text, Tag("<paragraph>")],
        Annotated[TaggedParagraph, Tag("<tagged>")],
        Annotated[ListBlock, Tag("<list>")],
        Annotated[Intervention, Tag("<intervention>")],
        Annotated[FloorDebate, Tag("<floor_debate>")],
        Annotated[TableBlock, Tag("<table>")],
        Annotated[Dateline, Tag("<dateline>")],
        Annotated[PageBreak, Tag("<page_break>")],
    ],
    Discriminator(
        _block_kind,
        custom_error_type="block_kind",
        custom_error_message=(
            "expected a paragraph (text) or a mapping with one of the keys "
            "paragraph, list, intervention, floor_debate, table, dateline, page_break"
        ),
    ),
]
"""A block of a section: a paragraph (plain text) or one of the block mappings."""


class Section(Strict):
    """A section of the document: heading, blocks, subsections."""

    id: Id
    """Identifier (also the anchor for the contents and references)."""
    label: str | None = None
    """Label printed before the heading, e.g. 'A.' or '(a)'."""
    heading: str | None = None
    """Heading text; a section without one continues the text of the previous one."""
    session: Id | None = None
    """Id of the session this section reports on."""
    in_contents: bool = True
    """List this section in the table of contents (top-level sections only)."""
    blocks: list[Block] = []
    """The section's content, in order."""
    sections: list[Section] = []
    """Subsections."""


class Annex(Section):
    """An annex: a section on a new page, with generated or written content."""

    generate: Literal["biographies", "agenda"] | None = None
    """Content generated from the data: the people's biographies or the agenda."""
    original_language: str | None = None
    """Language of the annex's original, if it differs from the document's."""


class Theme(Strict):
    """A theme conclusions and recommendations are tagged with (content/themes.yaml)."""

    id: Id
    """Identifier used in `themes:` lists."""
    label: Text
    """Name of the theme."""
    scope: Text
    """One line saying what the theme covers."""


class ThemesFile(Strict):
    """content/themes.yaml: the shared list of themes."""

    themes: list[Theme]
    """The themes."""


class MeetingFile(Strict):
    """content/<id>/meeting.yaml (with the files it includes): one meeting."""

    include: list[str] = []
    """Further files of this folder whose top-level keys are merged in, in order."""
    document: Document
    """The published document's masthead and title block."""
    meeting: Meeting
    """Facts about the meeting."""
    organisations: list[Organisation] = []
    """Organisations, each once."""
    people: list[Person] = []
    """People, each once."""
    sessions: list[Session] = []
    """Sessions, in order."""
    agenda: Agenda | None = None
    """The agenda."""
    footnotes: dict[Id, Text] = {}
    """Footnote texts by id; cite them in text as [^id]. Numbered in order of first use."""
    body: list[Section]
    """The document's sections, in order."""
    annexes: list[Annex] = []
    """Annexes, in order."""


ListItem.model_rebuild()
Section.model_rebuild()
Annex.model_rebuild()
MeetingFile.model_rebuild()
