"""The HTML contract between templates and writers.

Both writers understand exactly this vocabulary (docs/html-contract.md explains each entry).
A template that emits anything else fails the build with a message naming the template and
the line of the rendered HTML, instead of one format silently dropping what the other shows.
Attributes are allowed per element, and their values checked where a writer relies on them:
no `style`, `src` or other attribute can make WeasyPrint load a file or lay out what Word cannot.
"""

from __future__ import annotations

import logging

import lxml.html
from lxml import etree

from ..core.errors import TemplateProblem

log = logging.getLogger(__name__)

# tag -> classes it may carry (empty set: no class allowed)
VOCABULARY: dict[str, set[str]] = {
    "html": set(), "head": set(), "meta": set(), "title": set(), "body": set(),
    "header": {"masthead"},
    "dl": set(), "dt": set(),
    "dd": {"distribution", "symbol", "date", "language", "original", "series", "status"},
    "div": {"cover", "page-break", "watermark", "intervention", "floor-debate", "biography", "front", "agenda-note", "brief",
            # house styles: masthead rows and cells, a title block on the first page without a cover
            "mh-row", "mh-cell", "title-block"},
    "section": {"annex", "landscape", "part", "changes", "columns"},
    "nav": {"toc"},
    "h1": set(), "h2": set(), "h3": set(), "h4": set(),
    "p": {"para", "issuer", "cover-line", "title", "subtitle", "kind", "dateline", "toc-1", "toc-2",
          "toc-head", "toc-page", "bio-name", "caption", "centered", "draft-line", "figure", "group-head", "note",
          # house styles: masthead lines, meeting and agenda item lines, theme, job number, notes
          "mh-top", "mh-organ", "mh-symbol", "mh-line", "mh-chain", "mh-organisation", "mh-logo",
          "headline", "meeting-line", "agenda-item", "agenda-title", "theme", "job-number", "translation-note"},
    "ol": set(), "ul": {"plain", "compact"}, "li": set(),
    "table": {"grid", "plain", "agenda", "facts", "brief", "changes", "counts"},
    "colgroup": set(), "col": set(), "thead": set(), "tbody": set(), "tr": {"group"}, "th": set(), "td": set(),
    "strong": set(), "em": set(), "sup": set(), "sub": set(), "a": set(), "br": set(),
    "span": {"fn", "label", "untranslated"},  # untranslated: original text in a language edition (lang=…)
    # redline (issue 11): tracked insertions and deletions, with data-author and data-date
    "ins": {"move"}, "del": {"move"},
    "img": set(),  # a picture: src (an SVG or PNG data:image/ URI), data-raster (PNG for Word), alt
}
OL_STYLES = {"(i)", "(a)", "a)", "a.", "i)", "1.", "(1)", "1)"}

# Attributes any element may carry; data-* attributes are allowed everywhere too (they carry
# information for the stylesheet and tests, and never load anything).
GLOBAL_ATTRIBUTES = {"class", "id", "lang", "dir"}
# tag -> further attributes it may carry
ATTRIBUTES: dict[str, set[str]] = {
    "meta": {"charset", "name", "content"},
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "scope"}, "td": {"colspan"},
    "img": {"src", "alt"},
}
# Attributes whose value is one of a few words.
CHOICES: dict[str, set[str]] = {"scope": {"col", "row"}, "data-valign": {"top", "bottom"}}  # data-valign: a masthead cell
# Bounds on the numbers writers lay out (generous: content tables are bounded by the schema).
MAX_COLSPAN = 100
MAX_WIDTH = 1000
MAX_START = 9999
# Link schemes that would run code or read files if followed (markdown-it refuses the same).
_BAD_SCHEMES = ("javascript:", "vbscript:", "file:", "data:")


def _whole_number(value: str | None, low: int, high: int) -> bool:
    return value is not None and value.strip().isdigit() and low <= int(value) <= high


def _attribute_problem(el: etree._Element) -> str | None:
    """What is wrong with the element's attributes, or None."""
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(el.tag, set())
    for name in el.attrib:
        if name not in allowed and not name.startswith("data-"):
            return f'<{el.tag} {name}="..."> is not part of the HTML contract (attributes of <{el.tag}>: {", ".join(sorted(allowed))}, data-*)'
    checks = {
        "colspan": (el.get("colspan"), 1, MAX_COLSPAN),
        "data-width": (el.get("data-width"), 1, MAX_WIDTH),
        "start": (el.get("start"), 1, MAX_START),
    }
    for name, (value, low, high) in checks.items():
        if value is not None and not _whole_number(value, low, high):
            return f'<{el.tag} {name}="{value[:20]}">: {name} must be a whole number from {low} to {high}'
    for name, words in CHOICES.items():
        value = el.get(name)
        if value is not None and value not in words:
            return f'<{el.tag} {name}="{value[:20]}">: {name} must be one of {", ".join(sorted(words))}'
    href = (el.get("href") or "").strip().lower()
    if href.startswith(_BAD_SCHEMES):
        return f'<a href="{href[:40]}">: links to {href.split(":")[0]}: addresses are not allowed'
    return None


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
        if el.tag == "img" and not (el.get("src") and el.get("alt")):
            raise TemplateProblem(f"{where}: <img> needs src and alt (the picture and its text for readers who cannot see it)")
        if el.tag == "img" and not all((el.get(a) or "data:image/").startswith("data:image/") for a in ("src", "data-raster")):
            raise TemplateProblem(f"{where}: <img> takes its picture as a data:image/ URI (src, data-raster), never from a file")
        if el.tag in {"h1", "h2", "h3", "h4"} and not el.get("id"):
            raise TemplateProblem(f"{where}: <{el.tag}> needs an id (for the contents and bookmarks)")
        problem = _attribute_problem(el)
        if problem:
            raise TemplateProblem(f"{where}: {problem}")
