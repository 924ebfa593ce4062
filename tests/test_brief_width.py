"""A brief comparing many meetings still fits the page (issues 16 and 20): the table of counts and
the side-by-side table hold at most MEETINGS_PER_TABLE meetings each and go on in further tables
(as even as may be, each repeating its first column), in both formats; "—" where a meeting said
nothing is centred in both; the default file name stays within the name rule."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import lxml.html
import yaml
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH

from reportgen.briefs.compare import BRIEF_TEMPLATE, MEETINGS_PER_TABLE, BriefRequest, batches, brief_context, default_name
from reportgen.cli import main
from reportgen.core.names import brief_name_problem
from reportgen.core.project import Project
from reportgen.render.environment import Renderer
from reportgen.style.labels import Labels
from reportgen.style.search_path import template_search_path

from .conftest import REPO
from .textcheck import TYPED_QUOTES

FIVE = ["fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3"]


def test_tables_are_cut_into_batches_as_even_as_may_be() -> None:
    assert MEETINGS_PER_TABLE == 6
    assert [len(b) for b in batches(5)] == [5]
    assert [len(b) for b in batches(6)] == [6]
    assert [len(b) for b in batches(7)] == [4, 3]
    assert [len(b) for b in batches(13)] == [4, 5, 4]
    assert [list(b) for b in batches(30)] == [list(range(i, i + 6)) for i in range(0, 30, 6)]


def test_thirty_meetings_make_tables_of_six(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "content" / "themes.yaml")
    ids = [f"regional-consultation-meeting-{i:02d}" for i in range(1, 31)]
    for meeting_id in ids:
        shutil.copytree(REPO / "content" / "gfmd2010", tmp_path / "content" / meeting_id)
    project = Project(tmp_path)
    search_path = template_search_path(project)
    context = brief_context(project, BriefRequest(tuple(ids)), Labels.load("en", search_path))
    html = lxml.html.document_fromstring(Renderer(search_path).render(BRIEF_TEMPLATE, context))
    for tables in (html.find_class("counts"), html.xpath("//table[@data-points]")):
        assert [len(t.find("thead/tr")) - 1 for t in tables] == [6, 6, 6, 6, 6]
        assert [th.text for t in tables for th in t.find("thead/tr")[1:]] == ids
        assert all(len(row) == len(t.find("thead/tr")) for t in tables for row in t.find("tbody"))
    name = default_name(ids, [], None)
    assert brief_name_problem(name) is None and name.startswith("regional-consultation-meeting-01_")


def test_seven_meetings_make_two_side_by_side_tables_in_both_formats(runner: CliRunner, tmp_project: Project, tmp_path: Path) -> None:
    """Seven meetings (the five, and copies of two of them): two side-by-side tables, of four and three
    meetings, each with the point column and every point, in the PDF and the DOCX; a caption over each."""
    content = tmp_project.content_dir
    for original in ("gfmd2010", "hld2013"):
        shutil.copytree(content / original, content / f"{original}-copy")
    saved = yaml.safe_load((REPO / "content" / "briefs" / "five-meetings.yaml").read_text(encoding="utf-8"))
    for point in saved["points"]:
        point["items"] += [{**i, "item": i["item"].replace(m, f"{m}-copy", 1)} for i in point["items"]
                           for m in ("gfmd2010", "hld2013") if i["item"].startswith(m + ",")]
    saved["meetings"] = FIVE + ["gfmd2010-copy", "hld2013-copy"]
    (content / "briefs" / "seven.yaml").write_text(yaml.safe_dump(saved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = runner.invoke(main, ["--project", str(tmp_project.root), "compare", "--brief", "seven", "--date", "2025-01-15", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    by_date = ["fibemyd2008", "gfmd2010", "gfmd2010-copy", "gfmd2011", "hld2013", "hld2013-copy", "gfmd2014-rt3"]
    points = [p["point"] for p in saved["points"]]
    document = docx.Document(str(tmp_path / "compare" / "seven.docx"))
    side = [t for t in document.tables if t.rows[0].cells[0].text == "Point"]
    assert [[c.text for c in t.rows[0].cells[1:]] for t in side] == [by_date[:4], by_date[4:]]
    for table in side:
        assert [r.cells[0].text.translate(TYPED_QUOTES) for r in table.rows[1:]] == points  # quotes as typed
        silent = [p for r in table.rows[1:] for c in r.cells[1:] for p in c.paragraphs if p.text == "—"]
        assert silent and all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in silent)
    counts = [t for t in document.tables if t.rows[0].cells[0].text == "Theme"]
    assert [[c.text for c in t.rows[0].cells[1:]] for t in counts] == [by_date[:4], by_date[4:]]
    body = [p.text for p in document.paragraphs]
    assert body.count("Meetings 1 to 4 of 7") == 2 and body.count("Meetings 5 to 7 of 7") == 2  # side by side, counts
    pdf = subprocess.run(["pdftotext", str(tmp_path / "compare" / "seven.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(pdf.split()).replace("- copy", "-copy")
    assert flat.count("Meetings 1 to 4 of 7") == 2 and flat.count("Meetings 5 to 7 of 7") == 2
    from pypdf import PdfReader

    pages = "\n".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "compare" / "seven.pdf")).pages)
    lines = [line.strip() for line in pages.replace("-\ncopy", "-copy").splitlines()]
    for caption, wanted in (("Meetings 1 to 4 of 7", by_date[:4]), ("Meetings 5 to 7 of 7", by_date[4:])):
        start = lines.index(caption)  # the first: over a side-by-side table (the second is over a table of counts)
        assert next(line for line in lines[start:] if line.startswith("Point ")).split()[1:] == wanted, caption
