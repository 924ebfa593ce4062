"""Regenerate templates/reference.docx: a clean Word document holding only reportgen's styles, and
templates/compare/reference.docx, the same with the pages and the looks of briefing notes
(style/brief_looks.py, which also gives them to the PDF).

Run after changing writers/docx_styles.py or style/brief_looks.py:  PYTHONPATH=src python tools/make_reference_docx.py
(Secretariats restyle the result in Word; the writer never overwrites an existing style.)

Starts from python-docx's blank document and keeps only what the writer uses: the styles of
docx_styles.SPECS (restyled from scratch, so no built-in look such as the blue 9-pt Caption is
left over), Word's defaults every document needs, Times New Roman named as the base font instead
of theme fonts, A4 pages with the margins of the shared measures (style/measures.py page_margins, the PDF's @page). Parts a secretariat's document has no
use for (a thumbnail of an empty page, Word 2010's stylesWithEffects, customXml) are dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt

from reportgen.style import brief_looks
from reportgen.style.measures import Measures, brief_measures
from reportgen.writers.docx_common import set_page_margins
from reportgen.writers.docx_styles import FONT, SPECS, ensure_styles, set_defaults

# Word's own defaults (every document has them) and the table style the writer's grids use.
DEFAULTS = {"Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
# Paragraph properties a built-in style keeps when it is restyled: its place in the outline.
KEEP_PPR = {qn("w:outlineLvl")}
DROPPED_PARTS = ("stylesWithEffects", "customXml", "thumbnail")


# (folder under templates/, the measures whose page margins it has: the PDF's @page, house.yaml page_margins)
DOCUMENTS = (
    ("", Measures()),
    # Briefing notes: their pages and the look of their lines come from style/brief_looks.py, as the PDF's do.
    ("compare", brief_measures()),
)
ALIGN = {"start": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "end": WD_ALIGN_PARAGRAPH.RIGHT}


def apply_looks(document: docx.document.Document) -> None:
    """The brief's looks (style/brief_looks.py): a style per kind of line, "Front" styles based on
    the style they stand for on page 1, the tables' text styles on Table Text."""
    for look in brief_looks.LOOKS:
        if look.style not in [s.name for s in document.styles]:
            style = document.styles.add_style(look.style, WD_STYLE_TYPE.PARAGRAPH)
            base = look.style.removeprefix(brief_looks.FRONT_PREFIX)
            style.base_style = document.styles[base if base != look.style else "Table Text"]
        fmt = document.styles[look.style].paragraph_format
        document.styles[look.style].font.size = Pt(look.size)
        set_complex_script_size(document.styles[look.style], look.size)
        fmt.line_spacing, fmt.line_spacing_rule = Pt(look.line), WD_LINE_SPACING.EXACTLY if look.exact else WD_LINE_SPACING.AT_LEAST
        fmt.space_before, fmt.space_after = Pt(look.before), Pt(look.after)
        if look.align:
            fmt.alignment = ALIGN[look.align]
        if look.indent is not None:
            fmt.left_indent = fmt.right_indent = Pt(look.indent)


def set_complex_script_size(style: Any, size: float) -> None:
    """The size of the style's complex-script text (w:szCs, after w:sz): a look's size holds for
    every script, as its CSS does in the PDF."""
    rpr = style.element.get_or_add_rPr()
    found = rpr.find(qn("w:szCs"))
    if found is None:
        found = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(found)
    found.set(qn("w:val"), str(round(size * 2)))


def clean_styles(document: docx.document.Document) -> None:
    wanted = {spec.name for spec in SPECS} | DEFAULTS
    root = document.styles.element
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)
    for style in list(document.styles):
        if style.name not in wanted:
            root.remove(style.element)
            continue
        el = style.element
        for link in el.findall(qn("w:link")):
            el.remove(link)  # the "... Char" companions are gone
        if style.name in DEFAULTS:
            continue
        rpr = el.find(qn("w:rPr"))
        if rpr is not None:
            el.remove(rpr)
        ppr = el.find(qn("w:pPr"))
        if ppr is not None:
            for child in list(ppr):
                if child.tag not in KEEP_PPR:
                    ppr.remove(child)
    # The base font, named: Word and LibreOffice otherwise take the theme's (Calibri, Cambria).
    defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def drop_parts(document: docx.document.Document) -> None:
    for owner in (document.part.package, document.part):
        for rel_id, rel in list(owner.rels.items()):
            if any(rel.reltype.endswith("/" + name) for name in DROPPED_PARTS):
                owner.rels.pop(rel_id)


def main() -> None:
    for folder, measures in DOCUMENTS:
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
        set_page_margins(document, measures.page_margins, allowance=0)
        clean_styles(document)
        drop_parts(document)
        zoom = document.settings.element.find(qn("w:zoom"))
        if zoom is not None:
            zoom.set(qn("w:percent"), "100")  # required by the ECMA-376 schema; python-docx's blank omits it
        ensure_styles(document, restyle=True)
        if folder:  # the brief's reference: its looks and defaults are style/brief_looks.py's
            apply_looks(document)
        else:  # no space around a paragraph unless its style sets one, Normal's line height
            set_defaults(document)
        props = document.core_properties
        props.author = props.last_modified_by = ""
        props.comments = "Word styles of reportgen documents: restyle them here (docs/templates.md)."
        props.title = "reportgen reference document"
        target = Path(__file__).resolve().parents[1] / "templates" / folder / "reference.docx"
        document.save(str(target))
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
