"""Build orchestration: which meeting, which kinds and formats, where the files go."""

from __future__ import annotations

import datetime as dt
import logging
import os
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from .editions import is_edition, load_edition
from .errors import OutputProblem, UsageProblem
from .fonts import check_fonts
from .houses import load_house, stylesheets
from .incremental import output_path
from .labels import Labels
from .markup import plain
from .model import Meeting, load_meetings
from .numbering import number_documents
from .project import Project, template_search_path
from .render import Renderer, context_for
from .translations import strip_markers, untranslated_html
from .writers import WriteContext

log = logging.getLogger(__name__)

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BuildOptions:
    formats: tuple[str, ...] = FORMATS
    kinds: tuple[str, ...] = ()
    language: str | None = None
    out_dir: Path | None = None
    draft: bool = False
    pdf_standard: str = "ua-1"
    allow_untranslated: bool = False  # build a language edition with untranslated text (the original's, marked)


@dataclass
class Rendered:
    kind: str
    html: str
    targets: list[Path] = field(default_factory=list)


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
        from .writers.pdf import write_pdf as write
    else:
        from .writers.docx import write_docx as write

    def write_or_explain(html: str, target: Path, ctx: WriteContext) -> None:
        try:
            write(html, target, ctx)
        except OSError as exc:
            raise OutputProblem(f"cannot write {target}: {exc.strerror or exc}") from exc

    return write_or_explain


def write_format(fmt: str, html: str, target: Path, ctx: WriteContext) -> None:
    """Write one file (a module-level function, so that another process can be asked to)."""
    writer_for(fmt)(html, target, ctx)


def warm_up() -> None:
    """Import WeasyPrint; sent to the process that will lay out the PDF while this one still
    validates and renders."""
    from .writers.pdf import import_weasyprint

    import_weasyprint()


def build_meeting(project: Project, meeting_id: str, options: BuildOptions, *, alongside: Executor | None = None,
                  prepared: tuple[list[Rendered], WriteContext] | None = None) -> list[Path]:
    """Render every requested kind first (so template errors stop the build before any file is
    written), then write each format atomically. Returns the files written.

    With `alongside` (another process, warmed up with warm_up()), the PDF is laid out there
    while this process writes the DOCX: a build then uses two cores. `prepared` is a render_meeting() result
    to write instead of rendering again (the live preview has just rendered it)."""
    if prepared is not None:
        rendered, ctx = [r for r in prepared[0] if not options.kinds or r.kind in options.kinds], prepared[1]
    else:
        rendered, ctx = render_meeting(project, meeting_id, options)
    root = output_root(project, options.out_dir)
    written: list[Path] = []
    pending = []
    for item in rendered:
        for fmt in options.formats:
            target = output_path(root, meeting_id, item.kind, fmt, options.language)
            if alongside is not None and fmt == "pdf":
                pending.append(alongside.submit(write_format, fmt, item.html, target, ctx))
            else:
                write_format(fmt, item.html, target, ctx)
            written.append(target)
    for job in pending:
        job.result()
    return written


def render_meeting(project: Project, meeting_id: str, options: BuildOptions) -> tuple[list[Rendered], WriteContext]:
    """The HTML of every requested kind, and what the writers need to write it."""
    meeting = load_meetings(project, [meeting_id])[meeting_id]
    house = load_house(template_search_path(project), meeting.document.house)
    search_path = template_search_path(project, house.name)
    renderer = Renderer(search_path)
    available = renderer.kinds()
    kinds = options.kinds or tuple(available)
    for kind in kinds:
        if kind not in available:
            raise UsageProblem(f"unknown report kind '{kind}' (available: {', '.join(available)})")
    language = options.language or meeting.document.language
    labels = Labels.load(language, search_path)
    source_language = meeting.document.language  # the language of the text in the YAML
    if is_edition(meeting, language):
        meeting = load_edition(project, meeting_id, language, allow_untranslated=options.allow_untranslated).meeting
    check_fonts(language)
    rendered = [Rendered(kind, renderer.render(kind, context_for(meeting, labels, kind, draft=options.draft, house=house, root=project.root))) for kind in kinds]
    for item, html in zip(rendered, number_documents(project, meeting_id, [r.html for r in rendered])):
        item.html = untranslated_html(html, source_language)
    return rendered, WriteContext(search_path, plain(strip_markers(meeting.document.title)), language, creation_time(meeting),
                                  stylesheets(template_search_path(project), house.name, language, labels.get("direction", "ltr")),
                                  pdf_standard=options.pdf_standard, direction=labels.get("direction", "ltr"))
