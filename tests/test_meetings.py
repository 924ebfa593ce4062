"""All five seed meetings: typed facts, real tables in both formats, their own document furniture."""

from __future__ import annotations

import datetime as dt
import zipfile

import docx
import pytest
from pypdf import PdfReader

from reportgen.content.model import load_meetings

from .conftest import SEED_FILES, pdf_text


@pytest.fixture(scope="module")
def meetings(project):
    return load_meetings(project)


def test_all_seed_meetings_are_in_content(meetings) -> None:
    assert set(meetings) == set(SEED_FILES)


@pytest.mark.parametrize(("meeting", "kind_label"), [
    ("hld2013", "Rapporteur’s report"),
    ("fibemyd2008", "Conclusions"),
    ("gfmd2010", "Conclusions of the 2010 GFMD Chair"),
    ("gfmd2011", "Summary report"),
    ("gfmd2014-rt3", "General Rapporteur’s Report"),
])
def test_cover_carries_the_documents_own_kind(meeting: str, kind_label: str, built: dict) -> None:
    cover = pdf_text(built[(meeting, "rapporteur-report", "pdf")]).split("\f")[0]
    assert kind_label in cover


def test_facts_are_typed(meetings) -> None:
    gfmd2011 = meetings["gfmd2011"].facts
    assert [(f.count, f.unit) for f in gfmd2011.participation] == [(73, "participants")]
    assert [h.ref for h in gfmd2011.co_chairs] == ["Mexico"]
    assert (gfmd2011.start, gfmd2011.end) == (dt.date(2011, 10, 4), dt.date(2011, 10, 5))
    gfmd2010 = meetings["gfmd2010"].facts
    assert [h.ref for h in gfmd2010.chairs] == ["Mexico"]
    assert any(f.count == 131 and f.qualifier == "over" for f in gfmd2010.participation)
    rapporteur = meetings["gfmd2014-rt3"].facts.rapporteurs[0].ref
    assert (rapporteur.name, rapporteur.country) == ("Jorge Lomónaco", "Mexico")
    hld = meetings["hld2013"]
    assert {o.ref.acronym for o in hld.facts.organisers} == {"ECLAC", "IOM"}
    assert len([p for p in hld.doc.people if p.biography]) == 30


def _items(meeting):
    from reportgen.content import schema
    from reportgen.content.traverse import walk

    return [node for _, node in walk(meeting.doc) if isinstance(node, schema.ListItem)]


def test_amounts_and_calendar_dates_are_typed(meetings) -> None:
    amounts = [(a.value, a.currency) for item in _items(meetings["gfmd2010"]) for a in item.amounts]
    assert (800000, "EUR") in amounts
    from reportgen.content import schema
    from reportgen.content.traverse import walk

    workshop = [(a.value, a.currency, a.text) for _, node in walk(meetings["gfmd2011"].doc)
                if isinstance(node, schema.TaggedParagraph) for a in node.amounts]
    assert (440e9, "USD", "US$440 billion") in workshop
    calendar = [item.date for item in _items(meetings["fibemyd2008"]) if item.date]
    assert calendar == [dt.date(2008, 5, 7), dt.date(2008, 5, 30), dt.date(2008, 6, 30), dt.date(2008, 7, 4)]


def test_every_conclusion_has_a_known_theme(meetings, project) -> None:
    from reportgen.content.validate import TAGGED_KINDS
    from reportgen.content.traverse import walk
    from reportgen.content import schema

    themes = set(meetings["hld2013"].themes)
    assert {"remittances", "human-rights", "irregular-migration", "labour-mobility", "diaspora-return", "integration",
            "gender", "children-youth", "trafficking-smuggling", "data-research", "governance", "civil-society",
            "health-education", "climate-change"} <= themes
    counted = 0
    for meeting in meetings.values():
        for _, node in walk(meeting.doc):
            if isinstance(node, schema.ListBlock) and node.kind in TAGGED_KINDS:
                for item in node.items:
                    assert item.themes and set(item.themes) <= themes
                    counted += 1
    assert counted > 100


def test_action_programme_is_a_real_landscape_table(built: dict) -> None:
    path = built[("fibemyd2008", "rapporteur-report", "docx")]
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Themes/contents")
    assert [c.text for c in table.rows[0].cells] == ["Themes/contents", "Objectives (paragraph 25 of the Montevideo Commitment)", "Activities"]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # header row repeats across pages
    assert any(row.cells[0].text == "Remittances" for row in table.rows)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:orient="landscape"' in xml
    reader = PdfReader(str(built[("fibemyd2008", "rapporteur-report", "pdf")]))
    wide = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert wide and "Themes/contents" in wide[0].extract_text()
    layout = pdf_text(built[("fibemyd2008", "rapporteur-report", "pdf")])
    # a real table: the three column headers stand side by side on one line
    assert any("Themes/contents" in line and "Activities" in line for line in layout.splitlines())


def test_workshop_header_is_a_real_table(built: dict) -> None:
    document = docx.Document(str(built[("gfmd2011", "rapporteur-report", "docx")]))
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Organized and hosted by:", "Government of El Salvador"]
    assert rows[-1] == ["Total number of participants:", "73"]
    layout = pdf_text(built[("gfmd2011", "rapporteur-report", "pdf")])
    assert any("Co-chaired by:" in line and "Government of Mexico" in line for line in layout.splitlines())
    assert "Thursday, 13 October 2011" in layout
