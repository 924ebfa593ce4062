"""PDF writer: WeasyPrint with templates/print.css, tagged for accessibility (PDF/UA-1).

WeasyPrint reads files only through `TemplateFetcher` (the project's and the package's template
folders, never the network or another file; besides those, only data:image/ URIs, the pictures a
build makes and carries in its HTML), and the laid-out pages are checked so that text
that does not fit a page is an error instead of being silently cut at the margin.

The layout is computed once per rendered HTML and kept on the WriteContext: the DOCX writer
reads the page of every heading from it to fill in its contents page.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import lxml.html

from ..render.contract import parse
from ..core.errors import TemplateProblem
from . import GENERATOR, WriteContext
from ..core.atomic import atomic_target
from .pdf_styles import parsed_styles
from .pdf_tables import mark_tables, page_boxes, too_wide_tables

log = logging.getLogger(__name__)

# --pdf-standard: every choice is tagged and claims PDF/UA-1; the a-* choices add an archival
# PDF/A claim (level u: Unicode text; level a: tagged as well). PDF/A-1 is left out: it forbids
# the transparency of the DRAFT mark, and PDF/A-4 needs PDF 2.0, which PDF/UA-1 does not cover.
PDF_STANDARDS: dict[str, str] = {
    "ua-1": "pdf/ua-1",
    "a-2u": "pdf/a-2u",
    "a-3u": "pdf/a-3u",
    "a-3a": "pdf/a-3a",
}
DEFAULT_STANDARD = "ua-1"
PDFUA_ID = b' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"'
# How far (in CSS px) a box may reach past the page's content area before text counts as lost.
_TOLERANCE = 2.0


def _prepare(html: str, anywhere: frozenset[str] = frozenset()) -> str:
    """What the contract says with data attributes, said in CSS for WeasyPrint.

    <ol start>: WeasyPrint ignores it once markers are drawn by the stylesheet: reset the counter.
    <col data-width>: relative column widths, as the DOCX writer sizes its grid.
    <div class="mh-cell" data-width>: a masthead's cell widths, the one source both writers read.
    Each table is named (caption, else first cell) for the message if it does not fit a page,
    and marked for the way it fits the page (pdf_tables; `anywhere`: the tables too wide before)."""
    root = parse(html)
    for ol in root.iter("ol"):
        start = int(ol.get("start") or 1)
        if start != 1:
            ol.set("style", f"counter-reset: list-item {start - 1}")
    for el in root.iter("strong", "em", "a"):
        _space_into(el)
    for el in root.iter("li", "p", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4"):
        _strip_trailing_space(el)
    for group in root.iter("colgroup"):
        cols = group.findall("col")
        widths = [int(c.get("data-width") or 1) for c in cols]
        for col, width in zip(cols, widths):
            col.set("style", f"width: {100 * width / sum(widths):.2f}%")
    for header in root.xpath("//header[contains(concat(' ', @class, ' '), ' masthead ')]"):
        _masthead_widths(header)
    for table in root.iter("table"):
        table.set("data-name", _table_name(table))
    mark_tables(root, anywhere)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _masthead_widths(header: Any) -> None:
    """Masthead cells as wide as their data-width says, relative to the first row's cells (the
    DOCX writer's grid); a row with fewer cells gives its last cell the rest of the width. A cell's
    text stands at its foot (print.css) unless data-valign="top"."""
    rows = [r for r in header if r.tag == "div" and "mh-row" in (r.get("class") or "").split()]
    if not rows:
        return
    cells = [[c for c in r if c.tag == "div" and "mh-cell" in (c.get("class") or "").split()] for r in rows]
    columns = max(len(c) for c in cells)
    weights = [float(c.get("data-width") or 1) for c in cells[0]] + [1.0] * (columns - len(cells[0]))
    for row in cells:
        used = 0.0
        for index, cell in enumerate(row):
            share = 100 * weights[index] / sum(weights) if index < len(row) - 1 else 100 - used
            used += share
            align = f"; vertical-align: {cell.get('data-valign')}" if cell.get("data-valign") else ""
            cell.set("style", f"width: {share:.2f}%{align}")


def _space_into(el: Any) -> None:
    """Move the space before an inline element into it: "for <strong>greater …" becomes
    "for<strong> greater …". Same text, but WeasyPrint (70, Pango 1.50) then breaks the line
    before the element when its first word does not fit; with the space outside it goes back to
    an earlier break and strands a single word on a line of its own mid-paragraph (gfmd2011
    "between", fibemyd2008 "the", gfmd2010 "whether")."""
    if not el.text and not len(el):
        return  # an empty element (a page-number link) stays empty, as the stylesheet's :empty expects
    previous = el.getprevious()
    before = previous.tail if previous is not None else el.getparent().text
    if not before or not before.endswith(" ") or (el.text or "").startswith(" "):
        return
    if previous is not None:
        previous.tail = before[:-1]
    else:
        el.getparent().text = before[:-1]
    el.text = " " + (el.text or "")


def _strip_trailing_space(el: Any) -> None:
    """Drop the white space that ends a block's text (a template's newline before </li>): WeasyPrint
    justifies a line before such a space as if it were not the last, and strands a word
    (fibemyd2008 item e) "the"). The DOCX writer drops it too (finish_paragraph)."""
    last = el[-1] if len(el) else None
    if last is not None and not isinstance(last.tag, str):
        return
    if last is None:
        if el.text:
            el.text = el.text.rstrip()
    elif last.tail and not last.tail.strip():
        last.tail = None


def template_fetcher(folders: list[Path]) -> Any:
    """A WeasyPrint URL fetcher that reads only files inside `folders` (symbolic links followed)."""
    from weasyprint.urls import URLFetcher

    class TemplateFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
            self.folders = [f.resolve() for f in folders]
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if url.startswith("data:image/"):  # a picture the build made (a brief's chart), carried in the HTML
                return super().fetch(url, headers)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(url2pathname(unquote(parts.path))).resolve()
                if path.is_file() and any(path.is_relative_to(f) for f in self.folders):
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"not a file of the template folders: {url}")

    return TemplateFetcher()


@contextlib.contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Layout makes millions of objects and few cycles; CPython's cyclic collector would scan
    them again and again, which makes time per page grow with the document. Park what exists
    (gc.freeze), pause the collector while laying out, and collect once afterwards."""
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def import_weasyprint() -> Any:
    """Import WeasyPrint (here, not at the top: it loads Pango, which `reportgen --help` should
    not pay for), a quarter faster on Linux.

    WeasyPrint tries several names for each C library, and cffi hands every name that does not
    load at once to ctypes.util.find_library, which runs ldconfig and then gcc or ld for each of
    the misses: about 0.2 s of CPU and more of waiting. On Linux the dynamic loader finds the
    libraries by the sonames WeasyPrint also tries, so find_library is told to find nothing
    while WeasyPrint loads; if that ever fails, it is imported again the ordinary way."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = find_library
        import weasyprint
    finally:
        ctypes.util.find_library = find_library
    return weasyprint


def layout_pdf(html: str, ctx: WriteContext) -> Any:
    """Lay the HTML out in pages with the stylesheet (tagged), checking nothing is cut off;
    returns WeasyPrint's Document, computed once per build of `html`."""
    cached = ctx.cache.get("pdf-layout")
    if cached is not None and cached[0] == html:
        return cached[1]
    weasyprint = import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError  # a BaseException: it must stop WeasyPrint

    # The shared print.css, then a house style's own on top (WriteContext.stylesheets).
    css_paths = ctx.stylesheets or [ctx.find("print.css")]
    css_path = css_paths[-1]
    names = " + ".join(str(path) for path in css_paths)
    fetcher = template_fetcher(ctx.search_path)
    try:
        font_config, counter_style, stylesheets = parsed_styles(weasyprint, css_paths, ctx.search_path, fetcher,
                                                                ctx.measures.css(ctx.direction))

        def render(anywhere: frozenset[str] = frozenset()) -> Any:
            with without_cyclic_gc():
                return weasyprint.HTML(string=_prepare(html, anywhere), base_url=ctx.search_path[0].resolve().as_uri() + "/",
                                       url_fetcher=fetcher).render(stylesheets=stylesheets, font_config=font_config,
                                                                   counter_style=counter_style,
                                                                   pdf_variant=PDF_STANDARDS[ctx.pdf_standard], pdf_tags=True)

        document = render()
        wide = too_wide_tables(document, _TOLERANCE)
        if wide:  # a table whose longest words do not fit side by side: again, breaking its words anywhere
            log.info("%d table(s) too wide for the page: laid out again, breaking words anywhere", len(wide))
            document = render(wide)
    except (Exception, FatalURLFetchingError) as exc:  # WeasyPrint's own errors carry no location; name the stylesheets in use
        if fetcher.refused:
            # A house's folder lies inside a template folder: name the template folders only.
            shown = [f for f in ctx.search_path if not any(f != g and f.is_relative_to(g) for g in ctx.search_path)]
            raise TemplateProblem(f"{names}: refers to {fetcher.refused[0]}; reportgen reads only files "
                                  f"in the template folders ({', '.join(str(f) for f in shown)})") from None
        raise TemplateProblem(f"{names}: the PDF could not be laid out with this stylesheet: {type(exc).__name__}: {exc}") from exc
    overflow = _overflow(document)
    if overflow:
        raise TemplateProblem(f"{css_path}: {overflow}; nothing was written")
    ctx.cache["pdf-layout"] = (html, document)
    return document


def heading_pages(html: str, ctx: WriteContext) -> dict[str, int]:
    """Page number (1-based) of every element id in the PDF layout of `html`: sent by the process
    that laid it out (ctx.cache["heading-pages"], see lay_out_alongside), else laid out here."""
    sent = ctx.cache.get("heading-pages")
    if sent is not None and sent[0] == html:
        return sent[1]
    return pages_of(layout_pdf(html, ctx))


def pages_of(document: Any) -> dict[str, int]:
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


# Documents laid out by lay_out_alongside() in the process that writes PDFs beside a build,
# waiting for write_pdf() (the next task of that one-process pool) to write them.
_waiting: dict[str, Any] = {}


def lay_out_alongside(html: str, ctx: WriteContext) -> dict[str, int]:
    """Lay out the PDF and keep it for write_pdf(); return the page of every element id, which
    the other process writes into the DOCX contents while this one writes the PDF. So a
    document is laid out once whichever process writes which format."""
    document = layout_pdf(html, ctx)
    _waiting.clear()  # a layout whose write never came (an earlier build stopped): not kept
    _waiting[html] = document
    return pages_of(document)


def save_pdf(document: Any, target: Path, ctx: WriteContext) -> None:
    """Write a laid-out document atomically, with reproducible metadata."""
    created = ctx.created.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document.metadata.created = created
    document.metadata.modified = created
    document.metadata.title = ctx.title
    document.metadata.lang = ctx.language
    document.metadata.generator = GENERATOR
    variant = PDF_STANDARDS[ctx.pdf_standard]
    # PDF/A requires a file identifier: ours is fixed by the title and date, so rebuilds stay
    # byte-identical. PDF/UA does not, and pydyf makes one by serialising every object of the file
    # a second time (0.1 s of a 40-page report), so a PDF/UA file has none, as WeasyPrint's own.
    identifier = _identifier(ctx) if variant.startswith("pdf/a") else None
    with atomic_target(target) as tmp, without_cyclic_gc():
        document.write_pdf(tmp, pdf_variant=variant, pdf_tags=True, pdf_identifier=identifier, finisher=_finish)
    log.info("wrote %s (%d pages, %s)", target, len(document.pages), variant)


def write_pdf(html: str, target: Path, ctx: WriteContext) -> None:
    document = _waiting.pop(html, None)
    save_pdf(document if document is not None else layout_pdf(html, ctx), target, ctx)


def _identifier(ctx: WriteContext) -> bytes:
    import hashlib

    return hashlib.md5(f"{ctx.title}|{ctx.created.isoformat()}".encode()).hexdigest().encode()


def _finish(document: Any, pdf: Any) -> None:
    _join_headless_fragments(pdf)
    _table_scopes(pdf)
    _claim_pdfua(pdf)


def _join_headless_fragments(pdf: Any) -> None:
    """WeasyPrint tags each page's part of a table as a table of its own, and repeats the header
    row on every page but one that only continues a row split across pages (a brief's long
    cells). Such a part, with no header cell, is joined to the table part before it in reading
    order: one table whose cells keep their headers."""

    def element(reference: Any) -> Any:
        text = reference.decode() if isinstance(reference, bytes) else reference
        return _object(pdf, text) if isinstance(text, str) and text.endswith(" R") else None

    def children(el: Any) -> list[Any]:
        kids = el.get("K", [])
        return [c for c in map(element, kids if isinstance(kids, list) else [kids]) if isinstance(c, dict)]

    def has_header(el: Any) -> bool:
        return el.get("S") == "/TH" or any(has_header(c) for c in children(el))

    tables: list[Any] = []
    todo = [element(pdf.catalog["StructTreeRoot"])] if "StructTreeRoot" in pdf.catalog else []
    while todo:  # depth first, in reading order
        el = todo.pop()
        if el.get("S") == "/Table":
            tables.append(el)
            continue
        todo.extend(reversed(children(el)))
    pages = [bytes(str(r), "ascii") if not isinstance(r, bytes) else r for r in pdf.page_references]

    def page(el: Any) -> int:
        ref = el["Pg"]
        return pages.index(ref if isinstance(ref, bytes) else str(ref).encode())

    joined, last_page = None, -1
    for table in tables:
        if has_header(table):
            joined, last_page = table, page(table)
        elif joined is not None and page(table) == last_page + 1:  # continues the table of the page before
            for child in children(table):
                child["P"] = joined.reference
            joined["K"].extend(table["K"])
            _object(pdf, table["P"])["K"].remove(table.reference)
            table["K"] = type(joined["K"])()
            last_page += 1


def _object(pdf: Any, reference: Any) -> Any:
    """The object a pydyf reference (b"12 0 R") points to."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return pdf.objects[int(text.split()[0])]


def _claim_pdfua(pdf: Any) -> None:
    """An archival (PDF/A) file is tagged as well: add the PDF/UA-1 claim beside the PDF/A one."""
    metadata = _object(pdf, pdf.catalog["Metadata"])
    content = b"".join(metadata.stream)
    if b"pdfuaid:part" not in content:
        metadata.stream = [content.replace(b"<rdf:Description", b"<rdf:Description" + PDFUA_ID, 1)]


def _table_scopes(pdf: Any) -> None:
    """Give every header cell a /Scope, which WeasyPrint leaves out: a header in the table head
    names its column, one in the body (a day of the agenda, a label column) names its row."""
    import pydyf

    def parent(element: Any) -> Any:
        return _object(pdf, element["P"])

    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH":
            row = parent(obj)
            group = parent(row) if row.get("S") == "/TR" else row
            attributes = obj.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes["Scope"] = "/Column" if group.get("S") == "/THead" else "/Row"


# --------------------------------------------------------------------------- nothing cut off


def _overflow(document: Any) -> str | None:
    """Say what reaches past the right edge of a page's text area (and would be cut), if anything."""
    from weasyprint.formatting_structure import boxes

    for number, right, box in page_boxes(document, _TOLERANCE):
        if isinstance(box, boxes.TableBox) and box.position_x + box.margin_width() > right:
            return f"page {number}: the table {box.element.get('data-name', '')} is too wide for the page (it would be cut)"
        if isinstance(box, boxes.TextBox) and box.position_x + box.width > right:
            text = box.text if len(box.text) <= 40 else box.text[:37] + "..."
            return f"page {number}: the text '{text}' does not fit the width of the page (it would be cut)"
    return None


def _table_name(table: Any) -> str:
    """A table as the user knows it: its caption, else the text of its first cell."""
    if table is None:
        return "(unnamed)"
    caption = table.getprevious()
    if caption is not None and "caption" in (caption.get("class") or "").split():
        return f"'{' '.join(caption.text_content().split())[:60]}'"
    first = next(table.iter("th", "td"), None)
    text = " ".join(first.text_content().split())[:40] if first is not None else ""
    return f"starting '{text}'" if text else "(empty)"
