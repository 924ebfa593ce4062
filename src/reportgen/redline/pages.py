"""The pages of the clean document on which a redline's changes fall.

Delegations cite the clean (later) document's pages, so the list of changes cites them too: the
merged document with every change accepted (deleted words and blocks gone) lays out as the later
version does, and keeps the merged document's ids. A change that left nothing behind (a deleted
block) is cited at the page where the text that follows it stands.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import lxml.html

from .changelist import Change
from .htmldiff import Merge
from ..writers import WriteContext
from ..writers.pdf import heading_pages

log = logging.getLogger(__name__)

GONE = {"del", "move-from"}  # data-change of a block the later version no longer has
TEXT_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th", "figcaption", "caption"}


def accepted(merge: Merge, anchors: list[str]) -> str:
    """The merged document with every change accepted; each anchor of `anchors` whose element went
    is carried by an empty link at the start of the next block of text that stays."""
    root = copy.deepcopy(merge.root)
    order = list(root.iter())
    gone = [el for el in order if el.tag == "del" or el.get("data-change") in GONE]
    inside_gone = set()
    for el in gone:
        inside_gone.update(el.iter())
    by_id = {el.get("id"): el for el in order if el.get("id")}
    position = {el: i for i, el in enumerate(order)}
    staying = [el for el in order if el.tag in TEXT_BLOCKS and el not in inside_gone]
    for anchor in anchors:
        el = by_id.get(anchor)
        if el is None or el not in inside_gone:
            continue
        after = next((b for b in staying if position[b] > position[el]), None)
        marker = lxml.html.Element("a", id=anchor)
        el.attrib.pop("id")
        if after is None:  # nothing follows: the end of the last block
            if staying:
                staying[-1].append(marker)
            continue
        marker.tail, after.text = after.text, None
        after.insert(0, marker)
    for el in gone:
        _drop(el)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _drop(el: Any) -> None:
    """Remove an element, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def clean_pages(merge: Merge, found: list[Change], ctx: WriteContext) -> dict[str, int]:
    """The page of the clean document (1-based) on which each change stands, by its anchor."""
    anchors = [c.anchor for c in found if c.anchor]
    if not anchors:
        return {}
    # A context of its own: the writer's cache keeps the redline's layout.
    pages = heading_pages(accepted(merge, anchors), WriteContext(ctx.search_path, ctx.title, ctx.language, ctx.created,
                                                                 ctx.stylesheets, pdf_standard=ctx.pdf_standard, measures=ctx.measures))
    missing = [a for a in anchors if a not in pages]
    if missing:
        log.warning("no clean page for %d change(s): %s", len(missing), ", ".join(missing[:5]))
    return {a: pages[a] for a in anchors if a in pages}
