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
    ("lines:\n  title-block:\n    title: {above: 1cm}\n",
     "x/house.yaml: lines.title-block.title: expected before, after, left, right, like {before: 11pt, after: 6.6pt, left: 1cm, right: 1cm}"),
    ("lines:\n  title-block:\n    title: {after: 1em}\n",
     "x/house.yaml: lines.title-block.title.after: expected a length in pt, cm or mm, like 1.2cm (found '1em')"),
    ("lines:\n  title-block: [title]\n",
     "x/house.yaml: lines.title-block: expected lines by their class, like {title: {before: 11pt, after: 6.6pt, left: 1cm, right: 1cm}}"),
    ("lines:\n  title-block:\n    Title: {after: 1pt}\n", "x/house.yaml: lines.title-block: 'Title' is not a line's class like title"),
    ("masthead_rule: {colour: red}\n", "x/house.yaml: masthead_rule: expected width, color, space, like {width: 1.5pt, color: '000000', space: 6pt}"),
    ("masthead_rule: {width: thick}\n", "x/house.yaml: masthead_rule.width: expected a length in pt, cm or mm, like 1.2cm (found 'thick')"),
    ("table_padding:\n  grid: {top: 3pt}\n", "x/house.yaml: table_padding.grid: expected vertical, horizontal, group, like {vertical: 3pt, horizontal: 5pt}"),
    ("table_padding:\n  agenda: {group: 12}\n",
     "x/house.yaml: table_padding.agenda.group: expected a length in pt, cm or mm, like 1.2cm (found 12)"),
    ("space_after: {tables: 3pt}\n", "x/house.yaml: space_after: expected table, cell-item, bio-name with a length, like {bio-name: 2pt}"),
    ("space_after: {table: 3}\n", "x/house.yaml: space_after.table: expected a length in pt, cm or mm, like 1.2cm (found 3)"),
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
    templates = _house(tmp_path / "lines", "lines:\n  title-block:\n    title: {after: 9pt}\n")
    lines = load_house([templates, default_templates_dir()], "x").measures.lines["title-block"]
    assert lines["title"] == {"before": "13pt", "after": "9pt", "left": "1cm", "right": "1cm"}  # plain's above, the shared sides
    assert lines["kind"] == {"before": "0pt", "after": "4.4pt", "left": "0cm", "right": "0cm"}  # plain's
    assert lines["subtitle"] == Measures().lines["title-block"]["subtitle"]
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


def test_a_title_block_without_a_cover_has_its_own_line_spacing_in_both_formats(examples: dict) -> None:
    """eclac without a cover (eclac-cea2019): the title block's lines take house.yaml `lines` in Word
    too, not the cover's Word styles (Document Title 56.7 pt above, Cover Line 2 cm in): the same
    paragraph spacing and indents as the PDF's margins, and the lines at the PDF's heights."""
    word = docx.Document(str(examples[("eclac-cea2019", KIND, "docx")]))
    shared = Measures().lines["title-block"]
    by_style: dict[str, docx.text.paragraph.Paragraph] = {}
    for p in word.paragraphs[:12]:
        if p.text.strip():
            by_style.setdefault(p.style.name, p)  # the first line of each style
    for style, line in (("Document Title", "title"), ("Cover Line", "cover-line"), ("Document Kind", "kind")):
        fmt = by_style[style].paragraph_format
        sides = (("left", fmt.left_indent), ("right", fmt.right_indent)) + ((("after", fmt.space_after),) if line != "kind" else ())
        for side, value in sides:
            assert value.pt == pytest.approx(points(shared[line][side]), abs=0.05), (style, side)
    # the title block's 13.2 pt above its first line and 16.5 pt below its last (spacing), the title 11 pt above (lines)
    assert by_style["Cover Line"].paragraph_format.space_before.pt == pytest.approx(13.2, abs=0.05)
    assert by_style["Document Kind"].paragraph_format.space_after.pt == pytest.approx(16.5, abs=0.05)
    assert by_style["Document Title"].paragraph_format.space_before.pt == pytest.approx(11, abs=0.05)
    text = pages(examples[("eclac-cea2019", KIND, "pdf")])[0]
    title, kind = (next(l for l in text if l.text.startswith(start)) for start in ("INFORME DE LA", "Informe"))
    # the title 1 cm in from the text's margins (2.4 cm): it starts within that measure, centred
    assert title.x > 24 + 10 - 0.5
    # kind line: the title's last line, the title's 6.6 pt below and the kind line's line (14.3 pt) above it
    last = max((l for l in text if l.y < kind.y), key=lambda l: l.y)
    assert kind.y - last.y == pytest.approx((6.6 + 14.3) * 25.4 / 72, abs=0.3)


def test_a_line_measure_changed_in_house_yaml_reaches_the_pdf_and_the_word_file(tmp_path: Path) -> None:
    """rcm's kind line given 1 cm below in house.yaml: the PDF's title moves down by what that adds
    (plain's 4.4 pt before), and the Word file's kind line has 1 cm below it."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    before = build_meeting(Project(tmp_path / "examples"), "rcm-vmm2014", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "before"))
    house = tmp_path / "examples" / "templates" / "houses" / "rcm" / "house.yaml"
    house.write_text(house.read_text(encoding="utf-8") + "lines:\n  title-block:\n    kind: {after: 1cm}\n", encoding="utf-8")
    after = build_meeting(Project(tmp_path / "examples"), "rcm-vmm2014", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "after"))

    def gap(pdf: Path) -> float:
        lines = pages(pdf)[0]
        kind = next(i for i, line in enumerate(lines) if line.text.startswith("REPORT OF THE PRESIDENCY"))
        return lines[kind + 1].y - lines[kind].y

    pdfs = [next(p for p in paths if p.suffix == ".pdf") for paths in (before, after)]
    # the title's 13 pt above it still collapses with the kind line's space below: 1 cm wins over 13 pt
    assert gap(pdfs[1]) - gap(pdfs[0]) == pytest.approx((points("1cm") - 13) * 25.4 / 72, abs=0.3)
    word = next(p for p in after if p.suffix == ".docx")
    kind = next(p for p in docx.Document(str(word)).paragraphs if p.text.upper().startswith("REPORT OF THE PRESIDENCY"))
    assert kind.paragraph_format.space_after.pt == pytest.approx(points("1cm"), abs=0.05)
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
    # the summary carries the house masthead too: its rule's change, then the cell's padding above the text
    assert cells[1].y - cells[0].y == pytest.approx((3 - 1.5 + 12 - 6 + 8 - 2) * mm, abs=0.3)

    xml = zipfile.ZipFile(built(after, KIND, ".docx")).read("word/document.xml").decode()
    rule = re.search(r'<w:pBdr><w:bottom ([^>]*)/></w:pBdr><w:spacing w:before="(\d+)"', xml)
    assert rule and 'w:sz="24"' in rule.group(1) and 'w:color="CC3300"' in rule.group(1)
    assert int(rule.group(2)) == (12 - 1) * 20  # the space above the rule, less its paragraph's 1 pt line
    # and nothing more: a border's own space (w:space) set the Word title block 1 pt lower than the
    # PDF's, enough to carry eclac-cea2019's English edition's last agenda line to page 2 (parity check)
    assert 'w:space="0"' in rule.group(1)
    xml = zipfile.ZipFile(built(after, "chair-summary", ".docx")).read("word/document.xml").decode()
    margins = re.findall(r"<w:tblCellMar>(.*?)</w:tblCellMar>", xml)[1]  # the facts table's (the masthead's first)
    assert '<w:top w:w="160" w:type="dxa"/>' in margins and '<w:left w:w="240" w:type="dxa"/>' in margins


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


SPACED = """<html lang="en"><head><title>t</title></head><body>
<table class="agenda"><tbody><tr><td><ul><li>First item</li><li>Second item</li></ul></td></tr></tbody></table>
<p class="para">After the table.</p>
<div class="biography"><p class="bio-name"><strong>Ana Pérez</strong></p><p class="para">Her biography.</p></div>
</body></html>"""


def test_the_space_under_tables_cell_items_and_biography_names_comes_from_house_yaml(tmp_path: Path) -> None:
    """space_after in house.yaml: the PDF's lines move by the difference from the shared values
    (table 10 pt, a cell's list item 5 pt, a biography's name 2.2 pt) and Word has the same spaces."""
    import datetime as dt

    from reportgen.style.search_path import template_search_path
    from reportgen.writers import WriteContext
    from reportgen.writers.docx import write_docx
    from reportgen.writers.pdf import write_pdf

    changed = Measures().updated("x/house.yaml", {"space_after": {"table": "30pt", "cell-item": "12pt", "bio-name": "9pt"}})
    found = {}
    for name, measures in (("shared", Measures()), ("changed", changed)):
        ctx = WriteContext(template_search_path(None), "t", "en", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), measures=measures)
        write_pdf(SPACED, tmp_path / f"{name}.pdf", ctx)
        write_docx(SPACED, tmp_path / f"{name}.docx", ctx)
        found[name] = {line.text: line.y for line in pages(tmp_path / f"{name}.pdf")[0]}
    shared, moved = found["shared"], found["changed"]
    mm = 25.4 / 72

    def gap(lines: dict[str, float], upper: str, lower: str) -> float:
        return lines[lower] - lines[upper]

    assert gap(moved, "– First item", "– Second item") - gap(shared, "– First item", "– Second item") == pytest.approx(7 * mm, abs=0.2)
    assert gap(moved, "– Second item", "After the table.") - gap(shared, "– Second item", "After the table.") == pytest.approx((20 + 7) * mm, abs=0.2)
    assert gap(moved, "Ana Pérez", "Her biography.") - gap(shared, "Ana Pérez", "Her biography.") == pytest.approx(6.8 * mm, abs=0.2)
    document = docx.Document(str(tmp_path / "changed.docx"))
    items = document.tables[0].rows[0].cells[0].paragraphs
    assert [p.paragraph_format.space_after.pt for p in items] == [12, 12]
    after, name = (next(p for p in document.paragraphs if p.text == text) for text in ("After the table.", "Ana Pérez"))
    assert after.paragraph_format.space_before.pt == 30 and name.paragraph_format.space_after.pt == 9
    shared_doc = docx.Document(str(tmp_path / "shared.docx"))
    assert next(p for p in shared_doc.paragraphs if p.text == "After the table.").paragraph_format.space_before.pt == 10
