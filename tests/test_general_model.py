"""The general meeting model (issue 8), read back from the example project's PDF and DOCX:
adopted texts, offices as role holders, State lists in the country view of briefs, generated lists
of participants and documents, agenda items and labelled days, typed authors, participation by
category, a 300-character title; and the JSON Schema editors use."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from docx.oxml.ns import qn

from reportgen.cli import main
from reportgen.content.schema_export import meeting_schema

from .conftest import REPO, pdf_text

EXAMPLES = REPO / "examples"
DECLARATION = "mcpm2025-declaration"
WORKSHOP = "idm2025-workshop"
LONG_TITLE = (
    "Declaration of Tegucigalpa and San Pedro Sula of the Vice-Ministers and Heads of Delegation of the Member "
    "Countries of the Mesoamerican Consultation Process on Migration on shared responsibility for safe, orderly and "
    "regular migration and for the protection of migrants in the region, 1 December 2025"
)


def flat(text: str) -> str:
    """Text with runs of white space (line breaks, layout gaps) made single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def pdf(examples: dict, meeting_id: str, kind: str = "rapporteur-report") -> str:
    return pdf_text(examples[(meeting_id, kind, "pdf")])


def docx_paragraphs(examples: dict, meeting_id: str, kind: str = "rapporteur-report") -> list[Any]:
    return docx.Document(str(examples[(meeting_id, kind, "docx")])).paragraphs


def docx_text(examples: dict, meeting_id: str, kind: str = "rapporteur-report") -> str:
    document = docx.Document(str(examples[(meeting_id, kind, "docx")]))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return flat("\n".join([p.text for p in document.paragraphs] + cells))


def text_in(examples: dict, meeting_id: str, fmt: str, kind: str = "rapporteur-report") -> str:
    """The document's text in one format, white space made single spaces."""
    return flat(pdf(examples, meeting_id, kind)) if fmt == "pdf" else docx_text(examples, meeting_id, kind)


def numbered(paragraph: Any) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None


# --------------------------------------------------------------------------- adopted texts


def test_pdf_tells_preambular_from_operative_paragraphs(examples: dict) -> None:
    lines = pdf(examples, DECLARATION).splitlines()
    preamble = next(line for line in lines if "Recalling the principles" in line)
    operative = next(line for line in lines if "To reaffirm their commitment" in line)
    assert re.match(r"^\s+Recalling the principles", preamble)  # no number before it
    assert re.match(r"^1\.\s+To reaffirm", operative)
    assert re.search(r"^7\.\s+To thank the Government", "\n".join(lines), re.M)


def test_docx_tells_preambular_from_operative_paragraphs(examples: dict) -> None:
    paragraphs = docx_paragraphs(examples, DECLARATION)
    preamble = [p for p in paragraphs if p.text.startswith(("Recalling", "Recognizing", "Concerned", "Acknowledging", "Welcoming"))]
    operative = [p for p in paragraphs if p.text.startswith("To ")]
    assert len(preamble) == 5 and len(operative) == 7
    for p in preamble:
        assert not numbered(p)
        assert p.runs[0].italic and not p.runs[-1].italic  # opening words in italics, the rest upright
    for p in operative:
        assert numbered(p)
        assert p.runs[0].italic


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_chair_summary_names_and_counts_adopted_texts(examples: dict, fmt: str) -> None:
    text = text_in(examples, DECLARATION, fmt, "chair-summary")
    assert "Decisions adopted" in text
    assert "7 operative paragraphs, preceded by 5 preambular paragraphs." in text
    assert "Overall conclusions" not in text


def test_brief_counts_decisions_as_decisions(examples: dict, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "compare", DECLARATION, WORKSHOP,
                                       "--theme", "human-rights", "--pdf", "--out", str(tmp_path), "--name", "rights", "--date", "2026-01-15"])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "compare" / "rights.pdf"))
    # The declaration's decisions are compared: counted in the table (its two decisions on the theme)
    # and given, with their references, in the annex of items by theme.
    assert "Theme idm2025-workshop mcpm2025-declaration Human rights of migrants – 2 " in text
    assert "To reaffirm their commitment" in text and "declaration, declaration, 1.]" in text  # the id may break at its hyphen


# --------------------------------------------------------------------------- roles and States


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_unnamed_chair_and_rapporteur(examples: dict, fmt: str) -> None:
    text = text_in(examples, DECLARATION, fmt, "chair-summary")
    assert "Chair the Vice-Minister of Foreign Affairs of Honduras, Pro Tempore Presidency of the MCPM" in text
    assert "Rapporteur a rapporteur elected at the opening session" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_state_lists_in_chair_summary(examples: dict, fmt: str) -> None:
    text = text_in(examples, DECLARATION, fmt, "chair-summary")
    assert "Signatory States Belize, Costa Rica, Dominican Republic" in text
    assert "Observer States Colombia, Ecuador" in text


def test_signatory_state_appears_in_country_view(tmp_path: Path) -> None:
    # Belize is named only in the State lists: the country view must find it and say how it took part.
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "compare", DECLARATION, "--country", "belize",
                                       "--out", str(tmp_path), "--date", "2026-01-15"])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "compare" / f"{DECLARATION}_belize.pdf"))
    assert "Country brief" in text and "BELIZE IN THE MEETINGS COMPARED" in text
    assert "signatory State of the declaration" in text and "member State of MCPM" in text
    document = docx.Document(str(tmp_path / "compare" / f"{DECLARATION}_belize.docx"))
    roles = document.tables[-1]  # the table of the country's roles per meeting
    assert "signatory State of the declaration" in [p.text for cell in roles.columns[1].cells for p in cell.paragraphs]


def test_observer_is_not_a_signatory(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "compare", DECLARATION, "--country", "Colombia",
                                       "--pdf", "--out", str(tmp_path), "--date", "2026-01-15"])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "compare" / f"{DECLARATION}_colombia.pdf"))
    assert "observer State at the meeting" in text and "signatory State" not in text


# --------------------------------------------------------------------------- generated annexes


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_generated_list_of_participants(examples: dict, fmt: str) -> None:
    text = text_in(examples, DECLARATION, fmt)
    annex = text[text.rindex("LIST OF PARTICIPANTS" if fmt == "pdf" else "List of participants"):]
    expected = [
        "A. Member States", "Canada", "Mr Pierre Dubois, Migration Policy Officer",
        "El Salvador", "Mr José Henríquez Flores, Director General, Directorate General of Migration and Foreign Nationals",
        "Mexico", "Ms Mariana Ortega Salas, Deputy Director for Migration Policy, Secretariat of Foreign Affairs",
        "B. Observer States", "Colombia", "Ms Camila Restrepo, Director of Migration Affairs",
        "C. Secretariat", "Technical Secretariat of the Mesoamerican Consultation Process on Migration (MCPM-TS)",
        "D. International organizations", "International Organization for Migration (IOM)", "Mr Takeshi Nakamura, Chief of Mission",
        "E. Civil society", "Ms Elena Morales, Regional Coordinator",
    ]
    positions = [annex.index(line) for line in expected]
    assert positions == sorted(positions)


def test_generated_list_of_documents_pdf(examples: dict) -> None:
    text = pdf(examples, DECLARATION)
    annex = text[text.index("LIST OF DOCUMENTS"):]
    assert re.search(r"Symbol\s+Title\s+Date\s+Languages", annex)
    assert re.search(r"MCPM/VM\.30/1\s+Provisional agenda\s+15 October 2025\s+English,", annex)
    assert "Report of the Pro Tempore Presidency" in " ".join(annex.split()) and "Working paper" in annex  # wrapped in its column


def test_generated_list_of_documents_docx(examples: dict) -> None:
    document = docx.Document(str(examples[(DECLARATION, "rapporteur-report", "docx")]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Symbol")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Symbol", "Title", "Date", "Languages"]
    assert rows[1] == ["MCPM/VM.30/1", "Provisional agenda", "15 October 2025", "English, Spanish"]
    assert rows[3][0] == "MCPM/VM.30/2" and rows[3][1] == "Report of the Pro Tempore Presidency of Honduras\nWorking paper"
    assert len(rows) == 6


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_annex_with_its_own_kind_author_and_original(examples: dict, fmt: str) -> None:
    text = text_in(examples, DECLARATION, fmt)
    assert "Statement Submitted by the Regional Network of Civil Society Organizations for Migration (RNCOM) [Original: Spanish]" in text


# --------------------------------------------------------------------------- long title


def test_300_character_title_builds_in_both_formats(examples: dict) -> None:
    assert len(LONG_TITLE) == 300
    assert re.sub(r"\s", "", LONG_TITLE.upper()) in re.sub(r"\s", "", pdf(examples, DECLARATION))
    document = docx.Document(str(examples[(DECLARATION, "rapporteur-report", "docx")]))
    assert LONG_TITLE in [p.text for p in document.paragraphs]  # printed in full
    title = document.core_properties.title
    assert len(title) <= 255 and title.endswith("…") and LONG_TITLE.startswith(title[:-1])


# --------------------------------------------------------------------------- agenda and programme


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_agenda_items_with_sub_items_and_sessions(examples: dict, fmt: str) -> None:
    text = text_in(examples, WORKSHOP, fmt)
    agenda = text[text.rindex("Agenda "):]
    expected = ["1. Opening of the workshop (taken up in Opening remarks and setting the scene)",
                "(a) Welcome remarks", "(b) Adoption of the agenda",
                "2. Human mobility in the context of climate change (taken up in Session 1, Dialogue with member States)",
                "(a) Planned relocation", "3. Data and early warning (taken up in Session 2)", "Programme"]
    positions = [agenda.index(line) for line in expected]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_days_with_labels_rooms_hours_and_venues(examples: dict, fmt: str) -> None:
    text = text_in(examples, WORKSHOP, fmt)
    assert "Day 1: Tuesday, 14 October Palais des Nations, Geneva; Conference Room XVII; 9.30 a.m. to 5.30 p.m." in text
    assert "Day 2: Wednesday, 15 October International Conference Centre Geneva, Geneva; Room 2; 10 a.m. to 1 p.m." in text


def test_slot_without_speakers_prints_nothing_empty(examples: dict) -> None:
    text = flat(pdf(examples, WORKSHOP))
    after = text[text.index("2 to 5.30 p.m. Dialogue with member States") + 43:]
    assert after.split()[0] != "Participants:"  # the slot prints its label and nothing more
    document = docx.Document(str(examples[(WORKSHOP, "rapporteur-report", "docx")]))
    agenda = next(t for t in document.tables if "Dialogue with member States" in t.rows[-1].cells[-1].text or
                  any("Dialogue with member States" in c.text for r in t.rows for c in r.cells))
    cell = next(c for r in agenda.rows for c in r.cells if c.text.strip() == "Dialogue with member States")
    assert [p.text for p in cell.paragraphs] == ["Dialogue with member States"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_chair_summary_links_sessions_to_agenda_items(examples: dict, fmt: str) -> None:
    text = text_in(examples, WORKSHOP, fmt, "chair-summary")
    assert "Session 1: Staying, moving and relocating with dignity Moderator: Mr Kwame Osei, Senior Policy Officer, IOM. Agenda item: 2." in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_several_venues_in_chair_summary(examples: dict, fmt: str) -> None:
    text = text_in(examples, DECLARATION, fmt, "chair-summary")
    assert "Tegucigalpa and San Pedro Sula, Honduras, 1 and 2 December 2025" in text
    assert "Centro de Convenciones del Valle, San Pedro Sula, Honduras" in text


# --------------------------------------------------------------------------- authors, speakers, participation


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_authors_by_role(examples: dict, fmt: str) -> None:
    text = text_in(examples, WORKSHOP, fmt)
    assert ("Prepared by María Ramírez, under the supervision of Kwame Osei and Amélie Moreau, with contributions from "
            "United Nations Framework Convention on Climate Change secretariat and Platform on Disaster Displacement.") in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_on_behalf_of_and_read_out(examples: dict, fmt: str) -> None:
    text = text_in(examples, WORKSHOP, fmt)
    assert "Statement by Jonas Keller, read out by Kwame Osei" in text
    assert "Statement by Hlengiwe Dlamini, on behalf of the African Group" in text
    # the programme's speaker line: honorific, name, post (no affiliation given), whom she spoke for
    assert "Ambassador Hlengiwe Dlamini, Permanent Representative of South Africa, on behalf of the African Group" in text[text.index("Programme"):]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_participation_by_category(examples: dict, fmt: str) -> None:
    text = text_in(examples, WORKSHOP, fmt, "chair-summary")
    assert ("Participation over 240 participants 96 member States of IOM observers, including States and international "
            "organizations representatives of civil society, academia and the private sector") in text


# --------------------------------------------------------------------------- editors' schema


class _Yaml12Loader(yaml.SafeLoader):
    """Reads scalars as a YAML 1.2 editor does: no sexagesimal times, dates stay text."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))


def test_schema_is_draft_07_and_accepts_every_content_file() -> None:
    schema = meeting_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#" and "$defs" not in json.dumps(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted((REPO / "content").glob("*/*.yaml")) + sorted((EXAMPLES / "content").glob("*/meeting.yaml"))
    files = [f for f in files if f.parent.name != "briefs"]
    assert len(files) >= 12
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, f"{path.name}: {errors[:3]}"


def test_schema_rejects_what_validation_rejects() -> None:
    validator = jsonschema.Draft7Validator(meeting_schema())
    assert not validator.is_valid({"meeting": {"participation": [{"unit": "x", "count": "many"}]}})
    assert not validator.is_valid({"agenda": {"days": [{"date": "2025-01-01", "items": [{"start": "9:00", "unknown": 1}]}]}})
    assert validator.is_valid({"body": [{"id": "a", "blocks": ["text", {"list": "none", "kind": "preambular", "items": ["x"]}]}]})


def test_examples_carry_the_editor_modeline() -> None:
    for path in (EXAMPLES / "content").glob("*/meeting.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_content_docs_list_every_field() -> None:
    """docs/content.md's field reference has a row for every key of every record (run
    scripts/content_reference.py after adding a field)."""
    text = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    schema = meeting_schema()
    for name, record in [("MeetingFile", schema), *schema["definitions"].items()]:
        if "properties" not in record:
            continue
        assert f"\n### {name}\n" in text, f"{name} missing: run scripts/content_reference.py"
        section = text.split(f"\n### {name}\n", 1)[1].split("\n### ", 1)[0]
        for key in record["properties"]:
            assert f"| `{key}` |" in section, f"{name}.{key} missing: run scripts/content_reference.py"


def test_schema_markdown_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema", "--markdown"])
    assert result.exit_code == 0
    assert "| `signatories` | list of text |  | States that signed or endorsed the text the meeting adopted. |" in result.output


def test_spanish_furniture_words(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "build", DECLARATION, "--lang", "es", "--pdf",
                                       "--allow-untranslated", "--kind", "chair-summary", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / DECLARATION / f"{DECLARATION}-chair-summary-es.pdf"))
    assert "Tegucigalpa y San Pedro Sula, Honduras, 1 y 2 de diciembre de 2025" in text
    assert "Estados signatarios Belice, Costa Rica, República Dominicana" in text and "Temas del temario: 1, 2, 3." in text  # country names in Spanish
    assert "7 párrafos dispositivos, precedidos de 5 párrafos del preámbulo." in text


def test_slip_hint_in_an_included_file(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "m"
    folder.mkdir(parents=True)
    (folder / "meeting.yaml").write_text(
        "include: [people.yaml]\n"
        "document: {kind_label: Report, title: A meeting}\n"
        "meeting: {title: A meeting, short_title: A meeting, venue: {city: Lima, country: Peru}, start: 2025-05-05}\n"
        "people:\n  - {id: a, name: Ana}\n"
        "body: [{id: s, heading: S, blocks: [Text.]}]\n", encoding="utf-8")
    (folder / "people.yaml").write_text("people:\n  - {id: b, name: Bruno, post: Head, Migration Unit}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "validate"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/m/people.yaml:2:38: people[1].Migration Unit: 'Migration Unit' is read as a key: a comma inside {…} "
        "ends the value before it; put that value in quotes, e.g. post: \"Head, Migration Unit\"")


def test_office_of_a_country_in_country_view(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(EXAMPLES), "compare", DECLARATION, "--country", "Honduras",
                                       "--pdf", "--out", str(tmp_path), "--date", "2026-01-15"])
    assert result.exit_code == 0, result.output
    text = flat(pdf_text(tmp_path / "compare" / f"{DECLARATION}_honduras.pdf"))
    assert "host of the meeting: Pro Tempore Presidency" in text and "signatory State of the declaration" in text
