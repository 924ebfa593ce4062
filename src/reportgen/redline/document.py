"""`reportgen redline`: what changed in a meeting's documents since an earlier version.

Both versions are loaded, validated and rendered as for a build; htmldiff.py merges the two
renderings into one HTML with <ins> and <del>; both writers show that same HTML (the DOCX as Word
tracked changes). The PDF ends with pages listing every change by its reference and the page of
the clean (later) document it stands on, so that the text keeps the clean document's page numbers.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from ..writers.output import FORMATS, creation_time, output_root, writer_for
from .changelist import Change, changes
from ..render.contract import check_html, parse
from ..core.errors import ContentError, UsageProblem, did_you_mean
from ..style.houses import load_house, stylesheets
from .htmldiff import Merge, diff_html
from ..style.labels import Labels
from ..render.markup import plain
from ..render.mentions import cite_documents
from ..content.model import Meeting, load_meetings
from ..render.numbering import number_documents
from ..core.project import Project
from ..style.search_path import template_search_path
from ..render.environment import Renderer, context_for
from .pages import clean_pages
from .versions import Version, git_author, open_version, relabel
from .worddiff import Stamp
from ..writers import WriteContext

log = logging.getLogger(__name__)

CHANGES_TEMPLATE = "redline/changes.html.j2"
WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class RedlineOptions:
    from_ref: str
    to_ref: str | None = None
    kinds: tuple[str, ...] = ()
    formats: tuple[str, ...] = FORMATS
    out_dir: Path | None = None
    author: str | None = None
    revision: int | None = None


@dataclass
class Redline:
    """One report kind's redline: the merged HTML for both writers and its list of changes."""

    kind: str
    merge: Merge
    changes: list[Change]
    pdf_html: str

    @property
    def docx_html(self) -> str:
        return self.merge.html()


def redline_path(root: Path, meeting_id: str, kind: str, fmt: str) -> Path:
    """output/<meeting>/<meeting>-<kind>-redline.<fmt>"""
    return root / meeting_id / f"{meeting_id}-{kind}-redline.{fmt}"


def _load(version: Version, meeting_id: str) -> Meeting:
    try:
        return load_meetings(version.project, [meeting_id])[meeting_id]
    except ContentError as exc:
        if version.label == "working tree":
            raise
        raise relabel(exc, version) from None
    except UsageProblem as exc:
        raise UsageProblem(f"{version.label}: {exc.message}") from None


def revised_symbol(symbol: str | None, revision: int | None) -> str | None:
    """LC/L.3702 -> LC/L.3702/Rev.1 (the UN suffix of a revision, which replaces the text before)."""
    if not symbol or not revision:
        return symbol
    return f"{symbol}/Rev.{revision}"


def build_redline(project: Project, meeting_id: str, options: RedlineOptions) -> list[Path]:
    """Render both versions of every requested kind, merge them, then write each format."""
    if options.revision is not None and options.revision < 1:
        raise UsageProblem("--revision must be 1 or more")
    with open_version(project, options.from_ref) as earlier, open_version(project, options.to_ref) as later:
        old, new = _load(earlier, meeting_id), _load(later, meeting_id)
        # Each version in its own house style (issue 8): its furniture, numbering and stylesheets.
        old_house = load_house(template_search_path(earlier.project), old.document.house)
        new_house = load_house(template_search_path(later.project), new.document.house)
        old_path = template_search_path(earlier.project, old_house.name)
        new_path = template_search_path(later.project, new_house.name)
        old_renderer, new_renderer = Renderer(old_path), Renderer(new_path)
        available = new_renderer.kinds()
        kinds = options.kinds or tuple(available)
        for kind in kinds:
            if kind not in available:
                raise UsageProblem(f"unknown report kind '{kind}'{did_you_mean(kind, available)} (available: {', '.join(available)})")
        old_labels = Labels.load(old.document.language, old_path)
        new_labels = Labels.load(new.document.language, new_path)
        created = creation_time(new)
        stamp = Stamp(options.author or git_author(project.root) or "reportgen", created.strftime("%Y-%m-%dT%H:%M:%SZ"))
        # Still inside the versions: a later git revision's own templates are in its temporary folder.
        title = plain(cite_documents(new.document.title, new.document_references()))  # [doc:id] as printed
        ctx = WriteContext(new_path, title, new_house.language_tag(new.document.language), created,
                           stylesheets(template_search_path(later.project), new_house.name), measures=new_house.measures)
        redlines = []
        for kind in kinds:
            old_html = _numbered(earlier, meeting_id, old_renderer, kind, context_for_kind=lambda k: context_for(
                old, old_labels, k, house=old_house, root=earlier.project.root, search_path=old_path))
            new_html = _numbered(later, meeting_id, new_renderer, kind, context_for_kind=lambda k: {**context_for(
                new, new_labels, k, house=new_house, root=later.project.root, search_path=new_path), "revision": options.revision})
            merge = diff_html(old_html, new_html, stamp)
            found = changes(merge, getattr(new_labels, "redline_refs", None))
            pages = clean_pages(merge, found, ctx) if "pdf" in options.formats else {}
            page = _changes_page(new_renderer, new_labels, new, earlier, later, found, pages, merge, options.revision)
            redline = Redline(kind, merge, found, _with_page(merge, page))
            check_html(redline.docx_html, f"redline of {kind}")
            check_html(redline.pdf_html, CHANGES_TEMPLATE)
            redlines.append(redline)
            log.info("%s: %d changed item(s), %d move(s)", kind, len(found), merge.moves)
        root = output_root(project, options.out_dir)
        written: list[Path] = []
        for redline in redlines:
            for fmt in options.formats:
                target = redline_path(root, meeting_id, redline.kind, fmt)
                writer_for(fmt)(redline.pdf_html if fmt == "pdf" else redline.docx_html, target, ctx)
                written.append(target)
    return written


def _numbered(version: Version, meeting_id: str, renderer: Renderer, kind: str,
              context_for_kind: Callable[[str], dict[str, Any]]) -> str:
    """One kind of one version, its paragraphs numbered; a chair's summary that cites the report's
    paragraphs gets that version's report numbers, as `build` gives them (render/numbering.py)."""
    def render(other: str) -> str:
        return renderer.render(other, context_for_kind(other))

    record = [other for other in renderer.kinds() if other != kind]
    [html] = number_documents(version.project, meeting_id, [render(kind)], lambda: [render(other) for other in record])
    return html


def _changes_page(renderer: Renderer, labels: Labels, meeting: Meeting, earlier: Version, later: Version,
                  found: list[Change], pages: dict[str, int], merge: Merge, revision: int | None) -> str:
    symbol = meeting.document.symbol
    replaced = None
    if revision and symbol:
        replaced = revised_symbol(symbol, revision - 1) if revision > 1 else symbol
    return renderer.render_template(CHANGES_TEMPLATE, dict(
        labels=labels,
        earlier=earlier.label,
        later=later.label,
        changes=found,
        pages=pages,
        insertions=sum(c.insertions for c in found),
        deletions=sum(c.deletions for c in found),
        moves=merge.moves,
        symbol=revised_symbol(symbol, revision),
        replaced=replaced,
    ))[0]


def _with_page(merge: Merge, page: str) -> str:
    """The merged document with the list of changes after the text, on pages of its own (PDF only:
    in Word, the reviewing pane lists the changes, and accepting them all must give the later
    version). After, not before: the text keeps the page numbers of the clean document."""
    root = copy.deepcopy(merge.root)
    body = root.find("body")
    fragment: Any = parse(f"<html><body>{page}</body></html>").find("body")
    for el in list(fragment):
        body.append(el)
    _word_marks(body)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _word_marks(body: Any) -> None:
    """In edited blocks, one <ins>/<del> per word, so that each line holding changed words gets its
    own change bar in the PDF (print.css draws a bar at every mark; a long mark would get one)."""
    for block in body.iter():
        if block.get("data-change") != "edit":
            continue
        for mark in [m for m in block.iter("ins", "del") if len(m) == 0 and m.text]:
            words = WORDS.findall(mark.text)
            if len(words) < 2:
                continue
            mark.text = words[0]
            for word in reversed(words[1:]):
                twin = etree.Element(mark.tag, attrib=dict(mark.attrib))
                twin.text = word
                mark.addnext(twin)
            # the tail stays after the last word
            last = mark
            for _ in words[1:]:
                last = last.getnext()
            last.tail, mark.tail = mark.tail, None
