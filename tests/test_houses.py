"""House styles and document identity (issue 8): each house's first page read back from PDF and
DOCX, UN paragraph numbering and references, symbols with suffixes, partial dates, long titles,
`reportgen new`, and the worked custom house of docs/templates.md."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.cli import main
from reportgen.style.labels import Labels
from reportgen.core.project import Project
from reportgen.style.search_path import template_search_path
from reportgen.content.schema import Document, PartialDate

from .conftest import REPO

EXAMPLES = REPO / "examples"
KIND = "rapporteur-report"
LONG_TITLE = ("Report of the Committee on Macroeconomic Policy, Poverty Reduction and Inclusive Development on its first "
              "session, held in Bangkok from 29 November to 1 December 2017, including the summary of the dialogue with "
              "member States on financing for development and the recommendations addressed to the Commission at its "
              "seventy-fourth session")
assert len(LONG_TITLE) >= 300


def page_text(path: Path, first: int = 1, last: int | None = None, layout: bool = True) -> str:
    """Text of PDF pages; without layout, in reading order (a masthead's left block, then its right one)."""
    args = ["pdftotext", *(["-layout"] if layout else []), "-f", str(first), "-l", str(last or first), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_in_order(text: str, items: list[str]) -> None:
    """Each item occurs in `text` (case-insensitively), after the one before it."""
    low, pos = text.lower(), 0
    for item in items:
        found = low.find(item.lower(), pos)
        assert found >= 0, f"{item!r} not found after position {pos} in:\n{text[:1500]}"
        pos = found + len(item)


def docx_first_page(path: Path) -> str:
    """The masthead table (row by row, cell by cell) then the paragraphs up to the first heading."""
    document = docx.Document(str(path))
    lines = [p.text for t in document.tables[:1] for row in t.rows for cell in row.cells for p in cell.paragraphs]
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            break
        lines.append(p.text)
    return "\n".join(lines)


def numbered(document: docx.document.Document) -> list[int]:
    return [int(m.group(1)) for p in document.paragraphs if (m := re.match(r"^(\d+)\.\t", p.text))]


def build(project: Project, meeting: str, out: Path) -> dict[str, Path]:
    paths = build_meeting(project, meeting, BuildOptions(kinds=(KIND,), out_dir=out))
    return {p.suffix[1:]: p for p in paths}


def edit(path: Path, **document: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["document"].update(document)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="session")
def houses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each house built once: the examples as they are, and variants exercising identity options."""
    root = tmp_path_factory.mktemp("houses")
    out = root / "output"
    examples = Project(EXAMPLES)
    built = {"un": build(examples, "escap-cmp2017", out), "oas": build(examples, "oas-gtmig2014", out)}

    variant = root / "variant"
    shutil.copytree(EXAMPLES / "content", variant / "content")
    meeting = variant / "content" / "escap-cmp2017" / "meeting.yaml"
    from PIL import Image

    (variant / "templates" / "images").mkdir(parents=True)
    Image.new("RGB", (80, 80), (0, 114, 188)).save(variant / "templates" / "images" / "emblem.png")
    edit(meeting, title=LONG_TITLE, corrigendum=1, date="2017-11", contents=True, status="provisional",
         logo="templates/images/emblem.png")
    built["un-variant"] = build(Project(variant), "escap-cmp2017", root / "variant-out")

    plain = root / "plain"
    shutil.copytree(REPO / "content", plain / "content")
    (plain / "templates").mkdir()
    Image.new("RGB", (120, 60), (31, 78, 121)).save(plain / "templates" / "logo.png")
    edit(plain / "content" / "gfmd2011" / "meeting.yaml", house="plain", issuer="Global Forum on Migration and Development",
         logo="templates/logo.png", date=2011)
    built["plain"] = build(Project(plain), "gfmd2011", root / "plain-out")
    return built


# --------------------------------------------------------------------------- un


UN_FIRST_PAGE = ["United Nations", "E/ESCAP/CMP/2017/4", "21 November 2017",
                 "Economic and Social Commission for Asia and the Pacific",
                 "Committee on Macroeconomic Policy, Poverty Reduction and Inclusive Development", "First session",
                 "Bangkok, 29 November–1 December 2017", "Item 6 of the provisional agenda",
                 "Adoption of the report of the Committee", "Report of the Committee on Macroeconomic Policy"]


def test_un_masthead_lines_in_order_in_the_pdf(houses: dict) -> None:
    text = page_text(houses["un"]["pdf"])
    assert_in_order(text, UN_FIRST_PAGE)
    assert_in_order(text, ["United Nations", "Economic and Social Council", "Economic and Social Commission"])
    assert_in_order(text, ["Distr.: General", "21 November 2017", "Original: English"])
    assert "ENGLISH" not in text  # no language line in this house
    # The text begins on page 1 (no cover), with paragraph 1; the job number is at the foot.
    assert re.search(r"^1\.\s+The Committee made", text, re.MULTILINE)
    assert text.rstrip().splitlines()[-1].strip() == "B17-01234 (E)"


def test_un_masthead_lines_in_order_in_the_docx(houses: dict) -> None:
    path = houses["un"]["docx"]
    first = docx_first_page(path)
    assert_in_order(first, ["United Nations", "E/ESCAP/CMP/2017/4", "Economic and Social Council", "Distr.: General",
                            "21 November 2017", "Original: English"] + UN_FIRST_PAGE[3:])
    document = docx.Document(str(path))
    assert document.tables[0].rows[1].cells[0].paragraphs[0].style.name == "Masthead Organ"
    # No page break before the body: the first heading and paragraph 1 follow the title on page 1.
    body = "".join(el.xml for el in document.element.body.iterchildren())
    before_first_heading = body.split("Matters calling for action")[0]
    assert 'w:type="page"' not in before_first_heading and "pageBreakBefore" not in before_first_heading


def test_un_running_header_on_the_outer_side(houses: dict) -> None:
    document = docx.Document(str(houses["un"]["docx"]))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert section.header.paragraphs[0].text == "E/ESCAP/CMP/2017/4"
    assert section.header.paragraphs[0].alignment == 2  # right on odd pages
    assert section.even_page_header.paragraphs[0].text == "E/ESCAP/CMP/2017/4"
    assert section.even_page_header.paragraphs[0].alignment == 0  # left on even pages
    assert section.different_first_page_header_footer
    assert section.first_page_footer.paragraphs[0].text == "B17-01234 (E)"
    page2 = page_text(houses["un"]["pdf"], 2).splitlines()
    assert page2[0].startswith("E/ESCAP/CMP/2017/4")  # even page: the symbol at the left


def test_paragraph_numbers_run_across_sections(houses: dict) -> None:
    document = docx.Document(str(houses["un"]["docx"]))
    numbers = numbered(document)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 16  # 10–16: the organization chapter generated from facts
    texts = [p.text for p in document.paragraphs]
    # Section II starts with paragraph 3, section III with 10: no restart per section.
    assert texts[texts.index("II. Summary of proceedings") + 2].startswith("3.\t")
    assert texts[texts.index("III. Organization of the session") + 2].startswith("10.\t")
    pdf = flat(page_text(houses["un"]["pdf"], 1, 3))
    assert "III. Organization of the session A. Opening, duration and organization of the session 10. The Committee" in pdf
    # Items of a list belong to the paragraph before them and take no number of their own.
    assert "(a) The Committee recommends" in pdf


def test_paragraph_references_are_filled_in(houses: dict) -> None:
    docx_text = "\n".join(p.text for p in docx.Document(str(houses["un"]["docx"])).paragraphs)
    pdf = flat(page_text(houses["un"]["pdf"], 1, 3))
    for text in (docx_text, pdf):
        assert "(see para. 10)" in text
        assert "summarized in paragraphs 3–9 below" in text
        assert "[para" not in text


def test_contents_show_a_paragraphs_column(houses: dict) -> None:
    pdf = page_text(houses["un-variant"]["pdf"], 1, 2)
    assert re.search(r"Paragraphs\s+Page", pdf)
    assert re.search(r"Summary of proceedings[ .]+3–9\s+\d+", pdf)
    assert re.search(r"Organization of the session[ .]+10–16\s+\d+", pdf)
    document = docx.Document(str(houses["un-variant"]["docx"]))
    entries = [p.text for p in document.paragraphs if p.style.name == "TOC 1"]
    assert any(e.startswith("II. Summary of proceedings\t3–9\t") for e in entries), entries
    heads = [p.text for p in document.paragraphs if p.style.name == "Contents Page"]
    assert heads == ["\tParagraphs\tPage"]


def test_a_300_character_title_in_both_formats(houses: dict) -> None:
    paths = houses["un-variant"]
    assert LONG_TITLE in flat(page_text(paths["pdf"]))
    assert PdfReader(str(paths["pdf"])).metadata.title == LONG_TITLE
    document = docx.Document(str(paths["docx"]))
    assert LONG_TITLE in [p.text for p in document.paragraphs]  # the printed title is whole
    title = document.core_properties.title
    assert len(title) <= 255 and title.endswith("…") and LONG_TITLE.startswith(title[:-1])


def test_corrigendum_symbol_status_and_month_only_date(houses: dict) -> None:
    paths = houses["un-variant"]
    pdf = page_text(paths["pdf"])
    assert_in_order(pdf, ["E/ESCAP/CMP/2017/4/Corr.1", "November 2017", "Original: English", "PROVISIONAL", "Corrigendum"])
    assert "21 November" not in pdf
    document = docx.Document(str(paths["docx"]))
    assert document.sections[0].header.paragraphs[0].text == "E/ESCAP/CMP/2017/4/Corr.1"
    first = docx_first_page(paths["docx"])
    assert_in_order(first, ["E/ESCAP/CMP/2017/4/Corr.1", "November 2017", "PROVISIONAL", LONG_TITLE, "Corrigendum"])


def test_symbol_suffixes_as_the_un_prints_them() -> None:
    doc = Document(kind_label="Report", title="T", symbol="A/HRC/34/3", addendum=1, revision=2, corrigendum=1)
    assert doc.full_symbol == "A/HRC/34/3/Add.1/Rev.2/Corr.1"
    assert Document(kind_label="R", title="T", symbol="E/2017/4").full_symbol == "E/2017/4"


@pytest.mark.parametrize(("value", "printed"), [("2017-11", "November 2017"), (2017, "2017"), ("2017", "2017"),
                                                 ("2017-11-21", "21 November 2017")])
def test_document_dates_by_day_month_or_year(value: object, printed: str) -> None:
    doc = Document(kind_label="R", title="T", date=value)
    labels = Labels.load("en", template_search_path(None))
    assert labels.date(doc.date) == printed
    assert Labels.load("es", template_search_path(None)).date(PartialDate(2017, 11)) == "noviembre de 2017"


# --------------------------------------------------------------------------- oas and plain


def test_oas_two_block_masthead_in_both_formats(houses: dict) -> None:
    left = ["Permanent Council of the Organization of American States", "Committee on Migration Issues",
            "Working Group on Labour Migration"]
    right = ["OEA/Ser.G", "CP/CAM/GT/MIG-12/14", "10 April 2014", "Original: Spanish"]
    title = ["Report of the Chair on the special meeting on labour migration in the Americas",
             "“Labour migration in the Americas, protecting the rights of migrant workers and their families”"]
    pdf = flat(page_text(houses["oas"]["pdf"], layout=False))
    first = docx_first_page(houses["oas"]["docx"])
    for text in (pdf, first):
        for block in (left, right):
            assert_in_order(text, [*block, *title])
    assert "REPORT OF THE CHAIR ON THE SPECIAL MEETING" in pdf  # the title in capitals
    document = docx.Document(str(houses["oas"]["docx"]))
    assert [c.paragraphs[0].text for c in document.tables[0].rows[0].cells] == [left[0], right[0]]
    title_paragraph = next(p for p in document.paragraphs if p.text == title[0])
    assert title_paragraph.style.font.all_caps
    assert "ENGLISH" not in pdf and "Distr" not in pdf


def test_plain_house_has_the_organisation_and_logo_and_no_symbol_furniture(houses: dict) -> None:
    pdf = page_text(houses["plain"]["pdf"])
    assert_in_order(pdf, ["Global Forum on Migration and Development", "SUMMARY REPORT", "Thematic Workshop", "2011"])
    assert "Distr" not in pdf and "ORIGINAL" not in pdf
    assert_in_order(docx_first_page(houses["plain"]["docx"]),
                    ["Global Forum on Migration and Development", "Summary report", "Thematic Workshop", "2011"])
    document = docx.Document(str(houses["plain"]["docx"]))
    masthead = document.tables[0].rows[0].cells[0]
    assert masthead._tc.xpath(".//pic:pic")  # the logo, as an inline picture
    assert masthead.paragraphs[-1].text == "Global Forum on Migration and Development"
    assert document.sections[0].header.paragraphs[0].text == ""
    reader = PdfReader(str(houses["plain"]["pdf"]))
    assert reader.pages[0].images  # the logo in the PDF too


# --------------------------------------------------------------------------- reportgen new, custom house


@pytest.mark.parametrize("house", ["eclac", "un", "oas", "plain"])
def test_reportgen_new_writes_a_starter_that_validates_and_builds(house: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--project", str(tmp_path), "new", "first-meeting", "--house", house])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content" / "first-meeting" / "meeting.yaml").read_text(encoding="utf-8")
    assert f"house: {house}" in text and text.startswith("# yaml-language-server: $schema=../../meeting.schema.json\n# first-meeting:")
    result = runner.invoke(main, ["--project", str(tmp_path), "validate", "first-meeting"])
    assert result.exit_code == 0, result.output
    if house == "un":
        result = runner.invoke(main, ["--project", str(tmp_path), "build", "first-meeting", "--kind", KIND])
        assert result.exit_code == 0, result.output
        out = tmp_path / "output" / "first-meeting"
        assert "see para. 1." in flat(page_text(out / f"first-meeting-{KIND}.pdf"))
        assert numbered(docx.Document(str(out / f"first-meeting-{KIND}.docx"))) == [1, 2]
    if house == "eclac":
        result = runner.invoke(main, ["--project", str(tmp_path), "build", "first-meeting", "--kind", KIND, "--pdf"])
        assert result.exit_code == 0, result.output
        lines = [line.strip() for line in page_text(tmp_path / "output" / "first-meeting" / f"first-meeting-{KIND}.pdf").splitlines()]
        # Written in its original language: ORIGINAL: ENGLISH alone, no ENGLISH line above it.
        assert "ORIGINAL: ENGLISH" in lines and "ENGLISH" not in lines
    again = runner.invoke(main, ["--project", str(tmp_path), "new", "first-meeting", "--house", house])
    assert again.exit_code == 2 and "already exists" in again.output


def test_reportgen_new_refuses_an_unknown_house(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "new", "m", "--house", "unn"])
    assert result.exit_code == 2
    assert "unknown house style 'unn' (did you mean 'un'?)" in result.output
    assert not (tmp_path / "content").exists()


def test_the_documented_custom_house_builds(tmp_path: Path) -> None:
    """docs/templates.md shows examples/templates/houses/rcm/ file by file; it builds as shown."""
    docs = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    house = EXAMPLES / "templates" / "houses" / "rcm"
    for path in sorted(p for p in house.rglob("*") if p.is_file() and p.suffix != ".docx"):  # reference.docx: made by a tool
        assert path.read_text(encoding="utf-8").strip() in docs, f"{path.name} differs from docs/templates.md"
    shutil.copytree(EXAMPLES / "templates", tmp_path / "templates")
    runner = CliRunner()
    assert runner.invoke(main, ["--project", str(tmp_path), "new", "rcm-2014", "--house", "rcm"]).exit_code == 0
    meeting = tmp_path / "content" / "rcm-2014" / "meeting.yaml"
    edit(meeting, issuer="Regional Conference on Migration", theme="Migration and development")
    paths = build(Project(tmp_path), "rcm-2014", tmp_path / "out")
    pdf = page_text(paths["pdf"])
    assert_in_order(pdf, ["Regional Conference on Migration", "REPORT", "Report of the meeting",
                          "«Migration and development»"])  # quotes from the house's own labels
    assert re.search(r"^1\.\s+A first paragraph", pdf, re.MULTILINE)  # numbering: the house's own default
    first = docx_first_page(paths["docx"])
    assert_in_order(first, ["Regional Conference on Migration", "Report", "Report of the meeting", "«Migration and development»"])


def test_custom_house_example_with_translation_note_and_references_from_the_summary(tmp_path: Path) -> None:
    paths = {p.name: p for p in build_meeting(Project(EXAMPLES), "rcm-vmm2014", BuildOptions(out_dir=tmp_path))}
    report, summary = "rcm-vmm2014-rapporteur-report", "rcm-vmm2014-chair-summary"
    pdf = page_text(paths[report + ".pdf"])
    assert_in_order(pdf, ["Regional Conference on Migration", "REPORT OF THE PRESIDENCY PRO TEMPORE",
                          "«Migration and the family»", "June 2014", "Unofficial translation; original: Spanish"])
    first = docx_first_page(paths[report + ".docx"])
    assert_in_order(first, ["Regional Conference on Migration", "«Migration and the family»", "June 2014",
                            "Unofficial translation; original: Spanish"])
    # The chair's summary has no numbers of its own: it refers to those of the full record.
    assert "summarized in paragraphs 3–4:" in flat(page_text(paths[summary + ".pdf"], 1, 2))
    assert "summarized in paragraphs 3–4:" in "\n".join(p.text for p in docx.Document(str(paths[summary + ".docx"])).paragraphs)


def test_un_emblem_before_the_organ(houses: dict) -> None:
    document = docx.Document(str(houses["un-variant"]["docx"]))
    organ = document.tables[0].rows[1].cells[0].paragraphs[0]
    assert organ._p.xpath(".//pic:pic") and organ.text.strip() == "Economic and Social Council"
    assert PdfReader(str(houses["un-variant"]["pdf"])).pages[0].images


def test_the_examples_project_validates_and_keeps_an_unmodified_themes_file() -> None:
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "validate"])
    assert result.exit_code == 0, result.output
    assert (EXAMPLES / "content" / "themes.yaml").read_bytes() == (REPO / "content" / "themes.yaml").read_bytes()


def test_a_reference_to_a_section_without_numbered_paragraphs_is_located(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "content", tmp_path / "content")
    meeting = tmp_path / "content" / "oas-gtmig2014" / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8").replace("  house: oas\n", "  house: oas\n  paragraph_numbers: true\n")
    text = text.replace("By resolution AG/RES. 2800", "As recommended in paragraph [para:recommendations], by resolution AG/RES. 2800")
    meeting.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "build", "oas-gtmig2014", "--pdf"])
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "[para:recommendations]" in t)
    assert result.output.splitlines()[0].startswith(f"content/oas-gtmig2014/meeting.yaml:{line}:")
    assert "[para:recommendations]: that section has no numbered paragraph to refer to" in result.output
    assert not (tmp_path / "output").exists()
