"""Page furniture of the DOCX writer: masthead, contents, landscape sections, headers and footers."""

from __future__ import annotations

import io
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from . import ooxml, ooxml_drawing
from ..style import brief_looks
from ..style.measures import points
from .docx_common import (PARAGRAPH_STYLES, Container, Fmt, bookmark_name, classes, hairline, image_bytes, set_sides,
                          style_chain)


class Furniture:
    """Mixin of DocxBuilder: the parts of the page that are not running text."""

    running_side = "right"  # where the symbol runs in the header: 'right' or 'outer' (even/odd pages)
    first_footer = ""  # the job number at the foot of page 1

    def masthead(self, el: Any) -> None:
        """The masthead as a borderless table: the ECLAC pair (issuer | Distr. block), or the
        rows and cells a house style lays out (div.mh-row > div.mh-cell), rules included."""
        self.running_side = el.get("data-running-head") or "right"
        if self.pending_break:  # a page before the masthead (a cover note): the table opens the next page
            self.pending_break = False
            opener = self.doc.add_paragraph(style="Masthead")
            opener.paragraph_format.page_break_before = True
            opener.paragraph_format.space_before = opener.paragraph_format.space_after = 0
            opener.add_run().font.size = Pt(1)
        for p in el:  # the foot of page 1 (job number, footer lines), one line per <br>
            if p.tag == "p" and "job-number" in classes(p):
                self.first_footer = "\n".join(line.strip() for line in _lines(p))
        rows = [r for r in el if r.tag == "div" and "mh-row" in classes(r)]
        if rows:
            self.masthead_grid(el, rows)
            return
        self.table_at_top()
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _no_cell_margins(table)  # the issuer at the margin, the block flush right, as print.css floats them
        left, right = table.rows[0].cells
        width = self.text_width()
        block = int(Pt(points(self.measures.distribution_block)))  # house.yaml distribution_block, as the PDF
        left.width, right.width = Emu(width - block), Emu(block)
        for grid_col, emu in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), (width - block, block)):
            grid_col.set(qn("w:w"), str(int(emu / 635)))
        issuer = next((p for p in el if p.tag == "p" and "issuer" in classes(p)), None)
        target = Container(left, reuse_first=True)
        p = target.paragraph(self.front.get("Masthead Issuer", "Masthead Issuer"))  # a brief's page 1: its own look
        if issuer is not None:
            self.masthead_line(p, issuer)
            self.inline(p, issuer, Fmt())
            # Its lines end house.yaml issuer_gap before the block, as the PDF's max-width has it, or
            # further in where lines.masthead.issuer gives a larger end margin (the end side: a
            # right-to-left paragraph's indents are logical).
            end = points(self.measures.lines.get("masthead", {}).get("issuer", {}).get("right", "0pt"))
            gap = max(points(self.measures.issuer_gap), end - points(self.measures.distribution_block))
            p.paragraph_format.right_indent = Pt(gap)
        target = Container(right, reuse_first=True)
        for item in el.iter("dt", "dd"):
            p = target.paragraph(self.front.get("Masthead", "Masthead"))
            self.masthead_line(p, item)
            self.inline(p, item, Fmt())
            if item.get("data-running-head") is not None or "symbol" in classes(item):
                # a redline gives the later version's symbol apart from its marked-up text
                self.symbol = item.get("data-symbol") or item.text_content().strip()
        self.masthead_rule()

    def masthead_line(self, p: Paragraph, el: Any) -> None:
        """house.yaml `lines.masthead`: this masthead line's measures, as the PDF's `.masthead .CLASS`
        has them. A brief's page-1 line keeps its own look (its "Front" style: style/brief_looks.py),
        as its more specific selector wins in the PDF."""
        given = self.measures.lines.get("masthead", {})
        if not given or p.style.name.startswith(brief_looks.FRONT_PREFIX):
            return
        for line in sorted(classes(el) & set(given))[:1]:
            set_sides(p, given[line])

    def masthead_rule(self) -> None:
        """The rule under the whole masthead, `space` below its text (house.yaml masthead_rule, which
        the PDF draws as the masthead's bottom border and padding): a paragraph of no height of its
        own, not a line of text, carries it. None where the house gives it no width."""
        rule = self.measures.masthead_rule
        if not points(rule.width):
            return
        p = self.doc.add_paragraph(style="Masthead")
        # first: python-docx puts the spacing after it, in schema order
        # no space of its own between the line and the rule: the PDF's padding is all of it
        _border(p._p.get_or_add_pPr(), "w:pBdr", str(round(points(rule.width) * 8)), rule.color, space="0")
        # the paragraph's 1 pt line stands between the space and the rule
        p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(max(0.0, points(rule.space) - 1)), Pt(0)
        p.paragraph_format.line_spacing, p.paragraph_format.line_spacing_rule = Pt(1), WD_LINE_SPACING.EXACTLY

    def table_at_top(self) -> None:
        """A hairline paragraph before a table that would open the document: LibreOffice sets such
        a table about a line lower than the top margin (Word does not); with it, both start at the
        margin, where the PDF's masthead starts."""
        if len(self.doc.element.body) > 1:  # something before (the body holds its sectPr)
            return
        hairline(self.doc.add_paragraph())

    def masthead_grid(self, el: Any, rows: list[Any]) -> None:
        cells = [[c for c in row if c.tag == "div" and "mh-cell" in classes(c)] for row in rows]
        cols = max(len(c) for c in cells)
        self.table_at_top()
        table = self.doc.add_table(rows=len(rows), cols=cols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        weights = [float(c.get("data-width") or 1) for c in cells[0]] + [1.0] * (cols - len(cells[0]))
        width = self.text_width()
        table.autofit = False
        _no_cell_margins(table)
        # LibreOffice lays a table out by its grid columns, Word by the cells: set both.
        for grid_col, weight in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), weights):
            grid_col.set(qn("w:w"), str(int(width * weight / sum(weights) / 635)))
        for r, (row_el, row_cells) in enumerate(zip(rows, cells)):
            row = table.rows[r]
            for c, cell in enumerate(row.cells):
                cell.width = Emu(int(width * weights[c] / sum(weights)))
                rule = self.measures.rules.get(row_el.get("data-rule") or "")
                if rule is not None:  # house.yaml rules: its width and colour, and the space above it (a cell margin)
                    _border(cell._tc.get_or_add_tcPr(), "w:tcBorders", str(round(points(rule.width) * 8)), rule.color)
                    _cell_bottom_margin(cell, round(points(rule.space) * 20))
                if c < len(row_cells):
                    top = row_cells[c].get("data-valign") == "top"
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP if top else WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
                    self.masthead_cell(row_cells[c], Container(cell, reuse_first=True))
            if 0 < len(row_cells) < cols:  # a row of fewer cells: its last spans the rest, as in the PDF
                row.cells[len(row_cells) - 1].merge(row.cells[cols - 1])
        self.masthead_rule()  # a house that rules its rows gives the whole masthead none (width 0pt)

    def masthead_cell(self, cell_el: Any, target: Container) -> None:
        if not any(child.tag == "p" for child in cell_el):  # an empty cell (no symbol yet): no height, as in the PDF
            hairline(target.paragraph("Masthead"))
        for child in cell_el:
            if child.tag != "p":
                continue
            style = next((PARAGRAPH_STYLES[c] for c in classes(child) if c in PARAGRAPH_STYLES), "Masthead")
            p = target.paragraph(style)
            self.masthead_line(p, child)
            for image in child.iter("img"):  # a logo or emblem (a data: URI), before the line's text
                run = p.add_run()
                data = image_bytes(image.get("data-raster") or image.get("src") or "")
                shape = run.add_picture(io.BytesIO(data), height=Emu(round(points(self.measures.logo_height) * 12700)))  # house.yaml logo_height
                shape._inline.docPr.set("descr", image.get("alt") or "")
                run.add_text(" ")
                image.drop_tree()  # placed: the line's text follows
            self.inline(p, child, Fmt())
            self.finish_paragraph(p)
            if child.get("data-running-head") is not None:
                self.symbol = child.get("data-symbol") or child.text_content().strip()

    def contents(self, el: Any, container: Container) -> None:
        entries = [p for p in el if p.tag == "p" and classes(p) & {"toc-1", "toc-2"}]
        # house.yaml contents_inset: the numbers stand this far inside the end margin, as the PDF's entries end there
        inset, indent = Emu(round(points(self.measures.contents_inset) * 12700)), Emu(round(points(self.measures.contents_indent) * 12700))
        tab_pos = self.text_width() - int(inset)
        # UN documents give each entry its paragraphs beside the page (data-paras on the link).
        # Word's own TOC field would drop that column, and group labels, when updated: then the
        # entries stand alone (each page number is still a PAGEREF field).
        numbered = any(a.get("data-paras") for a in el.iter("a"))
        field = not numbered and all(entry.find("a") is not None for entry in entries)
        paras_pos = tab_pos - int(Cm(1.6))
        for head in (p for p in el if p.tag == "p" and classes(p) & {"toc-head", "toc-page"}):
            if numbered and "toc-page" in classes(head):
                p = self.paragraph(container, "Contents Page")
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                p.paragraph_format.tab_stops.add_tab_stop(Emu(paras_pos), WD_TAB_ALIGNMENT.RIGHT)
                p.paragraph_format.tab_stops.add_tab_stop(Emu(tab_pos), WD_TAB_ALIGNMENT.RIGHT)
                words = [t.strip() for t in head.itertext() if t.strip()]
                p.add_run("\t" + "\t".join(words))
            else:
                self.block(head, container)
        for index, entry in enumerate(entries):
            level = "TOC 2" if "toc-2" in classes(entry) else "TOC 1"
            p = self.paragraph(container, level)
            # the style's indents too (the reference's TOC styles are made from the same measures), should it be another's
            p.paragraph_format.left_indent, p.paragraph_format.right_indent = (indent if level == "TOC 2" else Emu(0)), inset
            link = entry.find("a")
            if link is None:  # a group label: its words, no leader and no page number, as in the PDF
                self.inline(p, entry, Fmt())
                continue
            if numbered:
                p.paragraph_format.tab_stops.add_tab_stop(Emu(paras_pos), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
                p.paragraph_format.tab_stops.add_tab_stop(Emu(tab_pos), WD_TAB_ALIGNMENT.RIGHT)
            else:
                p.paragraph_format.tab_stops.add_tab_stop(Emu(tab_pos), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if index == 0 and field:
                ooxml.begin_field(p, 'TOC \\o "1-2" \\h \\z \\u')
            anchor = bookmark_name((link.get("href") or "#")[1:])
            hyperlink = ooxml.add_hyperlink(p, anchor=anchor)
            self.inline(p, link, Fmt(), hyperlink)
            for run in hyperlink.iter(qn("w:r")):  # a contents entry reads as text, not as a link
                Run(run, p).font.underline = None
            if numbered:
                p.add_run("\t" + (link.get("data-paras") or ""))
            p.add_run("\t")
            page = self.pages.get((link.get("href") or "#")[1:])
            ooxml.add_field(p, f"PAGEREF {anchor} \\h", str(page) if page else "")
            if index == len(entries) - 1 and field:
                ooxml.end_field(p)
        if el.getparent().tag == "body":  # a contents page; inside a div (a brief's page 1) the text runs on
            self.pending_break = True

    def landscape(self, el: Any, container: Container) -> None:
        if self.in_landscape:  # landscape pages already: print.css runs on without a break too
            self.blocks(el, container)
            return
        portrait = self.doc.sections[-1]
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = portrait.page_height, portrait.page_width
        section.different_first_page_header_footer = False
        if self.in_brief:  # a brief's landscape pages have margins of their own (style/brief_looks.py), as in the PDF
            _margins(section, brief_looks.LANDSCAPE_PAGE)
        self.pending_break = False  # the section break already starts a new page
        self.blocks(el, container)
        # As in print.css (the next element's page is `auto`): what follows stays on landscape
        # pages until the next forced page break, which end_landscape() turns into the section
        # break back to portrait. A note under the table keeps its page; nothing adds a page.
        self.in_landscape = True
        if self.in_brief and any(isinstance(s.tag, str) for s in el.itersiblings()):
            self.end_landscape()  # a brief's next part has a page of its own (print.css: page brief), portrait

    def end_landscape(self) -> None:
        """Close a landscape section: the pages that follow are portrait again."""
        landscape = self.doc.sections[-1]
        back = self.doc.add_section(WD_SECTION.NEW_PAGE)
        back.orientation = WD_ORIENT.PORTRAIT
        back.page_width, back.page_height = landscape.page_height, landscape.page_width
        back.different_first_page_header_footer = False
        first = self.doc.sections[0]
        back.top_margin, back.right_margin, back.bottom_margin, back.left_margin = (
            first.top_margin, first.right_margin, first.bottom_margin, first.left_margin)
        self.in_landscape = False

    def columns(self, el: Any, container: Container) -> None:
        """section.columns: a continuous section in two columns, then back to one."""
        section = self.doc.add_section(WD_SECTION.CONTINUOUS)
        section.different_first_page_header_footer = False
        _set_columns(section, 2)
        start = len(self.doc.element.body) - 1
        self.blocks(el, container)
        first = next((e for e in self.doc.element.body[start:] if e.tag == qn("w:p")), None)
        if first is not None and next((c.tag for c in el if isinstance(c.tag, str)), "") in {"h1", "h2", "h3"}:
            Paragraph(first, self.doc).paragraph_format.space_before = Pt(0)  # print.css: its heading starts the columns
        self.in_columns = True  # closed by what comes next (end_columns); at the end of the document, never

    def end_columns(self) -> None:
        """Close the two-column section before the next line. The PDF fills the first column first
        and balances none (print.css: column-fill auto). Word balances the columns of a section only
        when the next one starts on the same page: so the next section starts a new page when a break
        is pending (the annex of full texts), and only otherwise runs on below the columns."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE if self.pending_break else WD_SECTION.CONTINUOUS)
        section.different_first_page_header_footer = False
        _set_columns(section, 1)
        hairline(Paragraph(self.doc.element.body[-2], self.doc))  # the paragraph that ends the columns takes no line
        self.pending_break = self.in_columns = False

    def text_width(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    def headers_and_footers(self) -> None:
        """The symbol in the running header (right, or on the outer side of even and odd pages),
        page numbers at the foot (centred, or outer), nothing on page 1 but the job number."""
        first = self.doc.sections[0]
        ooxml.title_page(first)
        # The PDF's running head and foot sit in the middle of the top and bottom margins (CSS page
        # margin boxes centre their content): Word's header and footer distances put them there too.
        for section in self.doc.sections:
            section.header_distance = _centred(section.top_margin, self.doc.styles["Header"])
            section.footer_distance = _centred(section.bottom_margin, self.doc.styles["Footer"])
        outer = self.running_side == "outer"
        parts = [(first.header, first.footer, WD_ALIGN_PARAGRAPH.RIGHT if outer else WD_ALIGN_PARAGRAPH.CENTER)]
        if outer:
            self.doc.settings.odd_and_even_pages_header_footer = True
            parts.append((first.even_page_header, first.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
        for index, (header_part, footer_part, foot_align) in enumerate(parts):
            header = header_part.paragraphs[0]
            header.text = self.symbol
            header.alignment = WD_ALIGN_PARAGRAPH.LEFT if index == 1 else WD_ALIGN_PARAGRAPH.RIGHT
            footer = footer_part.paragraphs[0]
            footer.alignment = foot_align
            ooxml.add_field(footer, "PAGE", "1")
        if self.watermark:
            for number, part in enumerate([h for h, _, _ in parts] + [first.first_page_header], start=1):
                ooxml_drawing.add_watermark(part.paragraphs[0], self.watermark, number)
        if self.first_footer:
            foot = first.first_page_footer.paragraphs[0]
            foot.style = self.doc.styles["Job Number"]  # print.css .job-number (checked against it: test_house_word_styles)
            foot.add_run(self.first_footer)


def _centred(margin: int, style: Any) -> Emu:
    """The header or footer distance that centres one line of the style in a page margin."""
    size = next((s.font.size for s in style_chain(style) if s.font.size is not None), Pt(10))
    return Emu(int(max(margin / 2 - size * 1.15 / 2, 0)))


def _lines(p: Any) -> list[str]:
    """The text of a paragraph, one entry per line (<br> breaks it)."""
    lines = [p.text or ""]
    for child in p:
        if child.tag == "br":
            lines.append(child.tail or "")
        else:
            lines[-1] += child.text_content() + (child.tail or "")
    return lines


def number_paragraph(p: Any, number: str, indent: Any) -> None:
    """A UN numbered paragraph: the number at the margin, the text indented by a tab (house.yaml number_indent)."""
    fmt = p.paragraph_format
    fmt.left_indent = indent
    fmt.first_line_indent = -indent
    fmt.tab_stops.add_tab_stop(indent)
    p.add_run(f"{number}.\t")


def _border(props: Any, tag: str, size: str, color: str = "000000", space: str = "1") -> None:
    """A bottom rule on a paragraph (w:pBdr) or a table cell (w:tcBorders); size in eighths of a
    point, space (between the text and the rule) in points."""
    border = props.find(qn(tag))
    if border is None:
        border = etree.SubElement(props, qn(tag))
    bottom = etree.SubElement(border, qn("w:bottom"))
    for key, value in (("w:val", "single"), ("w:sz", size), ("w:space", space), ("w:color", color.upper())):
        bottom.set(qn(key), value)


def _cell_bottom_margin(cell: Any, twips: int) -> None:
    """Space between a cell's text and its bottom rule (w:tcMar), as the PDF's cell padding."""
    if not twips:
        return
    props = cell._tc.get_or_add_tcPr()
    margins = props.find(qn("w:tcMar"))
    if margins is None:
        margins = etree.Element(qn("w:tcMar"))
        later = next((props.find(qn(t)) for t in ("w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark") if props.find(qn(t)) is not None), None)
        if later is not None:
            later.addprevious(margins)
        else:
            props.append(margins)
    bottom = etree.SubElement(margins, qn("w:bottom"))
    bottom.set(qn("w:w"), str(twips))
    bottom.set(qn("w:type"), "dxa")


def _no_cell_margins(table: Any) -> None:
    """Masthead text starts at the margin, as the body text does (no cell padding left and right)."""
    tbl_pr = table._tbl.tblPr
    margins = etree.Element(qn("w:tblCellMar"))
    look = tbl_pr.find(qn("w:tblLook"))  # schema order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)
    for side in ("w:left", "w:right"):
        el = etree.SubElement(margins, qn(side))
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")


def _margins(section: Any, margins: tuple[float, float, float, float]) -> None:
    """A section's margins (top, right, bottom, left, in centimetres)."""
    section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = (Cm(m) for m in margins)


def _set_columns(section: Any, number: int) -> None:
    """Text columns of a section (w:cols), 0.7 cm apart."""
    sect_pr = section._sectPr
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = etree.SubElement(sect_pr, qn("w:cols"))
        later = [sect_pr.find(qn(tag)) for tag in ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")]
        first_later = next((e for e in later if e is not None), None)
        if first_later is not None:
            first_later.addprevious(cols)
    cols.set(qn("w:num"), str(number))
    cols.set(qn("w:space"), str(round(brief_looks.COLUMN_GAP * 72 / 2.54 * 20)))  # the gap the PDF's columns have
