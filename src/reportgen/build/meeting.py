"""Build orchestration: which meeting, which kinds and formats, where the files go."""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from ..content.editions import is_edition, load_edition
from ..content.translations import strip_markers, untranslated_html
from ..core.errors import UsageProblem, did_you_mean
from ..style.houses import load_house, stylesheets
from ..style.labels import Labels, available_languages
from ..render.markup import plain
from ..render.mentions import cite_documents
from ..content.model import load_meetings
from ..render.numbering import number_documents
from ..core.project import Project, output_path
from ..style.search_path import template_search_path
from ..render.environment import Renderer, context_for
from ..writers import WriteContext
from ..writers.fonts import check_fonts
from ..writers.output import FORMATS, creation_time, lay_out_alongside, output_root, write_format


log = logging.getLogger(__name__)

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


def build_meeting(project: Project, meeting_id: str, options: BuildOptions, *, alongside: Executor | None = None,
                  prepared: tuple[list[Rendered], WriteContext] | None = None) -> list[Path]:
    """Render every requested kind first (so template errors stop the build before any file is
    written), then write each format atomically. Returns the files written.

    With `alongside` (another process, warmed up with warm_up()), the PDF is laid out and written
    there; the page numbers of its layout come back for the DOCX contents, and this process
    writes the DOCX while the other writes the PDF: a build then uses two cores and lays each
    document out once. `prepared` is a render_meeting() result
    to write instead of rendering again (the live preview has just rendered it)."""
    if prepared is not None:
        rendered, ctx = [r for r in prepared[0] if not options.kinds or r.kind in options.kinds], prepared[1]
    else:
        rendered, ctx = render_meeting(project, meeting_id, options)
    root = output_root(project, options.out_dir)
    planned = [(item, fmt, output_path(root, meeting_id, item.kind, fmt, options.language)) for item in rendered for fmt in options.formats]
    pending, pages = [], {}
    if alongside is not None:  # the PDFs first, so that the other process starts at once
        for item, fmt, target in planned:
            if fmt == "pdf":
                if "docx" in options.formats:  # the DOCX contents take their page numbers from this layout
                    pages[item.kind] = alongside.submit(lay_out_alongside, item.html, ctx)
                pending.append(alongside.submit(write_format, fmt, item.html, target, ctx))
    for item, fmt, target in planned:
        if alongside is not None and fmt == "pdf":
            continue
        if item.kind in pages:
            ctx.cache["heading-pages"] = (item.html, pages[item.kind].result())
        write_format(fmt, item.html, target, ctx)
    for job in pending:
        job.result()
    return [target for _, _, target in planned]


def render_meeting(project: Project, meeting_id: str, options: BuildOptions) -> tuple[list[Rendered], WriteContext]:
    """The HTML of every requested kind, and what the writers need to write it."""
    meeting = load_meetings(project, [meeting_id])[meeting_id]
    for line in meeting.doc.warnings:
        log.warning("%s", line)
    house = load_house(template_search_path(project), meeting.document.house)
    search_path = template_search_path(project, house.name)
    renderer = Renderer(search_path)
    available = renderer.kinds()
    kinds = options.kinds or tuple(available)
    for kind in kinds:
        if kind not in available:
            raise UsageProblem(f"unknown report kind '{kind}'{did_you_mean(kind, available)} (available: {', '.join(available)})")
    language = options.language or meeting.document.language
    labels = Labels.load(language, search_path)
    source_language = meeting.document.language  # the language of the text in the YAML
    source_direction = ""
    if is_edition(meeting, language):
        meeting = load_edition(project, meeting_id, language, allow_untranslated=options.allow_untranslated).meeting
        if source_language in available_languages(search_path):
            source = Labels.load(source_language, search_path).get("direction", "ltr")
            source_direction = source if source != labels.get("direction", "ltr") else ""
    check_fonts(language)

    def render(kind: str) -> str:
        return renderer.render(kind, context_for(meeting, labels, kind, draft=options.draft, house=house, root=project.root,
                                                 search_path=search_path))

    rendered = [Rendered(kind, render(kind)) for kind in kinds]
    record = [kind for kind in available if kind not in kinds]  # a summary built alone refers to the report's numbers
    numbered = number_documents(project, meeting_id, [r.html for r in rendered], lambda: [render(kind) for kind in record])
    for item, html in zip(rendered, numbered):
        item.html = untranslated_html(html, source_language, source_direction)
    title = plain(cite_documents(strip_markers(meeting.document.title), meeting.document_references()))  # [doc:id] as printed
    return rendered, WriteContext(search_path, title, house.language_tag(language), creation_time(meeting),
                                  stylesheets(template_search_path(project), house.name, language, labels.get("direction", "ltr")),
                                  pdf_standard=options.pdf_standard, direction=labels.get("direction", "ltr"),
                                  measures=house.measures)
