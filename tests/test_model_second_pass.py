"""The general meeting model, second pass (issue 21), read back from the example project's PDF and
DOCX: documents under cover notes, cited by id, related to each other and amended by paragraph;
meetings with segments, programme days without slots, a parent process and chairs by capacity;
officials known by post, issuers that are people, partially known membership; speaker lines,
the authors and statement lines as options, status labels, list marker "a.", the foot of page 1,
contents with second-level entries and group labels; and the warning for an empty generated list."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx.oxml.ns import qn

from reportgen.cli import main
from reportgen.content import schema
from reportgen.render.mentions import informative

from .conftest import REPO
from .test_general_model import docx_paragraphs, flat, pdf, text_in

EXAMPLES = REPO / "examples"
DRAFT = "mapsc2024-draft-report"
COCHAIRS = "csp2024-cochairs"
COVER = "mflm2024-cover-note"


def pdf_page(examples: dict, meeting_id: str, page: int, kind: str = "rapporteur-report") -> str:
    path = examples[(meeting_id, kind, "pdf")]
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return flat(out)


# --------------------------------------------------------------------------- documents


def test_cover_note_is_printed_on_its_own_page_before_the_document(examples: dict) -> None:
    note, first = pdf_page(examples, COVER, 1), pdf_page(examples, COVER, 2)
    for words in ("CIO.GAL/48/24", "29 November 2024", "Note by the Chairmanship",
                  "To: Delegations of the participating States Partners for Co-operation",
                  "From: Chairmanship of the Mediterranean Forum on Labour Mobility",
                  "Subject: Consolidated summary of the 2024 Conference on Labour Mobility",
                  "The Chairmanship has the honour to transmit herewith"):
        assert words in note
    assert "CONSOLIDATED SUMMARY" not in note
    assert "CONSOLIDATED SUMMARY" in first and "25 November 2024" in first and "CIO.GAL" not in first


def test_cover_note_comes_first_in_the_docx(examples: dict) -> None:
    document = docx.Document(str(examples[(COVER, "rapporteur-report", "docx")]))
    texts = [p.text for p in document.paragraphs]
    note = texts.index("Note by the Chairmanship")
    summary = next(i for i, t in enumerate(texts) if t.startswith("The Chairmanship has the honour"))
    title = texts.index("2024 Conference on Labour Mobility")
    assert note < summary < title
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Subject:" in cells and "Consolidated summary of the 2024 Conference on Labour Mobility" in cells
    # the document's masthead (a table) opens a new page: the paragraph before it breaks the page
    body = list(document.element.body)
    masthead = next(i for i, el in enumerate(body) if el.tag == qn("w:tbl") and "MFLM.GAL/3/24" in "".join(
        t.text or "" for t in el.iter(qn("w:t"))))
    assert body[masthead - 1].find(f".//{qn('w:pageBreakBefore')}") is not None


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_text_cites_documents_by_id(examples: dict, fmt: str) -> None:
    text = text_in(examples, DRAFT, fmt)
    assert "The agenda (EC/75/SC/CRP.22) was adopted without revision" in text
    assert re.search(r"\(EC/75/SC/CRP\. ?27 and EC/75/SC/CRP\.27/Corr\.1\)", text)  # a PDF line may end after "CRP."
    assert "[doc:" not in text
    # a document without a symbol is cited by its title, in quotation marks
    cover = text_in(examples, COVER, fmt)
    assert "adopted in 2021 (“Mediterranean Skills Partnership Strategy”)" in cover


def test_documents_are_cited_by_id_in_fields_printed_as_written(tmp_path: Path) -> None:
    """[doc:id] in a field printed without Markdown (a chair's note, a participation note) and in the
    title (the PDF's and the DOCX's metadata) prints the document's symbol too, never '[doc:'."""
    shutil.copytree(EXAMPLES / "content", tmp_path / "content")
    meeting = tmp_path / "content" / DRAFT / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8")
    for old, new in [('note: "(Chair of the Executive Committee)"', 'note: "(Chair of the Executive Committee, [doc:agenda])"'),
                     ("note: as observers}", 'note: "as observers under [doc:agenda]"}'),
                     ("  title: Draft report of the ninetieth meeting", "  title: Draft report ([doc:agenda]) of the ninetieth meeting")]:
        assert old in text
        text = text.replace(old, new)
    meeting.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "build", DRAFT, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out" / DRAFT
    summary = flat(subprocess.run(["pdftotext", str(out / f"{DRAFT}-chair-summary.pdf"), "-"], capture_output=True, text=True, check=True).stdout)
    assert "(Chair of the Executive Committee, EC/75/SC/CRP.22)" in summary
    assert "as observers under EC/75/SC/CRP.22" in summary.replace("/ ", "/")  # a line may end after a slash
    word = docx.Document(str(out / f"{DRAFT}-chair-summary.docx"))
    cells = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert "(Chair of the Executive Committee, EC/75/SC/CRP.22)" in " ".join([*(p.text for p in word.paragraphs), cells])
    report = out / f"{DRAFT}-rapporteur-report"
    info = subprocess.run(["pdfinfo", str(report.with_suffix(".pdf"))], capture_output=True, text=True, check=True).stdout
    assert "Title:           Draft report (EC/75/SC/CRP.22) of the ninetieth meeting" in info
    assert docx.Document(str(report.with_suffix(".docx"))).core_properties.title.startswith("Draft report (EC/75/SC/CRP.22) of")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_list_of_documents_prints_relations_partial_titles_and_dates(examples: dict, fmt: str) -> None:
    text = text_in(examples, DRAFT, fmt)
    assert "Corrigendum to EC/75/SC/CRP.27" in text
    assert "Revision of EC/75/SC/CRP.24" in text
    if fmt == "docx":
        assert "Mixed movements and the protection of […]" in text
    else:  # the table cell wraps: the date and languages columns come between on the line
        # the title wraps in its column beside the date and languages
        assert re.search(r"Mixed movements and the protection (of )?2024 English (of )?\[…\]", text)
    assert "April 2024" in text  # dated by month only
    cover = text_in(examples, COVER, fmt)
    assert re.search(r"Mediterranean Skills Partnership\s+Strategy.*2021", cover)
    assert "Original: French" in cover
    assert "Draft of Annex Contribution on fair recruitment" in cover  # draft_of an annex


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_amendments_by_paragraph_and_line(examples: dict, fmt: str) -> None:
    text = text_in(examples, DRAFT, fmt)
    assert ("Paragraph 17, line 3: after “mixed flows” insert “, and emphasized the humanitarian element of the "
            "regional action plan”") in text
    assert "Paragraph 23: for “twelve delegations” read “thirteen delegations”" in text


def test_amendments_take_no_paragraph_number(examples: dict) -> None:
    lines = pdf(examples, DRAFT).splitlines()
    amendment = next(line for line in lines if "Paragraph 17, line 3" in line)
    assert re.match(r"^\s+Paragraph 17", amendment)
    assert re.search(r"^3\.\s+The Assistant High Commissioner", "\n".join(lines), re.M)  # II. took paragraph 2 only
    for p in docx_paragraphs(examples, DRAFT):
        if p.text.startswith("Paragraph 23"):
            break
    else:
        raise AssertionError("no amendment line in the DOCX")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_sections_holding_other_documents_print_their_symbol(examples: dict, fmt: str) -> None:
    text = text_in(examples, COCHAIRS, fmt)
    heading = "NADI DECLARATION ON SAFE PATHWAYS" if fmt == "pdf" else "Nadi Declaration on Safe Pathways"
    assert f"{heading} CSP/RMC.8/3 We, the Ministers" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_transmitted_to_and_status(examples: dict, fmt: str) -> None:
    first = pdf_page(examples, DRAFT, 1) if fmt == "pdf" else text_in(examples, DRAFT, fmt)
    assert "For adoption by the Executive Committee at its seventy-fifth plenary session" in first
    assert "DRAFT" not in first  # status: draft, but the title already says "Draft report"
    cover = pdf_page(examples, COVER, 2) if fmt == "pdf" else text_in(examples, COVER, fmt)
    assert "Final version" in cover


# --------------------------------------------------------------------------- meetings


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_programme_with_segments_and_a_day_without_slots(examples: dict, fmt: str) -> None:
    text = text_in(examples, COCHAIRS, fmt)
    programme = text if fmt == "docx" else text[text.rindex("PROGRAMME"):]
    som = programme.index("Senior Officials’ Meeting (9 February 2024)")
    note = programme.index("Senior Officials’ Meeting (closed); the programme of the day was not published.")
    ministerial = programme.index("Ministerial Conference (10 February 2024)")
    assert som < note < ministerial


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_chair_summary_gives_process_mandate_segments_and_membership(examples: dict, fmt: str) -> None:
    text = text_in(examples, COCHAIRS, fmt, "chair-summary")
    assert "(CSP), also known as Nadi Process" in text
    assert "Theme: Safe pathways and the fight against people smuggling in the Pacific" in text
    assert "CSP/RMC.7/2" in text[text.index("Mandate"):]
    assert "Senior Officials’ Meeting: 9 February 2024 Ministerial Conference: 10 February 2024" in text
    assert "11 members, of which 10 named:" in text
    assert "281 delegates, including 26 ministers" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_chairs_by_capacity(examples: dict, fmt: str) -> None:
    draft = text_in(examples, DRAFT, fmt, "chair-summary")
    assert "Amina Rahal (Chair of the Executive Committee) (ex officio)" in draft
    assert "Henrik Solberg (outgoing), Lucía Ferreyra (incoming)" in draft
    cover = text_in(examples, COVER, fmt, "chair-summary")
    assert "Chairs Chairmanship (Malta) (outgoing), Chairmanship (Portugal) (incoming)" in cover


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_unstated_venue_prints_no_place(examples: dict, fmt: str) -> None:
    text = text_in(examples, COVER, fmt, "chair-summary")
    assert "14 and 15 November 2024" in text
    assert "Venue" not in text and "None" not in text


def test_list_says_venue_not_stated() -> None:
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "list"])
    assert result.exit_code == 0, result.output
    assert re.search(rf"^{COVER}\s+MFLM Conference on Labour Mobility \(2024\) \| venue not stated \|", result.output, re.M)


# --------------------------------------------------------------------------- people and issuers


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issuers_that_are_people(examples: dict, fmt: str) -> None:
    text = pdf_page(examples, COCHAIRS, 1) if fmt == "pdf" else text_in(examples, COCHAIRS, fmt)
    assert ("The Honourable Ratu Josefa Vakacegu, Minister for Foreign Affairs of Fiji and The Honourable Claire "
            "Whitcombe, Minister for Foreign Affairs of New Zealand") in text
    # the plain house prints the series line under the organisation's name
    assert "Transnational Crime Eighth Regional Ministerial Conference" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_speaker_lines(examples: dict, fmt: str) -> None:
    text = text_in(examples, COCHAIRS, fmt)
    assert ("Ms Ana Luísa Prado, Deputy Director General, IOM: “Smuggling routes in the Pacific: what the data show”"
            in text)
    # an official known only by post reads a statement out
    assert "Mr Daniel Osei-Bonsu, Regional Representative, UNODC, read out by a Programme Officer of UNODC" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_annex_submitted_by_role_holders(examples: dict, fmt: str) -> None:
    text = text_in(examples, COVER, fmt)
    assert "Submitted by Portugal and the International Labour Organization" in text


def test_unnamed_office_repeating_the_role_is_left_out() -> None:
    chair = schema.RoleHolder(office="the Chair")
    co_chairs = schema.RoleHolder(office="the Co-Chairs")
    named = schema.RoleHolder(office="the Chair", country="Fiji")
    named._ref = "Fiji"
    assert informative([chair, co_chairs, named], "Chair", "Chairs") == [co_chairs, named]


# --------------------------------------------------------------------------- printing


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_authors_line_with_the_organisations_article(examples: dict, fmt: str) -> None:
    text = text_in(examples, COVER, fmt)
    assert "Prepared by the Office of the Special Representative on Labour Mobility." in text


def test_first_page_footer(examples: dict) -> None:
    address = "Regional Support Office of the Coral Sea Process · 15 Harbour Road, Suva, Fiji"
    assert address in pdf_page(examples, COCHAIRS, 1)
    assert address not in pdf_page(examples, COCHAIRS, 2)
    document = docx.Document(str(examples[(COCHAIRS, "rapporteur-report", "docx")]))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert address in section.first_page_footer.paragraphs[0].text


def test_list_marker_a_dot(examples: dict) -> None:
    assert re.search(r"^a\.\s+Ministers agreed to expand", pdf(examples, COCHAIRS), re.M)
    document = docx.Document(str(examples[(COCHAIRS, "rapporteur-report", "docx")]))
    numbering = document.part.numbering_part.element
    levels = [(lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")))
              for lvl in numbering.iter(qn("w:lvl")) if lvl.find(qn("w:numFmt")) is not None]
    assert ("lowerLetter", "%1.") in levels


def test_contents_with_second_level_entries_and_group_labels(examples: dict) -> None:
    contents = pdf(examples, COVER).split("CONTENTS", 1)[1].split("Prepared by", 1)[0]
    assert re.search(r"^Part one\. The conference\s*$", contents, re.M)  # no leader, no page number
    assert re.search(r"^\s+A\. Skills partnerships \.+\d+\s*$", contents, re.M)
    assert re.search(r"^I\. Introduction \.+\d+\s*$", contents, re.M)
    document = docx.Document(str(examples[(COVER, "rapporteur-report", "docx")]))
    toc = [p for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    group = next(p for p in toc if p.text.startswith("Part one"))
    assert "PAGEREF" not in group._p.xml
    assert [p.text.split("\t")[0] for p in toc if p.style.name == "TOC 2"] == ["A. Skills partnerships", "B. Fair recruitment"]


# --------------------------------------------------------------------------- options and warnings


def _project_with(tmp_path: Path, meeting_id: str, change: Any) -> Path:
    root = tmp_path / "project"
    shutil.copytree(EXAMPLES / "content" / meeting_id, root / "content" / meeting_id)
    shutil.copy(EXAMPLES / "content" / "themes.yaml", root / "content" / "themes.yaml")
    path = root / "content" / meeting_id / "meeting.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def test_authors_and_statement_lines_can_be_turned_off(tmp_path: Path) -> None:
    def off(data: dict) -> None:
        data["document"]["authors_line"] = False
        data["document"]["statement_lines"] = False

    root = _project_with(tmp_path, "idm2025-workshop", off)
    result = CliRunner().invoke(main, ["--project", str(root), "build", "idm2025-workshop", "--pdf", "--kind", "rapporteur-report"])
    assert result.exit_code == 0, result.output
    text = flat(subprocess.run(["pdftotext", str(root / "output" / "idm2025-workshop" / "idm2025-workshop-rapporteur-report.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout)
    assert "Prepared by" not in text and "Statement by" not in text
    assert "Ms María Ramírez" in text  # the rest of the report is there


def test_empty_list_of_participants_warns(tmp_path: Path) -> None:
    def nobody(data: dict) -> None:
        for person in data["people"]:
            person["listed"] = False
        data["annexes"].append({"id": "participants", "label": "Annex II", "heading": "List of participants",
                                "generate": "participants"})

    root = _project_with(tmp_path, DRAFT, nobody)
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    assert result.exit_code == 0
    assert re.search(rf"^warning: content/{DRAFT}/meeting.yaml:\d+:\d+: annexes\[1\]\.generate: nobody is listed "
                     r"\(people: with listed: true\): the list of participants prints only its heading$",
                     result.stderr, re.M), result.stderr
    again = CliRunner().invoke(main, ["--project", str(root), "validate"])  # from the cache
    assert "nobody is listed" in again.stderr
