"""PDF writer: WeasyPrint with templates/print.css."""

from __future__ import annotations

import logging
from pathlib import Path

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


def write_pdf(html: str, target: Path, ctx: WriteContext) -> None:
    # Imported here: WeasyPrint loads Pango at import time, which `reportgen --help` should not pay for.
    from weasyprint import CSS, HTML

    # The shared print.css, then a house style's own on top (WriteContext.stylesheets).
    css_paths = ctx.stylesheets or [ctx.find("print.css")]
    try:
        stylesheets = [CSS(filename=str(path)) for path in css_paths]
        document = HTML(string=_apply_list_starts(html), base_url=str(ctx.search_path[0])).render(stylesheets=stylesheets)
    except Exception as exc:  # WeasyPrint's own errors carry no location; name the stylesheets in use
        names = " + ".join(str(path) for path in css_paths)
        raise TemplateProblem(f"{names}: the PDF could not be laid out with this stylesheet: {type(exc).__name__}: {exc}") from exc
    created = ctx.created.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document.metadata.created = created
    document.metadata.modified = created
    document.metadata.title = ctx.title
    document.metadata.lang = ctx.language
    with atomic_target(target) as tmp:
        document.write_pdf(tmp)
    log.info("wrote %s (%d pages)", target, len(document.pages))
