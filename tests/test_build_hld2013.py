"""The walking skeleton: hld2013 built to PDF and DOCX, read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from .conftest import pdf_text

SECTIONS = ["PRESENTATION", "INTRODUCTION", "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H."]


@pytest.fixture(scope="module")
def pdf(built: dict) -> Path:
    return built[("hld2013", "rapporteur-report", "pdf")]


@pytest.fixture(scope="module")
def docx_path(built: dict) -> Path:
    return built[("hld2013", "rapporteur-report", "docx")]


def pages(path: Path) -> list[str]:
    return pdf_text(path).split("\f")


def test_pdf_page_count_and_cover(pdf: Path) -> None:
    reader = PdfReader(str(pdf))
    assert 25 <= len(reader.pages) <= 40
    cover = pages(pdf)[0]
    for line in ("ECLAC", "Distr.", "LIMITED", "LC/L.3702", "26 September 2013", "ENGLISH", "ORIGINAL: SPANISH",
                 "Santiago, 10 and 11 July 2013", "Rapporteur’s report*"):
        assert line in cover, line
    assert re.search(r"\*\s+This document was prepared by Jorge Martínez Pizarro", cover)
    assert reader.metadata.title.startswith("Messages from Latin America")


def test_pdf_contents_has_real_page_numbers(pdf: Path) -> None:
    all_pages = pages(pdf)
    contents = all_pages[1]
    assert "CONTENTS" in contents
    entries = dict(re.findall(r"^\s*(Annex 1|Annex 2|Presentation|Introduction)\b.*?(\d+)\s*$", contents, re.M))
    assert set(entries) == {"Presentation", "Introduction", "Annex 1", "Annex 2"}
    for title, page in entries.items():
        heading = "BIOGRAPHICAL DETAILS" if title == "Annex 1" else "MEETING AGENDA" if title == "Annex 2" else title.upper()
        assert heading in all_pages[int(page) - 1], (title, page)


def test_pdf_headings_in_order_and_running_header(pdf: Path) -> None:
    all_pages = pages(pdf)
    body = "\n".join(all_pages[2:])
    offset = 0
    for heading in SECTIONS:  # each found after the one before it
        match = re.compile(rf"^\s*{re.escape(heading)}\s", re.M).search(body, offset)
        assert match, heading
        offset = match.end()
    for page in all_pages[1:-1]:
        assert "LC/L.3702" in page.splitlines()[0] or "LC/L.3702" in page[:200]


def test_pdf_footnotes_at_page_foot(pdf: Path) -> None:
    text = pdf_text(pdf)
    assert re.search(r"^\s*1\s+LC/G\.2432\(SES\.33/3\), 2010\.", text, re.M)


def test_docx_headings_use_word_heading_styles(docx_path: Path) -> None:
    document = docx.Document(str(docx_path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Presentation"
    assert headings[1] == "Introduction"
    labels = [h.split(" ", 1)[0] for h in headings[2:10]]
    assert labels == ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H."]
    assert headings[-2:] == ["Annex 1\nBiographical details of participating experts", "Annex 2\nMeeting agenda"]  # label over title
    assert any(p.style.name == "Heading 2" and p.text.startswith("(a)") for p in document.paragraphs)


def test_docx_masthead_agenda_table_and_footnotes(docx_path: Path) -> None:
    document = docx.Document(str(docx_path))
    masthead = document.tables[0]
    right = masthead.rows[0].cells[1].text
    for line in ("Distr.", "LIMITED", "LC/L.3702", "26 September 2013", "ENGLISH", "ORIGINAL: SPANISH"):
        assert line in right
    agenda = document.tables[-1]
    cells = [c.text for row in agenda.rows for c in row.cells]
    assert "Wednesday, 10 July" in cells and "Thursday, 11 July" in cells
    assert "8.30 to 9 a.m." in cells and "11.30 a.m. to 1 p.m." in cells
    assert any("Registration of participants" in c for c in cells)
    assert any("Moderator: Gloria Moreno-Fontes" in c for c in cells)
    with zipfile.ZipFile(docx_path) as z:
        footnotes = z.read("word/footnotes.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    assert "This document was prepared by Jorge Martínez Pizarro" in footnotes
    assert "LC/G.2432(SES.33/3), 2010." in footnotes
    assert 'w:customMarkFollows="1"' in body  # the asterisk note keeps its mark
    assert "LC/L.3702" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.title.startswith("Messages from Latin America")


def test_docx_lists_keep_numbering_style(docx_path: Path) -> None:
    with zipfile.ZipFile(docx_path) as z:
        numbering = z.read("word/numbering.xml").decode("utf-8")
    assert 'w:numFmt w:val="lowerRoman"' in numbering and 'w:lvlText w:val="(%1)"' in numbering


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_docx(docx_path: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(docx_path)],
        capture_output=True, text=True, timeout=300,
    )
    converted = tmp_path / (docx_path.stem + ".pdf")
    assert converted.is_file(), result.stderr
    text = pdf_text(converted)
    assert "MESSAGES FROM LATIN AMERICA" in text.upper() and "LC/L.3702" in text
