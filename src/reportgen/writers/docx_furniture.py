"""Page furniture of the DOCX writer: masthead, contents, landscape sections, headers and footers."""

from __future__ import annotations

from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.run import Run
from lxml import etree

from . import ooxml, ooxml_drawing
from .docx_common import Container, Fmt, bookmark_name, classes


class Furniture:
    """Mixin of DocxBuilder: the parts of the page that are not running text."""

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
                # a redline gives the later version's symbol apart from its marked-up text
                self.symbol = item.get("data-symbol") or item.text_content().strip()
        rule = self.doc.add_paragraph(style="Masthead")
        border = etree.SubElement(rule._p.get_or_add_pPr(), qn("w:pBdr"))
        bottom = etree.SubElement(border, qn("w:bottom"))
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), value)

    def contents(self, el: Any, container: Container) -> None:
        entries = [p for p in el if p.tag == "p" and classes(p) & {"toc-1", "toc-2"}]
        for head in (p for p in el if p.tag == "p" and classes(p) & {"toc-head", "toc-page"}):
            self.block(head, container)
        tab_pos = self.text_width() - Cm(0.8)  # print.css: the numbers stand 0.8 cm inside the margin
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
            for run in hyperlink.iter(qn("w:r")):  # a contents entry reads as text, not as a link
                Run(run, p).font.underline = None
            p.add_run("\t")
            page = self.pages.get((link.get("href") or "#")[1:]) if link is not None else None
            ooxml.add_field(p, f"PAGEREF {anchor} \\h", str(page) if page else "")
            if index == len(entries) - 1:
                ooxml.end_field(p)
        if el.getparent().tag == "body":  # a contents page; inside a div (a brief's page 1) the text runs on
            self.pending_break = True

    def landscape(self, el: Any, container: Container) -> None:
        if self.in_landscape:  # landscape pages already: print.css runs on without a break too
            self.blocks(el, container)
            return
        portrait = self.doc.sections[-1]
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = portrait.page_height, portrait.page_width
        section.different_first_page_header_footer = False
        self.pending_break = False  # the section break already starts a new page
        self.blocks(el, container)
        # As in print.css (the next element's page is `auto`): what follows stays on landscape
        # pages until the next forced page break, which end_landscape() turns into the section
        # break back to portrait. A note under the table keeps its page; nothing adds a page.
        self.in_landscape = True

    def end_landscape(self) -> None:
        """Close a landscape section: the pages that follow are portrait again."""
        landscape = self.doc.sections[-1]
        back = self.doc.add_section(WD_SECTION.NEW_PAGE)
        back.orientation = WD_ORIENT.PORTRAIT
        back.page_width, back.page_height = landscape.page_height, landscape.page_width
        back.different_first_page_header_footer = False
        self.in_landscape = False

    def columns(self, el: Any, container: Container) -> None:
        """section.columns: a continuous section in two columns, then back to one."""
        section = self.doc.add_section(WD_SECTION.CONTINUOUS)
        section.different_first_page_header_footer = False
        _set_columns(section, 2)
        self.blocks(el, container)
        if not _ends_document(el):
            _set_columns(self.doc.add_section(WD_SECTION.CONTINUOUS), 1)

    def text_width(self) -> int:
        s = self.doc.sections[-1]
        return int(s.page_width - s.left_margin - s.right_margin)

    def headers_and_footers(self) -> None:
        first = self.doc.sections[0]
        ooxml.title_page(first)
        header = first.header.paragraphs[0]
        header.text = self.symbol
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if self.watermark:
            for number, part in enumerate((first.header, first.first_page_header), start=1):
                ooxml_drawing.add_watermark(part.paragraphs[0], self.watermark, number)
        footer = first.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.add_field(footer, "PAGE", "1")


def _set_columns(section: Any, number: int) -> None:
    """Text columns of a section (w:cols), 0.7 cm apart."""
    sect_pr = section._sectPr
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = etree.SubElement(sect_pr, qn("w:cols"))
        later = [sect_pr.find(qn(tag)) for tag in ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")]
        first_later = next((e for e in later if e is not None), None)
        if first_later is not None:
            first_later.addprevious(cols)
    cols.set(qn("w:num"), str(number))
    cols.set(qn("w:space"), "397")


def _ends_document(el: Any) -> bool:
    """True if no element follows `el` in the body (at any level of nesting)."""
    node = el
    while node is not None and node.tag != "body":
        if any(isinstance(sibling.tag, str) for sibling in node.itersiblings()):
            return False
        node = node.getparent()
    return True
