"""Pictures of the first pages of a meeting's document in both formats, for review side by side.

    PYTHONPATH=src python tools/review_pages.py [MEETING] [--kind KIND] [--pages N] [--out DIR]

Builds MEETING (default hld2013) to PDF and DOCX, has LibreOffice lay out the DOCX, and writes
pdftoppm pictures of the first N pages (default 2) of each: DIR/<meeting>-<kind>-pdf-1.png,
…-docx-1.png, and side-by-side.png with the PDF's pages above the DOCX's. DIR defaults to
output/review/. Needs poppler-utils and LibreOffice (scripts/install.sh --test).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from reportgen.build.meeting import BuildOptions, build_meeting
from reportgen.core.project import Project

RESOLUTION = 60  # dots per inch: a page fits on a screen, text still readable


def pictures(pdf: Path, pages: int, prefix: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", "-f", "1", "-l", str(pages), str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def side_by_side(rows: list[list[Path]], target: Path) -> None:
    images = [[Image.open(p) for p in row] for row in rows]
    width = max(sum(i.width for i in row) for row in images)
    height = sum(max(i.height for i in row) for row in images)
    sheet = Image.new("RGB", (width, height), "white")
    y = 0
    for row in images:
        x = 0
        for image in row:
            sheet.paste(image, (x, y))
            x += image.width
        y += max(i.height for i in row)
    sheet.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meeting", nargs="?", default="hld2013")
    parser.add_argument("--kind", default="rapporteur-report")
    parser.add_argument("--pages", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    for tool in ("pdftoppm", "soffice"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (scripts/install.sh --test)")
    project = Project(Path(__file__).resolve().parents[1])
    out = args.out or project.output_dir / "review"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-review-") as scratch:
        work = Path(scratch)
        built = {p.suffix[1:]: p for p in build_meeting(project, args.meeting, BuildOptions(out_dir=work, kinds=(args.kind,)))}
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "pdf",
                        "--outdir", str(work / "docx"), str(built["docx"])], check=True, capture_output=True)
        stem = f"{args.meeting}-{args.kind}"
        for old in out.glob(f"{stem}-*.png"):
            old.unlink()
        rows = [pictures(built["pdf"], args.pages, out / f"{stem}-pdf"),
                pictures(work / "docx" / (built["docx"].stem + ".pdf"), args.pages, out / f"{stem}-docx")]
    side_by_side(rows, out / f"{stem}-side-by-side.png")
    for path in sorted(out.glob(f"{stem}-*.png")):
        print(path)


if __name__ == "__main__":
    main()
