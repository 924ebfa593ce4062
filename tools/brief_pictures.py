"""Regenerate the pictures of the five-meeting briefing note shown in docs/briefs.md.

Builds the brief (PDF) with a fixed date into a temporary folder and renders pages 1 and 2 as
PNG with pdftoppm (poppler-utils): docs/images/brief-page-1.png and brief-page-2.png.

    PYTHONPATH=src python3 tools/brief_pictures.py
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from reportgen.briefs.compare import BriefRequest, build_brief
from reportgen.core.project import Project

ROOT = Path(__file__).resolve().parents[1]
MEETINGS = ("fibemyd2008", "gfmd2010", "gfmd2011", "hld2013", "gfmd2014-rt3")
PAGES = (1, 2)
RESOLUTION = 60  # dots per inch: legible, and small enough to keep in the repository


def main() -> None:
    images = ROOT / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        request = BriefRequest(MEETINGS, name="brief", date=dt.date(2025, 1, 15), formats=("pdf",), out_dir=Path(tmp))
        (pdf,) = build_brief(Project(ROOT), request)
        for page in PAGES:
            stem = images / f"brief-page-{page}"
            subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f", str(page), "-l", str(page),
                            str(pdf), str(stem)], check=True)
            print(f"wrote {stem}.png")


if __name__ == "__main__":
    main()
