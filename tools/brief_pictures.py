"""Regenerate the pictures shown in docs/briefs.md.

Builds, with a fixed date, into a temporary folder: the saved five-meeting brief
(content/briefs/five-meetings.yaml; PDF), whose page 1 (key points) and page 3 (the first page
side by side) are drawn, and the chair's summary of each meeting (PDF), whose first page is drawn.
Pages are rendered as PNG with pdftoppm (poppler-utils) into docs/images/:
brief-page-1.png, brief-page-3.png and chair-summary-<meeting>.png.

    PYTHONPATH=src python3 tools/brief_pictures.py
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from reportgen.briefs.compare import build_brief, saved_request
from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project

ROOT = Path(__file__).resolve().parents[1]
BRIEF = "five-meetings"
MEETINGS = ("fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3")
BRIEF_PAGES = (1, 3)
RESOLUTION = 60  # dots per inch: legible, and small enough to keep in the repository
SUMMARY_RESOLUTION = 45


def _draw(pdf: Path, page: int, stem: Path, resolution: int) -> None:
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(stem)], check=True)
    print(f"wrote {stem}.png")


def main() -> None:
    images = ROOT / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    project = Project(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        request = saved_request(project, BRIEF, date=dt.date(2025, 1, 15), formats=("pdf",), out_dir=Path(tmp))
        (pdf,) = build_brief(project, request)
        for page in BRIEF_PAGES:
            _draw(pdf, page, images / f"brief-page-{page}", RESOLUTION)
        for meeting in MEETINGS:
            (summary,) = build_meeting(project, meeting, BuildOptions(formats=("pdf",), kinds=("chair-summary",), out_dir=Path(tmp)))
            _draw(summary, 1, images / f"chair-summary-{meeting}", SUMMARY_RESOLUTION)


if __name__ == "__main__":
    main()
