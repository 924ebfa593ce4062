"""The font size and line height the PDF's stylesheets give the text of each Word style.

The PDF is sized by its stylesheets in cascade (print.css, the house's, the language's); a Word
style must print its text in the same size and line height. For the complex-script text of a
right-to-left language the Word file cannot take them from the house's reference.docx, which is
sized for Latin text: an Arabic document sets its text in 13 pt with lines of 1.5 (labels/ar.css)
while its headline keeps the house's 16 pt and the masthead's lines their 10 pt. So the rules of
the stylesheets are read here, in cascade order (specificity, then order), for the elements each
Word style prints: a heading's tag, a table's cells, a paragraph's class (docx_common's
PARAGRAPH_STYLES). One source: the same CSS the PDF is laid out with.

Only rules that always apply to such an element count: a selector with a sibling or child
combinator, an attribute or a pseudo-class (`div.brief ~ section p.para`, `table[data-points]`)
applies to some of them only, and a class no Word style prints (`table.brief`) to none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from .docx_common import PARAGRAPH_STYLES

HTML = "html"  # the root: what every element not sized otherwise inherits
TAG_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4", "p": "Body Text",
              "li": "List Paragraph", "table": "Table Text", "td": "Table Text", "th": "Table Text", HTML: HTML}
CLASS_STYLES = {**PARAGRAPH_STYLES, "fn": "Footnote Text"}
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt")
_FACTOR = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Typeset:
    """A Word style's text as the stylesheets set it: its size in points and its line height, a
    factor of the size (CSS's unitless line-height) or, when `line_points`, in points."""

    size: float | None = None
    line: float | None = None
    line_points: bool = False

    def line_height(self, size: float) -> float | None:
        """The line's height in points for text of `size` points."""
        if self.line is None:
            return None
        return self.line if self.line_points else self.line * size


def css_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """(selectors, {property: value}) of a stylesheet's plain rules, read by tinycss2 (WeasyPrint's
    own parser); @-rules (@page, @counter-style) left out."""
    out = []
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        selectors = tinycss2.serialize(token for token in rule.prelude if token.type != "comment").strip()
        out.append((selectors, {d.lower_name: tinycss2.serialize(d.value).strip() for d in declarations if d.type == "declaration"}))
    return out


def _style_of(selector: str) -> tuple[str, tuple[int, int, int]] | None:
    """The Word style whose text a selector always sizes, and the selector's specificity."""
    if any(mark in selector for mark in "~>+[:*"):
        return None
    last = selector.split()[-1]
    classes = re.findall(r"\.([\w-]+)", last)
    tag = re.match(r"[a-z][a-z0-9]*", last)
    if classes:
        style = next((CLASS_STYLES[name] for name in classes if name in CLASS_STYLES), None)
    else:
        style = TAG_STYLES.get(tag.group(0)) if tag else None
    if style is None:
        return None
    specificity = (selector.count("#"), selector.count("."), len(re.findall(r"(?:^|\s)[a-z]", selector)))
    return style, specificity


def typesets(stylesheets: list[Path]) -> dict[str, Typeset]:
    """{Word style (or HTML for the root): its size and line height} from the stylesheets, in the
    order they apply."""
    found: dict[tuple[str, str], tuple[tuple[int, int, int], int, str]] = {}
    order = 0
    for sheet in stylesheets:
        for selectors, declarations in css_rules(sheet.read_text(encoding="utf-8")):
            for prop in ("font-size", "line-height"):
                value = declarations.get(prop)
                if value is None:
                    continue
                for selector in selectors.split(","):
                    styled = _style_of(selector.strip())
                    order += 1
                    if styled is None:
                        continue
                    style, specificity = styled
                    if (style, prop) not in found or (specificity, order) >= found[(style, prop)][:2]:
                        found[(style, prop)] = (specificity, order, value)
    out: dict[str, Typeset] = {}
    for style in {style for style, _ in found}:
        size = _POINTS.fullmatch(found[(style, "font-size")][2]) if (style, "font-size") in found else None
        line = found[(style, "line-height")][2] if (style, "line-height") in found else ""
        points, factor = _POINTS.fullmatch(line), _FACTOR.fullmatch(line)
        out[style] = Typeset(float(size.group(1)) if size else None,
                             float(points.group(1)) if points else float(factor.group(0)) if factor else None, bool(points))
    return out
