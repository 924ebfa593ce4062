"""The contents look the same in the PDF and in Word: group labels without leaders or page numbers,
entries with dot leaders up to page numbers standing at the same place. Read back from the PDF,
the DOCX's XML and the DOCX as LibreOffice lays it out."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project

from .conftest import REPO

MEETING = "mflm2024-cover-note"  # contents with group labels ("Part one. The conference") and second-level entries
GROUPS = {"Part one. The conference", "Part two. Follow-up"}
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
MM = 72 / 25.4


def contents_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """The lines of the contents page between CONTENTS and the next heading: each a list of
    (x left, x right, text) per word, in mm."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = next(p for p in re.findall(r"<page [^>]*>(.*?)</page>", xml, re.S) if ">CONTENTS<" in p)
    lines = [[(float(w[0]) / MM, float(w[2]) / MM, w[4]) for w in _WORD.findall(body)]
             for body in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S)]
    start = next(i for i, line in enumerate(lines) if line and line[0][2] == "CONTENTS")
    out = []
    for line in lines[start + 2:]:  # after CONTENTS and "Page"
        if not line or not (re.search(r"\.{3}", text(line)) or text(line) in GROUPS):
            break
        out.append(line)
    return out


def text(line: list[tuple[float, float, str]]) -> str:
    """A line's words; a leader's dots (one word each in WeasyPrint's PDF) run together."""
    return re.sub(r"(?<=\.) (?=\.)", "", " ".join(w[2] for w in line))


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(PDF, DOCX, the DOCX laid out by LibreOffice) of a document whose contents have a group label."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path_factory.mktemp("contents")
    paths = build_meeting(Project(REPO / "examples"), MEETING, BuildOptions(kinds=("rapporteur-report",), out_dir=out))
    pdf, word = (next(p for p in paths if p.suffix == suffix) for suffix in (".pdf", ".docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out / "lo"), str(word)], capture_output=True, text=True, timeout=300, check=True)
    return pdf, word, out / "lo" / pdf.name


def test_group_labels_have_no_leader_in_either_format(laid_out: tuple[Path, Path, Path]) -> None:
    pdf, word, word_pdf = laid_out
    for path in (pdf, word_pdf):
        lines = contents_lines(path)
        texts = [text(line) for line in lines]
        assert GROUPS <= set(texts), (path, texts)  # the labels alone: no dots, no page number
        assert all(re.search(r"\.{3,}\s*\d+$", t) for t in texts if t not in GROUPS), (path, texts)
    document = docx.Document(str(word))
    toc = [p for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    groups = [p for p in toc if p.text in GROUPS]
    assert len(groups) == len(GROUPS)
    for group in groups:
        assert group._p.find(f"{qn('w:pPr')}/{qn('w:tabs')}") is None  # no leader tab stop, no tab
        assert "\t" not in group.text
    entries = [p for p in toc if p.text not in GROUPS]
    leaders = {tab.get(qn("w:pos")) for p in entries for tab in p._p.iter(qn("w:tab")) if tab.get(qn("w:leader")) == "dot"}
    assert len(leaders) == 1 and all(p.text.count("\t") == 1 for p in entries)  # one dot leader, one stop for all
    # Word's TOC field would rebuild the contents from the headings, giving the label a leader and
    # a page number: with a group label the entries stand alone, each page a PAGEREF field.
    xml = document.element.body.xml
    assert "TOC \\o" not in xml and all("PAGEREF" in p._p.xml for p in entries)


def test_entries_have_the_same_leaders_and_page_numbers_in_both(laid_out: tuple[Path, Path, Path]) -> None:
    pdf, _, word_pdf = laid_out
    ours, theirs = contents_lines(pdf), contents_lines(word_pdf)
    titles = [[re.sub(r"\s*\.{3,}.*", "", text(line)) for line in lines] for lines in (ours, theirs)]
    assert titles[0] == titles[1]
    for a, b, title in zip(ours, theirs, titles[0]):
        assert abs(a[0][0] - b[0][0]) <= 1, f"'{title}' starts at x={a[0][0]:.1f} mm in the PDF, {b[0][0]:.1f} mm in Word"
        if title in GROUPS:
            continue
        pages = [re.search(r"(\d+)$", line[-1][2]) for line in (a, b)]
        assert pages[0] and pages[1] and pages[0].group(1) == pages[1].group(1), title  # the same page number
        assert abs(a[-1][1] - b[-1][1]) <= 1, f"'{title}': its page number ends at x={a[-1][1]:.1f} mm in the PDF, {b[-1][1]:.1f} in Word"
