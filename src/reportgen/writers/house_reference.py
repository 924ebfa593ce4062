"""A house style's Word styles: its reference.docx, made from house.yaml.

The shared reference document restyled with the `word_styles` of the house's chain (style name ->
size, bold, italic, caps, align, space_before, space_after, keep_with_next, keep_together, indent as [left,
right] in cm, color as hex digits; the houses it extends first, its own last), with the page
margins (house.yaml page_margins) and contents indents the house's measures give (style/measures.py). `reportgen house NAME --reference` writes
it into the project's templates/houses/NAME/; tools/make_house_references.py does so for every
house of a templates folder.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path
from typing import Any

import docx

from ..core.atomic import atomic_target
from ..core.errors import TemplateProblem, did_you_mean
from ..style.houses import HOUSE_FILE, HOUSES_DIR, house_chain, house_settings, load_house
from ..style.measures import Measures
from . import docx_styles
from .docx_common import set_page_margins
from .docx_styles import StyleSpec, ensure_styles, restyle_with, toc_specs

log = logging.getLogger(__name__)

ALIGN = {"left": "L", "center": "C", "centre": "C", "right": "R", "justify": "J"}


def spec_for(name: str, values: dict[str, Any], where: str = "word_styles") -> StyleSpec:
    """One Word style's settings from house.yaml, checked."""
    known = {f.name for f in fields(StyleSpec)} - {"name", "base", "kind"}
    if not isinstance(values, dict):
        raise TemplateProblem(f"{where}.{name}: expected settings such as {{size: 11, bold: true}}")
    unknown = set(values) - known
    if unknown:
        word = min(unknown)
        raise TemplateProblem(f"{where}.{name}: unknown setting {word!r}{did_you_mean(word, known)} (known: {', '.join(sorted(known))})")
    given = dict(values)
    if "align" in given:
        if str(given["align"]).lower() not in ALIGN:
            raise TemplateProblem(f"{where}.{name}.align: expected one of {', '.join(ALIGN)}")
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


def house_reference(base_dirs: list[Path], house: str, shared: Path) -> Any | None:
    """The house's reference document (python-docx), or None when its chain changes no Word style
    and none of the measures Word's styles and pages carry (the shared reference document serves it)."""
    chain = [house_settings(base_dirs, name) for name in reversed(house_chain(base_dirs, house))]
    styles = [(name, values) for data in chain for name, values in (data.get("word_styles") or {}).items()]
    measures, shared_measures = load_house(base_dirs, house).measures, Measures()
    pages = measures.page_margins != shared_measures.page_margins
    contents = toc_specs(measures) != toc_specs(shared_measures)
    if not styles and not pages and not contents:
        return None
    where = f"{HOUSES_DIR}/{house}/{HOUSE_FILE}: word_styles"
    document = docx.Document(str(shared))
    ensure_styles(document)
    # the contents entries' indents (house.yaml contents_inset, contents_indent), then the house's own styles
    restyle_with(document, [*(toc_specs(measures) if contents else ()), *(spec_for(name, values, where) for name, values in styles)])
    # the house's page margins (house.yaml page_margins), as the PDF's @page; the writer sets them again on every document
    set_page_margins(document, measures.page_margins, allowance=0)
    return document


def write_house_reference(templates: Path, base_dirs: list[Path], house: str) -> Path | None:
    """Write templates/houses/<house>/reference.docx (atomically) from the house's chain, starting
    from the first shared reference.docx on `base_dirs`; None when the house needs none."""
    shared = next(d / "reference.docx" for d in [*base_dirs] if (d / "reference.docx").is_file())
    document = house_reference(base_dirs, house, shared)
    if document is None:
        return None
    target = templates / HOUSES_DIR / house / "reference.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_target(target) as tmp:
        document.save(str(tmp))
    log.info("wrote %s", target)
    return target
