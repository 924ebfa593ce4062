"""Nothing silently lost: long words, long addresses and the widest table the schema allows
come out whole in the PDF, and the PDF holds the same text as the DOCX."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project
from reportgen.content.schema.base import MAX_TABLE_COLUMNS
from reportgen.content.validate import check_meeting, load_themes

from .conftest import REPO
from .textcheck import body_texts, docx_text, missing, normal, pdf_text

WORD = "".join(chr(ord("a") + i % 26) for i in range(10_000))
URL = "https://www.example.org/" + "/".join(f"section{i:02d}" for i in range(16)) + "/report.pdf"  # 170 characters


def pathological_meeting() -> dict:
    return {
        "document": {"kind_label": "Report", "title": "Pathological content", "symbol": "LC/L." + "9" * 80,
                     "distribution": "LIMITED", "date": "2013-07-10", "issuer": "ECLAC"},
        "meeting": {"title": "A meeting", "short_title": "A meeting", "venue": {"city": "Santiago", "country": "Chile"},
                    "start": "2013-07-10"},
        "footnotes": {"long": "A note holding a long word: " + WORD[:2000]},
        "body": [{"id": "a", "heading": "Long words", "blocks": [
            f"A word of {len(WORD)} letters: {WORD} ends here.[^long]",
            f"An address as a link, [{URL}]({URL}), and as text: {URL}.",
            {"table": "The widest table", "columns": [f"Column {c} {WORD[:12]}" for c in range(MAX_TABLE_COLUMNS)],
             "rows": [[f"r{r}c{c}-{WORD[c:c + 40]}" for c in range(MAX_TABLE_COLUMNS)] for r in range(3)]},
            {"table": "A landscape table", "landscape": True, "widths": [1] * 12,
             "rows": [[f"cell {c} {WORD[:60]}" for c in range(12)]]},
            {"list": "1.", "start": 990, "items": [f"Item {i} {WORD[:300]}" for i in range(10)]},
        ]}],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, Path]:
    root = tmp_path_factory.mktemp("pathological")
    (root / "content" / "m").mkdir(parents=True)
    shutil.copy(REPO / "content" / "themes.yaml", root / "content" / "themes.yaml")
    (root / "content" / "m" / "meeting.yaml").write_text(yaml.safe_dump(pathological_meeting(), allow_unicode=True), encoding="utf-8")
    project = Project(root)
    doc, problems = check_meeting(project, "m", load_themes(project)[0])
    assert doc is not None, problems
    pdf, docx = build_meeting(project, "m", BuildOptions(kinds=("rapporteur-report",), out_dir=root / "out"))
    return body_texts(doc), pdf, docx


def test_pdf_keeps_every_character_of_long_words_urls_and_wide_tables(built) -> None:
    texts, pdf, _ = built
    assert not missing(texts, pdf_text(pdf))


def test_docx_keeps_every_character(built) -> None:
    texts, _, docx = built
    assert not missing(texts, docx_text(docx))


def test_pdf_and_docx_hold_the_same_text(built) -> None:
    _, pdf, docx = built
    pdf_all, docx_all = pdf_text(pdf), docx_text(docx)
    assert normal(URL) in normal(pdf_all) and normal(URL) in normal(docx_all)
    for cell in ("r2c19-" + WORD[19:59], "Column 19 " + WORD[:12], "cell 11 " + WORD[:60]):
        assert normal(cell) in normal(pdf_all) and normal(cell) in normal(docx_all)
    assert not missing([docx_all.casefold()], pdf_all.casefold())  # PDF headings and title are in capitals


def test_tables_are_marked_for_how_they_fit_the_page() -> None:
    """Declared columns: fixed layout (no minimum-width pass); a table found too wide: words break anywhere."""
    import lxml.html

    from reportgen.writers.pdf import _prepare

    html = ("<!DOCTYPE html><html><body><table><colgroup><col data-width=\"1\"><col data-width=\"3\"></colgroup>"
            "<tbody><tr><td>a</td><td>b</td></tr></tbody></table><table><tbody><tr><td>c</td></tr></tbody></table></body></html>")
    first, second = lxml.html.fromstring(_prepare(html)).iter("table")
    assert (first.get("data-columns"), first.get("data-wrap"), second.get("data-columns"), second.get("data-wrap")) == ("declared", None, None, None)
    first, second = lxml.html.fromstring(_prepare(html, frozenset({second.get("data-table")}))).iter("table")
    assert (first.get("data-wrap"), second.get("data-wrap")) == (None, "anywhere")
