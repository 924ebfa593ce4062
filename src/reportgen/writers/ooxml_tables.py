"""Table OOXML python-docx does not write: grids that agree with the cells, header rows, rows
kept on one page, cell padding and rules. Elements go where the ECMA-376 schema orders them."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Elements of w:tblPr that come after w:tblCellMar, of w:tcPr after w:tcBorders, in the schema's order.
_AFTER_CELL_MAR = {qn("w:tblLook"), qn("w:tblCaption"), qn("w:tblDescription")}
_AFTER_TBL_IND = {qn(f"w:{t}") for t in ("tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")}
_AFTER_TC_BORDERS = {qn(f"w:{t}") for t in ("shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")}


def _insert(parent: Any, child: Any, followers: set[str]) -> None:
    """Append `child` to `parent`, before the first element the schema puts after it."""
    follower = next((c for c in parent if c.tag in followers), None)
    if follower is not None:
        follower.addprevious(child)
    else:
        parent.append(child)


def repeat_header_row(row: Any) -> None:
    """Mark a table row as a header row repeated at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def align_grids(document: DocxDocument) -> None:
    """Make every table's grid (w:tblGrid) agree with its cell widths: LibreOffice lays a table
    out by its grid, Word by its cells. The widths come from the first row without merged cells."""
    for tbl in document.element.body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        cols = grid.findall(qn("w:gridCol")) if grid is not None else []
        for tr in tbl.findall(qn("w:tr")):
            widths = [tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}") for tc in tr.findall(qn("w:tc"))]
            spans = tr.findall(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:gridSpan')}")
            if len(widths) == len(cols) and not spans and all(w is not None for w in widths):
                for col, width in zip(cols, widths):
                    col.set(qn("w:w"), width.get(qn("w:w")))
                break


def cant_split(row: Any) -> None:
    """Keep a table row on one page."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def cell_margins(table: Any, vertical: float, horizontal: float) -> None:
    """Default cell padding of a table, in points (w:tblCellMar)."""
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, value in (("top", vertical), ("left", horizontal), ("bottom", vertical), ("right", horizontal)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(value * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    _insert(tbl_pr, mar, _AFTER_CELL_MAR)
    if tbl_pr.find(qn("w:jc")) is None:
        # Word (compatibility mode 14) and LibreOffice set a table's text, not its border, at the
        # indent: indented by the padding, the border stands at the margin and the text inside it,
        # as in the PDF.
        indent = OxmlElement("w:tblInd")
        indent.set(qn("w:w"), str(round(horizontal * 20)))
        indent.set(qn("w:type"), "dxa")
        _insert(tbl_pr, indent, _AFTER_TBL_IND)


def _line(tag: str, width: float, color: str) -> Any:
    """A border line `width` points wide (w:sz in eighths of a point) in six hex digits' colour."""
    line = OxmlElement(tag)
    for key, value in (("w:val", "single"), ("w:sz", str(round(width * 8))), ("w:space", "0"), ("w:color", color.upper())):
        line.set(qn(key), value)
    return line


def cell_bottom_border(cell: Any, width: float, color: str) -> None:
    """A rule under a cell (the agenda's header row)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    borders.append(_line("w:bottom", width, color))
    _insert(tc_pr, borders, _AFTER_TC_BORDERS)


def table_borders(table: Any, width: float, color: str) -> None:
    """Every edge and inner line of a ruled table (w:tblBorders), over the Table Grid style's."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_line(f"w:{side}", width, color))
    _insert(tbl_pr, borders, _AFTER_TBL_IND - {qn("w:tblBorders")})


def cell_shading(cell: Any, fill: str) -> None:
    """A cell's fill (w:shd), six hex digits."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill.upper())):
        shading.set(qn(key), value)
    _insert(tc_pr, shading, _AFTER_TC_BORDERS - {qn("w:shd")})
