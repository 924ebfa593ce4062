"""The language of a DOCX beyond its words: right-to-left layout and the fonts of other scripts.

Word lays a paragraph out right to left when it carries <w:bidi/>, a table when it carries
<w:bidiVisual/>, a section (page numbers, columns, gutter) when its sectPr carries <w:bidi/>;
runs of Arabic text take their bold, italic and size from the complex-script properties (bCs,
iCs, szCs) and their font from rFonts/@w:cs, so those mirror the Latin ones. Chinese text takes
its font from rFonts/@w:eastAsia. The fonts are the ones the PDF uses: the first family of the
language stylesheet's `html { font-family: … }` (templates/labels/<lang>.css), one source for both.

Every element is inserted where the ECMA-376 schema orders it, so the document stays valid.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from .css_sizes import HTML, Typeset, css_rules, typesets
from .docx_common import style_chain

log = logging.getLogger(__name__)

# Child order of the elements we touch (ECMA-376 Part 1, 17.3.1.26 pPr, 17.3.2.28 rPr,
# 17.6.17 sectPr, 17.4.60 tblPr), only as far as needed to place ours.
_PPR = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
        "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
        "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
        "rPr", "sectPr", "pPrChange"]
_RPR = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss",
        "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
        "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
        "specVanish", "oMath"]
_SECTPR = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
           "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
           "docGrid", "printerSettings", "sectPrChange"]
_STYLE = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden", "unhideWhenUsed",
          "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"]
_TBLPR = ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
          "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"]

# The font slots of w:rFonts: Latin (ascii, hAnsi), East Asian and complex-script (cs) text.
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")

# Language tags Word expects in w:lang for each script slot.
_BIDI_TAGS = {"ar": "ar-SA", "he": "he-IL", "fa": "fa-IR", "ur": "ur-PK"}
_EAST_ASIAN_TAGS = {"zh": "zh-CN", "ja": "ja-JP", "ko": "ko-KR"}


def _child(parent: Any, name: str, order: list[str]) -> Any:
    """parent's w:name child, created in its schema place when missing."""
    found = parent.find(qn(f"w:{name}"))
    if found is not None:
        return found
    element = etree.SubElement(parent, qn(f"w:{name}"))
    parent.remove(element)
    later = set(order[order.index(name) + 1:])
    for index, sibling in enumerate(parent):
        if isinstance(sibling.tag, str) and etree.QName(sibling).localname in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def _properties(element: Any, name: str) -> Any:
    """The pPr/rPr/tblPr of an element, created as its first child when missing."""
    found = element.find(qn(f"w:{name}"))
    if found is None:
        found = etree.SubElement(element, qn(f"w:{name}"))
        element.remove(found)
        element.insert(0, found)
    return found


def _complex_script(rpr: Any, scale: float = 1.0) -> None:
    """Mirror bold, italic and size (scaled as the language's stylesheet scales it) into their
    complex-script twins. A complex-script size already given stays: a style that sets it (a
    brief's look, style/brief_looks.py) has the same size in every script, as its CSS has."""
    for latin, complex_ in (("b", "bCs"), ("i", "iCs")):
        source = rpr.find(qn(f"w:{latin}"))
        if source is not None:
            twin = _child(rpr, complex_, _RPR)
            if source.get(qn("w:val")) is not None:
                twin.set(qn("w:val"), source.get(qn("w:val")))
    size = rpr.find(qn("w:sz"))
    if size is not None and (size.get(qn("w:val")) or "").isdigit() and rpr.find(qn("w:szCs")) is None:
        _child(rpr, "szCs", _RPR).set(qn("w:val"), str(round(int(size.get(qn("w:val"))) * scale)))


def _html_rule(sheet: Path, prop: str) -> str | None:
    """The value of `prop` in the sheet's first `html { … }` rule."""
    first = next((declarations for selectors, declarations in css_rules(sheet.read_text(encoding="utf-8")) if selectors == "html"), {})
    return first.get(prop)


def language_font(stylesheets: list[Path], language: str) -> str | None:
    """The first font family of `html { font-family: … }` in the language's stylesheet."""
    for sheet in stylesheets:
        if sheet.name == f"{language}.css" and sheet.parent.name == "labels":
            family = _html_rule(sheet, "font-family")
            if family:
                return family.split(",")[0].strip().strip('"\'')
    return None


def _sets_flush(stylesheets: list[Path], language: str) -> bool:
    """Whether the language's stylesheet sets paragraphs flush to the start instead of justified."""
    for sheet in stylesheets:
        if sheet.name == f"{language}.css" and sheet.parent.name == "labels":
            return any(re.search(r"(?:^|[\s,])p\b", selectors) and declarations.get("text-align", "").startswith("start")
                       for selectors, declarations in css_rules(sheet.read_text(encoding="utf-8")))
    return False


def language_scale(stylesheets: list[Path], language: str) -> float:
    """How much larger the language's stylesheet sets the text than print.css (Arabic: 13 pt
    against 11 pt), for the complex-script sizes of Word: one source for both formats."""
    sizes = {}
    for sheet in stylesheets:
        size = _html_rule(sheet, "font-size")
        match = re.fullmatch(r"([\d.]+)pt", size or "")
        if match and (sheet.name == "print.css" or (sheet.name == f"{language}.css" and sheet.parent.name == "labels")):
            sizes[sheet.name] = float(match.group(1))
    base, own = sizes.get("print.css"), sizes.get(f"{language}.css")
    return own / base if base and own else 1.0


def _size_styles(document: Any, sizes: dict[str, Typeset], kept: set[str] = frozenset()) -> None:
    """Each style's complex-script size and line height as the stylesheets set its text
    (writers/css_sizes.py): the size a rule gives its element, else the root's for text in the
    house's body size (it inherits it in the PDF), else the house's own; lines exactly as high as
    the PDF's, since Arabic fonts stand taller than the stylesheet's line height (Amiri: 1.76 em
    against 1.5), so that Word's single spacing would open the lines; the space above and below
    a paragraph in proportion (print.css gives it in ems of the text). Styles in `kept` (those
    that give their complex-script size themselves: a brief's looks, style/brief_looks.py, whose
    CSS holds over the language's) stay as they are."""
    root = sizes.get(HTML, Typeset())
    normal = _size(document.styles["Normal"]) if "Normal" in [s.name for s in document.styles] else None
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        if style.style_id in kept:
            continue
        own, typeset = _size(style), sizes.get(style.name, Typeset())
        size = typeset.size or (root.size if own == normal and root.size else own)
        if size is None:
            continue
        rpr = _child(style.element, "rPr", _STYLE)
        _child(rpr, "szCs", _RPR).set(qn("w:val"), str(round(size * 2)))
        line = Typeset(line=typeset.line, line_points=typeset.line_points).line_height(size) if typeset.line else root.line_height(size)
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        spacing = _child(_child(style.element, "pPr", _STYLE), "spacing", _PPR)
        if line:
            spacing.set(qn("w:line"), str(round(line * 20)))
            spacing.set(qn("w:lineRule"), "exact")
        for side in ("before", "after"):  # in ems of the text in print.css (p: 0.75em, h1: 1.6em 0.8em): they grow with it
            if own and size != own and (spacing.get(qn(f"w:{side}")) or "").isdigit():
                spacing.set(qn(f"w:{side}"), str(round(int(spacing.get(qn(f"w:{side}"))) * size / own)))


def _size(style: Any) -> float | None:
    """A style's Latin size in points, from it or the styles it is based on."""
    return next((s.font.size.pt for s in style_chain(style) if s.font.size is not None), None)


def _parts(document: Any) -> list[Any]:
    """The XML roots of the body, the headers and the footers."""
    roots = [document.element]
    for rel in document.part.rels.values():
        if not rel.is_external and ("header" in rel.reltype or "footer" in rel.reltype):
            roots.append(rel.target_part.element)
    return roots


# Letters of the right-to-left scripts (Hebrew, Arabic and their presentation forms): a run that
# holds any is marked <w:rtl/>; a run of Latin letters or digits only (a symbol) is not, so Word
# keeps its characters in their order and its font.
_RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _number_cell(paragraph: Any) -> bool:
    """A table cell's paragraph holding only a number ("−0.8"): left to right, as the PDF sets it
    (editorial.isolate_numbers), so that its sign stays before its digits."""
    if paragraph.getparent() is None or etree.QName(paragraph.getparent()).localname != "tc":
        return False
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)


def apply_language(document: Any, language: str, direction: str, stylesheets: list[Path], footnotes_root: Any = None) -> None:
    """Set the document's language, script fonts and (right to left) bidi everywhere."""
    base = language.split("-")[0]
    font = language_font(stylesheets, base)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = _properties(_child(defaults, "rPrDefault", ["rPrDefault", "pPrDefault"]), "rPr")
        lang = _child(rpr, "lang", _RPR)
        if base in _BIDI_TAGS:
            lang.set(qn("w:bidi"), _BIDI_TAGS[base])
        elif base in _EAST_ASIAN_TAGS:
            lang.set(qn("w:eastAsia"), _EAST_ASIAN_TAGS[base])
        else:
            lang.set(qn("w:val"), language)
        if font:  # the PDF sets every script in it (its Latin letters and digits too): so does Word, in every slot
            for fonts in [_child(rpr, "rFonts", _RPR), *styles.iter(qn("w:rFonts"))]:
                for slot in _FONT_SLOTS:
                    fonts.set(qn(f"w:{slot}"), font)
    if _sets_flush(stylesheets, base):  # Chinese: text flush to the start, as labels/zh.css sets it
        for root in [styles, *_parts(document)]:
            for jc in root.iter(qn("w:jc")):
                if jc.get(qn("w:val")) in ("both", "distribute"):
                    jc.set(qn("w:val"), "left")
    if base == "ar":  # lettered lists in the Arabic (abjad) order, as labels/ar.css prints them
        for number_format in document.part.numbering_part.element.iter(qn("w:numFmt")):
            if number_format.get(qn("w:val")) == "lowerLetter":
                number_format.set(qn("w:val"), "arabicAbjad")
    if direction != "rtl":
        return
    scale = language_scale(stylesheets, base)
    kept = {style.get(qn("w:styleId")) for style in styles.iter(qn("w:style")) if style.find(f"{qn('w:rPr')}/{qn('w:szCs')}") is not None}
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "table"):
            ppr = style.find(qn("w:pPr"))
            if ppr is None and style.get(qn("w:type")) == "paragraph":
                ppr = _child(style, "pPr", _STYLE)
            if ppr is not None:
                _child(ppr, "bidi", _PPR)
        for rpr in style.iter(qn("w:rPr")):
            _complex_script(rpr, scale)
            for spacing in rpr.findall(qn("w:spacing")):  # joined letters are not spaced out (print-rtl.css: the issuer's letter-spacing 0)
                rpr.remove(spacing)
    _size_styles(document, typesets(stylesheets), kept)
    # A list's number stands at the start of its line, the right: lvlJc is relative to the page,
    # not to the paragraph's direction (ECMA-376 Part 1, 17.9.8), so "left" would run a number
    # from the right margin into it ("1." 3 mm out in LibreOffice).
    for justification in document.part.numbering_part.element.iter(qn("w:lvlJc")):
        if justification.get(qn("w:val")) == "left":
            justification.set(qn("w:val"), "right")
    roots = _parts(document) + ([footnotes_root] if footnotes_root is not None else [])
    for root in roots:
        for paragraph in root.iter(qn("w:p")):
            if not _number_cell(paragraph):
                _child(_properties(paragraph, "pPr"), "bidi", _PPR)
        for run in root.iter(qn("w:r")):
            rpr = _properties(run, "rPr")
            _complex_script(rpr, scale)
            if _RTL_LETTERS.search("".join(t.text or "" for t in run.iter(qn("w:t")))):
                _child(rpr, "rtl", _RPR)
        for table in root.iter(qn("w:tbl")):
            _child(_properties(table, "tblPr"), "bidiVisual", _TBLPR)
        for section in root.iter(qn("w:sectPr")):
            _child(section, "bidi", _SECTPR)
    log.info("document laid out right to left (%s)", language)
