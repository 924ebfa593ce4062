"""The rule over the footnotes is the same in the PDF and in Word: a short rule at the left (as
UN and ECLAC documents print it), a quarter of the text width, 0.5 pt. Word's footnotes.xml holds
the separator mark, which Word and LibreOffice draw themselves; the PDF draws the same rule
(templates/print.css @footnote). Read back: the rule's pixels on page 1 of the PDF and of the
DOCX as LibreOffice lays it out, and footnotes.xml."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project

from .conftest import REPO

DPI = 144
MM_PER_PX = 25.4 / DPI
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Rule:
    x: float  # mm from the left edge
    y: float  # mm from the top
    length: float  # mm
    thickness: int  # pixel rows at DPI


def footnote_rule(pdf: Path, out: Path, last: bool = False) -> Rule:
    """The first horizontal rule in the lower half of page 1 (the masthead's rule is at the top), or
    with `last` the lowest one (a table's rules may come between)."""
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(DPI), "-gray", "-png", str(pdf), str(out)], check=True)
    image = Image.open(next(out.parent.glob(out.name + "*.png"))).convert("L")
    width, height = image.size
    data = image.tobytes()
    rows = []
    for y in range(height // 2, height * 19 // 20):
        row = data[y * width:(y + 1) * width]
        best = (0, 0)  # the longest run of dark pixels: (length, start)
        run = 0
        for x, value in enumerate(row):
            run = run + 1 if value < 128 else 0
            if run > best[0]:
                best = (run, x - run + 1)
        if best[0] > width // 10:  # a rule, not a letter
            rows.append((y, *best))
    assert rows, f"{pdf}: no rule over the footnotes on page 1"
    if last:  # the top row of the lowest rule
        rows = [r for r in rows if r[0] > rows[-1][0] - 6]
    y, length, x = rows[0]
    return Rule(x * MM_PER_PX, y * MM_PER_PX, length * MM_PER_PX, sum(1 for r in rows if 0 <= r[0] - y < 6))


@pytest.fixture(scope="module")
def hld2013(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(PDF, DOCX, the DOCX laid out by LibreOffice): hld2013's report has a footnote on page 1."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path_factory.mktemp("rule")
    paths = build_meeting(Project(REPO), "hld2013", BuildOptions(kinds=("rapporteur-report",), out_dir=out))
    pdf, word = (next(p for p in paths if p.suffix == suffix) for suffix in (".pdf", ".docx"))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out / "lo"), str(word)], capture_output=True, text=True, timeout=300, check=True)
    return pdf, word, out / "lo" / pdf.name


def test_the_footnote_rule_is_the_same_short_rule_in_both(hld2013: tuple[Path, Path, Path], tmp_path: Path) -> None:
    pdf, _, word_pdf = hld2013
    ours, theirs = footnote_rule(pdf, tmp_path / "pdf"), footnote_rule(word_pdf, tmp_path / "word")
    text_width = 210 - 2 * 24  # A4 with print.css's 2.4 cm side margins
    assert 0.2 * text_width < ours.length < 0.3 * text_width, ours  # short, not the text's width
    assert abs(ours.length - theirs.length) <= 1, f"the rule is {ours.length:.1f} mm long in the PDF, {theirs.length:.1f} mm in Word"
    assert abs(ours.x - theirs.x) <= 0.5 and abs(ours.x - 24) <= 0.5, (ours, theirs)  # at the left margin
    assert abs(ours.y - theirs.y) <= 1, f"the rule is at y={ours.y:.1f} mm in the PDF, {theirs.y:.1f} mm in Word"
    assert abs(ours.thickness - theirs.thickness) <= 1, (ours, theirs)  # the same weight (0.5 pt)


def test_word_holds_the_separator_mark(hld2013: tuple[Path, Path, Path]) -> None:
    """The separator footnote is the separator mark alone: Word and LibreOffice draw it as the short
    rule (content of our own there would make LibreOffice draw none)."""
    _, word, _ = hld2013
    with zipfile.ZipFile(word) as package:
        notes = etree.fromstring(package.read("word/footnotes.xml"))
    separator = notes.find(f"{W}footnote[@{W}type='separator']")
    assert [el.tag for el in separator.iter() if el.tag in (f"{W}separator", f"{W}t", f"{W}pBdr")] == [f"{W}separator"]
    continuation = notes.find(f"{W}footnote[@{W}type='continuationSeparator']")
    assert continuation.find(f".//{W}continuationSeparator") is not None


def test_in_a_right_to_left_language_the_rule_stands_at_the_right(tmp_path: Path) -> None:
    """Arabic lines start at the right: the short rule over the notes starts there too (print-rtl.css),
    as far from the right edge as the English edition's is from the left."""
    project = Project(REPO / "examples")
    rules = {}
    for language in ("en", "ar"):
        options = BuildOptions(kinds=("rapporteur-report",), out_dir=tmp_path / language, formats=("pdf",),
                               language=None if language == "en" else language)
        pdf = next(p for p in build_meeting(project, "escwa-egm2024", options) if p.suffix == ".pdf")
        rules[language] = footnote_rule(pdf, tmp_path / language / "page", last=True)
    en, ar = rules["en"], rules["ar"]
    assert abs(en.length - ar.length) <= 0.5, (en, ar)
    assert abs((210 - (ar.x + ar.length)) - en.x) <= 0.5, f"the Arabic rule ends {210 - ar.x - ar.length:.1f} mm from the right edge, the English starts {en.x:.1f} mm from the left"
    assert ar.x > 105, ar  # in the right half of the page
