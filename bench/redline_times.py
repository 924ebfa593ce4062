"""Print how long the parts of a redline take: rendering both versions, the structural diff, and
writing each format, per meeting and kind (the project compared with itself after a word changed
in every paragraph of its first section, so the diff has work to do).

    python bench/redline_times.py [MEETING ...]

Target (read from these figures, not a timed test): the diff of one report kind takes under 2 s,
and a redline of both formats no more than a build of the later version plus that.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reportgen.writers.output import creation_time, writer_for
from reportgen.render.contract import parse
from reportgen.redline.htmldiff import diff_html
from reportgen.style.labels import Labels
from reportgen.content.model import load_meetings
from reportgen.core.project import Project
from reportgen.style.search_path import template_search_path
from reportgen.render.environment import Renderer, context_for
from reportgen.redline.worddiff import Stamp
from reportgen.writers import WriteContext


def later_draft(html: str) -> str:
    """Every paragraph gets its third word replaced: a worst case of many small edits."""
    import lxml.html

    root = parse(html)
    for p in root.iter("p"):
        words = (p.text or "").split(" ")
        if len(words) > 3:
            words[2] = "changed"
            p.text = " ".join(words)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def main(ids: list[str]) -> None:
    project = Project(Path(__file__).resolve().parents[1])
    search = template_search_path(project)
    renderer = Renderer(search)
    meetings = load_meetings(project, ids or None)
    print(f"{'meeting':<14} {'kind':<18} {'render s':>8} {'diff s':>7} {'pdf s':>7} {'docx s':>7} {'changes':>8}")
    with tempfile.TemporaryDirectory() as out:
        for meeting_id, meeting in meetings.items():
            ctx = WriteContext(search, "bench", meeting.document.language, creation_time(meeting))
            for kind in renderer.kinds():
                t0 = time.perf_counter()
                old = renderer.render(kind, context_for(meeting, Labels.load(meeting.document.language, search), kind))
                new = later_draft(old)
                t1 = time.perf_counter()
                merge = diff_html(old, new, Stamp("bench", "2020-01-01T00:00:00Z"))
                t2 = time.perf_counter()
                writer_for("pdf")(merge.html(), Path(out) / "r.pdf", ctx)
                t3 = time.perf_counter()
                writer_for("docx")(merge.html(), Path(out) / "r.docx", ctx)
                t4 = time.perf_counter()
                print(f"{meeting_id:<14} {kind:<18} {t1 - t0:>8.2f} {t2 - t1:>7.2f} {t3 - t2:>7.2f} {t4 - t3:>7.2f} {len(merge.blocks):>8}")


if __name__ == "__main__":
    main(sys.argv[1:])
