"""Tables of the DOCX writer."""

from __future__ import annotations

from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt

from . import ooxml_tables
from ..style import brief_looks
from ..style.measures import points
from .docx_common import INLINE, PARAGRAPH_STYLES, Container, Fmt, classes, hairline, shrink

# Tables whose row headers (a label column) are set in italics, as print.css sets them.
ITALIC_ROW_HEADERS = {"facts"}


class Tables:
    """Mixin of DocxBuilder: HTML tables as Word tables."""

    def cell_alignment(self, p: Any, el: Any, text_style: str = "Table Text") -> None:
        """A paragraph in a cell is set in the table's text style, aligned as its class aligns it
        anywhere else: as the Word style the class names outside tables (PARAGRAPH_STYLES;
        p.centered: Centered), the alignment print.css gives that class. Only where it differs from
        the text style's."""
        style = next((PARAGRAPH_STYLES[c] for c in classes(el) if c in PARAGRAPH_STYLES), None)
        if style is None:
            return
        aligned = self.doc.styles[style].paragraph_format.alignment
        if aligned is not None and aligned != self.doc.styles[text_style].paragraph_format.alignment:
            p.paragraph_format.alignment = aligned

    def table(self, el: Any, container: Container) -> None:
        rows = [(tr, tr.getparent().tag == "thead") for tr in el.iter("tr")]
        if not rows:
            return
        ncols = max(sum(int(c.get("colspan") or 1) for c in tr if c.tag in {"td", "th"}) for tr, _ in rows)
        if self.in_columns:
            self.end_columns()
        if self.pending_break:
            hairline(self.paragraph(container, "Body Text"))  # the page break, which a table cannot carry
        table = container.target.add_table(rows=len(rows), cols=ncols)
        cls = classes(el)
        small = "counts" in cls  # table.counts: a brief's table of numbers, 8 pt
        rule = self.measures.table_rule  # house.yaml table_rule, as the PDF's
        if "grid" in cls:
            table.style = self.doc.styles["Table Grid"]
            ooxml_tables.table_borders(table, points(rule.width), rule.color)
        widths = [int(c.get("data-width") or 1) for c in el.iter("col")] or [1] * ncols
        widths = (widths + [1] * ncols)[:ncols]
        total_width = self.text_width() if isinstance(container.target, docx.document.Document) else None
        # Cell padding by table class (house.yaml table_padding, as the PDF has it): the rows then take
        # the height they take in the PDF. A brief's tables: their text style and padding from
        # style/brief_looks.py, as the PDF's.
        padding = next((self.measures.table_padding[c] for c in sorted(cls) if c in self.measures.table_padding), None)
        look = brief_looks.table_look(cls, set(el.attrib), bool(self.front)) if self.in_brief else None
        text_style = look.style if look is not None and look.style in self.style_names else "Table Text"
        margins = look.padding if look is not None else (points(padding.vertical), points(padding.horizontal)) if padding else None
        if margins:
            # a grid's cell loses half of each rule beside it to the border in the PDF (collapsed
            # borders); Word draws the rule inside the cell margin: the same text width with the half added
            ooxml_tables.cell_margins(table, margins[0], margins[1] + (points(rule.width) / 2 if "grid" in cls else 0))
        for (tr, is_head), row in zip(rows, table.rows):
            if is_head:
                ooxml_tables.repeat_header_row(row)
            if "brief" not in cls:  # print.css keeps a row on one page, except in briefs
                ooxml_tables.cant_split(row)
            col = 0
            for cell_el in (c for c in tr if c.tag in {"td", "th"}):
                span = int(cell_el.get("colspan") or 1)
                cell = row.cells[col]
                if span > 1:
                    cell = cell.merge(row.cells[col + span - 1])
                # As in print.css: column headers and group rows are bold, a label column is not.
                bold = cell_el.tag == "th" and (is_head or "group" in classes(tr))
                italic = cell_el.tag == "th" and not bold and bool(cls & ITALIC_ROW_HEADERS)
                target = Container(cell, reuse_first=True)
                if is_head and "agenda" in cls:
                    ooxml_tables.cell_bottom_border(cell, points(rule.width), rule.color)
                if "grid" in cls and cell_el.tag == "th" and "group" in classes(tr):  # house.yaml group_shading
                    ooxml_tables.cell_shading(cell, self.measures.group_shading)
                if len(cell_el) == 0 or all(c.tag in INLINE for c in cell_el):
                    p = target.paragraph(text_style)
                    p.paragraph_format.space_after = Pt(0)  # print.css spaces <p>s in cells, not bare text
                    self.inline(p, cell_el, Fmt(bold=bold, italic=italic))
                    self.finish_paragraph(p)
                    if padding and padding.group is not None and "group" in classes(tr):  # above a group row: its own space
                        p.paragraph_format.space_before = Pt(max(0.0, points(padding.group) - points(padding.vertical)))
                    if small:
                        shrink(p, 8)
                        if col:  # print.css: the numbers centred under their meeting
                            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif (cell_el.text or "").strip() or any((c.tail or "").strip() for c in cell_el):
                    self.flow(cell_el, target, text_style, 0)  # paragraphs and loose text: none of it lost
                else:
                    for child in cell_el:
                        if child.tag == "p":
                            lead_in = child.get("data-lead-in") is not None and "Points Lead-in" in self.style_names
                            p = target.paragraph("Points Lead-in" if lead_in else text_style)
                            self.cell_alignment(p, child, text_style)  # "—": a meeting that said nothing, centred as in the PDF
                            self.inline(p, child, Fmt(bold=bold, italic=italic))
                            self.finish_paragraph(p)
                        else:
                            self.block(child, target)
                col += span
        self.after_table = container.target
        if total_width:
            unit = total_width / sum(widths)
            table.autofit = False
            for i, column in enumerate(table.columns):
                column.width = Emu(int(unit * widths[i]))  # the grid, which LibreOffice lays out by
            for tr in table._tbl.tr_lst:
                col = 0
                for tc in tr.tc_lst:  # a merged cell is as wide as the columns it spans
                    tc.width = Emu(int(unit * sum(widths[col:col + tc.grid_span])))
                    col += tc.grid_span
