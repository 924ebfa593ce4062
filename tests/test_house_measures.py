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
