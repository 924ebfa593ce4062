"""Editorial rules of the build language, applied to the rendered HTML so both formats follow them.

The rules are data in the label catalogue (templates/labels/<lang>.yaml), not branches here:
`footnote_call` says whether a footnote call goes after the punctuation mark it meets (English:
"2010.¹") or before it (Spanish and French: "2010¹."). List marker styles and number separators
are applied where the template writes them (Labels.list_style, Labels.number). A right-to-left
language (`direction: rtl`) sets number-only table cells left to right (isolate_numbers).
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


def isolate_numbers(html: str, labels: Labels) -> str:
    """In a right-to-left language, set a table cell that holds only a number ("−0.8", "4.1",
    "+0.3") left to right, so that its sign stays before its digits; digits in running text
    keep their order without help (the bidirectional algorithm runs them left to right)."""
    if labels.get("direction", "ltr") != "rtl":
        return html
    root = parse(html)
    changed = False
    for cell in root.xpath("//td | //th"):
        for holder in [p for p in cell if p.tag == "p" and len(p) == 0] or ([cell] if len(cell) == 0 else []):
            text = holder.text or ""
            if any(c.isdigit() for c in text) and not any(c.isalpha() for c in text):
                holder.set("dir", "ltr")
                changed = True
    if not changed:
        return html
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


# A comma and its space after a letter of a script other than Latin (Arabic, Chinese …).
_COMMA_AFTER_SCRIPT = re.compile(r"(?<=[^\W\d_A-Za-z\u00C0-\u024F]), ")


def space_punctuation(html: str, labels: Labels) -> str:
    """The language's punctuation in what the templates write around the text. French spacing:
    the catalogue's `space_before_punctuation` ({":": no-break space, ";": narrow no-break space …})
    goes between a word and the mark that follows it ("Coprésidents : …"); a mark not followed by a
    space (9:30, a web address) is left alone. `comma` (Arabic "، ", Chinese "，") replaces a comma
    and its space after a word of the language's script ("Beirut, Lebanon" joins as "بيروت، لبنان")."""
    spaces = labels.get("space_before_punctuation") or {}
    comma = labels.get("comma")
    if not spaces and not comma:
        return html
    marks = "".join(re.escape(mark) for mark in spaces)
    pattern = re.compile(f"(?<=[^\\s(\\[«\u00a0\u202f])[ \u00a0\u202f]?([{marks}])(?=\\s|$)") if spaces else None
    root = parse(html)
    changed = False

    def fix(text: str | None) -> str | None:
        nonlocal changed
        if not text:
            return text
        new = pattern.sub(lambda m: spaces[m.group(1)] + m.group(1), text) if pattern else text
        if comma:  # "بيروت, لبنان" -> "بيروت، لبنان", "贝鲁特, 黎巴嫩" -> "贝鲁特，黎巴嫩"; Latin text keeps its commas
            new = _COMMA_AFTER_SCRIPT.sub(comma, new)
        changed = changed or new != text
        return new

    for element in root.iter():
        if element.tag in ("head", "title", "style", "script"):
            continue
        element.text = fix(element.text)
        element.tail = fix(element.tail)
    if not changed:
        return html
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
