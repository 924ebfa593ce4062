"""A briefing note's looks have one source (style/brief_looks.py): the PDF's CSS is made from it
when a brief is laid out, and templates/compare/reference.docx was made from it by
tools/make_reference_docx.py. A look changed without regenerating the reference fails here."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt

from reportgen.style import brief_looks
from reportgen.style.measures import Measures

from .conftest import REPO

def twips(length: int) -> int:
    """A length (EMU) in twentieths of a point, the unit Word keeps it in."""
    return round(length / 635)


ALIGN = {"start": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "end": WD_ALIGN_PARAGRAPH.RIGHT}


def test_the_brief_reference_document_is_made_from_the_looks() -> None:
    document = docx.Document(str(REPO / "templates" / "compare" / "reference.docx"))
    for look in brief_looks.LOOKS:
        style = document.styles[look.style]
        fmt = style.paragraph_format
        assert style.font.size == Pt(look.size), look.style
        assert twips(fmt.line_spacing) == round(look.line * 20), look.style
        assert fmt.line_spacing_rule == (WD_LINE_SPACING.EXACTLY if look.exact else WD_LINE_SPACING.AT_LEAST), look.style
        assert (twips(fmt.space_before), twips(fmt.space_after)) == (round(look.before * 20), round(look.after * 20)), look.style
        if look.align:
            assert fmt.alignment == ALIGN[look.align], look.style
        if look.indent is not None:  # in from both sides, as the CSS margins
            assert twips(fmt.left_indent) == twips(fmt.right_indent) == round(look.indent * 20), look.style
        if look.style.startswith(brief_looks.FRONT_PREFIX):  # page 1's style stands for the style it is named after
            assert style.base_style.name == look.style.removeprefix(brief_looks.FRONT_PREFIX)
    section = document.sections[0]
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert all(abs(ours - Cm(cm)) < Cm(0.01) for ours, cm in zip(margins, brief_looks.PAGE))


def test_the_pdf_gets_the_same_looks_as_css() -> None:
    css = Measures().css()  # applied after every print.css
    for look in brief_looks.LOOKS:
        rule = f"{look.selector} {{ font-size: {look.size:g}pt; line-height: {look.line:g}pt; margin-top: {look.before:g}pt; margin-bottom: {look.after:g}pt"
        assert rule in css, look.style
        if look.indent is not None:
            assert f"{look.selector} {{ {rule.split('{ ', 1)[1]}; margin-left: {look.indent:g}pt; margin-right: {look.indent:g}pt;" in css
    for table in brief_looks.TABLES:
        assert f"td, {table.selector.split(', ')[0]} th {{ padding: {table.padding[0]:g}pt {table.padding[1]:g}pt; }}" in css
    assert "@page brief-wide { size: A4 landscape; margin: " + " ".join(f"{m:g}cm" for m in brief_looks.LANDSCAPE_PAGE) in css


def test_every_value_is_in_twentieths_of_a_point() -> None:
    """Word keeps spacing and line heights in twentieths of a point: a value it would round moves
    every later line of a page a little, and a page break with them."""
    for look in brief_looks.LOOKS:
        for value in (look.line, look.before, look.after, look.end or 0):
            assert abs(value * 20 - round(value * 20)) < 1e-9, (look.style, value)
