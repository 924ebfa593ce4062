"""Word-by-word diff of the inline content of two matched blocks (a paragraph, an item, a cell).

The inline content of each side becomes a sequence of tokens (words, punctuation, spaces,
line breaks and footnotes), each remembering the inline elements it sits in (strong, em, a …).
difflib's SequenceMatcher aligns the two sequences; the result is written back as inline HTML in
which removed tokens sit in <del> and added ones in <ins>. A footnote is one token: when both
sides have it, its own text is diffed the same way, so an edited footnote shows its edits inside
the note.

Why difflib: it aligns arbitrary token sequences (here words with their formatting), is in the
standard library and is stable; character-based libraries such as diff-match-patch would need
words encoded as characters and give the same alignment with one more dependency.
"""

from __future__ import annotations

import copy
import difflib
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

log = logging.getLogger(__name__)

# Inline elements of the contract that wrap text (their content is tokenised, they stay context).
WRAPPERS = {"strong", "em", "sup", "sub", "a", "span"}
# Inline elements that are one token each.
ATOMS = {"br"}
INLINE = WRAPPERS | ATOMS | {"ins", "del"}
WORD = re.compile(r"\s+|\w+|[^\w\s]")
MARKS = ("ins", "del")


@dataclass
class Stamp:
    """Who made the changes and when: written on every <ins> and <del>."""

    author: str
    date: str  # ISO 8601, e.g. 2013-09-26T00:00:00Z


@dataclass
class Counts:
    """Insertions and deletions made while merging one block (footnotes counted apart)."""

    insertions: int = 0
    deletions: int = 0
    footnotes: list[Any] = field(default_factory=list)  # merged span.fn elements that changed

    @property
    def changed(self) -> bool:
        return bool(self.insertions or self.deletions or self.footnotes)


@dataclass
class Token:
    key: tuple[Any, ...]
    text: str | None  # a word, punctuation or a space
    atom: Any  # or an element: br, span.fn
    ctx: tuple[Any, ...]  # the inline elements it sits in, outermost first


def is_footnote(el: Any) -> bool:
    return el.tag == "span" and "fn" in (el.get("class") or "").split()


def _ctx_key(ctx: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((e.tag, e.get("class"), e.get("href"), e.get("data-mark")) for e in ctx)


def tokens(el: Any | None) -> list[Token]:
    """The inline content of `el` (block children are skipped: they are aligned as blocks)."""
    out: list[Token] = []
    if el is None:
        return out

    def text(value: str | None, ctx: tuple[Any, ...]) -> None:
        for word in WORD.findall(value or ""):
            norm = " " if word.isspace() else word
            out.append(Token((_ctx_key(ctx), norm), norm, None, ctx))

    def walk(node: Any, ctx: tuple[Any, ...]) -> None:
        text(node.text, ctx)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif is_footnote(child):
                out.append(Token((_ctx_key(ctx), "fn", child.get("data-mark")), None, child, ctx))
            elif child.tag in ATOMS:
                out.append(Token((_ctx_key(ctx), child.tag), None, child, ctx))
            elif child.tag in WRAPPERS:
                walk(child, (*ctx, child))
            elif child.tag in MARKS:  # already marked input: take its content as it stands
                walk(child, ctx)
            else:
                continue  # a block child: its tail is still inline content
            text(child.tail, ctx)

    walk(el, ())
    # Leading and trailing spaces carry no meaning in HTML.
    while out and out[0].text == " ":
        out.pop(0)
    while out and out[-1].text == " ":
        out.pop()
    return out


def has_inline(el: Any | None) -> bool:
    return bool(tokens(el))


def shell(el: Any) -> Any:
    """A copy of `el` without content."""
    new = etree.Element(el.tag, attrib=dict(el.attrib))
    return new


class _Writer:
    """Appends tokens to an output element, opening context elements and <ins>/<del> as needed."""

    def __init__(self, root: Any, stamp: Stamp, counts: Counts) -> None:
        self.root = root
        self.stamp = stamp
        self.counts = counts
        self.stack: list[tuple[Any, Any]] = []  # (source context element, output element)
        self.mark: Any = None

    def _container(self) -> Any:
        return self.stack[-1][1] if self.stack else self.root

    def _open(self, ctx: tuple[Any, ...]) -> None:
        n = 0
        # Same formatting on both sides is one element (<a><del>H</del><ins>I</ins></a>), not two.
        while n < len(self.stack) and n < len(ctx) and _ctx_key((self.stack[n][0],)) == _ctx_key((ctx[n],)):
            n += 1
        if n < len(self.stack):
            del self.stack[n:]
            self.mark = None
        for src in ctx[n:]:
            el = shell(src)
            self._place(el, None)
            self.stack.append((src, el))
            self.mark = None

    def _target(self, op: str | None) -> Any:
        container = self._container()
        if op is None:
            self.mark = None
            return container
        if self.mark is not None and self.mark.tag == op and len(container) and container[-1] is self.mark and not self.mark.tail:
            return self.mark
        mark = etree.SubElement(container, op)
        mark.set("data-author", self.stamp.author)
        mark.set("data-date", self.stamp.date)
        if op == "ins":
            self.counts.insertions += 1
        else:
            self.counts.deletions += 1
        self.mark = mark
        return mark

    def _place(self, el: Any, op: str | None) -> None:
        self._target(op).append(el)

    def write(self, token: Token, op: str | None, other: Token | None = None) -> None:
        self._open(token.ctx)
        target = self._target(op)
        if token.text is not None:
            append_text(target, token.text)
        elif is_footnote(token.atom):
            note = shell(token.atom)
            target.append(note)
            old = other.atom if other is not None else (token.atom if op == "del" else None)
            new = token.atom if op != "del" else None
            inner = merge_inline(old, new, note, self.stamp)
            if inner.changed or op is not None:
                self.counts.footnotes.append(note)
        else:
            target.append(shell(token.atom))


def append_text(parent: Any, value: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + value
    else:
        parent.text = (parent.text or "") + value


def _opcodes(old: list[Token], new: list[Token]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with runs of equal spaces between two changes folded into the change
    (so 'a b c' -> 'x y z' reads as one deletion and one insertion, not three of each)."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    codes = [list(c) for c in matcher.get_opcodes()]
    merged: list[list[Any]] = []
    for i, code in enumerate(codes):
        tag, i1, i2, j1, j2 = code
        short_equal = tag == "equal" and 0 < i < len(codes) - 1 and all(t.text == " " for t in old[i1:i2])
        if short_equal or (tag != "equal" and merged and merged[-1][0] != "equal"):
            if merged and merged[-1][0] != "equal":
                merged[-1][0] = "replace"
                merged[-1][2], merged[-1][4] = i2, j2
                continue
            code = ["replace", i1, i2, j1, j2]
        merged.append(code)
    return [tuple(c) for c in merged]  # type: ignore[misc]


def merge_inline(old: Any | None, new: Any | None, out: Any, stamp: Stamp) -> Counts:
    """Write the word diff of the inline content of `old` and `new` into `out` (an empty shell)."""
    counts = Counts()
    a, b = tokens(old), tokens(new)
    writer = _Writer(out, stamp, counts)
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                writer.write(y, None, x)
            continue
        for x in a[i1:i2]:
            writer.write(x, "del")
        for y in b[j1:j2]:
            writer.write(y, "ins")
    return counts


def side_text(el: Any, drop: str = "del") -> str:
    """Text of `el` as one side has it: without its <del> (the later side) or its <ins>."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == drop or (node is not el and (is_footnote(node) or node.tag not in INLINE)):
            return
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def copy_marked(el: Any) -> Any:
    """A deep copy (used for blocks that are the same on both sides)."""
    dup = copy.deepcopy(el)
    dup.tail = None
    return dup
