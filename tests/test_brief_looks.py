"""A briefing note's looks have one source (style/brief_looks.py): the PDF's CSS is made from it
when a brief is laid out, and templates/compare/reference.docx was made from it by
tools/make_reference_docx.py. A look changed without regenerating the reference fails here."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from reportgen.cli import main
from reportgen.style import brief_looks
from reportgen.style.labels import Labels
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


# ----------------------------------------------------------------------------- a brief in Arabic


@pytest.fixture(scope="module")
def arabic_brief(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The remittances brief in Arabic (right to left; its items in English, as the meetings wrote them)."""
    out = tmp_path_factory.mktemp("arabic-brief")
    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", "--brief", "remittances", "--lang", "ar",
                                       "--date", "2026-12-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {path.suffix[1:]: path for path in map(Path, result.output.split())}


def _style_xml(document: Path, style_id: str) -> str:
    styles = zipfile.ZipFile(document).read("word/styles.xml").decode("utf-8")
    return re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S).group()


def test_a_look_has_its_size_in_every_script(arabic_brief: dict[str, Path]) -> None:
    """The looks' CSS sets the PDF's sizes over templates/labels/ar.css (13 pt Arabic text), so Word's
    complex-script size (w:szCs, the size of Arabic runs) is the look's too, and so is its line
    height: the reference gives them and the language leaves them (the size was scaled by 13/11,
    and the masthead's row grew 5 mm)."""
    reference = REPO / "templates" / "compare" / "reference.docx"
    for look in brief_looks.LOOKS:
        style_id = docx.Document(str(reference)).styles[look.style].style_id
        for document in (reference, arabic_brief["docx"]):
            xml = _style_xml(document, style_id)
            assert f'<w:szCs w:val="{round(look.size * 2)}"/>' in xml, (look.style, document.name)
            assert f'w:line="{round(look.line * 20)}"' in xml, (look.style, document.name)  # (not the language's taller lines)


def test_latin_text_of_an_arabic_brief_is_in_the_pdf_s_font(arabic_brief: dict[str, Path]) -> None:
    """The PDF sets every script in the language stylesheet's first font (Amiri has Latin letters):
    Word's defaults and styles name it for Latin, East Asian and complex-script text alike (the English
    words of the items were Times New Roman in Word, 4 % wider: lines broke elsewhere)."""
    styles = zipfile.ZipFile(arabic_brief["docx"]).read("word/styles.xml").decode("utf-8")
    fonts = re.findall(r"<w:rFonts ([^>]*)/>", styles)
    assert fonts and all(all(f'w:{slot}="Amiri"' in attrs for slot in ("ascii", "hAnsi", "eastAsia", "cs")) for attrs in fonts)
    used = {font.split("+")[-1] for page in PdfReader(str(arabic_brief["pdf"])).pages for font in _fonts(page)}
    assert {"Amiri", "Amiri-Bold", "Amiri-Italic"} <= used, used  # (Liberation Serif: the running head; the chart's own fonts)


def _fonts(page: Any) -> set[str]:
    resources = page.get("/Resources") or {}
    return {str(font.get_object()["/BaseFont"]) for font in (resources.get("/Font") or {}).values()}


def test_joined_letters_are_not_spaced_out_in_word(arabic_brief: dict[str, Path]) -> None:
    """The issuer's 1 pt letter-spacing is 0 in a right-to-left language (print-rtl.css); Word's
    styles drop their character spacing there too (it set "مذكرة إعلامية" 10 mm wider)."""
    styles = zipfile.ZipFile(arabic_brief["docx"]).read("word/styles.xml").decode("utf-8")
    assert '<w:spacing w:val="20"/>' in _style_xml(REPO / "templates" / "compare" / "reference.docx", "MastheadIssuer")
    assert not re.search(r"<w:rPr>(?:(?!</w:rPr>).)*<w:spacing w:val=", styles, re.S)


def test_a_brief_s_lines_start_at_the_start_side(arabic_brief: dict[str, Path]) -> None:
    """The notes, lists and table cells of a brief are set flush to where their language starts a
    line (print.css: text-align start), as Word's left-aligned bidi paragraphs are: the right in
    Arabic (the PDF set them flush left, Word flush right)."""
    css = (REPO / "templates" / "print.css").read_text(encoding="utf-8")
    for rule in ("ul.compact > li { text-align: start; }", "p.group-head { text-align: start;",
                 "p.note { font-size: 9pt; font-style: italic; text-align: start;", "table[data-points] td p { margin: 0 0 0.25em 0; text-align: start; }"):
        assert rule in css
    # page 1 from "النقاط الرئيسية" (key points) to "المحتويات" (contents): the items and the note under them
    key_points, contents, page = (_visual(Labels.load("ar", [REPO / "templates"]).get(key)) for key in ("key_points", "contents", "page"))
    lines = _boxes(arabic_brief["pdf"])
    start = next(i for i, (_, _, text) in enumerate(lines) if text == key_points)
    end = next(i for i, (_, _, text) in enumerate(lines) if text == contents)
    ends = [right for left, right, text in lines[start + 1:end] if text != page]  # ("Page" over the contents' numbers: at the end side)
    assert len(ends) > 10 and min(ends) > 175, ends  # at the margin (190 mm), or the list's text (178 mm); not at the left


def _visual(text: str) -> str:
    """Arabic as pdftotext gives it: the letters of each word in visual order, spaces left out."""
    return "".join(reversed(text)).replace(" ", "")


def _boxes(pdf: Path) -> list[tuple[float, float, str]]:
    """Page 1's lines: (left, right in mm, their words run together)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for attributes, body in re.findall(r"<line ([^>]*)>(.*?)</line>", xml, re.S):
        box = dict(re.findall(r'(\w+)="([\d.]+)"', attributes))
        out.append((float(box["xMin"]) / PT_PER_MM, float(box["xMax"]) / PT_PER_MM, "".join(re.findall(r">([^<]*)</word>", body))))
    return out
