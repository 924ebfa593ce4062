"""The change set between two renderings of a document, computed on the structure of the HTML.

Both versions are rendered to the semantic HTML of the contract. The two trees are aligned block
by block: first the blocks that are identical on both sides (difflib over a signature of each
block), then, in each stretch between them, blocks of the same kind paired by id (headings) or by
how similar their words are. Paired blocks are merged recursively (a list by its items, a table by
its rows and cells); blocks holding text are compared word by word (worddiff.py). What is left
unpaired is a deletion or an insertion, and a deleted block whose text reappears as an inserted
block elsewhere is a move.

The result is one HTML document with <ins> and <del> (data-author, data-date; class "move" and
data-move for moves) and data-change on every changed block, which both writers show.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from ..render.contract import parse
from .worddiff import INLINE, Counts, Stamp, copy_marked, has_inline, merge_inline, shell, side_text, tokens

log = logging.getLogger(__name__)

PAIR_THRESHOLD = 0.5  # share of words two versions of a block must have in common to be one block
CONTAINED_THRESHOLD = 0.8  # … or share of the shorter one's words found in the longer,
MIN_CONTAINED = 6  # when the shorter one has at least this many words
CONTAINER_THRESHOLD = 0.5  # share of the smaller container's words found in the other
MAX_PAIRING = 250_000  # cells of the pairing table; beyond it blocks pair by position only
BAND = 12  # how far (in blocks) from its proportional place a changed block is looked for


@dataclass
class Merge:
    """The merged document and what changed in it."""

    root: Any
    blocks: list[tuple[Any, Counts]] = field(default_factory=list)  # changed blocks with their counts
    moves: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.blocks)

    def html(self) -> str:
        return lxml.html.tostring(self.root, encoding="unicode", doctype="<!DOCTYPE html>")


def _classes(el: Any) -> str:
    return " ".join(sorted((el.get("class") or "").split()))


def _block_children(el: Any) -> list[Any]:
    return [c for c in el if isinstance(c.tag, str) and c.tag not in INLINE]


def _words(el: Any) -> list[str]:
    return [t.text if t.text is not None else t.atom.tag for t in tokens(el) if t.text != " "] + [
        w for c in _block_children(el) for w in _words(c)
    ]


def _cells(els: list[Any]) -> bool:
    return bool(els) and all(e.tag in {"td", "th"} for e in els)


def _targets(el: Any) -> set[str]:
    """Internal links of a contents line: an entry is the same entry only if it points to the same place."""
    return {a.get("href") for a in el.iter("a") if (a.get("href") or "").startswith("#")} if el.tag == "p" else set()


class _Differ:
    def __init__(self, stamp: Stamp) -> None:
        self.stamp = stamp
        self.result: list[tuple[Any, Counts]] = []
        self.inserted: list[Any] = []
        self.deleted: list[Any] = []
        # Keyed by the element itself, which keeps its proxy alive (an id() could be reused).
        self._sig: dict[Any, str] = {}
        self._words: dict[Any, list[str]] = {}

    # ------------------------------------------------------------------ keys

    def signature(self, el: Any) -> str:
        if el not in self._sig:
            self._sig[el] = lxml.html.tostring(copy_marked(el), encoding="unicode")
        return self._sig[el]

    def words(self, el: Any) -> list[str]:
        if el not in self._words:
            self._words[el] = _words(el)
        return self._words[el]

    def similarity(self, old: Any, new: Any) -> float:
        if old.tag != new.tag or _classes(old) != _classes(new):
            return 0.0
        if old.get("id") or new.get("id"):
            return 1.0 if old.get("id") == new.get("id") else 0.0
        if old.get("data-speaker") != new.get("data-speaker") or _targets(old) != _targets(new):
            return 0.0
        a, b = self.words(old), self.words(new)
        if not a and not b:
            return 1.0
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        shorter = min(len(a), len(b))
        if not has_inline(old) and not has_inline(new):
            # A container (a section, a list, a table) holds thousands of words and may have grown
            # a lot: the share of the smaller side's words found in the other, counted regardless
            # of order (linear).
            shared = matcher.quick_ratio() * (len(a) + len(b)) / 2
            contained = shared / shorter if shorter else 0.0
            return contained if contained >= CONTAINER_THRESHOLD else 0.0
        # A block's own words, in order: most of them in common, or the shorter one (of some length)
        # nearly all found in the longer (a sentence added to a paragraph).
        ratio = matcher.ratio()
        contained = ratio * (len(a) + len(b)) / 2 / shorter if shorter else 0.0
        if ratio >= PAIR_THRESHOLD or (shorter >= MIN_CONTAINED and contained >= CONTAINED_THRESHOLD):
            return max(ratio, PAIR_THRESHOLD)
        return 0.0

    # ------------------------------------------------------------------ blocks

    def merge(self, old: Any | None, new: Any | None) -> Any:
        """One block: both versions (edited), only the new one (inserted) or only the old one (deleted)."""
        source = new if new is not None else old
        out = shell(source)
        counts = Counts()
        if has_inline(old) or has_inline(new):
            counts = merge_inline(old, new, out, self.stamp)
        olds = _block_children(old) if old is not None else []
        news = _block_children(new) if new is not None else []
        if olds or news:
            for child in self.align(olds, news):
                out.append(child)
        if counts.changed:
            out.set("data-change", "edit" if old is not None and new is not None else ("ins" if old is None else "del"))
            self.result.append((out, counts))
        elif old is None or new is None:
            out.set("data-change", "ins" if old is None else "del")
        return out

    def align(self, olds: list[Any], news: list[Any]) -> list[Any]:
        if _cells(olds) and _cells(news) and len(olds) == len(news):
            # The cells of a row are its columns: the same column is the same cell, however changed.
            return [self.merge(o, n) if self.signature(o) != self.signature(n) else copy_marked(n) for o, n in zip(olds, news)]
        merged: list[Any] = []
        matcher = difflib.SequenceMatcher(None, [self.signature(e) for e in olds], [self.signature(e) for e in news], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                merged += [copy_marked(e) for e in news[j1:j2]]
            else:
                merged += self.gap(olds[i1:i2], news[j1:j2])
        return merged

    def gap(self, olds: list[Any], news: list[Any]) -> list[Any]:
        """Pair what can be paired in a stretch of changed blocks, keeping the order of both sides."""
        out: list[Any] = []
        i = j = 0
        for oi, nj in self.pairs(olds, news):
            out += [self.deletion(e) for e in olds[i:oi]]
            out += [self.insertion(e) for e in news[j:nj]]
            out.append(self.merge(olds[oi], news[nj]))
            i, j = oi + 1, nj + 1
        out += [self.deletion(e) for e in olds[i:]]
        out += [self.insertion(e) for e in news[j:]]
        return out

    def pairs(self, olds: list[Any], news: list[Any]) -> list[tuple[int, int]]:
        """The order-keeping pairing with the greatest total similarity (a weighted LCS)."""
        n, m = len(olds), len(news)
        if not n or not m:
            return []
        if n * m > MAX_PAIRING:
            return [(k, k) for k in range(min(n, m)) if self.similarity(olds[k], news[k])]
        # Blocks are compared only near their place: within BAND blocks of it, plus however many
        # blocks one side has more than the other (a block that moved far and changed too is a
        # deletion and an insertion).
        low, high = -BAND - max(0, n - m), BAND + max(0, m - n)
        sim = [[self.similarity(o, news[b]) if low <= b - a <= high else 0.0 for b in range(m)] for a, o in enumerate(olds)]
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for a in range(n - 1, -1, -1):
            for b in range(m - 1, -1, -1):
                take = sim[a][b] + best[a + 1][b + 1] if sim[a][b] else 0.0
                best[a][b] = max(take, best[a + 1][b], best[a][b + 1])
        result: list[tuple[int, int]] = []
        a = b = 0
        while a < n and b < m:
            if sim[a][b] and best[a][b] == sim[a][b] + best[a + 1][b + 1]:
                result.append((a, b))
                a, b = a + 1, b + 1
            elif best[a][b] == best[a + 1][b]:
                a += 1
            else:
                b += 1
        return result

    def insertion(self, el: Any) -> Any:
        out = self.merge(None, el)
        self.inserted.append(out)
        return out

    def deletion(self, el: Any) -> Any:
        out = self.merge(el, None)
        self.deleted.append(out)
        return out

    # ------------------------------------------------------------------ moves

    def find_moves(self) -> int:
        """A deleted block whose words come back unchanged as an inserted block is a move."""
        pending: dict[tuple[str, str], list[Any]] = {}
        for el in self.deleted:
            if el.getparent() is not None and el.getparent().get("data-change") == "del":
                continue  # inside a deleted block: the outer block moves, or nothing
            pending.setdefault(_move_key(el), []).append(el)
        moves = 0
        for el in self.inserted:
            if el.getparent() is not None and el.getparent().get("data-change") == "ins":
                continue
            key = _move_key(el)
            if not key[1] or not pending.get(key):
                continue
            source = pending[key].pop(0)
            moves += 1
            name = f"move{moves}"
            _mark_move(source, "del", name)
            _mark_move(el, "ins", name)
        return moves


def _move_key(el: Any) -> tuple[str, str]:
    """A block as one side had it: a deleted block holds only old words, an inserted one new."""
    return el.tag, " ".join(_words(el))


def _mark_move(el: Any, op: str, name: str) -> None:
    el.set("data-change", "move-from" if op == "del" else "move-to")
    for mark in el.iter(op):
        mark.set("class", "move")
        mark.set("data-move", name)
    for block in el.iter():
        if block is not el and block.get("data-change") in {"ins", "del"}:
            block.set("data-change", el.get("data-change"))


def _rename_ids(body: Any) -> None:
    """Deleted copies keep their ids (and links to them) apart from the new version's: a moved
    heading is in the document twice."""
    for block in body.iter():
        if block.get("data-change") not in {"del", "move-from"}:
            continue
        parent = block.getparent()
        if parent is not None and parent.get("data-change") == block.get("data-change"):
            continue  # renamed with the outer block
        for node in block.iter():
            if node.get("id"):
                node.set("id", node.get("id") + "-was")
            href = node.get("href") or ""
            if href.startswith("#"):
                node.set("href", href + "-was")


def diff_html(old_html: str, new_html: str, stamp: Stamp) -> Merge:
    """Merge two renderings of the same document into one redline rendering."""
    old, new = parse(old_html), parse(new_html)
    differ = _Differ(stamp)
    body = differ.merge(old.find("body"), new.find("body"))
    body.attrib.pop("data-change", None)
    moves = differ.find_moves()
    _rename_ids(body)
    for symbol in body.iter("dd", "p"):  # the symbol that runs in the page header (dd.symbol, or a house's)
        runs = "symbol" in (symbol.get("class") or "").split() or symbol.get("data-running-head") is not None
        if runs and symbol.get("data-change"):
            symbol.set("data-symbol", side_text(symbol))
    root = shell(new)
    head = new.find("head")
    if head is not None:
        root.append(copy_marked(head))
    root.append(body)
    changed = [(el, counts) for el, counts in differ.result if el is not body]
    body_counts = next((c for el, c in differ.result if el is body), None)
    if body_counts is not None:
        changed.append((body, body_counts))
    return Merge(root, changed, moves)
