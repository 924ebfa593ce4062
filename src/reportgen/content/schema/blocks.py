"""Body blocks (paragraphs, lists, interventions, tables …), sections and annexes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, PrivateAttr, Tag, model_validator

from .base import (
    Language,
    MAX_LETTER_NUMBER,
    MAX_LIST_DEPTH,
    MAX_LIST_NUMBER,
    MAX_SECTION_DEPTH,
    MAX_TABLE_COLUMNS,
    Id,
    Line,
    ListStyle,
    Strict,
    Text,
)
from .meeting import Amount, RoleHolder

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
    gist: str | None = None
    """One-line summary (a whole sentence) that briefs and chair's summaries print instead of the first sentence."""
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


Item = Annotated[ListItem, BeforeValidator(_list_item, json_schema_input_type=Union[str, ListItem])]


class ListBlock(Strict):
    """A numbered or bulleted list: `- list: "(i)"` then `items:`."""

    list: ListStyle
    """Numbering style."""
    kind: Literal["items", "conclusions", "recommendations", "messages", "points", "calendar",
                  "decisions", "preambular"] = "items"
    """What the items are; conclusions, recommendations and messages are counted in briefs.
    An adopted text (declaration, resolution) is a `preambular` list (list: none; opening words,
    the `lead`, in italics) followed by a `decisions` list (its numbered operative paragraphs)."""
    start: int = Field(1, ge=1, le=MAX_LIST_NUMBER)
    """Number of the first item."""
    items: list[Item] = Field(min_length=1)
    """The items."""

    # How many lists deep this one goes (1: no list inside its items).
    _depth: int = PrivateAttr(default=1)

    @model_validator(mode="after")
    def _bounds(self) -> ListBlock:
        last = self.start + len(self.items) - 1
        limit = MAX_LETTER_NUMBER if "a" in self.list else MAX_LIST_NUMBER
        if self.numbered and last > limit:
            what = "with letters run from a to z" if limit == MAX_LETTER_NUMBER else f"run to {limit} at most"
            raise ValueError(f"lists numbered {what}; this one would reach {last}")
        inner = [b._depth for item in self.items for b in item.more if isinstance(b, ListBlock)]
        self._depth = 1 + max(inner, default=0)
        if self._depth > MAX_LIST_DEPTH:
            raise ValueError(f"lists nest at most {MAX_LIST_DEPTH} levels deep inside list items")
        return self

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
    """Id of the person speaking (or whose statement was read out)."""
    text: Text
    """What they said (paragraphs)."""
    on_behalf_of: RoleHolder | None = None
    """Whom the speaker spoke for: a person, organisation, country or office."""
    read_by: Id | None = None
    """Id of the person who read the statement out for the speaker."""


class FloorDebate(Strict):
    """Discussion from the floor, kept apart from the speakers' interventions."""

    floor_debate: Text
    """What was said in the floor debate (paragraphs)."""


class Cell(Strict):
    """A table cell with more than text."""

    text: str = ""
    """The cell's text (paragraphs)."""
    colspan: int = Field(1, ge=1, le=MAX_TABLE_COLUMNS)
    """Number of columns it spans."""
    header: bool = False
    """True for a header cell."""


def _cell(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


TableCell = Annotated[Cell, BeforeValidator(_cell, json_schema_input_type=Union[str, Cell])]


class TableBlock(Strict):
    """A table: `- table: caption` then `columns:` and `rows:`."""

    table: str | None = None
    """Caption printed above the table, if any."""
    columns: list[str] = []
    """Header row (repeated on every page)."""
    rows: list[Annotated[list[TableCell], Field(min_length=1)]] = Field(min_length=1)
    """Rows of cells."""
    landscape: bool = False
    """Print the table on landscape pages."""
    widths: list[Annotated[int, Field(ge=1, le=100)]] = []
    """Relative column widths, one whole number from 1 to 100 per column, e.g. [1, 2, 2]."""
    row_headers: bool = False
    """The first cell of each row names the row (a label column): screen readers announce it with the row."""

    @property
    def column_count(self) -> int:
        """The header row's columns, else the widest row's."""
        return len(self.columns) or max(sum(cell.colspan for cell in row) for row in self.rows)

    @model_validator(mode="after")
    def _shape(self) -> TableBlock:
        count = self.column_count
        if count > MAX_TABLE_COLUMNS:
            raise ValueError(f"a table has at most {MAX_TABLE_COLUMNS} columns; this one has {count}")
        for i, row in enumerate(self.rows):
            span = sum(cell.colspan for cell in row)
            if span > count:
                raise ValueError(f"rows[{i}] spans {span} columns, but the table has {count}")
        if self.widths and len(self.widths) != count:
            raise ValueError(f"widths gives {len(self.widths)} columns, but the table has {count}")
        return self


class Dateline(Strict):
    """Closing place-and-date line, e.g. 'San Salvador, 13 October 2011'."""

    dateline: dt.date
    """The date."""
    place: str | None = None
    """The place."""
    weekday: bool = False
    """Print the day of the week before the date."""


class Amendment(Strict):
    """An amendment to an earlier text by paragraph and line: `- amendment: doc-id` then `paragraph:`
    and what is deleted or inserted; printed 'Paragraph 12, line 3: for “…” read “…”'."""

    amendment: Id
    """Id of the document amended (documents:), e.g. the draft report."""
    paragraph: Line
    """The paragraph amended, as numbered there, e.g. '12' or '12 (b)'."""
    line: Line | None = None
    """The line of that paragraph, e.g. '3' or '3 and 4'."""
    delete: Text | None = None
    """Words deleted (or replaced, with insert:)."""
    insert: Text | None = None
    """Words inserted (in place of delete:, or after after:)."""
    after: Text | None = None
    """Words after which the insertion goes, when nothing is deleted."""

    @model_validator(mode="after")
    def _something(self) -> Amendment:
        if self.delete is None and self.insert is None:
            raise ValueError("an amendment deletes words (delete:), inserts words (insert:), or both")
        if self.after is not None and (self.delete is not None or self.insert is None):
            raise ValueError("after: places an insertion (insert:) without a deletion")
        return self


GENERATED_PARTS = ("opening", "attendance", "officers", "agenda", "documentation", "report", "closing")
"""The parts of `generate: organization`, in order; each may also be generated on its own."""


class Generate(Strict):
    """Paragraphs written from the meeting's facts in the document's language: `- generate: statements`."""

    generate: Literal["organization", "opening", "attendance", "officers", "agenda", "documentation", "report",
                      "closing", "documents-before", "statements"]
    """What to write: the whole organization chapter (organization, with its own subheadings) or one of its
    parts (opening, attendance, officers, agenda, documentation, report, closing); per agenda item
    (item:) the documents before the meeting (documents-before) or who made statements (statements)."""
    item: Id | None = None
    """Id of the agenda item, for documents-before and statements."""
    headings: bool = True
    """For organization: print a subheading before each part (A. Attendance …)."""

    @model_validator(mode="after")
    def _item(self) -> Generate:
        per_item = self.generate in ("documents-before", "statements")
        if per_item and self.item is None:
            raise ValueError(f"generate: {self.generate} needs the agenda item (item: its id)")
        if not per_item and self.item is not None:
            raise ValueError(f"generate: {self.generate} covers the whole meeting; item: is for documents-before and statements")
        return self


class PageBreak(Strict):
    """Start a new page here."""

    page_break: Literal[True]
    """Always true."""


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "<paragraph>"
    # A validated block, when the model is written out as data (the model cache): the keys it was given.
    given = value if isinstance(value, dict) else getattr(value, "model_fields_set", None)
    if given is None:
        return None
    # amendment first: an amendment names the paragraph it amends (its `paragraph:` key)
    for key in ("amendment", "paragraph", "list", "intervention", "floor_debate", "table", "dateline", "page_break", "generate"):
        if key in given:
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
        Annotated[Amendment, Tag("<amendment>")],
        Annotated[Generate, Tag("<generate>")],
    ],
    Discriminator(
        _block_kind,
        custom_error_type="block_kind",
        custom_error_message=(
            "expected a paragraph (text) or a mapping with one of the keys "
            "paragraph, list, intervention, floor_debate, table, dateline, page_break, amendment, generate"
        ),
    ),
]
"""A block of a section: a paragraph (plain text) or one of the block mappings."""


class Section(Strict):
    """A section of the document: heading, blocks, subsections."""

    id: Id
    """Identifier (also the anchor for the contents and references)."""
    label: Line | None = None
    """Label printed before the heading, e.g. 'A.' or '(a)'."""
    heading: Line | None = None
    """Heading text; a section without one continues the text of the previous one."""
    session: Id | None = None
    """Id of the session this section reports on."""
    in_contents: bool = True
    """List this section in the table of contents (top-level sections only)."""
    contents_group: Line | None = None
    """A group label printed in the contents above this section, without a page number, e.g. 'Part one'."""
    document: Id | None = None
    """Id of the document (documents:) whose text this section is, when a volume binds several or they have separate symbols; its symbol is printed under the heading."""
    blocks: list[Block] = []
    """The section's content, in order."""
    sections: list[Section] = []
    """Subsections."""

    # How many levels of sections this one holds (1: no subsections).
    _depth: int = PrivateAttr(default=1)

    @model_validator(mode="after")
    def _nesting(self) -> Section:
        self._depth = 1 + max((s._depth for s in self.sections), default=0)
        if self._depth > MAX_SECTION_DEPTH:
            raise ValueError(f"sections nest at most {MAX_SECTION_DEPTH} levels deep")
        return self


class Annex(Section):
    """An annex: a section on a new page, with generated or written content."""

    heading: Line
    """Heading text (an annex always has one: it opens a page and is listed in the contents)."""

    generate: Literal["biographies", "agenda", "participants", "documents"] | None = None
    """Content generated from the data: the people's biographies, the agenda, the list of
    participants (people grouped by country and organisation) or the list of documents."""
    original_language: Language | None = None
    """Language of the annex's original, as a two-letter code, if it differs from the document's."""
    kind: Line | None = None
    """What the annex's text is, printed under its heading, e.g. 'Statement by the Chair'."""
    author: Line | None = None
    """Who wrote or submitted the annex, printed under its heading, e.g. 'Submitted by the Government of Peru'."""
    submitted_by: list[RoleHolder] = []
    """Who submitted the annex, as role holders (countries, organisations, people); printed 'Submitted by …'."""

    @model_validator(mode="after")
    def _one_author(self) -> Annex:
        if self.author and self.submitted_by:
            raise ValueError("give the annex's author once: author: (as printed) or submitted_by: (as role holders)")
        return self


# ListItem and Section refer to Block, which is defined after them.
ListItem.model_rebuild()
Section.model_rebuild()
Annex.model_rebuild()
