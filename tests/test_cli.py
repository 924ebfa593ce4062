"""The command line: help, version, list, validate, build and its errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from reportgen import __version__
from reportgen.cli import main

from .conftest import REPO


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["list"], ["schema"], ["compare"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_list_shows_meetings_with_places_and_dates(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 5
    hld = next(line for line in lines if line.startswith("hld2013"))
    assert "Santiago, Chile" in hld and "10 and 11 July 2013" in hld and "editions" not in hld
    gfmd = next(line for line in lines if line.startswith("gfmd2014-rt3"))
    assert gfmd.endswith("| 14 to 16 May 2014 | editions: es, fr")


def test_unknown_meeting_lists_the_known_ones(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "hld2031", "--pdf"])
    assert result.exit_code == 2
    assert "unknown meeting 'hld2031'" in result.output
    assert "fibemyd2008, gfmd2010, gfmd2011, gfmd2014-rt3, hld2013" in result.output
    assert "Traceback" not in result.output


def test_unknown_kind_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2010", "--kind", "minutes", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown report kind 'minutes'" in result.output and "rapporteur-report" in result.output
    assert list(tmp_path.iterdir()) == []


def test_build_writes_named_outputs_under_out(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2010", "--kind", "rapporteur-report", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "gfmd2010" / "gfmd2010-rapporteur-report.pdf"
    docx = tmp_path / "gfmd2010" / "gfmd2010-rapporteur-report.docx"
    assert result.output.split() == [str(pdf), str(docx)]
    assert "Conclusions of the 2010 GFMD Chair" in PdfReader(str(pdf)).pages[0].extract_text()
    assert not [p for p in (tmp_path / "gfmd2010").iterdir() if p.name.startswith(".")]  # no temp files left


def test_build_uses_project_folder_and_its_output(runner: CliRunner, tmp_project, monkeypatch) -> None:
    monkeypatch.chdir(tmp_project.root)
    result = runner.invoke(main, ["build", "gfmd2014-rt3", "--pdf", "--kind", "rapporteur-report"])
    assert result.exit_code == 0, result.output
    assert (tmp_project.root / "output" / "gfmd2014-rt3" / "gfmd2014-rt3-rapporteur-report.pdf").is_file()
    assert not (tmp_project.root / "output" / "gfmd2014-rt3" / "gfmd2014-rt3-rapporteur-report.docx").exists()


def test_spanish_furniture_with_lang(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "hld2013", "--pdf", "--kind", "rapporteur-report",
                                  "--lang", "es", "--allow-untranslated", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(tmp_path / "hld2013" / "hld2013-rapporteur-report-es.pdf"))
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    # The Spanish edition of a report written in Spanish and issued in English: its own language
    # is the original's, so the masthead says ORIGINAL: ESPAÑOL alone.
    assert "26 de septiembre de 2013" in cover and "ORIGINAL: ESPAÑOL" in cover and "INGLÉS" not in cover
    assert "ÍNDICE" in contents and "Anexo" not in contents  # annex labels are content, not furniture


def test_unknown_language_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2010", "--lang", "xx", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no label catalogue for language 'xx' (available: ar, en, es, fr, ru, zh)" in result.output


def test_schema_export_describes_fields(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "meeting.schema.json"
    result = runner.invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 0
    import json

    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["properties"]["body"]["description"] == "The document's sections, in order."
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["definitions"]["Person"]["properties"]["name"]["description"] == "Full name as printed, e.g. 'Jorge Martínez Pizarro'; leave out for an official known only by post."


def test_no_meetings_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(tmp_path), "list"])
    assert result.exit_code == 0 and "no meetings in content/" in result.output
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_builds_are_reproducible(runner: CliRunner, tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2014-rt3", "--kind", "rapporteur-report",
                                      "--out", str(tmp_path / run)])
        assert result.exit_code == 0, result.output
        outputs.append(sorted((tmp_path / run / "gfmd2014-rt3").iterdir()))
    for first, second in zip(*outputs):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_unwritable_output_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "gfmd2010").write_text("a file where the meeting's output folder should be")
    result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2010", "--docx", "--kind", "rapporteur-report",
                                  "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write {tmp_path}/gfmd2010/gfmd2010-rapporteur-report.docx")
    assert "Traceback" not in result.output


def test_draft_marks_every_page(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "build", "gfmd2014-rt3", "--kind", "rapporteur-report",
                                  "--draft", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(tmp_path / "gfmd2014-rt3" / "gfmd2014-rt3-rapporteur-report.pdf"))
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    import docx

    document = docx.Document(str(tmp_path / "gfmd2014-rt3" / "gfmd2014-rt3-rapporteur-report.docx"))
    section = document.sections[0]
    for header in (section.header, section.first_page_header):  # a watermark shape in every header
        assert header._element.xpath(".//*[local-name()='textpath'][@string='DRAFT']")
