"""A brief comparing many meetings still fits the page (issue 16): the table of counts holds at most
eight meetings side by side and goes on below; the default file name stays within the name rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html

from reportgen.briefs.compare import BRIEF_TEMPLATE, BriefRequest, brief_context, default_name
from reportgen.core.names import brief_name_problem
from reportgen.core.project import Project
from reportgen.render.environment import Renderer
from reportgen.style.labels import Labels
from reportgen.style.search_path import template_search_path

from .conftest import REPO


def test_thirty_meetings_make_tables_of_eight(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    shutil.copy(REPO / "content" / "themes.yaml", tmp_path / "content" / "themes.yaml")
    ids = [f"regional-consultation-meeting-{i:02d}" for i in range(1, 31)]
    for meeting_id in ids:
        shutil.copytree(REPO / "content" / "gfmd2010", tmp_path / "content" / meeting_id)
    project = Project(tmp_path)
    search_path = template_search_path(project)
    context = brief_context(project, BriefRequest(tuple(ids)), Labels.load("en", search_path))
    html = lxml.html.document_fromstring(Renderer(search_path).render(BRIEF_TEMPLATE, context))
    tables = html.find_class("counts")
    assert [len(t.find("thead/tr")) - 1 for t in tables] == [8, 8, 8, 6]
    assert [th.text for t in tables for th in t.find("thead/tr")[1:]] == ids
    assert all(len(row) == len(t.find("thead/tr")) for t in tables for row in t.find("tbody"))
    name = default_name(ids, [], None)
    assert brief_name_problem(name) is None and name.startswith("regional-consultation-meeting-01_")
