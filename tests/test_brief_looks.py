"""A briefing note's looks have one source (style/brief_looks.py): the PDF's CSS is made from it
when a brief is laid out, and templates/compare/reference.docx was made from it by
tools/make_reference_docx.py. A look changed without regenerating the reference fails here."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from reportgen.cli import main
from reportgen.style import brief_looks
from reportgen.style.measures import Measures

from .conftest import REPO
from .parity import PT_PER_MM, pages

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
    for table in brief_looks.TABLES:
        assert f"td, {table.selector.split(', ')[0]} th {{ padding: {table.padding[0]:g}pt {table.padding[1]:g}pt; }}" in css
    assert "@page brief-wide { size: A4 landscape; margin: " + " ".join(f"{m:g}cm" for m in brief_looks.LANDSCAPE_PAGE) in css


def test_every_value_is_in_twentieths_of_a_point() -> None:
    """Word keeps spacing and line heights in twentieths of a point: a value it would round moves
    every later line of a page a little, and a page break with them."""
    for look in brief_looks.LOOKS:
        for value in (look.line, look.before, look.after, look.end or 0):
            assert abs(value * 20 - round(value * 20)) < 1e-9, (look.style, value)


# ----------------------------------------------------------------------------- the annex of full texts


@pytest.fixture(scope="module")
def full_brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The remittances brief with its annex of full texts (--full), as PDF and DOCX."""
    out = tmp_path_factory.mktemp("full-brief")
    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", "--brief", "remittances", "--full",
                                       "--date", "2026-12-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {path.suffix[1:]: path for path in map(Path, result.output.split())}


def test_the_full_texts_have_the_same_size_and_spacing_in_both(full_brief: dict[str, Path]) -> None:
    """The annex's paragraphs (p.para) are the look "Body Text" in both: 9.5 pt on 11.6 pt lines,
    3.8 pt apart (Word set them in the compare reference's 11 pt Body Text, 8.25 pt apart: the annex
    ran a page longer in Word)."""
    look = brief_looks.look("Body Text")
    assert look is not None and look.selector.endswith("p.para") and f"{look.selector} {{ font-size: 9.5pt" in Measures().css()
    document = docx.Document(str(full_brief["docx"]))
    annex = [p for p in document.paragraphs if p.text.startswith("[fibemyd2008, ")]
    assert len(annex) > 5 and {p.style.name for p in annex} == {"Body Text"}
    style = document.styles["Body Text"]
    assert style.font.size == Pt(look.size) and twips(style.paragraph_format.line_spacing) == round(look.line * 20)
    assert style.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert twips(style.paragraph_format.space_after) == round(look.after * 20)
    assert all(p.paragraph_format.line_spacing is None and p.paragraph_format.space_after is None for p in annex)
    # the PDF: the lines of one paragraph 11.6 pt apart, a paragraph's first line 11.6 + 3.8 pt below the last of the one before
    lines = [line for page in pages(full_brief["pdf"]) for line in page]
    lines = lines[next(i for i, line in enumerate(lines) if line.text == "FULL TEXTS OF THE ITEMS"):]
    starts = [i for i, line in enumerate(lines) if line.text.startswith("[fibemyd2008, Session I, g)")]
    steps = {round((lines[i + 1].y - lines[i].y) * PT_PER_MM, 1) for i in range(starts[0], starts[-1])
             if lines[i + 1].y > lines[i].y}  # (not across a page)
    assert steps == {look.line, round(look.line + look.after, 1)}


def test_the_columns_before_the_annex_fill_in_turn_in_word(full_brief: dict[str, Path]) -> None:
    """The PDF fills the first column of the items by theme before the second and balances none
    (print.css: column-fill auto); Word balances a section's columns when the next section runs on
    below them. So the section after the columns starts the annex's new page itself (nextPage), its
    first line carries no page break of its own, and the paragraph closing the columns takes no line."""
    document = docx.Document(str(full_brief["docx"]))
    sections = list(document.sections)
    columns = next(i for i, section in enumerate(sections) if section._sectPr.find(qn("w:cols")).get(qn("w:num")) == "2")
    assert sections[columns + 1].start_type == WD_SECTION.NEW_PAGE  # was CONTINUOUS: Word balanced the columns
    closing = [p for p in document.element.body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    columns = next(i for i, p in enumerate(closing) if p.find(f".//{qn('w:cols')}").get(qn("w:num")) == "2")
    paragraph = Paragraph(closing[columns], None)
    assert paragraph.paragraph_format.line_spacing == Pt(1) and not paragraph.text
    heading = closing[columns].getnext()
    assert Paragraph(heading, None).text.upper() == "FULL TEXTS OF THE ITEMS"
    assert heading.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is None
