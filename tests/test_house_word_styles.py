"""A house's Word styles win over the shared ones: the DOCX of each house example places its
headings where the house (house.yaml word_styles, print.css) and its PDF place them."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

from reportgen.core.errors import TemplateProblem
from reportgen.writers.house_reference import spec_for

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _tool():
    spec = importlib.util.spec_from_file_location("make_house_references", REPO / "tools" / "make_house_references.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def effective(paragraph, attribute: str):
    """A paragraph property as Word resolves it: the paragraph's own, else its style's, else the base styles'."""
    value = getattr(paragraph.paragraph_format, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attribute)
        style = style.base_style
    return value


def pdf_lines(path: Path) -> list[tuple[float, str]]:
    """(left edge in points, text) of every line of the PDF, in reading order."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(x), " ".join(re.findall(r">([^<]+)</word>", body)))
            for x, body in re.findall(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', xml, re.S)]


def test_un_headings_sit_at_the_left_margin_as_the_house_says(examples: dict) -> None:
    house = yaml.safe_load((REPO / "templates" / "houses" / "un" / "house.yaml").read_text(encoding="utf-8"))
    intent = ALIGN[house["word_styles"]["Heading 1"]["align"]]
    document = docx.Document(str(examples[("escap-cmp2017", "rapporteur-report", "docx")]))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings][:2] == ["I. Matters calling for action by the Commission or brought to its attention",
                                            "II. Summary of proceedings"]
    for paragraph in headings:
        assert effective(paragraph, "alignment") == intent, paragraph.text
        # at the margin, not narrowed from both sides (which LibreOffice and Word show as centred)
        assert (effective(paragraph, "left_indent") or 0) == 0, paragraph.text
        assert (effective(paragraph, "right_indent") or 0) == 0, paragraph.text
    # ... where the PDF puts them: the heading starts where the body text starts
    lines = pdf_lines(examples[("escap-cmp2017", "rapporteur-report", "pdf")])
    body_x = min(x for x, text in lines if text.startswith("Report of the Committee"))
    heading_x = [x for x, text in lines if text.startswith(("I. Matters", "II. Summary"))]
    assert len(heading_x) == 2 and all(abs(x - body_x) < 1 for x in heading_x)


def test_a_house_style_moved_off_centre_loses_the_centring_indents() -> None:
    assert spec_for("Heading 1", {"align": "left"}).indent == (0.0, 0.0)
    assert spec_for("Heading 1", {"align": "left", "indent": [1, 0.5]}).indent == (1.0, 0.5)  # the house's own wins
    assert spec_for("Heading 1", {"size": 12}).indent is None  # still centred: the shared indents stay
    assert spec_for("Heading 1", {"align": "center"}).indent is None
    with pytest.raises(TemplateProblem, match="unknown setting 'colour' \\(did you mean 'color'\\?\\)"):
        spec_for("Heading 1", {"colour": "blue"})


HOUSE_REFERENCES = sorted(p.parent for folder in (REPO / "templates", REPO / "examples" / "templates")
                          for p in (folder / "houses").glob("*/reference.docx"))


@pytest.mark.parametrize("folder", HOUSE_REFERENCES, ids=lambda p: p.name)
def test_house_reference_documents_are_up_to_date_with_house_yaml(folder: Path, tmp_path: Path) -> None:
    """The committed reference.docx is what tools/make_house_references.py makes of its house.yaml
    (and of the house.yaml of the houses it extends: the examples' rcm starts from plain)."""
    templates = tmp_path / "templates"
    (templates / "houses" / folder.name).mkdir(parents=True)
    shutil.copy(folder / "house.yaml", templates / "houses" / folder.name)
    _tool().main(templates)  # from the packaged shared reference document and packaged houses
    made, committed = (zipfile.ZipFile(p / "reference.docx") for p in (templates / "houses" / folder.name, folder))
    for part in ("word/styles.xml", "word/document.xml"):
        assert made.read(part) == committed.read(part), f"{folder}: {part} differs: run tools/make_house_references.py"


def test_a_house_extending_another_starts_from_its_word_styles(examples: dict) -> None:
    """rcm extends plain: its DOCX has plain's title size and its own blue organisation name, as its PDF."""
    styles = docx.Document(str(examples[("rcm-vmm2014", "rapporteur-report", "docx")])).styles
    assert styles["Document Title"].font.size.pt == 13  # plain's word_styles
    assert str(styles["Masthead Organisation"].font.color.rgb) == "1F4E79"  # rcm's, as its print.css
    assert str(styles["Document Kind"].font.color.rgb) == "1F4E79"


def test_reportgen_house_makes_a_project_house_s_word_styles(tmp_path: Path) -> None:
    """`reportgen house rcm --reference` writes the project house's reference.docx from its house.yaml
    (and plain's, which it extends), as the committed one; without the flag it only describes the house."""
    from click.testing import CliRunner

    from reportgen.cli import main

    project = tmp_path / "examples"
    shutil.copytree(REPO / "examples", project)
    made = project / "templates" / "houses" / "rcm" / "reference.docx"
    made.unlink()
    result = CliRunner().invoke(main, ["--project", str(project), "house", "rcm"])
    assert result.exit_code == 0 and not made.exists()
    assert "extends: plain" in result.output and "reference.docx: " in result.output
    assert "print.css: " in result.output and "templates/houses/rcm/print.css" in result.output
    # the measures both writers read: rcm's blue rule over plain's 6 pt, plain's title-block space
    assert "rules: thick 2.5pt #000000, thin 2pt #1f4e79, 6pt above" in result.output
    assert "masthead rule: none" in result.output  # plain's: its rows have their own rules
    assert "table padding: agenda 4pt 6pt, 12pt above group rows, facts 2pt 6pt, grid 3pt 5pt" in result.output
    assert "title-block 1.2cm above, 1cm below" in result.output
    assert "space after: bio-name 2.2pt, cell-item 5pt, table 10pt" in result.output
    result = CliRunner().invoke(main, ["--project", str(project), "house", "rcm", "--reference"])
    assert result.exit_code == 0, result.output
    assert "wrote templates/houses/rcm/reference.docx" in result.output
    committed = zipfile.ZipFile(REPO / "examples" / "templates" / "houses" / "rcm" / "reference.docx")
    assert zipfile.ZipFile(made).read("word/styles.xml") == committed.read("word/styles.xml")
    result = CliRunner().invoke(main, ["--project", str(project), "house", "rcn"])
    assert result.exit_code == 2 and "unknown house style 'rcn' (did you mean 'rcm'?)" in result.output
    result = CliRunner().invoke(main, ["--project", str(project), "house", "eclac", "--reference"])
    assert result.exit_code == 0 and "the shared reference.docx serves it" in result.output


# The shared Word styles and the print.css rules they stand for: (HTML, Word style).
SHARED_STYLES = (
    ('<h1 id="a">H</h1>', "Heading 1"), ('<h2 id="b">H</h2>', "Heading 2"), ('<h3 id="c">H</h3>', "Heading 3"),
    ('<h4 id="d">H</h4>', "Heading 4"), ('<p class="para">P</p>', "Body Text"), ("<ul><li>L</li><li>L</li></ul>", "List Paragraph"),
    ('<p class="dateline">D</p>', "Dateline"), ('<p class="caption">C</p>', "Caption"), ('<p class="centered">C</p>', "Centered"),
    ("<table><tr><td><p>T</p></td></tr></table>", "Table Text"),
    # the first page: the issuer and the Distr. block (their line heights: house.yaml lines.masthead)
    ('<div class="masthead"><p class="issuer">I</p></div>', "Masthead Issuer"),
    ('<div class="masthead"><dl><dd>D</dd></dl></div>', "Masthead"),
    ('<p class="job-number">J</p>', "Job Number"),  # at the foot of the first page
)


# the houses whose masthead is the shared issuer | Distr. block (the others lay out rows of their own)
SHARED_MASTHEAD = ("eclac",)
# the lines of a masthead laid out in rows (un, oas, plain): (their class, Word style), by the house's classes
ROW_MASTHEAD = {"un": ("mh-top", "mh-organ", "mh-symbol", "mh-line"), "oas": ("mh-chain", "mh-line", "mh-symbol"),
                "plain": ("mh-organisation",), "rcm": ("mh-organisation",)}


@pytest.mark.parametrize(("project", "house"), [(None, "eclac"), (None, "un"), (None, "oas"), (None, "plain"), ("examples", "rcm")])
def test_each_house_s_word_styles_are_its_print_css_s_look(project: str | None, house: str) -> None:
    """Each Word style of a house's reference (the shared one where the house has none) as Word
    resolves it (its own, its base styles', the document defaults) has the size, weight, slant,
    underline, capitals, alignment, side indents, space around it and line height that WeasyPrint
    computes from the house's stylesheets (print.css, each house's it extends, its measures) for the
    element it stands for: the values a house writes in both word_styles and print.css agree."""
    from docx.shared import Pt
    from weasyprint import CSS, HTML

    from reportgen.style.houses import load_house, stylesheets
    from reportgen.style.measures import points
    from reportgen.writers.docx_common import PARAGRAPH_STYLES

    folders = ([REPO / project / "templates"] if project else []) + [REPO / "templates"]  # a project's house first
    own = next((f / "houses" / house / "reference.docx" for f in folders if (f / "houses" / house / "reference.docx").exists()), None)
    reference = docx.Document(str(own or REPO / "templates" / "reference.docx"))
    measures = load_house(folders, house).measures
    defaults = reference.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}spacing")
    assert (defaults.get(f"{W}before"), defaults.get(f"{W}after")) == ("0", "0")  # no space unless a style sets it
    assert (defaults.get(f"{W}line"), defaults.get(f"{W}lineRule")) == ("286", "atLeast")  # Normal's 14.3 pt
    sheets = [*(CSS(filename=str(sheet)) for sheet in stylesheets(folders, house)), CSS(string=measures.css())]
    rows = [(f'<div class="masthead"><div class="mh-row"><div class="mh-cell"><p class="{cls}">M</p></div></div></div>',
             PARAGRAPH_STYLES[cls]) for cls in ROW_MASTHEAD.get(house, ())]
    for html, name in [*SHARED_STYLES, *rows]:
        if name.startswith("Masthead") and house not in SHARED_MASTHEAD and (html, name) not in rows:
            continue
        page = HTML(string=f"<html><body>{html}</body></html>").render(stylesheets=sheets).pages[0]
        box = next(b for b in page._page_box.descendants() if b.element_tag in {"h1", "h2", "h3", "h4", "p", "li", "dd"})
        css, style = box.style, reference.styles[name]

        def word(attribute: str, part: str = "paragraph_format"):
            return _resolved(style, attribute, part)

        px = 0.75  # WeasyPrint computes in CSS pixels
        before, after = word("space_before"), word("space_after")
        got = {"before": round((before if before is not None else int(defaults.get(f"{W}before")) * 635) / Pt(1), 2),
               "after": round((after if after is not None else int(defaults.get(f"{W}after")) * 635) / Pt(1), 2),
               "size": word("size", "font").pt, "bold": bool(word("bold", "font")), "italic": bool(word("italic", "font")),
               "underline": bool(word("underline", "font")), "caps": bool(word("all_caps", "font")),
               "indent": (round((word("left_indent") or 0) / Pt(1), 1), round((word("right_indent") or 0) / Pt(1), 1)),
               "align": (word("alignment") or WD_ALIGN_PARAGRAPH.LEFT).name}
        # the space around: margins, and the padding a masthead line has instead (its cell's rule below it)
        want = {"before": round((box.margin_top + box.padding_top) * px, 2), "after": round((box.margin_bottom + box.padding_bottom) * px, 2),
                "size": round(css["font_size"] * px, 2),
                "bold": css["font_weight"] >= 700, "italic": css["font_style"] == "italic",
                "underline": "underline" in (css["text_decoration_line"] or ()), "caps": css["text_transform"] == "uppercase",
                "indent": (round(box.margin_left * px, 1), round(box.margin_right * px, 1)),
                "align": {"start": "LEFT", "left": "LEFT", "center": "CENTER", "right": "RIGHT", "justify": "JUSTIFY"}[css["text_align_all"]]}
        # the line height: Word's exact or at-least points (a multiple of the size), the document
        # defaults' 14.3 pt at least where no style sets it; the PDF's computed line-height
        spacing = word("line_spacing")
        measured = measures.lines.get("masthead", {}).get("issuer", {}).get("height") if name == "Masthead Issuer" else None
        if measured is not None:  # the writer gives each issuer paragraph house.yaml's line height (one source)
            got["line"] = round(points(measured), 2)
        elif spacing is None:
            got["line"] = round(int(defaults.get(f"{W}line")) / 20, 2)
        else:
            got["line"] = round(spacing.pt if hasattr(spacing, "pt") else spacing * 1.15 * got["size"], 2)
        line = css["line_height"]
        want["line"] = round(line.value * px if getattr(line, "unit", None) == "px" else
                             (line.value if hasattr(line, "value") else line) * want["size"], 2) if line != "normal" else None
        if want["line"] is not None and abs(got["line"] - want["line"]) <= 0.05:
            got["line"] = want["line"]  # Word keeps whole twips (13.125 pt is 262 of them)
        assert got == want, name
    # the running header (the symbol) and the page number: @page's margin boxes on a page after the first
    html = '<div class="masthead"><dl><dd class="symbol">E/1</dd></dl></div><p>A</p><p style="break-before: page">B</p>'
    page = HTML(string=f"<html><body>{html}</body></html>").render(stylesheets=sheets).pages[1]._page_box
    margin_boxes = {child.at_keyword: child.style for child in page.children if getattr(child, "at_keyword", None)}
    for edge, name in (("@top", "Header"), ("@bottom", "Footer")):
        found = [box for keyword, box in margin_boxes.items() if keyword.startswith(edge)]
        if not found:  # the house prints none there (plain: no running header; Word's is empty too)
            continue
        [css] = found
        size, bold = (_resolved(reference.styles[name], attribute, "font") for attribute in ("size", "bold"))
        assert (size.pt, bool(bold)) == (css["font_size"] * 0.75, css["font_weight"] >= 700), name


def _resolved(style: object, attribute: str, part: str = "paragraph_format") -> object:
    """A style's value as Word resolves it: its own, else the nearest base style's (None: Word's default)."""
    from reportgen.writers.docx_common import style_chain

    return next((value for s in style_chain(style) if (value := getattr(getattr(s, part), attribute)) is not None), None)
