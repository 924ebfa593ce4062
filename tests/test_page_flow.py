"""What moves text down a page does so alike in the PDF and in Word, so that long documents break
their pages at the same words (tests/test_parity.py measures the result; these tests pin each cause
found in the eclac documents: superscripts, kerning, lists' lead-ins, paragraphs inside list items,
a table after a page break, the space after a heading's label, headings split across pages)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from reportgen.style.search_path import default_templates_dir
from reportgen.writers.docx_common import MEASURE_ALLOWANCE_TWIPS

from .parity import pages

REPORT = "rapporteur-report"


def _paragraph(document: Path, start: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in docx.Document(str(document)).paragraphs if p.text.startswith(start))


def test_a_superscript_leaves_the_line_spacing_alone_in_the_pdf(built: dict) -> None:
    """"16<sup>th</sup>" on a paragraph's first line: its lines stay 14.3 pt apart (Word's spacing),
    not pushed about 4 pt lower by the raised text."""
    lines = [line for page in pages(built[("fibemyd2008", REPORT, "pdf")]) for line in page]
    first = next(i for i, line in enumerate(lines) if line.text.startswith("The heads of state and government"))
    assert lines[first].words[-1] == "16th"  # the superscript is on that line
    above = lines[first].y - next(l.y for l in reversed(lines[:first]) if l.text.startswith("AND DEVELOPMENT"))
    pitch = [lines[i + 1].y - lines[i].y for i in range(first, first + 3)]
    assert pitch == pytest.approx([14.3 * 25.4 / 72] * 3, abs=0.1)
    assert above == pytest.approx(14.3 * 25.4 / 72 + 13.2 * 25.4 / 72, abs=0.2)  # the heading's line and space after


def test_word_kerns_as_the_pdf_does(built: dict) -> None:
    """WeasyPrint kerns pairs ("Te"); Word and LibreOffice only where the style asks: Normal does, in
    the shared reference document, in every house's, and so in the DOCX."""
    references = [default_templates_dir() / "reference.docx", *sorted((default_templates_dir() / "houses").glob("*/reference.docx"))]
    for document in [*references, built[("hld2013", REPORT, "docx")]]:
        styles = zipfile.ZipFile(document).read("word/styles.xml").decode()
        normal = re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles)
        assert normal and '<w:kern w:val="2"/>' in normal.group(), document


def test_a_list_s_lead_in_stays_on_the_page_of_its_first_item(built: dict) -> None:
    """The PDF never leaves a list's lead-in (a paragraph, or the text of the item a sub-list belongs
    to) alone at the foot of a page; Word keeps it with the next paragraph."""
    pdf = pages(built[("fibemyd2008", REPORT, "pdf")])
    on = [next(n for n, page in enumerate(pdf) if any(l.text.startswith(text) for l in page))
          for text in ("Specific Objectives:", "– To design an Action Programme")]
    assert on[0] == on[1]
    assert _paragraph(built[("fibemyd2008", REPORT, "docx")], "Specific Objectives:").paragraph_format.keep_with_next
    assert _paragraph(built[("gfmd2010", REPORT, "docx")], "There are upcoming important opportunities").paragraph_format.keep_with_next
    assert not _paragraph(built[("gfmd2010", REPORT, "docx")], "2011 UNGA Thematic Debate").paragraph_format.keep_with_next


def test_a_paragraph_inside_a_list_item_is_spaced_as_in_the_pdf(built: dict) -> None:
    """An item's text and the paragraph that follows it inside the item: no space between them (an
    anonymous block and a paragraph without a top margin), then a paragraph's space after."""
    document = built[("gfmd2011", REPORT, "docx")]
    assert _paragraph(document, "Within the framework of information, awareness").paragraph_format.space_after.pt == 0
    assert _paragraph(document, "Along those same lines").paragraph_format.space_after.pt == pytest.approx(8.25)


def test_a_table_after_a_page_break_starts_at_the_top_margin_in_word(built: dict) -> None:
    """The page break before a table is carried by a 1 pt paragraph, not by a line of Body Text
    (which put the table 8 mm lower than the PDF does)."""
    body = docx.Document(str(built[("gfmd2011", REPORT, "docx")])).element.body
    table = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")
    carrier = docx.text.paragraph.Paragraph(table.getprevious(), None)
    assert carrier.paragraph_format.page_break_before and not carrier.text
    assert carrier.paragraph_format.line_spacing.pt == 1 and carrier.paragraph_format.space_after.pt == 0


def test_a_heading_s_label_is_followed_by_the_pdf_s_gap_in_word(built: dict) -> None:
    """"E." then the title: the word space widened by label_gap (0.3em of an 11 pt heading = 66
    twentieths of a point), so a heading's lines wrap where the PDF wraps them."""
    xml = zipfile.ZipFile(built[("hld2013", REPORT, "docx")]).read("word/document.xml").decode()
    heading = re.search(r'<w:pStyle w:val="Heading1"/>.*?E\.</w:t>.*?</w:p>', xml)
    assert heading and re.search(r'<w:r><w:rPr><w:spacing w:val="66"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>', heading.group())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_line_the_pdf_fills_to_the_last_hundredth_of_a_point_is_one_line_in_word_too(built: dict, tmp_path: Path) -> None:
    """LibreOffice needs 0.1-0.2 pt more than WeasyPrint to set the same words on a line: the Word
    file's text area is MEASURE_ALLOWANCE_TWIPS wider than the reference document's (the PDF's
    measure), taken from the right margin. fibemyd2008's chair's summary has a line that fits the
    PDF with 0.03 pt to spare: LibreOffice sets it on one line too."""
    reference = docx.Document(str(default_templates_dir() / "reference.docx")).sections[0]
    summary = built[("fibemyd2008", "chair-summary", "docx")]
    for section in docx.Document(str(summary)).sections:
        assert section.left_margin == reference.left_margin
        assert (reference.right_margin - section.right_margin) / 635 == MEASURE_ALLOWANCE_TWIPS == 2
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(summary)], capture_output=True, text=True, timeout=300, check=True)
    for laid_out in (built[("fibemyd2008", "chair-summary", "pdf")], tmp_path / summary.with_suffix(".pdf").name):
        line = next(l for page in pages(laid_out) for l in page if l.text.startswith("Temporary work agreements"))
        assert line.words[-1] == "rights.", laid_out


def test_a_heading_is_never_split_across_pages_in_word(built: dict) -> None:
    """The PDF's headings never break inside (WeasyPrint: h1-h6 break-inside: avoid) and stay with
    what follows. Word's headings keep their lines together too, not only with the next paragraph:
    with keep-with-next alone, Word may set two lines of a four-line heading at the foot of a page
    and two on the next, with the heading above it on the first page (mcpm2025's chair's summary,
    "Declaration of Tegucigalpa ...", under "Decisions adopted"). Read back from the shared and every
    house's reference document, and from a built Word file."""
    references = [default_templates_dir() / "reference.docx", default_templates_dir() / "compare" / "reference.docx",
                  *sorted((default_templates_dir() / "houses").glob("*/reference.docx"))]
    for document in [*references, built[("hld2013", REPORT, "docx")]]:
        styles = docx.Document(str(document)).styles
        for level in range(1, 5):
            fmt = styles[f"Heading {level}"].paragraph_format
            assert fmt.keep_together and fmt.keep_with_next, (document, level)
