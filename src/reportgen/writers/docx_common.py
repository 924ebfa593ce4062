"""What the parts of the DOCX writer share: inline formatting state, containers, names."""

from __future__ import annotations

import base64
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..style.measures import Margins, points

INLINE = {"strong", "em", "sup", "sub", "a", "br", "span", "ins", "del", "img"}
PARAGRAPH_STYLES = {
    "para": "Body Text",
    "issuer": "Masthead Issuer",
    "cover-line": "Cover Line",
    "title": "Document Title",
    "subtitle": "Document Subtitle",
    "kind": "Document Kind",
    "dateline": "Dateline",
    "toc-head": "Contents Heading",
    "toc-page": "Contents Page",
    "toc-1": "TOC 1",
    "toc-2": "TOC 2",
    "bio-name": "Body Text",
    "caption": "Caption",
    "centered": "Centered",
    # house styles (issue 8)
    "mh-top": "Masthead Top",
    "mh-organ": "Masthead Organ",
    "mh-symbol": "Masthead Symbol",
    "mh-line": "Masthead",
    "mh-chain": "Masthead Chain",
    "mh-organisation": "Masthead Organisation",
    "mh-logo": "Masthead Organisation",
    "meeting-line": "Meeting Line",
    "agenda-item": "Agenda Item Line",
    "agenda-title": "Agenda Item Title",
    "headline": "Document Headline",
    "theme": "Document Theme",
    "translation-note": "Translation Note",
    "job-number": "Job Number",
    "draft-line": "Draft Line",
    "figure": "Centered",
    "group-head": "Group Heading",
    "note": "Note",
}
SPACE = re.compile(r"\s+")
# LibreOffice needs a little more room than WeasyPrint to set the same words on one line (0.1-0.2 pt
# on a 436 pt line): the Word file's text area is this many twips wider than the PDF's, taken from
# the end margin (the right; the left in a right-to-left language), so that a line the PDF fills to the last hundredth of a point is one line in
# Word too. Chosen by counting, over every document of the parity check, the line ends that differ
# for each candidate: 0: 82, 1: 49, 2: 39, 3: 49, 4: 57, 6: 93, 8: 124 (docs/templates.md).
MEASURE_ALLOWANCE_TWIPS = 2


def remember_style_ids(document: Any) -> None:
    """Look each style name up once per document.

    python-docx resolves a style name by scanning every style of the document on each
    `add_paragraph(style=...)` and `run.style = ...` (about 70 % of the DOCX time); the answer
    never changes while we write, so the document part keeps it. Header, footer and footnote
    parts ask the document part, so they share the memo.
    """
    part = document.part
    lookup = part.get_style_id
    memo: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in memo:
            memo[key] = lookup(style_or_name, style_type)
        return memo[key]

    part.get_style_id = get_style_id


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits and underscores, at most 40."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return ("_" + name if not name[:1].isalpha() else name)[:40]


def set_page_margins(document: Any, margins: Margins, direction: str = "ltr", allowance: int = MEASURE_ALLOWANCE_TWIPS) -> None:
    """Every section of the document gets the house's page margins (house.yaml page_margins, the
    PDF's @page), the start side on the right in a right-to-left language (Word's w:pgMar is left and
    right on the page), and a text area `allowance` twips wider at the end (a reference document, whose
    styles Word users edit, has the margins as given: allowance 0)."""
    top, right, bottom, left = (round(points(side) * 20) for side in margins.physical(direction))
    if direction == "rtl":
        left -= allowance
    else:
        right -= allowance
    for section in document.sections:
        section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (
            Twips(top), Twips(right), Twips(bottom), Twips(left))


def shrink(p: Paragraph, size: float) -> None:
    """Set every run of the paragraph (hyperlinks included) in `size` points, with no space around
    it: the cells of a brief's table of counts."""
    p.paragraph_format.space_after = p.paragraph_format.space_before = Pt(0)
    for run in p._p.iter(qn("w:r")):
        Run(run, p).font.size = Pt(size)


def hairline(p: Paragraph) -> Paragraph:
    """Make `p` a 1 pt paragraph with no space around it: what carries a page break, or opens the
    document, before a table (a table cannot carry a break, and LibreOffice sets a table that
    opens the document about a line low) without taking a line of the page."""
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    return p


def style_chain(style: Any) -> list[Any]:
    """A style and the styles it is based on, nearest first: where Word looks for a value the style leaves unset."""
    chain = []
    while style is not None:
        chain.append(style)
        style = style.base_style
    return chain


def classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


@dataclass
class Fmt:
    bold: bool = False
    italic: bool = False
    sup: bool = False
    sub: bool = False
    untranslated: bool = False  # original text in a language edition: highlighted


class Container:
    """Where paragraphs and tables go: the document body or a table cell."""

    def __init__(self, target: Any, reuse_first: bool = False) -> None:
        self.target = target
        self._reuse = reuse_first

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self._reuse:
            self._reuse = False
            p = self.target.paragraphs[0]
            if style:
                p.style = style
            return p
        return self.target.add_paragraph(style=style)


def image_bytes(src: str) -> bytes:
    """The bytes of an image given as a data: URI, base64 or percent-encoded (the contract allows no other)."""
    header, _, payload = src.partition(",")
    return base64.b64decode(payload) if header.endswith(";base64") else urllib.parse.unquote_to_bytes(payload)


def set_sides(p: Paragraph, sides: dict[str, str]) -> None:
    """A line's space above and below, its side indents and its line height, as given (house.yaml
    `lines`: the PDF's margins and line-height; no style's value left). The height is Word's "at
    least": larger type than the house planned for (another script's font) still gets room."""
    fmt = p.paragraph_format
    for side, attribute in (("before", "space_before"), ("after", "space_after"), ("left", "left_indent"), ("right", "right_indent")):
        if side in sides:
            setattr(fmt, attribute, Pt(points(sides[side])))
    if "height" in sides:
        fmt.line_spacing, fmt.line_spacing_rule = Pt(points(sides["height"])), WD_LINE_SPACING.AT_LEAST
