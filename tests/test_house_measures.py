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
from .ooxml_schema import schema_errors
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
     "x/house.yaml: lines.title-block.title: expected before, after, left, right, height, "
     "like {before: 11pt, after: 6.6pt, left: 1cm, right: 1cm, height: 14.3pt}"),
    ("lines:\n  title-block:\n    title: {after: 1em}\n",
     "x/house.yaml: lines.title-block.title.after: expected a length in pt, cm or mm, like 1.2cm (found '1em')"),
    ("lines:\n  title-block: [title]\n",
     "x/house.yaml: lines.title-block: expected lines by their class, "
     "like {title: {before: 11pt, after: 6.6pt, left: 1cm, right: 1cm, height: 14.3pt}}"),
    ("lines:\n  title-block:\n    Title: {after: 1pt}\n", "x/house.yaml: lines.title-block: 'Title' is not a line's class like title"),
    ("lines:\n  masthead:\n    issuer: {height: 1.3}\n",
     "x/house.yaml: lines.masthead.issuer.height: expected a length in pt, cm or mm, like 1.2cm (found 1.3)"),
    ("masthead_rule: {colour: red}\n", "x/house.yaml: masthead_rule: expected width, color, space, like {width: 1.5pt, color: '000000', space: 6pt}"),
    ("masthead_rule: {width: thick}\n", "x/house.yaml: masthead_rule.width: expected a length in pt, cm or mm, like 1.2cm (found 'thick')"),
    ("table_padding:\n  grid: {top: 3pt}\n", "x/house.yaml: table_padding.grid: expected vertical, horizontal, group, like {vertical: 3pt, horizontal: 5pt}"),
    ("table_padding:\n  agenda: {group: 12}\n",
     "x/house.yaml: table_padding.agenda.group: expected a length in pt, cm or mm, like 1.2cm (found 12)"),
    ("space_after: {tables: 3pt}\n", "x/house.yaml: space_after: expected table, cell-item, bio-name with a length, like {bio-name: 2pt}"),
    ("space_after: {table: 3}\n", "x/house.yaml: space_after.table: expected a length in pt, cm or mm, like 1.2cm (found 3)"),
    ("label_gap: 3pt\n", "x/house.yaml: label_gap: expected ems of the heading's size, like 0.3em (found '3pt')"),
    ("page_margins: {top: 2}\n", "x/house.yaml: page_margins.top: expected a length in pt, cm or mm, like 1.2cm (found 2)"),
    ("page_margins: {inner: 2cm}\n",
     "x/house.yaml: page_margins: expected top, bottom, left, right, like {top: 2.5cm, bottom: 2.6cm, left: 2.4cm, right: 2.4cm}"),
    ("page_margins_cm: {top: wide}\n", "x/house.yaml: page_margins_cm.top: expected a number of centimetres, like 2.3 (found 'wide')"),
    ("page_margins_cm: {top: 2}\npage_margins: {top: 2cm}\n",
     "x/house.yaml: page_margins_cm: give the margins once, as page_margins (lengths, like 2.3cm)"),
    ("contents_inset: 8\n", "x/house.yaml: contents_inset: expected a length in pt, cm or mm, like 1.2cm (found 8)"),
    ("table_rule: {style: dotted}\n", "x/house.yaml: table_rule: expected width, color, like {width: 0.5pt, color: '000000'}"),
    ("group_shading: grey\n", "x/house.yaml: group_shading: expected six hex digits, like e6e6e6 (quoted when all digits)"),
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
    # plain's space above and line height, the shared sides
    assert lines["title"] == {"before": "13pt", "after": "9pt", "left": "1cm", "right": "1cm", "height": "16.9pt"}
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


PAGED = """<html lang="en"><head><title>t</title></head><body>
<nav class="toc"><p class="toc-head">Contents</p><p class="toc-page">Page</p>
<p class="toc-1"><a href="#one">First chapter</a></p><p class="toc-2"><a href="#two">A section</a></p></nav>
<h1 id="one">First chapter</h1><h2 id="two">A section</h2>
""" + "<p class=\"para\">" + " ".join(["The delegations welcomed the report and asked the secretariat to continue its work."] * 12) + "</p>\n</body></html>"
MARGINS = {"top": "3cm", "bottom": "2cm", "left": "3.5cm", "right": "1.5cm"}


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """One page's words as (xMin, yMin, xMax, yMax) in mm from the page's top left, and their text."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml)
    return [(*(float(v) * 25.4 / 72 for v in word[:4]), word[4]) for word in found]


def _write_both(tmp_path: Path, name: str, measures: Measures, direction: str) -> tuple[Path, Path]:
    import datetime as dt

    from reportgen.style.houses import stylesheets
    from reportgen.style.search_path import template_search_path
    from reportgen.writers import WriteContext
    from reportgen.writers.docx import write_docx
    from reportgen.writers.pdf import write_pdf

    search = template_search_path(None)
    ctx = WriteContext(search, "t", "en", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
                       stylesheets(search, "eclac", direction=direction), direction=direction, measures=measures)
    pdf, word = tmp_path / f"{name}.pdf", tmp_path / f"{name}.docx"
    write_pdf(PAGED, pdf, ctx)
    write_docx(PAGED, word, ctx)
    return pdf, word


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_the_page_margins_and_the_contents_inset_in_house_yaml_are_the_pdf_s_text_box_and_word_s_page(tmp_path: Path, direction: str) -> None:
    """page_margins, contents_inset and contents_indent changed in house.yaml: the PDF's text box is
    the margins (left and right change places right to left), the contents' page numbers stand the
    inset inside it; Word's w:pgMar has the same margins (2 twips wider at the end: MEASURE_ALLOWANCE_TWIPS),
    its contents' tab stop the same inset and its entries the same indents."""
    changed = Measures().updated("x/house.yaml", {"page_margins": MARGINS, "contents_inset": "1.5cm", "contents_indent": "2cm"})
    shared_pdf, _ = _write_both(tmp_path, "shared", Measures(), direction)
    pdf, word = _write_both(tmp_path, "changed", changed, direction)
    start, end = (MARGINS["right"], MARGINS["left"]) if direction == "rtl" else (MARGINS["left"], MARGINS["right"])
    left, right = 10 * float(start.removesuffix("cm")), 10 * float(end.removesuffix("cm"))  # physical, in mm
    body = [w for w in _words(pdf, 2) if w[3] < 297 - 20]  # above the foot's page number
    assert min(w[0] for w in body) == pytest.approx(left, abs=0.3)  # justified lines fill the measure
    assert max(w[2] for w in body) == pytest.approx(210 - right, abs=0.3)
    shared_body = [w for w in _words(shared_pdf, 2) if w[3] < 297 - 26]
    assert min(w[1] for w in body) - min(w[1] for w in shared_body) == pytest.approx(30 - 25, abs=0.1)  # 3 cm down, not 2.5
    contents = _words(pdf, 1)
    number = next(w for w in contents if w[4] == "2" and w[1] > contents[0][1])  # the first entry's page number
    entry = [w for w in contents if w[4] in ("A", "section")]  # the second level, indented from the start
    if direction == "ltr":
        assert number[2] == pytest.approx(210 - right - 15, abs=0.3)
        assert min(w[0] for w in entry) == pytest.approx(left + 20, abs=0.3)
    else:
        assert number[0] == pytest.approx(left + 15, abs=0.3)
        assert max(w[2] for w in entry) == pytest.approx(210 - right - 20, abs=0.3)

    twips = {side: round(points(length) * 20) for side, length in MARGINS.items()}
    physical = {"top": twips["top"], "bottom": twips["bottom"],
                "left": twips["right" if direction == "rtl" else "left"], "right": twips["left" if direction == "rtl" else "right"]}
    physical["left" if direction == "rtl" else "right"] -= 2  # the end side gives Word its allowance
    xml = zipfile.ZipFile(word).read("word/document.xml").decode()
    margins = re.findall(r"<w:pgMar ([^>]*)/>", xml)
    assert margins and all(dict(re.findall(r'w:(\w+)="(\d+)"', found)) | {k: str(v) for k, v in physical.items()}
                           == dict(re.findall(r'w:(\w+)="(\d+)"', found)) for found in margins)
    document = docx.Document(str(word))
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    entries = [p for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    assert [p.style.name for p in entries] == ["TOC 1", "TOC 2"]
    for p in entries:
        assert [round(stop.position.cm, 2) for stop in p.paragraph_format.tab_stops] == [round((width - docx.shared.Cm(1.5)) / 360000, 2)]
        assert round(p.paragraph_format.right_indent.cm, 2) == 1.5
    assert [round(p.paragraph_format.left_indent.cm, 2) for p in entries] == [0, 2]


@pytest.mark.parametrize(("meeting", "house", "margins"), [
    ("eclac-cea2019", "eclac", (25, 26, 24, 24)),  # top, bottom, left, right in mm: the shared measures
    ("escap-cmp2017", "un", (20, 25, 23, 23)),
    ("oas-gtmig2014", "oas", (25, 26, 24, 24)),
    ("idm2025-workshop", "plain", (25, 26, 24, 24)),
    ("rcm-vmm2014", "rcm", (25, 26, 24, 24)),
])
def test_every_house_s_page_margins_are_the_pdf_s_text_box_and_word_s_page(examples: dict, meeting: str, house: str,
                                                                           margins: tuple[int, int, int, int]) -> None:
    """Each house's margins (house.yaml page_margins along its chain; un its own): the text of its
    PDF's portrait pages fills the box they leave, and its Word file's every section has them."""
    base = [REPO / "examples" / "templates", default_templates_dir()]
    page = load_house(base, house).measures.page_margins
    assert tuple(round(points(side) * 25.4 / 72, 3) for side in (page.top, page.bottom, page.left, page.right)) == margins
    top, bottom, left, right = margins
    xml = subprocess.run(["pdftotext", "-bbox", str(examples[(meeting, KIND, "pdf")]), "-"], capture_output=True, text=True, check=True).stdout
    body = []
    for width, height, words in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        if round(float(width) * 25.4 / 72) != 210:
            continue  # a landscape page
        for x0, y0, x1, y1 in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words):
            box = [float(v) * 25.4 / 72 for v in (x0, y0, x1, y1)]
            if box[1] > top - 1 and box[3] < 297 - bottom + 1:  # not the running head or the foot
                body.append(box)
    assert min(box[0] for box in body) == pytest.approx(left, abs=0.15)
    # justified lines end at the margin (the last glyph of a line may overhang it by a fraction of a millimetre)
    assert sum(1 for box in body if abs(box[2] - (210 - right)) < 0.1) >= 3 and max(box[2] for box in body) < 210 - right + 0.5
    assert min(box[1] for box in body) == pytest.approx(top, abs=3)  # the first line's glyphs, under the top margin
    word = docx.Document(str(examples[(meeting, KIND, "docx")]))
    for section in word.sections:
        if section.page_width < section.page_height:
            assert (section.top_margin.twips, section.bottom_margin.twips, section.left_margin.twips, section.right_margin.twips + 2) == \
                tuple(round(mm * 72 / 25.4 * 20) for mm in margins)


def test_page_margins_cm_is_still_read_for_both_formats_with_a_warning_naming_the_new_key(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A project house written before page_margins: its page_margins_cm (numbers of centimetres) are
    the house's page margins, now for the PDF as well as Word, and the user is told the new spelling once."""
    from reportgen.style import measures as measures_module
    from reportgen.writers.house_reference import house_reference

    templates = _house(tmp_path, "page_margins_cm: {top: 3, left: 3.5, right: '1.5'}\ncontents_inset: 1.2cm\n")
    measures_module._WARNED.discard("x/house.yaml")
    base = [templates, default_templates_dir()]
    with caplog.at_level("WARNING"):
        page = load_house(base, "x").measures.page_margins
        load_house(base, "x")
    assert (page.top, page.bottom, page.left, page.right) == ("3cm", "2.6cm", "3.5cm", "1.5cm")  # bottom: the shared one
    assert [r.getMessage() for r in caplog.records] == [
        "x/house.yaml: page_margins_cm is the older spelling of page_margins, which both the PDF and Word read; "
        "write page_margins: {top: 3cm, left: 3.5cm, right: 1.5cm}"]
    assert "@page { margin: 3cm 1.5cm 2.6cm 3.5cm; }" in load_house(base, "x").measures.css()
    reference = house_reference(base, "x", default_templates_dir() / "reference.docx")
    section = reference.sections[0]
    assert [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [3, 2.6, 3.5, 1.5]
    assert [round(reference.styles[name].paragraph_format.right_indent.cm, 2) for name in ("TOC 1", "TOC 2")] == [1.2, 1.2]
    assert round(reference.styles["TOC 2"].paragraph_format.left_indent.cm, 2) == 1


def test_a_project_s_un_house_yaml_with_page_margins_cm_replaces_the_packaged_page_margins(tmp_path: Path) -> None:
    """A project copy of the un house.yaml made before page_margins (it says page_margins_cm) is laid
    over the packaged file key by key: its margins replace the packaged ones, with no 'give them once' error."""
    folder = tmp_path / "templates" / "houses" / "un"
    folder.mkdir(parents=True)
    (folder / "house.yaml").write_text("page_margins_cm: {top: 2.2, bottom: 2.5, left: 2.3, right: 2.3}\n", encoding="utf-8")
    page = load_house([tmp_path / "templates", default_templates_dir()], "un").measures.page_margins
    assert (page.top, page.bottom, page.left, page.right) == ("2.2cm", "2.5cm", "2.3cm", "2.3cm")


def test_the_logo_s_height_comes_from_house_yaml_in_both_formats(tmp_path: Path) -> None:
    """logo_height (un 1.2cm, plain 1.6cm): the emblem's height in the PDF and Word's inline picture."""
    import base64
    import datetime as dt
    import io

    from reportgen.style.search_path import template_search_path
    from reportgen.writers import WriteContext
    from reportgen.writers.docx import write_docx
    from reportgen.writers.pdf import write_pdf

    png = io.BytesIO()
    Image.new("RGB", (80, 80), (0, 114, 188)).save(png, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    html = (f'<html lang="en"><head><title>t</title></head><body><header class="masthead"><div class="mh-row"><div class="mh-cell">'
            f'<p class="mh-organ"><img src="{uri}" alt="emblem"> Economic and Social Council</p></div></div></header></body></html>')
    base = [default_templates_dir()]
    assert [load_house(base, name).measures.logo_height for name in ("eclac", "un", "plain")] == ["1.5cm", "1.2cm", "1.6cm"]
    measures = Measures().updated("x/house.yaml", {"logo_height": "2cm"})
    ctx = WriteContext(template_search_path(None), "t", "en", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), measures=measures)
    write_pdf(html, tmp_path / "logo.pdf", ctx)
    write_docx(html, tmp_path / "logo.docx", ctx)
    subprocess.run(["pdftoppm", "-r", "254", "-png", "-f", "1", "-l", "1", str(tmp_path / "logo.pdf"), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")  # 254 dpi: 100 pixels a centimetre
    rows = [y for y in range(image.height) if any(abs(image.getpixel((x, y))[2] - 188) < 20 and image.getpixel((x, y))[0] < 30
                                                  for x in range(0, image.width // 2, 4))]
    assert len(rows) == pytest.approx(200, abs=2)  # 2 cm
    xml = zipfile.ZipFile(tmp_path / "logo.docx").read("word/document.xml").decode()
    assert re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml).group(2) == "720000"  # 2 cm in EMU


RULED = """<html lang="en"><head><title>t</title></head><body>
<table class="grid"><thead><tr><th scope="col">Item</th><th scope="col">Note</th></tr></thead>
<tbody><tr class="group"><th scope="row" colspan="2">Group</th></tr><tr><td>One</td><td>Two</td></tr></tbody></table>
<table class="agenda"><thead><tr><th scope="col">Time</th><th scope="col">Item</th></tr></thead>
<tbody><tr><td>10:00</td><td>Opening</td></tr></tbody></table>
</body></html>"""


def test_a_ruled_table_s_rules_and_group_rows_come_from_house_yaml_in_both_formats(tmp_path: Path) -> None:
    """table_rule (grid borders, the rule under an agenda's header row) and group_shading: drawn in the
    PDF in their colours, and Word's table borders, cell rule and cell fill have the same width and colours."""
    import datetime as dt

    from reportgen.style.search_path import template_search_path
    from reportgen.writers import WriteContext
    from reportgen.writers.docx import write_docx
    from reportgen.writers.pdf import write_pdf

    shared = Measures()
    assert (shared.table_rule.width, shared.table_rule.color, shared.group_shading) == ("0.5pt", "000000", "e6e6e6")
    measures = shared.updated("x/house.yaml", {"table_rule": {"width": "1.5pt", "color": "cc3300"}, "group_shading": "ffcc00"})
    ctx = WriteContext(template_search_path(None), "t", "en", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), measures=measures)
    write_pdf(RULED, tmp_path / "ruled.pdf", ctx)
    write_docx(RULED, tmp_path / "ruled.docx", ctx)
    assert _pixels_of(tmp_path / "ruled.pdf", tmp_path / "r", (0xcc, 0x33, 0x00)) > 300  # the rules, across both tables
    assert _pixels_of(tmp_path / "ruled.pdf", tmp_path / "g", (0xff, 0xcc, 0x00)) > 300  # the group row's fill
    xml = zipfile.ZipFile(tmp_path / "ruled.docx").read("word/document.xml").decode()
    borders = re.search(r"<w:tblBorders>(.*?)</w:tblBorders>", xml).group(1)
    assert re.findall(r'<w:(\w+) w:val="single" w:sz="12" w:space="0" w:color="CC3300"/>', borders) == [
        "top", "left", "bottom", "right", "insideH", "insideV"]
    assert '<w:shd w:val="clear" w:color="auto" w:fill="FFCC00"/>' in xml
    assert xml.count('<w:tcBorders><w:bottom w:val="single" w:sz="12" w:space="0" w:color="CC3300"/></w:tcBorders>') == 2  # the agenda's head
    margins = re.search(r"<w:tblCellMar>(.*?)</w:tblCellMar>", xml).group(1)
    assert '<w:left w:w="115" w:type="dxa"/>' in margins  # the grid's 5 pt padding and half the 1.5 pt rule
    assert schema_errors(tmp_path / "ruled.docx") == []  # borders and fill where ECMA-376 orders them


def test_a_print_css_that_still_sets_the_page_margins_is_told_that_house_yaml_sets_them(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A project print.css written when it set the margins (@page { margin: … }): the PDF keeps the
    house's page_margins, as Word does, and the build warns with the file, line and where to give them."""
    import datetime as dt

    from reportgen.writers import WriteContext
    from reportgen.writers.pdf import write_pdf

    css = tmp_path / "templates" / "print.css"
    css.parent.mkdir()
    css.write_text((default_templates_dir() / "print.css").read_text(encoding="utf-8")
                   + "@page {\n  margin: 4cm;\n}\n@page wide { margin: 1cm; }\n", encoding="utf-8")
    search = [css.parent, default_templates_dir()]
    ctx = WriteContext(search, "t", "en", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), [css])
    with caplog.at_level("WARNING"):
        write_pdf(PAGED, tmp_path / "own.pdf", ctx)
    line = len((default_templates_dir() / "print.css").read_text(encoding="utf-8").splitlines()) + 2
    assert [r.getMessage() for r in caplog.records] == [
        f"{css}:{line}: @page sets a margin, which house.yaml page_margins overrides (both the PDF and Word read the page "
        "margins from there): give them as page_margins in the house's house.yaml"]
    body = [w for w in _words(tmp_path / "own.pdf", 2) if w[3] < 297 - 26]
    assert min(w[0] for w in body) == pytest.approx(24, abs=0.3)  # the shared page_margins' 2.4 cm, not 4 cm


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_issuer_s_lines_end_issuer_gap_before_the_distribution_block_in_both_formats(tmp_path: Path) -> None:
    """house.yaml issuer_gap: a long issuer wraps before the Distr. block less the gap, at the same
    words in the PDF and in the Word file as LibreOffice lays it out (Word: the issuer's end indent)."""
    from .lo_layout import lay_out

    shutil.copytree(REPO / "examples", tmp_path / "examples")
    meeting = tmp_path / "examples" / "content" / "eclac-cea2019" / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "  issuer: CEPAL\n" in text
    meeting.write_text(text.replace("  issuer: CEPAL\n", "  issuer: COMISIÓN ECONÓMICA PARA AMÉRICA LATINA Y EL CARIBE\n"), encoding="utf-8")
    house = tmp_path / "examples" / "templates" / "houses" / "eclac" / "house.yaml"
    house.parent.mkdir(parents=True)
    house.write_text((default_templates_dir() / "houses" / "eclac" / "house.yaml").read_text(encoding="utf-8") + "issuer_gap: 3cm\n",
                     encoding="utf-8")
    paths = build_meeting(Project(tmp_path / "examples"), "eclac-cea2019", BuildOptions(kinds=(KIND,), out_dir=tmp_path / "out"))
    pdf, word = (next(p for p in paths if p.suffix == suffix) for suffix in (".pdf", ".docx"))
    [laid_out] = lay_out(tmp_path / "lo", tmp_path / "profile", [word])
    measures = load_house([tmp_path / "examples" / "templates", default_templates_dir()], "eclac").measures
    assert measures.issuer_gap == "3cm"
    mm = 25.4 / 72
    limit = (595.3 - points(measures.page_margins.right) - points(measures.distribution_block) - points("3cm")) * mm
    issuer_words = set("COMISIÓN ECONÓMICA PARA AMÉRICA LATINA Y EL CARIBE".split())
    broken = []
    for document in (pdf, laid_out):
        lines = [line for line in pages(document)[0][:8] if line.words and set(line.words) <= issuer_words]
        assert lines and all(line.box[2] <= limit + 0.5 for line in lines), (document, [(line.text, line.box[2]) for line in lines], limit)
        broken.append([line.text for line in lines])
    assert broken[0] == broken[1] and len(broken[0]) > 1  # wrapped, and at the same words
    xml = zipfile.ZipFile(word).read("word/document.xml").decode()
    assert re.search(r'<w:pStyle w:val="MastheadIssuer"/>.*?<w:ind w:right="1701"/>', xml)  # 3 cm in twips
