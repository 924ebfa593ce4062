"""Make the pictures of docs/languages.md: page 1 of each language edition, PDF and Word.

The Spanish and French editions of gfmd2014-rt3 (content/) and the six editions of the example
escwa-egm2024 (examples/) are built; page 1 of each PDF is drawn with pdftoppm, and page 1 of the
Arabic and Chinese Word files after LibreOffice converts them (as Word would lay them out).
Run after changing a catalogue, a language stylesheet or a translation:
    python tools/make_language_pictures.py
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "docs" / "languages"
KIND = "rapporteur-report"
# (project folder, meeting, language, formats drawn)
EDITIONS = [
    (REPO, "gfmd2014-rt3", "es", ("pdf",)),
    (REPO, "gfmd2014-rt3", "fr", ("pdf",)),
    (REPO / "examples", "escwa-egm2024", "en", ("pdf",)),
    (REPO / "examples", "escwa-egm2024", "fr", ("pdf",)),
    (REPO / "examples", "escwa-egm2024", "ru", ("pdf",)),
    (REPO / "examples", "escwa-egm2024", "ar", ("pdf", "docx")),
    (REPO / "examples", "escwa-egm2024", "zh", ("pdf", "docx")),
]


def draw(pdf: Path, target: Path, dpi: int = 60) -> None:
    """Page 1 of `pdf` as `target` (PNG)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target.with_suffix(""))],
                   check=True)


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    for tool in ("pdftoppm", "soffice"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed (Debian packages poppler-utils, libreoffice-writer-nogui)", file=sys.stderr)
            return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for root, meeting_id, language, formats in EDITIONS:
            options = BuildOptions(formats=formats, kinds=(KIND,), out_dir=out, language=None if language == "en" else language)
            for path in build_meeting(Project(root), meeting_id, options):
                if path.suffix == ".pdf":
                    draw(path, TARGET / f"{meeting_id}-{language}.png")
                else:
                    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo", "--headless", "--convert-to", "pdf",
                                    "--outdir", str(out / "word"), str(path)], check=True, capture_output=True)
                    draw(out / "word" / path.with_suffix(".pdf").name, TARGET / f"{meeting_id}-{language}-word.png")
    for picture in sorted(TARGET.glob("*.png")):
        print(picture.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
