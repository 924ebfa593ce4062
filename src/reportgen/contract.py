"""The HTML contract between templates and writers.

Both writers understand exactly this vocabulary (docs/html-contract.md explains each entry).
A template that emits anything else fails the build with a message naming the template and
the line of the rendered HTML, instead of one format silently dropping what the other shows.
"""

from __future__ import annotations

import logging

import lxml.html
from lxml import etree

from .errors import TemplateProblem

log = logging.getLogger(__name__)

# tag -> classes it may carry (empty set: no class allowed)
VOCABULARY: dict[str, set[str]] = {
    "html": set(), "head": set(), "meta": set(), "title": set(), "body": set(),
    "header": {"masthead"},
    "dl": set(), "dt": set(),
    "dd": {"distribution", "symbol", "date", "language", "original"},
    "div": {"cover", "page-break", "watermark", "intervention", "floor-debate", "biography", "front", "agenda-note"},
    "section": {"annex", "landscape", "part"},
    "nav": {"toc"},
    "h1": set(), "h2": set(), "h3": set(), "h4": set(),
    "p": {"para", "issuer", "cover-line", "title", "subtitle", "kind", "dateline", "toc-1", "toc-2",
          "toc-head", "toc-page", "bio-name", "caption", "centered", "draft-line"},
    "ol": set(), "ul": {"plain"}, "li": set(),
    "table": {"grid", "plain", "agenda", "facts", "brief"},
    "colgroup": set(), "col": set(), "thead": set(), "tbody": set(), "tr": {"group"}, "th": set(), "td": set(),
    "strong": set(), "em": set(), "sup": set(), "sub": set(), "a": set(), "br": set(),
    "span": {"fn", "label"},
}
OL_STYLES = {"(i)", "(a)", "a)", "i)", "1.", "(1)", "1)"}


def parse(html: str) -> etree._Element:
    """Parse rendered HTML into an element tree (the same parse both checks and DOCX use)."""
    return lxml.html.document_fromstring(html)


def check_html(html: str, template: str) -> None:
    """Raise TemplateProblem for the first element outside the contract."""
    root = parse(html)
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            continue
        where = f"{template}: rendered HTML line {el.sourceline}"
        if el.tag not in VOCABULARY:
            raise TemplateProblem(f"{where}: <{el.tag}> is not part of the HTML contract (docs/html-contract.md)")
        classes = set((el.get("class") or "").split())
        extra = classes - VOCABULARY[el.tag]
        if extra:
            raise TemplateProblem(f"{where}: <{el.tag} class=\"{' '.join(sorted(extra))}\"> is not part of the HTML contract")
        if el.tag == "ol" and el.get("data-style") not in OL_STYLES:
            raise TemplateProblem(f"{where}: <ol> needs data-style, one of {', '.join(sorted(OL_STYLES))}")
        if el.tag in {"h1", "h2", "h3", "h4"} and not el.get("id"):
            raise TemplateProblem(f"{where}: <{el.tag}> needs an id (for the contents and bookmarks)")
