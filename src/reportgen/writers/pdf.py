"""PDF writer: WeasyPrint with templates/print.css."""

from __future__ import annotations

import logging
from pathlib import Path

from . import WriteContext, atomic_target

log = logging.getLogger(__name__)


def write_pdf(html: str, target: Path, ctx: WriteContext) -> None:
    # Imported here: WeasyPrint loads Pango at import time, which `reportgen --help` should not pay for.
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=str(ctx.find("print.css")))
    document = HTML(string=html, base_url=str(ctx.search_path[0])).render(stylesheets=[stylesheet])
    created = ctx.created.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    document.metadata.created = created
    document.metadata.modified = created
    with atomic_target(target) as tmp:
        document.write_pdf(tmp, uncompressed_pdf=False)
    log.info("wrote %s (%d pages)", target, len(document.pages))
