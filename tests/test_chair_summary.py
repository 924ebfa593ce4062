"""Chair's summaries (`reportgen build MEETING --kind chair-summary`), read back from PDF and DOCX."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.content.model import Meeting, load_meetings
from reportgen.core.project import Project
from reportgen.style.search_path import template_search_path
from reportgen.render.environment import Renderer

from reportgen.render.markup import plain
from reportgen.render.sentences import gist, sentences

from .conftest import REPO
from .fidelity import text_of, words

MEETINGS = ["fibemyd2008", "gfmd2010", "gfmd2011", "gfmd2014-rt3", "hld2013"]
KINDS = ("conclusions", "recommendations", "messages")


@pytest.fixture(scope="module")
def meetings(project: Project) -> dict[str, Meeting]:
    return load_meetings(project)


def summary_words(built, meeting_id: str, fmt: str) -> str:
    return " ".join(words(text_of(built[(meeting_id, "chair-summary", fmt)])))


def kept_items(meeting: Meeting):
    """Every conclusion, recommendation and message of the meeting's body (nested lists too)."""
    def lists(blocks):
        for block in blocks:
            if hasattr(block, "items") and hasattr(block, "kind"):
                if block.kind in KINDS:
                    yield block
                for item in block.items:
                    yield from lists(item.more)

    for _, section in meeting.sections():
        for block in lists(section.blocks):
            yield from block.items


def test_chair_summary_is_a_report_kind(project: Project) -> None:
    assert {"chair-summary", "rapporteur-report"} <= set(Renderer(template_search_path(project)).kinds())
    assert "compare/brief" not in Renderer(template_search_path(project)).kinds()


@pytest.mark.parametrize("meeting_id", MEETINGS)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_every_meeting_has_a_chair_summary(built, meeting_id: str, fmt: str) -> None:
    path = built[(meeting_id, "chair-summary", fmt)]
    assert path.name == f"{meeting_id}-chair-summary.{fmt}" and path.stat().st_size > 0
    assert "chair's summary" in summary_words(built, meeting_id, fmt)


@pytest.mark.parametrize("meeting_id", ["hld2013", "fibemyd2008"])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_at_most_40_percent_of_the_full_record(built, meeting_id: str, fmt: str) -> None:
    summary = words(text_of(built[(meeting_id, "chair-summary", fmt)]))
    full = words(text_of(built[(meeting_id, "rapporteur-report", fmt)]))
    assert len(summary) <= 0.40 * len(full), f"{len(summary)} of {len(full)} words"


@pytest.mark.parametrize("meeting_id", MEETINGS)
def test_every_conclusion_and_recommendation_is_kept(built, meetings, meeting_id: str) -> None:
    items = list(kept_items(meetings[meeting_id]))
    assert items
    for fmt in ("pdf", "docx"):
        text = summary_words(built, meeting_id, fmt)
        for item in items:
            openings = {" ".join(words(sentences(item.text)[0])[:12]), " ".join(words(gist(item).text)[:12])}
            assert any(opening in text for opening in openings), f"{fmt}: {openings}"


def test_long_conclusions_are_given_whole_or_by_their_gist(built, meetings) -> None:
    # fibemyd2008 has 84 conclusions (half the words of its full record): each keeps its letter
    # and is given whole when it is one sentence, else by its gist: (written by the secretariat),
    # else left to the report, which a note says; nothing is cut or marked […].
    text = text_of(built[("fibemyd2008", "chair-summary", "pdf")])
    assert re.search(r"\bq\)\s+Good practices on migration and development already implemented form a heritage", text)
    flat = " ".join(words(text))
    left = " ".join(re.findall(r"Given in full in the report: ([^.]*)\.", " ".join(text.split())))
    for item in kept_items(meetings["fibemyd2008"]):
        given = gist(item)
        if given.written or not given.shortened:
            assert " ".join(words(plain(given.text))) in flat, given.text[:60]
        else:
            assert left, given.text[:60]
    pages = text_of(built[("hld2013", "chair-summary", "pdf")])
    hld = " ".join(words(re.sub(r"(?m)^\s*\d+\s*$", "", pages)))  # short enough to be given in full (page numbers dropped)
    for item in kept_items(meetings["hld2013"]):
        assert " ".join(words(item.text)) in hld


@pytest.mark.parametrize("meeting_id", MEETINGS)
def test_summary_reads_as_a_document(built, meetings, meeting_id: str) -> None:
    """No line ends in […]; no record section letter in a heading ("H. Conclusion …"); no
    "(continued)" session; every list keeps the words that introduce it; in both formats."""
    from reportgen.render.summary import lead_in

    meeting = meetings[meeting_id]
    lettered = [s for _, s in meeting.sections() if s.label and s.heading]
    for fmt in ("pdf", "docx"):
        text = " ".join(text_of(built[(meeting_id, "chair-summary", fmt)]).split())
        assert "[…]" not in text and "[...]" not in text
        assert "(continued)" not in text
        for section in lettered:
            assert f"{section.label.strip()} {plain(section.heading)}" not in text, section.label
        for _, section in meeting.sections():
            for before, block in zip(section.blocks, section.blocks[1:]):
                if getattr(block, "kind", None) in KINDS and lead_in(before):
                    assert " ".join(plain(lead_in(before)).split()) in text, lead_in(before)


@pytest.mark.parametrize("meeting_id", MEETINGS)
def test_summary_has_its_own_identity(built, meetings, meeting_id: str) -> None:
    """The summary's identity: never the report's symbol (no symbol of its own in these meetings);
    the meeting's title, then its place and dates and the kind line; its own title in the PDF and
    Word metadata."""
    from pypdf import PdfReader

    doc, facts = meetings[meeting_id].document, meetings[meeting_id].facts
    title = f"Chair’s summary: {plain(facts.title)}"  # the catalogue's typographic apostrophe
    for fmt in ("pdf", "docx"):
        path = built[(meeting_id, "chair-summary", fmt)]
        lines = [" ".join(x.split()) for x in text_of(path).splitlines() if x.strip()]
        if doc.symbol:
            assert not any(doc.symbol in line for line in lines)
        kind = next(i for i, line in enumerate(lines) if line.casefold() == "chair’s summary")
        start = next(i for i, line in enumerate(lines) if plain(facts.title).casefold().startswith(line.casefold()[:40]))
        assert start < kind <= start + 6  # the title (a few lines), place and dates, then the kind line
    assert PdfReader(str(built[(meeting_id, "chair-summary", "pdf")])).metadata.title == title
    assert docx.Document(str(built[(meeting_id, "chair-summary", "docx")])).core_properties.title == title[:255]
    assert PdfReader(str(built[(meeting_id, "rapporteur-report", "pdf")])).metadata.title == plain(doc.title)


def _masthead_lines(path: Path) -> list[str]:
    """The lines of the masthead table a DOCX opens with (the house masthead), empty cells left out."""
    table = docx.Document(str(path)).tables[0]
    return list(dict.fromkeys(p.text.strip() for cell in table._cells for p in cell.paragraphs if p.text.strip()))


HOUSES = [("built", "hld2013", "eclac"), ("examples", "escap-cmp2017", "un"), ("examples", "oas-gtmig2014", "oas"),
          ("examples", "idm2025-workshop", "plain"), ("examples", "rcm-vmm2014", "rcm")]


@pytest.mark.parametrize(("source", "meeting_id", "house"), HOUSES)
def test_summary_carries_the_house_masthead_with_its_own_identity(request, source: str, meeting_id: str, house: str) -> None:
    """In every house the summary opens with the house's masthead, as the report does, less what is
    the report's own: its symbol (also in the running header) and series line, distribution,
    status, job number and agenda item. Read back from both formats: the masthead table of the DOCX and page 1 of the
    PDF, above the kind line."""
    from .parity import pages

    built = request.getfixturevalue(source)
    meeting = load_meetings(Project(REPO if source == "built" else REPO / "examples"))[meeting_id]
    doc = meeting.document
    assert doc.house == house
    report, summary = (built[(meeting_id, kind, "docx")] for kind in ("rapporteur-report", "chair-summary"))
    series = None if doc.summary_symbol else doc.series  # the series line goes with a symbol
    own = [text for text in (doc.full_symbol, series, doc.distribution, doc.status_label, doc.job_number, doc.agenda_item) if text]
    expected = [line for line in _masthead_lines(report)
                if not line.startswith("Distr") and not any(plain(text) in line for text in own)]
    assert expected and _masthead_lines(summary) == expected, house
    headers = " ".join(p.text for section in docx.Document(str(summary)).sections
                       for part in (section.header, section.even_page_header, section.first_page_header) for p in part.paragraphs)
    first = pages(built[(meeting_id, "chair-summary", "pdf")])[0]
    kind = next(line.y for line in first if line.text.casefold() == "chair’s summary")
    above = " ".join(line.text for line in first if line.y < kind).casefold()  # the OAS chain in capitals
    for line in expected:
        assert line.casefold() in above, (house, line)
    everything = " ".join(" ".join(text_of(built[(meeting_id, "chair-summary", fmt)]).split()) for fmt in ("pdf", "docx"))
    for text in own:
        assert plain(text) not in everything and plain(text) not in headers, (house, text)
    if doc.symbol:  # the report's own page 1 and running header do carry it (what the summary leaves out)
        assert doc.full_symbol in " ".join(text_of(built[(meeting_id, "rapporteur-report", "pdf")]).split())


def test_a_summary_symbol_of_its_own_is_printed_and_recorded(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    """document.summary_symbol: the summary's masthead and running header print it, its PDF subject and
    Word subject and identifier record it; the report keeps its own symbol and never shows the summary's."""
    from pypdf import PdfReader

    from .parity import pages

    path = tmp_project.content_dir / "hld2013" / "meeting.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  symbol: LC/L.3702\n" in text
    path.write_text(text.replace("  symbol: LC/L.3702\n", "  symbol: LC/L.3702\n  summary_symbol: LC/MIG.2013/2\n"), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "hld2013", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "hld2013"
    pdf, word = folder / "hld2013-chair-summary.pdf", folder / "hld2013-chair-summary.docx"
    laid_out = pages(pdf)
    kind = next(line.y for line in laid_out[0] if line.text == "Chair’s summary")
    assert any(line.text == "LC/MIG.2013/2" and line.y < kind for line in laid_out[0])  # in the masthead's block
    assert any(line.text == "LC/MIG.2013/2" and line.y < 20 for line in laid_out[1])  # the running header of page 2
    assert PdfReader(str(pdf)).metadata.subject == "Chair’s summary (LC/MIG.2013/2)"
    document = docx.Document(str(word))
    assert "LC/MIG.2013/2" in _masthead_lines(word)
    assert document.sections[0].header.paragraphs[0].text == "LC/MIG.2013/2"
    assert document.core_properties.identifier == "LC/MIG.2013/2"
    assert document.core_properties.subject == "Chair’s summary (LC/MIG.2013/2)"
    for fmt in ("pdf", "docx"):
        summary = " ".join(text_of(folder / f"hld2013-chair-summary.{fmt}").split())
        report = " ".join(text_of(folder / f"hld2013-rapporteur-report.{fmt}").split())
        assert "LC/L.3702" not in summary and "LC/MIG.2013/2" not in report and "LC/L.3702" in report
    assert docx.Document(str(folder / "hld2013-rapporteur-report.docx")).core_properties.identifier == "LC/L.3702"


@pytest.mark.parametrize("meeting_id", MEETINGS)
def test_both_formats_say_the_same(built, meeting_id: str) -> None:
    """The same words in both, but for the list markers, which Word numbers itself (and the page numbers)."""
    from collections import Counter

    pdf = Counter(words(re.sub(r"(?m)^\s*\d+\s*$", "", text_of(built[(meeting_id, "chair-summary", "pdf")]))))
    word = Counter(words(text_of(built[(meeting_id, "chair-summary", "docx")])))
    assert not word - pdf
    assert all(re.fullmatch(r"[a-z]|[ivxl]+|\d+", marker) for marker in pdf - word), pdf - word


def test_sessions_without_key_points_are_listed_by_validate_gists(runner: CliRunner, tmp_project: Project) -> None:
    path = tmp_project.content_dir / "hld2013" / "meeting.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index('    summary: "The floor debate was about remittances')
    path.write_text(text[:start] + text[text.index("\n", start) + 1:], encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "validate", "hld2013", "--gists"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^content/hld2013/meeting\.yaml:\d+:\d+: sessions\[3\]: no summary: the chair's summary has no key "
                     r"points for this session", result.output, re.M), result.output


def test_numbers_and_list_styles_are_those_of_the_source(built) -> None:
    document = docx.Document(str(built[("gfmd2014-rt3", "chair-summary", "docx")]))
    numbered = [p.text for p in document.paragraphs if p._p.find(".//{*}numPr") is not None]
    assert any(t.startswith("Migrant’s role as partners") for t in numbered)
    text = text_of(built[("gfmd2011", "chair-summary", "pdf")])
    assert re.search(r"\ba\)\s+Establish a permanent space for dialogue", text)
    assert re.search(r"\be\)\s+Establish inter-institutional councils", text)


def test_meeting_facts_objectives_and_sessions(built, meetings) -> None:
    text = " ".join(text_of(built[("gfmd2014-rt3", "chair-summary", "pdf")]).split())
    assert "14 to 16 May 2014" in text and "Stockholm, Sweden" in text
    assert "Rapporteur Jorge Lomónaco" in text
    assert "Roundtable 3.1: Empowering migrants" in text and "Co-chairs: Ecuador, Greece." in text
    assert "Overall conclusions" in text
    text = " ".join(text_of(built[("hld2013", "chair-summary", "pdf")]).split())
    assert "Organisers Economic Commission for Latin America and the Caribbean, International Organization for Migration" in text
    assert "about 80 participants" in text and "30 experts" in text
    assert "The goal of the meeting was to debate" in text
    assert "Session 7: Plenary: Messages from the region" in text
    for session in meetings["hld2013"].doc.sessions:
        assert plain(session.title) in text
        if session.summary:
            assert plain(session.summary) in text  # as the typographer sets it: migrants’ rights
    assert "Moderator: Jorge Martínez Pizarro" in text
    text = " ".join(text_of(built[("gfmd2011", "chair-summary", "docx")]).split())
    assert "Way forward" in text and "Co-chair Mexico" in text


@pytest.mark.parametrize("meeting_id", ["hld2013", "fibemyd2008"])
def test_two_to_five_pages_for_hld2013_and_at_most_seven_for_fibemyd2008(built, meeting_id: str) -> None:
    from pypdf import PdfReader

    pages = len(PdfReader(str(built[(meeting_id, "chair-summary", "pdf")])).pages)
    assert 2 <= pages <= (5 if meeting_id == "hld2013" else 7)


def test_build_without_kind_writes_both_kinds(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2014-rt3", "--pdf", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(Path(line).name for line in result.output.split()) == [
        "gfmd2014-rt3-chair-summary.pdf", "gfmd2014-rt3-rapporteur-report.pdf"]


def test_a_long_item_without_gist_is_left_to_the_report(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    """In a condensed summary an item that is more than one sentence and has no gist: is not cut:
    a note under its list names it, and the items around it keep their letters."""
    path = tmp_project.content_dir / "fibemyd2008" / "conclusions.yaml"
    gist_line = '                gist: "Liaison programmes open a space for civil society participation that must be broadened and systematised."\n'
    text = path.read_text(encoding="utf-8")
    assert gist_line in text
    path.write_text(text.replace(gist_line, ""), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "build", "fibemyd2008", "--kind", "chair-summary",
                                  "--docx", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "fibemyd2008" / "fibemyd2008-chair-summary.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Given in full in the report: (j)." in paragraphs  # the letter as printed in English: (j)
    assert not any(p.startswith("It must be stressed that the programmes analysed") for p in paragraphs)
    assert not any("[…]" in p for p in paragraphs)
    at = paragraphs.index("Given in full in the report: (j).")  # under the list: k) and l) are given before it
    assert any(p.startswith("The cyclical emigration of highly trained professionals") for p in paragraphs[at - 2:at])


def test_a_summary_built_alone_refers_to_the_report_s_paragraph_numbers(tmp_path: Path) -> None:
    """escap-cmp2017's summary says "the discussion summarized in paragraphs [paras:proceedings]": the
    numbers are the report's, and building the summary alone (--kind chair-summary) gives the same ones."""
    from .conftest import pdf_text

    examples = REPO / "examples"
    texts = {}
    for name, kinds in (("alone", ["--kind", "chair-summary"]), ("all", [])):
        result = CliRunner().invoke(main, ["--project", str(examples), "build", "escap-cmp2017", "--pdf", *kinds,
                                           "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        texts[name] = " ".join(pdf_text(tmp_path / name / "escap-cmp2017" / "escap-cmp2017-chair-summary.pdf").split())
    assert "discussion summarized in paragraphs 3–9 below" in texts["alone"]
    assert texts["alone"] == texts["all"]
    assert not (tmp_path / "alone" / "escap-cmp2017" / "escap-cmp2017-rapporteur-report.pdf").exists()
