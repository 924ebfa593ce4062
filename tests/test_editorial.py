"""Editorial rules by language, from the label catalogues, in both formats (`--lang es` of hld2013)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.style.labels import Labels
from reportgen.style.search_path import template_search_path

from .conftest import pdf_text


@pytest.fixture(scope="module")
def spanish(project, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("es")
    paths = build_meeting(project, "hld2013", BuildOptions(out_dir=out, language="es", kinds=("rapporteur-report",), allow_untranslated=True))
    return {p.suffix[1:]: p for p in paths}


def _docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _plain_body(path: Path) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r"<w:footnoteReference [^>]*/>", "[call]", _docx_part(path, "word/document.xml")))


def test_subparagraph_letters_follow_the_language(spanish: dict, built: dict) -> None:
    english = built[("hld2013", "rapporteur-report", "pdf")]
    assert re.search(r"^\(i\)\s+Recognition", pdf_text(english), re.MULTILINE)
    assert re.search(r"^i\)\s+Recognition", pdf_text(spanish["pdf"]), re.MULTILINE)
    assert 'w:lvlText w:val="(%1)"' in _docx_part(built[("hld2013", "rapporteur-report", "docx")], "word/numbering.xml")
    numbering = _docx_part(spanish["docx"], "word/numbering.xml")
    assert 'w:lvlText w:val="%1)"' in numbering and 'w:lvlText w:val="(%1)"' not in numbering


def test_footnote_calls_sit_against_punctuation_by_language(spanish: dict, built: dict) -> None:
    # English: after the punctuation ("trails”);¹"); Spanish: before it ("trails”)¹;").
    assert re.search(r"opening trails”\);\d", pdf_text(built[("hld2013", "rapporteur-report", "pdf")]))
    assert re.search(r"opening trails”\)\d;", pdf_text(spanish["pdf"]))
    assert "opening trails”);[call]" in _plain_body(built[("hld2013", "rapporteur-report", "docx")])
    assert "opening trails”)[call];" in _plain_body(spanish["docx"])


def test_generated_numbers_use_the_language_separators(project) -> None:  # type: ignore[no-untyped-def]
    search_path = template_search_path(project)
    english, spanish = Labels.load("en", search_path), Labels.load("es", search_path)
    assert english.number(1234567.5, 1) == "1,234,567.5" and english.number(2500) == "2,500"
    assert spanish.number(1234567.5, 1) == "1.234.567,5" and spanish.number(2500) == "2500"
    assert spanish.number(0.25, 2) == "0,25"


def test_chair_summary_counts_use_the_separators(tmp_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    meeting = tmp_project.root / "content" / "hld2013" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("{count: 80,", "{count: 12500,"), encoding="utf-8")
    for language, shown in (("es", "12.500"), ("en", "12,500")):
        out = tmp_path / language
        paths = build_meeting(tmp_project, "hld2013", BuildOptions(out_dir=out, language=language, kinds=("chair-summary",), formats=("docx",),
                                                                   allow_untranslated=True))
        assert f"about {shown} participants" in _plain_body(paths[0]), language
