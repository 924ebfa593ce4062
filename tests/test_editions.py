"""Language editions (issue 19): translated text beside the original, its status, XLIFF for CAT
tools, six languages of furniture, right to left and Chinese in both formats.

Editions are built from the translation files shipped with the examples: escwa-egm2024 in all six
languages, gfmd2014-rt3 in Spanish and French. Everything is read back (pdftotext, pypdf, the
DOCX's XML), never checked by existence."""

from __future__ import annotations

import datetime as dt
import inspect
from collections import Counter
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfua
import pytest
from click.testing import CliRunner
from lxml import etree
from pydantic import BaseModel
from pypdf import PdfReader

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.cli import main
from reportgen.content import schema
from reportgen.content.translations import NOT_TEXT, TEXT_FIELDS, fingerprint
from reportgen.content.xliff import Xliff12, _rich
from reportgen.core.loader import load_yaml
from reportgen.core.project import Project
from reportgen.serve.page import page
from reportgen.serve.state import MeetingState
from reportgen.style.labels import Labels, available_languages, load_catalogue
from reportgen.style.search_path import default_templates_dir
from reportgen.writers import fonts

from .conftest import REPO, pdf_text
from .ooxml_schema import schema_errors

EXAMPLES = REPO / "examples"
SHORT = "escwa-egm2024"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# What each edition of the short example must print: the masthead's organisation, the document
# date in the language's style, and a sentence of the translated text.
SIX = {
    "en": ("United Nations", "16 May 2024", "The experts compared the cost of sending remittances"),
    "es": ("Naciones Unidas", "16 de mayo de 2024", "Los expertos compararon el costo del envío de remesas"),
    "fr": ("Nations Unies", "16 mai 2024", "Les experts ont comparé le coût des envois de fonds"),
    "ru": ("Организация Объединенных Наций", "16 мая 2024 года", "Эксперты сравнили стоимость денежных переводов"),
    "zh": ("联合国", "2024年5月16日", "专家们比较了本区域汇款的成本"),
    "ar": ("الأمم المتحدة", "16 مايو 2024", "قارن الخبراء تكلفة إرسال التحويلات المالية"),
}


def flat(text: str) -> str:
    return " ".join(text.split())


def docx_xml(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def docx_text(path: Path) -> str:
    root = etree.fromstring(docx_xml(path).encode())
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The short example's rapporteur's report in each of the six languages, both formats."""
    out = tmp_path_factory.mktemp("six")
    project = Project(EXAMPLES)
    built = {}
    for language in SIX:
        options = BuildOptions(out_dir=out, language=None if language == "en" else language, kinds=("rapporteur-report",))
        built[language] = {p.suffix[1:]: p for p in build_meeting(project, SHORT, options)}
    return built


@pytest.fixture()
def gfmd(tmp_path: Path) -> Path:
    """A writable copy of the project with gfmd2014-rt3 and its Spanish and French translations."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path


# --------------------------------------------------------------------------- six languages


@pytest.mark.parametrize("language", list(SIX))
def test_edition_in_each_language(six: dict, language: str) -> None:
    organisation, date, sentence = SIX[language]
    paths = six[language]
    assert paths["pdf"].name == f"{SHORT}-rapporteur-report{'' if language == 'en' else '-' + language}.pdf"
    for text in (flat(pdf_text(paths["pdf"])), flat(docx_text(paths["docx"]))):
        if language == "ar":  # compared without the bidi marks and spaces pdftotext puts around Latin runs
            text, organisation, date, sentence = (_bare(t) for t in (text, organisation, date, sentence))
        assert organisation in text and date in text and sentence in text, language
        assert "E/ESCWA/EGM/2024/1" in text  # the symbol comes from the original
        assert "4.1" in text and "−1.2" in text  # and so do the numbers of the table
    if language != "en":  # the English text is gone
        assert "The experts compared" not in flat(docx_text(paths["docx"]))
    assert str(PdfReader(str(paths["pdf"])).trailer["/Root"]["/Lang"]).split("-")[0] == language  # en-GB, fr-FR …


def _bare(text: str) -> str:
    """Text without white space and bidirectional controls (pdftotext marks right-to-left runs)."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", text)


def test_masthead_names_the_edition_and_its_original(six: dict) -> None:
    french = flat(pdf_text(six["fr"]["pdf"]))
    assert "Distr. générale" in french and "Français" in french and "Original : anglais" in french
    spanish = flat(pdf_text(six["es"]["pdf"]))
    assert "Distr. general" in spanish and "Español" in spanish and "Original: inglés" in spanish
    english = flat(pdf_text(six["en"]["pdf"]))
    assert "16 May 2024 Original: English" in english and "English Original" not in english  # no language line in the original


def test_every_edition_passes_pdfua_and_the_ooxml_schema(six: dict) -> None:
    for language, paths in six.items():
        report = pdfua.validate(str(paths["pdf"]))
        assert not report.findings, (language, [(f.rule_id, f.message) for f in report.findings])
        assert schema_errors(paths["docx"]) == [], language


def test_spanish_and_french_editions_of_gfmd2014_rt3_are_complete(tmp_path: Path) -> None:
    runner = CliRunner()
    for language, heading, date, place in (("es", "Conclusiones generales de la MR 3", "14 a 16 de mayo de 2014", "Estocolmo, Suecia"),
                                           ("fr", "Conclusions générales de la TR 3", "14-16 mai 2014", "Stockholm, Suède")):
        result = runner.invoke(main, ["--project", str(REPO), "validate", "gfmd2014-rt3", "--lang", language])
        assert result.exit_code == 0 and f"{language} edition complete" in result.output, result.output
        result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2014-rt3", "--lang", language, "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
        report = flat(pdf_text(tmp_path / "gfmd2014-rt3" / f"gfmd2014-rt3-rapporteur-report-{language}.pdf"))
        summary = flat(pdf_text(tmp_path / "gfmd2014-rt3" / f"gfmd2014-rt3-chair-summary-{language}.pdf"))
        assert heading.upper() in report.upper() and "Lomónaco" in report
        assert date in summary and place in summary  # the place and the country in the edition's language
        assert "Round Table" not in report and "Round Table" not in summary and "Sweden" not in summary and "Greece" not in summary


# --------------------------------------------------------------------------- status


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_missing_and_stale_translations_are_listed_with_file_and_line(gfmd: Path) -> None:
    meeting = gfmd / "content" / "gfmd2014-rt3" / "meeting.yaml"
    spanish = gfmd / "content" / "gfmd2014-rt3" / "translations" / "es.yaml"
    text = meeting.read_text(encoding="utf-8")
    # The heading (keyed by its section's id) and a paragraph (keyed by its own text) change;
    # one translation is deleted.
    text = text.replace("heading: Overall conclusions of RT 3", "heading: Overall conclusions of Round Table 3")
    text = text.replace("The Co-chairs were Ecuador and Greece.", "The Co-chairs of the session were Ecuador and Greece.")
    meeting.write_text(text, encoding="utf-8")
    lines = spanish.read_text(encoding="utf-8").splitlines()
    start = lines.index("  people.jorge-lomonaco.honorific:")
    spanish.write_text("\n".join(lines[:start] + lines[start + 4:]) + "\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["--project", str(gfmd), "validate", "gfmd2014-rt3", "--lang", "es"])
    assert result.exit_code == 1
    heading = _line_of(spanish, "body.overall-conclusions.heading:")
    paragraph = _line_of(spanish, "body.roundtable-3-1.~b4a3b2024f:")
    honorific = _line_of(meeting, "honorific: Ambassador")
    assert result.output.splitlines() == [
        f"content/gfmd2014-rt3/meeting.yaml:{honorific}:16: people.jorge-lomonaco.honorific: "
        "no es translation of this honorific before a name (“Ambassador”)",
        f"content/gfmd2014-rt3/translations/es.yaml:{paragraph}:3: body.roundtable-3-1.~b4a3b2024f: stale: the original "
        "paragraph changed since it was translated (now “The Co-chairs of the session were Ecuador and …”)",
        f"content/gfmd2014-rt3/translations/es.yaml:{heading}:3: body.overall-conclusions.heading: stale: the original "
        "heading changed since it was translated (now “Overall conclusions of Round Table 3”)",
        "3 problems in 2 files; nothing was built.",
    ]

    # A build refuses the edition and names the same texts; nothing is written.
    out = gfmd / "out"
    result = CliRunner().invoke(main, ["--project", str(gfmd), "build", "gfmd2014-rt3", "--lang", "es", "--out", str(out)])
    assert result.exit_code == 1
    assert "people.jorge-lomonaco.honorific: no es translation" in result.output
    assert "The es edition is incomplete (1 untranslated and 2 stale text(s))" in result.output
    assert not out.exists()

    # --allow-untranslated prints the original there, marked in both formats.
    result = CliRunner().invoke(main, ["--project", str(gfmd), "build", "gfmd2014-rt3", "--lang", "es", "--kind", "rapporteur-report",
                                       "--allow-untranslated", "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf, docx = (out / "gfmd2014-rt3" / f"gfmd2014-rt3-rapporteur-report-es.{fmt}" for fmt in ("pdf", "docx"))
    text = flat(pdf_text(pdf))
    assert "The Co-chairs of the session were Ecuador and Greece." in text and "Copresidieron la sesión el Ecuador" not in text
    assert "Mesa Redonda 3.2" in text  # the rest is Spanish
    highlight = "1 0.913725 0.478431 rg"  # print.css: .untranslated { background: #ffe97a }
    assert any(highlight in page.get_contents().get_data().decode("latin-1") for page in PdfReader(str(pdf)).pages)
    body = etree.fromstring(docx_xml(docx).encode())
    marked = ["".join(t.text or "" for t in r.iter(f"{W}t")) for r in body.iter(f"{W}r")
              if r.find(f"{W}rPr/{W}highlight[@{W}val='yellow']") is not None]
    assert "The Co-chairs of the session were Ecuador and Greece." in "".join(marked)
    assert "Overall conclusions of Round Table 3" in "".join(marked)


def test_inserted_paragraph_leaves_every_translation_in_place(gfmd: Path) -> None:
    meeting = gfmd / "content" / "gfmd2014-rt3" / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8")
    anchor = "      - The Co-chairs were Ecuador and Greece.\n"
    meeting.write_text(text.replace(anchor, "      - A new first paragraph of this section.\n" + anchor)
                       .replace("          - text: Protection and promotion of human rights",
                                "          - text: A new item before the third.\n            themes: [governance]\n"
                                "          - text: Protection and promotion of human rights"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(gfmd), "validate", "gfmd2014-rt3", "--lang", "fr"])
    assert result.exit_code == 1
    problems = result.output.splitlines()[:-1]
    assert len(problems) == 2, result.output
    assert all("no fr translation" in p for p in problems)
    assert "A new first paragraph" in problems[0] and "A new item before the third." in problems[1]
    out = gfmd / "out"
    result = CliRunner().invoke(main, ["--project", str(gfmd), "build", "gfmd2014-rt3", "--lang", "fr", "--pdf", "--kind", "rapporteur-report",
                                       "--allow-untranslated", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out / "gfmd2014-rt3" / "gfmd2014-rt3-rapporteur-report-fr.pdf"))
    assert "La séance était coprésidée par l’Équateur et la Grèce." in text
    assert "La protection et la promotion des droits de l’homme devraient être le principe fondamental" in text


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ('    source: "4ed04769f5"\n', "    source: abc\n", "    source: abc",
     ":13: texts.meeting.short_title.source: expected source: the ten-digit fingerprint of the original text"),
    ("Informe del Relator General[^preliminary-report]", "Informe del Relator General", "  document.kind_label:",
     ":3: document.kind_label: the translation drops the footnote reference [^preliminary-report] of the original"),
], ids=["malformed-source", "footnote-dropped"])
def test_a_faulty_translation_is_one_line(gfmd: Path, old: str, new: str, where: str, message: str) -> None:
    spanish = gfmd / "content" / "gfmd2014-rt3" / "translations" / "es.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(gfmd), "validate", "gfmd2014-rt3", "--lang", "es"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"content/gfmd2014-rt3/translations/es.yaml:{_line_of(spanish, where)}{message}",
                                          "1 problem in 1 file; nothing was built."]


# --------------------------------------------------------------------------- XLIFF


def test_xliff_round_trip(gfmd: Path) -> None:
    french = gfmd / "content" / "gfmd2014-rt3" / "translations" / "fr.yaml"
    translated = {k: v["text"] for k, v in load_yaml(french, "fr.yaml").data["texts"].items()}
    french.unlink()
    runner = CliRunner()
    xlf = gfmd / "rt3-fr.xlf"
    result = runner.invoke(main, ["--project", str(gfmd), "translate", "export", "gfmd2014-rt3", "--lang", "fr", "-o", str(xlf)])
    assert result.exit_code == 0, result.output
    store = Xliff12.parsestring(xlf.read_bytes())
    units = list(store.unit_iter())
    assert len(units) == len(translated) == 70
    root = etree.fromstring(xlf.read_bytes())
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    assert root.get("version") == "1.2" and root.find("x:file", ns).get("target-language") == "fr"
    kind = root.find("x:file/x:body/x:trans-unit[@id='document.kind_label']", ns)
    assert etree.tostring(kind.find("x:source", ns), encoding="unicode").count('<ph id="1">[^preliminary-report]</ph>') == 1
    assert "kind line under the title (content/gfmd2014-rt3/meeting.yaml:11)" in kind.find("x:note", ns).text
    emphasis = root.find("x:file/x:body/x:trans-unit[@id='body.roundtable-3-1.~5314c5b485']/x:source", ns)
    assert [ph.text for ph in emphasis.findall("x:ph", ns)] == ["¶"] * 8 + ["*"] * 6

    # The translator fills every target in the CAT tool; protected codes travel as <ph>, and one
    # whose content the tool mangled is put back from the original by its id.
    for unit in units:
        key = unit.xmlelement.get("id")
        unit.rich_target = [_rich(translated[key])]
    for ph in store.document.getroot().iter("{urn:oasis:names:tc:xliff:document:1.2}ph"):
        if ph.text == "[^preliminary-report]" and ph.getparent().tag.endswith("target"):
            ph.text = "[^mangled]"
    xlf.write_bytes(bytes(store))
    result = runner.invoke(main, ["--project", str(gfmd), "translate", "import", str(xlf)])
    assert result.exit_code == 0, result.output
    assert "content/gfmd2014-rt3/translations/fr.yaml: 70 translation(s) imported" in result.output
    back = load_yaml(french, "fr.yaml").data["texts"]
    assert {k: v["text"] for k, v in back.items()} == translated
    assert back["document.kind_label"]["text"] == "Rapport du Rapporteur général[^preliminary-report]"
    assert back["document.title"]["source"] == fingerprint("Round Table 3 “Migration as an enabler for inclusive social development”")

    out = gfmd / "out"
    result = runner.invoke(main, ["--project", str(gfmd), "build", "gfmd2014-rt3", "--lang", "fr", "--kind", "rapporteur-report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(out / "gfmd2014-rt3" / "gfmd2014-rt3-rapporteur-report-fr.pdf"))
    assert "Rapport du Rapporteur général1" in text  # the footnote call, from the protected code
    assert "Le présent rapport est un rapport préliminaire du rapporteur général" in text
    assert "L’accès à l’information permet aux migrants" in text

    # The original changes after the export: that unit is refused, the others imported.
    meeting = gfmd / "content" / "gfmd2014-rt3" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("heading: Overall conclusions of RT 3", "heading: Overall conclusions"),
                       encoding="utf-8")
    result = runner.invoke(main, ["--project", str(gfmd), "translate", "import", str(xlf)])
    assert result.exit_code == 1
    line = next(u.xmlelement.sourceline for u in Xliff12.parsestring(xlf.read_bytes()).unit_iter()
                if u.xmlelement.get("id") == "body.overall-conclusions.heading")
    assert f"{xlf}:{line}:1: body.overall-conclusions.heading: the original changed since this file was exported" in result.output
    assert "1 unit(s) refused; the others were imported." in result.output


def test_import_of_a_file_that_is_not_xliff_is_one_line(gfmd: Path) -> None:
    bad = gfmd / "notes.xlf"
    bad.write_text("not xml", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(gfmd), "translate", "import", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"{bad}:1:1: not an XLIFF 1.x file")
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- right to left, Chinese


def _words(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, yMin, xMax) of page 1, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(w, float(a), float(b), float(c)) for a, b, c, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]


def test_arabic_page_is_mirrored_and_reads_right_to_left(six: dict) -> None:
    pdf = six["ar"]["pdf"]
    reader = PdfReader(str(pdf))
    words = _words(pdf)
    width = float(reader.pages[0].mediabox.width)
    # pdftotext -bbox gives words as drawn, left to right: Arabic words come reversed, "1." as ".1".
    numbers = [x for w, x, _, _ in words if w in (".1", ".2", ".3")]
    assert len(numbers) == 3 and all(x > width * 0.8 for x in numbers)  # paragraph numbers in the right margin
    letters = [x for w, x, _, _ in words if w in (")أ(", ")ب(", ")ج(")]
    assert len(letters) >= 2 and all(x > width * 0.75 for x in letters)  # Arabic list letters, at the right
    # The house's indents mirrored (style/measures.py): a numbered paragraph's text and the un house's
    # sub-paragraphs (أ), (ب) start 1 cm in from the right margin, and nothing is indented from the left.
    number_right = max(c for w, _, _, c in words if w == ".4")
    text_right = max(c for w, x, _, c in words if x < number_right - 20 and w == "تزكر")  # "ركزت", paragraph 4's first word
    letter_right = [c for w, _, _, c in words if w in (")أ(", ")ب(")]
    assert number_right - text_right == pytest.approx(28.35, abs=2)  # 1 cm
    assert all(c == pytest.approx(text_right, abs=1) for c in letter_right), (letter_right, text_right)
    margin = min(x for _, x, _, _ in words)  # the masthead's symbol starts at the left margin
    first, third = (next(y for w, _, y, _ in words if w == n) for n in (".1", ".3"))
    starts: dict[int, float] = {}
    for _, x, y, _ in words:
        if first - 1 <= y < third - 1:  # the lines of paragraphs 1 and 2
            starts[round(y)] = min(x, starts.get(round(y), x))
    assert sum(1 for x in starts.values() if x < margin + 3) >= 3, (margin, starts)  # full lines reach the left margin
    corridor = next(x for w, x, _, _ in words if w == "الممر"[::-1])
    change = next(x for w, x, _, _ in words if w == "التغير"[::-1])
    assert corridor > change  # the table's first column is at the right
    assert any(w == "−0.8" for w, *_ in words)  # a number keeps its sign before its digits
    text = _bare(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert "مقدمة" in text and "ةمدقم" not in text  # the text reads in logical order, right to left
    assert _bare("قارن الخبراء تكلفة إرسال التحويلات المالية في المنطقة") in text
    assert _bare("Distr.: عام") in text


def test_arabic_docx_sets_bidi_everywhere(six: dict) -> None:
    docx = six["ar"]["docx"]
    body = etree.fromstring(docx_xml(docx).encode())
    paragraphs = list(body.iter(f"{W}p"))
    bidi = [p for p in paragraphs if p.find(f"{W}pPr/{W}bidi") is not None]
    assert len(bidi) >= len(paragraphs) - 6  # all but the number-only table cells
    for cell in body.iter(f"{W}tc"):
        text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
        assert (cell.find(f"{W}p/{W}pPr/{W}bidi") is None) == (not re.search(r"[^\W\d_]", text))
    assert all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in body.iter(f"{W}tbl"))
    assert all(s.find(f"{W}bidi") is not None for s in body.iter(f"{W}sectPr"))
    runs = list(body.iter(f"{W}r"))
    arabic = [r for r in runs if re.search("[\u0600-\u06ff]", "".join(t.text or "" for t in r.iter(f"{W}t")))]
    assert arabic and all(r.find(f"{W}rPr/{W}rtl") is not None for r in arabic)
    assert all(r.find(f"{W}rPr/{W}bCs") is not None for r in runs if r.find(f"{W}rPr/{W}b") is not None)
    styles = docx_xml(docx, "word/styles.xml")
    assert 'w:cs="Amiri"' in styles and 'w:bidi="ar-SA"' in styles and "<w:szCs " in styles
    assert 'w:val="arabicAbjad"' in docx_xml(docx, "word/numbering.xml")
    assert "قارن الخبراء تكلفة إرسال التحويلات المالية في المنطقة" in docx_text(docx)


def test_arabic_masthead_lines_stand_at_the_start_of_their_cells(six: dict) -> None:
    """The masthead's lines start at the right of their cells in an Arabic PDF, as in Word (whose
    bidi paragraphs start at the right): print.css said `text-align: left`, so "الأمم المتحدة"
    stood at the left of the wide first cell and the Distr. lines at the page's left margin."""
    words = _words(six["ar"]["pdf"])
    width = float(PdfReader(str(six["ar"]["pdf"])).pages[0].mediabox.width)
    right = width - 2.3 * 72 / 2.54  # the un house's right margin (house.yaml page_margins_cm)
    united_nations = max(c for w, _, _, c in words if w == "ممألا")  # "الأمم", drawn reversed
    assert united_nations == pytest.approx(right, abs=1)
    # the narrow cell's lines (symbol, Distr., date, languages) end at its right edge: 2/5 of the text width in
    column = right - (right - 2.3 * 72 / 2.54) * 3 / 5
    ends = [c for w, _, y, c in words if w in ("E/ESCWA/EGM/2024/1", "Distr.:", "16", "ةيبرعلا") and y < 150]  # the masthead
    assert len(ends) == 4 and all(c == pytest.approx(column, abs=1) for c in ends), (column, ends)


def test_un_masthead_word_styles_are_print_css_sizes_and_line_heights(six: dict) -> None:
    """The un house's Word styles say what its print.css says: "United Nations" in 10.5 pt (not the
    shared 11 pt), and the organ's name, when it wraps (Russian: "Экономический и Социальный /
    Совет"), in the house's line height, 1.25 × 17 pt (not Word's single spacing, 1.15 ×)."""
    styles = etree.fromstring(docx_xml(six["ru"]["docx"], "word/styles.xml").encode())
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}
    assert by_name["Masthead Top"].find(f"{W}rPr/{W}sz").get(f"{W}val") == "21"
    spacing = by_name["Masthead Organ"].find(f"{W}pPr/{W}spacing")
    assert int(spacing.get(f"{W}line")) == round(21.25 * 20) and spacing.get(f"{W}lineRule") in ("atLeast", "exact")


def test_arabic_word_styles_take_the_pdf_s_sizes_and_line_heights(six: dict) -> None:
    """Each Word style prints its Arabic (complex-script) text in the size and line height the
    stylesheets give its element in the PDF (writers/css_sizes.py): body text, headings and
    meeting lines in labels/ar.css's 13 pt, the masthead's lines in the un house's 10 pt and the
    headline in its 16 pt at 1.15; lines exactly that high (Amiri's own line, 1.76 em, would open
    them: 2.5 cm lower by the foot of page 1), the space between paragraphs in ems of the text."""
    styles = etree.fromstring(docx_xml(six["ar"]["docx"], "word/styles.xml").encode())
    by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}

    def size(name: str) -> float:
        return int(by_name[name].find(f"{W}rPr/{W}szCs").get(f"{W}val")) / 2

    def spacing(name: str) -> dict[str, str]:
        found = by_name[name].find(f"{W}pPr/{W}spacing")
        return {k.split("}")[1]: v for k, v in found.attrib.items()}

    for name in ("Normal", "Body Text", "heading 1", "Meeting Line"):
        assert size(name) == 13 and spacing(name)["line"] == str(round(13 * 1.5 * 20)) and spacing(name)["lineRule"] == "exact", name
    assert size("Masthead") == 10 and spacing("Masthead")["line"] == "300"  # un print.css .mh-line: 10pt, in ar.css's 1.5
    assert size("Document Headline") == 16 and spacing("Document Headline")["line"] == str(round(16 * 1.15 * 20))
    assert size("Footnote Text") == 11 and spacing("Footnote Text")["line"] == str(round(11 * 1.35 * 20))
    assert spacing("Body Text")["after"] == str(round(0.75 * 13 * 20))  # print.css p: margin-bottom 0.75em
    # the French edition keeps the house's Word styles as they are
    french = docx_xml(six["fr"]["docx"], "word/styles.xml")
    assert 'w:lineRule="exact"' not in french.split('w:styleId="BodyText"')[1].split("</w:style>")[0]


def test_arabic_list_numbers_stand_at_the_right(six: dict) -> None:
    """A list's numbers are right-justified in a right-to-left document: lvlJc is relative to
    the page, not the paragraph (ECMA-376 Part 1, 17.9.8), and "left" ran "1." from the right
    margin 3 mm into it (LibreOffice)."""
    arabic = docx_xml(six["ar"]["docx"], "word/numbering.xml")
    assert 'w:lvlJc w:val="right"' in arabic and 'w:lvlJc w:val="left"' not in arabic
    assert 'w:lvlJc w:val="left"' in docx_xml(six["fr"]["docx"], "word/numbering.xml")


def test_chinese_lines_break_between_characters_without_gaps(six: dict) -> None:
    pdf = six["zh"]["pdf"]
    lines: dict[int, list[tuple[float, float]]] = {}
    for word, x0, y0, x1 in _words(pdf):
        # A sub-paragraph's marker, (a), stands in its own column before the text (un house): not a gap.
        if not re.fullmatch(r"\(?[a-z0-9]{1,3}[).]", word):
            lines.setdefault(round(y0), []).append((x0, x1))
    # Lines of the numbered paragraphs and list items: their text starts at the indent (the number
    # stands in its own column before it). A justified line would widen its few spaces.
    indent = Counter(round(x0) for line in lines.values() for x0, _ in line if x0 > 80).most_common(1)[0][0]
    body = [sorted(w for w in line if w[0] >= indent - 1) for line in lines.values() if any(abs(x0 - indent) < 1 for x0, _ in line)]
    gaps = [b[0] - a[1] for line in body for a, b in zip(line, line[1:])]
    assert len(body) >= 5 and gaps and max(gaps) < 5, gaps  # "6 560亿美元": an ordinary space, not a stretched one
    ends = [line[-1][1] for line in body]
    assert max(ends) - sorted(ends)[-2] < 3  # Chinese breaks between any two characters: lines run to the margin
    text = flat(pdf_text(pdf))
    assert "汇款是私人资金；公共政策应扩大收款家庭的选择，而不是指挥其用途。" in text.replace(" ", "")
    styles = docx_xml(six["zh"]["docx"], "word/styles.xml")
    assert 'w:eastAsia="Noto Serif CJK SC"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert 'w:jc w:val="both"' not in styles + docx_xml(six["zh"]["docx"])  # Word too: flush to the start
    assert 'w:jc w:val="both"' in docx_xml(six["fr"]["docx"], "word/styles.xml")  # (other languages stay justified)


def test_a_language_no_installed_font_covers_is_a_clean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "fonts.conf"  # a fontconfig that knows no fonts at all
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                      f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    fonts.fonts_for.cache_clear()
    try:
        out = tmp_path / "out"
        result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "build", SHORT, "--lang", "ar", "--out", str(out)])
    finally:
        fonts.fonts_for.cache_clear()
    assert result.exit_code == 1
    assert result.output == ("Error: no installed font has the letters of Arabic ('ar'); install a font for it "
                             "(Debian: apt-get install fonts-hosny-amiri; scripts/install.sh does), then build again\n")
    assert not out.exists()


def test_month_and_weekday_names_come_from_cldr() -> None:
    day = dt.date(2014, 5, 14)
    expected = {"en": "Wednesday, 14 May", "fr": "mercredi 14 mai", "es": "miércoles 14 de mayo",
                "ru": "среда, 14 мая", "zh": "5月14日星期三", "ar": "الأربعاء، 14 مايو"}
    for language, text in expected.items():
        labels = Labels.load(language, [default_templates_dir()])
        assert labels.weekday_date(day) == text
        catalogue = (default_templates_dir() / "labels" / f"{language}.yaml").read_text(encoding="utf-8")
        assert not re.search(r"^(months|weekdays):", catalogue, re.MULTILINE)  # no typed lists
    assert Labels("en", {"months": ["M"] * 12, "date_format": "{day} {month} {year}"}).date(day) == "14 M 2014"  # a catalogue may still say


def test_the_preview_shows_the_edition_it_built(tmp_path: Path) -> None:
    state = MeetingState(html={"rapporteur-report": "<html></html>"}, rendered_at=1.0, files_at=1.0)
    shown = page(tmp_path, ("pdf",), [SHORT], ["rapporteur-report"], SHORT, "rapporteur-report", state,
                 view="pdf", last_good=False, serial=0, language="ar")
    assert f"/out/{SHORT}/{SHORT}-rapporteur-report-ar.pdf?v=1" in shown


def test_times_in_each_language() -> None:
    expected = {"en": "9.30 to 11 a.m.", "es": "9.30 a 11.00 horas", "fr": "9\u00a0h\u00a030 à 11\u00a0heures",
                "ru": "9.30 — 11.00", "zh": "9.30 至 11.00", "ar": "9.30 إلى 11.00"}
    for language, text in expected.items():
        assert Labels.load(language, [default_templates_dir()]).time_range("09:30", "11:00") == text


def test_every_packaged_catalogue_is_complete() -> None:
    languages = available_languages([default_templates_dir()])
    assert {"en", "fr", "es", "ru", "zh", "ar"} <= languages
    for language in sorted(languages):
        assert load_catalogue(language, [default_templates_dir()])[1] == [], language


def test_every_text_field_of_the_schema_is_declared_translatable_or_not() -> None:
    """A field added to the schema must be placed: translated in editions, or taken from the original."""
    undeclared = []
    for model in {m for m in vars(schema).values() if inspect.isclass(m) and issubclass(m, BaseModel)}:
        for name, field in model.model_fields.items():
            text = re.search(r"\b(str|Text|Line)\b", str(field.annotation))
            if text and name not in TEXT_FIELDS.get(model, ()) and name not in NOT_TEXT.get(model, ()):
                undeclared.append(f"{model.__name__}.{name}")
    assert undeclared == []


def test_untranslated_markers_become_well_formed_spans() -> None:
    from reportgen.content.translations import UNTRANSLATED_CLOSE as C, UNTRANSLATED_OPEN as O, untranslated_html

    html = f'<meta content="{O}Title{C}"><p>{O}A <em>b</em> c{C}</p><p>{O}First sentence only.</p><li>{O}T{C}</li>'
    assert untranslated_html(html, "en", "ltr") == (
        '<meta content="Title"><p><span class="untranslated" lang="en" dir="ltr">A <em>b</em> c</span></p>'
        '<p><span class="untranslated" lang="en" dir="ltr">First sentence only.</span></p>'
        '<li><span class="untranslated" lang="en" dir="ltr">T</span></li>')
    assert untranslated_html("<p>plain</p>", "en") == "<p>plain</p>"


def test_a_changed_translation_rebuilds_only_its_edition(gfmd: Path) -> None:
    runner = CliRunner()
    args = ["--project", str(gfmd), "build", "gfmd2014-rt3", "--pdf", "--kind", "chair-summary"]
    for language in ("fr", "es"):
        assert runner.invoke(main, [*args, "--lang", language]).exit_code == 0
    assert "gfmd2014-rt3: up to date" in runner.invoke(main, [*args, "--lang", "fr"]).output
    french = gfmd / "content" / "gfmd2014-rt3" / "translations" / "fr.yaml"
    french.write_text(french.read_text(encoding="utf-8").replace("Les transferts d’actifs des migrants", "Les transferts d’actifs (séance)", 1), encoding="utf-8")
    result = runner.invoke(main, [*args, "--lang", "fr"])
    assert result.exit_code == 0 and "up to date" not in result.output
    assert "(séance)" in flat(pdf_text(gfmd / "output" / "gfmd2014-rt3" / "gfmd2014-rt3-chair-summary-fr.pdf"))
    assert (gfmd / "output" / "gfmd2014-rt3" / "gfmd2014-rt3-chair-summary-es.pdf").is_file()


def test_countries_are_named_in_the_language_of_the_edition(tmp_path: Path) -> None:
    for language, named in (("ar", "بيروت، لبنان"), ("zh", "贝鲁特，黎巴嫩"), ("ru", "Бейрут, Ливан")):
        [pdf] = build_meeting(Project(EXAMPLES), SHORT, BuildOptions(out_dir=tmp_path, language=language, kinds=("chair-summary",),
                                                                     formats=("pdf",)))
        text = flat(pdf_text(pdf))
        assert _bare(named) in _bare(text) if language == "ar" else named in text, language
        assert "Lebanon" not in text



def test_export_carries_translations_made_and_marks_stale_ones_for_review(gfmd: Path) -> None:
    meeting = gfmd / "content" / "gfmd2014-rt3" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("heading: Overall conclusions of RT 3", "heading: Overall conclusions"),
                       encoding="utf-8")
    xlf = gfmd / "fr.xlf"
    result = CliRunner().invoke(main, ["--project", str(gfmd), "translate", "export", "gfmd2014-rt3", "--lang", "fr", "-o", str(xlf)])
    assert result.exit_code == 0, result.output
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    units = etree.fromstring(xlf.read_bytes()).findall(".//x:trans-unit", ns)
    states = {u.get("id"): u.find("x:target", ns).get("state") for u in units}
    assert states.pop("body.overall-conclusions.heading") == "needs-review-translation"
    assert set(states.values()) == {"translated"}
    result = CliRunner().invoke(main, ["--project", str(gfmd), "translate", "export", "gfmd2014-rt3", "--lang", "en"])
    assert result.exit_code == 2 and "gfmd2014-rt3 is written in 'en'" in result.output


def test_translation_files_and_xliff_are_untrusted_input(gfmd: Path) -> None:
    # A translation file that leads outside the project (a symbolic link) is not read.
    outside = gfmd.parent / f"{gfmd.name}-elsewhere.yaml"
    outside.write_text("language: de\ntexts: {}\n", encoding="utf-8")
    (gfmd / "content" / "gfmd2014-rt3" / "translations" / "de.yaml").symlink_to(outside)
    result = CliRunner().invoke(main, ["--project", str(gfmd), "validate", "gfmd2014-rt3", "--lang", "de"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("content/gfmd2014-rt3/translations/de.yaml:1:1: leads outside the project "
                                             "(through a symbolic link)")
    # An XLIFF file declaring entities (which could pull a file of the machine into a translation) is refused.
    secret = gfmd.parent / f"{gfmd.name}-secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xlf = gfmd / "entity.xlf"
    xlf.write_text(f'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY s SYSTEM "file://{secret}">]>'
                   '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="gfmd2014-rt3" '
                   'source-language="en" target-language="fr" datatype="plaintext"><body><trans-unit id="meeting.short_title">'
                   "<source>GFMD 2014, Round Table 3</source><target>&s;</target></trans-unit></body></file></xliff>", encoding="utf-8")
    before = (gfmd / "content" / "gfmd2014-rt3" / "translations" / "fr.yaml").read_bytes()
    result = CliRunner().invoke(main, ["--project", str(gfmd), "translate", "import", str(xlf)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{xlf}:1:1: a document type declaration (<!DOCTYPE …>) is not allowed in an XLIFF file"
    assert (gfmd / "content" / "gfmd2014-rt3" / "translations" / "fr.yaml").read_bytes() == before


def test_content_may_not_carry_the_marks_of_untranslated_text(gfmd: Path) -> None:
    meeting = gfmd / "content" / "gfmd2014-rt3" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("title: Seventh Global", "title: \ue000Seventh Global", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(gfmd), "validate", "gfmd2014-rt3"])
    assert result.exit_code == 1
    assert "character U+E000 at position 1 is reserved by reportgen (it marks untranslated text); remove it" in result.output
