"""PDF writer: WeasyPrint with templates/print.css.

WeasyPrint reads files only through `TemplateFetcher` (the project's and the package's template
folders, never the network or another file; besides those, only data:image/ URIs, the pictures a
build makes and carries in its HTML), and the laid-out pages are checked so that text
that does not fit a page is an error instead of being silently cut at the margin.
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

from ..contract import parse
from ..errors import TemplateProblem
from . import WriteContext, atomic_target

log = logging.getLogger(__name__)

# How far (in CSS px) a box may reach past the page's content area before text counts as lost.
_TOLERANCE = 2.0


def _prepare(html: str) -> str:
    """WeasyPrint ignores <ol start> once markers are drawn by the stylesheet: reset the counter.
    Each table is named (caption, else first cell) for the message if it does not fit a page."""
    root = parse(html)
    for ol in root.iter("ol"):
        start = int(ol.get("start") or 1)
        if start != 1:
            ol.set("style", f"counter-reset: list-item {start - 1}")
    for table in root.iter("table"):
        table.set("data-name", _table_name(table))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


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
    """Lay the HTML out in pages with the stylesheet, checking nothing is cut off; returns
    WeasyPrint's Document."""
    weasyprint = import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError  # a BaseException: it must stop WeasyPrint

    # The shared print.css, then a house style's own on top (WriteContext.stylesheets).
    css_paths = ctx.stylesheets or [ctx.find("print.css")]
    css_path = css_paths[-1]
    names = " + ".join(str(path) for path in css_paths)
    fetcher = template_fetcher(ctx.search_path)
    try:
        stylesheets = [weasyprint.CSS(filename=str(path), url_fetcher=fetcher) for path in css_paths]
        with without_cyclic_gc():
            document = weasyprint.HTML(string=_prepare(html), base_url=ctx.search_path[0].resolve().as_uri() + "/",
                                       url_fetcher=fetcher).render(stylesheets=stylesheets)
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
    return document


def save_pdf(document: Any, target: Path, ctx: WriteContext) -> None:
    """Write a laid-out document atomically, with reproducible metadata."""
    created = ctx.created.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document.metadata.created = created
    document.metadata.modified = created
    document.metadata.title = ctx.title
    document.metadata.lang = ctx.language
    with atomic_target(target) as tmp, without_cyclic_gc():
        document.write_pdf(tmp)
    log.info("wrote %s (%d pages)", target, len(document.pages))


def write_pdf(html: str, target: Path, ctx: WriteContext) -> None:
    save_pdf(layout_pdf(html, ctx), target, ctx)


# --------------------------------------------------------------------------- nothing cut off


def _overflow(document: Any) -> str | None:
    """Say what reaches past the right edge of a page's text area (and would be cut), if anything."""
    from weasyprint.formatting_structure import boxes

    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width + _TOLERANCE
        todo = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
        while todo:
            box = todo.pop()
            if isinstance(box, boxes.TableBox) and box.position_x + box.margin_width() > right:
                return f"page {number}: the table {box.element.get('data-name', '')} is too wide for the page (it would be cut)"
            if isinstance(box, boxes.TextBox) and box.position_x + box.width > right:
                text = box.text if len(box.text) <= 40 else box.text[:37] + "..."
                return f"page {number}: the text '{text}' does not fit the width of the page (it would be cut)"
            todo.extend(getattr(box, "children", ()))
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
