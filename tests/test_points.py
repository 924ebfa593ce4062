"""Points of a saved brief (issue 20): rendered side by side in both formats and read back; every
reference resolves; key points about substance, none a bare count; the ten-minute word limit;
suggested points against the hand alignment (precision and recall floors); errors at file:line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from reportgen.briefs.findings import findings
from reportgen.briefs.items import compared_items, reference_index
from reportgen.briefs.points import rows
from reportgen.briefs.saved import load_brief
from reportgen.cli import main
from reportgen.content.model import Meeting, load_meetings
from reportgen.core.project import Project
from reportgen.render.sentences import is_fragment
from reportgen.style.labels import Labels
from reportgen.style.search_path import template_search_path

from .conftest import DATA, REPO
from .textcheck import TYPED_QUOTES

sys.path.insert(0, str(REPO / "bench"))
from suggest_points import EXAMPLE_MEETINGS, EXAMPLES, compared, figures, hand_alignment, pooled_alignment  # noqa: E402

BRIEF = "five-meetings"
ALL = ["fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3"]
REFERENCE = re.compile(r"\[((?:[a-z0-9-]+, [^\[\]]+?)(?:; [a-z0-9-]+, [^\[\]]+?)*)\]")
MEETING_ID = re.compile(r"\b(?:" + "|".join(map(re.escape, ALL)) + r")\b")
WORD_LIMIT = 2500
# Reached by the shipped settings against the hand alignment, version 2 (bench/suggest_points.py;
# bench/README.md): the floor of the test. The previous method reached 0.59 and 0.18 on version 2.
PRECISION_FLOOR = 0.58
RECALL_FLOOR = 0.22
POOLED_FLOORS = (0.74, 0.34)  # the examples compared with the five meetings (previous method: 0.77, 0.26)


def _text(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    """Text without white space and hyphens: what both formats print, however wrapped (pdftotext
    drops the hyphen where a line breaks after one)."""
    return re.sub(r"[\s\-\u00ad]+", "", text.translate(TYPED_QUOTES))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("points")
    result = CliRunner().invoke(main, ["--project", str(REPO), "compare", "--brief", BRIEF, "--date", "2025-01-15", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {Path(line).suffix[1:]: Path(line) for line in result.output.split()}


@pytest.fixture(scope="module")
def meetings(project: Project) -> dict[str, Meeting]:
    return load_meetings(project, ALL)


@pytest.fixture(scope="module")
def saved_rows(project: Project, meetings: dict[str, Meeting]):  # -> list[Row]
    return rows(load_brief(project, BRIEF), meetings, ALL)


@pytest.fixture(scope="module")
def index(meetings: dict[str, Meeting]) -> dict:
    return {ref: item for m in meetings.values() for ref, item in reference_index(m).items()}


def _side_table(document: docx.document.Document):  # -> docx.table.Table
    for table in document.tables:
        head = [c.text.strip() for c in table.rows[0].cells]
        if head[:1] == ["Point"] and head[1:] == ALL:
            return table
    raise AssertionError("no side-by-side table (Point, then one column per meeting) in the DOCX")


# --------------------------------------------------------------------------- side by side


def test_points_render_side_by_side_in_both_formats(built: dict[str, Path], saved_rows) -> None:
    """One row per point: the point, then per meeting its items' gists and references, '—' where silent."""
    table = _side_table(docx.Document(str(built["docx"])))
    assert len(table.rows) == len(saved_rows) + 1
    pdf = _flat(_text(built["pdf"]))
    for row, docx_row in zip(saved_rows, table.rows[1:]):
        cells = [c.text.strip().translate(TYPED_QUOTES) for c in docx_row.cells]  # quotes as typed in the YAML
        assert cells[0] == row.point
        for entries, text in zip(row.cells, cells[1:]):
            if not entries:
                assert text == "—"
                continue
            for entry in entries:
                assert f"[{entry.ref.reference}]" in text
                assert " ".join(entry.ref.gist.text.replace("**", "").split()) in " ".join(text.split())
                if entry.ref.lead_in:
                    assert entry.ref.lead_in in text  # an item under a lead-in carries it
            for paragraph in text.splitlines():  # the PDF prints the same paragraphs (its reading order goes across the row)
                assert _flat(paragraph) in pdf, paragraph
        assert _flat(row.point) in pdf


def test_side_by_side_is_landscape_for_five_meetings_in_both_formats(built: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(built["pdf"]))
    pages = [p for p in reader.pages if "SIDE BY SIDE" in (p.extract_text() or "") or "Point" in (p.extract_text() or "")[:400]]
    assert pages and all(p.mediabox.width > p.mediabox.height for p in pages)
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # page 1 stays portrait
    sections = docx.Document(str(built["docx"])).sections
    assert [s.page_width > s.page_height for s in sections][:3] == [False, True, False]


def _docx_text(path: Path) -> str:
    """The DOCX's text in document order, one line per paragraph (in tables too)."""
    body = docx.Document(str(path)).element.body
    lines = ["".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t"))) for p in body.iter(docx.oxml.ns.qn("w:p"))]
    return "\n".join(lines)


def test_every_reference_resolves(built: dict[str, Path], index: dict) -> None:
    """Every reference the brief prints (read from the DOCX, where no line is wrapped) finds its
    item; the PDF prints the same ones."""
    text = " ".join(_docx_text(built["docx"]).split())
    found = [ref for group in REFERENCE.findall(text) for ref in group.split("; ")]
    assert len(found) > 50
    missing = [ref for ref in found if ref not in index]
    assert not missing
    pdf = _flat(_text(built["pdf"], "-raw"))  # in the order drawn: column by column in the two-column annex
    assert all(_flat(ref) in pdf for ref in found)


@pytest.mark.parametrize("name, expected", [
    ("points.yaml", [  # references: each at its file:line, all at once
        "content/briefs/bad.yaml:7:16: points[0].items[1].item: unknown item 'hld2013, H, (ix)' (did you mean 'hld2013, H, (i)'?)",
        "content/briefs/bad.yaml:8:16: points[0].items[2].item: 'gfmd2011, 3, a)': meeting 'gfmd2011' is not one the brief "
        "compares (did you mean 'gfmd2010'?); meetings: gfmd2010, hld2013",
        "content/briefs/bad.yaml:9:16: points[0].items[3].item: item 'hld2013, H, (i)' is given twice in this point",
        "content/briefs/bad.yaml:13:16: suggested[0].items[0].item: unknown item 'gfmd2010, Roundtable 1, recomendation 6' "
        "(did you mean 'gfmd2010, Roundtable 1, recommendation 6'?)",
        "4 problems in 1 file; nothing was built.",
    ]),
    ("points-schema.yaml", [  # the schema of points
        "content/briefs/bad.yaml:6:41: points[0].items[0].role: expected 'stating', 'supporting', 'qualifying' or 'contrasting', found 'agreeing'",
        "content/briefs/bad.yaml:7:12: points[1].point: string should have at least 1 character, found ''",
        "content/briefs/bad.yaml:8:12: points[1].items: list should have at least 1 item after validation, not 0, found a list",
        "3 problems in 1 file; nothing was built.",
    ]),
])
def test_bad_points_are_reported_at_file_and_line(runner: CliRunner, tmp_project: Project, tmp_path: Path, name: str,
                                                   expected: list[str]) -> None:
    shutil.copy(DATA / "invalid-briefs" / name, tmp_project.content_dir / "briefs" / "bad.yaml")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "bad", "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == expected
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.docx"))


# --------------------------------------------------------------------------- key points


def test_key_points_are_about_substance_and_cite_references(saved_rows, index: dict, built: dict[str, Path]) -> None:
    """Every kind (agreement, contrast, change, only one) is there; each cites items that resolve
    and that are in its point; none is a bare count: without its references, meeting ids and
    quoted gists, no number is left."""
    labels = Labels.load("en", template_search_path(Project(REPO)))
    made = findings(saved_rows, labels)
    assert {f.kind for f in made} == {"agree", "contrast", "change", "only"}
    assert 3 <= len(made) <= 8
    page_1 = " ".join(_text(built["pdf"], "-l", "2").translate(TYPED_QUOTES).split())
    for finding in made:
        assert finding.refs and all(r.reference in index for r in finding.refs)
        row = next(r for r in saved_rows if finding.text.startswith(r.point + ":"))
        assert {r.reference for r in finding.refs} <= set(row.references())
        bare = MEETING_ID.sub("", REFERENCE.sub("", re.sub(r"“[^”]*”", "", finding.text)))
        assert not re.search(r"\d", bare), finding.text
        assert " ".join(finding.text.translate(TYPED_QUOTES).split()) in page_1


def test_spanish_key_points(project: Project, saved_rows) -> None:
    labels = Labels.load("es", template_search_path(project))
    made = findings(saved_rows, labels)
    assert any("todas las reuniones comparadas lo afirman" in f.text for f in made)


# --------------------------------------------------------------------------- ten minutes


def test_five_meeting_brief_reads_in_ten_minutes(built: dict[str, Path]) -> None:
    """At most 2,500 words before the annex (items by theme, full texts), 'See …' lines under 5 %."""
    for fmt in ("pdf", "docx"):
        text = _text(built["pdf"]) if fmt == "pdf" else _docx_text(built["docx"])
        body = text[:text.upper().rfind("ALL ITEMS BY THEME")]  # the annex's heading (the contents name it first)
        words = len(body.split())
        assert 1000 < words <= WORD_LIMIT, (fmt, words)
        see = sum(len(line.split()) for line in text.splitlines() if line.strip().startswith("See "))
        assert see < 0.05 * words  # none at all: the annex of items by theme gives each item once, without "See" lines


def test_every_compared_gist_is_a_whole_sentence(meetings: dict[str, Meeting]) -> None:
    fragments = [r.reference for m in meetings.values() for r in compared_items(m) if is_fragment(r.gist.text)]
    assert not fragments


def test_validate_gists_lists_fragments(runner: CliRunner, tmp_project: Project) -> None:
    path = tmp_project.content_dir / "hld2013" / "body-2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('            gist: "Public policies need to be consistent."\n', ""), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "validate", "hld2013", "--gists"])
    assert result.exit_code == 0, result.output
    assert ("content/hld2013/body-2.yaml:243:13: body[9].blocks[2].items[4]: no gist: its first sentence is not a whole "
            "sentence ('… to be consistent.'); write a gist: that is one") in result.output


# --------------------------------------------------------------------------- suggested points


@pytest.fixture(scope="module")
def compared_refs(project: Project):  # -> list[ItemRef]
    return compared(project)


@pytest.fixture(scope="module")
def example_refs():  # -> list[ItemRef]
    return compared(Project(REPO / "examples"), EXAMPLE_MEETINGS)


def test_suggestions_reach_the_hand_alignment_floor(compared_refs, example_refs) -> None:
    precision, recall, count = figures(compared_refs, hand_alignment())
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR, (precision, recall)
    assert count >= 10
    # The second alignment (examples/, settings not chosen on it): what is joined is right.
    precision, recall, count = figures(example_refs, hand_alignment(EXAMPLES))
    assert precision == 1.0 and recall > 0 and count >= 1, (precision, recall)
    # The examples compared with the five meetings: the pairs with an item of the examples.
    new = {r.reference for r in example_refs}
    precision, recall, _ = figures(compared_refs + example_refs, pooled_alignment(), keep=lambda pair: bool(pair & new))
    assert precision >= POOLED_FLOORS[0] and recall >= POOLED_FLOORS[1], (precision, recall)


@pytest.mark.parametrize("meetings, apart", [
    # gfmd2014-rt3's remark on civil society's view of remittances is not a point on civil society's role.
    ("five", [{"gfmd2014-rt3, Roundtable 3.2, point 7"},
              {"fibemyd2008, Introductory Session, p)", "hld2013, H, (iii)", "fibemyd2008, ROUND TABLE, j)"}]),
    # Products of remittance services that "include education and health services" are not
    # gender-sensitive policies that "include reproductive health services".
    ("five", [{"fibemyd2008, Session I, g) (6)"}, {"gfmd2014-rt3, Roundtable 3.1, conclusion 4"}]),
    # Who follows a decision up and when ("the Technical Secretariat … at the next meeting") is not
    # what was decided: a study on the cost of remittances is not a report on children's guidelines.
    ("examples", [{"mcpm2025-declaration, declaration, 4."}, {"rcm-vmm2014, III, (b)"}]),
    # Data on inequality of opportunity is not data on labour migration.
    ("examples", [{"escap-cmp2017, I, (b)"}, {"oas-gtmig2014, II, 2."}]),
])
def test_shared_words_without_shared_substance_are_not_joined(compared_refs, example_refs, meetings: str,
                                                                apart: list[set[str]]) -> None:
    from reportgen.briefs.suggest import suggest

    for s in suggest(compared_refs if meetings == "five" else example_refs):
        refs = {r.reference for r, _ in s.items}
        assert not (refs & apart[0] and refs & apart[1]), refs


def test_an_item_close_to_another_point_joins_it_too() -> None:
    """As an analyst does, an item may sit in a second point: when its mean similarity to the
    point reaches the threshold and it is close (LINK) to one of its items; at most ATTACH."""
    import numpy as np

    from reportgen.briefs.suggest import ATTACH, _attached

    sim = np.array([[1.0, 0.3, 0.25, 0.12, 0.11, 0.2],
                    [0.3, 1.0, 0.02, 0.1, 0.1, 0.2],
                    [0.25, 0.02, 1.0, 0.0, 0.0, 0.0],
                    [0.12, 0.1, 0.0, 1.0, 0.0, 0.0],
                    [0.11, 0.1, 0.0, 0.0, 1.0, 0.0],
                    [0.2, 0.2, 0.0, 0.0, 0.0, 1.0]])
    # 2: close to 0 (0.25) but its mean (0.135) is above 0.1; 3 and 4: mean above 0.1 but no close
    # item; 5: close and similar to both.
    assert ATTACH == 2 and _attached([0, 1], sim, threshold=0.1, link=0.2) == [2, 5]
    assert _attached([0, 1], sim, threshold=0.15, link=0.2) == [5]
    assert _attached([0, 1], sim, threshold=0.1, link=0.35) == []


def test_a_project_words_list_replaces_the_packaged_one(runner: CliRunner, tmp_project: Project) -> None:
    """templates/suggest/<lang>.yaml is data a project may replace; a broken one is an error at its line."""
    from reportgen.briefs.vocabulary import ignored_phrases
    from reportgen.style.search_path import template_search_path

    assert "technical secretariat" in ignored_phrases("en", template_search_path(tmp_project))
    folder = tmp_project.root / "templates" / "suggest"
    folder.mkdir(parents=True)
    (folder / "en.yaml").write_text("ignore: [remittances, next meeting]\n", encoding="utf-8")
    assert ignored_phrases("en", template_search_path(tmp_project)) == ["remittances", "next meeting"]
    assert ignored_phrases("xx", template_search_path(tmp_project)) == []
    (folder / "en.yaml").write_text("ignore:\n  - next meeting\n  - [a list]\n  - ''\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "gfmd2010", "gfmd2011", "--suggest", "--name", "x"])
    assert result.exit_code == 1 and result.output.splitlines() == [
        "templates/suggest/en.yaml:3:5: ignore[1]: expected a word or phrase",
        "templates/suggest/en.yaml:4:5: ignore[2]: expected a word or phrase",
        "2 problems in 1 file; nothing was built."], result.output
    (folder / "en.yaml").write_text("ignore: remittances\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "gfmd2010", "gfmd2011", "--suggest", "--name", "x"])
    assert result.exit_code == 1 and result.output.splitlines()[0] == (
        "templates/suggest/en.yaml:1:9: ignore: expected a list of words or phrases"), result.output
    (folder / "en.yaml").write_text("ignore: [a\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "gfmd2010", "gfmd2011", "--suggest", "--name", "x"])
    assert result.exit_code == 1 and result.output.startswith("templates/suggest/en.yaml:2:1: not valid YAML"), result.output
    assert not (tmp_project.content_dir / "briefs" / "x.yaml").exists()


def test_suggest_writes_the_saved_brief_for_the_secretariat(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    root = str(tmp_project.root)
    result = runner.invoke(main, ["--project", root, "compare", "gfmd2010", "gfmd2011", "gfmd2014-rt3", "--suggest", "--name", "trial"])
    assert result.exit_code == 0, result.output
    path = tmp_project.content_dir / "briefs" / "trial.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["meetings"] == ["gfmd2010", "gfmd2011", "gfmd2014-rt3"] and data["points"] == []
    assert data["suggested"], "no point suggested"
    for point in data["suggested"]:
        assert len({item["item"].split(",")[0] for item in point["items"]}) >= 2  # items of two meetings at least
        assert all(0 < item["score"] <= 1 and item["role"] == "stating" for item in point["items"])
    # The secretariat confirms one point (edited) and adds a comment; suggesting again keeps both.
    first = data["suggested"][0]
    text = path.read_text(encoding="utf-8").replace("points: []\n", "# confirmed by the secretariat\npoints:\n  - point: Irregular migration on the agenda\n"
                                                    "    items:\n" + "".join(f"      - {{item: \"{i['item']}\"}}\n" for i in first["items"]))
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["--project", root, "compare", "--brief", "trial", "--suggest"])
    assert result.exit_code == 0, result.output
    again = path.read_text(encoding="utf-8")
    assert "# confirmed by the secretariat" in again and again.count("suggested:") == 1
    data = yaml.safe_load(again)
    assert data["points"][0]["point"] == "Irregular migration on the agenda"
    confirmed = {i["item"] for i in data["points"][0]["items"]}
    assert not confirmed & {i["item"] for p in data["suggested"] for i in p["items"]}  # not suggested twice
    result = runner.invoke(main, ["--project", root, "compare", "--brief", "trial", "--docx", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    table = [t for t in docx.Document(str(tmp_path / "compare" / "trial.docx")).tables if t.rows[0].cells[0].text == "Point"]
    assert len(table) == 1 and len(table[0].rows) == 2  # only the confirmed point is printed


def test_suggest_does_not_take_a_country(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--project", str(REPO), "compare", "gfmd2010", "--country", "Mexico", "--suggest"])
    assert result.exit_code == 2 and "does not apply to a country view" in result.output


def test_side_by_side_brief_passes_the_pdfua_checker_and_the_docx_schemas(built: dict[str, Path]) -> None:
    import pdfua

    from .ooxml_schema import schema_errors

    report = pdfua.validate(str(built["pdf"]))
    assert not report.findings, [(f.rule_id, f.message) for f in report.findings]
    assert schema_errors(built["docx"]) == []


def test_three_meetings_side_by_side_stay_portrait(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    """Up to three meetings the side-by-side page is portrait, in both formats."""
    from pypdf import PdfReader

    (tmp_project.content_dir / "briefs" / "three.yaml").write_text(
        "title: Irregular migration in three meetings\n"
        "meetings: [gfmd2010, gfmd2011, gfmd2014-rt3]\n"
        "points:\n"
        "  - point: Irregular migration on the GFMD agenda\n"
        "    items:\n"
        "      - {item: \"gfmd2010, Roundtable 1, recommendation 6\"}\n"
        "      - {item: \"gfmd2011, 3, a)\", role: supporting}\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "three", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pdf = PdfReader(str(tmp_path / "compare" / "three.pdf"))
    assert all(p.mediabox.width < p.mediabox.height for p in pdf.pages)
    document = docx.Document(str(tmp_path / "compare" / "three.docx"))
    assert all(s.page_width < s.page_height for s in document.sections)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Point")
    assert [c.text.strip() for c in table.rows[1].cells][3] == "—"  # gfmd2014-rt3 said nothing on it


def test_suggest_rewrites_only_its_block_wherever_it_is() -> None:
    """A `suggested:` block the secretariat moved above other keys is replaced, the keys after it kept."""
    from reportgen.briefs.saved import SUGGESTED_HEAD, with_suggestions

    text = (f"title: X\nmeetings: [a, b]\n\n{SUGGESTED_HEAD}\n# (reportgen compare --brief x --suggest) …\n"
            "suggested:\n  - point: old\n    items: [{item: \"a, 1, b)\"}]\npoints: []  # confirmed\n# kept\n")
    new = with_suggestions(text, f"{SUGGESTED_HEAD}\nsuggested: []\n")
    assert new == f"title: X\nmeetings: [a, b]\n\npoints: []  # confirmed\n# kept\n\n{SUGGESTED_HEAD}\nsuggested: []\n"
    assert yaml.safe_load(new) == {"title": "X", "meetings": ["a", "b"], "points": [], "suggested": []}


def test_silent_cells_are_centred_in_both_formats(built: dict[str, Path]) -> None:
    """'—' where a meeting said nothing is centred in its cell: in the DOCX the cell paragraph keeps
    the table's text style and takes the alignment of its class (p.centered: Word's Centered style), as print.css
    centres it in the PDF (measured: the dash sits in the middle of its column)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from lxml import etree

    table = _side_table(docx.Document(str(built["docx"])))
    silent = [p for row in table.rows[1:] for cell in row.cells[1:] for p in cell.paragraphs if p.text == "—"]
    assert silent and all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.style.name != "Centered" for p in silent)  # the cell's type
    tree = etree.fromstring(_text(built["pdf"], "-bbox").encode())
    measured = 0
    for page in tree.iter("{*}page"):
        words = [(w.text, float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin"))) for w in page.iter("{*}word")]
        head = [w for w in words if w[0] in ALL]
        if "Point" not in [w[0] for w in words] or len(head) < len(ALL):
            continue
        top = min(w[3] for w in head)
        lefts = sorted(w[1] for w in head if abs(w[3] - top) < 2)[:len(ALL)]  # the header row: where each column's text starts
        lefts.append(2 * lefts[-1] - lefts[-2])  # the meeting columns are equally wide
        for text, x0, x1, y in words:
            if text != "—" or y <= top:
                continue
            i = max(j for j in range(len(ALL)) if lefts[j] <= x0)
            middle, width = (lefts[i] + lefts[i + 1]) / 2, lefts[i + 1] - lefts[i]
            assert abs((x0 + x1) / 2 - middle) < 0.1 * width, (text, x0, lefts[i], lefts[i + 1])
            measured += 1
    assert measured >= len(silent) // 2  # the PDF's rows are the DOCX's (a row's repeated header pages aside)


def test_saved_suggestions_are_printed_as_not_confirmed_until_points_are(runner: CliRunner, tmp_project: Project,
                                                                          tmp_path: Path, built: dict[str, Path]) -> None:
    """A saved brief with `suggested:` and no `points:` prints its suggested points (as the secretariat
    may have edited them), labelled as not confirmed, with where to confirm them; a brief with
    confirmed points says nothing of the kind."""
    (tmp_project.content_dir / "briefs" / "draft.yaml").write_text(
        "title: Irregular migration in three meetings\n"
        "meetings: [gfmd2010, gfmd2011, gfmd2014-rt3]\n"
        "suggested:\n"
        "  - point: Irregular migration on the GFMD agenda\n"
        "    items:\n"
        "      - {item: \"gfmd2010, Roundtable 1, recommendation 6\", score: 0.2}\n"
        "      - {item: \"gfmd2011, 3, a)\", role: contrasting, score: 0.2}\n", encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "draft", "--docx", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "compare" / "draft.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Point")
    assert [c.text.strip() for c in table.rows[1].cells][0] == "Irregular migration on the GFMD agenda" and len(table.rows) == 2
    assert "(contrasts)" in table.rows[1].cells[2].text  # the role as edited
    text = " ".join(_docx_text(tmp_path / "compare" / "draft.docx").split())
    assert "Suggested points, not yet confirmed by the secretariat. They are those under suggested: in content/briefs/draft.yaml" in text
    assert "These key points rest on points suggested from the wording of the items" in text
    assert "not yet confirmed" not in " ".join(_docx_text(built["docx"]).split())
