"""Where outputs go and what they are stamped with: output paths, reproducible creation times, and
the writer of each format (WeasyPrint is imported only when a PDF is written)."""

from __future__ import annotations

import copy
import datetime as dt
import logging
import os
import re
from html import unescape
from pathlib import Path

from ..content.model import Meeting
from ..core.errors import OutputProblem, UsageProblem
from ..core.project import Project
from . import WriteContext

log = logging.getLogger(__name__)


FORMATS = ("pdf", "docx")


def output_root(project: Project, out_dir: Path | None) -> Path:
    """--out DIR when given, else the project's output/."""
    return out_dir if out_dir is not None else project.output_dir


def fixed_time(day: dt.date) -> dt.datetime:
    """Creation time written into outputs: SOURCE_DATE_EPOCH if set, else midnight UTC of `day`,
    so that rebuilding unchanged content gives identical files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise UsageProblem(f"SOURCE_DATE_EPOCH={epoch[:20]} is not a time reportgen can write (seconds since 1970)") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def creation_time(meeting: Meeting) -> dt.datetime:
    """A meeting's documents are stamped as created and modified on the document date (else the
    meeting's last day), so that rebuilding unchanged content gives byte-identical files on any day."""
    day = meeting.document.date
    if day is not None and not isinstance(day, dt.date):  # dated by month or year only
        day = day.first_day()
    return fixed_time(day or meeting.facts.end or meeting.facts.start)


def writer_for(fmt: str):  # type: ignore[no-untyped-def]
    """The function that writes `fmt` (imported on demand: WeasyPrint is slow to import).

    A file-system failure becomes a one-line error naming the file, not a traceback."""
    if fmt == "pdf":
        from .pdf import write_pdf as write
    else:
        from .docx import write_docx as write

    def write_or_explain(html: str, target: Path, ctx: WriteContext) -> None:
        try:
            write(html, target, ctx)
        except OSError as exc:
            raise OutputProblem(f"cannot write {target}: {exc.strerror or exc}") from exc

    return write_or_explain


def write_format(fmt: str, html: str, target: Path, ctx: WriteContext) -> None:
    """Write one file (a module-level function, so that another process can be asked to)."""
    writer_for(fmt)(html, target, titled(ctx, html))


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def titled(ctx: WriteContext, html: str) -> WriteContext:
    """The context with the document's own title, its HTML <title>, for the PDF and Word metadata:
    each kind has its own ("Chair's summary: …" is not the report's title)."""
    found = _TITLE.search(html)
    title = " ".join(unescape(found.group(1)).split()) if found else ""
    if not title or title == ctx.title:
        return ctx
    own = copy.copy(ctx)  # shares the cache: the PDF layout is looked up by its HTML
    own.title = title
    return own


def lay_out_alongside(html: str, ctx: WriteContext) -> dict[str, int]:
    """Lay out the PDF in the process beside a build and send back the page of every element id,
    for the DOCX contents (a module-level function, so that another process can be asked to)."""
    from .pdf import lay_out_alongside as lay_out

    return lay_out(html, ctx)


def warm_up() -> None:
    """Import WeasyPrint; sent to the process that will lay out the PDF while this one still
    validates and renders."""
    from .pdf import import_weasyprint

    import_weasyprint()
