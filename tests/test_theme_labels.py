"""Themes named in the brief's language: content/themes.yaml `labels:` per language code, printed by
`compare --lang`; an unknown language code is one located line with a suggestion."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import yaml
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.core.project import Project

from .conftest import REPO, pdf_text


def test_a_french_brief_names_its_themes_in_french(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", "gfmd2010", "gfmd2011", "--theme", "remittances",
                                       "--theme", "labour-mobility", "--lang", "fr", "--name", "fr", "--date", "2025-01-15",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    shown = re.sub(r"\s+", " ", pdf_text(tmp_path / "compare" / "fr.pdf"))
    word = " ".join(p.text for p in docx.Document(str(tmp_path / "compare" / "fr.docx")).paragraphs)
    for text in (shown, word):
        assert re.search(r"Envois de fonds\s?; Mobilité de la main-d['’]œuvre", text)  # the themes chosen, under the title
        assert "ENVOIS DE FONDS" in text.upper() and "Remittances" not in text and "Labour mobility" not in text


def test_a_theme_without_a_label_in_the_language_keeps_its_own(tmp_project: Project, tmp_path: Path) -> None:
    themes = tmp_project.content_dir / "themes.yaml"
    data = yaml.safe_load(themes.read_text(encoding="utf-8"))
    data["themes"][0]["labels"].pop("es")  # remittances: no Spanish name
    themes.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_project.root), "compare", "gfmd2010", "gfmd2011", "--theme", "remittances",
                                       "--lang", "es", "--pdf", "--name", "es", "--date", "2025-01-15", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Remittances" in pdf_text(tmp_path / "compare" / "es.pdf")


def test_an_unknown_language_code_in_theme_labels_is_one_located_line(tmp_project: Project) -> None:
    themes = tmp_project.content_dir / "themes.yaml"
    text = themes.read_text(encoding="utf-8").replace('labels: {fr: "Envois de fonds"', 'labels: {french: "Envois de fonds"', 1)
    themes.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "french:" in row)
    result = CliRunner().invoke(main, ["--project", str(tmp_project.root), "validate"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert (f"content/themes.yaml:{line}:14: themes[0].labels.french: unknown language 'french' (did you mean 'fr'?), "
            "expected one of ar, en, es, fr, ru, zh") in result.output, result.output
