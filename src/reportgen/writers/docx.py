"""DOCX writer: walks the same semantic HTML as the PDF writer and writes it with python-docx.

The builder is split by job: running text and lists here, page furniture in docx_furniture.py,
tables in docx_tables.py, shared helpers in docx_common.py.

Styles come from templates/reference.docx (restyle it in Word); what python-docx lacks
(footnotes, numbering, fields, bookmarks) comes from ooxml.py.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..render.contract import parse
from ..core.errors import TemplateProblem
from . import GENERATOR, WriteContext, ooxml, ooxml_revisions, ooxml_tables
from ..core.atomic import atomic_target
from ..style import brief_looks
from ..style.measures import Measures, points
from .docx_common import (INLINE, PARAGRAPH_STYLES, SPACE, Container, Fmt, bookmark_name, classes, image_bytes,
                          remember_style_ids, set_page_margins, set_sides, style_chain)
from .docx_furniture import Furniture, number_paragraph
from .docx_language import apply_language
from .docx_styles import ensure_styles, run_property
from .docx_tables import Tables

log = logging.getLogger(__name__)



class DocxBuilder(Furniture, Tables):
    """Walks the HTML body and writes it into a python-docx document."""

    def __init__(self, document: Any, pages: dict[str, int] | None = None, measures: Measures | None = None) -> None:
        self.doc = document
        self.measures = measures or Measures()  # the house's lengths and colours (house.yaml), as the PDF has them
        self.spacing = self.measures.spacing  # block class -> space above and below it
        self.lines: dict[str, dict[str, str]] = {}  # in such a block: line class -> its margins (house.yaml lines)
        self.list_indent = Pt(points(self.measures.list_indent))
        self.after_table: Any = None  # the container a table was just added to (its next paragraph keeps the table's margin)
        self.list_offset = Pt(0)  # where the list being written starts
        self.sub_indent = Pt(0)  # where a part's own lists start (a part with numbered paragraphs: sub_paragraph_indent)
        self.pages = pages or {}  # element id -> page in the PDF layout (the contents' page numbers)
        self.footnotes = ooxml.Footnotes(document)
        self.style_names = {style.name for style in document.styles}
        self.numbering = ooxml.Numbering(document, round(points(self.measures.list_indent) * 20))
        self.revisions = ooxml_revisions.Revisions()
        self.bookmarks = 0
        self.symbol = ""
        self.watermark = ""
        self.pending_break = False
        self.in_landscape = False  # a landscape section is open (docx_furniture.landscape)
        self.in_columns = False  # a two-column section is written and still open (docx_furniture.columns)
        self.in_brief = False  # a briefing note: page 1 (div.brief) written, its looks apply (style/brief_looks.py)
        self.front: dict[str, str] = {}  # inside a brief's page 1: style -> its "Front" style

    # ------------------------------------------------------------------ paragraphs and text

    def paragraph(self, container: Container, style: str | None) -> Paragraph:
        if self.in_columns:
            self.end_columns()  # a section break, starting a new page if one is pending
        if self.pending_break and self.in_landscape:
            self.end_landscape()  # the section break starts the new page
            self.pending_break = False
        p = container.paragraph(self.front.get(style, style) if style else style)
        if self.after_table is container.target:  # the table's bottom margin, collapsed with the paragraph's own
            _at_least(p, "space_before", points(self.measures.space_after["table"]))
        self.after_table = None
        if self.pending_break:
            p.paragraph_format.page_break_before = True
            self.pending_break = False
        return p

    def text(self, p: Paragraph, value: str | None, fmt: Fmt, link: Any = None) -> None:
        if not value:
            return
        value = SPACE.sub(" ", value)
        # Every run so far, tracked insertions and deletions included (so both views keep their spaces).
        existing = "".join(Run(r, p).text or _deleted_text(r) for r in p._p.iter(qn("w:r"))) if link is None else "x"
        if not existing or existing.endswith((" ", "\n")):
            value = value.lstrip(" ")
        if not value:
            return
        run = ooxml.hyperlink_run(link, p) if link is not None else p.add_run()
        ooxml.set_run_text(run, value)
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        if fmt.sup:
            run.font.superscript = True
        if fmt.sub:
            run.font.subscript = True
        if link is not None:
            run.font.underline = True
        if fmt.untranslated:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def inline(self, p: Paragraph, el: Any, fmt: Fmt, link: Any = None) -> None:
        """The inline content of `el` (text and inline children), appended to paragraph `p`."""
        self.text(p, el.text, fmt, link)
        for child in el:
            if isinstance(child.tag, str):
                self.inline_element(p, child, fmt, link)
            self.text(p, child.tail, fmt, link)

    def inline_element(self, p: Paragraph, el: Any, fmt: Fmt, link: Any) -> None:
        tag = el.tag
        if tag == "strong":
            self.inline(p, el, replace(fmt, bold=True), link)
        elif tag == "em":
            self.inline(p, el, replace(fmt, italic=True), link)
        elif tag == "sup":
            self.inline(p, el, replace(fmt, sup=True, sub=False), link)
        elif tag == "sub":
            self.inline(p, el, replace(fmt, sup=False, sub=True), link)
        elif tag == "span" and "untranslated" in classes(el):
            self.inline(p, el, replace(fmt, untranslated=True), link)
        elif tag == "br":
            p.add_run().add_break()
        elif tag == "img":
            self.picture(p, el)
        elif tag in {"ins", "del"}:  # a redline's tracked change
            self.revisions.wrap(link if link is not None else p._p, el, lambda: self.inline(p, el, fmt, link))
        elif tag == "a":
            href = el.get("href") or ""
            if href.startswith("#") and not el.text_content().strip():
                ooxml.add_field(p, f"PAGEREF {bookmark_name(href[1:])} \\h")  # an empty internal link: the target's page
            elif href.startswith("#"):
                self.inline(p, el, fmt, ooxml.add_hyperlink(p, anchor=bookmark_name(href[1:])))
            else:
                self.inline(p, el, fmt, ooxml.add_hyperlink(p, url=href))
        elif tag == "span" and "label" in classes(el) and el.getparent().tag in {"h1", "h2"}:
            self.inline(p, el, fmt, link)
            if (el.tail or "").startswith(" "):  # the space after it, widened by the PDF's margin (label_gap)
                gap = self.measures.label_gap_points(_style_size(p.style))
                ooxml.set_run_text(run := p.add_run(), " ")
                run_property(run._r.get_or_add_rPr(), "w:spacing", round(gap * 20))  # twentieths of a point
        elif tag == "span" and "fn" in classes(el):
            note = self.footnotes.add(p, el.get("data-mark"))
            self.inline(note, el, Fmt())
        else:  # span.label and anything inline without meaning of its own
            self.inline(p, el, fmt, link)

    def annex_heading(self, p: Paragraph, el: Any, label: Any) -> None:
        """"Annex 2" over "MEETING AGENDA", as print.css lays it out: the label in its own case
        on a line of its own."""
        self.inline(p, label, Fmt())
        for run in p.runs:
            run.font.all_caps = False
        p.add_run().add_break()
        self.text(p, (label.tail or "").lstrip(), Fmt())
        for child in label.itersiblings():
            if isinstance(child.tag, str):
                self.inline_element(p, child, Fmt(), None)
            self.text(p, child.tail, Fmt())

    def picture(self, p: Paragraph, el: Any) -> None:
        """An <img> as an inline picture as wide as the text: Word gets the raster version
        (data-raster) when src is an SVG, which python-docx cannot embed."""
        data = image_bytes(el.get("data-raster") or el.get("src") or "")
        run = p.add_run()
        shape = run.add_picture(io.BytesIO(data), width=Emu(self.text_width()))
        shape._inline.docPr.set("descr", el.get("alt") or "")

    def finish_paragraph(self, p: Paragraph) -> None:
        """Drop the trailing space of the paragraph's last text (not run.text=, which would also
        drop a footnote reference or field sharing that run)."""
        texts = p._p.findall(f".//{qn('w:t')}")
        if texts and texts[-1].text:
            texts[-1].text = texts[-1].text.rstrip(" ")

    # ------------------------------------------------------------------ blocks

    def blocks(self, el: Any, container: Container, depth: int = 0) -> None:
        for child in el:
            if isinstance(child.tag, str):
                self.block(child, container, depth)

    def block(self, el: Any, container: Container, depth: int = 0) -> None:
        tag, cls = el.tag, classes(el)
        if tag == "header":
            self.masthead(el)
        elif tag == "div" and "watermark" in cls:
            self.watermark = SPACE.sub(" ", el.text_content()).strip()
        elif tag == "div" and "page-break" in cls:
            self.pending_break = True
        elif tag == "div" and brief_looks.FRONT in cls:  # a brief's page 1: its lines in their "Front" styles
            self.in_brief = True
            self.front = {style: front for style, front in brief_looks.front_styles().items() if front in self.style_names}
            self.blocks(el, container, depth)
            self.front = {}
        elif tag == "div" and cls & (set(self.spacing) | set(self.measures.lines)):
            name = min(cls & (set(self.spacing) | set(self.measures.lines)))
            start = len(self.doc.element.body) - 1  # new paragraphs go before the final w:sectPr
            outer, self.lines = self.lines, self.measures.lines.get(name, {})  # its lines' own spacing and indents
            self.blocks(el, container, depth)
            self.lines = outer
            if "front" in cls:
                self.pending_break = True
            made = [Paragraph(e, container.target) for e in self.doc.element.body[start:] if e.tag == qn("w:p")]
            before, after = (points(side) for side in self.spacing.get(name, ("0pt", "0pt")))
            if made:  # as CSS collapses the block's margin with its first and last lines': the larger
                _at_least(made[0], "space_before", before)
                _at_least(made[-1], "space_after", after)
        elif tag == "div":
            self.blocks(el, container, depth)
            if "front" in cls:
                self.pending_break = True
        elif tag == "nav":
            self.contents(el, container)
        elif tag == "section" and "landscape" in cls:
            self.landscape(el, container)
        elif tag == "section" and "columns" in cls:
            self.columns(el, container)
        elif tag == "section" and el.get("data-numbering") == "paragraphs":  # its lists start at sub_paragraph_indent
            self.sub_indent, outer = Pt(points(self.measures.sub_paragraph_indent)), self.sub_indent
            self.blocks(el, container, depth)
            self.sub_indent = outer
        elif tag == "section":
            if "annex" in cls:
                self.pending_break = True
            self.blocks(el, container, depth)
        elif tag in {"h1", "h2", "h3", "h4"}:
            p = self.paragraph(container, f"Heading {tag[1]}")
            label = el.find("span")
            if tag == "h1" and "annex" in classes(el.getparent()) and label is not None and "label" in classes(label) and not (el.text or "").strip():
                self.annex_heading(p, el, label)
            else:
                self.inline(p, el, Fmt())
            self.finish_paragraph(p)
            self.bookmarks += 1
            ooxml.add_bookmark(p, bookmark_name(el.get("id")), self.bookmarks)
        elif tag == "p":
            style = next((PARAGRAPH_STYLES[c] for c in cls if c in PARAGRAPH_STYLES), "Body Text")
            p = self.paragraph(container, style)
            for line in sorted(cls & set(self.lines))[:1]:  # house.yaml lines: this line's margins, as the PDF's
                set_sides(p, self.lines[line])
            if "bio-name" in cls:  # print.css: the name sits close above its biography
                p.paragraph_format.keep_with_next = True
                p.paragraph_format.space_after = Pt(points(self.measures.space_after["bio-name"]))
            if el.get("data-number"):
                number_paragraph(p, el.get("data-number"), Pt(points(self.measures.number_indent)))
            self.inline(p, el, Fmt())
            self.finish_paragraph(p)
            if el.get("id"):  # a link target (a brief's annex of full texts)
                self.bookmarks += 1
                ooxml.add_bookmark(p, bookmark_name(el.get("id")), self.bookmarks)
        elif tag in {"ol", "ul"}:
            self.list(el, container, depth)
        elif tag == "table":
            self.table(el, container)
        else:
            self.blocks(el, container, depth)

    def flow(self, el: Any, container: Container, style: str, depth: int, first: Paragraph | None = None) -> None:
        """Mixed content (text, inline elements, block elements) as consecutive paragraphs."""
        current = first
        if el.text and el.text.strip():
            current = current or self.paragraph(container, style)
            self.text(current, el.text, Fmt())
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag in INLINE:
                current = current or self.paragraph(container, style)
                self.inline_element(current, child, Fmt(), None)
            else:
                if current is not None:
                    self.finish_paragraph(current)
                if child.tag == "p":
                    if current is not None:  # text, then a paragraph: CSS puts no space between the two
                        current.paragraph_format.space_after = Pt(0)
                    p = self.paragraph(container, style)
                    if depth:  # a paragraph of a list item: indented with the item's text
                        p.paragraph_format.left_indent = self.list_offset + self.list_indent * depth
                        if container.target is self.doc:  # and a paragraph's space after (print.css p)
                            p.paragraph_format.space_after = self.doc.styles["Body Text"].paragraph_format.space_after
                    self.inline(p, child, Fmt())
                    self.finish_paragraph(p)
                else:
                    self.block(child, container, depth)
                current = None
            if child.tail and child.tail.strip():
                current = current or self.paragraph(container, style)
                self.text(current, child.tail, Fmt())
        if current is not None:
            self.finish_paragraph(current)

    def list(self, el: Any, container: Container, depth: int) -> None:
        style = el.get("data-style") or "1." if el.tag == "ol" else "-"
        markers = not classes(el) & {"plain", "compact"}
        if depth == 0:  # a part's own list (not one in a table cell): where the part's lists start
            self.list_offset = self.sub_indent if container.target is self.doc else Pt(0)
        num_id = self.numbering.new_list(style, int(el.get("start") or 1), depth, round(self.list_offset / 635)) if markers else 0
        compact = "compact" in classes(el)
        in_cell = container.target is not self.doc  # print.css: a table's lists in the table's type (Table Text)
        if not in_cell and not self.pending_break:  # (after a forced break the list starts a page anyway)
            _keep_with_list(self.doc)
        para_style = "List Compact" if compact else "Table Text" if in_cell else "List Paragraph"
        for li in el.findall("li"):
            p = self.paragraph(container, para_style)
            if in_cell and not compact:
                p.paragraph_format.space_after = Pt(points(self.measures.space_after["cell-item"]))
            if compact:  # ul.compact: a dash in a narrow hanging indent, as the PDF's (brief_looks.COMPACT_INDENT)
                hang = Emu(round(brief_looks.COMPACT_INDENT * 360000))
                p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = hang, Emu(-hang)
                p.paragraph_format.tab_stops.add_tab_stop(hang)
                p.add_run("–\t")
            elif markers:
                ooxml.set_numbering(p, num_id)
            else:
                p.paragraph_format.left_indent = self.list_offset + self.list_indent * (depth + 1)
            self.flow(li, container, para_style, depth + 1, first=p)
        look = brief_looks.look(self.front.get(para_style, para_style)) if self.in_brief else None
        if el.findall("li") and (look is not None and look.end is not None or not compact and not in_cell):
            # in a cell (ul margin 0) the last item keeps its own; print.css: a list ends with a paragraph's
            # space (0.75em), more than an item's: Body Text's; a brief's lists, their look's end.
            last = container.target.paragraphs[-1] if hasattr(container.target, "paragraphs") else None
            if last is not None and last.style.name == self.front.get(para_style, para_style):
                end = Pt(look.end) if look is not None and look.end is not None else None
                last.paragraph_format.space_after = end or self.doc.styles["Body Text"].paragraph_format.space_after or Pt(8.25)


def _keep_with_list(document: Any) -> None:
    """Keep the paragraph just written (a list's lead-in, or the text of the item a sub-list belongs to)
    on the page of the list's first item: the PDF (WeasyPrint) never breaks a page between a block and
    the first item of a list after it, and moves the two together."""
    body = document.element.body
    last = body[-2] if len(body) > 1 else None  # body[-1] is the section's w:sectPr
    if last is not None and last.tag == qn("w:p"):
        Paragraph(last, document).paragraph_format.keep_with_next = True


def _style_size(style: Any) -> float:
    """The font size a paragraph style gives (its own, else its base style's), in points."""
    return next((s.font.size.pt for s in style_chain(style) if s.font.size is not None), 11.0)


def _at_least(p: Paragraph, side: str, points: float) -> None:
    """Give the paragraph at least `points` of space on that side (its own, else its style's)."""
    value = getattr(p.paragraph_format, side)
    if value is None:
        value = next((v for s in style_chain(p.style) if (v := getattr(s.paragraph_format, side)) is not None), None)
    if (value or 0) < Pt(points):
        setattr(p.paragraph_format, side, Pt(points))


def _deleted_text(r: Any) -> str:
    return "".join(t.text or "" for t in r.iter(qn("w:delText")))


def _clear_body(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def write_docx(html: str, target: Path, ctx: WriteContext) -> None:
    from .pdf import heading_pages  # the PDF layout gives the contents its page numbers

    reference = ctx.find("reference.docx")
    try:
        document = docx.Document(str(reference))
    except PackageNotFoundError:  # empty, or not a zip package at all
        raise TemplateProblem(f"{reference}: not a usable Word document (not a .docx package)") from None
    except KeyError as exc:  # a zip package without the parts of a Word document
        raise TemplateProblem(f"{reference}: not a usable Word document ({exc.args[0]})") from None
    except Exception as exc:  # a user-supplied file: corrupt, or a package of another kind
        raise TemplateProblem(f"{reference}: not a usable Word document ({type(exc).__name__}: {exc})") from None
    _clear_body(document)
    set_page_margins(document, ctx.measures.page_margins, ctx.direction)  # the house's, as the PDF's @page
    ensure_styles(document)
    remember_style_ids(document)
    root = parse(html)
    builder = DocxBuilder(document, heading_pages(html, ctx) if root.find(".//nav") is not None else {}, ctx.measures)
    body = root.find("body")
    builder.blocks(body, Container(document))
    builder.headers_and_footers()
    builder.revisions.finish(document.element.body, *([builder.footnotes._root] if builder.footnotes._root is not None else []))
    apply_language(document, ctx.language, ctx.direction, ctx.stylesheets, builder.footnotes._root)
    builder.footnotes.finish()
    ooxml_tables.align_grids(document)
    _set_properties(document, root, ctx)
    with atomic_target(target) as tmp:
        _save_reproducibly(document, tmp, ctx.created.timetuple()[:6])
    log.info("wrote %s", target)


def _set_properties(document: Any, root: Any, ctx: WriteContext) -> None:
    """Core and application properties from the same <head> the PDF's metadata comes from."""

    def meta(name: str) -> str:
        found = root.find(f".//head/meta[@name='{name}']")
        return (found.get("content") or "") if found is not None else ""

    props = document.core_properties
    props.title = word_title(ctx.title)
    props.language = ctx.language
    ooxml.set_default_language(document, ctx.language)
    props.author = meta("author")
    props._element.get_or_add_keywords().text = meta("keywords")  # python-docx caps the property at 255 characters; OOXML does not
    props.subject = meta("description")
    if meta("dcterms.identifier"):  # the document's symbol, where it has one
        props.identifier = meta("dcterms.identifier")
    props.comments = ""
    props.last_modified_by = GENERATOR
    props.created = ctx.created.replace(tzinfo=None)
    props.modified = ctx.created.replace(tzinfo=None)
    props.revision = 1
    ooxml.set_application(document, GENERATOR)


def word_title(title: str, limit: int = 255) -> str:
    """The title as Word's core properties hold it: at most 255 characters (python-docx's limit),
    cut at a word and marked with an ellipsis. Only this property is shortened."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _zip_time(date_time: tuple[int, ...]) -> tuple[int, int, int, int, int, int]:
    """Zip entry stamps run from 1980 to 2107: an older or later document date is clamped."""
    clamped = min(max(tuple(date_time), (1980, 1, 1, 0, 0, 0)), (2107, 12, 31, 23, 59, 58))
    return clamped  # type: ignore[return-value]


def _save_reproducibly(document: Any, path: Path, date_time: tuple[int, ...]) -> None:
    """Save with fixed zip entry dates, so unchanged content gives a byte-identical file."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_zip_time(date_time))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
