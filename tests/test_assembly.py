"""Document assembly: chapters written from facts (generate: blocks), in English, Spanish and French.

Each generated block is checked against the exact text expected for a small meeting: one, two and
many States; a Chair and two Vice-Chairs of mixed gender; no officers; an amended agenda. Lists
are joined by each language's rules, every generated sentence names the facts it came from, and
paragraph numbering counts generated paragraphs and decisions but not credits lines."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from reportgen.build.meeting import BuildOptions, build_meeting, render_meeting
from reportgen.cli import main
from reportgen.content import schema
from reportgen.content.model import load_meetings
from reportgen.core.project import Project
from reportgen.render.assembly import Assembler
from reportgen.render.contract import parse
from reportgen.serve.page import with_fact_titles
from reportgen.style.country_names import CountryNames
from reportgen.style.houses import load_house
from reportgen.style.labels import Labels
from reportgen.style.phrases import Phrases
from reportgen.style.search_path import template_search_path

from .conftest import REPO

NBSP = "\u00a0"

SMALL: dict[str, Any] = {
    "document": {"house": "un", "symbol": "E/X/2017/4", "kind_label": "Report", "title": "Report of the Committee", "language": "en"},
    "meeting": {"title": "Committee, first session", "short_title": "Committee 1", "venue": {"city": "Bangkok", "country": "Thailand"},
                "start": "2017-11-29", "end": "2017-12-01", "organ": "committee", "session_number": 1},
    "people": [
        {"id": "tevita", "name": "Anaru Tevita", "gender": "female", "country": "Fiji"},
        {"id": "dorji", "name": "Karma Dorji", "gender": "male", "country": "Bhutan"},
        {"id": "rahimova", "name": "Nilufar Rahimova", "gender": "female", "country": "Uzbekistan"},
    ],
    "organisations": [{"id": "fao", "name": "Food and Agriculture Organization of the United Nations",
                       "names": {"es": "Organización de las Naciones Unidas para la Alimentación y la Agricultura",
                                 "fr": "Organisation des Nations Unies pour l'alimentation et l'agriculture"}}],
    "proceedings": {
        "opening": {"by": {"office": {"en": "the Executive Secretary", "es": "la Secretaria Ejecutiva", "fr": "la Secrétaire exécutive"}}},
        "officers": [{"office": "chair", "person": "tevita", "how": "acclamation"},
                     {"office": "vice-chair", "person": "dorji", "how": "acclamation"},
                     {"office": "vice-chair", "person": "rahimova", "how": "acclamation"}],
        "attendance": {"members": ["CHL", "ITA", "BOL", "IRN", "TUR"], "observers": ["CHE"], "specialized_agencies": ["fao"]},
        "report": {"date": "2017-12-01"},
    },
    "agenda": {"symbol": "E/X/2017/L.1", "amendments": [{"en": "Item 3 was deleted.", "es": "Se suprimió el tema 3.", "fr": "Le point 3 a été supprimé."}],
               "items": [{"number": "1.", "title": "Opening", "titles": {"es": "Apertura", "fr": "Ouverture"}},
                         {"id": "one", "number": "2.", "title": "Trade", "titles": {"es": "Comercio", "fr": "Commerce"}, "statements": ["CHL"]},
                         {"id": "two", "number": "3.", "title": "Debt", "titles": {"es": "Deuda", "fr": "Dette"}, "statements": ["CHL", "ITA"]},
                         {"id": "many", "number": "4.", "title": "Other", "titles": {"es": "Otros", "fr": "Divers"},
                          "statements": ["CHL", "Bolivia (Plurinational State of)", "IRN", "ITA", "CHE", "fao"]}]},
    "documents": [{"symbol": "E/X/2017/1", "title": "Trade note", "titles": {"es": "Nota sobre comercio", "fr": "Note sur le commerce"},
                   "agenda_items": ["one"]}],
    "body": [{"id": "org", "label": "III.", "heading": "Organization", "blocks": [{"generate": "organization"}]},
             {"id": "items", "heading": "Items", "blocks": [{"generate": "statements", "item": "one"},
                                                            {"generate": "documents-before", "item": "one"},
                                                            {"generate": "statements", "item": "two"},
                                                            {"generate": "statements", "item": "many"}]}],
}


def project_with(root: Path, data: dict[str, Any], meeting_id: str = "small") -> Project:
    (root / "content" / meeting_id).mkdir(parents=True, exist_ok=True)
    (root / "content" / meeting_id / "meeting.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Project(root)


def assembler(root: Path, data: dict[str, Any], language: str) -> Assembler:
    project = project_with(root, data)
    meeting = load_meetings(project, ["small"])["small"]
    path = template_search_path(project, meeting.document.house)
    return Assembler(meeting, Phrases.load(Labels.load(language, path), path), CountryNames.load(path))


def text(pieces: list[Any]) -> list[str]:
    """Each piece as printed: a heading, a paragraph's sentences, a list's lines (one string each)."""
    out = []
    for piece in pieces:
        if piece.kind == "list":
            out += ["- " + line for s in piece.sentences for line in lines_of(s)]
        else:
            out.append((piece.label + " " if piece.label else "") + " ".join(s.text for s in piece.sentences))
    return out


def lines_of(sentence: Any, depth: int = 0) -> list[str]:
    """A list line and its sub-lines, each sub-level indented by two spaces."""
    return ["  " * depth + sentence.text] + [line for child in sentence.children for line in lines_of(child, depth + 1)]


def block(kind: str, item: str | None = None) -> schema.Generate:
    return schema.Generate(generate=kind, item=item)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- statements: one, two, many


STATEMENTS = {
    "en": ["Representatives of the following members made statements: Chile and Italy.",
           "Representatives of the following members made statements: Chile, Bolivia (Plurinational State of), Iran (Islamic Republic of) "
           "and Italy. A statement was also made by the observer for the following State: Switzerland. A statement was also made by the "
           "representative of the following organization: Food and Agriculture Organization of the United Nations.",
           "The representative of the following member made a statement: Chile."],
    "es": ["Formularon declaraciones los representantes de los siguientes miembros: Chile e Italia.",
           "Formularon declaraciones los representantes de los siguientes miembros: Chile, Bolivia (Estado Plurinacional de), "
           "Irán (República Islámica del) e Italia. También formuló una declaración el observador del siguiente Estado: Suiza. "
           "También formuló una declaración el representante de la siguiente organización: Organización de las Naciones Unidas "
           "para la Alimentación y la Agricultura.",
           "Formuló una declaración el representante del siguiente miembro: Chile."],
    "fr": [f"Les représentants des membres suivants ont fait des déclarations{NBSP}: Chili et Italie.",
           f"Les représentants des membres suivants ont fait des déclarations{NBSP}: Chili, Bolivie (État plurinational de), "
           f"Iran (République islamique d') et Italie. L'observateur de l'État suivant a également fait une déclaration{NBSP}: Suisse. "
           f"Le représentant de l'organisation suivante a également fait une déclaration{NBSP}: Organisation des Nations Unies pour "
           f"l'alimentation et l'agriculture.",
           f"Le représentant du membre suivant a fait une déclaration{NBSP}: Chili."],
}


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_statements_of_one_two_and_many(tmp_path: Path, language: str) -> None:
    a = assembler(tmp_path, SMALL, language)
    two, many, one = STATEMENTS[language]
    assert text(a.block(block("statements", "two"))) == [two]
    assert text(a.block(block("statements", "many"))) == [many]
    assert text(a.block(block("statements", "one"))) == [one]


def test_statements_without_attendance_name_states(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    del data["proceedings"]["attendance"]
    a = assembler(tmp_path, data, "en")
    assert text(a.block(block("statements", "two"))) == ["Representatives of the following States made statements: Chile and Italy."]


# --------------------------------------------------------------------------- officers: mixed gender, none


OFFICERS = {
    "en": ["The Committee elected the following officers by acclamation: Chair, Ms. Anaru Tevita (Fiji); "
           "Vice-Chairs, Mr. Karma Dorji (Bhutan) and Ms. Nilufar Rahimova (Uzbekistan)."],
    "es": ["El Comité eligió por aclamación la siguiente Mesa:", "- Presidenta: Sra. Anaru Tevita (Fiji)",
           "- Vicepresidentes: Sr. Karma Dorji (Bhután) y Sra. Nilufar Rahimova (Uzbekistán)"],
    "fr": [f"Le Comité a élu par acclamation le Bureau suivant{NBSP}:", f"- Présidente{NBSP}: Mme Anaru Tevita (Fidji)",
           f"- Vice-Présidents{NBSP}: M. Karma Dorji (Bhoutan) et Mme Nilufar Rahimova (Ouzbékistan)"],
}


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_a_chair_and_two_vice_chairs_of_mixed_gender(tmp_path: Path, language: str) -> None:
    assert text(assembler(tmp_path, SMALL, language).block(block("officers"))) == OFFICERS[language]


@pytest.mark.parametrize(("language", "line"), [("es", "- Vicepresidentas: Sra. Anaru Tevita (Fiji) y Sra. Nilufar Rahimova (Uzbekistán)"),
                                                 ("fr", f"- Vice-Présidentes{NBSP}: Mme Anaru Tevita (Fidji) et Mme Nilufar Rahimova (Ouzbékistan)")])
def test_vice_chairs_all_women_agree_in_the_feminine(tmp_path: Path, language: str, line: str) -> None:
    data = copy.deepcopy(SMALL)
    data["proceedings"]["officers"] = [{"office": "vice-chair", "person": "tevita"}, {"office": "vice-chair", "person": "rahimova"}]
    assert text(assembler(tmp_path, data, language).block(block("officers")))[-1] == line


def test_offices_held_by_countries_take_the_neutral_form(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["proceedings"]["officers"] = [{"office": "chair", "country": "MEX"}, {"office": "vice-chair", "country": "CHL"},
                                       {"office": "vice-chair", "country": "ITA"}]
    lines = text(assembler(tmp_path, data, "es").block(block("officers")))
    assert lines == ["El Comité eligió la siguiente Mesa:", "- Presidencia: México", "- Vicepresidencias: Chile e Italia"]


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_no_officers_leaves_the_election_out_with_a_warning(tmp_path: Path, language: str) -> None:
    data = copy.deepcopy(SMALL)
    del data["proceedings"]["officers"]
    a = assembler(tmp_path, data, language)
    assert a.block(block("officers")) == []
    headings = [p for p in a.block(block("organization")) if p.kind == "heading"]
    assert [h.label for h in headings] == ["A.", "B.", "C.", "D.", "E."]  # opening, attendance, agenda, documentation, report
    assert not any(h.id.endswith("-officers") for h in headings)
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "validate", "small"])
    assert result.exit_code == 0, result.output
    assert ("warning: content/small/meeting.yaml:111:5: body[0].blocks[0]: generate: organization: no officers elected "
            "(proceedings.officers); the election paragraph is left out") in result.output


# --------------------------------------------------------------------------- the whole chapter, amended agenda


ORGANIZATION = {
    "en": ["A. Opening, duration and organization of the session",
           "The Committee held its first session in Bangkok from 29 November to 1 December 2017. The Executive Secretary opened the session.",
           "B. Attendance",
           "The session was attended by representatives of five members of the Committee: Chile, Italy, Bolivia (Plurinational State of), "
           "Iran (Islamic Republic of) and Türkiye. An observer for the following State attended: Switzerland.",
           "The following specialized agency was represented: Food and Agriculture Organization of the United Nations.",
           "C. Election of officers", OFFICERS["en"][0],
           "D. Agenda",
           "The Committee adopted the following agenda (E/X/2017/L.1), as amended:",
           "- 1. Opening", "- 2. Trade", "- 3. Debt", "- 4. Other",
           "The provisional agenda was amended as follows: Item 3 was deleted.",
           "E. Documentation", "The Committee had before it the following document:", "- Trade note (E/X/2017/1)",
           "F. Adoption of the report", "The Committee adopted the present report on 1 December 2017."],
    "es": ["A. Apertura, lugar y fecha",
           "El Comité celebró su primer período de sesiones en Bangkok del 29 de noviembre al 1 de diciembre de 2017. "
           "La Secretaria Ejecutiva inauguró el período de sesiones.",
           "B. Asistencia",
           "Participaron en el período de sesiones representantes de cinco miembros del Comité: Chile, Italia, Bolivia (Estado Plurinacional de), "
           "Irán (República Islámica del) y Türkiye. Asistió en calidad de observador un representante del siguiente Estado: Suiza.",
           "Estuvo representado el siguiente organismo especializado: Organización de las Naciones Unidas para la Alimentación y la Agricultura.",
           "C. Elección de la Mesa", *OFFICERS["es"],
           "D. Temario",
           "El Comité aprobó el siguiente temario (E/X/2017/L.1), en su forma enmendada:",
           "- 1. Apertura", "- 2. Comercio", "- 3. Deuda", "- 4. Otros",
           "El temario provisional se enmendó como sigue: Se suprimió el tema 3.",
           "E. Documentación", "El Comité tuvo ante sí el siguiente documento:", "- Nota sobre comercio (E/X/2017/1)",
           "F. Aprobación del informe", "El Comité aprobó el presente informe el 1 de diciembre de 2017."],
    "fr": ["A. Ouverture, durée et organisation de la session",
           "Le Comité a tenu sa première session à Bangkok du 29 novembre au 1er décembre 2017. La Secrétaire exécutive a ouvert la session.",
           "B. Participation",
           f"Des représentants de cinq membres du Comité ont participé à la session{NBSP}: Chili, Italie, Bolivie (État plurinational de), "
           f"Iran (République islamique d') et Türkiye. Un observateur de l'État suivant y a participé{NBSP}: Suisse.",
           f"L'institution spécialisée suivante était représentée{NBSP}: Organisation des Nations Unies pour l'alimentation et l'agriculture.",
           "C. Élection du Bureau", *OFFICERS["fr"],
           "D. Ordre du jour",
           f"Le Comité a adopté l'ordre du jour suivant (E/X/2017/L.1), tel que modifié{NBSP}:",
           "- 1. Ouverture", "- 2. Commerce", "- 3. Dette", "- 4. Divers",
           f"L'ordre du jour provisoire a été modifié comme suit{NBSP}: Le point 3 a été supprimé.",
           "E. Documentation", f"Le Comité était saisi du document suivant{NBSP}:", "- Note sur le commerce (E/X/2017/1)",
           "F. Adoption du rapport", "Le Comité a adopté le présent rapport le 1er décembre 2017."],
}


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_organization_chapter_with_an_amended_agenda(tmp_path: Path, language: str) -> None:
    assert text(assembler(tmp_path, SMALL, language).block(block("organization"), "org", 2)) == ORGANIZATION[language]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "The Committee had before it the following document: Trade note (E/X/2017/1)."),
    ("es", "El Comité tuvo ante sí el siguiente documento: Nota sobre comercio (E/X/2017/1)."),
    ("fr", f"Le Comité était saisi du document suivant{NBSP}: Note sur le commerce (E/X/2017/1)."),
])
def test_documents_before_an_agenda_item(tmp_path: Path, language: str, expected: str) -> None:
    assert text(assembler(tmp_path, SMALL, language).block(block("documents-before", "one"))) == [expected]


def test_a_commission_agrees_in_the_feminine_in_french(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["meeting"]["organ"] = "commission"
    a = assembler(tmp_path, data, "fr")
    assert text(a.block(block("documents-before", "one"))) == [f"La Commission était saisie du document suivant{NBSP}: Note sur le commerce (E/X/2017/1)."]


def test_opening_by_a_named_person_with_an_office_and_statements(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["proceedings"]["opening"] = {
        "by": {"person": "tevita", "office": {"en": "Minister of Foreign Affairs of Fiji", "es": "Ministra de Relaciones Exteriores de Fiji"}},
        "welcome_address": True,
        "statements": [{"person": "dorji", "on_behalf_of": {"country": "Bhutan"}}, {"person": "rahimova"}]}
    en = text(assembler(tmp_path, data, "en").block(block("opening")))[0]
    assert en.endswith("Ms. Anaru Tevita, Minister of Foreign Affairs of Fiji, opened the session and delivered a welcome address. "
                       "Opening statements were made by Mr. Karma Dorji, on behalf of Bhutan; and Ms. Nilufar Rahimova.")
    es = text(assembler(tmp_path, data, "es").block(block("opening")))[0]
    assert "La Sra. Anaru Tevita, Ministra de Relaciones Exteriores de Fiji, inauguró el período de sesiones y pronunció" in es
    assert "hicieron uso de la palabra el Sr. Karma Dorji, en nombre de Bhután; y la Sra. Nilufar Rahimova." in es


# --------------------------------------------------------------------------- lists


@pytest.mark.parametrize(("language", "items", "joined"), [
    ("en", ["A", "B", "C"], "A, B and C"),
    ("en", ["A", "B"], "A and B"),
    ("es", ["A", "B", "C"], "A, B y C"),
    ("es", ["Chile", "Italia"], "Chile e Italia"),
    ("es", ["Chile", "Hidalgo"], "Chile e Hidalgo"),
    ("es", ["Chile", "Haití"], "Chile y Haití"),
    ("es", ["Chile", "hierro"], "Chile y hierro"),  # hie- sounds ye-: y stays
    ("es", ["Perú", "Chile", "Irlanda"], "Perú, Chile e Irlanda"),
    ("fr", ["A", "B", "C"], "A, B et C"),
    ("en", ["China, Hong Kong SAR", "Fiji", "Japan"], "China, Hong Kong SAR; Fiji; and Japan"),
])
def test_lists_are_joined_by_the_language_rules(tmp_path: Path, language: str, items: list[str], joined: str) -> None:
    project = Project(tmp_path)
    path = template_search_path(project)
    assert Phrases.load(Labels.load(language, path), path).join(items) == joined


def test_un_short_names_per_language() -> None:
    names = CountryNames.load(template_search_path(None))
    assert [names.name("BOL", lang) for lang in ("en", "es", "fr")] == [
        "Bolivia (Plurinational State of)", "Bolivia (Estado Plurinacional de)", "Bolivie (État plurinational de)"]
    assert names.name("Islamic Republic of Iran", "en") == "Iran (Islamic Republic of)"
    assert names.name("TUR", "fr") == "Türkiye"
    assert names.code("Türkiye") == names.code("tur") == "TUR"


# --------------------------------------------------------------------------- traced to the facts


def test_every_generated_sentence_names_existing_facts(tmp_path: Path) -> None:
    project = project_with(tmp_path, SMALL)
    rendered, _ = render_meeting(project, "small", BuildOptions(kinds=("rapporteur-report",)))
    root = parse(rendered[0].html)
    generated = [el for el in root.iter() if el.get("data-generated") is not None and el.tag in ("p", "ul")]
    assert len(generated) >= 10
    lines = (tmp_path / "content" / "small" / "meeting.yaml").read_text(encoding="utf-8").splitlines()
    for container in generated:
        for sentence in container.iter("span", "li"):
            facts = (sentence.get("data-facts") or "").split()
            assert facts, f"untraced sentence: {sentence.text_content()!r}"
            for fact in facts:
                file, line = fact.rsplit(":", 1)
                assert file == "content/small/meeting.yaml" and 1 <= int(line) <= len(lines) and lines[int(line) - 1].strip()
    # the officers sentence points at each officer's own line
    officers = next(el for el in root.iter("p") if el.get("data-generated") == "organization" and "elected" in el.text_content())
    facts = officers.find("span").get("data-facts").split()
    assert [lines[int(f.rsplit(":", 1)[1]) - 1].strip() for f in facts] == ["- office: chair", "- office: vice-chair", "- office: vice-chair"]
    titled = with_fact_titles(rendered[0].html)
    assert 'title="From content/small/meeting.yaml:' in titled and "[data-facts]:hover" in titled


# --------------------------------------------------------------------------- numbering


def test_numbering_counts_paragraphs_generated_paragraphs_and_decisions_only(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["authors"] = {"prepared_by": [{"person": "tevita"}]}
    data["body"] = [
        {"id": "one", "heading": "One", "blocks": [
            "First paragraph.",
            {"list": "1.", "items": ["Alpha", "Beta"]},
            {"generate": "statements", "item": "two"},
            {"list": "1.", "kind": "decisions", "items": ["Decides one", "Decides two", "Decides three"]},
            {"intervention": "dorji", "on_behalf_of": {"country": "Bhutan"}, "text": "Said things."},
            "Last paragraph."]},
        {"id": "org", "heading": "Organization", "blocks": [{"generate": "report"}]}]
    project = project_with(tmp_path, data)
    html = render_meeting(project, "small", BuildOptions(kinds=("rapporteur-report",)))[0][0].html
    root = parse(html)
    numbered = [(el.get("data-number"), el.text_content().strip()[:20]) for el in root.iter("p", "li") if el.get("data-number")]
    assert numbered == [("1", "First paragraph."), ("2", "Representatives of t"), ("3", "Decides one"), ("4", "Decides two"),
                        ("5", "Decides three"), ("6", "Said things."), ("7", "Last paragraph."), ("8", "The Committee adopte")]
    decisions = next(el for el in root.iter("ol") if el.get("data-kind") == "decisions")
    other = next(el for el in root.iter("ol") if el.get("data-kind") == "items")
    assert (decisions.get("start"), decisions.get("data-style"), other.get("data-style")) == ("3", "1.", "(a)")
    credits = next(el for el in root.iter("p") if "Prepared by" in el.text_content())
    assert credits.get("data-number") is None


def test_numbering_reads_back_from_pdf_and_docx(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["authors"] = {"prepared_by": [{"person": "tevita"}]}
    data["body"] = [{"id": "one", "heading": "One", "blocks": [
        "First paragraph.", {"list": "1.", "items": ["Alpha", "Beta"]},
        {"list": "1.", "kind": "decisions", "items": ["Decides one", "Decides two"]}, "Last paragraph."]}]
    project = project_with(tmp_path, data)
    paths = build_meeting(project, "small", BuildOptions(kinds=("rapporteur-report",), out_dir=tmp_path / "out"))
    pdf = next(p for p in paths if p.suffix == ".pdf")
    shown = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = re.sub(r"\s+", " ", shown)
    assert "Prepared by Anaru Tevita." in squeezed and "1. Prepared" not in squeezed
    assert re.search(r"1\. First paragraph\. \(a\) Alpha \(b\) Beta 2\. Decides one 3\. Decides two 4\. Last paragraph\.", squeezed), squeezed
    import docx  # python-docx: the paragraph numbers are text, the decisions a Word list starting at 2

    document = docx.Document(str(next(p for p in paths if p.suffix == ".docx")))
    texts = [p.text for p in document.paragraphs]
    assert "1.\tFirst paragraph." in texts and "4.\tLast paragraph." in texts
    assert not any(t.startswith("1.\tPrepared") for t in texts)
    numbering = document.part.numbering_part.element.xml
    assert 'w:start w:val="2"' in numbering


# --------------------------------------------------------------------------- the converted examples


@pytest.mark.parametrize(("language", "expected"), [
    ("es", "La Conferencia celebró su décima reunión en Santiago del 19 al 21 de noviembre de 2019."),
    ("en", "The Conference held its tenth meeting in Santiago from 19 to 21 November 2019."),
    ("fr", "La Conférence a tenu sa dixième réunion à Santiago du 19 au 21 novembre 2019."),
])
def test_eclac_example_builds_in_three_languages_and_both_formats(tmp_path: Path, language: str, expected: str) -> None:
    project = Project(REPO / "examples")
    paths = build_meeting(project, "eclac-cea2019", BuildOptions(kinds=("rapporteur-report",), language=language, out_dir=tmp_path))
    pdf = next(p for p in paths if p.suffix == ".pdf")
    shown = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert expected in shown
    import docx

    texts = [p.text for p in docx.Document(str(next(p for p in paths if p.suffix == ".docx"))).paragraphs]
    assert any(expected in t for t in texts)


def test_escap_example_generates_its_organization_chapter(examples: dict[tuple[str, str, str], Path]) -> None:
    pdf = examples[("escap-cmp2017", "rapporteur-report", "pdf")]
    shown = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for sentence in ("The Committee held its first session in Bangkok from 29 November to 1 December 2017.",
                     "The Executive Secretary of ESCAP opened the session and delivered a welcome address.",
                     "The Committee elected the following officers: Chair, Ms. Anaru Tevita (Fiji); Vice-Chairs, Mr. Karma Dorji (Bhutan) "
                     "and Ms. Nilufar Rahimova (Uzbekistan).",
                     "Representatives of the following members made statements: Bangladesh, China, Fiji, India, Indonesia, Iran (Islamic "
                     "Republic of), Japan, Nepal, Pakistan, Philippines, Russian Federation, Sri Lanka and Thailand.",
                     "The Committee adopted the present report on 1 December 2017.",
                     "1. Opening of the session (a) Opening statements (b) Election of officers (c) Adoption of the agenda 2. Macro"):
        assert sentence in shown
    import docx

    texts = " ".join(p.text for p in docx.Document(str(examples[("escap-cmp2017", "rapporteur-report", "docx")])).paragraphs)
    assert "The Committee adopted the following agenda (E/ESCAP/CMP/2017/L.1):" in texts


def test_house_and_project_override_phrases_one_by_one(tmp_path: Path) -> None:
    project = project_with(tmp_path, SMALL)
    (tmp_path / "templates" / "phrases").mkdir(parents=True)
    (tmp_path / "templates" / "phrases" / "en.yaml").write_text(
        'report_adopted: {"no": "{The_organ} adopted this report {when}."}\noffices: {chair: {one: Chairperson, many: Chairpersons}}\n',
        encoding="utf-8")
    house = load_house(template_search_path(project), "un")
    path = template_search_path(project, house.name)
    meeting = load_meetings(project, ["small"])["small"]
    a = Assembler(meeting, Phrases.load(Labels.load("en", path), path), CountryNames.load(path))
    assert text(a.block(block("report"))) == ["The Committee adopted this report on 1 December 2017."]
    assert "Chairperson, Ms. Anaru Tevita (Fiji); Vice-Chairs," in text(a.block(block("officers")))[0]  # other offices kept


def test_a_broken_phrase_override_is_one_located_line(tmp_path: Path) -> None:
    project_with(tmp_path, SMALL)
    (tmp_path / "templates" / "phrases").mkdir(parents=True)
    (tmp_path / "templates" / "phrases" / "en.yaml").write_text('held: "{The_organ} met in {town}."\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "build", "small", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "templates/phrases/en.yaml:1:7: held: unknown placeholder {town}" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out" / "small").exists()


def test_opening_date_and_time_agenda_and_officers_dates(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["proceedings"]["opening"].update({"date": "2017-11-29", "time": "10:00"})
    data["agenda"]["adopted"] = "2017-11-29"
    for officer in data["proceedings"]["officers"]:
        officer["date"] = "2017-11-29"
    expected = {
        "en": ("The Executive Secretary opened the session on 29 November 2017 at 10 a.m.",
               "The Committee adopted the following agenda (E/X/2017/L.1) on 29 November 2017, as amended:",
               "The Committee elected the following officers by acclamation on 29 November 2017: Chair,"),
        "es": ("La Secretaria Ejecutiva inauguró el período de sesiones el 29 de noviembre de 2017 a las 10.00 horas.",
               "El Comité aprobó el siguiente temario (E/X/2017/L.1) el 29 de noviembre de 2017, en su forma enmendada:",
               "El Comité eligió por aclamación el 29 de noviembre de 2017 la siguiente Mesa:"),
    }
    for language, (opened, agenda, officers) in expected.items():
        a = assembler(tmp_path, data, language)
        assert text(a.block(block("opening")))[0].endswith(opened)
        assert text(a.block(block("agenda")))[0] == agenda
        assert text(a.block(block("officers")))[0].startswith(officers)


def test_serve_shows_the_facts_of_each_generated_sentence_on_hover(tmp_path: Path) -> None:
    """`reportgen serve` on the ECLAC example: the preview's generated sentences carry a title naming their facts."""
    import os
    import shutil
    import sys
    import time
    import urllib.request

    shutil.copytree(REPO / "examples", tmp_path / "examples")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "--project", str(tmp_path / "examples"), "serve", "eclac-cea2019",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.startswith("Previewing on http://127.0.0.1:"), line
        url = line.split()[2] + "preview/eclac-cea2019/rapporteur-report"
        page = ""
        for _ in range(600):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert 'title="From content/eclac-cea2019/meeting.yaml:' in page
        assert re.search(r'<span data-facts="[^"]+" title="From [^"]+">Formularon declaraciones', page)
    finally:
        proc.terminate()  # serve finishes the files it is writing first: slow on a loaded machine
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise


def test_oas_example_follows_the_oas_house_phrases(examples: dict[tuple[str, str, str], Path]) -> None:
    pdf = examples[("oas-gtmig2014", "rapporteur-report", "pdf")]
    shown = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert ("The Working Group held the meeting on 27 March 2014 at the headquarters of the Organization, Simón Bolívar Room, "
            "under the chairmanship of Ambassador Rosa María Quintero, Permanent Representative of Guatemala.") in shown
    assert "Representatives of 21 member States took part: Argentina, Bahamas," in shown


def test_a_project_adds_an_organ_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["meeting"]["organ"] = "assembly"
    project_with(tmp_path, data)
    phrases = tmp_path / "templates" / "phrases"
    phrases.mkdir(parents=True)
    (phrases / "en.yaml").write_text('organs: {assembly: {the: the Assembly, The: The Assembly, of_the: of the Assembly, '
                                     'session: "{ordinal} session", session_gender: f, the_session: the session}}\n', encoding="utf-8")
    a = assembler(tmp_path, data, "en")
    assert text(a.block(block("report"))) == ["The Assembly adopted the present report on 1 December 2017."]
    (phrases / "en.yaml").write_text('organs: {assembly: {the: the Assembly, session: "{nth} session"}}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "build", "small", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "phrases/en.yaml:1:1: organs.assembly: missing The, of_the, session_gender, the_session (each a text, or a mapping of its forms)" in result.output


def test_generated_blocks_in_an_annex_are_written_and_checked(tmp_path: Path) -> None:
    data = copy.deepcopy(SMALL)
    data["annexes"] = [{"id": "annex-org", "heading": "Organization", "blocks": [{"generate": "report"}, {"generate": "statements", "item": "nine"}]}]
    project_with(tmp_path, data)
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "validate", "small"])
    assert result.exit_code == 1
    assert "annexes[0].blocks[1].item: unknown agenda item 'nine'" in result.output
    data["annexes"][0]["blocks"] = [{"generate": "organization"}]
    project = project_with(tmp_path, data)
    html = render_meeting(project, "small", BuildOptions(kinds=("rapporteur-report",)))[0][0].html
    root = parse(html)
    annex = next(el for el in root.iter("section") if "annex" in (el.get("class") or ""))
    assert [h.get("id") for h in annex.iter("h2")] == ["annex-org-opening", "annex-org-attendance", "annex-org-officers",
                                                        "annex-org-agenda", "annex-org-documentation", "annex-org-report"]


def test_a_project_corrects_a_country_name_code_by_code(tmp_path: Path) -> None:
    (tmp_path / "templates" / "countries").mkdir(parents=True)
    names = tmp_path / "templates" / "countries" / "names.yaml"
    names.write_text("CHE: {fr: Confédération suisse}\n", encoding="utf-8")
    table = CountryNames.load(template_search_path(Project(tmp_path)))
    assert (table.name("CHE", "fr"), table.name("CHE", "en"), table.name("ITA", "fr")) == ("Confédération suisse", "Switzerland", "Italie")
    names.write_text("CHE: {fr: Suisse (la)}\n", encoding="utf-8")
    assert CountryNames.load(template_search_path(Project(tmp_path))).name("CHE", "fr") == "Suisse (la)"  # an edit is seen at once
