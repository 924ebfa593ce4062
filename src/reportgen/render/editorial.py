"""Editorial rules of the build language, applied to the rendered HTML so both formats follow them.

The rules are data in the label catalogue (templates/labels/<lang>.yaml), not branches here:
`footnote_call` says whether a footnote call goes after the punctuation mark it meets (English:
"2010.¹") or before it (Spanish and French: "2010¹."). List marker styles and number separators
are applied where the template writes them (Labels.list_style, Labels.number). Quotation marks
in text fields are set by the Markdown typographer (markup.py); a straight apostrophe left between
letters of any other text (a name, an affiliation) becomes the typographic one here.
"""

from __future__ import annotations

import logging
import re

import lxml.html

from .contract import parse
from ..style.labels import Labels

log = logging.getLogger(__name__)

# Marks a footnote call is placed against; closing quotes and brackets stay where they are.
PUNCTUATION = ".,;:"
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def editorial_rules(html: str, labels: Labels) -> str:
    """The HTML with the language's footnote calls and typographic apostrophes."""
    root = parse(html)
    changed = place_footnote_calls(root, labels)
    changed = typographic_apostrophes(root) or changed
    if not changed:
        return html
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def typographic_apostrophes(root: lxml.html.HtmlElement) -> bool:
    """Chile's -> Chile’s in every text of the body (not in a link that prints its own address)."""
    changed = False
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in {"script", "style", "title"}:
            continue
        literal = el.tag == "a" and (el.text or "").strip() == el.get("href", "")
        for attr in (("tail",) if literal else ("text", "tail")):
            value = getattr(el, attr)
            if value and "'" in value:
                setattr(el, attr, APOSTROPHE.sub("\u2019", value))
                changed = True
    return changed


def place_footnote_calls(root: lxml.html.HtmlElement, labels: Labels) -> bool:
    """Move footnote calls to the side of a punctuation mark the language wants."""
    rule = labels.get("footnote_call", "after")
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
    return changed
