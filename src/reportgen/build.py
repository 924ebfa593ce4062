"""Build orchestration: which meeting, which kinds and formats, where the files go."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputProblem, UsageProblem
from .labels import Labels
from .markup import plain
from .model import Meeting, load_meetings
from .project import Project, template_search_path
from .render import Renderer, context_for
from .validate import check_meeting, load_themes
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


@dataclass
class Rendered:
    kind: str
    html: str
    targets: list[Path] = field(default_factory=list)


def output_root(project: Project, out_dir: Path | None) -> Path:
    """--out DIR when given, else the project's output/."""
    return out_dir if out_dir is not None else project.output_dir


def output_path(root: Path, meeting_id: str, kind: str, fmt: str) -> Path:
    """output/<meeting>/<meeting>-<kind>.<fmt>"""
    return root / meeting_id / f"{meeting_id}-{kind}.{fmt}"


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
    """A meeting's document date (else the meeting's last day) as a fixed time (redline stamps)."""
    return fixed_time(meeting.document.date or meeting.facts.end or meeting.facts.start)


def build_time() -> dt.datetime:
    """Built documents are stamped as created and modified today (at midnight UTC, so that
    rebuilds within the day are byte-identical), or at SOURCE_DATE_EPOCH."""
    return fixed_time(dt.date.today())


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


def build_meeting(project: Project, meeting_id: str, options: BuildOptions) -> list[Path]:
    """Render every requested kind first (so template errors stop the build before any file is
    written), then write each format atomically. Returns the files written."""
    meeting = load_meetings(project, [meeting_id])[meeting_id]
    search_path = template_search_path(project)
    renderer = Renderer(search_path)
    available = renderer.kinds()
    kinds = options.kinds or tuple(available)
    for kind in kinds:
        if kind not in available:
            raise UsageProblem(f"unknown report kind '{kind}' (available: {', '.join(available)})")
    language = options.language or meeting.document.language
    labels = Labels.load(language, search_path)
    rendered = [Rendered(kind, renderer.render(kind, context_for(meeting, labels, kind, draft=options.draft))) for kind in kinds]

    root = output_root(project, options.out_dir)
    ctx = WriteContext(search_path, plain(meeting.document.title), language, build_time(), pdf_standard=options.pdf_standard)
    written: list[Path] = []
    for item in rendered:
        for fmt in options.formats:
            target = output_path(root, meeting_id, item.kind, fmt)
            writer_for(fmt)(item.html, target, ctx)
            written.append(target)
    return written


def meeting_listing(project: Project) -> Iterator[str]:
    """One line per meeting: id, short title, place and dates (or why it cannot be read)."""
    ids = project.meeting_ids()
    if not ids:
        yield f"no meetings in {project.display(project.content_dir)}/"
        return
    themes, _ = load_themes(project)
    labels = Labels.load("en", template_search_path(project))
    width = max(len(i) for i in ids)
    for meeting_id in ids:
        doc, problems = check_meeting(project, meeting_id, themes)
        if doc is None:
            yield f"{meeting_id:<{width}}  (invalid: {len(problems)} problem(s); run reportgen validate {meeting_id})"
            continue
        facts = doc.meeting
        place = f"{facts.venue.city}, {facts.venue.country}"
        yield f"{meeting_id:<{width}}  {facts.short_title} | {place} | {labels.date_range(facts.start, facts.end)}"
