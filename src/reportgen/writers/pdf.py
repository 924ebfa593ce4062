"""PDF writer: WeasyPrint with templates/print.css."""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html

from ..contract import parse
from ..errors import TemplateProblem
from . import WriteContext, atomic_target

log = logging.getLogger(__name__)


def _apply_list_starts(html: str) -> str:
    """WeasyPrint ignores <ol start> once markers are drawn by the stylesheet: reset the counter."""
    root = parse(html)
    for ol in root.iter("ol"):
        start = int(ol.get("start") or 1)
        if start != 1:
            ol.set("style", f"counter-reset: list-item {start - 1}")
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


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
    """Lay the HTML out in pages with the stylesheet; returns WeasyPrint's Document."""
    weasyprint = import_weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML  # noqa: N806 (WeasyPrint's class names)

    css_path = ctx.find("print.css")
    try:
        stylesheet = CSS(filename=str(css_path))
        with without_cyclic_gc():
            document = HTML(string=_apply_list_starts(html), base_url=str(ctx.search_path[0])).render(stylesheets=[stylesheet])
    except Exception as exc:  # WeasyPrint's own errors carry no location; name the stylesheet in use
        raise TemplateProblem(f"{css_path}: the PDF could not be laid out with this stylesheet: {type(exc).__name__}: {exc}") from exc
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
