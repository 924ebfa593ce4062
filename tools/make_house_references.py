"""Write each house style's reference.docx in a templates folder from its house.yaml (the package's
reportgen.writers.house_reference; for one house of a project: `reportgen house NAME --reference`).

Run after changing a house's word_styles or the shared reference document:
    python tools/make_house_references.py [TEMPLATES_DIR]
TEMPLATES_DIR defaults to the repository's templates/; give a project's templates/ folder to
build the reference documents of the project's own houses (from the packaged shared one when the
project has none of its own).
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportgen.style.search_path import default_templates_dir
from reportgen.writers.house_reference import write_house_reference


def main(templates: Path) -> None:
    base_dirs = [templates] + ([default_templates_dir()] if templates.resolve() != default_templates_dir().resolve() else [])
    for house_file in sorted(templates.glob("houses/*/house.yaml")):
        target = write_house_reference(templates, base_dirs, house_file.parent.name)
        if target is not None:
            print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "templates")
