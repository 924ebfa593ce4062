"""Word styles the DOCX writer uses, with the look they get when the reference document lacks them.

templates/reference.docx is made from these definitions (tools/make_reference_docx.py) and can
then be restyled in Word; the writer only adds a style the reference document does not have.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import ooxml
from ..style.measures import Measures, points

log = logging.getLogger(__name__)

FONT = "Times New Roman"


@dataclass(frozen=True)
class StyleSpec:
    name: str
    what: str = ""  # what the style controls, for docs/templates.md
    base: str = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None  # print.css text-decoration: underline
    caps: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    space_before: float | None = None
    space_after: float | None = None
    keep_with_next: bool | None = None
    keep_together: bool | None = None  # the paragraph's lines on one page (print.css break-inside: avoid)
    line: float | None = None  # minimum line height in points (print.css line-height x font size)
    indent: tuple[float, float] | None = None  # left and right indent in centimetres
    line_spacing: float | None = None  # exact, in points
    color: str | None = None  # text colour as six hex digits (a house's print.css color), e.g. 1f4e79
    letter_spacing: float | None = None  # extra space between letters in points (print.css letter-spacing)
    kerning: float | None = None  # pair kerning from this size up, in points (the PDF kerns every size)
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH


J, C, L, R = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT


def toc_specs(measures: Measures) -> tuple[StyleSpec, StyleSpec]:
    """The contents entries' styles: their end indent and the second level's start indent are the
    house's measures (house.yaml contents_inset, contents_indent), as the PDF's entries have them."""
    inset, indent = (points(measures.contents_inset) * 2.54 / 72, points(measures.contents_indent) * 2.54 / 72)
    return (StyleSpec("TOC 1", "contents entries (the page number sits on a right tab at the margin)", align=L, space_after=7.7,
                      indent=(0, round(inset, 4))),
            StyleSpec("TOC 2", "second-level contents entries", align=L, space_after=7.7, indent=(round(indent, 4), round(inset, 4))))

# Sizes, spacing and line heights are those of templates/print.css (1em = 11pt, line-height 1.3),
# so that the DOCX breaks its pages where the PDF does. Built-in styles are restyled to match.
# Space before and after are the CSS margins: LibreOffice, like CSS, keeps the larger of a
# paragraph's space after and the next one's space before.
# Headings are kept with the next paragraph and never split across pages, as the PDF's headings are
# (WeasyPrint's h1-h6: break-after and break-inside avoid): with keep-with-next alone, Word may split
# a heading of four lines two and two, leaving the heading above it and half of it at the foot of the page.
SPECS: tuple[StyleSpec, ...] = (
    # Kerning: WeasyPrint kerns pairs such as "Te"; Word and LibreOffice kern only where asked, and
    # unkerned lines are wider, so they broke one word earlier and pages drifted apart.
    StyleSpec("Normal", "base of every paragraph style: font (Times New Roman), size, line height, kerning",
              base="", size=11, line=14.3, kerning=1),
    StyleSpec("Body Text", "running text: justified paragraphs", align=J, space_after=8.25),
    StyleSpec("Heading 1", "chapter and annex headings: centred bold capitals, kept with the next paragraph",
              size=11, bold=True, caps=True, align=C, space_before=22, space_after=13.2, keep_with_next=True, keep_together=True,
              indent=(1.5, 1.5)),
    StyleSpec("Heading 2", "section headings: bold, left", size=11, bold=True, align=L, space_before=16.5, space_after=8.8,
              keep_with_next=True, keep_together=True),
    StyleSpec("Heading 3", "sub-section headings: italic", size=11, bold=False, italic=True, space_before=13.2, space_after=6.6,
              keep_with_next=True, keep_together=True),
    StyleSpec("Heading 4", "fourth-level headings: underlined", size=11, bold=False, italic=False, underline=True,
              space_before=13.2, space_after=6.6, keep_with_next=True, keep_together=True),
    StyleSpec("Masthead", "the block at the top right of the first page (Distr., symbol, date, languages)", size=11, align=L, space_after=0, line=14.85),
    StyleSpec("Masthead Issuer", "the issuing body at the top left of the first page", size=20, bold=True, align=L, space_after=0,
              letter_spacing=1),  # print.css .masthead .issuer: letter-spacing 1pt
    StyleSpec("Draft Line", "the 'Draft — date' line under the masthead (--draft)", bold=True, align=R, space_before=6, space_after=0),
    # The first page's lines (cover, title block): their type here; their spacing, side indents and
    # line heights are house measures (house.yaml `lines`, style/measures.py) that the writer sets on
    # each paragraph, as the PDF's CSS has them, and a brief's title and subtitle its looks
    # (style/brief_looks.py, in templates/compare/reference.docx).
    StyleSpec("Cover Line", "lines above the title on the cover (meeting, place and dates)", align=C),
    StyleSpec("Document Title", "the title on the cover or in the title block", size=11, bold=True, caps=True, align=C),
    StyleSpec("Document Subtitle", "lines under the title", align=C),
    StyleSpec("Document Kind", "the kind line (Rapporteur's report)", align=C),
    StyleSpec("Contents Heading", "CONTENTS over the contents page", bold=True, align=C, space_after=16.5),
    StyleSpec("Contents Page", "the 'Page' line over the page numbers", italic=True, align=R, space_after=8.8),
    *toc_specs(Measures()),
    StyleSpec("Centered", "centred lines (the agenda's title and dates)", align=C, space_after=8.25),
    StyleSpec("Dateline", "the closing place and date", align=R, space_before=22, space_after=8.25),
    StyleSpec("Caption", "table captions", bold=True, align=C, space_after=8.25),
    StyleSpec("List Paragraph", "numbered and bulleted items", align=J, space_after=5.5),
    StyleSpec("List Compact", "compact lists (a brief's items): dash in a narrow hanging indent", size=9, align=L, space_after=1, line_spacing=10),
    StyleSpec("Group Heading", "group headings inside a brief's cells", size=9.5, align=L, space_before=4, space_after=1, keep_with_next=True),
    StyleSpec("Note", "notes under a table or figure", size=9, italic=True, align=L, space_after=4, line_spacing=10),
    StyleSpec("Table Text", "text in table cells", size=10, align=L, space_after=3, line=13),
    StyleSpec("Header", "the running header (document symbol)", size=10, align=R, space_after=0),
    StyleSpec("Footer", "the page number at the foot", size=10, align=C, space_after=0),
    StyleSpec("Job Number", "the job number at the foot of the first page", size=8, align=L, space_after=0, line=10.4),
    StyleSpec("Footnote Text", "footnotes", size=9, align=J, space_after=0, line=10.8),
    StyleSpec("Footnote Reference", "the footnote call", kind=WD_STYLE_TYPE.CHARACTER),
    # house styles (issue 8): masthead tables and first-page lines of the un, oas and plain houses
    StyleSpec("Masthead Top", size=11, align=L, space_after=0),
    StyleSpec("Masthead Organ", size=18, bold=True, align=L, space_before=4, space_after=4),
    StyleSpec("Masthead Symbol", size=14, align=L, space_after=0),
    StyleSpec("Masthead Chain", size=10, bold=True, caps=True, align=L, space_after=0),
    StyleSpec("Masthead Organisation", size=14, bold=True, align=C, space_after=0, line=18.2),  # plain print.css: 14 pt in 1.3 lines, no margin
    StyleSpec("Meeting Line", align=C),  # print.css: .title-block p { text-align: center } (un: left)
    StyleSpec("Agenda Item Line", align=L),
    StyleSpec("Agenda Item Title", bold=True, align=L),
    StyleSpec("Document Headline", size=16, bold=True, align=L),
    StyleSpec("Document Theme", bold=True, align=C),  # print.css .title-block .theme
    StyleSpec("Translation Note", size=10, italic=True, align=C),
)


def _set_font(style: object, name: str) -> None:
    """Set a style's font, dropping theme fonts (which Word and LibreOffice prefer to a named one)."""
    style.font.name = name  # type: ignore[attr-defined]
    rpr = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts is not None and fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    if fonts is not None:
        fonts.set(qn("w:cs"), name)


def ensure_styles(document: DocxDocument, *, restyle: bool = False) -> None:
    """Add the styles the writer needs; with restyle=True, also apply our look to existing ones."""
    restyle_with(document, [spec for spec in SPECS if restyle or spec.name not in [s.name for s in document.styles]])


def set_defaults(document: DocxDocument) -> None:
    """The document defaults (w:docDefaults) from the shared look: no space around a paragraph, as
    CSS gives none unless a rule does, and Normal's line height. python-docx's blank document
    gives 10 pt after and 1.15 lines to any style that sets no spacing of its own."""
    normal = next(spec for spec in SPECS if spec.name == "Normal")
    ppr = ooxml.default_paragraph_properties(document)
    spacing = ppr.get_or_add_spacing()  # in the schema's place among the paragraph properties
    spacing.attrib.clear()
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round((normal.line or 0) * 20)))
    spacing.set(qn("w:lineRule"), "atLeast")


def restyle_with(document: DocxDocument, specs: list[StyleSpec]) -> None:
    """Give each named style the look its spec sets (adding the style if the document lacks it)."""
    styles = document.styles
    for spec in specs:
        exists = spec.name in [s.name for s in styles]
        style = styles[spec.name] if exists else styles.add_style(spec.name, spec.kind)
        if spec.kind == WD_STYLE_TYPE.CHARACTER:
            style.font.superscript = True
            continue
        if spec.base and not exists:
            style.base_style = styles[spec.base]
        font = style.font
        if spec.name == "Normal" or spec.name.startswith("Heading"):
            _set_font(style, FONT)
        if spec.name.startswith("Heading"):
            font.color.rgb = RGBColor(0, 0, 0)
        if spec.color is not None:
            font.color.rgb = RGBColor.from_string(spec.color.lstrip("#").upper())
        if spec.size is not None:
            font.size = Pt(spec.size)
        if spec.bold is not None:
            font.bold = spec.bold
        if spec.italic is not None:
            font.italic = spec.italic
        if spec.underline is not None:
            font.underline = spec.underline
        if spec.caps is not None:
            font.all_caps = spec.caps
        if spec.letter_spacing is not None:
            run_property(style.element.get_or_add_rPr(), "w:spacing", round(spec.letter_spacing * 20))  # twentieths of a point
        if spec.kerning is not None:
            run_property(style.element.get_or_add_rPr(), "w:kern", round(spec.kerning * 2))  # half-points
        fmt = style.paragraph_format
        if spec.align is not None:
            fmt.alignment = spec.align
        if spec.space_before is not None:
            fmt.space_before = Pt(spec.space_before)
        if spec.space_after is not None:
            fmt.space_after = Pt(spec.space_after)
        if spec.keep_with_next is not None:
            fmt.keep_with_next = spec.keep_with_next
        if spec.keep_together is not None:
            fmt.keep_together = spec.keep_together
        if spec.indent is not None:
            fmt.left_indent, fmt.right_indent = Cm(spec.indent[0]), Cm(spec.indent[1])
        if spec.line is not None:
            fmt.line_spacing = Pt(spec.line)
            fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST  # larger type (the issuer) still gets room
        if spec.name == "Normal":
            fmt.widow_control = True  # no single line of a paragraph alone at the top or foot of a page
        if spec.line_spacing is not None:
            fmt.line_spacing = Pt(spec.line_spacing)


def run_property(rpr: Any, tag: str, value: int) -> None:
    """A run property python-docx has no API for (w:spacing, w:kern), in a style's or a run's
    w:rPr, after the elements the schema puts before it."""
    for old in rpr.findall(qn(tag)):
        rpr.remove(old)
    element = OxmlElement(tag)
    element.set(qn("w:val"), str(value))
    order = ("spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
             "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
    later = {qn(f"w:{t}") for t in order[order.index(tag.removeprefix("w:")) + 1:]}
    follower = next((c for c in rpr if c.tag in later), None)
    if follower is not None:
        follower.addprevious(element)
    else:
        rpr.append(element)
