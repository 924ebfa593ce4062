"""How tables fit the width of a PDF page without losing text, cheaply.

A word or address longer than a cell is wide must break instead of being cut. The stylesheet's
`overflow-wrap: break-word` breaks it when lines are laid out, but does not count in a cell's
minimum width; `overflow-wrap: anywhere` does, so that an automatic table layout can shrink a
column below its longest word, but WeasyPrint then measures every cell's minimum width by
breaking its text after each character, which more than doubled the layout time of a report.
So:

- a table whose columns are declared (<colgroup> of <col data-width>) is laid out with
  `table-layout: fixed` (print.css, `table[data-columns="declared"]`): its columns take the
  declared widths and nothing measures minimum widths; long words break with `break-word`;
- any other table is laid out automatically; only if one is then too wide for the page is the
  document laid out again with that table marked `data-wrap="anywhere"` (print.css), which lets
  its columns shrink below their longest word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def mark_tables(root: Any, anywhere: frozenset[str] = frozenset()) -> None:
    """Number every table (data-table), mark those with declared columns, and those in `anywhere`
    (numbers from `too_wide_tables`) to break their words anywhere."""
    for number, table in enumerate(root.iter("table")):
        table.set("data-table", str(number))
        group = table.find("colgroup")
        if group is not None and group.find("col") is not None:
            table.set("data-columns", "declared")
        if str(number) in anywhere:
            table.set("data-wrap", "anywhere")


def too_wide_tables(document: Any, tolerance: float) -> frozenset[str]:
    """The numbers (data-table) of the tables that reach past the right edge of a page's text area."""
    from weasyprint.formatting_structure import boxes

    return frozenset(
        box.element.get("data-table")
        for _, right, box in page_boxes(document, tolerance)
        if isinstance(box, boxes.TableBox) and box.position_x + box.margin_width() > right
        and box.element is not None and box.element.get("data-table") is not None
    )


def page_boxes(document: Any, tolerance: float) -> Iterator[tuple[int, float, Any]]:
    """Every box laid out on each page, outside the page margins: (page number, the right edge of
    the page's text area plus `tolerance`, box)."""
    from weasyprint.formatting_structure import boxes

    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + tolerance
        todo = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
        while todo:
            box = todo.pop()
            yield number, right, box
            todo.extend(getattr(box, "children", ()))
