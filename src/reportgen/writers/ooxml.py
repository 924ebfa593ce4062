"""The OOXML python-docx does not write: footnotes, numbering, fields, bookmarks, hyperlinks.

Kept in one module so the rest of the DOCX writer speaks only python-docx.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

log = logging.getLogger(__name__)

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

# Word's own number formats and the text around the number for each list style of the contract.
LIST_FORMATS: dict[str, tuple[str, str]] = {
    "(i)": ("lowerRoman", "(%1)"),
    "i)": ("lowerRoman", "%1)"),
    "(a)": ("lowerLetter", "(%1)"),
    "a)": ("lowerLetter", "%1)"),
    "a.": ("lowerLetter", "%1."),
    "1.": ("decimal", "%1."),
    "(1)": ("decimal", "(%1)"),
    "1)": ("decimal", "%1)"),
    "-": ("bullet", "–"),
}


# --------------------------------------------------------------------------- fields and runs


def add_field(paragraph: Paragraph, instruction: str, cached: str = "") -> None:
    """A complex field (PAGE, TOC, PAGEREF …) with its cached result, which every reader shows
    as it is (no "update fields?" prompt); the user may still update it in Word."""

    def fld(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = paragraph.add_run()
    run._r.append(fld("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    paragraph.add_run()._r.append(fld("separate"))
    if cached:
        paragraph.add_run(cached)
    paragraph.add_run()._r.append(fld("end"))


# A hyphen between digits ("2010-2013") is no line-break opportunity (Unicode UAX #14), and the
# PDF does not break there; LibreOffice and Word would, unless the hyphen is a non-breaking one.
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


# A web address keeps its characters: copied from Word, a non-breaking hyphen would break the link.
_URL = re.compile(r"(?:https?://|www\.)\S+")


def set_run_text(run: Run, value: str) -> None:
    """The run's text, hyphens between digits written as Word's non-breaking hyphen (except in a
    web address, which stays as written)."""
    parts: list[str] = [""]  # text pieces; a non-breaking hyphen stands between two pieces
    last = 0
    for url in [*_URL.finditer(value), None]:
        end = url.start() if url is not None else len(value)
        pieces = _DIGIT_HYPHEN.split(value[last:end])
        parts[-1] += pieces[0]
        parts += pieces[1:]
        if url is not None:
            parts[-1] += url.group()
            last = url.end()
    run.text = parts[0]
    for part in parts[1:]:
        run._r.append(OxmlElement("w:noBreakHyphen"))
        if part:
            run._r.append(_text(part))


def set_default_language(document: Any, tag: str) -> None:
    """The language every run is in unless its style says otherwise (docDefaults' w:lang): Word
    checks spelling in it and LibreOffice hyphenates by it."""
    defaults = _child(document.styles.element, "w:docDefaults", first=True)
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), tag)
    for style in document.styles.element.iter(qn("w:lang")):  # a style naming another variant of the language
        value = style.get(qn("w:val")) or ""
        if style is not lang and value != tag and value.split("-")[0] == tag.split("-")[0]:
            style.set(qn("w:val"), tag)


def default_paragraph_properties(document: Any) -> Any:
    """docDefaults' w:pPr, added when missing: what a paragraph style that sets nothing gets."""
    defaults = _child(document.styles.element, "w:docDefaults", first=True)
    return _child(_child(defaults, "w:pPrDefault"), "w:pPr")


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    """`parent`'s child `tag`, added (first, or last) when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field whose result spans several paragraphs (the TOC); close with end_field."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    paragraph.add_run()._r.append(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    paragraph.add_run()._r.append(sep)


def end_field(paragraph: Paragraph) -> None:
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a bookmark (target of contents entries and links)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph._p
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def add_hyperlink(paragraph: Paragraph, *, url: str | None = None, anchor: str | None = None) -> Any:
    """An empty w:hyperlink in `paragraph`; runs are added to it with hyperlink_run()."""
    link = OxmlElement("w:hyperlink")
    if url is not None:
        rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rel_id)
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
        link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link


def hyperlink_run(link: Any, paragraph: Paragraph) -> Run:
    r = OxmlElement("w:r")
    link.append(r)
    return Run(r, paragraph)


def page_break_run(paragraph: Paragraph) -> None:
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    paragraph.add_run()._r.append(br)


def set_application(document: DocxDocument, name: str) -> None:
    """docProps/app.xml names the producing application (not the reference document's Word)."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            root = etree.fromstring(part.blob)
            ns = root.nsmap[None]
            for tag in ("Application", "AppVersion", "Template", "TotalTime", "Pages", "Words", "Characters",
                        "Lines", "Paragraphs", "CharactersWithSpaces"):
                for el in root.findall(f"{{{ns}}}{tag}"):
                    root.remove(el)  # counts and versions we cannot know; Word recomputes them
            application = etree.Element(f"{{{ns}}}Application")
            application.text = name
            root.insert(0, application)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def title_page(section: Any) -> None:
    """Different first page: the cover carries no running header or page number."""
    section.different_first_page_header_footer = True


# --------------------------------------------------------------------------- footnotes


class Footnotes:
    """The footnotes part: created on first use, with Word's separator footnotes."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self._root: Any = None
        self._next_id = 1

    def _part_root(self) -> Any:
        if self._root is not None:
            return self._root
        doc_part = self.document.part
        for rel in doc_part.rels.values():
            if rel.reltype == FOOTNOTES_RT:
                part = rel.target_part
                self._root = parse_xml(part.blob) if not hasattr(part, "element") else part.element
                self._part = part
                break
        else:
            xml = (
                f"<w:footnotes {nsdecls('w', 'r')}>"
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "<w:r><w:separator/></w:r></w:p></w:footnote>"
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
                "</w:footnotes>"
            )
            self._root = parse_xml(xml)
            self._part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, b"", doc_part.package)
            doc_part.relate_to(self._part, FOOTNOTES_RT)
        ids = [int(fn.get(qn("w:id"))) for fn in self._root.findall(qn("w:footnote"))]
        self._next_id = max([0, *ids]) + 1
        return self._root

    def add(self, paragraph: Paragraph, mark: str | None = None) -> Paragraph:
        """Put a footnote reference at the end of `paragraph`; return the note's paragraph."""
        root = self._part_root()
        note_id = self._next_id
        self._next_id += 1
        ref_run = paragraph.add_run()
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        if mark:
            ref.set(qn("w:customMarkFollows"), "1")
        ref_run.style = "Footnote Reference"
        ref_run._r.append(ref)
        if mark:
            ref_run._r.append(_text(mark))
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        p = OxmlElement("w:p")
        note.append(p)
        root.append(note)
        note_paragraph = Paragraph(p, paragraph._parent)
        note_paragraph.style = "Footnote Text"
        marker = note_paragraph.add_run()
        marker.style = "Footnote Reference"
        if mark:
            marker._r.append(_text(mark))
        else:
            marker._r.append(OxmlElement("w:footnoteRef"))
        note_paragraph.add_run(" ")
        return note_paragraph

    def finish(self) -> None:
        """Serialise the part (python-docx keeps generic parts as bytes)."""
        if self._root is not None:
            from lxml import etree

            self._part._blob = etree.tostring(self._root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text(value: str) -> Any:
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = value
    return t


# --------------------------------------------------------------------------- numbering


class Numbering:
    """One numbering definition per list, so each list restarts at its own `start`."""

    def __init__(self, document: DocxDocument, indent: int = 680) -> None:
        self.indent = indent  # twentieths of a point per level (house.yaml list_indent, style/measures.py)
        self.numbering = document.part.numbering_part.element
        existing = [int(a.get(qn("w:abstractNumId"))) for a in self.numbering.findall(qn("w:abstractNum"))]
        self._next_abstract = max([0, *existing]) + 1
        nums = [int(n.get(qn("w:numId"))) for n in self.numbering.findall(qn("w:num"))]
        self._next_num = max([0, *nums]) + 1

    def new_list(self, style: str, start: int, depth: int, offset: int = 0) -> int:
        """A numbering instance for one list, its level `offset` twentieths of a point in; returns its numId."""
        fmt, text = LIST_FORMATS[style]
        # list_indent per level, as the PDF; a number stands at the level's left, a dash just before the text.
        indent = offset + self.indent * (depth + 1)  # twentieths of a point
        hanging = 255 if fmt == "bullet" else self.indent
        abstract_id = self._next_abstract
        self._next_abstract += 1
        font = '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr>' if fmt == "bullet" else ""
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr>'
            f"{font}</w:lvl></w:abstractNum>"
        )
        # abstractNum elements must precede num elements in numbering.xml.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        num_id = self._next_num
        self._next_num += 1
        self.numbering.append(
            parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
        )
        return num_id


def set_numbering(paragraph: Paragraph, num_id: int) -> None:
    # python-docx's get_or_add_* keep pPr children in the order the schema requires.
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
