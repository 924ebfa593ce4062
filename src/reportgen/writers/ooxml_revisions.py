"""Word tracked changes (revisions) for the <ins> and <del> of a redline's HTML.

Runs written for an <ins> go into w:ins, those of a <del> into w:del with their text as
w:delText; a move (class "move", data-move) becomes w:moveTo / w:moveFrom inside a named move
range. A paragraph or table row whose whole content was inserted or deleted also has its
paragraph mark or row marked, so that Word's "Reject all" / "Accept all" removes it rather than
leaving an empty paragraph. Author and date come from the data-author and data-date of the HTML.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

log = logging.getLogger(__name__)

FIRST_ID = 10_000  # kept clear of bookmark ids, which count from 1
TEXT_RUNS = {qn("w:t"), qn("w:delText"), qn("w:footnoteReference"), qn("w:br")}
INSERTED = {qn("w:ins"), qn("w:moveTo")}
DELETED = {qn("w:del"), qn("w:moveFrom")}


class Revisions:
    """Numbers the revision marks of one document and remembers the move ranges opened."""

    def __init__(self) -> None:
        self.next_id = FIRST_ID
        self.ranges: dict[tuple[str, str], int] = {}
        self.stamp: tuple[str, str] | None = None  # author and date of the last mark, for paragraph marks

    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def _mark(self, tag: str, author: str, date: str) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), self._id())
        el.set(qn("w:author"), author)
        el.set(qn("w:date"), date)
        return el

    def wrap(self, container: Any, el: Any, fill: Callable[[], None]) -> None:
        """Run `fill` (which appends runs to `container`, a w:p or w:hyperlink) and put what it
        appended inside the revision mark `el` (an HTML <ins> or <del>) stands for."""
        before = len(container)
        fill()
        added = list(container)[before:]
        if not added:
            return
        deleted = el.tag == "del"
        move = el.get("data-move") if "move" in (el.get("class") or "").split() else None
        author, date = el.get("data-author") or "reportgen", el.get("data-date") or ""
        self.stamp = (author, date)
        tag = ("w:moveFrom" if deleted else "w:moveTo") if move else ("w:del" if deleted else "w:ins")
        marks: list[Any] = []
        current: Any = None
        for child in added:
            if child.tag == qn("w:hyperlink"):  # a mark cannot hold a hyperlink: the mark goes inside it
                current = None
                inner = self._mark(tag, author, date)
                for run in list(child):
                    inner.append(run)
                child.append(inner)
                marks.append(inner)
                continue
            if current is None:
                current = self._mark(tag, author, date)
                child.addprevious(current)
                marks.append(current)
            if child.tag in INSERTED | DELETED:  # a mark written for nested content joins this one
                for grandchild in list(child):
                    current.append(grandchild)
                child.getparent().remove(child)
            else:
                current.append(child)
        for mark in marks:
            if deleted:
                _to_deleted_text(mark)
            if move:
                self._range(mark, "moveFrom" if deleted else "moveTo", move, author, date)

    def _range(self, mark: Any, kind: str, name: str, author: str, date: str) -> None:
        """w:moveFromRangeStart/End (or moveTo) around the moved runs, named after the move."""
        key = (kind, name)
        count = self.ranges.get(key, 0) + 1
        self.ranges[key] = count
        start = self._mark(f"w:{kind}RangeStart", author, date)
        start.set(qn("w:name"), f"{name}_{count}")
        end = OxmlElement(f"w:{kind}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        mark.addprevious(start)
        mark.addnext(end)

    # ------------------------------------------------------------------ paragraph marks and rows

    def finish(self, *roots: Any) -> None:
        """Mark the paragraphs (and table rows) whose whole content is inserted or deleted."""
        if self.stamp is None:
            return
        for root in roots:
            paragraphs = list(root.iter(qn("w:p")))
            states = {p: _paragraph_state(p) for p in paragraphs}
            for p in paragraphs:
                state = states[p]
                if not state:
                    continue
                self._mark_rest(p, state)
                following = p.getnext()
                if following is not None and following.tag == qn("w:p"):
                    self._mark_paragraph(p, state)
                    continue
                # The last paragraph of a cell, a note or the body (or one before a table) keeps its
                # mark: the mark of the paragraph before the run of revised ones goes instead.
                first = p
                while first.getprevious() is not None and states.get(first.getprevious()) == state:
                    first = first.getprevious()
                before = first.getprevious()
                if before is not None and before.tag == qn("w:p"):
                    self._mark_paragraph(before, state)
            for tr in list(root.iter(qn("w:tr"))):
                found = {states.get(p) for p in tr.iter(qn("w:p")) if _has_text(p)}
                if len(found) == 1 and None not in found:
                    tr_pr = tr.find(qn("w:trPr"))
                    if tr_pr is None:
                        tr_pr = OxmlElement("w:trPr")
                        tr.insert(1 if tr.find(qn("w:tblPrEx")) is not None else 0, tr_pr)
                    tr_pr.append(self._mark("w:ins" if found == {"ins"} else "w:del", *self.stamp))

    def _mark_rest(self, p: Any, state: str) -> None:
        """Runs of a wholly inserted or deleted paragraph that are not text (a tab, a page-number
        field in a contents line) go with it."""
        for r in [c for c in p if c.tag == qn("w:r")]:
            mark = self._mark("w:ins" if state == "ins" else "w:del", *self.stamp)
            r.addprevious(mark)
            mark.append(r)
            if state == "del":
                _to_deleted_text(mark)

    def _mark_paragraph(self, p: Any, state: str) -> None:
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            following = ppr.find(qn("w:sectPr"))
            if following is None:
                following = ppr.find(qn("w:pPrChange"))
            if following is not None:
                following.addprevious(rpr)
            else:
                ppr.append(rpr)
        if rpr.find(qn("w:ins" if state == "ins" else "w:del")) is not None:
            return
        # A mark both inserted and deleted (it goes in either view): w:ins comes before w:del.
        inserted = rpr.find(qn("w:ins"))
        mark = self._mark("w:ins" if state == "ins" else "w:del", *self.stamp)
        if state == "del" and inserted is not None:
            inserted.addnext(mark)
        else:
            rpr.insert(0, mark)


def _to_deleted_text(mark: Any) -> None:
    for t in mark.iter(qn("w:t")):
        t.tag = qn("w:delText")
    for instr in mark.iter(qn("w:instrText")):
        instr.tag = qn("w:delInstrText")


def _paragraph_state(p: Any) -> str | None:
    """'ins' if every run with content sits in an insertion, 'del' if in a deletion, else None.
    A page-number field's result (the number of a contents line) is generated, not content."""
    states = set()
    fields: list[list[Any]] = []  # [instruction, in result] of the fields begun in this paragraph
    for r in p.iter(qn("w:r")):
        for child in r:
            kind = child.get(qn("w:fldCharType")) if child.tag == qn("w:fldChar") else None
            if kind == "begin":
                fields.append(["", False])
            elif kind == "separate" and fields:
                fields[-1][1] = True
            elif kind == "end" and fields:
                fields.pop()
            elif child.tag == qn("w:instrText") and fields:
                fields[-1][0] += child.text or ""
        tags = {child.tag for child in r}
        page_number = any(result and instr.split()[:1] in (["PAGEREF"], ["PAGE"]) for instr, result in fields)
        if not tags & TEXT_RUNS or qn("w:footnoteRef") in tags or page_number:
            continue  # an empty run, a footnote's own number, or a page number
        ancestors = {a.tag for a in r.iterancestors() if a is not p}
        if ancestors & INSERTED:
            states.add("ins")
        elif ancestors & DELETED:
            states.add("del")
        else:
            states.add(None)
        if len(states) > 1:
            return None
    return next(iter(states)) if states else None


def _has_text(p: Any) -> bool:
    return any(child.tag in TEXT_RUNS for r in p.iter(qn("w:r")) for child in r)
