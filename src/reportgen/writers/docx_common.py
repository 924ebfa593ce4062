"""What the parts of the DOCX writer share: inline formatting state, containers, names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.text.paragraph import Paragraph

INLINE = {"strong", "em", "sup", "sub", "a", "br", "span", "ins", "del"}
PARAGRAPH_STYLES = {
    "para": "Body Text",
    "issuer": "Masthead Issuer",
    "cover-line": "Cover Line",
    "title": "Document Title",
    "subtitle": "Document Subtitle",
    "kind": "Document Kind",
    "dateline": "Dateline",
    "toc-head": "Contents Heading",
    "toc-page": "Contents Page",
    "toc-1": "TOC 1",
    "toc-2": "TOC 2",
    "bio-name": "Body Text",
    "caption": "Caption",
    "centered": "Centered",
    "draft-line": "Draft Line",
}
SPACE = re.compile(r"\s+")


def bookmark_name(anchor: str) -> str:
    """Word bookmark names: a letter first, then letters, digits and underscores, at most 40."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    return ("_" + name if not name[:1].isalpha() else name)[:40]


def classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


@dataclass
class Fmt:
    bold: bool = False
    italic: bool = False
    sup: bool = False
    sub: bool = False


class Container:
    """Where paragraphs and tables go: the document body or a table cell."""

    def __init__(self, target: Any, reuse_first: bool = False) -> None:
        self.target = target
        self._reuse = reuse_first

    def paragraph(self, style: str | None = None) -> Paragraph:
        if self._reuse:
            self._reuse = False
            p = self.target.paragraphs[0]
            if style:
                p.style = style
            return p
        return self.target.add_paragraph(style=style)
