"""Word styles the DOCX writer uses, with the look they get when the reference document lacks them.

templates/reference.docx is made from these definitions (bench/make_reference_docx.py) and can
then be restyled in Word; the writer only adds a style the reference document does not have.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

log = logging.getLogger(__name__)

FONT = "Times New Roman"


@dataclass(frozen=True)
class StyleSpec:
    name: str
    base: str = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    space_before: float | None = None
    space_after: float | None = None
    keep_with_next: bool | None = None
    line_spacing: float | None = None  # exact, in points
    kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH


J, C, L, R = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT

# Built-in styles are restyled (size, alignment) so the document reads like a UN document.
SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", base="", size=11),
    StyleSpec("Body Text", align=J, space_after=8),
    StyleSpec("Heading 1", size=11, bold=True, caps=True, align=C, space_before=18, space_after=12, keep_with_next=True),
    StyleSpec("Heading 2", size=11, bold=True, align=L, space_before=12, space_after=8, keep_with_next=True),
    StyleSpec("Heading 3", size=11, bold=False, italic=True, space_before=10, space_after=6, keep_with_next=True),
    StyleSpec("Heading 4", size=11, bold=False, italic=False, space_before=8, space_after=6, keep_with_next=True),
    StyleSpec("Masthead", size=11, align=L, space_after=0),
    StyleSpec("Masthead Issuer", size=20, bold=True, align=L, space_after=0),
    StyleSpec("Cover Line", align=C, space_after=6),
    StyleSpec("Document Title", size=11, bold=True, caps=True, align=C, space_before=48, space_after=24),
    StyleSpec("Document Subtitle", align=C, space_after=12),
    StyleSpec("Document Kind", align=C, space_before=36, space_after=12),
    StyleSpec("Contents Heading", bold=True, align=C, space_after=18),
    StyleSpec("Contents Page", italic=True, align=R, space_after=6),
    StyleSpec("TOC 1", align=L, space_after=6),
    StyleSpec("TOC 2", align=L, space_after=4),
    StyleSpec("Centered", align=C, space_after=6),
    StyleSpec("Dateline", align=R, space_before=24),
    StyleSpec("Caption", bold=True, align=C, space_after=6),
    StyleSpec("List Paragraph", align=J, space_after=6),
    StyleSpec("List Compact", size=9, align=L, space_after=1, line_spacing=10),
    StyleSpec("Group Heading", size=9.5, align=L, space_before=4, space_after=1, keep_with_next=True),
    StyleSpec("Note", size=9, italic=True, align=L, space_after=4, line_spacing=10),
    StyleSpec("Table Text", size=10, align=L, space_after=2),
    StyleSpec("Footnote Text", size=9, align=J, space_after=0),
    StyleSpec("Footnote Reference", kind=WD_STYLE_TYPE.CHARACTER),
    StyleSpec("Watermark", size=48, bold=True, align=C),
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
    styles = document.styles
    for spec in SPECS:
        exists = spec.name in [s.name for s in styles]
        if exists and not restyle:
            continue
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
        if spec.size is not None:
            font.size = Pt(spec.size)
        if spec.bold is not None:
            font.bold = spec.bold
        if spec.italic is not None:
            font.italic = spec.italic
        if spec.caps is not None:
            font.all_caps = spec.caps
        fmt = style.paragraph_format
        if spec.align is not None:
            fmt.alignment = spec.align
        if spec.space_before is not None:
            fmt.space_before = Pt(spec.space_before)
        if spec.space_after is not None:
            fmt.space_after = Pt(spec.space_after)
        if spec.keep_with_next is not None:
            fmt.keep_with_next = spec.keep_with_next
        if spec.line_spacing is not None:
            fmt.line_spacing = Pt(spec.line_spacing)
