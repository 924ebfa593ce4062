"""The look of a briefing note (`reportgen compare`) that both writers read: one source for its
PDF and its Word file.

Each kind of line of a brief (`Look`) is a Word style of templates/compare/reference.docx
(tools/make_reference_docx.py makes the styles from these values) and a CSS selector of the PDF
(`css()`, applied after the stylesheets): its size, line height and the space above and below it.
They hold in every language, as the CSS does over a language's stylesheet (templates/labels/ar.css
sets Arabic text larger and its lines taller): the Word style gives the size for the complex
scripts too (w:szCs), which the DOCX writer then leaves as it is.
Lines that look different on page 1 (the `div.brief` block: title, meetings compared, key points,
contents) than in the parts after it have a style of their own there, "Front <style>", which the
DOCX writer uses inside that block (`FRONT`). Tables (`TableLook`): the Word style of their cells'
text and their cell padding. Pages: the margins of the brief's portrait and landscape pages.
"""

from __future__ import annotations

from dataclasses import dataclass

FRONT = "brief"  # the block (div class) of page 1 whose lines have "Front" styles
FRONT_PREFIX = "Front "


def cm(length: float) -> float:
    """Centimetres in points, to a twentieth of a point (Word's unit): both formats get the same value."""
    return round(length * 72 / 2.54 * 20) / 20


@dataclass(frozen=True)
class Look:
    """One kind of line: its Word style and where the PDF's CSS finds it; sizes in points, in
    twentieths of a point (Word's unit: a value Word rounds would move every later line)."""

    style: str
    selector: str
    size: float
    line: float  # line height (CSS line-height; Word exact line spacing)
    before: float = 0.0  # space above (margin-top)
    after: float = 0.0  # space below (margin-bottom)
    end: float | None = None  # a list's items: the space after the last (the list's margin-bottom)
    align: str | None = None  # start, center or end
    exact: bool = True  # Word: exactly this line height; False: at least (a line holding a picture)
    indent: float | None = None  # in from both sides (margin-left and -right; Word's left and right indents)

    def css(self) -> str:
        rules = [f"font-size: {self.size:g}pt", f"line-height: {self.line:g}pt",
                 f"margin-top: {self.before:g}pt", f"margin-bottom: {self.after:g}pt"]
        if self.indent is not None:
            rules += [f"margin-left: {self.indent:g}pt", f"margin-right: {self.indent:g}pt"]
        if self.align:
            rules.append(f"text-align: {self.align}")
        out = f"{self.selector} {{ {'; '.join(rules)}; }}"
        if self.end is not None:  # the list holding the lines: its margin, after its last item's
            holder = self.selector.rsplit(">", 1)[0].strip()
            out += f"\n{holder} {{ margin-bottom: {self.end:g}pt; }}"
        return out


@dataclass(frozen=True)
class TableLook:
    """A kind of table: the Word style of its cells' text and the cells' padding (top and bottom, left and right)."""

    style: str
    selector: str  # the table
    padding: tuple[float, float]

    def css(self) -> str:
        cells = ", ".join(f"{part} {cell}" for part in self.selector.split(", ") for cell in ("td", "th"))
        return f"{cells} {{ padding: {self.padding[0]:g}pt {self.padding[1]:g}pt; }}"


SECTIONS = "div.brief ~ section"  # every part after page 1

LOOKS: tuple[Look, ...] = (
    # page 1: the issuer ("Briefing note") in a single line's height (the house measure's 26 pt would
    # leave the contents' last line no room on page 1), exactly: Arabic's taller font (Amiri) would
    # open a Word line set "at least" to 35 pt; the date beside it; the title and subtitles 1 cm in
    # from both sides
    Look("Front Masthead Issuer", "div.brief .masthead .issuer", 20, 23),
    Look("Front Masthead", "div.brief .masthead dd", 11, 14.85),
    Look("Document Title", "div.brief .title", 11, 14.3, cm(1.2), cm(0.6), indent=cm(1)),
    Look("Document Subtitle", "div.brief .subtitle", 11, 14.3, 0, 4.4, indent=cm(1)),
    Look("Front Caption", "div.brief p.caption", 11, 14.3, cm(0.6), cm(0.2)),
    Look("Front Table Text", "div.brief table td, div.brief table th", 8.5, 11.05),
    Look("Front Heading 2", "div.brief h2", 11, 14.3, cm(0.6), 8.8),
    Look("Front List Paragraph", "div.brief ul > li", 10, 12.5, 0, 2, end=8.25),
    Look("Contents Heading", "div.brief nav.toc .toc-head", 11, 14.3, cm(0.5), 3.3, align="start"),
    Look("Contents Page", "div.brief nav.toc .toc-page", 11, 14.3, 0, 2.2),
    Look("TOC 1", "div.brief nav.toc p.toc-1", 10, 12.5),
    Look("TOC 2", "div.brief nav.toc p.toc-2", 10, 12.5),
    # page 1 and the parts after it
    Look("Note", f"div.brief p.note, {SECTIONS} p.note", 9, 10.1, 0, 2.7),
    # the parts after page 1
    Look("Heading 1", f"{SECTIONS} h1", 11, 14.3, 11, 13.2),
    Look("Heading 2", f"{SECTIONS} h2", 11, 14.3, 9.9, 3.3),
    Look("Caption", f"{SECTIONS} p.caption", 11, 14.3, 0, 2.2),
    Look("Centered", f"{SECTIONS} p.figure", 11, 14.3, 0, 2.2, exact=False),
    # the space above a meeting's group is its list's end: WeasyPrint keeps a margin at the top of
    # a column, Word does not, and a group heading often opens a column
    Look("Group Heading", f"{SECTIONS} p.group-head", 9.5, 12.35, 0, 0.95),
    Look("List Compact", f"{SECTIONS} ul.compact > li", 9, 9.9, 0, 0.7, end=3.3),
    Look("Points Text", f"{SECTIONS} table[data-points] td p, {SECTIONS} table[data-points] th", 8, 9.2, 0, 2),
    Look("Points Lead-in", f"{SECTIONS} table[data-points] p[data-lead-in]", 7.5, 8.65, 0, 2),
    Look("Counts Text", f"{SECTIONS} table.counts td, {SECTIONS} table.counts th", 8, 10.4),
    # the annex of full texts (--full): the only running paragraphs of a brief
    Look("Body Text", f"{SECTIONS} p.para", 9.5, 11.6, 0, 3.8),
)

TABLES: tuple[TableLook, ...] = (
    TableLook("Front Table Text", "div.brief table.grid", (1, 4)),
    TableLook("Points Text", f"{SECTIONS} table[data-points]", (3, 5)),
    TableLook("Counts Text", f"{SECTIONS} table.counts", (0.5, 5)),
)

# Margins (top, right, bottom, left) in centimetres: the brief's pages, and its landscape pages.
PAGE = (2.0, 2.0, 2.2, 2.0)
LANDSCAPE_PAGE = (1.6, 1.8, 1.8, 1.8)
COLUMN_GAP = 0.7  # centimetres between the two columns of the lists of gists
COMPACT_INDENT = 0.45  # centimetres: a compact list's dash hangs in this indent (ul.compact)


def front_styles() -> dict[str, str]:
    """Word style -> the style it becomes on page 1 (inside div.brief)."""
    return {look.style.removeprefix(FRONT_PREFIX): look.style for look in LOOKS if look.style.startswith(FRONT_PREFIX)}


def look(style: str) -> Look | None:
    return next((entry for entry in LOOKS if entry.style == style), None)


def table_look(classes: set[str], attributes: set[str], front: bool) -> TableLook | None:
    """The look of a brief's table, from its classes and attributes (and whether it is on page 1)."""
    if front:
        return TABLES[0] if "grid" in classes else None
    if "data-points" in attributes:
        return TABLES[1]
    if "counts" in classes:
        return TABLES[2]
    return None


def css() -> str:
    """The brief's looks as CSS: applied after every print.css (scoped to briefs by their selectors)."""
    pages = [f"@page brief {{ margin: {' '.join(f'{m:g}cm' for m in PAGE)}; }}",
             f"@page brief-wide {{ size: A4 landscape; margin: {' '.join(f'{m:g}cm' for m in LANDSCAPE_PAGE)}; }}",
             f"section.columns {{ column-gap: {COLUMN_GAP:g}cm; }}",
             f"ul.compact {{ padding-left: {COMPACT_INDENT:g}cm; }}"]
    return "\n".join(pages + [entry.css() for entry in LOOKS] + [table.css() for table in TABLES])
