"""PDF writer: WeasyPrint with templates/print.css."""

from __future__ import annotations

import contextlib
import gc
import logging
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


def layout_pdf(html: str, ctx: WriteContext) -> Any:
    """Lay the HTML out in pages with the stylesheet; returns WeasyPrint's Document."""
    # Imported here: WeasyPrint loads Pango at import time, which `reportgen --help` should not pay for.
    from weasyprint import CSS, HTML

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
