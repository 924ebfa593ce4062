"""The list of changes of a redline, each by its reference in the document (heading, paragraph,
item, table row, footnote), with its counts of insertions, deletions and moves."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..render.markers import list_marker
from .htmldiff import Merge
from .worddiff import INLINE, is_footnote, side_text

log = logging.getLogger(__name__)

KINDS = ("edit", "ins", "del", "move-from", "move-to")  # named in the labels' redline_kinds
LEAVES = {"p", "h1", "h2", "h3", "h4", "li", "dt", "dd", "td", "th"}
# How references are written; a label catalogue's redline_refs overrides them per language.
REFERENCE_WORDS = {
    "masthead": "masthead", "title_page": "title page", "contents": "contents", "document": "document",
    "heading": "heading “{text}”", "heading_deleted": "heading “{text}” (deleted)", "under": "“{text}”, {here}",
    "paragraph": "paragraph {n}", "paragraph_after": "deleted paragraph after paragraph {n}",
    "paragraph_first": "deleted paragraph before paragraph 1",
    "item": "item {n}", "bullet": "bullet {n}", "item_after": "deleted item after item {n}",
    "item_first": "deleted item before item {n}",
    "row": "table row {n}", "row_after": "deleted table row after table row {n}", "row_first": "deleted table row before table row 1",
    "column": "column {n}", "footnote": "footnote {n} (in {where})",
    "symbol": "symbol", "date": "date", "distribution": "distribution", "language": "language",
    "original": "original language", "line": "line",
}


@dataclass
class Change:
    reference: str
    kind: str  # one of KINDS
    insertions: int
    deletions: int
    moves: int
    excerpt: str
    anchor: str = ""  # id of the changed block in the merged HTML (the PDF links to it)


def _short(text: str, words: int = 9) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def own_marks(el: Any) -> list[Any]:
    """The <ins> and <del> of `el`'s own text (not those of nested blocks or footnotes)."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        for child in node:
            if not isinstance(child.tag, str) or is_footnote(child) or child.tag not in INLINE:
                continue
            if child.tag in {"ins", "del"}:
                found.append(child)
            walk(child)

    walk(el)
    return found


class _References:
    """Walks the merged body in reading order and names every block as a reader would cite it."""

    def __init__(self, words: dict[str, str] | None = None) -> None:
        self.w = {**REFERENCE_WORDS, **(words or {})}
        self.refs: dict[Any, str] = {}
        self.heading = ""
        self.paragraph = 0
        self.footnote = 0

    def walk(self, el: Any, where: str) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            self.visit(child, where)

    def visit(self, el: Any, where: str) -> None:
        tag, cls = el.tag, (el.get("class") or "").split()
        deleted = el.get("data-change") in {"del", "move-from"}
        if tag == "header":
            self.walk(el, self.w["masthead"])
            return
        if tag == "div" and "cover" in cls:
            self.walk(el, self.w["title_page"])
            return
        if tag == "nav":
            self.walk(el, self.w["contents"])
            return
        if tag in {"h1", "h2", "h3", "h4"}:
            self.heading = side_text(el, "ins" if deleted else "del")
            self.paragraph = 0
            self.refs[el] = self.w["heading_deleted" if deleted else "heading"].format(text=_short(self.heading))
            self.footnotes(el, self.refs[el])
            return
        if tag == "p" and where == "body":
            if not deleted:
                self.paragraph += 1
            here = self.deleted("paragraph", str(self.paragraph), self.paragraph) if deleted else self.w["paragraph"].format(n=self.paragraph)
            self.refs[el] = self.place(here)
            self.footnotes(el, self.refs[el])
            return
        if tag in {"ol", "ul"}:
            self.items(el, where)
            return
        if tag == "table":
            self.table(el)
            return
        if tag in LEAVES:  # masthead, title page and contents lines
            name = {"dd": self.w.get(" ".join(cls), self.w["line"]), "dt": self.w["line"]}.get(tag, _short(side_text(el), 5))
            self.refs[el] = f"{where}, {name}"
            self.footnotes(el, self.refs[el])
            return
        self.walk(el, where)

    def place(self, here: str) -> str:
        return self.w["under"].format(text=_short(self.heading), here=here) if self.heading else here

    def items(self, el: Any, where: str, parent: str = "") -> None:
        style = el.get("data-style") if el.tag == "ol" else None
        n = int(el.get("start") or 1) - 1 if style else 0
        for li in (c for c in el if c.tag == "li"):
            deleted = li.get("data-change") in {"del", "move-from"}
            if not deleted:
                n += 1
            marker = (lambda k: list_marker(style, k) if style else self.w["bullet"].format(n=k))
            if deleted:
                item = self.w["item_after"].format(n=marker(n)) if n else self.w["item_first"].format(n=marker(1))
            else:
                item = self.w["item"].format(n=marker(n))
            here = f"{parent}, {item}" if parent else item
            self.refs[li] = self.place(here) if where == "body" else f"{where}, {here}"
            self.footnotes(li, self.refs[li])
            for sub in li:
                if isinstance(sub.tag, str) and sub.tag in {"ol", "ul"}:
                    self.items(sub, where, here)
                elif isinstance(sub.tag, str) and sub.tag == "p":
                    self.refs[sub] = self.refs[li]
                    self.footnotes(sub, self.refs[li])

    def table(self, el: Any) -> None:
        row = 0
        for tr in el.iter("tr"):
            deleted = tr.get("data-change") in {"del", "move-from"}
            if not deleted:
                row += 1
            here = self.place(self.deleted("row", str(row), row) if deleted else self.w["row"].format(n=row))
            for column, cell in enumerate((c for c in tr if c.tag in {"td", "th"}), start=1):
                ref = f"{here}, {self.w['column'].format(n=column)}"
                for node in cell.iter():
                    if node.tag in LEAVES or node.tag in {"ol", "ul"}:
                        self.refs.setdefault(node, ref)
                self.footnotes(cell, ref)

    def footnotes(self, el: Any, ref: str) -> None:
        for note in el.iter("span"):
            if is_footnote(note):
                mark = note.get("data-mark")
                if not mark:
                    self.footnote += 1
                self.refs[note] = self.w["footnote"].format(n=mark or self.footnote, where=ref)

    def deleted(self, what: str, before: str, count: int) -> str:
        """Where a deleted block was: after the block now before it, or before the first."""
        return self.w[f"{what}_after"].format(n=before) if count else self.w[f"{what}_first"]


def changes(merge: Merge, words: dict[str, str] | None = None) -> list[Change]:
    """Every changed block and footnote of the merged document, in reading order (references
    written with `words`, a label catalogue's redline_refs; English by default)."""
    refs = _References(words)
    refs.walk(merge.root.find("body"), "body")
    order = {el: i for i, el in enumerate(merge.root.iter())}
    found: list[tuple[int, Change]] = []
    for el, counts in merge.blocks:
        for unit in [el, *counts.footnotes]:
            marks = own_marks(unit)
            if not marks:
                continue
            moves = len({m.get("data-move") for m in marks if m.get("data-move")})
            kind = unit.get("data-change") if unit is el and unit.get("data-change") in KINDS else "edit"
            excerpt = side_text(unit, "ins" if unit.get("data-change") in {"del", "move-from"} else "del")
            if not unit.get("id"):
                unit.set("id", f"change-{len(found) + 1}")
            change = Change(
                reference=refs.refs.get(unit, refs.w["document"]),
                kind=kind,
                insertions=sum(1 for m in marks if m.tag == "ins" and not m.get("data-move")),
                deletions=sum(1 for m in marks if m.tag == "del" and not m.get("data-move")),
                moves=moves,
                excerpt=_short(excerpt, 14),
                anchor=unit.get("id"),
            )
            found.append((order.get(unit, 0), change))
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]
