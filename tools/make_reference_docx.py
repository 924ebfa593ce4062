"""Regenerate templates/reference.docx: a clean Word document holding only reportgen's styles, and
templates/compare/reference.docx, the same with the narrower margins of briefing notes (as
print.css gives their pages).

Run after changing writers/docx_styles.py:  PYTHONPATH=src python tools/make_reference_docx.py
(Secretariats restyle the result in Word; the writer never overwrites an existing style.)

Starts from python-docx's blank document and keeps only what the writer uses: the styles of
docx_styles.SPECS (restyled from scratch, so no built-in look such as the blue 9-pt Caption is
left over), Word's defaults every document needs, Times New Roman named as the base font instead
of theme fonts, A4 pages with the margins of print.css. Parts a secretariat's document has no
use for (a thumbnail of an empty page, Word 2010's stylesWithEffects, customXml) are dropped.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reportgen.writers.docx_styles import FONT, SPECS, ensure_styles, set_defaults

# Word's own defaults (every document has them) and the table style the writer's grids use.
DEFAULTS = {"Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
# Paragraph properties a built-in style keeps when it is restyled: its place in the outline.
KEEP_PPR = {qn("w:outlineLvl")}
DROPPED_PARTS = ("stylesWithEffects", "customXml", "thumbnail")


# (folder under templates/, left and right, top, bottom margin in cm, styles changed: size, space before, after)
DOCUMENTS = (
    ("", 2.4, 2.5, 2.6, {}),
    # Briefing notes: page 1 holds the title, meetings, key points and contents, as print.css sets them.
    ("compare", 2.0, 2.0, 2.2, {"Document Title": (None, 12, 10), "Document Subtitle": (None, 0, 4),
                                "List Paragraph": (10, None, 3), "Caption": (None, 10, 4),
                                "TOC 1": (10, 0, 0), "TOC 2": (10, 0, 0), "Contents Heading": (None, 10, 4),
                                "Heading 1": (None, 10, 6), "Heading 2": (None, 8, 3)}),
)


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
    for folder, sides, top, bottom, changes in DOCUMENTS:
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
        section.left_margin = section.right_margin = Cm(sides)
        section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
        clean_styles(document)
        drop_parts(document)
        zoom = document.settings.element.find(qn("w:zoom"))
        if zoom is not None:
            zoom.set(qn("w:percent"), "100")  # required by the ECMA-376 schema; python-docx's blank omits it
        ensure_styles(document, restyle=True)
        if not folder:  # the brief's reference keeps Word's defaults: its looks are style/brief_looks.py's (issue 17, s17c)
            set_defaults(document)
        if folder:  # briefing notes set their own, tighter lines (print.css div.brief): Word's single spacing
            for spec in SPECS:
                if spec.line is not None:
                    document.styles[spec.name].paragraph_format.line_spacing = None
        for name, (size, before, after) in changes.items():
            style = document.styles[name]
            if size is not None:
                style.font.size = Pt(size)
            if before is not None:
                style.paragraph_format.space_before = Pt(before)
            if after is not None:
                style.paragraph_format.space_after = Pt(after)
        props = document.core_properties
        props.author = props.last_modified_by = ""
        props.comments = "Word styles of reportgen documents: restyle them here (docs/templates.md)."
        props.title = "reportgen reference document"
        target = Path(__file__).resolve().parents[1] / "templates" / folder / "reference.docx"
        document.save(str(target))
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
