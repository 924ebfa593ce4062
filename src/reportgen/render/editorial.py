"""Editorial rules of the build language, applied to the rendered HTML so both formats follow them.

The rules are data in the label catalogue (templates/labels/<lang>.yaml), not branches here:
`footnote_call` says whether a footnote call goes after the punctuation mark it meets (English:
"2010.¹") or before it (Spanish and French: "2010¹."). List marker styles and number separators
are applied where the template writes them (Labels.list_style, Labels.number).
"""

from __future__ import annotations

import logging

import lxml.html

from .contract import parse
from ..style.labels import Labels

log = logging.getLogger(__name__)

# Marks a footnote call is placed against; closing quotes and brackets stay where they are.
PUNCTUATION = ".,;:"


def place_footnote_calls(html: str, labels: Labels) -> str:
    """Move footnote calls to the side of a punctuation mark the language wants."""
    rule = labels.get("footnote_call", "after")
    root = parse(html)
    changed = False
    for note in root.xpath("//span[contains(concat(' ', @class, ' '), ' fn ')]"):
        previous = note.getprevious()
        before = previous.tail if previous is not None else note.getparent().text
        after = note.tail or ""
        if rule == "after" and after[:1] in PUNCTUATION and after[:1] and before is not None:
            before, after = before + after[0], after[1:]
        elif rule == "before" and before and before[-1] in PUNCTUATION:
            before, after = before[:-1], before[-1] + after
        else:
            continue
        if previous is not None:
            previous.tail = before
        else:
            note.getparent().text = before
        note.tail = after
        changed = True
    if not changed:
        return html
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
