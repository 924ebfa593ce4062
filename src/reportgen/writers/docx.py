"""DOCX writer: walks the same semantic HTML as the PDF writer and writes it with python-docx.

Styles come from templates/reference.docx (restyle it in Word); what python-docx lacks
(footnotes, numbering, fields, bookmarks) comes from ooxml.py.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph
from lxml import etree

from ..contract import parse
from . import WriteContext, atomic_target
from . import ooxml
from .docx_styles import ensure_styles

log = logging.getLogger(__name__)

INLINE = {"strong", "em", "sup", "sub", "a", "br", "span"}
PARAGRAPH_STYLES = {
    "para": "Body Text",
    "issuer": "Masthead Issuer",
    "cover-line": "Cover Line",
    "title": "Document Title",
    "subtitle": "Document Subtitle",
    "kind": "Document Kind",
    "dateline": "Dateline",
    "toc-head": "Contents Heading",
    "toc-page": "Contents Page",
    "toc-1": "TOC 1",
    "toc-2": "TOC 2",
    "bio-name": "Body Text",
    "caption": "Caption",
    "centered": "Centered",
}
_SPACE = re.compile(r"\s+")


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits and underscores, at most 40."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return ("_" + name if not name[:1].isalpha() else name)[:40]


def classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


@dataclass
class Fmt:
    bold: bool = False
    italic: bool = False
    sup: bool = False
    sub: bool = False


class Container:
    """Where paragraphs and tables go: the document body or a table cell."""

    def __init__(self, target: Any, reuse_first: bool = False) -> None:
        self.target = target
        self._reuse = reuse_first

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self._reuse:
            self._reuse = False
            p = self.target.paragraphs[0]
            if style:
                p.style = style
            return p
        return self.target.add_paragraph(style=style)


class DocxBuilder:
    def __init__(self, document: Any) -> None:
        self.doc = document
        self.footnotes = ooxml.Footnotes(document)
        self.numbering = ooxml.Numbering(document)
        self.bookmarks = 0
        self.symbol = ""
        self.watermark = ""
        self.pending_break = False

    # ------------------------------------------------------------------ paragraphs and text

    def paragraph(self, container: Container, style: str | None) -> Paragraph:
        p = container.paragraph(style)
        if self.pending_break:
            p.paragraph_format.page_break_before = True
            self.pending_break = False
        return p

    def text(self, p: Paragraph, value: str | None, fmt: Fmt, link: Any = None) -> None:
        if not value:
            return
        value = _SPACE.sub(" ", value)
        existing = "".join(r.text for r in p.runs) if link is None else "x"
        if not existing or existing.endswith((" ", "\n")):
            value = value.lstrip(" ")
        if not value:
            return
        run = ooxml.hyperlink_run(link, p) if link is not None else p.add_run()
        run.text = value
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        if fmt.sup:
            run.font.superscript = True
        if fmt.sub:
            run.font.subscript = True
        if link is not None:
            run.font.underline = True

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
            self.inline(p, el, Fmt(True, fmt.italic, fmt.sup, fmt.sub), link)
        elif tag == "em":
            self.inline(p, el, Fmt(fmt.bold, True, fmt.sup, fmt.sub), link)
        elif tag == "sup":
            self.inline(p, el, Fmt(fmt.bold, fmt.italic, True, False), link)
        elif tag == "sub":
            self.inline(p, el, Fmt(fmt.bold, fmt.italic, False, True), link)
        elif tag == "br":
            p.add_run().add_break()
        elif tag == "a":
            href = el.get("href") or ""
            if href.startswith("#"):
                self.inline(p, el, fmt, ooxml.add_hyperlink(p, anchor=bookmark_name(href[1:])))
            else:
                self.inline(p, el, fmt, ooxml.add_hyperlink(p, url=href))
        elif tag == "span" and "fn" in classes(el):
            note = self.footnotes.add(p, el.get("data-mark"))
            self.inline(note, el, Fmt())
        else:  # span.label and anything inline without meaning of its own
            self.inline(p, el, fmt, link)

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
            self.watermark = _SPACE.sub(" ", el.text_content()).strip()
        elif tag == "div" and "page-break" in cls:
            self.pending_break = True
        elif tag == "div":
            self.blocks(el, container, depth)
            if "front" in cls:
                self.pending_break = True
        elif tag == "nav":
            self.contents(el, container)
        elif tag == "section" and "landscape" in cls:
            self.landscape(el, container)
        elif tag == "section":
            if "annex" in cls:
                self.pending_break = True
            self.blocks(el, container, depth)
        elif tag in {"h1", "h2", "h3", "h4"}:
            p = self.paragraph(container, f"Heading {tag[1]}")
            self.inline(p, el, Fmt())
            self.finish_paragraph(p)
            self.bookmarks += 1
            ooxml.add_bookmark(p, bookmark_name(el.get("id")), self.bookmarks)
        elif tag == "p":
            style = next((PARAGRAPH_STYLES[c] for c in cls if c in PARAGRAPH_STYLES), "Body Text")
            p = self.paragraph(container, style)
            if "bio-name" in cls:
                p.paragraph_format.keep_with_next = True
            self.inline(p, el, Fmt())
            self.finish_paragraph(p)
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
                    p = self.paragraph(container, style)
                    if depth:
                        p.paragraph_format.left_indent = Emu(360000 * depth)
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
        markers = "plain" not in classes(el)
        num_id = self.numbering.new_list(style, int(el.get("start") or 1), depth) if markers else 0
        for li in el.findall("li"):
            p = self.paragraph(container, "List Paragraph")
            if markers:
                ooxml.set_numbering(p, num_id)
            else:
                p.paragraph_format.left_indent = Emu(360000 * (depth + 1))
            self.flow(li, container, "List Paragraph", depth + 1, first=p)

    # ------------------------------------------------------------------ furniture

    def masthead(self, el: Any) -> None:
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        width = self.text_width()
        left.width, right.width = Emu(int(width * 0.62)), Emu(int(width * 0.38))
        issuer = el.find("p")
        target = Container(left, reuse_first=True)
        p = target.paragraph("Masthead Issuer")
        if issuer is not None:
            self.inline(p, issuer, Fmt())
        target = Container(right, reuse_first=True)
        for item in el.iter("dt", "dd"):
            p = target.paragraph("Masthead")
            self.inline(p, item, Fmt())
            if "symbol" in classes(item):
                self.symbol = item.text_content().strip()
        rule = self.doc.add_paragraph(style="Masthead")
        border = etree.SubElement(rule._p.get_or_add_pPr(), qn("w:pBdr"))
        bottom = etree.SubElement(border, qn("w:bottom"))
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)

    def contents(self, el: Any, container: Container) -> None:
        entries = [p for p in el if p.tag == "p" and classes(p) & {"toc-1", "toc-2"}]
        for head in (p for p in el if p.tag == "p" and classes(p) & {"toc-head", "toc-page"}):
            self.block(head, container)
        tab_pos = self.text_width()
        for index, entry in enumerate(entries):
            level = "TOC 2" if "toc-2" in classes(entry) else "TOC 1"
            p = self.paragraph(container, level)
            p.paragraph_format.tab_stops.add_tab_stop(Emu(tab_pos), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if index == 0:
                ooxml.begin_field(p, 'TOC \\o "1-2" \\h \\z \\u')
            link = entry.find("a")
            anchor = bookmark_name((link.get("href") or "#")[1:]) if link is not None else ""
            hyperlink = ooxml.add_hyperlink(p, anchor=anchor)
            self.inline(p, link if link is not None else entry, Fmt(), hyperlink)
            p.add_run("\t")
            ooxml.add_field(p, f"PAGEREF {anchor} \\h")
            if index == len(entries) - 1:
                ooxml.end_field(p)
        self.pending_break = True

    def landscape(self, el: Any, container: Container) -> None:
        portrait = self.doc.sections[-1]
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = portrait.page_height, portrait.page_width
        section.different_first_page_header_footer = False
        self.pending_break = False  # the section break already starts a new page
        self.blocks(el, container)
        if _ends_document(el):
            return  # nothing follows: a section break back to portrait would add an empty page
        back = self.doc.add_section(WD_SECTION.NEW_PAGE)
        back.orientation = WD_ORIENT.PORTRAIT
        back.page_width, back.page_height = section.page_height, section.page_width
        back.different_first_page_header_footer = False

    def text_width(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    # ------------------------------------------------------------------ tables

    def table(self, el: Any, container: Container) -> None:
        rows = [(tr, tr.getparent().tag == "thead") for tr in el.iter("tr")]
        if not rows:
            return
        ncols = max(sum(int(c.get("colspan") or 1) for c in tr if c.tag in {"td", "th"}) for tr, _ in rows)
        if self.pending_break:
            self.paragraph(container, "Body Text")  # a table cannot carry the page break itself
        table = container.target.add_table(rows=len(rows), cols=ncols)
        cls = classes(el)
        if "grid" in cls:
            table.style = self.doc.styles["Table Grid"]
        widths = [int(c.get("data-width") or 1) for c in el.iter("col")] or [1] * ncols
        widths = (widths + [1] * ncols)[:ncols]
        total_width = self.text_width() if isinstance(container.target, docx.document.Document) else None
        for (tr, is_head), row in zip(rows, table.rows):
            if is_head:
                ooxml.repeat_header_row(row)
            col = 0
            for cell_el in (c for c in tr if c.tag in {"td", "th"}):
                span = int(cell_el.get("colspan") or 1)
                cell = row.cells[col]
                if span > 1:
                    cell = cell.merge(row.cells[col + span - 1])
                bold = cell_el.tag == "th"
                target = Container(cell, reuse_first=True)
                if len(cell_el) == 0 or all(c.tag in INLINE for c in cell_el):
                    p = target.paragraph("Table Text")
                    self.inline(p, cell_el, Fmt(bold=bold))
                    self.finish_paragraph(p)
                else:
                    for child in cell_el:
                        if child.tag == "p":
                            p = target.paragraph("Table Text")
                            self.inline(p, child, Fmt(bold=bold))
                            self.finish_paragraph(p)
                        else:
                            self.block(child, target)
                col += span
        if total_width:
            unit = total_width / sum(widths)
            table.autofit = False
            for row in table.rows:
                for i, cell in enumerate(row.cells[:ncols]):
                    cell.width = Emu(int(unit * widths[i]))

    # ------------------------------------------------------------------ page furniture

    def headers_and_footers(self) -> None:
        first = self.doc.sections[0]
        ooxml.title_page(first)
        header = first.header.paragraphs[0]
        header.text = self.symbol
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if self.watermark:
            for part in (first.header, first.first_page_header):
                mark = part.add_paragraph(self.watermark, style="Watermark")
                mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer = first.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.add_field(footer, "PAGE", "1")


def _ends_document(el: Any) -> bool:
    """True if no element follows `el` in the body (at any level of nesting)."""
    node = el
    while node is not None and node.tag != "body":
        if any(isinstance(sibling.tag, str) for sibling in node.itersiblings()):
            return False
        node = node.getparent()
    return True


def _clear_body(document: Any) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def write_docx(html: str, target: Path, ctx: WriteContext) -> None:
    document = docx.Document(str(ctx.find("reference.docx")))
    _clear_body(document)
    ensure_styles(document)
    builder = DocxBuilder(document)
    root = parse(html)
    body = root.find("body")
    builder.blocks(body, Container(document))
    builder.headers_and_footers()
    builder.footnotes.finish()
    ooxml.set_update_fields(document)
    props = document.core_properties
    props.title = ctx.title
    props.language = ctx.language
    props.author = "reportgen"
    props.last_modified_by = "reportgen"
    props.created = ctx.created.replace(tzinfo=None)
    props.modified = ctx.created.replace(tzinfo=None)
    props.revision = 1
    with atomic_target(target) as tmp:
        _save_reproducibly(document, tmp, ctx.created.timetuple()[:6])
    log.info("wrote %s", target)


def _save_reproducibly(document: Any, path: Path, date_time: tuple[int, ...]) -> None:
    """Save with fixed zip entry dates, so unchanged content gives a byte-identical file."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)  # type: ignore[arg-type]
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
