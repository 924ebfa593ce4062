"""Editorial rules of the build language, applied to the rendered HTML so both formats follow them.

The rules are data in the label catalogue (templates/labels/<lang>.yaml), not branches here:
`footnote_call` says whether a footnote call goes after the punctuation mark it meets (English:
"2010.¹") or before it (Spanish and French: "2010¹."). List marker styles and number separators
are applied where the template writes them (Labels.list_style, Labels.number). Quotation marks
in text fields are set by the Markdown typographer (markup.py); straight quotes and apostrophes
left in any other text (a name, an affiliation, a title typed plain) become the language's
(`quotes`) here. A right-to-left language (`direction: rtl`) sets number-only table cells left
to right (isolate_numbers); French spacing before : ; ! ? and the Arabic and Chinese commas where
templates join words come from `space_before_punctuation` and `comma` (space_punctuation).
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
# Straight quotes left in text the Markdown typographer did not see (a name, a title typed plain):
# after a letter or closing punctuation a quote closes, before a letter it opens; a single quote
# closes a pair it opened, else it is an apostrophe.
_BEFORE_CLOSING = ".,;:!?)…"


def editorial_rules(html: str, labels: Labels) -> str:
    """The HTML with the language's footnote calls, quotation marks and apostrophes, punctuation
    spacing and commas, and (right to left) number-only cells set left to right."""
    root = parse(html)
    changed = place_footnote_calls(root, labels)
    changed = typographic_quotes(root, labels.get("quotes") or ["“", "”", "‘", "’"]) or changed
    changed = space_punctuation(root, labels) or changed
    changed = isolate_numbers(root, labels) or changed
    if not changed:
        return html
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def typographic_quotes(root: lxml.html.HtmlElement, quotes: list[str]) -> bool:
    """Chile's -> Chile’s, Officials' -> Officials’, "Seguro" -> “Seguro” (the language's quotes) in
    every text of the document (not in a link that prints its own address)."""
    changed = False
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in {"script", "style", "title"}:
            continue
        literal = el.tag == "a" and (el.text or "").strip() == el.get("href", "")
        for attr in (("tail",) if literal else ("text", "tail")):
            value = getattr(el, attr)
            if value and ("'" in value or '"' in value):
                setattr(el, attr, _set_quotes(value, quotes))
                changed = True
    return changed


def _set_quotes(text: str, quotes: list[str]) -> str:
    out: list[str] = []
    single_open = False
    for i, char in enumerate(text):
        if char not in "'\"":
            out.append(char)
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        closing = before.isalnum() or before in _BEFORE_CLOSING
        opening = not closing and (after.isalnum() or after in "(…")
        if char == '"':
            out.append(quotes[0] if opening else quotes[1] if closing else char)
        elif opening:
            out.append(quotes[2])
            single_open = True
        elif closing and single_open and not after.isalnum():
            out.append(quotes[3])
            single_open = False
        else:
            out.append("\u2019" if closing else char)  # an apostrophe: Chile’s, Officials’
    return "".join(out)


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


def isolate_numbers(root: lxml.html.HtmlElement, labels: Labels) -> bool:
    """In a right-to-left language, set a table cell that holds only a number ("−0.8", "4.1",
    "+0.3") left to right, so that its sign stays before its digits; digits in running text
    keep their order without help (the bidirectional algorithm runs them left to right)."""
    if labels.get("direction", "ltr") != "rtl":
        return False
    changed = False
    for cell in root.xpath("//td | //th"):
        for holder in [p for p in cell if p.tag == "p" and len(p) == 0] or ([cell] if len(cell) == 0 else []):
            text = holder.text or ""
            if any(c.isdigit() for c in text) and not any(c.isalpha() for c in text):
                holder.set("dir", "ltr")
                changed = True
    return changed


# A comma and its space after a letter of a script other than Latin (Arabic, Chinese …).
_COMMA_AFTER_SCRIPT = re.compile(r"(?<=[^\W\d_A-Za-z\u00C0-\u024F]), ")


def space_punctuation(root: lxml.html.HtmlElement, labels: Labels) -> bool:
    """The language's punctuation in what the templates write around the text. French spacing:
    the catalogue's `space_before_punctuation` ({":": no-break space, ";": narrow no-break space …})
    goes between a word and the mark that follows it ("Coprésidents : …"); a mark not followed by a
    space (9:30, a web address) is left alone. `comma` (Arabic "، ", Chinese "，") replaces a comma
    and its space after a word of the language's script ("Beirut, Lebanon" joins as "بيروت، لبنان")."""
    spaces = labels.get("space_before_punctuation") or {}
    comma = labels.get("comma")
    if not spaces and not comma:
        return False
    marks = "".join(re.escape(mark) for mark in spaces)
    pattern = re.compile(f"(?<=[^\\s(\\[«\u00a0\u202f])[ \u00a0\u202f]?([{marks}])(?=\\s|$)") if spaces else None
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
        if not isinstance(element.tag, str) or element.tag in ("head", "title", "style", "script"):
            continue
        element.text = fix(element.text)
        element.tail = fix(element.tail)
    return changed
