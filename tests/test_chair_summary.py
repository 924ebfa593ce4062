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


def test_long_conclusions_are_given_by_their_gist_or_first_whole_sentence(built, meetings) -> None:
    # fibemyd2008 has 84 conclusions (half the words of its full record): each keeps its letter
    # and is given by its gist: (written by the secretariat) or else its first whole sentence,
    # marked where something was left out. No sentence is cut.
    text = text_of(built[("fibemyd2008", "chair-summary", "pdf")])
    assert text.count("[…]") > 20
    assert re.search(r"\bq\)\s+Good practices on migration and development already implemented form a heritage", text)
    flat = " ".join(words(text))
    for item in kept_items(meetings["fibemyd2008"]):
        given = gist(item)
        assert " ".join(words(plain(given.text))) in flat, given.text[:60]
        assert given.written or given.text in sentences(item.text)
    pages = text_of(built[("hld2013", "chair-summary", "pdf")])
    hld = " ".join(words(re.sub(r"(?m)^\s*\d+\s*$", "", pages)))  # short enough to be given in full (page numbers dropped)
    for item in kept_items(meetings["hld2013"]):
        assert " ".join(words(item.text)) in hld


@pytest.mark.parametrize("meeting_id", MEETINGS)
def test_no_summary_cuts_a_sentence(built, meeting_id: str) -> None:
    text = " ".join(text_of(built[(meeting_id, "chair-summary", "pdf")]).split())
    for cut in re.finditer(r"(\S+) \[…\]", text):
        assert cut[1][-1] in ".:;!?”)\"", cut[0]


@pytest.mark.parametrize("meeting_id", MEETINGS)
def test_summary_carries_masthead_and_kind_lines(built, meetings, meeting_id: str) -> None:
    from reportgen.style.labels import Labels

    doc, facts = meetings[meeting_id].document, meetings[meeting_id].facts
    day = Labels.load("en", [REPO / "templates"]).date(doc.date or facts.end or facts.start)
    line = " · ".join(b for b in (doc.issuer, doc.symbol, day) if b)
    for fmt in ("pdf", "docx"):
        lines = [" ".join(x.split()) for x in text_of(built[(meeting_id, "chair-summary", fmt)]).splitlines() if x.strip()]
        assert lines[0] == line and lines[1].casefold() == "chair’s summary", lines[:2]


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
