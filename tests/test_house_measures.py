"""House measures (style/measures.py): the lengths and colours a house sets in house.yaml reach the
PDF and the Word file from that one source; mistakes in them are reported with file and key."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.errors import TemplateProblem
from reportgen.core.project import Project
from reportgen.style.houses import load_house
from reportgen.style.measures import Measures, points
from reportgen.style.search_path import default_templates_dir

from .conftest import REPO
from .parity import pages

KIND = "rapporteur-report"


def _house(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates" / "houses" / "x"
    folder.mkdir(parents=True)
    (folder / "house.yaml").write_text("name: X\nextends: plain\n" + body, encoding="utf-8")
    return tmp_path / "templates"


@pytest.mark.parametrize(("body", "message"), [
    ("rules:\n  thin: {color: blue}\n", "x/house.yaml: rules.thin.color: expected six hex digits, like 1f4e79"),
    ("spacing:\n  title-block: {before: 12}\n",
     "x/house.yaml: spacing.title-block.before: expected a length in pt, cm or mm, like 1.2cm (found 12)"),
    ("spacing:\n  title-block: {above: 1cm}\n", "x/house.yaml: spacing.title-block: expected before, after, like {before: 1.2cm, after: 1cm}"),
    ("list_indent: wide\n", "x/house.yaml: list_indent: expected a length in pt, cm or mm, like 1.2cm (found 'wide')"),
    ("masthead_rule: {colour: red}\n", "x/house.yaml: masthead_rule: expected width, color, space, like {width: 1.5pt, color: '000000', space: 6pt}"),
    ("masthead_rule: {width: thick}\n", "x/house.yaml: masthead_rule.width: expected a length in pt, cm or mm, like 1.2cm (found 'thick')"),
    ("table_padding:\n  grid: {top: 3pt}\n", "x/house.yaml: table_padding.grid: expected vertical, horizontal, group, like {vertical: 3pt, horizontal: 5pt}"),
    ("table_padding:\n  agenda: {group: 12}\n",
     "x/house.yaml: table_padding.agenda.group: expected a length in pt, cm or mm, like 1.2cm (found 12)"),
    ("label_gap: 3pt\n", "x/house.yaml: label_gap: expected ems of the heading's size, like 0.3em (found '3pt')"),
])
def test_a_mistake_in_a_house_measure_names_the_file_and_key(tmp_path: Path, body: str, message: str) -> None:
    templates = _house(tmp_path, body)
    with pytest.raises(TemplateProblem) as caught:
        load_house([templates, default_templates_dir()], "x")
    assert str(caught.value) == message


def test_a_house_takes_the_measures_of_the_house_it_extends_and_changes_only_what_it_names(tmp_path: Path) -> None:
    templates = _house(tmp_path, "rules:\n  thin: {color: '#ABCDEF'}\n")
    measures = load_house([templates, default_templates_dir()], "x").measures
    assert measures.rules["thin"].color == "abcdef"
    assert measures.rules["thin"].space == "6pt" and measures.rules["thin"].width == "0.75pt"  # plain's space, the shared width
    assert measures.spacing["title-block"] == ("1.2cm", "1cm")  # plain's
    assert measures.spacing["cover"] == Measures().spacing["cover"]  # the shared look's
    assert round(points("1cm"), 3) == 28.346 and points("5mm") == pytest.approx(points("0.5cm"))


def _pixels_of(pdf: Path, out: Path, rgb: tuple[int, int, int]) -> int:
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", str(pdf), str(out)], check=True)
    image = Image.open(next(out.parent.glob(out.name + "*.png"))).convert("RGB")
    data = image.tobytes()
    return sum(1 for pixel in zip(data[0::3], data[1::3], data[2::3]) if all(abs(a - b) <= 12 for a, b in zip(pixel, rgb)))


def test_a_house_measure_changed_in_house_yaml_reaches_the_pdf_and_the_word_file(tmp_path: Path) -> None:
    """rcm's rule and title-block space, changed in house.yaml only: the PDF moves its title and draws
    the rule in the new colour; the Word file has the same border, cell margin and paragraph space."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    before = build_meeting(Project(tmp_path / "examples"), "rcm-vmm2014", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "before"))
    house = tmp_path / "examples" / "templates" / "houses" / "rcm" / "house.yaml"
    text = house.read_text(encoding="utf-8")
    assert "  thin: {width: 2pt, color: 1f4e79}\n" in text
    house.write_text(text.replace("  thin: {width: 2pt, color: 1f4e79}\n", "  thin: {width: 3pt, color: cc3300, space: 10pt}\n")
                     + "spacing:\n  title-block: {before: 2cm}\n", encoding="utf-8")
    after = build_meeting(Project(tmp_path / "examples"), "rcm-vmm2014", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "after"))
    pdfs = [next(p for p in paths if p.suffix == ".pdf") for paths in (before, after)]

    def kind_line_y(pdf: Path) -> float:
        return next(line.y for line in pages(pdf)[0] if line.text.startswith("REPORT OF THE PRESIDENCY"))

    # 2 cm instead of plain's 1.2 cm, a 3 pt rule instead of 2 pt, 10 pt below the name instead of 6 pt
    expected_mm = (points("2cm") - points("1.2cm") + 1 + 4) * 25.4 / 72
    assert kind_line_y(pdfs[1]) - kind_line_y(pdfs[0]) == pytest.approx(expected_mm, abs=0.5)
    assert _pixels_of(pdfs[0], tmp_path / "b", (0xcc, 0x33, 0x00)) == 0
    assert _pixels_of(pdfs[1], tmp_path / "a", (0xcc, 0x33, 0x00)) > 100  # the rule, across the text width

    word = next(p for p in after if p.suffix == ".docx")
    xml = zipfile.ZipFile(word).read("word/document.xml").decode()
    border = re.search(r"<w:tcBorders><w:bottom ([^>]*)/>", xml)
    assert border and 'w:sz="24"' in border.group(1) and 'w:color="CC3300"' in border.group(1)
    assert '<w:tcMar><w:bottom w:w="200" w:type="dxa"/></w:tcMar>' in xml
    kind = next(p for p in docx.Document(str(word)).paragraphs if p.text.upper().startswith("REPORT OF THE PRESIDENCY"))
    assert kind.paragraph_format.space_before.pt == pytest.approx(points("2cm"), abs=0.05)


def test_un_sub_paragraphs_stand_under_the_paragraph_s_text(examples: dict) -> None:
    """(a), (b) begin where a numbered paragraph's text begins (sub_paragraph_indent), in both formats."""
    pdf = examples[("escap-cmp2017", KIND, "pdf")]
    lines = pages(pdf)[0]
    text_x = next(l.x for l in lines if l.words[0] == "The" and any(o.words == ("1.",) and abs(o.y - l.y) < 0.5 for o in lines))
    marker_x = next(l.x for l in lines if l.words[0] == "(a)")
    assert marker_x == pytest.approx(text_x, abs=0.3)
    numbering = zipfile.ZipFile(examples[("escap-cmp2017", KIND, "docx")]).read("word/numbering.xml").decode()
    letters = re.search(r'<w:numFmt w:val="lowerLetter"/>.*?<w:ind w:left="(\d+)" w:hanging="(\d+)"/>', numbering, re.S)
    assert letters and int(letters.group(1)) - int(letters.group(2)) == 567  # the marker at 1 cm, as the paragraph text


def test_loose_text_after_a_paragraph_in_a_table_cell_reaches_word(examples: dict) -> None:
    """A facts cell holding a paragraph and then bare text (the member States' names) loses neither."""
    cells = [cell.text for table in docx.Document(str(examples[("csp2024-cochairs", "chair-summary", "docx")])).tables
             for row in table.rows for cell in row.cells]
    assert any("11 members, of which 10 named:" in cell and "Australia, Fiji, Indonesia" in cell for cell in cells)


def test_the_masthead_rule_and_table_padding_changed_in_house_yaml_reach_the_pdf_and_the_word_file(tmp_path: Path) -> None:
    """The eclac house's rule under the masthead and its facts tables' cell padding, changed in a
    project's house.yaml only: the PDF moves the title block and the cell text by the difference and
    draws the rule in the new colour; the Word file has the same rule, space and cell margins."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    project = Project(tmp_path / "examples")
    before = build_meeting(project, "eclac-cea2019", BuildOptions(out_dir=tmp_path / "before"))
    house = tmp_path / "examples" / "templates" / "houses" / "eclac" / "house.yaml"
    house.parent.mkdir(parents=True)
    house.write_text((default_templates_dir() / "houses" / "eclac" / "house.yaml").read_text(encoding="utf-8")
                     + "masthead_rule: {width: 3pt, color: cc3300, space: 12pt}\n"
                     + "table_padding:\n  facts: {vertical: 8pt, horizontal: 12pt}\n", encoding="utf-8")
    after = build_meeting(project, "eclac-cea2019", BuildOptions(out_dir=tmp_path / "after"))

    def built(paths: list[Path], kind: str, suffix: str) -> Path:
        return next(p for p in paths if p.suffix == suffix and p.stem.endswith(kind))

    def first(pdf: Path, start: str) -> object:
        return next(line for line in pages(pdf)[0] if line.text.startswith(start))

    mm = 25.4 / 72
    reports = [built(paths, KIND, ".pdf") for paths in (before, after)]
    title = [first(pdf, "Décima reunión").y for pdf in reports]
    assert title[1] - title[0] == pytest.approx((3 - 1.5 + 12 - 6) * mm, abs=0.3)  # a thicker rule, further down
    assert _pixels_of(reports[0], tmp_path / "b", (0xcc, 0x33, 0x00)) == 0
    assert _pixels_of(reports[1], tmp_path / "a", (0xcc, 0x33, 0x00)) > 100
    cells = [first(built(paths, "chair-summary", ".pdf"), "Fechas") for paths in (before, after)]
    assert cells[1].x - cells[0].x == pytest.approx((12 - 6) * mm, abs=0.3)
    assert cells[1].y - cells[0].y == pytest.approx((8 - 2) * mm, abs=0.3)

    xml = zipfile.ZipFile(built(after, KIND, ".docx")).read("word/document.xml").decode()
    rule = re.search(r'<w:pBdr><w:bottom ([^>]*)/></w:pBdr><w:spacing w:before="(\d+)"', xml)
    assert rule and 'w:sz="24"' in rule.group(1) and 'w:color="CC3300"' in rule.group(1)
    assert int(rule.group(2)) == (12 - 1) * 20  # the space above the rule, less its paragraph's 1 pt line
    xml = zipfile.ZipFile(built(after, "chair-summary", ".docx")).read("word/document.xml").decode()
    margins = re.search(r"<w:tblCellMar>(.*?)</w:tblCellMar>", xml)
    assert margins and '<w:top w:w="160" w:type="dxa"/>' in margins.group(1) and '<w:left w:w="240" w:type="dxa"/>' in margins.group(1)


def test_the_space_above_an_agenda_s_group_rows_changed_in_house_yaml_reaches_both_formats(tmp_path: Path) -> None:
    """table_padding.agenda.group (a programme's day rows) in a project house: the PDF's day line
    moves by the difference, Word's paragraph has it as space above (less the cell's top margin)."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    meeting = tmp_path / "examples" / "content" / "idm2025-workshop" / "meeting.yaml"
    before = build_meeting(Project(tmp_path / "examples"), "idm2025-workshop", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "before"))
    text = meeting.read_text(encoding="utf-8")
    assert "  house: plain\n" in text
    meeting.write_text(text.replace("  house: plain\n", "  house: x\n"), encoding="utf-8")
    _house(tmp_path / "examples", "table_padding:\n  agenda: {group: 30pt}\n")
    after = build_meeting(Project(tmp_path / "examples"), "idm2025-workshop", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "after"))

    def day_one(pdf: Path) -> float:
        lines = [line for page in pages(pdf) for line in page]
        programme = next(i for i, line in enumerate(lines) if line.text.startswith("Day 1:"))
        return lines[programme].y - lines[programme - 1].y  # below the line above it (the table's header)

    pdfs = [next(p for p in paths if p.suffix == ".pdf") for paths in (before, after)]
    assert day_one(pdfs[1]) - day_one(pdfs[0]) == pytest.approx((30 - 12) * 25.4 / 72, abs=0.3)
    word = next(p for p in after if p.suffix == ".docx")
    day = next(p for t in docx.Document(str(word)).tables for row in t.rows for c in row.cells for p in c.paragraphs
               if p.text.startswith("Day 1:"))
    assert day.paragraph_format.space_before.pt == pytest.approx(30 - 4)
