"""Make the README's pictures of each house style's first page: docs/houses/<house>.png.

For every house (the packaged ones and those of the examples project) the first meeting that
uses it is built to PDF (examples/ first, then content/; hld2013 for eclac), and page 1 is drawn
with pdftoppm at 40 dpi. Then the examples of organisation types (docs/content.md, "How to
encode") are drawn at 60 dpi: docs/houses/examples/<meeting>-p<page>.png (a document under a
cover note: the note's page and the document's first page).
Run after changing a house:  python tools/make_house_pictures.py
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.style.houses import DEFAULT_HOUSE, available_houses
from reportgen.core.project import Project
from reportgen.style.search_path import template_search_path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "docs" / "houses"
KIND = "rapporteur-report"
PREFERRED = {DEFAULT_HOUSE: (REPO, "hld2013"), "un": (REPO / "examples", "escap-cmp2017"),
             "plain": (REPO / "examples", "idm2025-workshop")}
# Examples of organisation types and the pages drawn of each (issue 21).
ORGANISATION_EXAMPLES = {"mapsc2024-draft-report": (1,), "csp2024-cochairs": (1,), "mflm2024-cover-note": (1, 2)}


def house_of(meeting_file: Path) -> str:
    data = yaml.safe_load(meeting_file.read_text(encoding="utf-8")) or {}
    return str((data.get("document") or {}).get("house") or DEFAULT_HOUSE)


def meetings_by_house() -> dict[str, tuple[Path, str]]:
    found: dict[str, tuple[Path, str]] = dict(PREFERRED)
    for root in (REPO / "examples", REPO):
        project = Project(root)
        for meeting_id in project.meeting_ids():
            found.setdefault(house_of(project.meeting_dir(meeting_id) / "meeting.yaml"), (root, meeting_id))
    return found


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is needed (Debian package poppler-utils)", file=sys.stderr)
        return 1
    houses = sorted(set(available_houses(template_search_path(Project(REPO / "examples")))))
    found = meetings_by_house()
    TARGET.mkdir(parents=True, exist_ok=True)
    missing = []
    with tempfile.TemporaryDirectory() as tmp:
        for house in houses:
            if house not in found:
                missing.append(house)
                continue
            root, meeting_id = found[house]
            options = BuildOptions(formats=("pdf",), kinds=(KIND,), out_dir=Path(tmp))
            [pdf] = build_meeting(Project(root), meeting_id, options)
            subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(TARGET / house)], check=True)
            source = Project(root).meeting_dir(meeting_id).relative_to(REPO)
            print(f"wrote {(TARGET / house).with_suffix('.png').relative_to(REPO)}  (from {source})")
        examples = Project(REPO / "examples")
        (TARGET / "examples").mkdir(exist_ok=True)
        for meeting_id, pages in ORGANISATION_EXAMPLES.items():
            options = BuildOptions(formats=("pdf",), kinds=(KIND,), out_dir=Path(tmp))
            [pdf] = build_meeting(examples, meeting_id, options)
            for page in pages:
                target = TARGET / "examples" / f"{meeting_id}-p{page}"
                subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                                str(pdf), str(target)], check=True)
                print(f"wrote {target.with_suffix('.png').relative_to(REPO)}")
    for house in missing:
        print(f"no meeting uses the house '{house}'; no picture", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
