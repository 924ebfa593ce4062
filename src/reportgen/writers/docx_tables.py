"""Tables of the DOCX writer."""

from __future__ import annotations

from typing import Any

import docx
from docx.shared import Emu

from . import ooxml
from .docx_common import INLINE, Container, Fmt, classes


class Tables:
    """Mixin of DocxBuilder: HTML tables as Word tables."""

    def table(self, el: Any, container: Container) -> None:
        rows = [(tr, tr.getparent().tag == "thead") for tr in el.iter("tr")]
        if not rows:
            return
        ncols = max(sum(int(c.get("colspan") or 1) for c in tr if c.tag in {"td", "th"}) for tr, _ in rows)
        if self.pending_break:
            self.paragraph(container, "Body Text")  # a table cannot carry the page break itself
        table = container.target.add_table(rows=len(rows), cols=ncols)
        cls = classes(el)
        if "grid" in cls:
            table.style = self.doc.styles["Table Grid"]
        widths = [int(c.get("data-width") or 1) for c in el.iter("col")] or [1] * ncols
        widths = (widths + [1] * ncols)[:ncols]
        total_width = self.text_width() if isinstance(container.target, docx.document.Document) else None
        for (tr, is_head), row in zip(rows, table.rows):
            if is_head:
                ooxml.repeat_header_row(row)
            col = 0
            for cell_el in (c for c in tr if c.tag in {"td", "th"}):
                span = int(cell_el.get("colspan") or 1)
                cell = row.cells[col]
                if span > 1:
                    cell = cell.merge(row.cells[col + span - 1])
                # As in print.css: column headers and group rows are bold, a label column is not.
                bold = cell_el.tag == "th" and (is_head or "group" in classes(tr))
                target = Container(cell, reuse_first=True)
                if len(cell_el) == 0 or all(c.tag in INLINE for c in cell_el):
                    p = target.paragraph("Table Text")
                    self.inline(p, cell_el, Fmt(bold=bold))
                    self.finish_paragraph(p)
                else:
                    for child in cell_el:
                        if child.tag == "p":
                            p = target.paragraph("Table Text")
                            self.inline(p, child, Fmt(bold=bold))
                            self.finish_paragraph(p)
                        else:
                            self.block(child, target)
                col += span
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
