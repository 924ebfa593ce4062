"""Typography by language: quotation marks and apostrophes from the Markdown typographer with the
label catalogue's quotes, web addresses as links with their characters intact, and the DOCX in
the language variant the house writes."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from reportgen.build.meeting import BuildOptions, build_meeting, render_meeting
from reportgen.core.project import Project
from reportgen.render.markup import inline
from reportgen.style.houses import load_house

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
URL = "https://www.cepal.org/en/publications/2010-2013-report"


def test_quotes_follow_the_catalogue_and_apostrophes_are_typographic() -> None:
    text = """the "migratise" policy, 'in short', migrants' rights, subparagraph (c) -- kept"""
    assert inline(text) == "the “migratise” policy, ‘in short’, migrants’ rights, subparagraph (c) -- kept"
    french = inline('il dit "oui" et l\'autre', quotes=["«\u00a0", "\u00a0»", "“", "”"])
    assert french == "il dit «\u00a0oui\u00a0» et l’autre"


def test_bare_web_addresses_become_links_as_written() -> None:
    html = inline(f"See {URL}, www.iom.int and the Rules (www is not a link); write to a@b.org.")
    assert f'<a href="{URL}">{URL}</a>,' in html
    assert '<a href="http://www.iom.int">www.iom.int</a>' in html
    assert "a@b.org" in html and "mailto" not in html


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """gfmd2011 with a quotation, a name with an apostrophe and a bare address typed straight,
    built in both formats."""
    root = tmp_path_factory.mktemp("typography")
    shutil.copytree(REPO / "content", root / "content")
    meeting = root / "content" / "gfmd2011" / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8")
    old = "described its People's Insurance."
    assert old in text
    meeting.write_text(text.replace(old, f'described its People\'s Insurance, called "Seguro Popular" (see {URL}).'), encoding="utf-8")
    paths = build_meeting(Project(root), "gfmd2011", BuildOptions(kinds=("rapporteur-report",), out_dir=root / "out"))
    return {p.suffix[1:]: p for p in paths}


def test_pdf_prints_curly_quotes_and_links_the_address(edited: dict[str, Path]) -> None:
    text = subprocess.run(["pdftotext", str(edited["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    assert "People’s Insurance, called “Seguro Popular”" in " ".join(text.split())
    assert not re.search(r"\w'\w", text) and '"' not in text
    uris = [a["/A"]["/URI"] for page in PdfReader(edited["pdf"]).pages for a in (page.get("/Annots") or [])
            if a.get_object().get("/A", {}).get("/URI")]
    assert URL in uris


def test_docx_links_the_address_without_non_breaking_hyphens(edited: dict[str, Path]) -> None:
    with zipfile.ZipFile(edited["docx"]) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert f'Target="{URL}"' in rels
    links = ["".join(t.text for t in link.iter(W + "t")) for link in body.iter(W + "hyperlink")]
    assert URL in links
    for link in body.iter(W + "hyperlink"):
        assert link.find(f".//{W}noBreakHyphen") is None
    text = "".join(t.text or "" for t in body.iter(W + "t"))
    assert "People’s Insurance, called “Seguro Popular”" in text
    assert "2010" in text and body.find(f".//{W}noBreakHyphen") is not None  # "2010-2013" outside addresses stays whole


def test_docx_declares_the_house_language_variant(edited: dict[str, Path]) -> None:
    with zipfile.ZipFile(edited["docx"]) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        core = z.read("docProps/core.xml").decode()
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(W + "val") == "en-GB"  # gfmd2011 is in the eclac house: UN English
    assert "<dc:language>en-GB</dc:language>" in core
    assert PdfReader(edited["pdf"]).trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.parametrize(("house", "language", "tag"), [("oas", "en", "en-US"), ("un", "en", "en-GB"), ("un", "es", "es-ES"),
                                                        ("plain", "es", "es-ES"), ("eclac", "fr", "fr-FR")])
def test_language_tag_is_the_house_variant_else_the_likely_one(house: str, language: str, tag: str) -> None:
    assert load_house([REPO / "templates"], house).language_tag(language) == tag


def test_spanish_and_french_quotes_are_the_house_s(tmp_path: Path) -> None:
    """Spanish takes « » (the packaged catalogue, after the RAE); the eclac house sets “ ” for its
    Spanish documents, and a project's catalogue sets what its house uses."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    meeting = tmp_path / "content" / "gfmd2011" / "meeting.yaml"
    text = meeting.read_text(encoding="utf-8").replace("described its People's Insurance.", 'described its "Seguro Popular".')
    meeting.write_text(text, encoding="utf-8")
    project = Project(tmp_path)
    options = BuildOptions(kinds=("rapporteur-report",), language="es", allow_untranslated=True)  # an edition: English text
    rendered, _ = render_meeting(project, "gfmd2011", options)
    assert "“Seguro Popular”" in rendered[0].html  # eclac's Spanish
    (tmp_path / "templates" / "houses" / "eclac" / "labels").mkdir(parents=True)
    (tmp_path / "templates" / "houses" / "eclac" / "labels" / "es.yaml").write_text('quotes: ["«", "»", "“", "”"]\n', encoding="utf-8")
    rendered, _ = render_meeting(project, "gfmd2011", options)
    assert "«Seguro Popular»" in rendered[0].html
    # French: guillemets with no-break spaces inside (the packaged French catalogue)
    rendered, _ = render_meeting(project, "gfmd2011", BuildOptions(kinds=("rapporteur-report",), language="fr", allow_untranslated=True))
    assert "«\u00a0Seguro Popular\u00a0»" in rendered[0].html


def test_packaged_labels_use_typographic_apostrophes() -> None:
    for catalogue in (REPO / "templates").rglob("labels/*.yaml"):
        values = [line for line in catalogue.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#")]
        assert not [v for v in values if re.search(r"[A-Za-z]'[A-Za-z]", v)], catalogue


def test_plain_text_fields_get_typographic_quotes_too(tmp_path: Path) -> None:
    """A name or title not read as Markdown: Officials' Meeting, "Seguro Popular" as the language sets them."""
    from reportgen.render.editorial import typographic_quotes
    from reportgen.render.contract import parse

    root = parse('<html><body><p>Senior Officials\' Meeting, the "Seguro Popular", Chile\'s \'short\' list, '
                 '<a href="http://a.org/x\'y">http://a.org/x\'y</a></p></body></html>')
    assert typographic_quotes(root, ["«\u00a0", "\u00a0»", "“", "”"])
    text = root.find(".//p").text_content()
    assert text.startswith("Senior Officials’ Meeting, the «\u00a0Seguro Popular\u00a0», Chile’s “short” list, http://a.org/x'y")
