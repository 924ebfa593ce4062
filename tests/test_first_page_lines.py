"""The first page's lines take their spacing and line heights from one source, the house measures
(house.yaml `lines`, style/measures.py): the cover's lines and the masthead's issuer, read back from
both formats (the PDF's layout against the Word file's paragraphs and its layout by LibreOffice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt

from reportgen.build.meeting import BuildOptions, build_meeting, render_meeting
from reportgen.cli import main
from reportgen.core.project import Project
from reportgen.style.measures import Measures, points
from reportgen.style.search_path import default_templates_dir
from reportgen.writers.pdf import layout_pdf

from .conftest import REPO
from .lo_layout import lay_out
from .parity import pages
from .test_parity import require_libreoffice_macros

KIND = "rapporteur-report"
PX = 0.75  # WeasyPrint computes in CSS pixels
COVER_STYLES = ("Cover Line", "Document Title", "Document Subtitle", "Document Kind", "Translation Note")
COVER_LINES = ("cover-line", "title", "subtitle", "kind", "translation-note")  # their classes


def css_lines(project: Project, meeting: str, kind: str) -> list[tuple[str, dict[str, float]]]:
    """(class, measures in points) of every paragraph on the PDF's page 1, as WeasyPrint lays it
    out with the build's own stylesheets and house measures."""
    rendered, ctx = render_meeting(project, meeting, BuildOptions(kinds=(kind,)))
    page = layout_pdf(rendered[0].html, ctx).pages[0]._page_box
    out = []
    for box in page.descendants():
        element = getattr(box, "element", None)
        if box.element_tag == "p" and element is not None and type(box).__name__ == "BlockBox":
            height = box.style["line_height"]  # a length, or a number of the font's size
            height = height.value if getattr(height, "unit", "") == "px" else height * box.style["font_size"]
            out.append((element.get("class") or "", {
                "before": box.margin_top * PX, "after": box.margin_bottom * PX, "left": box.margin_left * PX,
                "right": box.margin_right * PX, "height": height * PX}))
    return out


def laid_out_by_libreoffice(tmp_path: Path, *files: Path) -> dict[str, Path]:
    """The Word files laid out by LibreOffice as the parity check does (tests/lo_layout.py): stem -> PDF."""
    require_libreoffice_macros()
    lay_out(tmp_path / "lo", tmp_path / "profile", list(files))
    return {f.stem: tmp_path / "lo" / f"{f.stem}.pdf" for f in files}


def test_the_cover_s_lines_have_the_pdf_s_margins_in_word(tmp_path: Path) -> None:
    """hld2013's cover (eclac): each line's space above and below and side indents in the Word file
    are the margins WeasyPrint gives the same line (the first line: the cover's 5 cm, collapsed with
    its own), all from house.yaml `lines.cover`; the Word styles hold no spacing of their own."""
    project = Project(REPO)
    css = [(cls, sides) for cls, sides in css_lines(project, "hld2013", KIND) if cls in COVER_LINES]
    assert [cls for cls, _ in css] == ["cover-line", "cover-line", "title", "kind"]
    assert css[2][1]["before"] == pytest.approx(points("2cm"))  # under the cover lines: 2 cm
    path = next(p for p in build_meeting(project, "hld2013", BuildOptions(kinds=(KIND,), formats=("docx",), out_dir=tmp_path))
                if p.suffix == ".docx")
    word = [p for p in docx.Document(str(path)).paragraphs if p.style.name in COVER_STYLES]
    assert len(word) == len(css)
    cover_above = points(Measures().spacing["cover"][0])
    for number, (paragraph, (cls, sides)) in enumerate(zip(word, css)):
        fmt = paragraph.paragraph_format
        got = {"before": fmt.space_before, "after": fmt.space_after, "left": fmt.left_indent, "right": fmt.right_indent}
        assert all(value is not None for value in got.values()), (cls, got)  # set on the paragraph, not left to a style
        want = dict(sides, before=max(sides["before"], cover_above) if number == 0 else sides["before"])
        for side, value in got.items():
            assert value.pt == pytest.approx(want[side], abs=0.05), (cls, side)
    reference = docx.Document(str(REPO / "templates" / "reference.docx")).styles
    for name in COVER_STYLES:  # one source: no space or indent of the Word styles' own that a reader would take for it
        fmt = reference[name].paragraph_format
        assert (fmt.space_before, fmt.space_after, fmt.left_indent, fmt.right_indent) == (None,) * 4, name


def test_a_cover_line_measure_changed_in_house_yaml_reaches_both_formats(tmp_path: Path) -> None:
    """A project's eclac house.yaml giving the cover's kind line 3 cm above (shared: 1.5 cm): the PDF's
    kind line moves 1.5 cm further from the title, and the Word file's kind line has 3 cm above it."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    project = Project(tmp_path)
    before = build_meeting(project, "hld2013", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "before"))
    house = tmp_path / "templates" / "houses" / "eclac" / "house.yaml"
    house.parent.mkdir(parents=True)
    house.write_text((default_templates_dir() / "houses" / "eclac" / "house.yaml").read_text(encoding="utf-8")
                     + "lines:\n  cover:\n    kind: {before: 3cm}\n", encoding="utf-8")
    after = build_meeting(project, "hld2013", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "after"))

    def gap(pdf: Path) -> float:
        lines = pages(pdf)[0]
        kind = next(i for i, line in enumerate(lines) if line.text.startswith("Rapporteur"))
        return lines[kind].y - lines[kind - 1].y

    pdfs = [next(p for p in paths if p.suffix == ".pdf") for paths in (before, after)]
    assert gap(pdfs[1]) - gap(pdfs[0]) == pytest.approx(15, abs=0.3)
    word = next(p for p in after if p.suffix == ".docx")
    kind = next(p for p in docx.Document(str(word)).paragraphs if p.style.name == "Document Kind")
    assert kind.paragraph_format.space_before.pt == pytest.approx(points("3cm"), abs=0.05)


def test_a_masthead_issuer_on_two_lines_stands_where_the_pdf_has_it(tmp_path: Path) -> None:
    """mcpm2025's chair's summary: "Mesoamerican Consultation / Process on Migration" at 20 pt in
    lines of 26 pt (house.yaml `lines.masthead.issuer.height`), in the PDF's CSS and as the Word
    paragraph's line height; laid out, the two lines stand as far apart in both and where the PDF
    has them. Word gave it single lines (23 pt): its second line stood 1.5 mm high.
    The brief's issuer keeps its own look (style/brief_looks.py): its page 1 still holds the contents."""
    project = Project(REPO / "examples")
    css = next(sides for cls, sides in css_lines(project, "mcpm2025-declaration", "chair-summary") if cls == "issuer")
    height = css["height"]
    assert height == pytest.approx(26)  # 20 pt in lines of 1.3
    paths = build_meeting(project, "mcpm2025-declaration", BuildOptions(kinds=("chair-summary",), out_dir=tmp_path / "out"))
    word = next(p for p in paths if p.suffix == ".docx")
    issuer = docx.Document(str(word)).tables[0].rows[0].cells[0].paragraphs[0]
    assert issuer.style.name == "Masthead Issuer" and issuer.text == "Mesoamerican Consultation Process on Migration"
    assert issuer.paragraph_format.line_spacing == Pt(round(height, 2))
    assert issuer.paragraph_format.line_spacing_rule == WD_LINE_SPACING.AT_LEAST

    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", "--brief", "five-meetings", "--out", str(tmp_path / "brief")])
    assert result.exit_code == 0, result.output
    brief = tmp_path / "brief" / "compare" / "five-meetings.docx"
    brief_issuer = docx.Document(str(brief)).tables[0].rows[0].cells[0].paragraphs[0]
    assert brief_issuer.style.name == "Front Masthead Issuer" and brief_issuer.paragraph_format.line_spacing is None

    laid_out = laid_out_by_libreoffice(tmp_path, word, brief)
    both = [pages(path)[0] for path in (next(p for p in paths if p.suffix == ".pdf"), laid_out[word.stem])]
    first, second = ([next(l.y for l in page if l.text == text) for page in both]
                     for text in ("Mesoamerican Consultation", "Process on Migration"))
    assert second[1] - first[1] == pytest.approx(second[0] - first[0], abs=0.3)  # 26 pt: 9.2 mm apart
    assert second[1] == pytest.approx(second[0], abs=1.0) and first[1] == pytest.approx(first[0], abs=1.0)
    brief_pages = [pages(path)[0] for path in (brief.with_suffix(".pdf"), laid_out["five-meetings"])]
    for page in brief_pages:  # the contents' last line stays on page 1 in both
        assert any(line.text.startswith("Overview") for line in page)
    at = [next(l.y for l in page if l.text == "Briefing note") for page in brief_pages]
    assert at[1] == pytest.approx(at[0], abs=0.5)
