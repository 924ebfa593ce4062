"""The Word file against the PDF, measured (tests/parity.py): every meeting of content/ and
examples/ in its house (eclac, un, oas, plain and the project house rcm), both report kinds, and the
briefs (`BRIEFS`: by theme, side by side on landscape pages, with the annex of full texts, a country
view, and in Spanish, French and Arabic). The DOCX is laid out by LibreOffice as one flow, as Word
lays it out (tests/lo_layout.py: all files in one LibreOffice per session).

Every document must match: there is no list of exceptions. Run `python tests/parity.py PDF
WORD-PDF` for the differences of one document."""

from __future__ import annotations

import base64
import datetime as dt
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen.briefs.compare import BRIEF_TEMPLATE, BriefRequest, brief_context, build_brief, saved_request
from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.content.language_files import editions
from reportgen.core.project import Project
from reportgen.render.environment import Renderer
from reportgen.style.labels import Labels
from reportgen.style.search_path import template_search_path

from .conftest import REPO
from .lo_layout import lay_out
from .pagination import top_headings
from .parity import TOLERANCE_MM, compare, pages

FIVE = ("fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3")
DATE = dt.date(2026, 12, 1)
# The briefs measured, name: (the saved brief, or None; the request's options): the theme brief, the
# five meetings side by side (landscape pages, two columns), the theme brief with the annex of full
# texts (--full), in Spanish, French and Arabic (--lang; the Arabic brief right to left, its items
# in English, as the meetings wrote them), and the country view (--country) of Mexico, which four of
# the five meetings give a role.
BRIEFS: dict[str, tuple[str | None, dict]] = {
    "remittances": ("remittances", {}),
    "five-meetings": ("five-meetings", {}),
    "remittances-full": ("remittances", {"full": True}),
    "remittances-es": ("remittances", {"language": "es"}),
    "remittances-fr": ("remittances", {"language": "fr"}),
    "remittances-ar": ("remittances", {"language": "ar"}),
    "mexico": (None, {"meetings": FIVE, "country": "Mexico"}),
}


def brief_request(name: str, out_dir: Path | None = None) -> BriefRequest:
    """The request BRIEFS names (as `reportgen compare` makes it from its options)."""
    saved, options = BRIEFS[name]
    if saved is not None:
        return saved_request(Project(REPO), saved, name=name, date=DATE, out_dir=out_dir, **options)
    return BriefRequest(name=name, date=DATE, out_dir=out_dir, **options)


@pytest.fixture(scope="session")
def parity_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, list[str]]]:
    """{document: (PDF, the DOCX laid out by LibreOffice, its headings)} for every meeting, kind and the brief."""
    require_libreoffice_macros()
    from reportgen.build.meeting import render_meeting

    out = tmp_path_factory.mktemp("parity")
    found: dict[str, tuple[Path, Path, list[str]]] = {}
    docx: list[Path] = []
    for root in (REPO, REPO / "examples"):
        project = Project(root)
        for meeting_id, language in [(m, lang) for m in project.meeting_ids() for lang in (None, *editions(project, m))]:
            rendered, _ = render_meeting(project, meeting_id, BuildOptions(language=language))
            headings = {item.kind: [text for _, text in top_headings(item.html, ("h1", "h2"))] for item in rendered}
            for path in build_meeting(project, meeting_id, BuildOptions(language=language, out_dir=out / root.name)):
                if path.suffix == ".docx":
                    docx.append(path)
                    kind = path.stem.removeprefix(meeting_id + "-").removesuffix(f"-{language}")
                    found[path.stem] = (path.with_suffix(".pdf"), out / "lo" / (path.stem + ".pdf"), headings.get(kind, []))
    for brief in BRIEFS:
        paths = {path.suffix: path for path in build_brief(Project(REPO), brief_request(brief, out / "brief"))}
        docx.append(paths[".docx"])
        found[brief] = (paths[".pdf"], out / "lo" / f"{brief}.pdf", brief_headings(brief))
    lay_out(out / "lo", out / "profile", docx)
    return found


def require_libreoffice_macros() -> None:
    """tests/lo_layout.py runs as a LibreOffice Python macro: soffice and its Python script provider."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    if not (Path(soffice).resolve().parent / "pythonscript.py").exists():
        message = "LibreOffice's Python macros are needed (libreoffice-script-provider-python: scripts/install.sh --test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def brief_headings(name: str) -> list[str]:
    """A brief's h1 and h2, from the HTML both writers walk."""
    project = Project(REPO)
    request = brief_request(name)
    labels = Labels.load(request.language, template_search_path(project))
    html = Renderer(template_search_path(project)).render(BRIEF_TEMPLATE, brief_context(project, request, labels))
    return [text for _, text in top_headings(html, ("h1", "h2"))]


def pictured(name: str) -> set[str]:
    """The words drawn inside a brief's chart: text in the PDF's SVG, pixels in Word's PNG."""
    project = Project(REPO)
    request = brief_request(name)
    labels = Labels.load(request.language, template_search_path(project))
    chart = brief_context(project, request, labels).get("chart")
    if chart is None:  # (a country view has none)
        return set()
    svg = base64.b64decode(chart.svg.split(",", 1)[1]).decode("utf-8")
    return {word for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg) for word in html.unescape(text).split()}


def test_every_house_kind_and_the_brief_are_measured(parity_documents: dict) -> None:
    names = set(parity_documents)
    for meeting in ("hld2013", "escap-cmp2017", "oas-gtmig2014", "idm2025-workshop", "rcm-vmm2014"):  # eclac, un, oas, plain, rcm
        assert {f"{meeting}-rapporteur-report", f"{meeting}-chair-summary"} <= names
    # the briefs: by theme, side by side, with the annex of full texts, a country view, in Spanish, French and Arabic
    assert {"remittances", "five-meetings", "remittances-full", "mexico", "remittances-es", "remittances-fr", "remittances-ar"} <= names


def test_every_language_edition_is_measured(parity_documents: dict) -> None:
    """Each edition of content/ and examples/ (translations/<lang>.yaml), both kinds, is measured;
    Arabic is read in its logical order from the right, Chinese counted by ideograph."""
    names = set(parity_documents)
    for edition in ("gfmd2014-rt3-%s-es", "gfmd2014-rt3-%s-fr", "eclac-cea2019-%s-en", "eclac-cea2019-%s-fr",
                    *(f"escwa-egm2024-%s-{lang}" for lang in ("ar", "es", "fr", "ru", "zh"))):
        assert {edition % "rapporteur-report", edition % "chair-summary"} <= names
    arabic = pages(parity_documents["escwa-egm2024-rapporteur-report-ar"][0])[0]
    heading = next(line for line in arabic if line.text.startswith("أولا"))  # "أولا - مقدمة", as written
    assert heading.words == ("أولا", "-", "مقدمة") and heading.x == pytest.approx(210 - 23, abs=1)  # at the right margin
    chinese = pages(parity_documents["escwa-egm2024-rapporteur-report-zh"][0])[0]
    assert any(line.words[:3] == ("汇", "款", "与") for line in chinese)


def test_word_lays_out_as_the_pdf(parity_documents: dict) -> None:
    """Page count, heading pages, the words each page begins with and page 1's lines within
    TOLERANCE_MM, for every document: no exceptions."""
    found = [line for name, (pdf, word, headings) in sorted(parity_documents.items())
             for line in compare(pdf, word, name, headings, pictured(name) if name in BRIEFS else set())]
    assert not found, f"{len(found)} difference(s) over {TOLERANCE_MM} mm or in pagination:\n" + "\n".join(found)


def test_a_brief_s_word_contents_give_the_pages_of_its_layout(parity_documents: dict) -> None:
    """The page numbers Word shows in a brief's contents (PAGEREF results, from the PDF layout) are
    the pages its headings have in the PDF and in the Word file as LibreOffice lays it out (each
    PDF's outline: WeasyPrint's from the HTML headings, LibreOffice's from Word's heading styles)."""
    for brief in BRIEFS:
        pdf, word_pdf, _ = parity_documents[brief]
        entries = [p.text.split("\t") for p in docx.Document(str(pdf.with_suffix(".docx"))).paragraphs
                   if p.style.name in ("TOC 1", "TOC 2") and "\t" in p.text]
        assert len(entries) >= 2, brief
        outlines = [outline_pages(path) for path in (pdf, word_pdf)]
        for title, page in entries:
            found = [outline.get(title) for outline in outlines]
            assert found == [int(page)] * 2, f"{brief}: '{title}' listed on page {page}, laid out on {found[0]} (PDF) and {found[1]} (Word)"


def outline_pages(pdf: Path) -> dict[str, int]:
    """A PDF's bookmarks: title -> page."""
    reader = PdfReader(str(pdf))
    found: dict[str, int] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(item.title, reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return found


def test_a_long_un_symbol_stays_on_one_line_in_the_list_of_documents(tmp_path: Path) -> None:
    """"E/ESCAP/GCM/PREP/1" is not broken after a slash, in the PDF or in Word."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    meeting = tmp_path / "examples" / "content" / "mcpm2025-declaration" / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8")
    assert "symbol: MCPM/VM.30/INF.1," in text
    meeting.write_text(text.replace("symbol: MCPM/VM.30/INF.1,", "symbol: E/ESCAP/GCM/PREP/1,"), encoding="utf-8")
    paths = build_meeting(Project(tmp_path / "examples"), "mcpm2025-declaration",
                          BuildOptions(kinds=("rapporteur-report",), out_dir=tmp_path / "out"))
    pdf = next(p for p in paths if p.suffix == ".pdf")
    laid_out = [pdf]
    if shutil.which("soffice"):
        docx = next(p for p in paths if p.suffix == ".docx")
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "lo"), str(docx)], capture_output=True, text=True, timeout=300, check=True)
        laid_out.append(tmp_path / "lo" / pdf.name)
    for path in laid_out:
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert any(line.lstrip().startswith("E/ESCAP/GCM/PREP/1 ") for line in text.splitlines()), path
