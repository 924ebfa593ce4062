"""List items of a meeting and their references, as briefs print them.

Every item printed in a brief carries a reference that finds it in the meeting's own document:
meeting id, section (its label as printed, or its heading), and the item's number or letter as
printed in its list ("hld2013, H, (ii)"); items of bulleted lists, which print no number, are
counted within their section by kind ("gfmd2010, Roundtable 1, recommendation 3"); an item of a
list nested in another item adds its own marker to its parent's ("fibemyd2008, Session I:
Remittances sent by Migrants, f) (3)"). Paragraph blocks that name countries are counted within
their section ("hld2013, Annex 2, paragraph 3"), for the country view.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..content import schema
from ..render.markup import paragraphs, plain
from ..content.model import Meeting
from ..render.environment import Footnotes
from ..render.markers import list_marker
from ..render.sentences import Gist, gist
from ..render.summary import lead_in

log = logging.getLogger(__name__)

ITEM_KINDS = ("conclusions", "recommendations", "messages", "points", "decisions")
"""List kinds whose items a brief compares (and counts in the overview matrix)."""
KIND_HEADINGS = {"conclusions": "Conclusions", "recommendations": "Recommendations", "messages": "Messages", "points": "Points",
                 "decisions": "Decisions"}
SINGULAR = {"conclusions": "conclusion", "recommendations": "recommendation", "messages": "message",
            "points": "point", "items": "item", "calendar": "entry", "decisions": "decision",
            "preambular": "preambular paragraph"}

# --------------------------------------------------------------------------- item references


def section_name(section: schema.Section) -> str | None:
    """A section as a reference names it: its label as printed (without a closing full stop), else its heading."""
    if section.label:
        return section.label.strip().removesuffix(".")
    if section.heading:
        return plain(section.heading)
    return None


@dataclass(frozen=True)
class ItemRef:
    """One list item of a meeting, with where it is printed."""

    meeting: Meeting
    section: schema.Section
    where: str
    marker: str
    kind: str
    item: schema.ListItem
    block: schema.ListBlock
    lead_in: str | None = None
    """The sentence that introduces the item's list ("The main points of the discussion were:"),
    which a brief prints with it: the paragraph before the list, or the parent item's text,
    when it ends with a colon."""

    @property
    def reference(self) -> str:
        return f"{self.meeting.id}, {self.where}, {self.marker}"

    @property
    def anchor(self) -> str:
        """The id of the item's full text in a brief's annex (--full)."""
        return anchor_for(self.reference)

    @property
    def gist(self) -> Gist:
        return gist(self.item)

    def gist_html(self) -> Markup:
        """The gist as printed: lead in bold, then the `gist:` or first sentence."""
        md = Footnotes.for_meeting(self.meeting)
        text = md(self.gist.text)
        return Markup("<strong>{}</strong> {}").format(md(self.item.lead), text) if self.item.lead else text

    @property
    def themes(self) -> list[str]:
        return self.item.themes

    def names(self, country: str) -> bool:
        return country.casefold() in {c.casefold() for c in self.item.countries}

    def paragraphs(self) -> list[Markup]:
        """The item as printed: lead and text, then the paragraphs and plain sub-lists of `more`."""
        md = Footnotes.for_meeting(self.meeting)
        paras = [md(p) for p in paragraphs(self.item.text)]
        if self.item.lead and paras:
            paras[0] = Markup("<strong>{}</strong> {}").format(md(self.item.lead), paras[0])
        for block in self.item.more:
            if isinstance(block, str):
                paras += [md(p) for p in paragraphs(block)]
            elif isinstance(block, schema.ListBlock) and block.kind not in ITEM_KINDS:
                paras += [Markup("– {}").format(md(sub.text)) for sub in block.items]
        return paras


def _list_items(meeting: Meeting, section: schema.Section, where: str, block: schema.ListBlock,
                prefix: str, bullets: dict[str, int], introduced: str | None = None) -> Iterator[ItemRef]:
    for index, item in enumerate(block.items):
        if not block.numbered:
            bullets[block.kind] = bullets.get(block.kind, 0) + 1
            marker = f"{SINGULAR[block.kind]} {bullets[block.kind]}"
        else:
            marker = list_marker(block.list, block.start + index)
        marker = f"{prefix} {marker}" if prefix else marker
        yield ItemRef(meeting, section, where, marker, block.kind, item, block, introduced)
        nested_bullets: dict[str, int] = {}  # bulleted sub-lists are counted within their item
        before: object = item.text
        for sub in item.more:
            if isinstance(sub, schema.ListBlock):
                yield from _list_items(meeting, section, where, sub, marker, nested_bullets, lead_in(before))
            before = sub


def named_sections(meeting: Meeting) -> Iterator[tuple[str, schema.Section]]:
    """Every section and annex with the name references give it: its label, else its heading,
    shortened to the words before a colon when those name no other section ('Session I'); a
    continuation takes its parent's name."""
    sections = list(meeting.sections())
    owns = [section_name(section) for _, section in sections]
    shorts = [_short(own) if own and not section.label else own for own, (_, section) in zip(owns, sections)]
    names: dict[str, str] = {}
    for (trail, section), own, short in zip(sections, owns, shorts):
        if own is not None and short != own and shorts.count(short) == 1 and short not in owns:
            own = short
        where = own if own is not None else next((names[s] for s in reversed(trail) if s in names), section.id)
        names[section.id] = where
        yield where, section


def _short(heading: str) -> str:
    """A heading's name before its colon ('Session I: Remittances sent by Migrants' -> 'Session I')."""
    head, colon, _ = heading.partition(":")
    return head.strip() if colon and head.strip() else heading


def meeting_items(meeting: Meeting) -> list[ItemRef]:
    """Every list item of the meeting (body and annexes, nested lists included), in document order."""
    items: list[ItemRef] = []
    for where, section in named_sections(meeting):
        bullets: dict[str, int] = {}
        before: object = None
        for block in section.blocks:
            if isinstance(block, schema.ListBlock):
                items.extend(_list_items(meeting, section, where, block, "", bullets, lead_in(before)))
            before = block
    return items


def anchor_for(reference: str) -> str:
    """An HTML id (and Word bookmark) for a reference, short enough for Word's 40-character
    bookmark names and unique: 'item-' and a digest of the reference."""
    return "item-" + hashlib.sha1(reference.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph block that names countries (`- paragraph:` with `countries:`), with where it is printed."""

    meeting: Meeting
    section: schema.Section
    where: str
    number: int
    block: schema.TaggedParagraph

    @property
    def reference(self) -> str:
        return f"{self.meeting.id}, {self.where}, paragraph {self.number}"

    @property
    def anchor(self) -> str:
        return anchor_for(self.reference)

    @property
    def themes(self) -> list[str]:
        return []

    @property
    def gist(self) -> Gist:
        return gist(self.block)

    def gist_html(self) -> Markup:
        return Footnotes.for_meeting(self.meeting)(self.gist.text)

    def names(self, country: str) -> bool:
        return country.casefold() in {c.casefold() for c in self.block.countries}

    def paragraphs(self) -> list[Markup]:
        md = Footnotes.for_meeting(self.meeting)
        return [md(p) for p in paragraphs(self.block.paragraph)]


def meeting_paragraphs(meeting: Meeting) -> list[ParagraphRef]:
    """Every paragraph block of the meeting that names countries (body and annexes), numbered as
    printed within its section: the paragraphs of text, interventions and floor debate, counted
    across the parts that share the section's name."""
    counts: dict[str, int] = {}
    found: list[ParagraphRef] = []
    for where, section in named_sections(meeting):
        for block in section.blocks:
            if isinstance(block, str):
                counts[where] = counts.get(where, 0) + len(paragraphs(block))
            elif isinstance(block, (schema.Intervention, schema.FloorDebate)):  # printed as paragraphs too
                text = block.text if isinstance(block, schema.Intervention) else block.floor_debate
                counts[where] = counts.get(where, 0) + len(paragraphs(text))
            elif isinstance(block, schema.TaggedParagraph):
                counts[where] = counts.get(where, 0) + 1
                found.append(ParagraphRef(meeting, section, where, counts[where], block))
                counts[where] += len(paragraphs(block.paragraph)) - 1
    return found


def compared_items(meeting: Meeting) -> list[ItemRef]:
    """The items a brief compares: conclusions, recommendations, messages and points with themes."""
    return [r for r in meeting_items(meeting) if r.kind in ITEM_KINDS and r.item.themes]


def home_theme(ref: ItemRef, selected: Sequence[str]) -> str | None:
    """The theme an item is printed under: its first theme among those of the brief."""
    return next((t for t in ref.themes if t in selected), None)


def reference_index(meeting: Meeting) -> dict[str, ItemRef]:
    """Every item of the meeting by its printed reference."""
    return {r.reference: r for r in meeting_items(meeting)}
