"""Write each house style's reference.docx: the shared templates/reference.docx restyled with the
`word_styles` its house.yaml lists (style name -> size, bold, italic, caps, align, space_before,
space_after, keep_with_next, indent as [left, right] in cm, color as hex digits), applied after
those of the houses it extends, with the page margins of `page_margins_cm` (top, bottom, left, right).

Run after changing a house's word_styles or the shared reference document:
    python tools/make_house_references.py [TEMPLATES_DIR]
TEMPLATES_DIR defaults to the repository's templates/; give a project's templates/ folder to
build the reference documents of the project's own houses (from the packaged shared one when the
project has none of its own).
"""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

import docx
import yaml
from docx.shared import Cm

from reportgen.style.houses import house_chain, house_settings
from reportgen.style.search_path import default_templates_dir
from reportgen.writers.docx_styles import StyleSpec, ensure_styles, restyle_with

ALIGN = {"left": "L", "center": "C", "centre": "C", "right": "R", "justify": "J"}


def spec_for(name: str, values: dict) -> StyleSpec:
    from reportgen.writers import docx_styles

    known = {f.name for f in fields(StyleSpec)} - {"name", "base", "kind"}
    unknown = set(values) - known
    if unknown:
        raise SystemExit(f"word_styles.{name}: unknown setting {min(unknown)!r} (known: {', '.join(sorted(known))})")
    given = dict(values)
    if "align" in given:
        given["align"] = getattr(docx_styles, ALIGN[str(given["align"]).lower()])
        shared = next((spec for spec in docx_styles.SPECS if spec.name == name), None)
        # The shared style's side indents narrow a centred line (Heading 1, Document Title); a house
        # that moves the style off centre wants it at the margins, as its print.css sets them,
        # unless it gives an indent of its own. Without this the indents survive the restyle and a
        # "left" heading still sits 1.5 cm in from both margins, looking centred.
        if ("indent" not in given and shared is not None and shared.align == docx_styles.C
                and given["align"] != docx_styles.C and shared.indent and shared.indent[0] == shared.indent[1]):
            given["indent"] = (0.0, 0.0)
    if "indent" in given:
        given["indent"] = tuple(float(v) for v in given["indent"])
    return StyleSpec(name, **given)


def main(templates: Path) -> None:
    shared = templates / "reference.docx"
    if not shared.is_file():
        shared = default_templates_dir() / "reference.docx"
    base_dirs = [templates] + ([default_templates_dir()] if templates.resolve() != default_templates_dir().resolve() else [])
    for house_file in sorted(templates.glob("houses/*/house.yaml")):
        # A house that extends another starts from that house's Word styles and margins (`rcm`
        # extends `plain`): the least specific house first, the house's own last.
        chain = [house_settings(base_dirs, name) for name in reversed(house_chain(base_dirs, house_file.parent.name))]
        styles = [(name, values) for data in chain for name, values in (data.get("word_styles") or {}).items()]
        margins = {side: value for data in chain for side, value in (data.get("page_margins_cm") or {}).items()}
        if not styles and not margins:
            continue
        document = docx.Document(str(shared))
        ensure_styles(document)
        restyle_with(document, [spec_for(name, values) for name, values in styles])
        section = document.sections[0]
        for side, value in margins.items():  # the same page geometry as the house's print.css
            if side not in {"top", "bottom", "left", "right"}:
                raise SystemExit(f"{house_file}: page_margins_cm.{side}: expected top, bottom, left or right")
            setattr(section, f"{side}_margin", Cm(float(value)))
        target = house_file.parent / "reference.docx"
        document.save(str(target))
        print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "templates")
